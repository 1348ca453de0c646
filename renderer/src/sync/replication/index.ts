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
 *
 * The jobs live apart: types.ts (options, status, errors), http.ts (the API), stream.ts (the live stream),
 * gate.ts (which stream batches may be applied), status.ts (the status the app shows), and, in db/, the
 * conflict handlers (db/conflicts.ts) and RxDB's adaptations (db/rxdb/). This file starts it all.
 */
import type { RxCollection, RxConflictHandlerInput, RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { Subject, type Observable, type Subscription } from 'rxjs';
import {
  API_PREFIX,
  ERROR_STATUS,
  RESYNC,
  type Checkpoint,
  type ErrorCode,
  type PullResponse,
  type PushRow,
  type StreamBatch,
} from '../../../../domain/protocol';
import type { ReplicatedCollection } from '../../../../domain/model';
import { journalConflict } from '../../db/conflicts';
import { isStaleCopy, masterStampsOf, recordMasterStates } from '../../db/rxdb/master-stamps';
import { StampWatch, type Acknowledged } from '../../db/rxdb/stamp-watch';
import { StreamGate } from './gate';
import { makeHttp, type Http } from './http';
import { StatusTracker } from './status';
import { runStream, type StreamCallbacks, type StreamItem } from './stream';
import { SyncHttpError, type ReplicationHandle, type ReplicationOptions } from './types';

export { SyncHttpError } from './types';
export type { ReplicatedCollections, ReplicationActor, ReplicationHandle, ReplicationOptions, SyncState, SyncStatus } from './types';

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
      for (const watch of watches.values()) void watch.check().catch(() => undefined);
      for (const state of states) state.reSync();
    },
    stop: async () => {
      controller.abort();
      for (const subscription of subscriptions) subscription.unsubscribe();
      for (const gate of gates.values()) gate.stop();
      for (const watch of watches.values()) watch.stop();
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
      for (const gate of gates.values()) gate.reopen();
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

function replicateCollection(
  shared: Shared,
  name: ReplicatedCollection,
  collection: RxCollection,
  gate: StreamGate,
  watch: StampWatch,
): RxReplicationState<unknown, Checkpoint> {
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
        const ids = rows.map((row) => String((row.newDocumentState as { id?: unknown }).id));
        status.pushing(name, ids);
        const floor = watch.pushStarted();
        let acknowledged: Acknowledged[] = [];
        try {
          const { result: conflicts, received } = await masterStampsOf(name).duringPush(() =>
            http.post<WithDeleted<unknown>[]>(`${API_PREFIX}/${name}/push`, collection, body),
          );
          recordMasterStates(name, conflicts);
          status.delivered(name, ids);
          status.succeeded();
          const answer = [...conflicts, ...unansweredStaleRows(stale, conflicts), ...copiesPassedBy(rows, conflicts, received)];
          acknowledged = acknowledgedRows(rows, stale, answer);
          return answer;
        } finally {
          watch.pushDone(floor, acknowledged);
        }
      },
    },
  });
}

/**
 * The rows the server wrote as sent: RxDB records them as the server's state, with the device's stamp, until
 * the server's stamped copy comes (stamp-watch.ts).
 */
function acknowledgedRows(
  rows: readonly RxReplicationWriteToMasterRow<unknown>[],
  stale: readonly RxReplicationWriteToMasterRow<unknown>[],
  answer: readonly WithDeleted<unknown>[],
): Acknowledged[] {
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
function unansweredStaleRows(
  stale: readonly RxReplicationWriteToMasterRow<unknown>[],
  conflicts: readonly WithDeleted<unknown>[],
): WithDeleted<unknown>[] {
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
function copiesPassedBy(
  rows: readonly RxReplicationWriteToMasterRow<unknown>[],
  conflicts: readonly WithDeleted<unknown>[],
  received: ReadonlyMap<string, unknown>,
): WithDeleted<unknown>[] {
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
    // Every write of the store that is not the server's own copy (its stamp is not the server's latest for the
    // document) is a change of this device waiting to go; the server's copy arriving, or a push of it answered,
    // settles it. So the count offline is every change made since the line dropped, not just RxDB's first batch.
    (shared.options.collections[name] as RxCollection).$.subscribe((event) => {
      const { id, updatedAt } = (event.documentData ?? {}) as { id?: unknown; updatedAt?: unknown };
      if (typeof id !== 'string') return;
      if (updatedAt === masterStampsOf(name).latestStamp(id)) shared.status.delivered(name, [id]);
      else shared.status.pushing(name, [id]);
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
