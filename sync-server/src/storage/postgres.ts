import pg from 'pg';
import { checkSchemaName, type Row, type SqlDriver, type SqlExecutor } from './driver';

export interface PostgresOptions {
  connectionString: string;
  /** a schema to work in (tests: one fresh schema each); default public */
  schema?: string;
  /** connections in the pool */
  max?: number;
}

const LISTEN_RETRY_MS = [100, 500, 1_000, 2_000, 5_000];

/**
 * PostgreSQL through node-postgres: a pool for queries and transactions, plus
 * one dedicated connection that LISTENs (a pooled connection would be handed
 * to someone else and its LISTEN lost).
 */
export async function openPostgres(options: PostgresOptions): Promise<SqlDriver> {
  const schema = options.schema ? checkSchemaName(options.schema) : undefined;
  const config: pg.PoolConfig = {
    connectionString: options.connectionString,
    max: options.max ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  const pool = new pg.Pool(config);
  // An idle client that errors (server restart) is dropped by the pool; without a listener Node would crash.
  pool.on('error', () => undefined);
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  return new PostgresDriver(pool, config);
}

class PostgresDriver implements SqlDriver {
  readonly kind = 'postgres' as const;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly config: pg.PoolConfig,
  ) {}

  async query(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.pool.query<Row>(sql, [...params]);
    return result.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(clientExecutor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = await rollback(client);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async listen(channel: string, onPayload: (payload: string) => void, onGap: () => void): Promise<() => Promise<void>> {
    const listener = new Listener(this.config, channel, onPayload, onGap);
    await listener.start();
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
      await listener.stop();
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener.stop()));
    this.listeners.clear();
    await this.pool.end();
  }
}

function clientExecutor(client: pg.PoolClient): SqlExecutor {
  return {
    async query(sql, params = []) {
      const result = await client.query<Row>(sql, [...params]);
      return result.rows;
    },
    async exec(sql) {
      await client.query(sql);
    },
  };
}

/** Returns true when the connection is unusable and must not go back to the pool. */
async function rollback(client: pg.PoolClient): Promise<boolean> {
  try {
    await client.query('ROLLBACK');
    return false;
  } catch {
    return true;
  }
}

/** One LISTENing connection that reconnects, and reports each reconnection as a possible gap. */
class Listener {
  private client: pg.Client | undefined;
  private stopped = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: pg.PoolConfig,
    private readonly channel: string,
    private readonly onPayload: (payload: string) => void,
    private readonly onGap: () => void,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client(this.config);
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload !== undefined) this.onPayload(message.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdentifier(this.channel)}`);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    this.attempt = 0;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.timer) return;
    const delay = LISTEN_RETRY_MS[Math.min(this.attempt, LISTEN_RETRY_MS.length - 1)] ?? 5_000;
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      this.start().then(
        () => this.onGap(),
        () => this.scheduleReconnect(),
      );
    }, delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
