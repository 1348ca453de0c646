/**
 * Deterministic JSON, to compare document states whatever the key order
 * (PostgreSQL's jsonb reorders keys; clients keep theirs).
 */

export type JsonObject = { [key: string]: unknown };

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as JsonObject;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/** The fields the server owns: a client's value for them says nothing about what it saw. */
export const SERVER_STAMPED_FIELDS: readonly string[] = ['updatedAt'];

export interface DocState {
  data: JsonObject;
  deleted: boolean;
}

/**
 * Whether two states of a document have the same content, ignoring the
 * server-stamped `updatedAt`. This is the compare of the compare-and-set and
 * of the retry check:
 * - a device keeps as "assumed master state" what it last pushed (with its own
 *   clock's updatedAt) until it pulls the stamped copy back, so comparing
 *   updatedAt would turn every second edit made before that pull into a
 *   conflict;
 * - a push re-sent after a lost answer carries the device's updatedAt, the
 *   server holds its own stamp: the contents are what tell it is the same write.
 * Everything else, deletion included, must be equal.
 */
export function sameContent(a: DocState, b: DocState, stamped: readonly string[] = SERVER_STAMPED_FIELDS): boolean {
  return a.deleted === b.deleted && contentKey(a.data, stamped) === contentKey(b.data, stamped);
}

export function contentKey(data: JsonObject, stamped: readonly string[] = SERVER_STAMPED_FIELDS): string {
  const copy: JsonObject = { ...data };
  for (const field of stamped) delete copy[field];
  return canonicalJson(copy);
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
