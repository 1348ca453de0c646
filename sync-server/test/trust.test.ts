import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDoc, RequestDoc, SettingsDoc } from '../../domain/model';
import { runAdmin } from '../src/admin';
import { parseArgs } from '../src/cli-args';
import { parseTrustedProxies } from '../src/trusted-proxies';
import {
  type Api,
  addCommune,
  addEpci,
  changed,
  created,
  enroll,
  makeDoc,
  openTestStorage,
  readStream,
  startServer,
  STORAGE_KINDS,
  type Device,
  type TestServer,
  type TestStorage,
  blobOf,
  pullOne,
  putBlob,
  transferTo,
} from './harness';

type Wire<Doc> = Doc & { _deleted: boolean };

async function getBlobStatus(api: Api, sha: string): Promise<number> {
  const response = await fetch(`${api.url}/api/v1/blobs/${sha}`, { headers: api.headers() });
  await response.arrayBuffer();
  return response.status;
}

describe.each(STORAGE_KINDS)('who may write what on %s', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let epciId: string;
  let a: Device;
  let a2: Device;
  let mayor: Device;
  let e: Device;
  let b: Device;
  let forwarded: Wire<RequestDoc>;

  beforeAll(async () => {
    storage = await openTestStorage(kind);
    server = await startServer(storage, { enrollRate: { capacity: 100, refillPerMinute: 100 } });
    epciId = (await addEpci(storage, 'CC du Val')).id;
    const communeA = await addCommune(storage, 'Commune A', epciId);
    const communeB = await addCommune(storage, 'Commune B', epciId);
    a = await enroll(server, storage, communeA.id, 'Secrétariat');
    a2 = await enroll(server, storage, communeA.id, 'Second poste');
    mayor = await enroll(server, storage, communeA.id, 'Tablette du maire', 'mayor');
    e = await enroll(server, storage, epciId, 'CC');
    b = await enroll(server, storage, communeB.id, 'Commune B');
    const request = makeDoc('requests', a.commune.id, {
      attachments: [],
      status: 'transferred',
      competence: 'epci',
      transfer: transferTo(epciId),
    });
    expect((await a.api.push('requests', created(request))).body).toEqual([]);
    const stored = await pullOne<RequestDoc>(a.api, 'requests', request.id);
    if (!stored) throw new Error('forwarded request not stored');
    forwarded = stored;
  });

  afterAll(async () => {
    await server?.close();
    await storage?.close();
  });

  describe('the journal', () => {
    it('names the device that pushed a line, whatever the line says', async () => {
      const line = makeDoc('events', a.commune.id, { requestId: forwarded.id, deviceId: 'the-secretary-s-own-id' });
      expect((await a.api.push('events', created(line))).body).toEqual([]);
      expect((await pullOne<EventDoc>(a.api, 'events', line.id))?.deviceId).toBe(a.deviceId);
    });

    it('a push of a line re-sent after a lost answer writes nothing and hands back the stamped line', async () => {
      const line = makeDoc('events', a.commune.id, { requestId: forwarded.id, deviceId: 'local-id' });
      await a.api.push('events', created(line));
      const before = await pullOne<EventDoc>(a.api, 'events', line.id);
      const retry = await a.api.push<EventDoc>('events', created(line));
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual([before]);
      expect(await pullOne<EventDoc>(a.api, 'events', line.id)).toEqual(before);
    });

    it('no device, of the commune or not, rewrites or deletes an existing line', async () => {
      const line = makeDoc('events', a.commune.id, { requestId: forwarded.id, text: 'Appel de Mme Lefèvre' });
      await a.api.push('events', created(line));
      const stored = await pullOne<EventDoc>(a.api, 'events', line.id);
      if (!stored) throw new Error('line not stored');
      for (const device of [a, a2, mayor, e]) {
        const rewrite = await device.api.push('events', [changed(stored, { text: 'réécrit' })]);
        expect(rewrite.status, device.deviceId).toBe(403);
        const erase = await device.api.push('events', [changed(stored, { _deleted: true })]);
        expect(erase.status, device.deviceId).toBe(403);
      }
      expect(await pullOne<EventDoc>(a.api, 'events', line.id)).toEqual(stored);
    });

    it('the intercommunality adds handling lines under its own device, never an export in the secretary’s name', async () => {
      const note = makeDoc('events', a.commune.id, { requestId: forwarded.id, type: 'note', deviceId: a.deviceId, actorName: 'CC du Val' });
      expect((await e.api.push('events', created(note))).body).toEqual([]);
      expect((await pullOne<EventDoc>(a.api, 'events', note.id))?.deviceId).toBe(e.deviceId);
      const forged = makeDoc('events', a.commune.id, {
        requestId: forwarded.id,
        type: 'exported',
        deviceId: a.deviceId,
        actorId: 'u-secretaire',
        actorName: 'Secrétaire',
      });
      const answer = await e.api.push('events', created(forged));
      expect(answer).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      expect(await pullOne(a.api, 'events', forged.id)).toBeUndefined();
    });
  });

  describe('a forwarded request, from the intercommunality', () => {
    it('may move its status and answer it', async () => {
      const answer = {
        text: 'Bac remplacé le 20 mars.',
        kind: 'final' as const,
        templateId: null,
        answeredAt: '2026-03-20T10:00:00.000Z',
        by: 'agent-cc',
        approvedBy: null,
        approvedAt: null,
      };
      expect((await e.api.push('requests', [changed(forwarded, { status: 'answered', statusReason: '', answer })])).body).toEqual([]);
      const stored = await pullOne<RequestDoc>(a.api, 'requests', forwarded.id);
      expect(stored).toMatchObject({ status: 'answered', answer: { text: answer.text } });
      if (stored) forwarded = stored;
    });

    it('may not forge the mayor’s approval, rewrite or re-point the transfer, nor touch anything else: 403, the commune’s copy untouched', async () => {
      const approval = {
        answer: {
          ...(forwarded.answer as NonNullable<RequestDoc['answer']>),
          approvedBy: 'u-maire',
          approvedAt: '2026-03-20T11:00:00.000Z',
        },
      };
      const attempts: Partial<RequestDoc>[] = [
        approval,
        { transfer: { ...transferTo(epciId, 'Bac de la CC'), note: 'réécrit' } },
        { transfer: { ...transferTo(epciId), by: 'quelqu’un', at: '2026-01-01T00:00:00.000Z' } },
        { transfer: { ...transferTo(epciId), toId: b.commune.id } },
        { subject: 'autre objet' },
        { assigneeId: 'agent-cc' },
        { flags: { needsMayor: false, sensitive: true } },
      ];
      for (const changes of attempts) {
        const answer = await e.api.push('requests', [changed(forwarded, changes)]);
        expect(answer.status, JSON.stringify(changes)).toBe(403);
        expect((answer.body as unknown as { error: { message: string } }).error.message).toMatch(/may not change/);
      }
      expect(await pullOne<RequestDoc>(a.api, 'requests', forwarded.id)).toEqual(forwarded);
    });
  });

  describe('the mayor’s tablet', () => {
    it('approves an answer, and may not delete a request nor change the commune’s set-up', async () => {
      const request = makeDoc('requests', a.commune.id, {
        attachments: [],
        answer: {
          text: 'Accord.',
          kind: 'final',
          templateId: null,
          answeredAt: '2026-03-20T10:00:00.000Z',
          by: 'u-secretaire',
          approvedBy: null,
          approvedAt: null,
        },
      });
      await a.api.push('requests', created(request));
      const stored = await pullOne<RequestDoc>(a.api, 'requests', request.id);
      if (!stored?.answer) throw new Error('request not stored');
      const approved = { answer: { ...stored.answer, approvedBy: 'u-maire', approvedAt: '2026-03-20T11:00:00.000Z' } };
      expect((await mayor.api.push('requests', [changed(stored, approved)])).body).toEqual([]);
      const now = await pullOne<RequestDoc>(a.api, 'requests', request.id);
      if (!now) throw new Error('request gone');
      expect((await mayor.api.push('requests', [changed(now, { _deleted: true })])).status).toBe(403);
      const settings = makeDoc('settings', a.commune.id, { id: 'commune', name: 'Commune A' });
      await a.api.push('settings', created(settings));
      const storedSettings = await pullOne<SettingsDoc>(a.api, 'settings', 'commune');
      if (!storedSettings) throw new Error('settings not stored');
      expect((await mayor.api.push('settings', [changed(storedSettings, { name: 'Autre nom' })])).status).toBe(403);
      expect((await pullOne<SettingsDoc>(a.api, 'settings', 'commune'))?.name).toBe('Commune A');
    });
  });

  describe('reading, for every kind of device', () => {
    it('the mayor’s tablet and a second device read their commune on every endpoint, and nothing of another', async () => {
      const theirs = blobOf('pièce de la commune B, lue par personne d’autre');
      expect(await putBlob(b.api, theirs)).toBe(201);
      const bRequest = makeDoc('requests', b.commune.id, { attachments: [] });
      await b.api.push('requests', created(bRequest));
      for (const device of [mayor, a2]) {
        for (const collection of ['requests', 'events', 'citizens', 'settings'] as const) {
          const docs = await device.api.pullAll(collection);
          expect(
            docs.filter((doc) => doc['communeId'] !== a.commune.id),
            `${collection} for ${device.deviceId}`,
          ).toEqual([]);
        }
        expect(await pullOne(device.api, 'requests', forwarded.id)).toBeDefined();
        expect(await getBlobStatus(device.api, theirs.sha)).toBe(404);
        expect((await device.api.push('requests', created({ ...bRequest, subject: 'forgé' }))).status).toBe(403);
        const { status, events } = await readStream(`${server.url}/api/v1/stream?collections=requests`, device.api.headers(), {
          count: 1,
          timeoutMs: 10_000,
          onOpen: async () => {
            await b.api.push('requests', created(makeDoc('requests', b.commune.id, { attachments: [] })));
            await a.api.push('requests', created(makeDoc('requests', a.commune.id, { attachments: [], subject: 'vu de la tablette' })));
          },
        });
        expect(status).toBe(200);
        expect(events[0]?.data).toMatchObject({ documents: [{ communeId: a.commune.id, subject: 'vu de la tablette' }] });
      }
    });
  });

  describe('blobs', () => {
    it('the intercommunality reads a forwarded request’s attachment only if that request’s commune uploaded it', async () => {
      const theirs = blobOf('courrier de la commune B');
      const mine = blobOf('photo du bac de la commune A');
      expect(await putBlob(b.api, theirs)).toBe(201);
      expect(await putBlob(a.api, mine)).toBe(201);
      const attachment = (blob: { bytes: Buffer; sha: string }) => ({
        sha256: blob.sha,
        name: 'piece.pdf',
        mimeType: 'application/pdf',
        size: blob.bytes.length,
        addedAt: '2026-03-12T09:16:30.000Z',
        addedBy: 'u',
      });
      const request = makeDoc('requests', a.commune.id, {
        status: 'transferred',
        competence: 'epci',
        transfer: transferTo(epciId),
        attachments: [attachment(theirs), attachment(mine)],
      });
      expect((await a.api.push('requests', created(request))).body).toEqual([]);
      expect(await getBlobStatus(e.api, mine.sha)).toBe(200);
      expect(await getBlobStatus(e.api, theirs.sha)).toBe(404);
      expect(await getBlobStatus(a.api, theirs.sha)).toBe(404);
    });
  });
});

