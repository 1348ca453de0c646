/**
 * The sync benchmarks (quality.md, `sync.*` and `server.*`), called by
 * bench/run.ts. One sync server runs in this process on 127.0.0.1: on
 * PostgreSQL when DATABASE_URL (or TEST_DATABASE_URL) is set, in a schema of
 * its own dropped afterwards, else on PGlite in memory; the results say
 * which. pouchdb-server runs beside it, in memory, as a child process.
 *
 * 1. server.push: several devices of one commune push the generated
 *    documents at once, in the app's batches, until the server holds them all;
 * 2. sync.initial / sync.vsPouch / sync.bytesPerDoc: in Chromium, a newly
 *    enrolled device pulls them all into the app's store with the app's
 *    replication, and PouchDB pulls the same documents from pouchdb-server,
 *    in turn, several times; the server counts the bytes of the device's
 *    connections;
 * 3. sync.propagation: two devices of another commune in Chromium, A saves,
 *    B sees it through its live stream;
 * 4. server.fanout: thousands of devices of a third commune hold the live
 *    stream open (from this process), one write, until all of them have it.
 *
 * Every load is bounded in count and time, and every server is stopped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, type ClientRequest, type Server } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from '@playwright/test';
import pg from 'pg';
import { generateDemoCommune } from '../domain/demo';
import { MULTI_STREAM_PATH } from '../domain/protocol';
import { openStorage, type Storage } from '../sync-server/src/storage';
import { addCommune, created, enroll, makeDoc, startServer, type Device, type TestServer } from '../sync-server/test/harness';
import type { SyncedCollection } from './harness/api';
import { generateCommune } from './generate';
import { syncDocuments } from './sync-documents';
import { median, percentile, round1, timeSummary, type BenchResult } from './stats';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface SyncBenchOptions {
  /** documents on the server for the initial pull: a fifth residents, two fifths requests, two fifths their events */
  docs: number;
  /** initial pulls of each kind (Guichet, PouchDB), taken in turn */
  runs: number;
  pushDevices: number;
  /** documents per push, as the app's replication sends them */
  pushBatch: number;
  propagationSamples: number;
  fanoutDevices: number;
  fanoutWrites: number;
  log(line: string): void;
}

export const DEFAULT_SYNC_OPTIONS: Omit<SyncBenchOptions, 'log'> = {
  docs: 50_000,
  runs: 3,
  pushDevices: 4,
  pushBatch: 200,
  propagationSamples: 100,
  fanoutDevices: 3_000,
  fanoutWrites: 30,
};

type WireDoc = Record<string, unknown> & { id: string };
type Documents = Record<SyncedCollection, WireDoc[]>;
const SYNCED: SyncedCollection[] = ['citizens', 'requests', 'events'];

