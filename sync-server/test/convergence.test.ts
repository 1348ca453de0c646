/**
 * Convergence under faults (quality.md, reliability 3, 5, 6): three RxDB
 * devices make seeded random edits, some offline, with clocks a day apart,
 * each through a proxy that drops, duplicates, delays and reorders requests
 * and cuts streams; the server restarts while a push is in flight. Then the
 * line is clean again and, within a bound, every device and the server hold
 * the same documents, and no acknowledged write is lost or duplicated:
 * - every journal line (append-only) every device wrote is on the server once;
 * - every value a device wrote is still there, or was overwritten by a device
 *   that had seen it, or lost a conflict and is in the request's journal.
 *
 * A divergence that needs a rare interleaving shows only now and then, and
 * more under load (issue 12). To look for one:
 * - CONVERGENCE_SEED=n   the first seed (default below); a failure names its seed, to replay it;
 * - CONVERGENCE_RUNS=n   runs per storage, seeds n, n+1, … (at most MAX_RUNS);
 * - CONVERGENCE_LOAD=k   k busy threads beside the test while it runs (at most MAX_LOAD), each
 *                        stopping by itself after LOAD_BOUND_MS whatever happens to the test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids';
import { NO_ID, type EventDoc, type RequestDoc } from '../../domain/model';
import { canonicalJson } from '../src/canonical';
import type { Storage, StorageKind } from '../src/storage';
import { allDocs, openClient, until, type Client } from './clients';
import {
  addCommune,
  Api,
  enroll,
  makeDoc,
  openTestStorage,
  startServer,
  STORAGE_KINDS,
  type TestServer,
  type TestStorage,
} from './harness';
import { FaultyProxy, NO_FAULTS, seeded, type Faults } from './proxy';

const FIRST_SEED = Number(process.env['CONVERGENCE_SEED'] ?? 20_260_312);
const MAX_RUNS = 50;
const RUNS = Math.min(MAX_RUNS, Math.max(1, Number(process.env['CONVERGENCE_RUNS'] ?? 1) || 1));
const SEEDS = Array.from({ length: RUNS }, (_, run) => FIRST_SEED + run);
const MAX_LOAD = 2 * availableParallelism();
const LOAD = Math.min(MAX_LOAD, Math.max(0, Number(process.env['CONVERGENCE_LOAD'] ?? 0) || 0));
/** The longest a run may take. */
const RUN_TIMEOUT_MS = 120_000;
/** The longest any busy thread runs, even if the test hangs or its afterAll never comes: every run's time, and a minute. */
const LOAD_BOUND_MS = RUNS * RUN_TIMEOUT_MS + 60_000;
const CLIENTS = 3;
const OPS_PER_CLIENT = 40;
const DAY = 86_400_000;
const CLOCK_OFFSETS = [0, DAY, -DAY];
/** The forwarded push (all devices counted) during which the server restarts: after the faults forced on each device's first pushes. */
const RESTART_AT_PUSH = 12;
const FAULTS: Faults = { drop: 0.12, loseAnswer: 0.12, duplicate: 0.12, delay: 0.4, maxDelayMs: 120, cutStream: 0.3 };

interface Written {
  client: number;
  docId: string;
  field: 'subject' | 'description';
  value: string;
  /** the value the device had when it wrote this one */
  previous: string;
}

interface Device {
  index: number;
  client: Client;
  proxy: FaultyProxy;
  token: string;
  deviceId: string;
  clock: () => Date;
  events: string[];
  requests: string[];
}

/** The server and its storage, restartable: the storage is closed and opened again. */
class RestartableServer {
  server!: TestServer;
  storage!: Storage;
  restarts = 0;
  pushesInFlightAtRestart = 0;
  private restarting: Promise<void> | null = null;

  constructor(
    private readonly first: TestStorage,
    private readonly proxies: () => FaultyProxy[],
  ) {}

