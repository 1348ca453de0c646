/**
 * Replication of the device's collections with the sync server
 * (architecture.md, "The sync protocol"; domain/protocol.ts).
 *
 * - RxDB's replication primitives drive it: a pull handler with the server's
 *   checkpoint, a push handler returning the server's conflicts, and a live
 *   stream$ fed by ONE server-sent-events connection for all collections
 *   (a browser keeps six HTTP/1.1 connections per server; six streams would
 *   leave none for pulls and pushes).
 * - The stream is read with fetch, not EventSource: EventSource cannot send
 *   an Authorization header, and a token in the URL ends up in proxy and
 *   server access logs. The same reader works in the browser, in Electron and
 *   in Node (tests).
 * - Every (re)connection of the stream emits RESYNC, so what happened while
 *   the line was down is pulled from the checkpoint.
 * - Conflicts are merged field by field by the domain's rules
 *   (domain/merge.ts); a value that lost is journaled as a `conflict` event in
 *   the request's (or resident's) history.
 * - Nothing here blocks the app: startReplication returns at once; failures
 *   retry with a growing delay and are reported through onStatus.
 */
import type { RxCollection, RxConflictHandler, RxConflictHandlerInput, RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { Subject, type Observable, type Subscription } from 'rxjs';
import { deepEqual, mergeCitizenVersions, mergeDocuments, mergeRequest, mergeSettings, type MergeResult } from '../../../domain/merge';
import { localStamp } from '../db/rxdb/local-stamps';
import { isStaleCopy, masterStampsOf, recordMasterStates } from '../db/rxdb/master-stamps';
import { StampWatch, type Acknowledged } from '../db/rxdb/stamp-watch';
import { NO_ID, type DocumentsByCollection, type EventDoc, type ReplicatedCollection } from '../../../domain/model';
import {
  API_PREFIX,
  ERROR_STATUS,
  isErrorBody,
  MULTI_STREAM_PATH,
  RESYNC,
  SCHEMA_VERSION_HEADER,
  type Checkpoint,
  type ErrorCode,
  type PullResponse,
  type PushRow,
  type StreamBatch,
} from '../../../domain/protocol';

// ---------------------------------------------------------------------------
// Options, status

export type ReplicatedCollections = { [Name in ReplicatedCollection]?: RxCollection<DocumentsByCollection[Name]> };

/** Who the conflict journal lines are written by: this device, on behalf of nobody in particular. */
export interface ReplicationActor {
  deviceId: string;
  actorId?: string;
  actorName?: string;
}

export type SyncState = 'connecting' | 'syncing' | 'sending' | 'idle' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** documents being sent right now */
  pending: number;
  /** when everything was last known to be in sync (ISO), null before the first time */
  lastSyncAt: string | null;
  /** the last failure; `network` when the server could not be reached */
  error: { code: ErrorCode | 'network'; status: number | null } | null;
}

export interface ReplicationOptions {
  collections: ReplicatedCollections;
  /** e.g. https://sync.cc-val.fr (no trailing slash needed) */
  serverUrl: string;
  /** the device token from enrollment */
  token: string;
  onStatus?: (status: SyncStatus) => void;
  actor?: ReplicationActor;
  /** documents per pull and per push */
  batchSize?: number;
  /** first retry delay (ms); doubles on each failure up to maxRetryTime */
  retryTime?: number;
  maxRetryTime?: number;
  /** only with RxDB's leader-election plugin (several tabs): replicate from the leading tab only */
  waitForLeadership?: boolean;
  fetch?: typeof fetch;
}

export interface ReplicationHandle {
  states: RxReplicationState<unknown, Checkpoint>[];
  /** resolves when every collection is in sync with the server */
  awaitInSync(): Promise<void>;
  /** pull everything new now (e.g. the user pressed "Synchroniser") */
  reSync(): void;
  stop(): Promise<void>;
}

