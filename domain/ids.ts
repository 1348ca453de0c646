/**
 * Document ids. Random UUIDs (v4), so that devices working offline never pick
 * the same id and ids say nothing about who created what or when.
 *
 * `globalThis.crypto.randomUUID` exists in browsers (secure contexts, which the
 * app and its file:// / localhost pages are), in Electron and in Node 20.
 */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a string is an id as `newId` makes them (lower-case UUID). */
export function isNewId(value: string): boolean {
  return UUID_PATTERN.test(value);
}