  async start(): Promise<void> {
    this.storage = this.first;
    this.server = await startServer(this.storage, { enrollRate: { capacity: 100, refillPerMinute: 100 }, shutdownGraceMs: 2_000 });
  }

  restart(inFlight: number): Promise<void> {
    this.restarting ??= (async () => {
      this.pushesInFlightAtRestart = inFlight;
      await this.server.close();
      await this.storage.db.close();
      this.storage = await this.first.reopen();
      this.server = await startServer(this.storage, { shutdownGraceMs: 2_000 });
      for (const proxy of this.proxies()) proxy.target = this.server.url;
      this.restarts += 1;
    })();
    return this.restarting;
  }

  async close(): Promise<void> {
    await this.restarting;
    await this.server.close();
    await this.storage.db.close();
    await this.first.dispose();
  }
}

/** Busy threads (CPU contention, as on a loaded CI machine), each bounded in time; stop() ends them. */
function startLoad(threads: number): { stop(): Promise<void> } {
  const source = `const end = Date.now() + ${LOAD_BOUND_MS}; let x = 0; while (Date.now() < end) { for (let i = 0; i < 1e6; i += 1) x ^= i; }`;
  const workers = Array.from({ length: threads }, () => new Worker(source, { eval: true }));
  return { stop: async () => void (await Promise.all(workers.map((worker) => worker.terminate()))) };
}

describe.each(STORAGE_KINDS)('convergence under faults on %s', (kind) => {
  let load: { stop(): Promise<void> } | undefined;
  beforeAll(() => {
    if (LOAD > 0) load = startLoad(LOAD);
  });
  afterAll(async () => {
    await load?.stop();
  });

  it.each(SEEDS)(
    `${CLIENTS} devices × ${OPS_PER_CLIENT} edits converge, nothing acknowledged lost or duplicated (seed %i)`,
    async (seed) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'guichet-convergence-'));
      const devices: Device[] = [];
      let host: RestartableServer | undefined;
      try {
        await convergenceRun(kind, seed, dataDir, devices, (opened) => (host = opened));
      } finally {
        for (const device of devices) {
          await device.client.close();
          await device.proxy.close();
        }
        await host?.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    RUN_TIMEOUT_MS,
  );
});

