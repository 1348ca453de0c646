/**
 * Every write made on this device stamps `updatedAt` with the device's clock,
 * later than the version it replaces. Two things rely on it:
 * - a fork state carrying a server stamp is then always a copy of the server's
 *   state, never a change of the secretary's (master-stamps.ts tells a stale
 *   copy from a change that way);
 * - a device whose clock is behind still writes a version later than the one
 *   it edits.
 * The app's own write paths set `updatedAt`; the hooks below make it hold for
 * any write, even one that forgets, and the conflict handler does the same
 * for the merges it writes.
 */
import type { RxCollection } from 'rxdb';

/** A stamp for a local write: the proposed one (the device's clock by default), bumped past the replaced version's. */
export function localStamp(previous: unknown, proposed: unknown = undefined): string {
  const candidate = typeof proposed === 'string' && !Number.isNaN(Date.parse(proposed)) ? proposed : new Date().toISOString();
  if (typeof previous !== 'string' || Number.isNaN(Date.parse(previous))) return candidate;
  if (Date.parse(candidate) > Date.parse(previous)) return candidate;
  return new Date(Date.parse(previous) + 1).toISOString();
}

interface Stamped {
  updatedAt?: unknown;
}

function restamp(data: Stamped, previous: Stamped): void {
  if (!('updatedAt' in data) && !('updatedAt' in previous)) return;
  // A write that kept the old stamp proposes none: the clock gives it.
  const proposed = data.updatedAt === previous.updatedAt ? undefined : data.updatedAt;
  data.updatedAt = localStamp(previous.updatedAt, proposed);
}

/**
 * Installs the stamping on a replicated collection. RxDB runs this hook for
 * the app's updates (patches, saves) and not for the replication's own writes
 * to the local store, which keep the server's stamp. Removals are left alone:
 * RxDB's bulkRemove hands the hook the very object it then uses as the
 * replaced version, and a deletion is never taken for a stale copy anyway
 * (master-stamps.ts).
 */
export function stampLocalWrites(collection: RxCollection): void {
  collection.preSave((data: Stamped, previous: Stamped) => restamp(data, previous), false);
}
