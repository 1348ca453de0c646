import type { Subject } from 'rxjs';
import { RESYNC, type Checkpoint, type StreamBatch } from '../../../../domain/protocol';
import type { StreamItem } from './stream';

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
export class StreamGate {
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