async function convergenceRun(
  kind: StorageKind,
  seed: number,
  dataDir: string,
  devices: Device[],
  opened: (host: RestartableServer) => void,
): Promise<void> {
  const storage = await openTestStorage(kind, kind === 'pglite' ? dataDir : undefined);
  const host = new RestartableServer(storage, () => devices.map((device) => device.proxy));
  opened(host);
  await host.start();
  const communeId = (await addCommune(host.storage, 'Convergence')).id;
  for (let index = 0; index < CLIENTS; index += 1) devices.push(await openDevice(host, communeId, index, seed));

  // A few requests everyone knows, so that edits collide.
  for (let n = 0; n < 3; n += 1) await createRequest(devices[0] as Device, communeId, `seed-${n}`);
  await until(
    async () =>
      (await Promise.all(devices.map(async (device) => (await device.client.collections.requests?.count().exec()) ?? 0))).every(
        (count) => count === 3,
      ),
    20_000,
    'the first requests everywhere',
  );

  const written: Written[] = [];
  for (const device of devices) {
    device.proxy.faults = FAULTS;
    device.proxy.forcedPushFaults = ['loseAnswer', 'duplicate', 'drop'];
  }
  let restartArmed = true;
  let pushesForwarded = 0;
  let editsDone = false;
  const pushesInFlight = (): number => devices.reduce((sum, device) => sum + device.proxy.pushesInFlight, 0);
  for (const device of devices) {
    device.proxy.onPushInFlight = () => {
      pushesForwarded += 1;
      // Counted in pushes, not in edits: edits can all be made before the pushes that carry them, and a
      // restart armed on edits would then come after the last push, with none in flight.
      if (process.env['CONVERGENCE_NO_RESTART'] || !restartArmed || (pushesForwarded < RESTART_AT_PUSH && !editsDone)) return;
      restartArmed = false;
      // Restart while this push is on its way to, or in, the server: at once, as it has just been forwarded
      // (a timer here lets a fast server answer first, and the restart would miss every push).
      void host.restart(pushesInFlight());
    };
  }

  await Promise.all(devices.map((device) => runOps(device, communeId, seeded(seed + device.index + 1), written)));

  // The line is clean again.
  for (const device of devices) {
    device.proxy.faults = NO_FAULTS;
    device.proxy.offline = false;
  }
  // Edits made offline may all still wait for the line: then the restart comes with the first push now.
  editsDone = true;
  if (!process.env['CONVERGENCE_NO_RESTART']) {
    const restartable = host;
    await until(() => restartable.restarts === 1, 15_000, 'the restart during a push').catch(() => restartable.restart(0));
  }
  const server = await converge(host, devices);

  if (!process.env['CONVERGENCE_NO_RESTART']) {
    expect(host.restarts).toBe(1);
    expect(host.pushesInFlightAtRestart).toBeGreaterThan(0);
  }
  const stats = devices.map((device) => device.proxy.stats);
  for (const counter of ['dropped', 'lostAnswers', 'duplicated', 'delayed', 'refused'] as const) {
    expect(
      stats.reduce((sum, item) => sum + item[counter], 0),
      counter,
    ).toBeGreaterThan(0);
  }

  // Every journal line written by a device is on the server, once.
  const written_events = devices.flatMap((device) => device.events);
  const serverEvents = [...server.events.values()] as unknown as EventDoc[];
  const nonConflict = serverEvents.filter((event) => event.type !== 'conflict').map((event) => event.id);
  expect(new Set(nonConflict).size).toBe(nonConflict.length);
  expect([...nonConflict].sort()).toEqual([...written_events].sort());
  expect([...server.requests.keys()].sort()).toEqual(devices.flatMap((device) => device.requests).sort());

  // Every value written survives, was knowingly overwritten, or lost a conflict and is journaled.
  const conflicts = serverEvents.filter((event) => event.type === 'conflict');
  const lost = written.filter((write) => !accountedFor(write, written, server.requests, conflicts));
  expect(lost.map((write) => explain(write, written, server.requests, conflicts))).toEqual([]);
}

async function openDevice(host: RestartableServer, communeId: string, index: number, seed: number): Promise<Device> {
  const enrolled = await enroll(host.server, host.storage, communeId, `Poste ${index}`);
  const proxy = new FaultyProxy(host.server.url, seed * 7 + index);
  const url = await proxy.listen();
  const client = await openClient(['requests', 'events']);
  client.start({
    fetch,
    serverUrl: url,
    token: enrolled.token,
    actor: { deviceId: enrolled.deviceId, actorName: `Poste ${index}` },
    retryTime: 100,
    maxRetryTime: 800,
    batchSize: 10,
  });
  const offset = CLOCK_OFFSETS[index] ?? 0;
  return {
    index,
    client,
    proxy,
    token: enrolled.token,
    deviceId: enrolled.deviceId,
    clock: () => new Date(Date.now() + offset),
    events: [],
    requests: [],
  };
}

async function createRequest(device: Device, communeId: string, label: string): Promise<string> {
  const now = device.clock().toISOString();
  const { _deleted: _d, ...doc } = makeDoc('requests', communeId, {
    subject: `${label}-s`,
    description: `${label}-d`,
    receivedAt: now,
    createdAt: now,
    updatedAt: now,
    attachments: [],
    transfer: null,
  });
  await device.client.collections.requests?.insert(doc);
  device.requests.push(doc.id);
  await journal(device, communeId, doc.id, 'created', []);
  return doc.id;
}

