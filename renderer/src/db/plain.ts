import type { RxDocument } from 'rxdb';

/**
 * A document as the plain object it is (RxDB types `toJSON()` as deeply read-only RxDB data, and the app's
 * documents are plain JSON): the one place that says so, instead of a cast at every read.
 */
export function toPlain<Doc>(doc: RxDocument<Doc>): Doc {
  return doc.toJSON() as unknown as Doc;
}
