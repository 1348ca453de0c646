/**
 * The one interface both databases implement. Everything above it (store.ts,
 * migrations.ts) is plain SQL that runs unchanged on PGlite and PostgreSQL:
 * the drivers only differ in how they connect, run a transaction and listen.
 */

export type Row = Record<string, unknown>;

export interface SqlExecutor {
  /** one statement with $1… parameters; rows as plain objects */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** several statements, no parameters (migrations) */
  exec(sql: string): Promise<void>;
}

export type StorageKind = 'pglite' | 'postgres';

export interface SqlDriver extends SqlExecutor {
  readonly kind: StorageKind;
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Calls onPayload for each NOTIFY on the channel. onGap is called when
   * notifications may have been missed (the listening connection was lost and
   * came back), so that listeners re-read instead of trusting the gap.
   */
  listen(channel: string, onPayload: (payload: string) => void, onGap: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Schema names are interpolated into SQL (search_path), so only plain identifiers pass. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  return schema;
}