async function journal(device: Device, communeId: string, requestId: string, type: EventDoc['type'], fields: string[]): Promise<void> {
  const now = device.clock().toISOString();
  const event: EventDoc = {
    id: newId(),
    communeId,
    requestId,
    citizenId: NO_ID,
    type,
    at: now,
    actorId: device.deviceId,
    actorName: `Poste ${device.index}`,
    fromStatus: null,
    toStatus: null,
    text: '',
    fields,
    deviceId: device.deviceId,
    updatedAt: now,
  };
  await device.client.collections.events?.insert(event);
  device.events.push(event.id);
}

async function runOps(device: Device, communeId: string, random: () => number, written: Written[]): Promise<void> {
  for (let op = 0; op < OPS_PER_CLIENT; op += 1) {
    const roll = random();
    const label = `c${device.index}-${op}`;
    if (roll < 0.2) await createRequest(device, communeId, label);
    else if (roll < 0.75) await edit(device, communeId, random, label, written);
    else if (roll < 0.9) {
      const target = await pick(device, random);
      if (target) await journal(device, communeId, target.id, 'note', []);
    } else {
      device.proxy.offline = !device.proxy.offline;
      if (device.proxy.offline) device.proxy.cutAll();
    }
    await new Promise((resolve) => setTimeout(resolve, 10 + random() * 50));
  }
}

async function pick(device: Device, random: () => number): Promise<RequestDoc | null> {
  const docs = (await device.client.collections.requests?.find().exec()) ?? [];
  const chosen = docs[Math.floor(random() * docs.length)];
  return chosen ? (chosen.toJSON(false) as unknown as RequestDoc) : null;
}

async function edit(device: Device, communeId: string, random: () => number, label: string, written: Written[]): Promise<void> {
  const target = await pick(device, random);
  if (!target) return;
  const fields: ('subject' | 'description')[] =
    random() < 0.5 ? ['subject'] : random() < 0.5 ? ['description'] : ['subject', 'description'];
  const patch: Partial<RequestDoc> = { updatedAt: device.clock().toISOString() };
  for (const field of fields) {
    const value = `${label}-${field[0]}`;
    patch[field] = value;
    written.push({ client: device.index, docId: target.id, field, value, previous: target[field] });
  }
  const doc = await device.client.collections.requests?.findOne(target.id).exec();
  await doc?.incrementalPatch(patch);
  await journal(device, communeId, target.id, 'updated', fields);
}

interface ServerState {
  requests: Map<string, Record<string, unknown>>;
  events: Map<string, Record<string, unknown>>;
}

async function serverState(host: RestartableServer, token: string): Promise<ServerState> {
  const api = new Api(host.server.url, token);
  const strip = (docs: Record<string, unknown>[]): Map<string, Record<string, unknown>> => {
    const map = new Map<string, Record<string, unknown>>();
    for (const { _deleted: _d, ...doc } of docs) {
      if (map.has(String(doc['id']))) throw new Error(`pulled twice: ${String(doc['id'])}`);
      map.set(String(doc['id']), doc);
    }
    return map;
  };
  return { requests: strip(await api.pullAll('requests')), events: strip(await api.pullAll('events')) };
}

function sameDocs(a: Map<string, Record<string, unknown>>, b: Map<string, Record<string, unknown>>): boolean {
  if (a.size !== b.size) return false;
  return [...a].every(([id, doc]) => b.has(id) && canonicalJson(doc) === canonicalJson(b.get(id)));
}

/** Waits (bounded) until every device holds exactly what the server holds. */
async function converge(host: RestartableServer, devices: Device[]): Promise<ServerState> {
  let state: ServerState | undefined;
  const token = devices[0]?.token ?? '';
  await until(
    async () => {
      state = await serverState(host, token);
      const current = state;
      const agree = await Promise.all(
        devices.map(
          async (device) =>
            sameDocs(current.requests, await allDocs(device.client.collections.requests)) &&
            sameDocs(current.events, await allDocs(device.client.collections.events)),
        ),
      );
      if (agree.every(Boolean)) return true;
      for (const device of devices) device.client.replication?.reSync();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return false;
    },
    60_000,
    'every device to hold what the server holds',
  ).catch(async (error: unknown) => {
    if (state) for (const device of devices) console.error(await describeDifference(state, device, host));
    throw error;
  });
  if (!state) throw new Error('no server state');
  return state;
}

