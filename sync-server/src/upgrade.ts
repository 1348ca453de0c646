/**
 * When a new server version brings a new schema version of a collection, the
 * documents stored under the old one are brought to the new one at start,
 * with the same migration the devices run (domain/schemas), and get new
 * sequence numbers so that every device pulls them in their new shape.
 * Batches are small transactions: an upgrade interrupted halfway resumes at
 * the next start where it stopped.
 */
import { REPLICATED_COLLECTIONS, type ReplicatedCollection } from '../../domain/model';
import { migrateToCurrent } from '../../domain/schemas';
import type { JsonObject } from './canonical';
import { encodeChange } from './hub';
import type { Storage } from './storage';
import { lockWriters, notify, outdatedDocuments, writeDocuments, type DocumentWrite } from './storage/documents';
import { integer } from './storage/rows';
import { currentVersion } from './validation';

const BATCH = 500;

export async function upgradeStoredDocuments(storage: Storage, now: () => Date = () => new Date()): Promise<number> {
  let upgraded = 0;
  for (const collection of REPLICATED_COLLECTIONS) {
    const current = currentVersion(collection);
    const rows = await storage.db.query('SELECT version FROM collection_versions WHERE collection = $1', [collection]);
    if (rows[0] && integer(rows[0], 'version') >= current) continue;
    for (;;) {
      const moved = await upgradeBatch(storage, collection, current, now().toISOString());
      upgraded += moved;
      if (moved < BATCH) break;
    }
    await storage.db.query(
      `INSERT INTO collection_versions (collection, version) VALUES ($1, $2)
       ON CONFLICT (collection) DO UPDATE SET version = EXCLUDED.version`,
      [collection, current],
    );
  }
  return upgraded;
}

async function upgradeBatch(storage: Storage, collection: ReplicatedCollection, current: number, stamp: string): Promise<number> {
  return storage.db.transaction(async (tx) => {
    await lockWriters(tx);
    const docs = await outdatedDocuments(tx, collection, current, BATCH);
    const writes: DocumentWrite[] = docs.map((doc) => ({
      collection,
      communeId: doc.communeId,
      id: doc.id,
      data: { ...(migrateToCurrent(collection, doc.data, doc.schemaVersion) as unknown as JsonObject), updatedAt: stamp },
      deleted: doc.deleted,
      sharedWith: doc.sharedWith,
      schemaVersion: current,
      updatedAt: stamp,
    }));
    await writeDocuments(tx, writes);
    if (writes.length > 0)
      await notify(
        tx,
        storage.channel,
        encodeChange(
          collection,
          writes.flatMap((write) => (write.sharedWith ? [write.communeId, write.sharedWith] : [write.communeId])),
        ),
      );
    return docs.length;
  });
}