/** An HTTP failure of the sync server, with the protocol's error code. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number | null,
    readonly code: ErrorCode | 'network',
    message: string,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

// ---------------------------------------------------------------------------
// HTTP

interface Http {
  get<T>(path: string, collection: RxCollection): Promise<T>;
  post<T>(path: string, collection: RxCollection, body: unknown): Promise<T>;
  headers(extra?: Record<string, string>): Record<string, string>;
  url(path: string): string;
  fetch: typeof fetch;
}

function makeHttp(options: ReplicationOptions): Http {
  const base = options.serverUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({ authorization: `Bearer ${options.token}`, ...extra });
  const call = async <T>(path: string, collection: RxCollection, init: RequestInit): Promise<T> => {
    const response = await doFetch(`${base}${path}`, {
      ...init,
      headers: headers({ [SCHEMA_VERSION_HEADER]: String(collection.schema.version), ...(init.body ? { 'content-type': 'application/json' } : {}) }),
    }).catch((error: unknown) => {
      throw new SyncHttpError(null, 'network', error instanceof Error ? error.message : 'network error');
    });
    if (!response.ok) throw await httpError(response);
    return (await response.json()) as T;
  };
  return {
    get: (path, collection) => call(path, collection, { method: 'GET' }),
    post: (path, collection, body) => call(path, collection, { method: 'POST', body: JSON.stringify(body) }),
    headers,
    url: (path) => `${base}${path}`,
    fetch: doFetch,
  };
}

async function httpError(response: Response): Promise<SyncHttpError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) return new SyncHttpError(response.status, body.error.code, body.error.message);
  return new SyncHttpError(response.status, response.status >= 500 ? 'unavailable' : 'invalid_request', `HTTP ${response.status}`);
}

// ---------------------------------------------------------------------------
// Conflicts

type Merger<Doc> = (base: Doc | null, local: Doc, remote: Doc) => MergeResult<Doc>;

const MERGERS: { [Name in ReplicatedCollection]: Merger<DocumentsByCollection[Name]> } = {
  requests: mergeRequest,
  citizens: mergeCitizenVersions,
  // Events are written once and never change: a conflict there is two writes of one line; same rule. The server
  // names the device that pushed a line (deviceId, domain/write-rules.ts): its value, like its stamp, is the server's.
  events: (base, local, remote) => mergeDocuments(base, local, remote, { derived: ['updatedAt', 'deviceId'] }),
  categories: (base, local, remote) => mergeDocuments(base, local, remote, { derived: ['updatedAt'] }),
  replytemplates: (base, local, remote) => mergeDocuments(base, local, remote, { derived: ['updatedAt'] }),
  settings: mergeSettings,
  procedures: (base, local, remote) => mergeDocuments(base, local, remote, { derived: ['updatedAt'] }),
  assistedsessions: (base, local, remote) => mergeDocuments(base, local, remote, { derived: ['updatedAt'] }),
};

function withoutDeleted<Doc>(doc: WithDeleted<Doc>): Doc {
  const { _deleted: _ignored, ...rest } = doc as WithDeleted<Doc> & Record<string, unknown>;
  return rest as Doc;
}

/** The three-way merge of a conflict, deletions aside: a deletion on the server wins, a local one yields to the server's changes. */
function mergeConflict<Name extends ReplicatedCollection>(
  collection: Name,
  input: RxConflictHandlerInput<DocumentsByCollection[Name]>,
): { doc: WithDeleted<DocumentsByCollection[Name]>; result: MergeResult<DocumentsByCollection[Name]> | null } {
  const { realMasterState: remote, newDocumentState: local, assumedMasterState: assumed } = input;
  // A stale copy of an older server state is nobody's change: the server's state stands (master-stamps.ts).
  if (isStaleCopy(collection, local)) return { doc: remote, result: null };
  if (remote._deleted || local._deleted) return { doc: remote, result: null };
  const merge = MERGERS[collection] as Merger<DocumentsByCollection[Name]>;
  const base = assumed && !assumed._deleted ? withoutDeleted(assumed) : null;
  const result = merge(base, withoutDeleted(local), withoutDeleted(remote));
  return { doc: stampMerge({ ...result.merged, _deleted: false }, remote), result };
}