describe.each(STORAGE_KINDS)('hostile JSON through the push path on %s', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let device: Device;

  beforeAll(async () => {
    storage = await openTestStorage(kind);
    server = await startServer(storage);
    device = await enroll(server, storage, (await addCommune(storage, 'Commune')).id);
  });

  afterAll(async () => {
    await server?.close();
    await storage?.close();
  });

  async function refused(rows: unknown, status: number, field: RegExp | string): Promise<void> {
    const answer = await device.api.push('requests', rows);
    expect(answer.status).toBe(status);
    const error = (answer.body as unknown as { error: { field?: string; message: string } }).error;
    expect(error.field).toMatch(field);
    expect(error.message).toContain(error.field ?? '');
  }

  it('a NUL or a lone surrogate in a text, a key or an id is a 400 naming the field, and nothing of the push is written', async () => {
    const fine = makeDoc('requests', device.commune.id);
    await refused(
      created(fine, makeDoc('requests', device.commune.id, { subject: 'Lampadaire\u0000éteint' })),
      400,
      '/1/newDocumentState/subject',
    );
    await refused(created(makeDoc('requests', device.commune.id, { id: 'abc\uD800' })), 400, '/0/newDocumentState/id');
    await refused(created(makeDoc('requests', device.commune.id, { categoryFields: { ['cl\u0000e']: 'x' } })), 400, /categoryFields/);
    await refused(created(makeDoc('requests', device.commune.id, { description: 'fin\uDC00' })), 400, '/0/newDocumentState/description');
    expect(await device.api.pullAll('requests')).toEqual([]);
  });

  it('a deep nesting in assumedMasterState is a 400, not a stack overflow', async () => {
    // Written out by hand: JSON.stringify itself would overflow on such a value.
    const deep = `${'{"deeper":'.repeat(5_000)}{}${'}'.repeat(5_000)}`;
    const doc = JSON.stringify(makeDoc('requests', device.commune.id));
    const assumed = doc.replace('"channelFacts":{', `"channelFacts":{"deep":${deep},`);
    const answer = await device.api.push('requests', `[{"newDocumentState":${doc},"assumedMasterState":${assumed}}]`);
    expect(answer.status).toBe(400);
    expect((answer.body as unknown as { error: { message: string } }).error.message).toMatch(/nested deeper/);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('a huge key count or text is a 413 with a clear message; a number out of range a 400', async () => {
    const categoryFields = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 'x']));
    await refused(created(makeDoc('requests', device.commune.id, { categoryFields })), 413, '/0/newDocumentState/categoryFields');
    await refused(
      created(makeDoc('requests', device.commune.id, { description: 'x'.repeat(600_000) })),
      413,
      '/0/newDocumentState/description',
    );
    const answer = await device.api.push(
      'requests',
      `[{"newDocumentState": ${JSON.stringify(makeDoc('requests', device.commune.id)).replace('"channel"', '"n":1e999,"channel"')}, "assumedMasterState": null}]`,
    );
    expect(answer.status).toBe(400);
    expect(await device.api.pullAll('requests')).toEqual([]);
  });

  it('enrollment refuses a NUL in the device name with a 400', async () => {
    const response = await fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'AAAA-BBBB-CCCC', deviceName: 'Poste\u0000' }),
    });
    expect(response.status).toBe(400);
  });
});

