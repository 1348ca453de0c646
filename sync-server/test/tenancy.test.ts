import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDoc, RequestDoc } from '../../domain/model';
import { REPLICATED_COLLECTIONS } from '../../domain/model';
import {
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

describe.each(STORAGE_KINDS)('tenancy on %s', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let epciId: string;
  let a: Device;
  let b: Device;
  let e: Device;
  const privateBlob = blobOf('lettre privée de la commune A');
  const sharedBlob = blobOf('photo du bac abîmé');
  let privateRequest: RequestDoc;
  let sharedRequest: RequestDoc;
  let oldEvent: EventDoc;

  beforeAll(async () => {
    storage = await openTestStorage(kind);
    server = await startServer(storage, { enrollRate: { capacity: 100, refillPerMinute: 100 } });
    epciId = (await addEpci(storage, 'CC du Val')).id;
    const communeA = await addCommune(storage, 'Commune A', epciId);
    const communeB = await addCommune(storage, 'Commune B', epciId);
    [a, b, e] = [
      await enroll(server, storage, communeA.id),
      await enroll(server, storage, communeB.id),
      await enroll(server, storage, epciId),
    ];
    privateRequest = makeDoc('requests', a.commune.id, { attachments: [] });
    sharedRequest = makeDoc('requests', a.commune.id, {
      competence: 'epci',
      attachments: [
        {
          sha256: sharedBlob.sha,
          name: 'bac.jpg',
          mimeType: 'image/jpeg',
          size: sharedBlob.bytes.length,
          addedAt: '2026-03-12T09:16:30.000Z',
          addedBy: 'u',
        },
      ],
    });
    // The journal line written before the request was forwarded: the EPCI must get it once it is.
    oldEvent = makeDoc('events', a.commune.id, { requestId: sharedRequest.id });
    expect((await a.api.push('requests', created(privateRequest, sharedRequest))).body).toEqual([]);
    expect((await a.api.push('events', created(oldEvent, makeDoc('events', a.commune.id, { requestId: privateRequest.id })))).body).toEqual(
      [],
    );
    for (const collection of ['citizens', 'categories', 'replytemplates', 'settings', 'procedures', 'assistedsessions'] as const) {
      expect((await a.api.push(collection, created(makeDoc(collection, a.commune.id)))).status).toBe(200);
    }
    const stored = await pullOne<RequestDoc>(a.api, 'requests', sharedRequest.id);
    if (!stored) throw new Error('shared request not stored');
    expect((await a.api.push('requests', [changed(stored, { status: 'transferred', transfer: transferTo(epciId) })])).body).toEqual([]);
    expect(await putBlob(a.api, privateBlob)).toBe(201);
    expect(await putBlob(a.api, sharedBlob)).toBe(201);
  });

  afterAll(async () => {
    await server?.close();
    await storage?.close();
  });

  describe('between communes', () => {
    it('pull: B gets nothing of A’s, in any collection', async () => {
      for (const collection of REPLICATED_COLLECTIONS) {
        const docs = await b.api.pullAll(collection);
        expect(docs.filter((doc) => doc['communeId'] !== b.commune.id)).toEqual([]);
      }
    });

    it('push: a document of A’s commune from B is refused whole with 403, nothing written', async () => {
      const mine = makeDoc('citizens', b.commune.id);
      const theirs = makeDoc('citizens', a.commune.id);
      const answer = await b.api.push('citizens', created(mine, theirs));
      expect(answer).toMatchObject({ status: 403, body: { error: { code: 'forbidden', index: 1 } } });
      expect(await pullOne(b.api, 'citizens', mine.id)).toBeUndefined();
      expect(await pullOne(a.api, 'citizens', theirs.id)).toBeUndefined();
    });

    it('push: an assisted session or a procedure of A’s commune from B is refused with 403; an invalid session with 400', async () => {
      for (const collection of ['assistedsessions', 'procedures'] as const) {
        const theirs = makeDoc(collection, a.commune.id);
        expect((await b.api.push(collection, created(theirs))).status, collection).toBe(403);
        expect(await pullOne(a.api, collection, theirs.id), collection).toBeUndefined();
      }
      const invalid = makeDoc('assistedsessions', b.commune.id, { minutesSpent: -3 });
      expect((await b.api.push('assistedsessions', created(invalid))).status).toBe(400);
    });

    it('push: overwriting A’s request with a guessed id is refused, and no conflict reveals its content', async () => {
      const forged = { ...privateRequest, subject: 'forged', _deleted: false };
      const answer = await b.api.push('requests', [{ newDocumentState: forged, assumedMasterState: { ...forged, subject: 'guess' } }]);
      expect(answer.status).toBe(403);
      expect(JSON.stringify(answer.body)).not.toContain(privateRequest.subject);
      expect((await pullOne<RequestDoc>(a.api, 'requests', privateRequest.id))?.subject).toBe(privateRequest.subject);
    });

    it('guessed id: the same id in B’s own commune is B’s own document, A’s stays untouched', async () => {
      const mineWithTheirId = { ...makeDoc('requests', b.commune.id), id: privateRequest.id };
      expect((await b.api.push('requests', created(mineWithTheirId))).body).toEqual([]);
      expect((await pullOne<RequestDoc>(a.api, 'requests', privateRequest.id))?.communeId).toBe(a.commune.id);
      expect((await pullOne<RequestDoc>(b.api, 'requests', privateRequest.id))?.communeId).toBe(b.commune.id);
      // each commune has its own settings document, both with the id "commune"
      const settings = makeDoc('settings', b.commune.id, { id: 'commune' });
      await a.api.push('settings', created(makeDoc('settings', a.commune.id, { id: 'commune', name: 'A' })));
      expect((await b.api.push('settings', created(settings))).body).toEqual([]);
      expect((await pullOne<{ id: string; name: string }>(a.api, 'settings', 'commune'))?.name).toBe('A');
    });

    it('stream: B’s stream carries B’s writes and none of A’s', async () => {
      const theirs = makeDoc('citizens', a.commune.id);
      const mine = makeDoc('citizens', b.commune.id);
      const { events } = await readStream(`${server.url}/api/v1/stream?collections=citizens,requests`, b.api.headers(), {
        count: 1,
        timeoutMs: 10_000,
        onOpen: async () => {
          await a.api.push('citizens', created(theirs));
          await a.api.push('requests', created(makeDoc('requests', a.commune.id)));
          await b.api.push('citizens', created(mine));
        },
      });
      expect(events).toHaveLength(1);
      expect(events[0]?.data).toMatchObject({ documents: [{ id: mine.id }] });
    });

    it('blobs: B cannot read A’s blob even knowing its hash (404, as if absent)', async () => {
      const response = await fetch(`${server.url}/api/v1/blobs/${privateBlob.sha}`, { headers: b.api.headers() });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('lettre');
    });

    it('blobs: B uploading the same bytes owns them too, which reveals nothing it did not have', async () => {
      const same = blobOf('photo commune à B et A');
      expect(await putBlob(a.api, same)).toBe(201);
      expect((await fetch(`${server.url}/api/v1/blobs/${same.sha}`, { headers: b.api.headers() })).status).toBe(404);
      expect(await putBlob(b.api, same)).toBe(201);
      expect((await fetch(`${server.url}/api/v1/blobs/${same.sha}`, { headers: b.api.headers() })).status).toBe(200);
    });

    it('schema: the same public schema for every tenant, nothing of anyone’s data', async () => {
      const fromA = await a.api.request('GET', '/api/v1/schema/requests');
      const fromB = await b.api.request('GET', '/api/v1/schema/requests');
      expect(fromB.body).toEqual(fromA.body);
      expect(JSON.stringify(fromB.body)).not.toContain(a.commune.id);
    });
  });

  describe('the intercommunality', () => {
    it('pulls the request forwarded to it and its journal, written before the transfer included, and nothing else', async () => {
      const requests = await e.api.pullAll<RequestDoc>('requests');
      expect(requests.map((doc) => doc.id)).toEqual([sharedRequest.id]);
      const events = await e.api.pullAll<EventDoc>('events');
      expect(events.map((event) => event.requestId)).toEqual(events.map(() => sharedRequest.id));
      expect(events.map((event) => event.id)).toContain(oldEvent.id);
      for (const collection of ['citizens', 'categories', 'replytemplates', 'settings', 'procedures', 'assistedsessions'] as const) {
        expect(await e.api.pullAll(collection)).toEqual([]);
      }
    });

    it('changes the status and answers; the commune sees it', async () => {
      const base = await pullOne<RequestDoc>(e.api, 'requests', sharedRequest.id);
      if (!base) throw new Error('not shared');
      const answer = {
        text: 'Bac remplacé',
        kind: 'final' as const,
        templateId: null,
        answeredAt: '2026-03-20T10:00:00.000Z',
        by: 'agent-cc',
        approvedBy: null,
        approvedAt: null,
      };
      expect((await e.api.push('requests', [changed(base, { status: 'answered', statusReason: 'fait', answer })])).body).toEqual([]);
      expect(await pullOne<RequestDoc>(a.api, 'requests', sharedRequest.id)).toMatchObject({
        status: 'answered',
        answer: { text: 'Bac remplacé' },
      });
    });

    it('may not change anything else of the request, nor delete it (403)', async () => {
      const base = await pullOne<RequestDoc>(e.api, 'requests', sharedRequest.id);
      if (!base) throw new Error('not shared');
      const renamed = await e.api.push('requests', [changed(base, { subject: 'changed by the EPCI' })]);
      expect(renamed).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      expect((renamed.body as unknown as { error: { message: string } }).error.message).toContain('subject');
      expect((await e.api.push('requests', [changed(base, { _deleted: true })])).status).toBe(403);
      expect((await pullOne<RequestDoc>(a.api, 'requests', sharedRequest.id))?.subject).toBe(sharedRequest.subject);
    });

    it('may not touch a request that was not forwarded to it, even knowing its id', async () => {
      const forged = { ...privateRequest, status: 'closed' as const, _deleted: false };
      expect(
        (await e.api.push('requests', [{ newDocumentState: forged, assumedMasterState: { ...privateRequest, _deleted: false } }])).status,
      ).toBe(403);
      expect((await pullOne<RequestDoc>(a.api, 'requests', privateRequest.id))?.status).toBe(privateRequest.status);
    });

    it('journals on a forwarded request, not on another', async () => {
      const note = makeDoc('events', a.commune.id, { requestId: sharedRequest.id, type: 'note', text: 'Passage prévu jeudi' });
      expect((await e.api.push('events', created(note))).body).toEqual([]);
      expect((await pullOne<EventDoc>(a.api, 'events', note.id))?.text).toBe('Passage prévu jeudi');
      const intruding = makeDoc('events', a.commune.id, { requestId: privateRequest.id });
      expect((await e.api.push('events', created(intruding))).status).toBe(403);
      expect((await e.api.push('citizens', created(makeDoc('citizens', a.commune.id)))).status).toBe(403);
    });

    it('has its own documents as a tenant', async () => {
      const own = makeDoc('settings', epciId, { id: 'commune' });
      expect((await e.api.push('settings', created(own))).body).toEqual([]);
      expect((await e.api.pullAll('settings')).map((doc) => doc['communeId'])).toEqual([epciId]);
    });

    it('streams updates of the forwarded request, not of the others', async () => {
      const base = await pullOne<RequestDoc>(a.api, 'requests', sharedRequest.id);
      const other = await pullOne<RequestDoc>(a.api, 'requests', privateRequest.id);
      if (!base || !other) throw new Error('missing');
      const { events } = await readStream(`${server.url}/api/v1/requests/stream`, e.api.headers(), {
        count: 1,
        timeoutMs: 10_000,
        onOpen: async () => {
          await a.api.push('requests', [changed(other, { description: 'private change' })]);
          await a.api.push('requests', [changed(base, { description: 'shared change' })]);
        },
      });
      expect(events[0]?.data).toMatchObject({ documents: [{ id: sharedRequest.id, description: 'shared change' }] });
    });

    it('reads the blobs of the forwarded request, not the commune’s others', async () => {
      expect((await fetch(`${server.url}/api/v1/blobs/${sharedBlob.sha}`, { headers: e.api.headers() })).status).toBe(200);
      expect((await fetch(`${server.url}/api/v1/blobs/${privateBlob.sha}`, { headers: e.api.headers() })).status).toBe(404);
    });

    it('sees nothing of a request forwarded to an intercommunality the commune does not belong to', async () => {
      const otherEpci = await addEpci(storage, 'Autre CC');
      const stranger = await enroll(server, storage, otherEpci.id);
      const misdirected = makeDoc('requests', a.commune.id, { transfer: transferTo(otherEpci.id) });
      await a.api.push('requests', created(misdirected));
      expect(await stranger.api.pullAll('requests')).toEqual([]);
    });

    it('loses sight of a request the commune takes back (its transfer no longer names the EPCI)', async () => {
      const taken = makeDoc('requests', a.commune.id, { transfer: transferTo(epciId) });
      await a.api.push('requests', created(taken));
      expect(await pullOne(e.api, 'requests', taken.id)).toBeDefined();
      const base = await pullOne<RequestDoc>(a.api, 'requests', taken.id);
      if (!base) throw new Error('missing');
      await a.api.push('requests', [changed(base, { transfer: null })]);
      const answer = await e.api.push('requests', [changed({ ...base }, { status: 'closed' })]);
      expect(answer.status).toBe(403);
      const blob = await fetch(`${server.url}/api/v1/blobs/${privateBlob.sha}`, { headers: e.api.headers() });
      expect(blob.status).toBe(404);
    });
  });
});