/**
 * The merge is the server's state exactly when it kept nothing of the device's: the server's stamp then, so
 * that both hold the same document. Otherwise it is a change of this device, to be pushed, and stamped as one
 * (local-stamps.ts): with the server's stamp it would pass for a copy of the server's state.
 */
function stampMerge<Doc>(merged: WithDeleted<Doc>, remote: WithDeleted<Doc>): WithDeleted<Doc> {
  const remoteStamp = (remote as { updatedAt?: unknown }).updatedAt;
  if (deepEqual({ ...merged, updatedAt: remoteStamp }, remote)) return remote;
  return { ...merged, updatedAt: localStamp(remoteStamp) };
}

/**
 * RxDB conflict handlers, one per collection, for `addCollections` (each
 * collection's `conflictHandler`). isEqual compares whole documents,
 * updatedAt included, so that the server's stamp reaches the device.
 */
export const conflictHandlers: { [Name in ReplicatedCollection]: RxConflictHandler<DocumentsByCollection[Name]> } = {
  requests: conflictHandler('requests'),
  citizens: conflictHandler('citizens'),
  events: conflictHandler('events'),
  categories: conflictHandler('categories'),
  replytemplates: conflictHandler('replytemplates'),
  settings: conflictHandler('settings'),
  procedures: conflictHandler('procedures'),
  assistedsessions: conflictHandler('assistedsessions'),
};

function conflictHandler<Name extends ReplicatedCollection>(collection: Name): RxConflictHandler<DocumentsByCollection[Name]> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    resolve: async (input) => mergeConflict(collection, input).doc,
  };
}

/** A stable id for the journal line of one conflict, so that resolving it twice journals it once. */
async function conflictEventId(parts: readonly string[]): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\u0000')));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Journals the values a merge let go of, in the history of the request or resident concerned. */
async function journalConflict<Name extends ReplicatedCollection>(
  events: RxCollection<EventDoc>,
  collection: Name,
  input: RxConflictHandlerInput<DocumentsByCollection[Name]>,
  actor: ReplicationActor,
): Promise<void> {
  const { result } = mergeConflict(collection, input);
  if (!result?.conflictEvent) return;
  const remote = input.realMasterState as unknown as Record<string, unknown>;
  const docId = String(remote['id']);
  const requestId = collection === 'requests' ? docId : NO_ID;
  const citizenId = collection === 'citizens' ? docId : collection === 'requests' ? String(remote['citizenId'] ?? NO_ID) : NO_ID;
  const at = new Date().toISOString();
  const event: EventDoc = {
    id: await conflictEventId([collection, docId, String(remote['updatedAt']), result.conflictEvent.text]),
    communeId: String(remote['communeId']),
    requestId,
    citizenId,
    type: 'conflict',
    at,
    actorId: actor.actorId ?? actor.deviceId,
    actorName: actor.actorName ?? 'Synchronisation',
    fromStatus: null,
    toStatus: null,
    text: result.conflictEvent.text,
    fields: result.conflictEvent.fields,
    deviceId: actor.deviceId,
    updatedAt: at,
  };
  await events.insert(event).catch((error: unknown) => {
    // Already journaled (the same conflict resolved again): nothing to add.
    if ((error as { code?: string }).code !== 'CONFLICT') throw error;
  });
}

// ---------------------------------------------------------------------------
// The live stream

type StreamItem = StreamBatch<unknown> | typeof RESYNC;

interface StreamCallbacks {
  onOpen(): void;
  onEvent(collection: string, item: StreamItem): void;
  onError(error: SyncHttpError): void;
}

