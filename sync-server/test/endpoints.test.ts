/**
 * Every endpoint of the protocol, on PGlite and (TEST_DATABASE_URL) PostgreSQL.
 */
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDoc } from '../../domain/model';
import { requestSchema } from '../../domain/schemas';
import {
  Api,
  addCommune,
  addEpci,
  changed,
  created,
  enroll,
  enrollmentCode,
  makeDoc,
  openTestStorage,
  readStream,
  startServer,
  STORAGE_KINDS,
  type Device,
  type TestServer,
  type TestStorage,
} from './harness';

/** One call to each authenticated endpoint of the protocol. */
async function everyEndpoint(api: Api): Promise<Awaited<ReturnType<Api['request']>>[]> {
  const blob = `/api/v1/blobs/${'0'.repeat(64)}`;
  return [
    await api.pull('requests'),
    await api.push('requests', []),
    await api.request('GET', '/api/v1/schema/requests'),
    await api.request('GET', blob),
    await api.request('PUT', blob, 'octets', { 'content-type': 'application/octet-stream' }),
    await api.request('GET', '/api/v1/requests/stream'),
    await api.request('GET', '/api/v1/stream?collections=requests,events'),
  ];
}

describe.each(STORAGE_KINDS)('sync server endpoints on %s', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let communeId: string;
  let device: Device;

  beforeAll(async () => {
    storage = await openTestStorage(kind);
    // Generous limits here: the rate limits have their own server below.
    server = await startServer(storage, {
      blobBody: 64 * 1024,
      jsonBody: 256 * 1024,
      enrollRate: { capacity: 1_000, refillPerMinute: 1_000 },
      authFailureRate: { capacity: 1_000, refillPerMinute: 1_000 },
    });
    communeId = (await addCommune(storage, 'Villers')).id;
    device = await enroll(server, storage, communeId);
  });

  afterAll(async () => {
    await server?.close();
    await storage?.close();
  });

  it('answers /health with the storage kind', async () => {
    const answer = await new Api(server.url, null).request('GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok', version: expect.any(String), storage: kind });
  });

  describe('enrollment', () => {
    it('turns a code into a device with a token, its commune and a prefix of its own', async () => {
      const second = await enroll(server, storage, communeId, 'Tablette du maire');
      expect(second).toMatchObject({ commune: { id: communeId, name: 'Villers' }, kind: 'commune' });
      expect(second.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(second.devicePrefix).not.toBe(device.devicePrefix);
      expect((await second.api.pull('requests')).status).toBe(200);
    });

    it('names the commune’s intercommunality, so that its devices forward to the right tenant', async () => {
      const epci = await addEpci(storage, 'CC du Val');
      const member = await addCommune(storage, 'Membre', epci.id);
      expect((await enroll(server, storage, member.id)).epci).toEqual({ id: epci.id, name: 'CC du Val' });
      expect((await enroll(server, storage, epci.id)).epci).toBeNull();
      expect(device.epci).toBeNull();
    });

    it('refuses a code used twice, an unknown one and an expired one with 401', async () => {
      const anonymous = new Api(server.url, null);
      const code = await enrollmentCode(storage, communeId);
      expect((await anonymous.request('POST', '/api/v1/enroll', { code, deviceName: 'A' })).status).toBe(201);
      const reused = await anonymous.request('POST', '/api/v1/enroll', { code, deviceName: 'B' });
      expect(reused).toMatchObject({ status: 401, body: { error: { code: 'invalid_code' } } });
      expect((await anonymous.request('POST', '/api/v1/enroll', { code: 'AAAA-BBBB-CCCC', deviceName: 'C' })).status).toBe(401);
      const expired = await enrollmentCode(storage, communeId);
      await storage.db.query("UPDATE enrollment_codes SET expires_at = now() - interval '1 second'");
      expect((await anonymous.request('POST', '/api/v1/enroll', { code: expired, deviceName: 'D' })).status).toBe(401);
    });

    it('accepts a code typed in lower case with spaces', async () => {
      const code = await enrollmentCode(storage, communeId);
      const typed = ` ${code.toLowerCase().replace(/-/g, ' ')} `;
      expect((await new Api(server.url, null).request('POST', '/api/v1/enroll', { code: typed, deviceName: 'E' })).status).toBe(201);
    });

    it('stores codes and tokens only as hashes', async () => {
      const code = await enrollmentCode(storage, communeId);
      const rows = await storage.db.query('SELECT code_hash FROM enrollment_codes');
      expect(JSON.stringify(rows)).not.toContain(code.replace(/-/g, ''));
      const tokens = await storage.db.query('SELECT token_hash FROM devices');
      expect(JSON.stringify(tokens)).not.toContain(device.token);
      expect(tokens.map((row) => row['token_hash'])).toContain(createHash('sha256').update(device.token).digest('hex'));
    });

    it('refuses a malformed enrollment body with 400', async () => {
      const answer = await new Api(server.url, null).request('POST', '/api/v1/enroll', { code: 12 });
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
    });
  });

  describe('push and pull', () => {
    it('writes a new document, stamps updatedAt and hands it back in a pull', async () => {
      const doc = makeDoc('requests', communeId, { updatedAt: '1999-01-01T00:00:00.000Z' });
      expect(await device.api.push('requests', created(doc))).toMatchObject({ status: 200, body: [] });
      const all = await device.api.pullAll<RequestDoc>('requests');
      const pulled = all.find((item) => item.id === doc.id);
      expect(pulled).toMatchObject({ ...doc, updatedAt: expect.any(String), _deleted: false });
      expect(pulled?.updatedAt).not.toBe('1999-01-01T00:00:00.000Z');
      expect(Date.now() - Date.parse(pulled?.updatedAt ?? '')).toBeLessThan(60_000);
    });

    it('pages by checkpoint, in commit order, and returns the same checkpoint when nothing is new', async () => {
      const fresh = await enroll(server, storage, (await addCommune(storage, 'Paging')).id);
      const docs = Array.from({ length: 5 }, () => makeDoc('citizens', fresh.commune.id));
      for (const doc of docs) expect((await fresh.api.push('citizens', created(doc))).status).toBe(200);
      const first = await fresh.api.pull('citizens', null, 2);
      expect(first.body.documents.map((doc) => doc['id'])).toEqual([docs[0]?.id, docs[1]?.id]);
      const second = await fresh.api.pull('citizens', first.body.checkpoint, 10);
      expect(second.body.documents.map((doc) => doc['id'])).toEqual(docs.slice(2).map((doc) => doc.id));
      expect(second.body.checkpoint?.seq).toBeGreaterThan(first.body.checkpoint?.seq ?? Infinity);
      const third = await fresh.api.pull('citizens', second.body.checkpoint);
      expect(third.body).toEqual({ documents: [], checkpoint: second.body.checkpoint });
      expect((await fresh.api.pull('events')).body).toEqual({ documents: [], checkpoint: null });
    });

    it('moves a changed document after the others: its sequence is that of its last commit', async () => {
      const fresh = await enroll(server, storage, (await addCommune(storage, 'Order')).id);
      const [a, b] = [makeDoc('categories', fresh.commune.id), makeDoc('categories', fresh.commune.id)];
      await fresh.api.push('categories', created(a, b));
      const [pulledA] = (await fresh.api.pullAll('categories')).filter((doc) => doc['id'] === a.id);
      await fresh.api.push('categories', [changed(pulledA ?? a, { label: 'Renamed' })]);
      expect((await fresh.api.pullAll('categories')).map((doc) => doc['id'])).toEqual([b.id, a.id]);
    });

    it('hands out deletions with _deleted: true', async () => {
      const doc = makeDoc('replytemplates', communeId);
      await device.api.push('replytemplates', created(doc));
      const pulled = (await device.api.pullAll('replytemplates')).find((item) => item['id'] === doc.id);
      expect(pulled).toBeDefined();
      expect((await device.api.push('replytemplates', [changed(pulled ?? doc, { _deleted: true })])).body).toEqual([]);
      const after = (await device.api.pullAll('replytemplates')).find((item) => item['id'] === doc.id);
      expect(after?._deleted).toBe(true);
    });

    it('refuses a bad checkpoint or limit with 400 and an unknown collection with 404', async () => {
      const bad = await device.api.request('GET', '/api/v1/requests/pull?checkpoint=%7Bnope');
      expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
      expect((await device.api.request('GET', '/api/v1/requests/pull?checkpoint=%7B%22seq%22%3A-1%7D')).status).toBe(400);
      expect((await device.api.request('GET', '/api/v1/requests/pull?limit=0')).status).toBe(400);
      expect((await device.api.request('GET', '/api/v1/requests/pull?limit=1000000')).status).toBe(400);
      const unknown = await device.api.request('GET', '/api/v1/users/pull');
      expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'unknown_collection' } } });
      expect((await device.api.push('drafts', [])).status).toBe(404);
    });

    it('gzips pulls for clients that accept it', async () => {
      const response = await fetch(`${server.url}/api/v1/requests/pull?limit=50`, {
        headers: device.api.headers({ 'accept-encoding': 'gzip' }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe('gzip');
      expect(((await response.json()) as { documents: unknown[] }).documents.length).toBeGreaterThan(0);
    });
  });

  describe('compare-and-set', () => {
    async function pulledOne(api: Api, id: string): Promise<RequestDoc & { _deleted: boolean }> {
      const doc = (await api.pullAll<RequestDoc>('requests')).find((item) => item.id === id);
      if (!doc) throw new Error(`not pulled: ${id}`);
      return doc;
    }

    it('answers with the server state when the assumed state is stale, and writes nothing', async () => {
      const other = await enroll(server, storage, communeId);
      const doc = makeDoc('requests', communeId);
      await device.api.push('requests', created(doc));
      const base = await pulledOne(device.api, doc.id);
      expect((await other.api.push('requests', [changed(base, { subject: 'By the other device' })])).body).toEqual([]);
      const winner = await pulledOne(device.api, doc.id);
      const conflict = await device.api.push<RequestDoc>('requests', [changed(base, { description: 'Mine' })]);
      expect(conflict.status).toBe(200);
      expect(conflict.body).toEqual([winner]);
      expect(await pulledOne(device.api, doc.id)).toEqual(winner);
    });

    it('treats a push re-sent after a lost answer as done: nothing written, no new sequence number', async () => {
      const doc = makeDoc('requests', communeId);
      await device.api.push('requests', created(doc));
      const base = await pulledOne(device.api, doc.id);
      const row = changed(base, { subject: 'Once', updatedAt: '2026-01-01T00:00:00.000Z' });
      expect((await device.api.push('requests', [row])).body).toEqual([]);
      const stored = await pulledOne(device.api, doc.id);
      const seqAfterFirst = (await device.api.pull('requests', null, 2_000)).body.checkpoint;
      // The answer hands back the server's stamped copy, so that the device adopts the stamp: same content, nothing to merge.
      expect((await device.api.push('requests', [row])).body).toEqual([stored]);
      expect({ ...stored, updatedAt: row.newDocumentState.updatedAt }).toEqual(row.newDocumentState);
      expect((await device.api.pull('requests', seqAfterFirst)).body.documents).toEqual([]);
      expect(await pulledOne(device.api, doc.id)).toEqual(stored);
      // Sent with the server's stamp (what the device holds once it pulled), the retry is not even answered.
      expect((await device.api.push('requests', [{ newDocumentState: stored, assumedMasterState: base }])).body).toEqual([]);
    });

    it('re-sending a creation after the document changed is a conflict, not an overwrite', async () => {
      const doc = makeDoc('requests', communeId);
      await device.api.push('requests', created(doc));
      const base = await pulledOne(device.api, doc.id);
      await device.api.push('requests', [changed(base, { subject: 'Changed' })]);
      const answer = await device.api.push<RequestDoc>('requests', created({ ...doc, subject: 'Stale creation' }));
      expect(answer.body.map((item) => item.subject)).toEqual(['Changed']);
    });

    it('compares states whatever the key order and whatever updatedAt the device carries', async () => {
      const doc = makeDoc('requests', communeId);
      await device.api.push('requests', created(doc));
      const base = await pulledOne(device.api, doc.id);
      const reordered = Object.fromEntries(Object.entries(base).reverse()) as typeof base;
      const assumed = { ...reordered, updatedAt: '2001-01-01T00:00:00.000Z' };
      expect(
        (await device.api.push('requests', [{ newDocumentState: { ...base, subject: 'Reordered' }, assumedMasterState: assumed }])).body,
      ).toEqual([]);
      expect((await pulledOne(device.api, doc.id)).subject).toBe('Reordered');
    });

    it('replicates writes with identical timestamps and from clocks a day off, ordered by the server', async () => {
      const sameTime = '2026-03-12T09:00:00.000Z';
      const ahead = new Date(Date.now() + 86_400_000).toISOString();
      const behind = new Date(Date.now() - 86_400_000).toISOString();
      const docs = [sameTime, sameTime, ahead, behind].map((at) => makeDoc('events', communeId, { at, updatedAt: at }));
      for (const doc of docs) expect((await device.api.push('events', created(doc))).body).toEqual([]);
      const events = await device.api.pullAll('events');
      const ids = events.map((event) => event['id']);
      const positions = docs.map((doc) => ids.indexOf(doc.id));
      expect(positions.every((position) => position >= 0)).toBe(true);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      const stamps = docs.map((doc) => String(events.find((event) => event['id'] === doc.id)?.['updatedAt']));
      expect([...stamps].sort()).toEqual(stamps);
      // each device's own `at` is kept: it is what happened, the server only orders
      expect(events.find((event) => event['id'] === docs[2]?.id)?.['at']).toBe(ahead);
    });

    it('a second device behind by a day still wins a compare-and-set it is entitled to', async () => {
      const doc = makeDoc('requests', communeId, { updatedAt: new Date(Date.now() + 86_400_000).toISOString() });
      await device.api.push('requests', created(doc));
      const base = await pulledOne(device.api, doc.id);
      const late = { ...base, subject: 'From the slow clock', updatedAt: new Date(Date.now() - 86_400_000).toISOString() };
      expect((await device.api.push('requests', [{ newDocumentState: late, assumedMasterState: base }])).body).toEqual([]);
      expect((await pulledOne(device.api, doc.id)).subject).toBe('From the slow clock');
    });
  });

  describe('bad input', () => {
    it('refuses a push with one invalid document whole, saying which and why', async () => {
      const good = makeDoc('requests', communeId);
      const bad = { ...makeDoc('requests', communeId), status: 'lost', extra: 1 };
      const answer = await device.api.push('requests', created(good, bad));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'invalid_document', index: 1, id: bad.id } });
      const details = (answer.body as unknown as { error: { details: string[] } }).error.details.join(' ');
      expect(details).toContain('/status');
      expect(details).toContain('extra');
      const ids = (await device.api.pullAll('requests')).map((doc) => doc['id']);
      expect(ids).not.toContain(good.id);
    });

    it('refuses documents missing fields, non-objects and non-array bodies with 400', async () => {
      const { subject: _dropped, ...missing } = makeDoc('requests', communeId);
      expect((await device.api.push('requests', created(missing))).status).toBe(400);
      expect((await device.api.push('requests', [42])).status).toBe(400);
      expect(
        (await device.api.push('requests', [{ newDocumentState: makeDoc('requests', communeId), assumedMasterState: 'x' }])).status,
      ).toBe(400);
      expect((await device.api.push('requests', { newDocumentState: {} })).status).toBe(400);
    });

    it('refuses malformed JSON with 400 invalid_json', async () => {
      const answer = await device.api.request('POST', '/api/v1/requests/push', '[{"newDocumentState": ');
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
    });

    it('refuses a JSON body over the limit with 413, declared or streamed', async () => {
      const huge = JSON.stringify(
        created(...Array.from({ length: 200 }, () => makeDoc('requests', communeId, { description: 'x'.repeat(2_000) }))),
      );
      const declared = await device.api.request('POST', '/api/v1/requests/push', huge);
      expect(declared).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
      const streamed = await fetch(`${server.url}/api/v1/requests/push`, {
        method: 'POST',
        headers: device.api.headers({ 'content-type': 'application/json' }),
        body: streamOf(Buffer.from(huge), 16 * 1024),
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
    });

    it('refuses bodies after the token check: no token, no reading', async () => {
      const answer = await new Api(server.url, null).request('POST', '/api/v1/requests/push', '{not even json');
      expect(answer.status).toBe(401);
    });
  });

  describe('tokens', () => {
    it('refuses a missing, malformed or unknown token with 401', async () => {
      expect(await new Api(server.url, null).request('GET', '/api/v1/requests/pull')).toMatchObject({
        status: 401,
        body: { error: { code: 'unauthorized' } },
      });
      const malformed = await fetch(`${server.url}/api/v1/requests/pull`, { headers: { authorization: 'Basic abc' } });
      expect(malformed.status).toBe(401);
      const unknown = await new Api(server.url, 'A'.repeat(43)).request('GET', '/api/v1/requests/pull');
      expect(unknown).toMatchObject({ status: 401, body: { error: { code: 'invalid_token' } } });
    });

    it('refuses a revoked token with 401 on every endpoint', async () => {
      const victim = await enroll(server, storage, communeId);
      expect((await victim.api.pull('requests')).status).toBe(200);
      await storage.db.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [victim.deviceId]);
      for (const answer of await everyEndpoint(victim.api)) {
        expect(answer).toMatchObject({ status: 401, body: { error: { code: 'token_revoked' } } });
      }
    });

    it('refuses an expired token with 401 on every endpoint, and slides the expiry of a device in use', async () => {
      const victim = await enroll(server, storage, communeId);
      await storage.db.query("UPDATE devices SET expires_at = now() - interval '1 second' WHERE id = $1", [victim.deviceId]);
      for (const answer of await everyEndpoint(victim.api)) {
        expect(answer).toMatchObject({ status: 401, body: { error: { code: 'token_expired' } } });
      }
      const active = await enroll(server, storage, communeId);
      await storage.db.query(
        "UPDATE devices SET last_seen_at = now() - interval '2 days', expires_at = now() + interval '1 day' WHERE id = $1",
        [active.deviceId],
      );
      expect((await active.api.pull('requests')).status).toBe(200);
      const [row] = await storage.db.query('SELECT expires_at FROM devices WHERE id = $1', [active.deviceId]);
      expect(new Date(String(row?.['expires_at'])).getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    });
  });

  describe('schema versions (426)', () => {
    it('tells a device with an older schema to update, and a newer one that the server is behind', async () => {
      const current = requestSchema.version;
      const old = device.api.withHeaders({ 'x-guichet-schema': String(current - 1) });
      expect(await old.pull('requests')).toMatchObject({ status: 426, body: { error: { code: 'upgrade_required' } } });
      expect((await old.request('GET', '/api/v1/requests/stream')).status).toBe(426);
      const newer = device.api.withHeaders({ 'x-guichet-schema': String(current + 1) });
      expect(await newer.pull('requests')).toMatchObject({ status: 400, body: { error: { code: 'schema_too_new' } } });
      expect((await device.api.withHeaders({ 'x-guichet-schema': String(current) }).pull('requests')).status).toBe(200);
      expect((await device.api.request('GET', `/api/v1/requests/pull?schema=${current - 1}`)).status).toBe(426);
      expect((await device.api.withHeaders({ 'x-guichet-schema': 'one' }).pull('requests')).status).toBe(400);
    });

    it('still accepts the offline work of a device one version behind, brought to the current schema', async () => {
      const current = requestSchema.version;
      // version 1: an answer without its kind (domain/replies.ts), final since it answered the request
      const answer = {
        text: 'Réparé.',
        templateId: null,
        answeredAt: '2026-03-13T10:00:00.000Z',
        by: 'u1',
        approvedBy: null,
        approvedAt: null,
      };
      const v1 = { ...makeDoc('requests', communeId), status: 'answered', answer };
      const behind = device.api.withHeaders({ 'x-guichet-schema': String(current - 1) });
      expect((await behind.push('requests', created(v1))).body).toEqual([]);
      const answered = (await device.api.pullAll<RequestDoc>('requests')).find((doc) => doc.id === v1.id);
      expect(answered?.answer).toEqual({ ...answer, kind: 'final' });
    });

    it('still accepts the offline work of a device at version 0, brought through every migration', async () => {
      const { citizenId: _c, flags: _f, onBehalf: _o, searchText: _s, ...rest } = makeDoc('requests', communeId);
      const v0 = { ...rest, citizenId: null, citizenName: 'Hélène Lefèvre', needsMayor: true };
      const old = device.api.withHeaders({ 'x-guichet-schema': '0' });
      expect((await old.push('requests', created(v0))).body).toEqual([]);
      const stored = (await device.api.pullAll<RequestDoc>('requests')).find((doc) => doc.id === v0.id);
      expect(stored).toMatchObject({ citizenId: '', flags: { needsMayor: true, sensitive: false }, onBehalf: null });
      expect(stored).not.toHaveProperty('citizenName');
    });
  });

  describe('schema endpoint', () => {
    it('serves each collection’s schema to a device, 404 for others, 401 without a token', async () => {
      const answer = await device.api.request<{ title: string; version: number; primaryKey: string }>('GET', '/api/v1/schema/requests');
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ title: 'requests', primaryKey: 'id', version: requestSchema.version });
      expect((await device.api.request('GET', '/api/v1/schema/drafts')).status).toBe(404);
      expect((await new Api(server.url, null).request('GET', '/api/v1/schema/requests')).status).toBe(401);
    });
  });

  describe('blobs', () => {
    const bytes = Buffer.from('%PDF-1.4 a scanned letter');
    const sha = createHash('sha256').update(bytes).digest('hex');

    function put(api: Api, name: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
      return fetch(`${server.url}/api/v1/blobs/${name}`, {
        method: 'PUT',
        headers: api.headers({ 'content-type': 'application/octet-stream', ...headers }),
        body,
        duplex: 'half',
      } as RequestInit);
    }

    it('stores bytes under their hash and gives them back', async () => {
      const response = await put(device.api, sha, bytes);
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ sha256: sha, size: bytes.length });
      expect((await put(device.api, sha, bytes)).status).toBe(201);
      const back = await fetch(`${server.url}/api/v1/blobs/${sha}`, { headers: device.api.headers() });
      expect(back.status).toBe(200);
      expect(Buffer.from(await back.arrayBuffer())).toEqual(bytes);
    });

    it('accepts any content type, or none', async () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
      const name = createHash('sha256').update(png).digest('hex');
      expect((await put(device.api, name, png, { 'content-type': 'image/png' })).status).toBe(201);
    });

    it('refuses bytes that do not hash to the name with 400, and a bad name with 400', async () => {
      const wrong = await put(device.api, 'a'.repeat(64), bytes);
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ error: { code: 'hash_mismatch' } });
      expect((await device.api.request('GET', '/api/v1/blobs/../../etc/passwd')).status).toBe(404);
      expect((await device.api.request('GET', '/api/v1/blobs/ABC')).status).toBe(400);
    });

    it('refuses blobs over the limit with 413, declared or streamed, and stores nothing', async () => {
      const big = Buffer.alloc(200 * 1024, 7);
      const name = createHash('sha256').update(big).digest('hex');
      const declared = await put(device.api, name, big);
      expect(declared.status).toBe(413);
      const streamed = await put(device.api, name, streamOf(big, 8 * 1024)).catch((error: unknown) => error);
      if (streamed instanceof Response) expect(streamed.status).toBe(413);
      else expect(String(streamed)).toMatch(/fetch failed|socket|closed/i);
      expect((await device.api.request('GET', `/api/v1/blobs/${name}`)).status).toBe(404);
    });

    it('answers 404 for a blob nobody uploaded', async () => {
      expect((await device.api.request('GET', `/api/v1/blobs/${'b'.repeat(64)}`)).status).toBe(404);
    });
  });

  describe('stream', () => {
    it('delivers pushed documents live, with their checkpoint', async () => {
      const doc = makeDoc('citizens', communeId);
      const { status, events } = await readStream(`${server.url}/api/v1/citizens/stream`, device.api.headers(), {
        count: 1,
        timeoutMs: 10_000,
        onOpen: async () => {
          await device.api.push('citizens', created(doc));
        },
      });
      expect(status).toBe(200);
      const [event] = events;
      expect(event?.data).toMatchObject({ documents: [{ id: doc.id, _deleted: false }], checkpoint: { seq: expect.any(Number) } });
    });

    it('multiplexes several collections on one connection, each event named after its collection', async () => {
      const event = makeDoc('events', communeId);
      const category = makeDoc('categories', communeId);
      const { events } = await readStream(`${server.url}/api/v1/stream?collections=events,categories`, device.api.headers(), {
        count: 2,
        timeoutMs: 10_000,
        onOpen: async () => {
          await device.api.push('events', created(event));
          await device.api.push('categories', created(category));
        },
      });
      expect(events.map((item) => item.event).sort()).toEqual(['categories', 'events']);
      expect((await device.api.request('GET', '/api/v1/stream?collections=events,drafts')).status).toBe(404);
    });

    it('ends streams when the server closes, so that shutdown completes', async () => {
      const own = await startServer(storage);
      const ownDevice = new Api(own.url, device.token);
      const reading = readStream(`${own.url}/api/v1/requests/stream`, ownDevice.headers(), {
        count: 1,
        timeoutMs: 20_000,
        onOpen: () => undefined,
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      await own.close();
      const { events } = await reading;
      expect(events).toEqual([]);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });

  it('closes promptly with a connection that never sent a request (it has nothing to finish)', async () => {
    const own = await startServer(storage);
    const { port } = new URL(own.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    socket.destroy();
  });

  describe('rate limits', () => {
    it('refuses enrollment attempts beyond the allowance with 429 and Retry-After', async () => {
      const own = await startServer(storage, { enrollRate: { capacity: 3, refillPerMinute: 1 } });
      try {
        const anonymous = new Api(own.url, null);
        const statuses: number[] = [];
        for (let i = 0; i < 5; i += 1)
          statuses.push((await anonymous.request('POST', '/api/v1/enroll', { code: 'WRONG-CODE', deviceName: 'x' })).status);
        expect(statuses).toEqual([401, 401, 401, 429, 429]);
        const limited = await anonymous.request('POST', '/api/v1/enroll', {
          code: await enrollmentCode(storage, communeId),
          deviceName: 'x',
        });
        expect(limited).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      } finally {
        await own.close();
      }
    });

    it('refuses an IP that keeps failing authentication with 429, even with a good token afterwards', async () => {
      const own = await startServer(storage, { authFailureRate: { capacity: 3, refillPerMinute: 1 } });
      try {
        const good = new Api(own.url, device.token);
        expect((await good.pull('requests')).status).toBe(200);
        const bad = new Api(own.url, 'B'.repeat(43));
        const statuses: number[] = [];
        for (let i = 0; i < 5; i += 1) statuses.push((await bad.pull('requests')).status);
        expect(statuses).toEqual([401, 401, 401, 429, 429]);
        expect((await good.pull('requests')).status).toBe(429);
      } finally {
        await own.close();
      }
    });
  });

  describe('CORS', () => {
    it('answers preflights and allows any origin: tokens are headers, never cookies', async () => {
      const preflight = await fetch(`${server.url}/api/v1/requests/push`, {
        method: 'OPTIONS',
        headers: {
          origin: 'app://guichet',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
      const pull = await fetch(`${server.url}/api/v1/requests/pull`, { headers: device.api.headers({ origin: 'app://guichet' }) });
      expect(pull.headers.get('access-control-allow-origin')).toBe('*');
      expect(pull.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('lets the app in a browser read the errors too: a refused code, a refused token, the stream', async () => {
      const origin = { origin: 'http://127.0.0.1:4317' };
      const enrollAnswer = await fetch(`${server.url}/api/v1/enroll`, {
        method: 'POST',
        headers: { ...origin, 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'AAAA-BBBB-CCCC', deviceName: 'Poste' }),
      });
      expect(enrollAnswer.status).toBe(401);
      expect(enrollAnswer.headers.get('access-control-allow-origin')).toBe('*');
      const refused = await fetch(`${server.url}/api/v1/requests/pull`, {
        headers: { ...origin, authorization: `Bearer ${'C'.repeat(43)}` },
      });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('access-control-allow-origin')).toBe('*');
      const preflight = await fetch(`${server.url}/api/v1/enroll`, {
        method: 'OPTIONS',
        headers: { ...origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
      const controller = new AbortController();
      const stream = await fetch(`${server.url}/api/v1/stream?collections=requests`, {
        headers: device.api.headers({ ...origin, accept: 'text/event-stream' }),
        signal: controller.signal,
      });
      expect(stream.headers.get('access-control-allow-origin')).toBe('*');
      controller.abort();
    });
  });
});

/** A body sent in chunks without Content-Length (chunked transfer). */
function streamOf(bytes: Buffer, chunk: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + chunk)));
      offset += chunk;
    },
  });
}
