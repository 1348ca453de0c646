import type { SqlExecutor } from './driver';
import { bytes, integer } from './rows';

/**
 * Stores the bytes once (content-addressed) and records the tenant as an
 * owner: uploading bytes proves one has them, so a second commune uploading
 * the same file simply becomes an owner too.
 */
export async function putBlob(tx: SqlExecutor, sha256: string, content: Buffer, tenantId: string): Promise<void> {
  await tx.query('INSERT INTO blob_contents (sha256, size, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [
    sha256,
    content.length,
    content,
  ]);
  await tx.query('INSERT INTO blob_owners (sha256, tenant_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [sha256, tenantId]);
}

/**
 * Whether a tenant may read a blob: it owns it (uploaded the bytes), or (an
 * intercommunality) a request shared with it lists the blob among its
 * attachments AND the request's own commune uploaded it. Without that second
 * condition a commune could reference another commune's hash on a forwarded
 * request and hand its bytes to the intercommunality: naming a hash proves
 * nothing, holding the bytes does.
 */
export async function mayReadBlob(db: SqlExecutor, sha256: string, tenantId: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM blob_owners WHERE sha256 = $1 AND tenant_id = $2
     UNION ALL
     SELECT 1 FROM documents d
     WHERE d.collection = 'requests' AND d.shared_with = $2 AND NOT d.deleted
       AND d.data -> 'attachments' @> jsonb_build_array(jsonb_build_object('sha256', $1::text))
       AND EXISTS (SELECT 1 FROM blob_owners o WHERE o.sha256 = $1 AND o.tenant_id = d.commune_id)
     LIMIT 1`,
    [sha256, tenantId],
  );
  return rows.length > 0;
}

/** Bytes of the blobs a tenant owns, for its storage quota. */
export async function tenantBlobBytes(db: SqlExecutor, tenantId: string): Promise<number> {
  const rows = await db.query(
    `SELECT coalesce(sum(c.size), 0)::bigint AS total FROM blob_owners o JOIN blob_contents c ON c.sha256 = o.sha256 WHERE o.tenant_id = $1`,
    [tenantId],
  );
  return Number(rows[0]?.['total'] ?? 0);
}

/** Whether the tenant already owns this blob (uploading it again costs nothing). */
export async function ownsBlob(db: SqlExecutor, sha256: string, tenantId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM blob_owners WHERE sha256 = $1 AND tenant_id = $2', [sha256, tenantId])).length > 0;
}

export async function readBlob(db: SqlExecutor, sha256: string): Promise<Buffer | null> {
  const rows = await db.query('SELECT bytes FROM blob_contents WHERE sha256 = $1', [sha256]);
  return rows[0] ? bytes(rows[0], 'bytes') : null;
}

export async function blobSize(db: SqlExecutor, sha256: string): Promise<number | null> {
  const rows = await db.query('SELECT size FROM blob_contents WHERE sha256 = $1', [sha256]);
  return rows[0] ? integer(rows[0], 'size') : null;
}
