/**
 * The sync benchmarks' browser side (bench/sync.ts drives it): a new device
 * pulling everything with the app's own store (openDatabase on Dexie) and
 * replication (startReplication), PouchDB doing the same from
 * pouchdb-server, and two devices of one commune seeing each other's saves
 * through the live stream. Every wait is bounded by the caller's timeout.
 */
import PouchDB from 'pouchdb-browser';
import { removeRxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openDatabase, type GuichetDatabase } from '../../renderer/src/db/database';
import { startReplication, type ReplicationHandle, type SyncStatus } from '../../renderer/src/sync/replication';
import type { RequestDoc } from '../../domain/model';
import { API_PREFIX, type PullResponse } from '../../domain/protocol';
import { syncDocuments } from '../sync-documents';
import type {
  InitialPullOptions,
  StoreInsertOptions,
  WirePullOptions,
  LiveDeviceOptions,
  PouchPullOptions,
  PullReport,
  SyncBenchHarness,
  SyncedCollection,
} from './api';

const SYNCED: SyncedCollection[] = ['requests', 'citizens', 'events'];

let counter = 0;
function freshName(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

async function bounded<T>(label: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: not done within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function counts(db: GuichetDatabase): Promise<Record<SyncedCollection, number>> {
  const [requests, citizens, events] = await Promise.all(SYNCED.map((name) => db[name].count().exec()));
  return { requests: requests!, citizens: citizens!, events: events! };
}

function complete(have: Record<SyncedCollection, number>, expected: Record<SyncedCollection, number>): boolean {
  return SYNCED.every((name) => have[name] >= expected[name]);
}

/** Opens an empty store of the app's kind under a name of its own, removed by `dispose`. */
async function emptyStore(prefix: string): Promise<{ db: GuichetDatabase; dispose(): Promise<void> }> {
  const storage = getRxStorageDexie() as RxStorage<unknown, unknown>;
  const name = freshName(prefix);
  const db = await openDatabase({ name, storage });
  return {
    db,
    dispose: async () => {
      await db.close();
      await removeRxDatabase(name, storage);
    },
  };
}

async function initialPull(options: InitialPullOptions): Promise<PullReport> {
  const { db, dispose } = await emptyStore('sync-initial');
  let handle: ReplicationHandle | null = null;
  try {
    const started = performance.now();
    handle = startReplication({
      collections: { requests: db.requests, citizens: db.citizens, events: db.events },
      serverUrl: options.serverUrl,
      token: options.token,
      actor: { deviceId: 'bench' },
    });
    const replication = handle;
    const done = (async () => {
      await replication.awaitInSync();
      // In sync with what the server had when the pulls ran; poll briefly if the counts are not there yet.
      let have = await counts(db);
      while (!complete(have, options.expected)) {
        await sleep(100);
        have = await counts(db);
      }
      return have;
    })();
    const have = await bounded('initial pull', options.timeoutMs, done);
    const ms = performance.now() - started;
    return { ms, docs: have.requests + have.citizens + have.events };
  } finally {
    await handle?.stop();
    await dispose();
  }
}

/**
 * The same pages as the replication asks for (one loop per collection, the
 * three at once), fetched and parsed but stored nowhere: how much of the
 * initial pull is the network and the server, and how much the device's store.
 */
async function wirePull(options: WirePullOptions): Promise<PullReport> {
  const started = performance.now();
  const pulled = await Promise.all(
    SYNCED.map(async (name) => {
      let checkpoint: PullResponse<unknown>['checkpoint'] = null;
      let docs = 0;
      for (;;) {
        const query = new URLSearchParams({ limit: String(options.batchSize) });
        if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
        const response = await fetch(`${options.serverUrl}${API_PREFIX}/${name}/pull?${query.toString()}`, {
          headers: { authorization: `Bearer ${options.token}` },
        });
        if (!response.ok) throw new Error(`pull ${name}: HTTP ${response.status}`);
        const body = (await response.json()) as PullResponse<unknown>;
        docs += body.documents.length;
        checkpoint = body.checkpoint;
        if (body.documents.length < options.batchSize) return docs;
      }
    }),
  );
  return { ms: performance.now() - started, docs: pulled.reduce((sum, count) => sum + count, 0) };
}

/** The same documents written into an empty app store by bulkInsert, no network: what the store alone costs. */
async function storeInsert(options: StoreInsertOptions): Promise<PullReport> {
  const documents = syncDocuments(options.communeId, options.docs);
  const { db, dispose } = await emptyStore('sync-store');
  try {
    const started = performance.now();
    // The three collections at once, batch after batch, as the replication writes them.
    await Promise.all(
      SYNCED.map(async (name) => {
        const docs: object[] = documents[name];
        const collection = db[name] as unknown as { bulkInsert(batch: object[]): Promise<{ error: unknown[] }> };
        for (let start = 0; start < docs.length; start += options.batchSize) {
          const result = await collection.bulkInsert(docs.slice(start, start + options.batchSize));
          if (result.error.length > 0) throw new Error(`${name}: ${result.error.length} documents refused`);
        }
      }),
    );
    const ms = performance.now() - started;
    const have = await counts(db);
    return { ms, docs: have.requests + have.citizens + have.events };
  } finally {
    await dispose();
  }
}

async function pouchPull(options: PouchPullOptions): Promise<PullReport> {
  const local = new PouchDB(freshName('pouch-initial'));
  try {
    const started = performance.now();
    const replication = local.replicate.from(options.url);
    const result = await bounded('PouchDB pull', options.timeoutMs, replication).catch((error: unknown) => {
      replication.cancel();
      throw error;
    });
    const ms = performance.now() - started;
    const info = await local.info();
    if (info.doc_count < options.expected)
      throw new Error(`PouchDB holds ${info.doc_count} documents of ${options.expected} (${result.docs_written} written)`);
    return { ms, docs: info.doc_count };
  } finally {
    await local.destroy();
  }
}

/**
 * The live device of this page (one per page: RxDB's open-source edition
 * allows 13 open collections per page, and the app's store has 8), replicating
 * requests only, and when each awaited request arrived.
 */
interface LiveDevice {
  db: GuichetDatabase;
  handle: ReplicationHandle;
  dispose(): Promise<void>;
  arrivals: Map<string, number>;
  waiters: Map<string, (at: number) => void>;
  subscription: { unsubscribe(): void };
}

let live: LiveDevice | null = null;

/** A clock the pages of one browser share: the two devices live in two pages. */
function now(): number {
  return performance.timeOrigin + performance.now();
}

async function openLiveDevice(options: LiveDeviceOptions): Promise<void> {
  if (live) throw new Error('a live device is already open in this page');
  const store = await emptyStore('sync-live');
  let resolveIdle: () => void = () => undefined;
  const idle = new Promise<void>((done) => (resolveIdle = done));
  const handle = startReplication({
    collections: { requests: store.db.requests },
    serverUrl: options.serverUrl,
    token: options.token,
    actor: { deviceId: 'bench-live' },
    onStatus: (status: SyncStatus) => {
      if (status.state === 'idle') resolveIdle();
    },
  });
  const arrivals = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  const subscription = store.db.requests.insert$.subscribe((event) => {
    const at = now();
    arrivals.set(event.documentId, at);
    waiters.get(event.documentId)?.(at);
  });
  live = { ...store, handle, arrivals, waiters, subscription };
  await bounded('live device idle', options.timeoutMs, idle);
}

function need(): LiveDevice {
  if (!live) throw new Error('openLiveDevice() first');
  return live;
}

async function saveRequest(request: RequestDoc): Promise<number> {
  const started = now();
  await need().db.requests.insert(request);
  return started;
}

async function arrivalOf(id: string, timeoutMs: number): Promise<number> {
  const device = need();
  const seen = device.arrivals.get(id);
  if (seen !== undefined) return seen;
  const arrived = new Promise<number>((done) => device.waiters.set(id, done));
  try {
    return await bounded(`arrival of ${id}`, timeoutMs, arrived);
  } finally {
    device.waiters.delete(id);
  }
}

async function closeLiveDevice(): Promise<void> {
  const device = live;
  live = null;
  if (!device) return;
  device.subscription.unsubscribe();
  await device.handle.stop();
  await device.dispose();
}

const harness: SyncBenchHarness = {
  initialPull,
  wirePull,
  storeInsert,
  pouchPull,
  openLiveDevice,
  saveRequest,
  arrivalOf,
  closeLiveDevice,
};
window.guichetSyncBench = harness;
