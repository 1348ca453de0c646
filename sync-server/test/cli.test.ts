/**
 * The admin CLI: its words, and how it shares a PGlite directory with a
 * running server (the lock, then the loopback admin route).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminCommand, connectionOptions, parseArgs } from '../src/cli-args';
import { acquireLock, LockHeldError } from '../src/lock';
import { Api } from './harness';

const CLI = join(import.meta.dirname, '../src/cli.ts');
/** tsx by its URL, so that the CLI also starts from a cwd outside the repository (a fresh --data place). */
const TSX = import.meta.resolve('tsx');

function run(
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      ...(cwd ? { cwd } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function json<T>(args: string[]): Promise<T> {
  const result = await run([...args, '--json']);
  if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

describe('CLI words', () => {
  it('reads commands and options', () => {
    expect(adminCommand(parseArgs([]))).toBeNull();
    expect(adminCommand(parseArgs(['--port', '9000']))).toBeNull();
    expect(adminCommand(parseArgs(['commune', 'add', '--name', 'Villers', '--insee=54578', '--epci', 'E1', '--json']))).toEqual({
      command: 'commune-add',
      name: 'Villers',
      insee: '54578',
      epciId: 'E1',
    });
    expect(adminCommand(parseArgs(['enroll-code', '--commune', 'C1']))).toEqual({ command: 'enroll-code', tenantId: 'C1', ttlDays: 7 });
    expect(adminCommand(parseArgs(['devices', 'revoke', 'D1']))).toEqual({ command: 'devices-revoke', deviceId: 'D1' });
    expect(() => adminCommand(parseArgs(['commune', 'add', '--name', 'X']))).toThrow('--insee');
    expect(() => adminCommand(parseArgs(['frobnicate']))).toThrow('unknown command');
  });

  it('reads the connection limits, timeouts in seconds', () => {
    const args = parseArgs(['--max-connections', '500', '--headers-timeout', '5', '--request-timeout=120', '--keep-alive-timeout', '2.5']);
    expect(adminCommand(args)).toBeNull();
    expect(connectionOptions(args)).toEqual({
      maxConnections: 500,
      headersTimeoutMs: 5_000,
      requestTimeoutMs: 120_000,
      keepAliveTimeoutMs: 2_500,
    });
    expect(connectionOptions(parseArgs([]))).toEqual({});
    expect(() => connectionOptions(parseArgs(['--max-connections', 'many']))).toThrow('--max-connections needs a positive number');
    expect(() => connectionOptions(parseArgs(['--max-connections', '1.5']))).toThrow('whole number');
    expect(() => connectionOptions(parseArgs(['--request-timeout', '0']))).toThrow('--request-timeout');
  });

  it('a data directory has one holder at a time; a dead holder’s lock is taken over', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-lock-'));
    const release = acquireLock(dir);
    expect(readFileSync(join(dir, 'server.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, 'server.lock'))).toBe(false);
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      writeFileSync(join(dir, 'server.lock'), String(child.pid));
      expect(() => acquireLock(dir)).toThrow(LockHeldError);
    } finally {
      child.kill();
    }
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('CLI on a PGlite directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-cli-'));
  let server: ChildProcess | undefined;

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('administers directly, then through the running server, and the server stops cleanly', async () => {
    const epci = await json<{ id: string; kind: string }>(['epci', 'add', '--name', 'CC du Val', '--data', dir]);
    expect(epci.kind).toBe('epci');
    const commune = await json<{ id: string; epciId: string }>([
      'commune',
      'add',
      '--name',
      'Villers',
      '--insee',
      '54578',
      '--epci',
      epci.id,
      '--data',
      dir,
    ]);
    expect(commune.epciId).toBe(epci.id);
    const duplicate = await run(['commune', 'add', '--name', 'Bis', '--insee', '54578', '--data', dir]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('54578');

    server = spawn(process.execPath, ['--import', TSX, CLI, '--data', dir, '--port', '0'], {
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    });
    const endpoint = await waitFor(
      () => (existsSync(join(dir, 'admin.json')) ? (JSON.parse(readFileSync(join(dir, 'admin.json'), 'utf8')) as { url: string }) : null),
      30_000,
    );

    const code = await json<{ code: string; tenantName: string }>(['enroll-code', '--commune', commune.id, '--data', dir]);
    expect(code.tenantName).toBe('Villers');
    const enrolled = await new Api(endpoint.url, null).request<{ deviceId: string; token: string }>('POST', '/api/v1/enroll', {
      code: code.code,
      deviceName: 'Accueil',
    });
    expect(enrolled.status).toBe(201);
    const devices = await json<{ id: string; name: string; revokedAt: string | null }[]>(['devices', 'list', '--data', dir]);
    expect(devices).toEqual([expect.objectContaining({ id: enrolled.body.deviceId, name: 'Accueil', revokedAt: null })]);
    expect((await run(['devices', 'revoke', enrolled.body.deviceId, '--data', dir])).code).toBe(0);
    expect((await new Api(endpoint.url, enrolled.body.token).pull('requests')).status).toBe(401);
    const listed = await run(['communes', 'list', '--data', dir]);
    expect(listed.stdout).toContain('name: Villers');

    const second = await run(['--data', dir, '--port', '0']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('already uses');

    const adminFromOutside = await fetch(`${endpoint.url}/admin/v1/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"command":"devices-list"}',
    });
    expect(adminFromOutside.status).toBe(401);

    const exited = new Promise<number | null>((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(dir, 'server.lock'))).toBe(false);
    expect(existsSync(join(dir, 'admin.json'))).toBe(false);
  }, 90_000);
});

describe('CLI on a fresh checkout', () => {
  const root = mkdtempSync(join(tmpdir(), 'guichet-fresh-'));

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates the default data folder (private) and refuses a second intercommunality of the same name', async () => {
    // A fresh clone has no data/ folder: the default --data is data/sync-server under the cwd.
    const first = await run(['epci', 'add', '--name', 'CC du Val de Meuse', '--json'], {}, root);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const dataDir = join(root, 'data/sync-server');
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(existsSync(join(dataDir, 'server.lock'))).toBe(false);

    const again = await run(['epci', 'add', '--name', '  cc du val  de MEUSE ', '--json'], {}, root);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('an intercommunality named “CC du Val de Meuse” already exists');
    const accents = await run(['epci', 'add', '--name', 'CC du Vál-de-Meuse'], {}, root);
    expect(accents.code).toBe(1);
    const listed = await run(['communes', 'list', '--json'], {}, root);
    expect((JSON.parse(listed.stdout) as { kind: string }[]).filter((tenant) => tenant.kind === 'epci')).toHaveLength(1);
  }, 120_000);

  it('serves from a --data folder that does not exist yet, nested', async () => {
    const dataDir = join(root, 'srv/guichet/nested');
    const server = spawn(process.execPath, ['--import', TSX, CLI, '--data', dataDir, '--port', '0'], {
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    });
    try {
      const endpoint = await waitFor(() => {
        if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
        return existsSync(join(dataDir, 'admin.json'))
          ? (JSON.parse(readFileSync(join(dataDir, 'admin.json'), 'utf8')) as { url: string })
          : null;
      }, 30_000);
      expect((await fetch(`${endpoint.url}/health`)).status).toBe(200);
      expect(statSync(join(dataDir, 'admin.json')).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'server.lock')).mode & 0o777).toBe(0o600);
    } finally {
      expect(await stop(server)).toBe(0);
    }
  }, 90_000);
});

/** Stops a spawned server (if still running) and gives its exit code. */
async function stop(server: ChildProcess): Promise<number | null> {
  if (server.exitCode !== null) return server.exitCode;
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  return exited;
}

async function waitFor<T>(probe: () => T | null, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