/** Nothing here waits forever: a stuck step fails with its name. */
async function within<T>(label: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: not done within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function inPool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

// ---------------------------------------------------------------------------
// The sync server and its storage

interface BenchStorage {
  storage: Storage;
  /** what the results say the server ran on */
  label: string;
  close(): Promise<void>;
}

async function openBenchStorage(): Promise<BenchStorage> {
  const url = process.env['DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'];
  if (!url) {
    const storage = await openStorage({});
    return { storage, label: 'PGlite (in memory)', close: () => storage.close() };
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const storage = await openStorage({ databaseUrl: url, schema, poolSize: 8 });
  return {
    storage,
    label: 'PostgreSQL',
    close: async () => {
      await storage.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Bytes read and written on the server's connections since `start()`: what crossed the wire, HTTP headers included. */
class ByteMeter {
  private readonly baselines = new Map<Socket, number>();
  private closedBytes = 0;

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.baselines.set(socket, 0);
      socket.once('close', () => {
        this.closedBytes += ByteMeter.bytes(socket) - (this.baselines.get(socket) ?? 0);
        this.baselines.delete(socket);
      });
    });
  }

  private static bytes(socket: Socket): number {
    return socket.bytesRead + socket.bytesWritten;
  }

  start(): void {
    this.closedBytes = 0;
    for (const socket of this.baselines.keys()) this.baselines.set(socket, ByteMeter.bytes(socket));
  }

  read(): number {
    let total = this.closedBytes;
    for (const [socket, baseline] of this.baselines) total += ByteMeter.bytes(socket) - baseline;
    return total;
  }
}

async function enrollMany(server: TestServer, storage: Storage, tenantId: string, count: number, name: string): Promise<Device[]> {
  return inPool(
    Array.from({ length: count }, (_, i) => i),
    8,
    (i) => enroll(server, storage, tenantId, `${name} ${i + 1}`),
  );
}

/** The generated commune's documents as they travel (with `_deleted`), `docs` of them in all. */
function benchDocuments(communeId: string, docs: number): Documents {
  const generated = syncDocuments(communeId, docs);
  const wire = (list: object[]) => list.map((doc) => ({ ...doc, _deleted: false }) as unknown as WireDoc);
  return { citizens: wire(generated.citizens), requests: wire(generated.requests), events: wire(generated.events) };
}

function total(documents: Documents): number {
  return SYNCED.reduce((sum, name) => sum + documents[name].length, 0);
}

// ---------------------------------------------------------------------------
// 1. server.push

/** Each device pushes its share of every collection, batch after batch; all devices at once. */
async function benchPush(devices: Device[], documents: Documents, batch: number, label: string): Promise<BenchResult[]> {
  const pushTimes: number[] = [];
  const pushShare = async (device: Device, index: number) => {
    for (const name of SYNCED) {
      const share = documents[name].filter((_, i) => i % devices.length === index);
      for (let start = 0; start < share.length; start += batch) {
        const began = performance.now();
        const answer = await device.api.push(name, created(...share.slice(start, start + batch)));
        pushTimes.push(performance.now() - began);
        if (answer.status !== 200) throw new Error(`push ${name}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
        if (answer.body.length > 0) throw new Error(`push ${name}: ${answer.body.length} conflicts on new documents`);
      }
    }
  };
  const started = performance.now();
  await Promise.all(devices.map(pushShare));
  const elapsed = performance.now() - started;
  const docs = total(documents);
  const note = `${label}, ${devices.length} devices, ${batch} per push`;
  return [
    { name: 'server.push.docsPerSec', value: Math.round(docs / (elapsed / 1000)), unit: 'docs/s', n: docs, note },
    ...timeSummary('server.push.batch', pushTimes).map((result) => ({ ...result, note })),
  ];
}

// ---------------------------------------------------------------------------
// pouchdb-server, in memory, in a child process

interface PouchServer {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

async function startPouchServer(): Promise<PouchServer> {
  const directory = await mkdtemp(join(tmpdir(), 'guichet-pouchdb-'));
  const port = await freePort();
  const bin = join(root, 'node_modules/pouchdb-server/bin/pouchdb-server');
  // Its config.json and log.txt go to the temporary directory.
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, '--in-memory', '--host', '127.0.0.1', '--port', String(port), '--no-stdout-logs', '--config', join(directory, 'config.json')],
    {
      cwd: directory,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = `${stderr}${chunk.toString()}`.slice(-2_000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5_000)]);
    }
    await rm(directory, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`pouchdb-server did not start: ${stderr.trim() || `exit ${child.exitCode}`}`);
    }
    await sleep(200);
  }
}

/** The same documents into one pouchdb-server database, `_id` being the document's id. */
async function fillPouch(server: PouchServer, documents: Documents): Promise<string> {
  const url = `${server.url}/guichet-bench`;
  const made = await fetch(url, { method: 'PUT' });
  if (!made.ok) throw new Error(`pouchdb-server: creating the database: ${made.status}`);
  const all = SYNCED.flatMap((name) => documents[name]).map(({ _deleted: _d, ...doc }) => ({ _id: doc.id, ...doc }));
  for (let start = 0; start < all.length; start += 1_000) {
    const answer = await fetch(`${url}/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ docs: all.slice(start, start + 1_000) }),
    });
    const rows = (await answer.json()) as Array<{ error?: string }>;
    if (!answer.ok || rows.some((row) => row.error)) throw new Error(`pouchdb-server: _bulk_docs: ${answer.status}`);
  }
  return url;
}

// ---------------------------------------------------------------------------
// 2. The initial pull, Guichet and PouchDB in turn

interface PullRuns {
  guichetMs: number[];
  wireMs: number[];
  storeMs: number[];
  pouchMs: number[];
  bytes: number[];
}

async function pullRuns(
  page: Page,
  setup: { server: TestServer; storage: Storage; tenantId: string; meter: ByteMeter; pouchUrl: string | null },
  documents: Documents,
  options: SyncBenchOptions,
): Promise<PullRuns> {
  const expected = { requests: documents.requests.length, citizens: documents.citizens.length, events: documents.events.length };
  const docs = total(documents);
  const runs: PullRuns = { guichetMs: [], wireMs: [], storeMs: [], pouchMs: [], bytes: [] };
  const timeoutMs = 5 * 60_000;
  for (let run = 0; run < options.runs; run += 1) {
    const guichet = async () => {
      const [device] = await enrollMany(setup.server, setup.storage, setup.tenantId, 1, `Nouveau poste ${run + 1}`);
      setup.meter.start();
      const report = await within(
        'initial pull',
        timeoutMs + 30_000,
        page.evaluate((o) => window.guichetSyncBench!.initialPull(o), {
          serverUrl: setup.server.url,
          token: device!.token,
          expected,
          timeoutMs,
        }),
      );
      runs.bytes.push(setup.meter.read());
      runs.guichetMs.push(report.ms);
      options.log(
        `  Guichet: ${report.docs} documents in ${Math.round(report.ms)} ms (${Math.round(runs.bytes.at(-1)! / 1024)} KiB on the wire)`,
      );
      const wire = await within(
        'wire pull',
        timeoutMs,
        page.evaluate((o) => window.guichetSyncBench!.wirePull(o), {
          serverUrl: setup.server.url,
          token: device!.token,
          batchSize: APP_BATCH,
        }),
      );
      runs.wireMs.push(wire.ms);
      options.log(`  the same pages, stored nowhere: ${wire.docs} documents in ${Math.round(wire.ms)} ms`);
      const store = await within(
        'store insert',
        timeoutMs,
        page.evaluate((o) => window.guichetSyncBench!.storeInsert(o), { communeId: setup.tenantId, docs, batchSize: APP_BATCH }),
      );
      runs.storeMs.push(store.ms);
      options.log(`  the same documents inserted into an empty store, no network: ${store.docs} in ${Math.round(store.ms)} ms`);
    };
    const pouch = async () => {
      if (!setup.pouchUrl) return;
      const report = await within(
        'PouchDB pull',
        timeoutMs + 30_000,
        page.evaluate((o) => window.guichetSyncBench!.pouchPull(o), { url: setup.pouchUrl, expected: docs, timeoutMs }),
      );
      runs.pouchMs.push(report.ms);
      options.log(`  PouchDB: ${report.docs} documents in ${Math.round(report.ms)} ms`);
    };
    // In turn, each going first every other run: neither always gets the warmer browser.
    if (run % 2 === 0) {
      await guichet();
      await pouch();
    } else {
      await pouch();
      await guichet();
    }
  }
  return runs;
}

/** Documents per pull page: the app's replication default (renderer/src/sync/replication.ts). */
const APP_BATCH = 200;

/** What a document weighs gzipped on its own: the yardstick of sync.bytesPerDoc.ratio. */
function meanGzipBytes(documents: Documents): number {
  let sum = 0;
  let count = 0;
  for (const name of SYNCED) {
    for (const doc of documents[name]) {
      sum += gzipSync(JSON.stringify(doc)).length;
      count += 1;
    }
  }
  return sum / count;
}

function pullResults(runs: PullRuns, documents: Documents, label: string): BenchResult[] {
  const docs = total(documents);
  const guichetMs = median(runs.guichetMs);
  const note = `${docs} documents, ${label}`;
  const results: BenchResult[] = [
    { name: 'sync.initial.docsPerSec', value: Math.round(docs / (guichetMs / 1000)), unit: 'docs/s', n: runs.guichetMs.length, note },
    { name: 'sync.initial.ms', value: Math.round(guichetMs), unit: 'ms', n: runs.guichetMs.length, note },
    {
      name: 'sync.initial.storeOnly.docsPerSec',
      value: Math.round(docs / (median(runs.storeMs) / 1000)),
      unit: 'docs/s',
      n: runs.storeMs.length,
      note: `bulkInsert in batches of ${APP_BATCH} into an empty app store, no network`,
    },
    {
      name: 'sync.initial.wireOnly.docsPerSec',
      value: Math.round(docs / (median(runs.wireMs) / 1000)),
      unit: 'docs/s',
      n: runs.wireMs.length,
      note: `the same pages of ${APP_BATCH}, fetched and parsed, not stored`,
    },
  ];
  if (runs.pouchMs.length > 0) {
    const pouchMs = median(runs.pouchMs);
    results.push(
      {
        name: 'sync.pouch.initial.docsPerSec',
        value: Math.round(docs / (pouchMs / 1000)),
        unit: 'docs/s',
        n: runs.pouchMs.length,
        note: `${docs} documents, pouchdb-server in memory`,
      },
      {
        name: 'sync.vsPouch.ratio',
        value: round1(pouchMs / guichetMs),
        unit: 'ratio',
        n: Math.min(runs.pouchMs.length, runs.guichetMs.length),
        note: 'median PouchDB time / median Guichet time',
      },
    );
  }
  const wirePerDoc = median(runs.bytes) / docs;
  const gzipPerDoc = meanGzipBytes(documents);
  results.push(
    {
      name: 'sync.bytesPerDoc',
      value: Math.round(wirePerDoc),
      unit: 'bytes',
      n: runs.bytes.length,
      note: 'both directions, HTTP headers included',
    },
    {
      name: 'sync.bytesPerDoc.ratio',
      value: Math.round((wirePerDoc / gzipPerDoc) * 100) / 100,
      unit: 'ratio',
      n: runs.bytes.length,
      note: `gzip of one document's JSON: ${Math.round(gzipPerDoc)} bytes`,
    },
  );
  return results;
}

// ---------------------------------------------------------------------------
// 3. sync.propagation

/** Saves before the samples: the first ones pay for compiling and warming up. */
const PROPAGATION_WARM_UP = 5;

async function harnessPage(context: BrowserContext, harnessUrl: string, log: (line: string) => void): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`sync harness: ${error.message}`));
  await page.goto(harnessUrl);
  await page.waitForFunction(() => window.guichetSyncBench !== undefined, null, { timeout: 30_000 });
  return page;
}

