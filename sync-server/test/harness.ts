/**
 * Test harness: storages of both kinds, servers on 127.0.0.1 port 0, tenants,
 * enrolled devices, and documents built from the domain's samples.
 *
 * PGlite runs in memory. PostgreSQL runs when TEST_DATABASE_URL is set, each
 * storage in a fresh schema dropped afterwards.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { newId } from '../../domain/ids';
import type { DocumentsByCollection, ReplicatedCollection, Transfer, UserRole } from '../../domain/model';
import type { EnrollResponse } from '../../domain/protocol';
import { sampleDocuments } from '../../domain/schemas/samples';
import { runAdmin, type EnrollCodeView, type TenantView } from '../src/admin';
import { buildServer, type ServerOptions } from '../src/server';
import { openStorage, type Storage, type StorageKind } from '../src/storage';

export const DATABASE_URL = process.env['TEST_DATABASE_URL'];

/** The storages every suite runs on. */
export const STORAGE_KINDS: StorageKind[] = DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestStorage extends Storage {
  /** opens the same data again (a restart), as another Storage */
  reopen(): Promise<Storage>;
  /** removes the test's data (the PostgreSQL schema) without closing this storage */
  dispose(): Promise<void>;
}

export async function openTestStorage(kind: StorageKind, dataDir?: string): Promise<TestStorage> {
  if (kind === 'pglite') {
    const storage = await openStorage(dataDir ? { dataDir } : {});
    return { ...storage, reopen: () => openStorage(dataDir ? { dataDir } : {}), dispose: async () => undefined };
  }
  if (!DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const url = DATABASE_URL;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const storage = await openStorage({ databaseUrl: url, schema, poolSize: 8 });
  return {
    ...storage,
    reopen: () => openStorage({ databaseUrl: url, schema, poolSize: 8 }),
    dispose: () => dropSchema(url, schema),
    close: async () => {
      await storage.close();
      await dropSchema(url, schema);
    },
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export interface TestServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startServer(storage: Storage, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const app = await buildServer({ logger: false, heartbeatMs: 60_000, ...options, storage });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, close: () => app.close() };
}

export async function addCommune(storage: Storage, name = 'Commune', epciId: string | null = null): Promise<TenantView> {
  const insee = String(10_000 + Math.floor(Math.random() * 89_999));
  const result = await runAdmin(storage, { command: 'commune-add', name, insee, epciId });
  return result as TenantView;
}

export async function addEpci(storage: Storage, name = 'Communauté de communes'): Promise<TenantView> {
  return (await runAdmin(storage, { command: 'epci-add', name })) as TenantView;
}

export async function enrollmentCode(storage: Storage, tenantId: string, ttlDays = 7, role?: UserRole): Promise<string> {
  return ((await runAdmin(storage, { command: 'enroll-code', tenantId, ttlDays, ...(role ? { role } : {}) })) as EnrollCodeView).code;
}

export interface Device extends EnrollResponse {
  api: Api;
}

export async function enroll(
  server: TestServer,
  storage: Storage,
  tenantId: string,
  deviceName = 'Poste',
  role?: UserRole,
): Promise<Device> {
  const code = await enrollmentCode(storage, tenantId, 7, role);
  const response = await fetch(`${server.url}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName }),
  });
  if (response.status !== 201) throw new Error(`enroll: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as EnrollResponse;
  return { ...body, api: new Api(server.url, body.token) };
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A device's calls, with its token. */
export class Api {
  constructor(
    readonly url: string,
    readonly token: string | null,
    readonly extraHeaders: Record<string, string> = {},
  ) {}

  headers(more: Record<string, string> = {}): Record<string, string> {
    return { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...this.extraHeaders, ...more };
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const init: RequestInit = {
      method,
      headers: this.headers(body === undefined ? headers : { 'content-type': 'application/json', ...headers }),
    };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(`${this.url}${path}`, init);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
  }

  pull<Doc = Record<string, unknown>>(collection: string, checkpoint?: { seq: number } | null, limit?: number) {
    const query = new URLSearchParams();
    if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
    if (limit) query.set('limit', String(limit));
    const suffix = query.size > 0 ? `?${query.toString()}` : '';
    return this.request<{ documents: (Doc & { _deleted: boolean })[]; checkpoint: { seq: number } | null }>(
      'GET',
      `/api/v1/${collection}/pull${suffix}`,
    );
  }

  /** Pulls everything from the start, following checkpoints. */
  async pullAll<Doc = Record<string, unknown>>(collection: string): Promise<(Doc & { _deleted: boolean })[]> {
    const all: (Doc & { _deleted: boolean })[] = [];
    let checkpoint: { seq: number } | null = null;
    for (;;) {
      const answer: Answer<{ documents: (Doc & { _deleted: boolean })[]; checkpoint: { seq: number } | null }> = await this.pull<Doc>(
        collection,
        checkpoint,
        500,
      );
      if (answer.status !== 200) throw new Error(`pull ${collection}: ${answer.status} ${JSON.stringify(answer.body)}`);
      all.push(...answer.body.documents);
      checkpoint = answer.body.checkpoint;
      if (answer.body.documents.length < 500) return all;
    }
  }

  push<Doc = Record<string, unknown>>(collection: string, rows: unknown) {
    return this.request<(Doc & { _deleted: boolean })[]>('POST', `/api/v1/${collection}/push`, rows);
  }

  withHeaders(headers: Record<string, string>): Api {
    return new Api(this.url, this.token, { ...this.extraHeaders, ...headers });
  }
}

type Wire<Doc> = Doc & { _deleted: boolean };

/** A fresh document of the collection for the commune, from the domain's sample. */
export function makeDoc<C extends ReplicatedCollection>(
  collection: C,
  communeId: string,
  overrides: Partial<DocumentsByCollection[C]> = {},
): Wire<DocumentsByCollection[C]> {
  const sample = sampleDocuments[collection];
  return { ...structuredClone(sample), id: newId(), communeId, ...overrides, _deleted: false };
}

/** A push row creating documents. */
export function created(...docs: object[]): { newDocumentState: object; assumedMasterState: null }[] {
  return docs.map((doc) => ({ newDocumentState: doc, assumedMasterState: null }));
}

/** A push row changing a document the device pulled as `assumed`. */
export function changed<Doc extends object>(assumed: Doc, changes: Partial<Doc>): { newDocumentState: Doc; assumedMasterState: Doc } {
  return { newDocumentState: { ...assumed, ...changes }, assumedMasterState: assumed };
}

/** Reads SSE events from a stream until `count` data events arrived or the time is up. */
export async function readStream(
  url: string,
  headers: Record<string, string>,
  options: { count: number; timeoutMs: number; onOpen?: () => Promise<void> | void },
): Promise<{ status: number; events: { event: string; data: unknown }[] }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const events: { event: string; data: unknown }[] = [];
  let status = 0;
  try {
    const response = await fetch(url, { headers, signal: controller.signal });
    status = response.status;
    if (!response.ok || !response.body) return { status, events };
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let opened = false;
    while (events.length < options.count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!opened && block.includes(': connected')) {
          opened = true;
          await options.onOpen?.();
        }
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n');
        const event =
          block
            .split('\n')
            .find((line) => line.startsWith('event: '))
            ?.slice(7) ?? 'message';
        if (data) events.push({ event, data: JSON.parse(data) });
      }
    }
    await reader.cancel().catch(() => undefined);
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { status, events };
}

/** A request's transfer to the intercommunality `epciId` (null: to none the server knows). */
export function transferTo(epciId: string | null, note = ''): Transfer {
  return { to: 'epci', toId: epciId, toName: 'Communauté de communes', at: '2026-03-13T10:00:00.000Z', by: 'u-secretaire', note };
}

/** Some bytes and their name as a blob (their SHA-256). */
export function blobOf(text: string): { bytes: Buffer; sha: string } {
  const bytes = Buffer.from(text);
  return { bytes, sha: createHash('sha256').update(bytes).digest('hex') };
}

/** Uploads a blob as the device; the HTTP status. */
export async function putBlob(api: Api, blob: { bytes: Buffer; sha: string }): Promise<number> {
  const response = await fetch(`${api.url}/api/v1/blobs/${blob.sha}`, {
    method: 'PUT',
    headers: api.headers({ 'content-type': 'application/octet-stream' }),
    body: new Uint8Array(blob.bytes),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The device's copy of one document, pulled from the start. */
export async function pullOne<Doc extends { id: string }>(
  api: Api,
  collection: ReplicatedCollection,
  id: string,
): Promise<Wire<Doc> | undefined> {
  return (await api.pullAll<Doc>(collection)).find((doc) => doc.id === id);
}
