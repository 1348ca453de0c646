/** What the replication reports to the app: one state for all collections, the changes waiting, the last failure. */
import type { SyncHttpError, SyncState, SyncStatus } from './types';

export class StatusTracker {
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