/** Device A (one page) saves a request, device B (another page) gets it through its live stream; one time per save, in ms. */
async function benchPropagation(
  context: BrowserContext,
  harnessUrl: string,
  setup: { server: TestServer; storage: Storage },
  options: SyncBenchOptions,
): Promise<number[]> {
  const pair = await addCommune(setup.storage, 'Banc d’essai, deux postes');
  const devices = await enrollMany(setup.server, setup.storage, pair.id, 2, 'Poste');
  const pages: Page[] = [];
  try {
    for (const device of devices) {
      const page = await harnessPage(context, harnessUrl, options.log);
      pages.push(page);
      await page.evaluate((o) => window.guichetSyncBench!.openLiveDevice(o), {
        serverUrl: setup.server.url,
        token: device.token,
        timeoutMs: 60_000,
      });
    }
    const [a, b] = pages as [Page, Page];
    const { categories } = generateDemoCommune({ requests: 0 });
    const { requests } = generateCommune({
      communeId: pair.id,
      categories,
      citizens: 1,
      requests: PROPAGATION_WARM_UP + options.propagationSamples,
      seed: 7,
    });
    const times: number[] = [];
    for (const [index, request] of requests.entries()) {
      const started = await a.evaluate((doc) => window.guichetSyncBench!.saveRequest(doc), request);
      const arrived = await b.evaluate(([id, ms]) => window.guichetSyncBench!.arrivalOf(id, ms), [request.id, 10_000] as const);
      if (index >= PROPAGATION_WARM_UP) times.push(arrived - started);
    }
    return times;
  } finally {
    for (const page of pages) {
      await page.evaluate(() => window.guichetSyncBench!.closeLiveDevice()).catch(() => undefined);
      await page.close();
    }
  }
}

