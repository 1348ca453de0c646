import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
  type MigrationStrategies,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { COLLECTION_SCHEMAS } from '../../../domain/schemas';
import type { DocumentsByCollection, ReplicatedCollection } from '../../../domain/model';
import { wrappedFastValidateStorage } from './rxdb/fast-validate';
import { wrappedQueryStorage } from './rxdb/query-storage';
import { blobSchema, draftSchema, type BlobDoc, type DraftDoc } from './local-schemas';
import { stampLocalWrites } from './rxdb/local-stamps';
import { conflictHandlers } from './conflicts';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBAttachmentsPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);

export type GuichetCollections = {
  [K in ReplicatedCollection]: RxCollection<DocumentsByCollection[K]>;
} & {
  drafts: RxCollection<DraftDoc>;
  blobs: RxCollection<BlobDoc>;
};

export type GuichetDatabase = RxDatabase<GuichetCollections>;

export interface OpenDatabaseOptions {
  /** IndexedDB database name; one per profile */
  name: string;
  /** the storage engine: Dexie (IndexedDB) in the app, memory in tests */
  storage: RxStorage<unknown, unknown>;
  /** ask RxDB not to keep other tabs in sync (tests open many databases) */
  multiInstance?: boolean;
}

/**
 * Opens Guichet's database with every collection. Documents are validated
 * against the same schemas the sync server uses (domain/schemas), with
 * z-schema as the reference (see `fastValidator`), because it does not
 * compile code at run time, which the app's Content-Security-Policy (no
 * 'unsafe-eval') forbids. Queries go through `wrappedQueryStorage`, which
 * answers the app's queries with the same results as RxDB's Dexie storage,
 * reading far fewer documents (quality.md, `npm run bench`).
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<GuichetDatabase> {
  const database = await createRxDatabase<GuichetCollections>({
    name: options.name,
    storage: wrappedFastValidateStorage({ storage: wrappedQueryStorage(options.storage) }),
    multiInstance: options.multiInstance ?? true,
    eventReduce: true,
    localDocuments: true,
    closeDuplicates: true,
    // The request list shows counts of filtered lists; RxDB refuses counts not fully covered by an index unless told.
    allowSlowCount: true,
  });
  await database.addCollections(collectionDefinitions());
  for (const name of Object.keys(COLLECTION_SCHEMAS) as ReplicatedCollection[]) stampLocalWrites(database[name]);
  return database;
}

function collectionDefinitions() {
  const replicated = Object.fromEntries(
    Object.entries(COLLECTION_SCHEMAS).map(([name, definition]) => [
      name,
      {
        schema: definition.schema as unknown as RxJsonSchema<unknown>,
        migrationStrategies: definition.migrationStrategies as MigrationStrategies,
        // Two devices changed the same document: merged field by field (domain/merge.ts), never one whole side lost.
        conflictHandler: conflictHandlers[name as ReplicatedCollection],
      },
    ]),
  );
  return {
    ...replicated,
    drafts: { schema: draftSchema as unknown as RxJsonSchema<DraftDoc> },
    blobs: { schema: blobSchema as unknown as RxJsonSchema<BlobDoc> },
  } as Parameters<GuichetDatabase['addCollections']>[0];
}
