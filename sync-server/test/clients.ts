/**
 * Devices for tests: RxDB in Node with the memory storage, validated by ajv
 * (wrappedValidateAjvStorage), the app's collection schemas and conflict
 * handlers and local write stamps, replicating with renderer/src/sync/replication.ts. No dev-mode.
 * RxDB's open-source edition allows 13 open collections per process: tests
 * open only the collections they need and close their databases.
 */
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema, type MigrationStrategies } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { randomBytes } from 'node:crypto';
import type { DocumentsByCollection, ReplicatedCollection } from '../../domain/model';
import { COLLECTION_SCHEMAS } from '../../domain/schemas';
import { stampLocalWrites } from '../../renderer/src/db/rxdb/local-stamps';
import { conflictHandlers } from '../../renderer/src/db/conflicts';
import { startReplication, type ReplicationHandle, type ReplicationOptions, type SyncStatus } from '../../renderer/src/sync/replication';

addRxPlugin(RxDBMigrationSchemaPlugin);

export type ClientCollections = { [Name in ReplicatedCollection]?: RxCollection<DocumentsByCollection[Name]> };

export interface Client {
  db: RxDatabase;
  collections: ClientCollections;
  statuses: SyncStatus[];
  replication: ReplicationHandle | null;
  start(options: Omit<ReplicationOptions, 'collections'>): ReplicationHandle;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export async function openClient(names: readonly ReplicatedCollection[]): Promise<Client> {
  const db = await createRxDatabase({
    name: `client-${randomBytes(6).toString('hex')}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    multiInstance: false,
    eventReduce: true,
  });
  const definitions = Object.fromEntries(
    names.map((name) => [
      name,
      {
        schema: COLLECTION_SCHEMAS[name].schema as unknown as RxJsonSchema<unknown>,
        migrationStrategies: COLLECTION_SCHEMAS[name].migrationStrategies as MigrationStrategies,
        conflictHandler: conflictHandlers[name],
      },
    ]),
  );
  const added = await db.addCollections(definitions);
  for (const collection of Object.values(added)) stampLocalWrites(collection);
  const collections = added as unknown as ClientCollections;
  const client: Client = {
    db,
    collections,
    statuses: [],
    replication: null,
    start(options) {
      client.replication = startReplication({
        ...options,
        collections,
        onStatus: (status) => {
          client.statuses.push(status);
          options.onStatus?.(status);
        },
      });
      return client.replication;
    },
    async stop() {
      await client.replication?.stop();
      client.replication = null;
    },
    async close() {
      await client.stop();
      await db.close();
    },
  };
  return client;
}

/** A document as the device holds it, without RxDB's local bookkeeping. */
export function plain(doc: { toJSON(withMeta?: boolean): object }): Record<string, unknown> {
  const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = doc.toJSON(false) as Record<string, unknown>;
  return rest;
}

export async function allDocs(collection: RxCollection | undefined): Promise<Map<string, Record<string, unknown>>> {
  if (!collection) return new Map();
  const docs = await collection.find().exec();
  return new Map(docs.map((doc) => [String(doc.primary), plain(doc)]));
}

export async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
