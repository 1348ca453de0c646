/**
 * The sync protocol between a Guichet device and the sync server, typed once
 * for both sides (architecture.md, "The sync protocol"). Paths and shapes are a
 * contract: change them only together with the server and the client, and keep
 * old clients in mind (the 426 rule below).
 *
 * Pure TypeScript: no I/O, usable in the renderer, Electron and Node.
 */
import { REPLICATED_COLLECTIONS, type DocumentsByCollection, type ReplicatedCollection, type UserRole } from './model';

export const API_PREFIX = '/api/v1';

/** The header a client sends with the version of the collection's schema it was built with. */
export const SCHEMA_VERSION_HEADER = 'x-guichet-schema';
/** The same, as a query parameter, for clients that cannot set headers. */
export const SCHEMA_VERSION_QUERY = 'schema';

/** The checkpoint of a pull: the server's commit sequence of the last document handed out. */
export interface Checkpoint {
  seq: number;
}

/** A replicated document as it travels: the document plus RxDB's deletion flag. */
export type WireDocument<Doc> = Doc & { _deleted: boolean };

export interface HealthResponse {
  status: 'ok';
  version: string;
  storage: 'pglite' | 'postgres';
}

export interface EnrollRequest {
  /** the one-time code printed by `sync-server enroll-code` */
  code: string;
  /** how the device is shown in `devices list`, e.g. "Poste accueil" */
  deviceName: string;
}

export type TenantKind = 'commune' | 'epci';

export interface EnrollResponse {
  deviceId: string;
  /** the bearer token: shown once, stored by the device in the OS keychain */
  token: string;
  /** the tenant the device belongs to; an intercommunality's devices get the EPCI here */
  commune: { id: string; name: string };
  /** extension: whether the tenant is a commune or an intercommunality */
  kind: TenantKind;
  /** extension: letters unique within the tenant, used in the references the device creates (`2026-B-0042`) */
  devicePrefix: string;
  /** extension: when the token expires if the device stops syncing (the expiry slides on use) */
  tokenExpiresAt: string;
  /**
   * extension, optional: the role the enrollment code was issued for
   * (`enroll-code --role mayor`); absent for an ordinary device. A device
   * enrolled as the mayor's or a deputy's opens on the council table
   * (domain/council.ts, startModeForRole).
   */
  role?: UserRole;
  /**
   * extension: the intercommunality a commune belongs to, so that its devices
   * forward requests to the right tenant (`transfer.toId`); null for an EPCI
   * or a commune without one. Optional: older servers do not send it.
   */
  epci?: { id: string; name: string } | null;
}

export interface PullResponse<Doc> {
  documents: WireDocument<Doc>[];
  /** the checkpoint to send next time; null when nothing was ever pulled */
  checkpoint: Checkpoint | null;
}

export interface PushRow<Doc> {
  newDocumentState: WireDocument<Doc>;
  /** what the device last received from the server for this document; null for a document it created */
  assumedMasterState: WireDocument<Doc> | null;
}

/** The server's current state of every document of the push that conflicted; empty when all were written. */
export type PushResponse<Doc> = WireDocument<Doc>[];

/** One server-sent event of a stream: new documents and the checkpoint after them. */
export interface StreamBatch<Doc> {
  documents: WireDocument<Doc>[];
  checkpoint: Checkpoint;
  /**
   * Extension: the batch holds every document of the device's tenant
   * committed after sequence number `from` up to `checkpoint`. A device whose
   * own checkpoint is exactly `from` applies it; any other pulls instead
   * (it missed something, or the batch may hold older states than it has).
   */
  from?: number;
}

/**
 * What a stream's `data:` line carries. `'RESYNC'` (sent as the JSON string
 * `"RESYNC"`) tells the client it may have missed events (it fell behind) and
 * must pull from its checkpoint, exactly as RxDB's stream$ expects.
 */
