/**
 * The replication client (renderer/src/sync/replication.ts) against a real
 * server: RxDB devices in Node, live through the stream, conflicts merged and
 * journaled, the token never in a URL, and a status that says what happens.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventDoc, RequestDoc } from '../../domain/model';
import {
  addCommune,
  enroll,
  makeDoc,
  openTestStorage,
  startServer,
  STORAGE_KINDS,
  type Device,
  type TestServer,
  type TestStorage,
} from './harness';
import { createRevision } from 'rxdb';
import { allDocs, openClient, plain, until, type Client } from './clients';

function withoutDeleted<Doc extends { _deleted?: boolean }>(doc: Doc): Omit<Doc, '_deleted'> {
  const { _deleted: _d, ...rest } = doc;
  return rest;
}

describe.each(STORAGE_KINDS)('replication client on %s', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let communeId: string;
  let devices: Device[];
  const clients: Client[] = [];

  beforeAll(async () => {
    storage = await openTestStorage(kind);
    server = await startServer(storage, { enrollRate: { capacity: 100, refillPerMinute: 100 } });
    communeId = (await addCommune(storage, 'Client')).id;
    devices = [await enroll(server, storage, communeId), await enroll(server, storage, communeId)];
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
  });

  afterAll(async () => {
    await server?.close();
    await storage?.close();
  });

  async function client(device: Device, fetchImpl?: typeof fetch): Promise<Client> {
    const opened = await openClient(['requests', 'events']);
    clients.push(opened);
    opened.start({
      serverUrl: server.url,
      token: device.token,
      actor: { deviceId: device.deviceId },
      retryTime: 100,
      maxRetryTime: 1_000,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
    return opened;
  }

  it('shows a request made on one device on the other, live, both ways', async () => {
    const [a, b] = [await client(devices[0] as Device), await client(devices[1] as Device)];
    const doc = withoutDeleted(makeDoc('requests', communeId));
    await a.collections.requests?.insert(doc);
    await until(async () => (await b.collections.requests?.findOne(doc.id).exec()) !== null, 10_000, 'the request on B');
    const onB = await b.collections.requests?.findOne(doc.id).exec();
    await onB?.incrementalPatch({ subject: 'Changed on B' });
    await until(async () => (await a.collections.requests?.findOne(doc.id).exec())?.subject === 'Changed on B', 10_000, 'the change on A');
    await until(() => a.statuses.at(-1)?.state === 'idle' && b.statuses.at(-1)?.state === 'idle', 10_000, 'idle status');
    expect(a.statuses.at(-1)?.lastSyncAt).toEqual(expect.any(String));
    // the server's stamp reaches both devices: the same document everywhere
    await until(
      async () =>
        JSON.stringify([...(await allDocs(a.collections.requests))]) === JSON.stringify([...(await allDocs(b.collections.requests))]),
      10_000,
      'same documents',
    );
  });

  it('merges offline changes to different fields, keeps one value of a field changed on both, and journals the other', async () => {
    const [a, b] = [await client(devices[0] as Device), await client(devices[1] as Device)];
    const doc = withoutDeleted(makeDoc('requests', communeId, { subject: 'Original', description: 'Original' }));
    await a.collections.requests?.insert(doc);
    await until(async () => (await b.collections.requests?.findOne(doc.id).exec()) !== null, 10_000, 'the request on B');
    await a.replication?.awaitInSync();
    await b.replication?.awaitInSync();
    await a.stop();
    await b.stop();
    await (await a.collections.requests?.findOne(doc.id).exec())?.incrementalPatch({ subject: 'Subject from A' });
    await (await b.collections.requests?.findOne(doc.id).exec())?.incrementalPatch({
      subject: 'Subject from B',
      description: 'Description from B',
    });
    a.start({ serverUrl: server.url, token: devices[0]?.token ?? '', actor: { deviceId: 'device-a' }, retryTime: 100 });
    await a.replication?.awaitInSync();
    b.start({
      serverUrl: server.url,
      token: devices[1]?.token ?? '',
      actor: { deviceId: 'device-b', actorName: 'Poste B' },
      retryTime: 100,
    });
    const converged = async (): Promise<boolean> => {
      const [onA, onB] = [await a.collections.requests?.findOne(doc.id).exec(), await b.collections.requests?.findOne(doc.id).exec()];
      return onA?.description === 'Description from B' && JSON.stringify(onA?.toJSON()) === JSON.stringify(onB?.toJSON());
    };
    await until(converged, 15_000, 'both devices to agree');
    const merged = (await devices[0]?.api.pullAll<RequestDoc>('requests'))?.find((item) => item.id === doc.id);
    expect(merged).toMatchObject({ subject: 'Subject from A', description: 'Description from B' });
    await until(
      async () =>
        ((await devices[0]?.api.pullAll<EventDoc>('events')) ?? []).some(
          (event) => event.type === 'conflict' && event.requestId === doc.id,
        ),
      10_000,
      'the conflict event',
    );
    const conflicts = ((await devices[0]?.api.pullAll<EventDoc>('events')) ?? []).filter(
      (event) => event.type === 'conflict' && event.requestId === doc.id,
    );
    expect(conflicts).toHaveLength(1);
    // The line names the device that pushed it as the server knows it (domain/write-rules.ts), not what B wrote.
    expect(conflicts[0]).toMatchObject({ fields: ['subject'], deviceId: devices[1]?.deviceId, actorName: 'Poste B', communeId });
    expect(conflicts[0]?.text).toContain('Subject from B');
    await until(
      async () => (await a.collections.events?.find({ selector: { type: 'conflict', requestId: doc.id } }).exec())?.length === 1,
      10_000,
      'the conflict event on A',
    );
  });

  it('never sends back a stale copy of the server’s state that the local store was left with', async () => {
    const [a, b] = [await client(devices[0] as Device), await client(devices[1] as Device)];
    const doc = withoutDeleted(makeDoc('requests', communeId, { subject: 'First' }));
    await a.collections.requests?.insert(doc);
    const onServer = async (): Promise<RequestDoc | undefined> =>
      (await devices[0]?.api.pullAll<RequestDoc>('requests'))?.find((item) => item.id === doc.id);
    const stampedOnA = async (): Promise<boolean> =>
      (await a.collections.requests?.findOne(doc.id).exec())?.updatedAt === (await onServer())?.updatedAt;
    await until(stampedOnA, 10_000, 'the server’s stamped copy on A');
    const first = await a.collections.requests?.findOne(doc.id).exec();
    if (!first) throw new Error('no request on A');
    const stale = plain(first);
    await until(async () => (await b.collections.requests?.findOne(doc.id).exec()) !== null, 10_000, 'the request on B');
    await (await b.collections.requests?.findOne(doc.id).exec())?.incrementalPatch({ subject: 'Changed on B' });
    await until(async () => (await a.collections.requests?.findOne(doc.id).exec())?.subject === 'Changed on B', 10_000, 'B’s change on A');
    await until(stampedOnA, 10_000, 'the server’s stamped copy of B’s change on A');
    // What RxDB's downstream does when a batch it queued is applied late: the older server state written to
    // the local store, straight through the storage as the replication writes, not as an edit of the app's.
    const storage = a.collections.requests?.storageInstance;
    const [current] = (await storage?.findDocumentsById([doc.id], false)) ?? [];
    if (!storage || !current) throw new Error('no local copy on A');
    const write = await storage.bulkWrite(
      [
        {
          previous: current,
          document: {
            ...(stale as unknown as RequestDoc),
            _deleted: false,
            _attachments: {},
            _meta: { lwt: Date.now() },
            _rev: createRevision('test', current),
          },
        },
      ],
      'replication-down',
    );
    expect(write.error).toEqual([]);
    // A goes back to the server's state, and the server keeps B's change.
    await until(
      async () => (await a.collections.requests?.findOne(doc.id).exec())?.subject === 'Changed on B',
      10_000,
      'A back to B’s change',
    );
    await a.replication?.awaitInSync();
    expect((await onServer())?.subject).toBe('Changed on B');
    expect((await b.collections.requests?.findOne(doc.id).exec())?.subject).toBe('Changed on B');
  });

  it('never puts the token in a URL, and sends the schema version', async () => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const recording: typeof fetch = (input, init) => {
      seen.push({ url: String(input), headers: Object.fromEntries(new Headers(init?.headers).entries()) });
      return fetch(input, init);
    };
    const a = await client(devices[0] as Device, recording);
    await a.collections.events?.insert(withoutDeleted(makeDoc('events', communeId)));
    await until(
      () => seen.some((call) => call.url.includes('/push')) && seen.some((call) => call.url.includes('/stream')),
      10_000,
      'push and stream',
    );
    const token = devices[0]?.token ?? 'x';
    expect(seen.every((call) => !call.url.includes(token))).toBe(true);
    expect(seen.every((call) => call.headers['authorization'] === `Bearer ${token}`)).toBe(true);
    expect(seen.find((call) => call.url.includes('/pull'))?.headers['x-guichet-schema']).toMatch(/^\d+$/);
  });

  it('when the line drops, counts every change waiting to go, and none once the server took them', async () => {
    const client = await openClient(['citizens']);
    clients.push(client);
    // The line is up, then down (every request refused as a network failure), then up again.
    let lineUp = true;
    const line: typeof fetch = (input, init) => (lineUp ? fetch(input, init) : Promise.reject(new TypeError('fetch failed')));
    const replication = client.start({
      serverUrl: server.url,
      token: devices[0]?.token ?? '',
      retryTime: 50,
      maxRetryTime: 200,
      fetch: line,
    });
    await replication.awaitInSync();
    lineUp = false;
    const made = [0, 1, 2].map(() => withoutDeleted(makeDoc('citizens', communeId)));
    for (const doc of made) await client.collections.citizens?.insert(doc);
    await until(
      () => client.statuses.at(-1)?.state === 'offline' && client.statuses.at(-1)?.pending === 3,
      10_000,
      'offline with 3 waiting',
    );
    await client.collections.citizens?.insert(withoutDeleted(makeDoc('citizens', communeId)));
    await until(() => client.statuses.at(-1)?.pending === 4, 10_000, 'a fourth change counted');
    lineUp = true;
    await until(() => client.statuses.at(-1)?.state === 'idle' && client.statuses.at(-1)?.pending === 0, 15_000, 'all delivered');
    const onServer = new Set((await devices[0]?.api.pullAll('citizens'))?.map((doc) => doc['id']));
    for (const doc of made) expect(onServer.has(doc.id)).toBe(true);
  });

  it('says offline when the server cannot be reached, and what went wrong when the token is refused', async () => {
    const offline = await openClient(['events']);
    clients.push(offline);
    offline.start({ serverUrl: 'http://127.0.0.1:9', token: devices[0]?.token ?? '', retryTime: 50, maxRetryTime: 200 });
    await until(
      () => offline.statuses.some((status) => status.state === 'offline' && status.error?.code === 'network'),
      10_000,
      'offline status',
    );

    const revoked = await enroll(server, storage, communeId);
    await storage.db.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [revoked.deviceId]);
    const refused = await openClient(['events']);
    clients.push(refused);
    refused.start({ serverUrl: server.url, token: revoked.token, retryTime: 50, maxRetryTime: 200 });
    await until(
      () =>
        refused.statuses.some(
          (status) => status.state === 'error' && status.error?.code === 'token_revoked' && status.error.status === 401,
        ),
      10_000,
      'token_revoked status',
    );
  });
});
