import type { FastifyRequest } from 'fastify';
import {
  isReplicatedCollection,
  parseSchemaVersion,
  schemaVersionVerdict,
  SCHEMA_VERSION_HEADER,
  SCHEMA_VERSION_QUERY,
} from '../../domain/protocol';
import type { ReplicatedCollection } from '../../domain/model';
import { ApiError } from './errors';
import type { StreamHub } from './hub';
import type { OpenStreams } from './open-streams';
import type { RateLimiter } from './rate-limit';
import type { Storage } from './storage';
import type { Principal } from './tenancy';
import { currentVersion, isAcceptedVersion } from './validation';

/** What every route needs, built once by buildServer. */
export interface ServerContext {
  storage: Storage;
  hub: StreamHub;
  version: string;
  limits: Limits;
  enrollLimiter: RateLimiter;
  authFailureLimiter: RateLimiter;
  now: () => Date;
  /** open streams by device: capped per device, closed when it is revoked, ended first at shutdown */
  streams: OpenStreams;
}

export interface Limits {
  /** bytes of a JSON body (push, enroll) */
  jsonBody: number;
  /** bytes of a blob */
  blobBody: number;
  /** bytes of blobs one tenant may own on the server */
  blobBytesPerTenant: number;
  /** documents in one push */
  pushDocuments: number;
  /** days a token lives without use */
  tokenTtlDays: number;
  /** days an enrollment code lives, by default */
  enrollCodeTtlDays: number;
  /** ms between stream keep-alive comments (proxies close silent connections) */
  heartbeatMs: number;
  /** bytes queued for a slow stream before it is told to resync instead */
  streamBuffer: number;
  /** live streams one device may hold at once (one is the app's; a few more cover reconnects) */
  streamsPerDevice: number;
  /** ms between checks that the devices holding streams are neither revoked nor expired */
  deviceCheckMs: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError('unauthorized', 'A device token is required.');
  return request.principal;
}

export function collectionParam(name: string): ReplicatedCollection {
  if (!isReplicatedCollection(name)) throw new ApiError('unknown_collection', 'No such collection.');
  return name;
}

function clientVersionRaw(request: FastifyRequest, collection: ReplicatedCollection): string | undefined {
  const header = request.headers[SCHEMA_VERSION_HEADER];
  const query = (request.query as Record<string, unknown> | undefined)?.[SCHEMA_VERSION_QUERY];
  const raw = typeof header === 'string' ? header : typeof query === 'string' ? query : undefined;
  if (raw === undefined || !raw.includes('=')) return raw;
  // "requests=1,events=1": the multi-collection stream's form
  for (const part of raw.split(',')) {
    const [name, value] = part.split('=');
    if (name?.trim() === collection) return value?.trim();
  }
  return undefined;
}

/**
 * The 426 rule (domain/protocol.ts) for one collection. Reading needs the
 * current schema (the device could not store what it would pull); writing
 * also accepts a kept earlier version, so that a device that has not updated
 * yet still delivers its offline work. Returns the version to validate with.
 */
export function checkSchemaVersion(request: FastifyRequest, collection: ReplicatedCollection, mode: 'read' | 'write'): number {
  const current = currentVersion(collection);
  const parsed = parseSchemaVersion(clientVersionRaw(request, collection));
  if (parsed === 'invalid') throw new ApiError('invalid_request', `Invalid ${SCHEMA_VERSION_HEADER} header.`);
  const minAccepted = mode === 'write' && parsed !== undefined && isAcceptedVersion(collection, parsed) ? parsed : current;
  const verdict = schemaVersionVerdict(parsed, minAccepted, current);
  if (verdict === 'upgrade_required')
    throw new ApiError('upgrade_required', 'This version of Guichet is too old for the server: update it.');
  if (verdict === 'schema_too_new') throw new ApiError('schema_too_new', 'This server is older than the app: the server must be updated.');
  return parsed ?? current;
}