export type StreamMessage<Doc> = StreamBatch<Doc> | 'RESYNC';
export const RESYNC = 'RESYNC';

/**
 * Extension: one stream for several collections,
 * `GET /api/v1/stream?collections=requests,events`. Each SSE event is named
 * after its collection (`event: requests`). A browser keeps at most six
 * HTTP/1.1 connections per server, so six per-collection streams would starve
 * the pulls and pushes; the per-collection streams of the contract remain.
 */
export const MULTI_STREAM_PATH = `${API_PREFIX}/stream`;

export const ERROR_CODES = [
  'invalid_request',
  'invalid_json',
  'invalid_document',
  'hash_mismatch',
  'unauthorized',
  'invalid_token',
  'token_expired',
  'token_revoked',
  'invalid_code',
  'forbidden',
  'not_found',
  'unknown_collection',
  'payload_too_large',
  'upgrade_required',
  'schema_too_new',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** for invalid_document: which document of the push, and why */
    index?: number;
    id?: string;
    details?: string[];
    /** for a value no document may hold (a NUL, a lone surrogate, too deep, too large): its JSON Pointer in the body */
    field?: string;
  };
}

/** The HTTP status of each error code. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_document: 400,
  hash_mismatch: 400,
  schema_too_new: 400,
  unauthorized: 401,
  invalid_token: 401,
  token_expired: 401,
  token_revoked: 401,
  invalid_code: 401,
  forbidden: 403,
  not_found: 404,
  unknown_collection: 404,
  payload_too_large: 413,
  upgrade_required: 426,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

export function isReplicatedCollection(name: string): name is ReplicatedCollection {
  return (REPLICATED_COLLECTIONS as readonly string[]).includes(name);
}

/**
 * The 426 rule. A client sends the version of the collection's schema it was
 * built with. Older than the server still accepts: it must update (426, it
 * would push documents of a shape the server refuses and could not read what
 * it pulls). Newer than the server knows: the server must be updated (400).
 * No version at all (an integrator's script): accepted, the documents are
 * validated anyway.
 */
export type SchemaVerdict = 'ok' | 'upgrade_required' | 'schema_too_new';

export function schemaVersionVerdict(client: number | undefined, minAccepted: number, current: number): SchemaVerdict {
  if (client === undefined) return 'ok';
  if (client < minAccepted) return 'upgrade_required';
  if (client > current) return 'schema_too_new';
  return 'ok';
}

/** Parses a header or query value of the schema version; undefined when absent, NaN-safe. */
export function parseSchemaVersion(raw: string | undefined): number | undefined | 'invalid' {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,6}$/.test(raw)) return 'invalid';
  return Number(raw);
}

/** Reads `?checkpoint=` of a pull: absent → null; anything but `{"seq": n ≥ 0}` → 'invalid'. */
export function parseCheckpoint(raw: string | undefined): Checkpoint | null | 'invalid' {
  if (raw === undefined || raw === '' || raw === 'null') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return 'invalid';
  }
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return 'invalid';
  const seq = (value as { seq?: unknown }).seq;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return 'invalid';
  return { seq };
}

export const PULL_DEFAULT_LIMIT = 100;
export const PULL_MAX_LIMIT = 2_000;

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export function pullPath(collection: ReplicatedCollection): string {
  return `${API_PREFIX}/${collection}/pull`;
}

export function pushPath(collection: ReplicatedCollection): string {
  return `${API_PREFIX}/${collection}/push`;
}

export function streamPath(collection: ReplicatedCollection): string {
  return `${API_PREFIX}/${collection}/stream`;
}

export function blobPath(sha256: string): string {
  return `${API_PREFIX}/blobs/${sha256}`;
}

export function schemaPath(collection: ReplicatedCollection): string {
  return `${API_PREFIX}/schema/${collection}`;
}

/** A document of a given collection as it travels. */
export type WireDocumentOf<C extends ReplicatedCollection> = WireDocument<DocumentsByCollection[C]>;
