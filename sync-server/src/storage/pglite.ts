import { PGlite, type Transaction } from '@electric-sql/pglite';
import { ensurePrivateDir, privatizeTree } from '../private-files';
import { checkSchemaName, type Row, type SqlDriver, type SqlExecutor } from './driver';

export interface PgliteOptions {
  /** directory of the database files; omitted: in memory (tests) */
  dataDir?: string;
  /** a PostgreSQL schema to work in (tests isolate themselves this way); default public */
  schema?: string;
}

/**
 * PGlite: PostgreSQL compiled to WebAssembly, in this process, one connection.
 * PGlite runs one query at a time and a transaction holds the connection, so
 * concurrent requests queue here; that is the embedded setup's whole point
 * (one commune, no database server to run). LISTEN/NOTIFY works in-process.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<SqlDriver> {
  const dataDir = options.dataDir ?? null;
  const db = dataDir ? await openFiles(dataDir) : await PGlite.create();
  if (options.schema) {
    const schema = checkSchemaName(options.schema);
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
  }
  return new PgliteDriver(db, dataDir);
}

/**
 * PGlite on disk, private to this user (see private-files.ts): the folder is
 * 0700 before PGlite writes into it, so that what it creates 0666 while it
 * runs is out of anyone else's reach; and the tree is made 0600/0700 as soon
 * as it is open and again once it is closed, so that a copy or a looser
 * folder above never exposes it.
 */
async function openFiles(dataDir: string): Promise<PGlite> {
  ensurePrivateDir(dataDir);
  const db = await PGlite.create({ dataDir });
  await privatizeTree(dataDir);
  return db;
}

class PgliteDriver implements SqlDriver {
  readonly kind = 'pglite' as const;

  constructor(
    private readonly db: PGlite,
    private readonly dataDir: string | null,
  ) {}

  async query(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.db.query<Row>(sql, [...params]);
    return result.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(wrapTransaction(tx)));
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    // In-process: notifications cannot be lost to a broken connection, so no gaps.
    const unlisten = await this.db.listen(channel, onPayload);
    return () => unlisten();
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
    if (this.dataDir) await privatizeTree(this.dataDir);
  }
}

function wrapTransaction(tx: Transaction): SqlExecutor {
  return {
    async query(sql, params = []) {
      const result = await tx.query<Row>(sql, [...params]);
      return result.rows;
    },
    async exec(sql) {
      await tx.exec(sql);
    },
  };
}