/** Reads one SSE response until it ends: `event:` names the collection, `data:` carries the JSON. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: StreamCallbacks['onEvent']): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      dispatch(buffer.slice(0, end), onEvent);
      buffer = buffer.slice(end + 2);
    }
  }
}

function dispatch(block: string, onEvent: StreamCallbacks['onEvent']): void {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length === 0) return;
  onEvent(event, JSON.parse(data.join('\n')) as StreamItem);
}

const STREAM_RETRY_MAX_MS = 30_000;

/** Keeps one stream open for all collections, reconnecting with a growing delay until stopped. */
async function runStream(http: Http, collections: ReplicatedCollections, callbacks: StreamCallbacks, signal: AbortSignal, firstDelay: number): Promise<void> {
  const names = Object.keys(collections);
  const versions = names.map((name) => `${name}=${collections[name as ReplicatedCollection]?.schema.version ?? 0}`).join(',');
  let delay = firstDelay;
  while (!signal.aborted) {
    try {
      const response = await http.fetch(http.url(`${MULTI_STREAM_PATH}?collections=${names.join(',')}`), {
        headers: http.headers({ accept: 'text/event-stream', [SCHEMA_VERSION_HEADER]: versions }),
        signal,
      });
      if (!response.ok || !response.body) throw await httpError(response);
      delay = firstDelay;
      callbacks.onOpen();
      await readEvents(response.body, callbacks.onEvent);
    } catch (error) {
      if (signal.aborted) return;
      callbacks.onError(error instanceof SyncHttpError ? error : new SyncHttpError(null, 'network', String(error)));
    }
    await sleep(delay, signal);
    delay = Math.min(delay * 2, STREAM_RETRY_MAX_MS);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/**
 * Decides which stream batches RxDB may apply. RxDB applies a batch by
 * moving its checkpoint to the batch's, so a batch must continue exactly
 * where the device's copy ends (`from` = what the device holds), or the
 * device would jump over documents it never got, or write older states over
 * newer ones. Anything else, and every (re)connection, closes the gate and
 * asks for a pull (RESYNC); the gate opens again when a pull that started
 * after that request reaches the end. RESYNC is repeated while the gate stays
 * closed: RxDB 17 drops a RESYNC queued behind a batch.
 */
class StreamGate {
  private known = 0;
  private open = false;
  private generation = 0;
  private missedUpTo = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    readonly subject: Subject<StreamItem>,
    private readonly retryMs: number,
  ) {}

  /** The stream (re)connected, or the server said the device fell behind. */
  reopen(): void {
    this.open = false;
    this.requestPull();
  }

  batch(item: StreamBatch<unknown>): void {
    const from = item.from ?? -1;
    const to = item.checkpoint.seq;
    if (this.open && from === this.known) {
      this.known = to;
      const { from: _from, ...forRxdb } = item;
      this.subject.next(forRxdb);
      return;
    }
    if (to <= this.known) return;
    this.missedUpTo = Math.max(this.missedUpTo, to);
    if (this.open) this.reopen();
  }

  /** Called when a pull starts: the generation it belongs to. */
  pullStarted(): number {
    return this.generation;
  }

  /** Called with each pull's answer; the last page of a pull started after the latest RESYNC opens the gate. */
  pullDone(generation: number, documents: number, limit: number, checkpoint: Checkpoint | null | undefined): void {
    if (documents >= limit || generation !== this.generation || this.open) return;
    this.known = checkpoint?.seq ?? 0;
    if (this.missedUpTo > this.known) {
      this.requestPull();
      return;
    }
    this.open = true;
    this.stopTimer();
  }

  stop(): void {
    this.stopTimer();
    this.subject.complete();
  }

  private requestPull(): void {
    this.generation += 1;
    this.subject.next(RESYNC);
    this.timer ??= setInterval(() => {
      if (this.open) this.stopTimer();
      else {
        this.generation += 1;
        this.subject.next(RESYNC);
      }
    }, this.retryMs);
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

// ---------------------------------------------------------------------------
// Status

class StatusTracker {
  private status: SyncStatus = { state: 'connecting', pending: 0, lastSyncAt: null, error: null };
  private active = new Map<string, boolean>();
  private streamUp = false;

  constructor(private readonly onStatus: ((status: SyncStatus) => void) | undefined) {}

  setActive(collection: string, active: boolean): void {
    this.active.set(collection, active);
    this.publish();
  }

  addPending(count: number): void {
    this.status = { ...this.status, pending: Math.max(0, this.status.pending + count) };
    this.publish();
  }

  succeeded(): void {
    if (this.status.error) this.status = { ...this.status, error: null };
    this.publish();
  }

  failed(error: SyncHttpError): void {
    this.status = { ...this.status, error: { code: error.code, status: error.status } };
    this.publish();
  }

  stream(up: boolean): void {
    this.streamUp = up;
    this.publish();
  }

  private publish(): void {
    const busy = [...this.active.values()].some(Boolean);
    const { error, pending } = this.status;
    let state: SyncState;
    if (error && error.code !== 'network') state = 'error';
    else if (error || (!this.streamUp && this.status.lastSyncAt !== null)) state = 'offline';
    else if (pending > 0) state = 'sending';
    else if (busy || !this.streamUp) state = this.status.lastSyncAt === null ? 'connecting' : 'syncing';
    else state = 'idle';
    const lastSyncAt = state === 'idle' && this.status.state !== 'idle' ? new Date().toISOString() : this.status.lastSyncAt;
    const next: SyncStatus = { ...this.status, state, lastSyncAt };
    const changed = next.state !== this.status.state || next.pending !== this.status.pending || next.error?.code !== this.status.error?.code;
    this.status = next;
    if (changed) this.onStatus?.(next);
  }
}

// ---------------------------------------------------------------------------
// Starting it

interface Shared {
  http: Http;
  status: StatusTracker;
  options: ReplicationOptions;
  retryTime: number;
  maxRetryTime: number;
}

/**
 * Starts replicating every given collection with the server, live. Returns
 * at once: the app never waits for the network.
 */
export function startReplication(options: ReplicationOptions): ReplicationHandle {
  const shared: Shared = {
    http: makeHttp(options),
    status: new StatusTracker(options.onStatus),
    options,
    retryTime: options.retryTime ?? 1_000,
    maxRetryTime: options.maxRetryTime ?? 60_000,
  };
  const gates = new Map<string, StreamGate>();
  const watches = new Map<string, StampWatch>();
  const subscriptions: Subscription[] = [];
  const states = (Object.keys(options.collections) as ReplicatedCollection[]).flatMap((name) => {
    const collection = options.collections[name];
    if (!collection) return [];
    const lookEvery = Math.min(2_000, Math.max(250, shared.retryTime * 5));
    const gate = new StreamGate(new Subject<StreamItem>(), lookEvery);
    gates.set(name, gate);
    let resync: () => void = () => undefined;
    const watch = new StampWatch({
      localStamps: (ids) => localStamps(collection as RxCollection, ids),
      serverStamp: (id) => masterStampsOf(name).latestStamp(id),
      resync: () => resync(),
      intervalMs: lookEvery,
    });
    watches.set(name, watch);
    const state = replicateCollection(shared, name, collection as RxCollection, gate, watch);
    resync = () => state.reSync();
    subscriptions.push(...observe(shared, name, state));
    return [state];
  });
  const controller = new AbortController();
  void runStream(shared.http, options.collections, streamCallbacks(shared, gates, watches), controller.signal, shared.retryTime);
  return {
    states,
    awaitInSync: async () => {
      await Promise.all(states.map((state) => state.awaitInSync()));
    },
    reSync: () => {
      // A document passed by is pulled again by this very resync when the watch decides so first.
      watches.forEach((watch) => void watch.check().catch(() => undefined));
      states.forEach((state) => state.reSync());
    },
    stop: async () => {
      controller.abort();
      subscriptions.forEach((subscription) => subscription.unsubscribe());
      gates.forEach((gate) => gate.stop());
      watches.forEach((watch) => watch.stop());
      await Promise.all(states.map((state) => state.cancel()));
    },
  };
}

function streamCallbacks(shared: Shared, gates: Map<string, StreamGate>, watches: Map<string, StampWatch>): StreamCallbacks {
  return {
    onOpen: () => {
      shared.status.stream(true);
      shared.status.succeeded();
      // Whatever happened while the stream was down is pulled from the checkpoint.
      gates.forEach((gate) => gate.reopen());
    },
    onEvent: (collection, item) => {
      if (item !== RESYNC) {
        recordMasterStates(collection, item.documents);
        watches.get(collection)?.reached(item.checkpoint.seq);
      }
      const gate = gates.get(collection);
      if (item === RESYNC) gate?.reopen();
      else gate?.batch(item);
    },
    onError: (error) => {
      shared.status.stream(false);
      shared.status.failed(error);
    },
  };
}

function replicateCollection(shared: Shared, name: ReplicatedCollection, collection: RxCollection, gate: StreamGate, watch: StampWatch): RxReplicationState<unknown, Checkpoint> {
  const { http, status, options } = shared;
  const batchSize = options.batchSize ?? 200;
  return replicateRxCollection<unknown, Checkpoint>({
    collection,
    replicationIdentifier: `guichet-${name}-${options.serverUrl}`,
    live: true,
    retryTime: shared.retryTime,
    waitForLeadership: options.waitForLeadership ?? false,
    autoStart: true,
    pull: {
      batchSize,
      handler: async (rxdbCheckpoint, limit) => {
        const generation = gate.pullStarted();
        // Usually RxDB's checkpoint; further back when an acknowledged document was passed by (stamp-watch.ts).
        const checkpoint = watch.pullFrom(rxdbCheckpoint);
        const query = new URLSearchParams({ limit: String(limit) });
        if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
        const body = await http.get<PullResponse<unknown>>(`${API_PREFIX}/${name}/pull?${query.toString()}`, collection);
        recordMasterStates(name, body.documents);
        status.succeeded();
        const next = body.checkpoint ?? checkpoint;
        watch.reached(next?.seq);
        gate.pullDone(generation, body.documents.length, limit, next);
        return { documents: body.documents as WithDeleted<unknown>[], checkpoint: next };
      },
      stream$: gate.subject.asObservable() as Observable<StreamBatch<WithDeleted<unknown>> | typeof RESYNC>,
    },
    push: {
      batchSize,
      handler: async (rows) => {
        const stale = rows.filter((row) => row.assumedMasterState && isStaleCopy(name, row.newDocumentState));
        const body: PushRow<unknown>[] = rows.map((row) => ({
          // A stale copy is not sent back as a change: it asks again for the state the device assumed, which the
          // server answers with nothing to write, or with its current state as a conflict (master-stamps.ts).
          newDocumentState: (stale.includes(row) ? row.assumedMasterState : row.newDocumentState) as PushRow<unknown>['newDocumentState'],
          assumedMasterState: (row.assumedMasterState ?? null) as PushRow<unknown>['assumedMasterState'],
        }));
        status.addPending(rows.length);
        const floor = watch.pushStarted();
        let acknowledged: Acknowledged[] = [];
        try {
          const { result: conflicts, received } = await masterStampsOf(name).duringPush(() =>
            http.post<WithDeleted<unknown>[]>(`${API_PREFIX}/${name}/push`, collection, body),
          );
          recordMasterStates(name, conflicts);
          status.succeeded();
          const answer = [...conflicts, ...unansweredStaleRows(stale, conflicts), ...copiesPassedBy(rows, conflicts, received)];
          acknowledged = acknowledgedRows(rows, stale, answer);
          return answer;
        } finally {
          watch.pushDone(floor, acknowledged);
          status.addPending(-rows.length);
        }
      },
    },
  });
}

/**
 * The rows the server wrote as sent: RxDB records them as the server's state, with the device's stamp, until
 * the server's stamped copy comes (stamp-watch.ts).
 */
function acknowledgedRows(rows: readonly RxReplicationWriteToMasterRow<unknown>[], stale: readonly RxReplicationWriteToMasterRow<unknown>[], answer: readonly WithDeleted<unknown>[]): Acknowledged[] {
  const answered = new Set(answer.map((doc) => (doc as { id?: unknown }).id));
  return rows.flatMap((row) => {
    const { id, updatedAt } = row.newDocumentState as { id?: unknown; updatedAt?: unknown };
    if (stale.includes(row) || typeof id !== 'string' || typeof updatedAt !== 'string' || answered.has(id)) return [];
    return [{ id, stamp: updatedAt }];
  });
}

/** Each document's stamp in the local store, deleted ones included (null: not there). */
async function localStamps(collection: RxCollection, ids: readonly string[]): Promise<Map<string, string | null>> {
  const docs = await collection.storageInstance.findDocumentsById([...ids], true);
  const stamps = new Map<string, string | null>(ids.map((id) => [id, null]));
  for (const doc of docs as { id?: unknown; updatedAt?: unknown }[]) {
    if (typeof doc.id === 'string') stamps.set(doc.id, typeof doc.updatedAt === 'string' ? doc.updatedAt : null);
  }
  return stamps;
}

/**
 * A stale row the server did not answer holds exactly what the device assumed: that state goes back to
 * RxDB as the conflict, so that the fork takes it instead of recording the stale copy as pushed.
 */
function unansweredStaleRows(stale: readonly RxReplicationWriteToMasterRow<unknown>[], conflicts: readonly WithDeleted<unknown>[]): WithDeleted<unknown>[] {
  const answered = new Set(conflicts.map((doc) => (doc as { id?: unknown }).id));
  return stale.flatMap((row) => {
    const assumed = row.assumedMasterState;
    return assumed && !answered.has((assumed as { id?: unknown }).id) ? [assumed] : [];
  });
}

/**
 * The server's states of pushed documents that arrived before the push's answer (master-stamps.ts,
 * `duringPush`): RxDB's downstream may have passed them by, so they go back to RxDB as conflicts, which the
 * conflict handler settles on the server's state (the same content but for the stamp, or a later write).
 */
function copiesPassedBy(rows: readonly RxReplicationWriteToMasterRow<unknown>[], conflicts: readonly WithDeleted<unknown>[], received: ReadonlyMap<string, unknown>): WithDeleted<unknown>[] {
  const answered = new Set(conflicts.map((doc) => (doc as { id?: unknown }).id));
  return rows.flatMap((row) => {
    const mine = row.newDocumentState as { id?: unknown; updatedAt?: unknown };
    if (typeof mine.id !== 'string' || answered.has(mine.id)) return [];
    const copy = received.get(mine.id) as (WithDeleted<unknown> & { updatedAt?: unknown }) | undefined;
    return copy && copy.updatedAt !== mine.updatedAt ? [copy] : [];
  });
}

/** Status, growing retry delays, and the conflict journal of one collection's replication. */
function observe(shared: Shared, name: ReplicatedCollection, state: RxReplicationState<unknown, Checkpoint>): Subscription[] {
  const events = shared.options.collections.events;
  const actor = shared.options.actor ?? { deviceId: 'sync' };
  return [
    state.active$.subscribe((active) => {
      shared.status.setActive(name, active);
      if (!active) state.retryTime = shared.retryTime;
    }),
    state.error$.subscribe((error) => {
      const cause = causeOf(error);
      shared.status.failed(cause);
      state.retryTime = Math.min((state.retryTime ?? shared.retryTime) * 2, shared.maxRetryTime);
    }),
    state.conflict$.subscribe((conflict) => {
      if (!events || name === 'events') return;
      void journalConflict(events, name, conflict.input as RxConflictHandlerInput<never>, actor).catch((error: unknown) => {
        shared.status.failed(new SyncHttpError(null, 'internal', String(error)));
      });
    }),
  ];
}

/** RxDB wraps handler errors (RC_PULL, RC_PUSH); find ours inside to report the server's code. */
function causeOf(error: unknown): SyncHttpError {
  if (error instanceof SyncHttpError) return error;
  const parameters = (error as { parameters?: { errors?: unknown[] } }).parameters;
  for (const inner of parameters?.errors ?? []) {
    // RxDB keeps name, message and code of the errors it wraps (not our status: the code gives it back).
    const candidate = inner as { name?: string; message?: string; code?: string };
    if (candidate.name === 'SyncHttpError' && candidate.code && candidate.code in ERROR_STATUS) {
      const code = candidate.code as ErrorCode;
      return new SyncHttpError(ERROR_STATUS[code], code, candidate.message ?? code);
    }
    if (candidate.name === 'SyncHttpError') return new SyncHttpError(null, 'network', candidate.message ?? 'network error');
  }
  return new SyncHttpError(null, 'network', error instanceof Error ? error.message : String(error));
}
