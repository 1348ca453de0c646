/** What the replication reports to the app: one state for all collections, the changes waiting, the last failure. */
import type { SyncHttpError, SyncState, SyncStatus } from './types';

export class StatusTracker {
  private status: SyncStatus = { state: 'connecting', pending: 0, lastSyncAt: null, error: null };
  /** what the app was last told: a change of any field the app shows is told again */
  private told: SyncStatus = this.status;
  private active = new Map<string, boolean>();
  private readonly waiting = new Map<string, Set<string>>();
  private streamUp = false;

  constructor(private readonly onStatus: ((status: SyncStatus) => void) | undefined) {}

  setActive(collection: string, active: boolean): void {
    this.active.set(collection, active);
    this.publish();
  }

  /**
   * Documents of a collection changed on this device or handed to a push: they wait until the server has them
   * (a push of them answered, or its copy received). Offline they stay waiting, so that the count the top bar
   * shows is every change not sent yet, not just the batch RxDB is retrying.
   */
  pushing(collection: string, ids: readonly string[]): void {
    const set = this.waiting.get(collection) ?? new Set<string>();
    for (const id of ids) set.add(id);
    this.waiting.set(collection, set);
    this.publishPending();
  }

  /** The server has these documents: a push of them was answered (written, or handed back to merge), or its copy came. */
  delivered(collection: string, ids: readonly string[]): void {
    const set = this.waiting.get(collection);
    for (const id of ids) set?.delete(id);
    this.publishPending();
  }

  private publishPending(): void {
    const pending = [...this.waiting.values()].reduce((sum, set) => sum + set.size, 0);
    this.status = { ...this.status, pending };
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
    const told = this.told;
    const changed = next.state !== told.state || next.pending !== told.pending || next.error?.code !== told.error?.code;
    this.status = next;
    if (!changed) return;
    this.told = next;
    this.onStatus?.(next);
  }
}
