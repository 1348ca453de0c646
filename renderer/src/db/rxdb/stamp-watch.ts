/**
 * Writes the server acknowledged, until the device holds the server's stamp.
 *
 * The server stamps `updatedAt` on every write and answers a written push
 * with nothing (architecture.md, the protocol), so after the answer the device
 * holds its own clock's stamp while the server holds another. RxDB then
 * records the pushed state as the server's ("assumed master"), and the next
 * pull or stream batch carrying the server's copy replaces it. That holds
 * only if that copy reaches RxDB's downstream after RxDB recorded the push.
 *
 * It does not always: one RxDB upstream cycle pushes every batch of the cycle
 * at once and records none as pushed until all are answered (upstream.js,
 * `Promise.all(writeBatches…)` before the meta write), and the downstream's
 * pulls are not held back meanwhile (a RESYNC's upstream runs with
 * `active.up` false). A pull that lands in between hands RxDB the server's
 * copy of an answered batch while RxDB still takes those documents for
 * unpushed local writes: it passes them by, and its checkpoint passes them
 * with it. Once the cycle is recorded, the device's stamp counts as the
 * server's state, nothing brings the server's copy again, and the replica
 * stays diverged for good (issue 12: under load, with a server restart
 * holding a batch, a device kept ten journal lines a day ahead).
 * master-stamps.ts' `duringPush` covers copies that arrive while *that* push
 * is in flight; this covers every other moment.
 *
 * So each acknowledged document is watched, with the position the device had
 * reached in the server's sequence before it was sent (the write commits
 * later, so a pull from there brings it). When no push of the collection is
 * in flight and a document still holds exactly the stamp it was sent with,
 * the next pull starts again from that position (a rewind: pulling again what
 * the device holds already changes nothing), and a resync is asked for. A
 * document that changed since (it took the server's copy, or the secretary
 * changed it again) is done, and so is one whose stamp the server has sent
 * (the server holds that very state).
 */

export interface Acknowledged {
  id: string;
  /** the stamp the device sent */
  stamp: string;
}

export interface StampWatchOptions {
  /** each document's stamp in the local store now (null: gone) */
  localStamps(ids: readonly string[]): Promise<Map<string, string | null>>;
  /** the latest stamp the server sent for a document (master-stamps.ts) */
  serverStamp(id: string): string | undefined;
  /** asks the replication to pull now (RxDB's reSync) */
  resync(): void;
  /** how often to look, while something is watched */
  intervalMs: number;
  /** rewinds for one document before it is let go (a safety valve: each one is a pull) */
  maxRewinds?: number;
}

interface Watched {
  stamp: string;
  /** the server's sequence the device had reached before the push was sent */
  floor: number;
  /** checks the document has been through since it was acknowledged */
  checks: number;
  rewinds: number;
}

export class StampWatch {
  private readonly watched = new Map<string, Watched>();
  private position = 0;
  private pushes = 0;
  private rewindTo: number | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private checking: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: StampWatchOptions) {}

  /** The server's sequence has been seen up to `seq` (a pull's or a stream batch's checkpoint). */
  reached(seq: number | null | undefined): void {
    if (typeof seq === 'number' && seq > this.position) this.position = seq;
  }

  /** A push is about to be sent: returns the floor to hand back to `pushDone`. */
  pushStarted(): number {
    this.pushes += 1;
    return this.position;
  }

  /** A push ended (answered or failed); `acknowledged` are the documents it wrote without a conflict. */
  pushDone(floor: number, acknowledged: readonly Acknowledged[]): void {
    this.pushes = Math.max(0, this.pushes - 1);
    for (const { id, stamp } of acknowledged) {
      const previous = this.watched.get(id);
      this.watched.set(id, { stamp, floor: Math.min(floor, previous?.floor ?? floor), checks: 0, rewinds: previous?.rewinds ?? 0 });
    }
    if (this.watched.size > 0) this.startTimer();
  }

  /** Where the next pull starts: RxDB's checkpoint, or further back once after a rewind was decided. */
  pullFrom(checkpoint: { seq: number } | undefined): { seq: number } | undefined {
    const rewind = this.rewindTo;
    if (rewind === null) return checkpoint;
    this.rewindTo = null;
    return checkpoint && checkpoint.seq > rewind ? { seq: rewind } : checkpoint;
  }

  /** Looks at the watched documents now (also run by the timer). */
  check(): Promise<void> {
    this.checking ??= this.run().finally(() => (this.checking = null));
    return this.checking;
  }

  /** How many documents are watched (tests, diagnostics). */
  get size(): number {
    return this.watched.size;
  }

  stop(): void {
    this.stopped = true;
    this.stopTimer();
    this.watched.clear();
  }

  private async run(): Promise<void> {
    if (this.stopped || this.watched.size === 0) return this.stopTimer();
    // A push in flight: RxDB has not recorded its cycle yet; the documents' turn comes after.
    if (this.pushes > 0) return;
    const ids = [...this.watched.keys()];
    const local = await this.options.localStamps(ids);
    let floor: number | null = null;
    for (const id of ids) {
      const entry = this.watched.get(id);
      if (!entry) continue;
      const here = local.get(id) ?? null;
      const done = here !== entry.stamp || this.options.serverStamp(id) === entry.stamp || entry.rewinds >= (this.options.maxRewinds ?? 20);
      if (done) {
        this.watched.delete(id);
        continue;
      }
      entry.checks += 1;
      // The first look only lets RxDB finish recording the push and the stream bring the copy, as it
      // nearly always does: a document still unchanged at the second look was passed by.
      if (entry.checks < 2) continue;
      entry.rewinds += 1;
      floor = Math.min(floor ?? entry.floor, entry.floor);
    }
    if (this.watched.size === 0) this.stopTimer();
    if (floor === null || this.stopped) return;
    this.rewindTo = Math.min(this.rewindTo ?? floor, floor);
    this.options.resync();
  }

  private startTimer(): void {
    if (this.stopped) return;
    this.timer ??= setInterval(() => void this.check().catch(() => undefined), this.options.intervalMs);
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