// ---------------------------------------------------------------------------
// 4. server.fanout

interface FanoutWrite {
  id: string;
  remaining: number;
  lastAt: number;
  done(): void;
}

/** One device's live stream, read from this process; it reports each block that carries the awaited write. */
function openStream(url: string, token: string, onBlock: (block: string) => void): Promise<ClientRequest> {
  return new Promise((resolveOpen, rejectOpen) => {
    const target = new URL(`${MULTI_STREAM_PATH}?collections=requests`, url);
    const request = httpRequest(
      target,
      { agent: false, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          rejectOpen(new Error(`stream: ${response.statusCode}`));
          return;
        }
        response.setEncoding('utf8');
        let buffer = '';
        let opened = false;
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!opened && block.includes(': connected')) {
              opened = true;
              resolveOpen(request);
            } else {
              onBlock(block);
            }
          }
        });
      },
    );
    request.on('error', rejectOpen);
    request.end();
  });
}

async function benchFanout(
  setup: { server: TestServer; storage: Storage; label: string },
  options: SyncBenchOptions,
): Promise<BenchResult[]> {
  const { server, storage } = setup;
  const commune = await addCommune(storage, 'Banc d’essai, diffusion');
  options.log(`  enrolling ${options.fanoutDevices} devices…`);
  const devices = await within(
    'fanout enrollment',
    5 * 60_000,
    enrollMany(server, storage, commune.id, options.fanoutDevices + 1, 'Poste'),
  );
  const writer = devices.pop()!;
  let current: FanoutWrite | null = null;
  const streams: ClientRequest[] = [];
  let refused = 0;
  try {
    options.log(`  opening ${devices.length} live streams…`);
    await within(
      'fanout streams',
      3 * 60_000,
      inPool(devices, 64, async (device) => {
        let seen = '';
        try {
          streams.push(
            await openStream(server.url, device.token, (block) => {
              const write = current;
              if (!write || seen === write.id || !block.includes(write.id)) return;
              seen = write.id;
              write.remaining -= 1;
              write.lastAt = performance.now();
              if (write.remaining === 0) write.done();
            }),
          );
        } catch (error) {
          refused += 1;
          if (refused === 1) options.log(`  a stream could not open: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
    const connected = streams.length;
    options.log(`  ${connected} streams open${refused > 0 ? `, ${refused} refused` : ''}; ${options.fanoutWrites} writes…`);
    const times: number[] = [];
    let incomplete = 0;
    for (let i = 0; i < options.fanoutWrites; i += 1) {
      const doc = makeDoc('requests', commune.id);
      let done: () => void = () => undefined;
      const all = new Promise<void>((resolveAll) => (done = resolveAll));
      const write: FanoutWrite = { id: doc.id, remaining: connected, lastAt: 0, done };
      current = write;
      const started = performance.now();
      const answer = await writer.api.push('requests', created(doc));
      if (answer.status !== 200) throw new Error(`fanout push: ${answer.status}`);
      const reached = await within('fanout', 10_000, all).then(
        () => true,
        () => false,
      );
      if (reached) times.push(write.lastAt - started);
      else incomplete += 1;
      current = null;
      await sleep(200);
    }
    if (incomplete > 0) options.log(`  ${incomplete} writes did not reach every stream within 10 s (left out)`);
    const sorted = [...times].sort((a, b) => a - b);
    const note = `${connected} devices connected (n), ${times.length} writes, ${setup.label}`;
    return [
      { name: 'server.fanout.p50', value: round1(percentile(sorted, 0.5)), unit: 'ms', n: connected, note },
      { name: 'server.fanout.p95', value: round1(percentile(sorted, 0.95)), unit: 'ms', n: connected, note },
    ];
  } finally {
    for (const stream of streams) stream.destroy();
  }
}

// ---------------------------------------------------------------------------
// All of it

/** Runs the sync benchmarks with the harness page at `harnessUrl`; results are recorded as they come. */
export async function benchSync(
  context: BrowserContext,
  harnessUrl: string,
  options: SyncBenchOptions,
  record: (results: BenchResult[]) => void,
): Promise<void> {
  const { storage, label, close } = await openBenchStorage();
  options.log(`sync server on ${label}`);
  let server: TestServer | null = null;
  let pouch: PouchServer | null = null;
  let page: Page | null = null;
  try {
    const unlimited = { capacity: 1_000_000, refillPerMinute: 1_000_000 };
    server = await startServer(storage, { enrollRate: unlimited, authFailureRate: unlimited });
    const meter = new ByteMeter(server.app.server);
    const commune = await addCommune(storage, 'Banc d’essai');
    const documents = benchDocuments(commune.id, options.docs);

    options.log(`server.push: ${total(documents)} documents, ${options.pushDevices} devices at once…`);
    const pushers = await enrollMany(server, storage, commune.id, options.pushDevices, 'Poste de saisie');
    record(await within('server.push', 10 * 60_000, benchPush(pushers, documents, options.pushBatch, label)));

    let pouchUrl: string | null = null;
    try {
      pouch = await startPouchServer();
      options.log('filling pouchdb-server with the same documents…');
      pouchUrl = await within('pouchdb-server fill', 5 * 60_000, fillPouch(pouch, documents));
    } catch (error) {
      options.log(`PouchDB left out: ${error instanceof Error ? error.message : String(error)}`);
    }

    page = await harnessPage(context, harnessUrl, options.log);
    options.log(`sync.initial: ${options.runs} new devices${pouchUrl ? ', and PouchDB as many times' : ''}…`);
    const runs = await pullRuns(page, { server, storage, tenantId: commune.id, meter, pouchUrl }, documents, options);
    record(pullResults(runs, documents, label));
    await page.close();
    page = null;

    options.log(`sync.propagation: ${options.propagationSamples} saves from device A to device B…`);
    const times = await within('sync.propagation', 5 * 60_000, benchPropagation(context, harnessUrl, { server, storage }, options));
    record(timeSummary('sync.propagation', times).map((result) => ({ ...result, note: label })));

    options.log(`server.fanout: ${options.fanoutDevices} devices on the live stream…`);
    record(await within('server.fanout', 15 * 60_000, benchFanout({ server, storage, label }, options)));
  } finally {
    await page?.close();
    await pouch?.stop();
    await server?.close();
    await close();
  }
}
