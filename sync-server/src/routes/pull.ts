import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  API_PREFIX,
  parseCheckpoint,
  PULL_DEFAULT_LIMIT,
  PULL_MAX_LIMIT,
  type Checkpoint,
  type PullResponse,
} from '../../../domain/protocol';
import type { JsonObject } from '../canonical';
import { checkSchemaVersion, collectionParam, principalOf, type ServerContext } from '../context';
import { ApiError } from '../errors';
import { toWire } from '../push';
import { readChanges } from '../storage/documents';

const gzipAsync = promisify(gzip);
/** Below this, compressing costs more than it saves. */
const COMPRESS_FROM_BYTES = 1_024;

interface PullQuery {
  checkpoint?: string;
  limit?: string;
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return PULL_DEFAULT_LIMIT;
  if (!/^\d{1,5}$/.test(raw)) throw new ApiError('invalid_request', 'limit must be a positive integer.');
  const limit = Number(raw);
  if (limit < 1 || limit > PULL_MAX_LIMIT) throw new ApiError('invalid_request', `limit must be between 1 and ${PULL_MAX_LIMIT}.`);
  return limit;
}

/**
 * GET /api/v1/:collection/pull: the tenant's documents after the checkpoint,
 * in commit order. With nothing new the checkpoint comes back unchanged.
 */
export function registerPull(app: FastifyInstance, context: ServerContext): void {
  app.get<{ Params: { collection: string }; Querystring: PullQuery }>(`${API_PREFIX}/:collection/pull`, async (request, reply) => {
    const principal = principalOf(request);
    const collection = collectionParam(request.params.collection);
    checkSchemaVersion(request, collection, 'read');
    const checkpoint = parseCheckpoint(request.query.checkpoint);
    if (checkpoint === 'invalid') throw new ApiError('invalid_request', 'checkpoint must be the JSON of {"seq": n}.');
    const limit = parseLimit(request.query.limit);
    const rows = await readChanges(context.storage.db, collection, principal.tenantId, checkpoint?.seq ?? 0, limit);
    const last = rows.at(-1);
    const next: Checkpoint | null = last ? { seq: last.seq } : checkpoint;
    const body: PullResponse<JsonObject> = { documents: rows.map(toWire), checkpoint: next };
    return sendJson(request, reply, body);
  });
}

/** Pulls are most of the bytes a device receives: gzip them when the client accepts it. */
export async function sendJson(request: FastifyRequest, reply: FastifyReply, body: unknown): Promise<FastifyReply> {
  const json = JSON.stringify(body);
  reply.header('content-type', 'application/json; charset=utf-8').header('vary', 'accept-encoding');
  const accepts = String(request.headers['accept-encoding'] ?? '');
  if (json.length < COMPRESS_FROM_BYTES || !/\bgzip\b/.test(accepts)) return reply.send(json);
  const compressed = await gzipAsync(json, { level: 6 });
  return reply.header('content-encoding', 'gzip').send(compressed);
}
