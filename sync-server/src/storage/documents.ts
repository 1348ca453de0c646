import type { Row, SqlExecutor } from './driver';
import { bool, integer, jsonObject, text, textOrNull } from './rows';
import type { JsonObject } from '../canonical';

/** A document as the server holds it. */
export interface StoredDocument {
  collection: string;
  communeId: string;
  id: string;
  seq: number;
  data: JsonObject;
  deleted: boolean;
  sharedWith: string | null;
  schemaVersion: number;
}

export interface DocumentKey {
  communeId: string;
  id: string;
}

export interface DocumentWrite {
  collection: string;
  communeId: string;
  id: string;
  data: JsonObject;
  deleted: boolean;
  sharedWith: string | null;
  schemaVersion: number;
  updatedAt: string;
}

const COLUMNS = 'collection, commune_id, id, seq, data, deleted, shared_with, schema_version';

function toDocument(row: Row): StoredDocument {
  return {
    collection: text(row, 'collection'),
    communeId: text(row, 'commune_id'),
    id: text(row, 'id'),
    seq: integer(row, 'seq'),
    data: jsonObject(row, 'data'),
    deleted: bool(row, 'deleted'),
    sharedWith: textOrNull(row, 'shared_with'),
    schemaVersion: integer(row, 'schema_version'),
  };
}

export function documentKey(key: DocumentKey): string {
  return `${key.communeId}\u0000${key.id}`;
}

/**
 * Serialises writers (all of them, across processes): a sequence number is
 * taken inside this lock and the lock is held until commit, so sequence
 * numbers become visible in the order they were given. Without it, a commit
 * with seq 11 could land before the one with seq 10 and a client pulling in
 * between would jump over 10 for ever. Keyed by schema so that tests in
 * separate schemas of one database do not wait for each other.
 */
export async function lockWriters(tx: SqlExecutor): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('guichet.documents.' || current_schema()))");
}

export async function loadDocuments(
  db: SqlExecutor,
  collection: string,
  keys: readonly DocumentKey[],
): Promise<Map<string, StoredDocument>> {
  if (keys.length === 0) return new Map();
  const rows = await db.query(
    `SELECT d.collection, d.commune_id, d.id, d.seq, d.data, d.deleted, d.shared_with, d.schema_version FROM documents d
     JOIN jsonb_to_recordset($2::jsonb) AS k(commune_id text, id text) ON k.commune_id = d.commune_id AND k.id = d.id
     WHERE d.collection = $1`,
    [collection, JSON.stringify(keys.map((key) => ({ commune_id: key.communeId, id: key.id })))],
  );
  return new Map(
    rows.map((row) => {
      const doc = toDocument(row);
      return [documentKey(doc), doc];
    }),
  );
}

/** Writes documents (insert or replace), each with a new sequence number. Call under lockWriters. */
export async function writeDocuments(tx: SqlExecutor, writes: readonly DocumentWrite[]): Promise<number> {
  if (writes.length === 0) return 0;
  const rows = await tx.query(
    `INSERT INTO documents (collection, commune_id, id, seq, data, deleted, shared_with, schema_version, updated_at)
     SELECT w.collection, w.commune_id, w.id, nextval('document_seq'), w.data, w.deleted, w.shared_with, w.schema_version, w.updated_at
     FROM jsonb_to_recordset($1::jsonb)
       AS w(collection text, commune_id text, id text, data jsonb, deleted boolean, shared_with text, schema_version integer, updated_at timestamptz)
     ON CONFLICT (collection, commune_id, id) DO UPDATE SET
       seq = EXCLUDED.seq, data = EXCLUDED.data, deleted = EXCLUDED.deleted, shared_with = EXCLUDED.shared_with,
       schema_version = EXCLUDED.schema_version, updated_at = EXCLUDED.updated_at
     RETURNING seq`,
    [JSON.stringify(writes.map(toRecord))],
  );
  return Math.max(0, ...rows.map((row) => integer(row, 'seq')));
}

function toRecord(write: DocumentWrite): Record<string, unknown> {
  return {
    collection: write.collection,
    commune_id: write.communeId,
    id: write.id,
    data: write.data,
    deleted: write.deleted,
    shared_with: write.sharedWith,
    schema_version: write.schemaVersion,
    updated_at: write.updatedAt,
  };
}

/**
 * A request changed hands (shared with an intercommunality, or no longer):
 * its journal follows it, with new sequence numbers so that the devices now
 * entitled to it pull it. Call under lockWriters. Returns how many moved.
 */
export async function restampJournal(tx: SqlExecutor, communeId: string, requestId: string, sharedWith: string | null): Promise<number> {
  const rows = await tx.query(
    `UPDATE documents SET shared_with = $3, seq = nextval('document_seq')
     WHERE collection = 'events' AND commune_id = $1 AND data ->> 'requestId' = $2 AND shared_with IS DISTINCT FROM $3
     RETURNING seq`,
    [communeId, requestId, sharedWith],
  );
  return rows.length;
}

/** The documents of a collection a tenant may read, after a sequence number, in commit order. */
export async function readChanges(
  db: SqlExecutor,
  collection: string,
  tenantId: string,
  afterSeq: number,
  limit: number,
): Promise<StoredDocument[]> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM documents
     WHERE collection = $1 AND (commune_id = $2 OR shared_with = $2) AND seq > $3
     ORDER BY seq LIMIT $4`,
    [collection, tenantId, afterSeq, limit],
  );
  return rows.map(toDocument);
}

/** The sequence number of the last committed document of a collection a tenant may read (0 when none). */
export async function lastSeqFor(db: SqlExecutor, collection: string, tenantId: string): Promise<number> {
  const rows = await db.query(
    `SELECT coalesce(max(seq), 0) AS seq FROM documents WHERE collection = $1 AND (commune_id = $2 OR shared_with = $2)`,
    [collection, tenantId],
  );
  return integer(rows[0] ?? {}, 'seq');
}

/** Stored documents of an older schema version, for the upgrade at start. */
export async function outdatedDocuments(
  db: SqlExecutor,
  collection: string,
  currentVersion: number,
  limit: number,
): Promise<StoredDocument[]> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM documents WHERE collection = $1 AND schema_version < $2 ORDER BY seq LIMIT $3`, [
    collection,
    currentVersion,
    limit,
  ]);
  return rows.map(toDocument);
}

export async function notify(tx: SqlExecutor, channel: string, payload: string): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [channel, payload]);
}
