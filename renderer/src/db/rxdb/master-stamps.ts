/**
 * The server stamps (`updatedAt`) this device has received for each
 * document, to recognise a stale copy of the server's state.
 *
 * Why: RxDB 17's downstream can, when a pulled or streamed batch waits behind
 * the upstream of a resolved conflict, write the master state it had queued
 * over the newer one the upstream has meanwhile recorded (downstream.js,
 * `await state.streamQueue.up`, then it carries on with what it read before).
 * The fork then holds an older server version while its "assumed master"
 * holds the newer one, and the next push would send the older version back
 * as if the secretary had made that change: an acknowledged write reverted.
 *
 * Every write made on the device stamps `updatedAt` with the device's clock;
 * only documents that came from the server carry a server stamp. So a fork
 * state whose `updatedAt` is a server stamp this device has since seen
 * superseded is such a stale copy, never a change of the secretary's.
 * replication.ts does not push it and its conflict handler adopts the
 * server's state instead.
 *
 * Only stamps are kept (no document bodies, except those that arrive while a
 * push is in flight, until it is answered): two short strings per document
 * at most, plus the few superseded ones of documents that changed while the
 * device was running.
 */

/** Superseded stamps kept per document: a stale copy is one of the last few versions. */
const KEPT_PER_DOCUMENT = 16;

function later(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}

export class MasterStamps {
  private readonly latest = new Map<string, string>();
  private readonly superseded = new Map<string, string[]>();
  /** whole states received while pushes are in flight, one map per push (see `duringPush`) */
  private readonly captures = new Set<Map<string, unknown>>();

  /**
   * Keeps the states the server sends while a push is on its way, and hands
   * them back when it is done. Why: the server stamps what it writes, and its
   * stream may bring the stamped copy before the push's answer. RxDB's
   * downstream then sees a local change not yet acknowledged and passes the
   * copy by; once the answer comes, nothing would bring it again and the
   * device would keep its own stamp for ever. replication.ts gives such
   * copies back to RxDB with the push's answer.
   */
  async duringPush<T>(push: () => Promise<T>): Promise<{ result: T; received: Map<string, unknown> }> {
    const received = new Map<string, unknown>();
    this.captures.add(received);
    try {
      return { result: await push(), received };
    } finally {
      this.captures.delete(received);
    }
  }

  /** The server sent this whole state of a document. */
  received(id: string, stamp: string, document: unknown): void {
    this.seen(id, stamp);
    if (this.latest.get(id) !== stamp) return;
    for (const captured of this.captures) captured.set(id, document);
  }

  /** The server sent this state of a document (pull, stream, or a push's conflict answer). */
  seen(id: string, stamp: string): void {
    const current = this.latest.get(id);
    if (current === undefined) {
      this.latest.set(id, stamp);
      return;
    }
    if (current === stamp) return;
    if (later(stamp, current)) {
      this.latest.set(id, stamp);
      this.supersede(id, current);
    } else {
      // An older state arriving after a newer one (a reordered answer): it is superseded already.
      this.supersede(id, stamp);
    }
  }

  /** The latest stamp the server sent for this document, if any. */
  latestStamp(id: string): string | undefined {
    return this.latest.get(id);
  }

  /** Whether the server has since sent a later state of this document than the one stamped `stamp`. */
  isSuperseded(id: string, stamp: string): boolean {
    return this.superseded.get(id)?.includes(stamp) ?? false;
  }

  private supersede(id: string, stamp: string): void {
    const list = this.superseded.get(id) ?? [];
    if (list.includes(stamp)) return;
    list.push(stamp);
    if (list.length > KEPT_PER_DOCUMENT) list.shift();
    this.superseded.set(id, list);
  }
}

/**
 * One book per collection, for the whole process. Server stamps are facts of
 * the server, not of one device: several local databases of one process (the
 * Node tests' devices) may share it. Keyed by collection name because RxDB's
 * conflict handlers are declared per collection name, before any replication.
 */
const books = new Map<string, MasterStamps>();

export function masterStampsOf(collection: string): MasterStamps {
  let book = books.get(collection);
  if (!book) {
    book = new MasterStamps();
    books.set(collection, book);
  }
  return book;
}

interface Stamped {
  id?: unknown;
  updatedAt?: unknown;
}

/** Records the stamps of documents the server sent; documents without an id or a stamp are left out. */
export function recordMasterStates(collection: string, documents: readonly unknown[]): void {
  const book = masterStampsOf(collection);
  for (const document of documents) {
    const { id, updatedAt } = (document ?? {}) as Stamped;
    if (typeof id === 'string' && typeof updatedAt === 'string') book.received(id, updatedAt, document);
  }
}

/**
 * Whether a fork state is a copy of a server state that the server has since replaced. A deletion never is:
 * it is final on both sides, and a local one keeps the stamp of what it deleted.
 */
export function isStaleCopy(collection: string, document: unknown): boolean {
  const { id, updatedAt, _deleted: deleted } = (document ?? {}) as Stamped & { _deleted?: unknown };
  if (deleted === true) return false;
  return typeof id === 'string' && typeof updatedAt === 'string' && masterStampsOf(collection).isSuperseded(id, updatedAt);
}
