import type { SqlDriver, StorageKind } from './driver';
import { migrate } from './migrations';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { text } from './rows';

export type { SqlDriver, SqlExecutor, StorageKind } from './driver';

/**
 * The server's storage: a driver with the schema migrated, and the name of the
 * channel changes are announced on. The channel is per PostgreSQL schema so
 * that servers working in separate schemas of one database (tests) do not
 * hear each other.
 */
export interface Storage {
  readonly kind: StorageKind;
  readonly db: SqlDriver;
  readonly channel: string;
  close(): Promise<void>;
}

export interface OpenStorageOptions {
  /** postgres://… : PostgreSQL; absent: PGlite */
  databaseUrl?: string;
  /** PGlite's directory; absent (and no databaseUrl): in memory */
  dataDir?: string;
  /** a PostgreSQL schema to work in; default: the connection's (public) */
  schema?: string;
  /** PostgreSQL pool size */
  poolSize?: number;
}

export async function openStorage(options: OpenStorageOptions = {}): Promise<Storage> {
  const db = await openDriver(options);
  try {
    await migrate(db);
    const rows = await db.query('SELECT current_schema() AS schema');
    const schema = text(rows[0] ?? {}, 'schema');
    return { kind: db.kind, db, channel: `guichet_changes_${schema}`, close: () => db.close() };
  } catch (error) {
    await db.close();
    throw error;
  }
}

async function openDriver(options: OpenStorageOptions): Promise<SqlDriver> {
  if (options.databaseUrl) {
    return openPostgres({
      connectionString: options.databaseUrl,
      ...(options.schema ? { schema: options.schema } : {}),
      ...(options.poolSize ? { max: options.poolSize } : {}),
    });
  }
  return openPglite({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.schema ? { schema: options.schema } : {}),
  });
}
