/** The replication client's options, status and error, as the app and the tests see them. */
import type { RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { DocumentsByCollection, ReplicatedCollection } from '../../../../domain/model';
import type { Checkpoint, ErrorCode } from '../../../../domain/protocol';
import type { ConflictActor } from '../../db/conflicts';

/** Who the conflict journal lines are written by: this device, on behalf of nobody in particular. */
export type ReplicationActor = ConflictActor;

export type ReplicatedCollections = { [Name in ReplicatedCollection]?: RxCollection<DocumentsByCollection[Name]> };

export type SyncState = 'connecting' | 'syncing' | 'sending' | 'idle' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** documents handed to a push and not answered yet: those in flight and, offline, those waiting to go */
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
