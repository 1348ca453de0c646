/**
 * Live streams: each server process keeps, per (collection, tenant) with at
 * least one open stream, the last sequence number it has delivered. A commit
 * announces itself with NOTIFY (every process hears it, PGlite in-process);
 * each process then reads the new rows once per group and writes them to all
 * of the group's streams. Readers only ever ask for rows after a sequence
 * number, and sequence numbers become visible in commit order, so nothing is
 * skipped; a missed notification only delays delivery until the next one or
 * a gap signal (a re-connected listener), which re-reads everything.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Storage } from './storage';
import { lastSeqFor, readChanges, type StoredDocument } from './storage/documents';

export interface ChangeNotice {
  collection: string;
  /** tenants whose streams have news; null: every stream of the collection */
  tenants: string[] | null;
}

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more: beyond a few tenants, say "everyone". */
const MAX_TENANTS_IN_NOTICE = 50;

export function encodeChange(collection: string, tenants: readonly string[]): string {
  const unique = [...new Set(tenants)];
  return JSON.stringify({ c: collection, t: unique.length > MAX_TENANTS_IN_NOTICE ? null : unique });
}

export function decodeChange(payload: string): ChangeNotice | null {
  try {
    const value = JSON.parse(payload) as { c?: unknown; t?: unknown };
    if (typeof value.c !== 'string') return null;
    const tenants = Array.isArray(value.t) ? value.t.filter((tenant): tenant is string => typeof tenant === 'string') : null;
    return { collection: value.c, tenants };
  } catch {
    return null;
  }
}

export interface Subscriber {
  /** rows at or below this were covered by the pull the client does when it (re)connects */
  sinceSeq: number;
  /**
   * The documents are every document of the tenant committed after `from`
   * up to the last one's sequence number: a client that already holds
   * everything up to `from` may apply them; any other must pull.
   */
  deliver(documents: readonly StoredDocument[], from: number): void;
}

interface Group {
  collection: string;
  tenantId: string;
  lastSeq: number;
  ready: Promise<void>;
  subscribers: Set<Subscriber>;
  reading: boolean;
  dirty: boolean;
}

const READ_BATCH = 500;
const RETRY_MS = 1_000;

export class StreamHub {
  private readonly groups = new Map<string, Group>();
  private unlisten: (() => Promise<void>) | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly log: FastifyBaseLogger,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.storage.db.listen(
      this.storage.channel,
      (payload) => this.onNotice(payload),
      () => this.refreshAll(),
    );
  }

  /** Registers a stream; returns its unsubscribe. */
  async subscribe(collection: string, tenantId: string, make: (sinceSeq: number) => Subscriber): Promise<() => void> {
    const group = this.groupFor(collection, tenantId);
    await group.ready;
    const subscriber = make(group.lastSeq);
    group.subscribers.add(subscriber);
    return () => {
      group.subscribers.delete(subscriber);
      if (group.subscribers.size === 0 && this.groups.get(groupKey(collection, tenantId)) === group) {
        this.groups.delete(groupKey(collection, tenantId));
      }
    };
  }

  get streamCount(): number {
    let count = 0;
    for (const group of this.groups.values()) count += group.subscribers.size;
    return count;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.groups.clear();
    if (this.unlisten) await this.unlisten();
  }

  private groupFor(collection: string, tenantId: string): Group {
    const key = groupKey(collection, tenantId);
    const existing = this.groups.get(key);
    if (existing) return existing;
    const group: Group = {
      collection,
      tenantId,
      lastSeq: 0,
      ready: Promise.resolve(),
      subscribers: new Set(),
      reading: false,
      dirty: false,
    };
    // The group starts at the tenant's last committed row: what came before, the client's own pull covers.
    group.ready = lastSeqFor(this.storage.db, collection, tenantId).then(
      (seq) => {
        group.lastSeq = seq;
      },
      (error: unknown) => {
        this.groups.delete(key);
        throw error;
      },
    );
    this.groups.set(key, group);
    return group;
  }

  private onNotice(payload: string): void {
    const notice = decodeChange(payload);
    if (!notice || this.closed) return;
    for (const group of this.groups.values()) {
      if (group.collection !== notice.collection) continue;
      if (notice.tenants && !notice.tenants.includes(group.tenantId)) continue;
      void this.drain(group);
    }
  }

  private refreshAll(): void {
    for (const group of this.groups.values()) void this.drain(group);
  }

  /** Reads what is new for the group until nothing is left; one reader per group at a time. */
  private async drain(group: Group): Promise<void> {
    group.dirty = true;
    if (group.reading || this.closed) return;
    group.reading = true;
    try {
      await group.ready;
      while (group.dirty && !this.closed) {
        group.dirty = false;
        await this.readAll(group);
      }
    } catch (error) {
      this.log.warn({ errName: (error as Error).name }, 'stream read failed; retrying');
      this.retryLater(group);
    } finally {
      group.reading = false;
    }
  }

  private async readAll(group: Group): Promise<void> {
    for (;;) {
      const from = group.lastSeq;
      const rows = await readChanges(this.storage.db, group.collection, group.tenantId, from, READ_BATCH);
      const last = rows.at(-1);
      if (!last) return;
      group.lastSeq = last.seq;
      for (const subscriber of group.subscribers) {
        const fresh = rows[0] && rows[0].seq > subscriber.sinceSeq ? rows : rows.filter((row) => row.seq > subscriber.sinceSeq);
        if (fresh.length > 0) subscriber.deliver(fresh, Math.max(from, subscriber.sinceSeq));
      }
      if (rows.length < READ_BATCH) return;
    }
  }

  private retryLater(group: Group): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.groups.get(groupKey(group.collection, group.tenantId)) === group) void this.drain(group);
    }, RETRY_MS);
  }
}

function groupKey(collection: string, tenantId: string): string {
  return `${collection}\u0000${tenantId}`;
}