describe.each(STORAGE_KINDS)('limits, streams and authentication on %s', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let clockOffsetMs = 0;

  beforeAll(async () => {
    storage = await openTestStorage(kind);
    server = await startServer(storage, {
      enrollRate: { capacity: 100, refillPerMinute: 100 },
      authFailureRate: { capacity: 3, refillPerMinute: 1 },
      trustedProxies: ['127.0.0.1'],
      deviceCheckMs: 200,
      streamsPerDevice: 2,
      blobBytesPerTenant: 100,
      now: () => new Date(Date.now() + clockOffsetMs),
    });
  });

  afterAll(async () => {
    await server?.close();
    await storage?.close();
  });

  it('authentication is decided on the matched route: percent-encoded paths need a token too', async () => {
    const communeId = (await addCommune(storage)).id;
    await enroll(server, storage, communeId);
    for (const path of ['/%61pi/v1/schema/requests', '/api/v1/%72equests/pull', '/api/%761/stream?collections=requests']) {
      const response = await fetch(`${server.url}${path}`, { headers: { 'x-forwarded-for': '192.0.2.50' } });
      expect(response.status, path).toBe(401);
    }
  });

  it('behind the trusted proxy, only the hop it appended counts: rotating X-Forwarded-For does not escape the limit, nor lock a victim out', async () => {
    const attacker = '203.0.113.7';
    const victim = '203.0.113.9';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const spoofed = i % 2 === 0 ? `198.51.100.${i}` : victim;
      const response = await fetch(`${server.url}/api/v1/requests/pull`, {
        headers: { authorization: 'Bearer wrong-token-000000000000', 'x-forwarded-for': `${spoofed}, ${attacker}` },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    const device = await enroll(server, storage, (await addCommune(storage)).id);
    const ok = await fetch(`${server.url}/api/v1/requests/pull`, { headers: { ...device.api.headers(), 'x-forwarded-for': victim } });
    expect(ok.status).toBe(200);
    const wrong = await fetch(`${server.url}/api/v1/requests/pull`, {
      headers: { authorization: 'Bearer wrong-token-000000000000', 'x-forwarded-for': victim },
    });
    expect(wrong.status).toBe(401);
  });

  it('a connection that is not a configured proxy cannot name its address at all', async () => {
    const other = await startServer(storage, { authFailureRate: { capacity: 2, refillPerMinute: 1 }, trustedProxies: ['10.9.9.9'] });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const response = await fetch(`${other.url}/api/v1/requests/pull`, {
          headers: { authorization: 'Bearer wrong-token-000000000000', 'x-forwarded-for': `198.51.100.${i}` },
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([401, 401, 429, 429]);
    } finally {
      await other.close();
    }
  });

  it('--trust-proxy needs addresses or ranges', () => {
    expect(parseTrustedProxies('127.0.0.1, 10.0.0.0/8,::1,loopback')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'loopback']);
    expect(() => parseTrustedProxies(true)).toThrow(/needs the proxy addresses/);
    expect(() => parseTrustedProxies('proxy.example')).toThrow(/not understood: proxy.example/);
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/not understood/);
    expect(parseTrustedProxies(undefined)).toBeNull();
    expect(() => parseArgs(['--trust-proxy'])).toThrow('--trust-proxy needs a value (e.g. --trust-proxy 127.0.0.1');
  });

  it('a revoked device’s stream closes within seconds, and carries nothing written after', async () => {
    const communeId = (await addCommune(storage)).id;
    const [watcher, writer] = [await enroll(server, storage, communeId), await enroll(server, storage, communeId)];
    const started = Date.now();
    const { events, status } = await readStream(`${server.url}/api/v1/stream?collections=citizens`, watcher.api.headers(), {
      count: 100,
      timeoutMs: 20_000,
      onOpen: async () => {
        await runAdmin(storage, { command: 'devices-revoke', deviceId: watcher.deviceId });
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await writer.api.push('citizens', created(makeDoc('citizens', communeId)));
      },
    });
    expect(status).toBe(200);
    // Ended by the server, well before the reader's own limit.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(events).toEqual([]);
  });

  it('an expired token’s stream closes too', async () => {
    const device = await enroll(server, storage, (await addCommune(storage)).id);
    const started = Date.now();
    const { status } = await readStream(`${server.url}/api/v1/stream?collections=citizens`, device.api.headers(), {
      count: 100,
      timeoutMs: 20_000,
      onOpen: () => {
        clockOffsetMs = 400 * 86_400_000;
      },
    });
    clockOffsetMs = 0;
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    const after = await fetch(`${server.url}/api/v1/requests/pull`, { headers: device.api.headers() });
    expect(after.status).toBe(200);
  });

  it('a device holds a bounded number of streams (429 beyond), and a tenant a bounded blob storage (413 beyond)', async () => {
    const device = await enroll(server, storage, (await addCommune(storage)).id);
    const controllers = [new AbortController(), new AbortController()];
    try {
      for (const controller of controllers) {
        const response = await fetch(`${server.url}/api/v1/stream?collections=citizens`, {
          headers: device.api.headers(),
          signal: controller.signal,
        });
        expect(response.status).toBe(200);
      }
      const third = await fetch(`${server.url}/api/v1/stream?collections=citizens`, { headers: device.api.headers() });
      expect(third.status).toBe(429);
      await third.arrayBuffer();
    } finally {
      for (const controller of controllers) controller.abort();
    }
    const first = blobOf('x'.repeat(60));
    expect(await putBlob(device.api, first)).toBe(201);
    expect(await putBlob(device.api, blobOf('y'.repeat(60)))).toBe(413);
    expect(await putBlob(device.api, first)).toBe(201);
  });
});
