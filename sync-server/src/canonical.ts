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
export function sameContent(a: DocState, b: DocState): boolean {
  return a.deleted === b.deleted && contentKey(a.data) === contentKey(b.data);
}

export function contentKey(data: JsonObject): string {
  const copy: JsonObject = { ...data };
  for (const field of SERVER_STAMPED_FIELDS) delete copy[field];
  return canonicalJson(copy);
}

/** The names of the top-level fields whose values differ (server-stamped ones excluded). */
export function changedFields(before: JsonObject, after: JsonObject): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter(
    (key) => !SERVER_STAMPED_FIELDS.includes(key) && canonicalJson(before[key]) !== canonicalJson(after[key]),
  );
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