/** What a device holds that the server does not, and the reverse: to understand a failure. */
async function describeDifference(state: ServerState, device: Device, host: RestartableServer): Promise<string> {
  const lines: string[] = [`device ${device.index}: last status ${JSON.stringify(device.client.statuses.at(-1))}`];
  lines.push(
    `  states: ${JSON.stringify(device.client.replication?.states.map((item) => [item.isStopped(), item.isPaused()]))} proxy ${JSON.stringify(device.proxy.stats)} offline=${device.proxy.offline}`,
  );
  lines.push(`  last pulls ${JSON.stringify(device.proxy.lastPulls)}`);
  for (const name of ['requests', 'events'] as const) {
    const local = await allDocs(device.client.collections[name]);
    const remote = state[name];
    const missing = [...remote.keys()].filter((id) => !local.has(id));
    const extra = [...local.keys()].filter((id) => !remote.has(id));
    const differing = [...remote.keys()].filter((id) => local.has(id) && canonicalJson(local.get(id)) !== canonicalJson(remote.get(id)));
    lines.push(
      `  ${name}: ${remote.size} on server, ${local.size} here; missing ${missing.length}, extra ${extra.length}, differing ${differing.length}`,
    );
    if (missing.length > 0) {
      const seqs = await host.storage.db.query(
        'SELECT id, seq FROM documents WHERE collection = $1 AND id = ANY($2::text[]) ORDER BY seq',
        [name, missing],
      );
      const max = await host.storage.db.query('SELECT max(seq) AS m FROM documents');
      lines.push(`    missing seqs ${JSON.stringify(seqs.map((row) => Number(row['seq'])))} max ${JSON.stringify(max)}`);
    }
    for (const id of differing.slice(0, 3)) {
      const [a, b] = [local.get(id) ?? {}, remote.get(id) ?? {}];
      const fields = Object.keys({ ...a, ...b }).filter((key) => canonicalJson(a[key]) !== canonicalJson(b[key]));
      lines.push(`    ${id}: ${fields.map((key) => `${key} here=${JSON.stringify(a[key])} server=${JSON.stringify(b[key])}`).join('; ')}`);
    }
  }
  return lines.join('\n');
}

/** A lost write with what became of its field, to understand a failure. */
function explain(
  write: Written,
  all: readonly Written[],
  requests: Map<string, Record<string, unknown>>,
  conflicts: readonly EventDoc[],
): string {
  const history = all
    .filter((other) => other.docId === write.docId && other.field === write.field)
    .map((other) => `${other.previous}→${other.value}`);
  const journal = conflicts.filter((event) => event.requestId === write.docId).map((event) => event.text);
  return `${write.value} (was ${write.previous}) on ${write.docId}: now ${String(requests.get(write.docId)?.[write.field])}; writes ${history.join(', ')}; conflicts ${journal.join(' | ')}`;
}

/** Whether a written value is accounted for: still there, knowingly overwritten, or journaled as a lost conflict. */
function accountedFor(
  write: Written,
  all: readonly Written[],
  requests: Map<string, Record<string, unknown>>,
  conflicts: readonly EventDoc[],
): boolean {
  if (requests.get(write.docId)?.[write.field] === write.value) return true;
  if (all.some((other) => other !== write && other.docId === write.docId && other.field === write.field && other.previous === write.value))
    return true;
  return conflicts.some(
    (event) => event.requestId === write.docId && event.fields.includes(write.field) && event.text.includes(write.value),
  );
}
