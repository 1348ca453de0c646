/**
 * A crash, not a clean stop (quality.md, reliability 3 and 5): the server process is killed with SIGKILL while
 * several devices push, then started again on the same data. Every push it acknowledged is there, once; every
 * push is all or nothing; re-sending the unanswered ones completes the set without duplicates; the pull's
 * sequence still grows strictly. On PGlite (its data folder) and on PostgreSQL (a database of its own).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../domain/protocol';
import { runAdmin, type EnrollCodeView, type TenantView } from '../src/admin';
import { openStorage, type OpenStorageOptions } from '../src/storage';
import { Api, DATABASE_URL, makeDoc, STORAGE_KINDS } from './harness';

const CLI = join(import.meta.dirname, '../src/cli.ts');
const WRITERS = 4;
const BATCH = 20;
/** acknowledged pushes before the kill: enough that some are in flight when it comes */
const ACKNOWLEDGED_BEFORE_KILL = 12;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

interface Place {
  storage: OpenStorageOptions;
  args: string[];
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

async function place(kind: (typeof STORAGE_KINDS)[number]): Promise<Place> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-crash-'));
    return {
      storage: { dataDir: join(dir, 'pgdata') },
      args: ['--data', dir],
      env: { DATABASE_URL: '' },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `crash_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  return {
    storage: { databaseUrl: url.toString() },
    args: [],
    env: { DATABASE_URL: url.toString() },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function startProcess(where: Place, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', String(port), ...where.args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...where.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return child;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

interface Batch {
  ids: string[];
  body: { newDocumentState: object; assumedMasterState: null }[];
}

describe.each(STORAGE_KINDS)('SIGKILL mid-push on %s', (kind) => {
  const children: ChildProcess[] = [];
  let where: Place | undefined;

  afterAll(async () => {
    for (const child of children) await killed(child);
    await where?.cleanup();
  });

  it('loses no acknowledged write, half-writes no push, duplicates nothing', async () => {
    where = await place(kind);
    const setup = await openStorage(where.storage);
    const commune = (await runAdmin(setup, { command: 'commune-add', name: 'Crash', insee: '54999', epciId: null })) as TenantView;
    const code = ((await runAdmin(setup, { command: 'enroll-code', tenantId: commune.id, ttlDays: 1 })) as EnrollCodeView).code;
    await setup.close();

    const port = await freePort();
    children.push(await startProcess(where, port));
    const url = `http://127.0.0.1:${port}`;
    const enrolled = await fetch(`${url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName: 'Poste' }),
    });
    const device = (await enrolled.json()) as EnrollResponse;
    const api = new Api(url, device.token);

    const batches: Batch[] = [];
    const acknowledged = new Set<Batch>();
    let stop = false;
    const writer = async (): Promise<void> => {
      while (!stop) {
        const docs = Array.from({ length: BATCH }, () => makeDoc('citizens', commune.id));
        const batch = { ids: docs.map((doc) => doc.id), body: docs.map((doc) => ({ newDocumentState: doc, assumedMasterState: null })) };
        batches.push(batch);
        const answer = await api.push('citizens', batch.body).catch(() => null);
        if (answer?.status === 200) acknowledged.add(batch);
        else return;
      }
    };
    const writing = Array.from({ length: WRITERS }, () => writer());
    const deadline = Date.now() + 30_000;
    while (acknowledged.size < ACKNOWLEDGED_BEFORE_KILL && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    await killed(children[0] as ChildProcess);
    stop = true;
    await Promise.all(writing);
    expect(acknowledged.size).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);

    children.push(await startProcess(where, port));
    const afterCrash = await api.pullAll<{ id: string }>('citizens');
    const stored = new Set(afterCrash.map((doc) => doc.id));
    expect(stored.size).toBe(afterCrash.length);
    for (const batch of batches) {
      const present = batch.ids.filter((id) => stored.has(id)).length;
      // all or nothing, and all if it was acknowledged
      expect([0, BATCH]).toContain(present);
      if (acknowledged.has(batch)) expect(present).toBe(BATCH);
    }

    for (const batch of batches.filter((candidate) => !acknowledged.has(candidate))) {
      expect((await api.push('citizens', batch.body)).status).toBe(200);
    }
    const final = await api.pullAll<{ id: string }>('citizens');
    expect(final.map((doc) => doc.id).sort()).toEqual(batches.flatMap((batch) => batch.ids).sort());
    const seqs: number[] = [];
    let checkpoint: { seq: number } | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof api.pull>> = await api.pull('citizens', checkpoint, 7);
      if (page.body.documents.length === 0) break;
      if (page.body.checkpoint) seqs.push(page.body.checkpoint.seq);
      checkpoint = page.body.checkpoint;
    }
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
  }, 120_000);
});
