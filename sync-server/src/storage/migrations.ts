import type { SqlDriver, SqlExecutor } from './driver';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema, as numbered steps. A step is never edited once released: add a
 * new one. Each runs in its own transaction together with its row in
 * schema_migrations, so a step interrupted halfway is rolled back and simply
 * runs again at the next start.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tenants, devices, enrollment codes, documents, blobs',
    sql: `
      CREATE TABLE tenants (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('commune', 'epci')),
        name text NOT NULL,
        insee text,
        epci_id text REFERENCES tenants (id),
        next_device_index integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX tenants_insee ON tenants (insee) WHERE insee IS NOT NULL;

      CREATE TABLE devices (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants (id),
        name text NOT NULL,
        prefix text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        UNIQUE (tenant_id, prefix)
      );

      CREATE TABLE enrollment_codes (
        code_hash text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        device_id text REFERENCES devices (id)
      );

      CREATE SEQUENCE document_seq;
      CREATE TABLE documents (
        collection text NOT NULL,
        commune_id text NOT NULL REFERENCES tenants (id),
        id text NOT NULL,
        seq bigint NOT NULL,
        data jsonb NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        shared_with text REFERENCES tenants (id),
        schema_version integer NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (collection, commune_id, id)
      );
      CREATE UNIQUE INDEX documents_seq ON documents (seq);
      CREATE INDEX documents_tenant_seq ON documents (collection, commune_id, seq);
      CREATE INDEX documents_shared_seq ON documents (collection, shared_with, seq) WHERE shared_with IS NOT NULL;
      CREATE INDEX documents_event_request ON documents (commune_id, (data ->> 'requestId')) WHERE collection = 'events';

      -- the schema version every stored document of a collection was last brought to (upgrade.ts)
      CREATE TABLE collection_versions (
        collection text PRIMARY KEY,
        version integer NOT NULL
      );

      CREATE TABLE blob_contents (
        sha256 text PRIMARY KEY,
        size integer NOT NULL,
        bytes bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE blob_owners (
        sha256 text NOT NULL REFERENCES blob_contents (sha256),
        tenant_id text NOT NULL REFERENCES tenants (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sha256, tenant_id)
      );
    `,
  },
  {
    version: 2,
    name: 'the role an enrollment code gives its device (the mayor’s tablet)',
    sql: `
      ALTER TABLE enrollment_codes ADD COLUMN role text CHECK (role IN ('secretary', 'mayor', 'deputy', 'agent'));
      ALTER TABLE devices ADD COLUMN role text CHECK (role IN ('secretary', 'mayor', 'deputy', 'agent'));
    `,
  },
];

/** Several server processes may start at once on one PostgreSQL: they take turns here. */
const MIGRATION_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext('guichet.migrations.' || current_schema()))";

/** Applies the missing steps; returns the versions applied now. */
export async function migrate(driver: SqlDriver, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of migrations) {
    const ran = await driver.transaction((tx) => applyOne(tx, migration));
    if (ran) applied.push(migration.version);
  }
  return applied;
}

async function applyOne(tx: SqlExecutor, migration: Migration): Promise<boolean> {
  await tx.query(MIGRATION_LOCK_SQL);
  await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
  if (done.length > 0) return false;
  await tx.exec(migration.sql);
  await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
  return true;
}
