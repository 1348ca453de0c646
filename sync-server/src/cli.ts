/**
 * `npm run sync-server -- [command]`: the server, and its administration.
 *
 *   (no command) | serve   start the server (127.0.0.1:8787, PGlite in ./data/sync-server)
 *   epci add --name N                       add an intercommunality
 *   commune add --name N --insee C [--epci ID]
 *   communes list                           communes and intercommunalities
 *   enroll-code --commune ID [--days 7] [--role mayor]
 *                                           a one-time code to enroll a device (ID: commune or EPCI);
 *                                           --role mayor|deputy: the device opens on the council table
 *   devices list
 *   devices revoke ID
 *
 * Options: --host, --port, --data DIR, --updates DIR, --app DIR (the browser build served at /app/,
 * default dist/renderer when built), --trust-proxy ADDRESSES (the reverse proxies' IPs or CIDR ranges, comma-separated:
 * only they may name the client's address in X-Forwarded-For; TRUST_PROXY too), --json.
 * Connections: --max-connections N, --headers-timeout S, --request-timeout S, --keep-alive-timeout S
 * (seconds; defaults in connections.ts).
 * DATABASE_URL=postgres://… uses PostgreSQL instead of PGlite.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { AdminError, runAdmin, type AdminCommand, type AdminResult } from './admin';
import { adminCommand, connectionOptions, option, parseArgs, type Args } from './cli-args';
import { acquireLock, LockHeldError, readAdminEndpoint, writeAdminEndpoint } from './lock';
import { ADMIN_PATH } from './routes/admin';
import { buildServer } from './server';
import { parseTrustedProxies } from './trusted-proxies';
import { openStorage, type Storage } from './storage';
import { ensurePrivateDir } from './private-files';
import { existsSync } from 'node:fs';

interface Place {
  databaseUrl: string | undefined;
  dataDir: string;
}

function place(args: Args): Place {
  return { databaseUrl: process.env['DATABASE_URL'] || undefined, dataDir: resolve(option(args, 'data') ?? 'data/sync-server') };
}

function storageOptions(where: Place): Parameters<typeof openStorage>[0] {
  return where.databaseUrl ? { databaseUrl: where.databaseUrl } : { dataDir: join(where.dataDir, 'pgdata') };
}

async function serve(args: Args): Promise<void> {
  const where = place(args);
  const release = where.databaseUrl ? () => undefined : lockOrExplain(where.dataDir);
  const adminToken = where.databaseUrl ? null : randomBytes(32).toString('base64url');
  let storage: Storage | undefined;
  try {
    storage = await openStorage(storageOptions(where));
    const updates = option(args, 'updates') ?? process.env['GUICHET_UPDATES_DIR'] ?? 'data/updates';
    const appDir = option(args, 'app') ?? process.env['GUICHET_APP_DIR'] ?? 'dist/renderer';
    const app = await buildServer({
      storage,
      ...connectionOptions(args),
      logger: { level: process.env['LOG_LEVEL'] ?? 'info' },
      updatesDir: existsSync(updates) ? resolve(updates) : null,
      appDir: existsSync(join(appDir, 'index.html')) ? resolve(appDir) : null,
      adminToken,
      trustedProxies: parseTrustedProxies(args.options.get('trust-proxy') ?? process.env['TRUST_PROXY']),
    });
    const host = option(args, 'host') ?? '127.0.0.1';
    const port = Number(option(args, 'port') ?? 8787);
    await app.listen({ host, port });
    const bound = app.server.address();
    const boundPort = typeof bound === 'object' && bound ? bound.port : port;
    const forget = adminToken
      ? writeAdminEndpoint(where.dataDir, { url: `http://127.0.0.1:${boundPort}`, token: adminToken, pid: process.pid })
      : () => undefined;
    onSignals(async () => {
      await app.close();
      await storage?.close();
      forget();
      release();
    });
  } catch (error) {
    await storage?.close();
    release();
    throw error;
  }
}

/** The data folder is made on first use (a fresh clone has none), private to this user. */
function lockDataDir(dataDir: string): () => void {
  ensurePrivateDir(dataDir);
  return acquireLock(dataDir);
}

function lockOrExplain(dataDir: string): () => void {
  try {
    return lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof LockHeldError) {
      throw new AdminError(`a sync server (pid ${error.pid}) already uses ${dataDir}; stop it first, or use another --data`);
    }
    throw error;
  }
}

function onSignals(shutdown: () => Promise<void>): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(1);
    stopping = true;
    shutdown().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * PostgreSQL: run directly (any number of connections). PGlite: run directly
 * when no server holds the directory; else ask the running server, through
 * its loopback admin route.
 */
async function administer(command: AdminCommand, args: Args): Promise<AdminResult> {
  const where = place(args);
  if (where.databaseUrl) return withStorage(storageOptions(where), command);
  let release: () => void;
  try {
    release = lockDataDir(where.dataDir);
  } catch (error) {
    if (error instanceof LockHeldError) return throughServer(where.dataDir, command);
    throw error;
  }
  try {
    return await withStorage(storageOptions(where), command);
  } finally {
    release();
  }
}

async function withStorage(options: Parameters<typeof openStorage>[0], command: AdminCommand): Promise<AdminResult> {
  const storage = await openStorage(options);
  try {
    return await runAdmin(storage, command);
  } finally {
    await storage.close();
  }
}

async function throughServer(dataDir: string, command: AdminCommand): Promise<AdminResult> {
  const endpoint = readAdminEndpoint(dataDir);
  if (!endpoint) throw new AdminError('the server is starting or stopping; try again in a moment');
  const response = await fetch(`${endpoint.url}${ADMIN_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${endpoint.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(command),
  });
  const body = (await response.json()) as { result?: AdminResult; error?: { message?: string } };
  if (!response.ok || body.result === undefined) throw new AdminError(body.error?.message ?? `the server answered ${response.status}`);
  return body.result;
}

function print(result: AdminResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const rows: object[] = Array.isArray(result) ? result : [result];
  if (rows.length === 0) process.stdout.write('(none)\n');
  for (const row of rows) {
    process.stdout.write(
      `${Object.entries(row)
        .map(([key, value]) => `${key}: ${value === null ? '-' : String(value)}`)
        .join('\n')}\n\n`,
    );
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  const command = adminCommand(args);
  if (!command) return serve(args);
  print(await administer(command, args), args.options.has('json'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof AdminError ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`sync-server: ${message}\n`);
  process.exit(1);
});
