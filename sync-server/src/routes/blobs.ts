import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_PREFIX, SHA256_PATTERN } from '../../../domain/protocol';
import { principalOf, type ServerContext } from '../context';
import { ApiError } from '../errors';
import type { SqlExecutor } from '../storage';
import { mayReadBlob, ownsBlob, putBlob, readBlob, tenantBlobBytes } from '../storage/blobs';

function shaParam(raw: string): string {
  if (!SHA256_PATTERN.test(raw)) throw new ApiError('invalid_request', 'A blob is named by the lower-case hex SHA-256 of its bytes.');
  return raw;
}

/**
 * Reads the body as it arrives, hashing it on the way, and stops at the limit:
 * an oversized upload is refused without being held whole (a declared
 * Content-Length over the limit is refused before reading anything).
 */
async function readLimited(request: FastifyRequest, limit: number): Promise<{ bytes: Buffer; sha256: string }> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  const body = request.body as Readable;
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) {
      body.destroy();
      throw tooLarge(limit);
    }
    hash.update(buffer);
    chunks.push(buffer);
  }
  return { bytes: Buffer.concat(chunks, size), sha256: hash.digest('hex') };
}

/** A tenant's attachments are capped: a device cannot fill the server's disk with blobs nobody references. */
async function checkQuota(tx: SqlExecutor, tenantId: string, sha256: string, size: number, quota: number): Promise<void> {
  if (await ownsBlob(tx, sha256, tenantId)) return;
  const used = await tenantBlobBytes(tx, tenantId);
  if (used + size > quota) {
    throw new ApiError(
      'payload_too_large',
      `This commune's attachments would exceed their ${quota} bytes on the server; ask the intercommunality to raise the quota.`,
    );
  }
}

function tooLarge(limit: number): ApiError {
  return new ApiError('payload_too_large', `A blob may be at most ${limit} bytes.`, {}, { connection: 'close' });
}

/**
 * PUT/GET /api/v1/blobs/:sha256. Content-addressed and owned per tenant: a
 * device reads a blob only if its tenant uploaded it, or (an
 * intercommunality) if a request shared with it lists it. Anyone else gets
 * 404, the same answer as for a blob that does not exist.
 */
export function registerBlobs(app: FastifyInstance, context: ServerContext): void {
  // Blobs are raw bytes of any type: hand the body over as a stream, unread.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.put<{ Params: { sha256: string } }>(`${API_PREFIX}/blobs/:sha256`, async (request, reply) => {
    const principal = principalOf(request);
    const expected = shaParam(request.params.sha256);
    if (!request.body) throw new ApiError('invalid_request', 'The blob’s bytes are the body.');
    const { bytes, sha256 } = await readLimited(request, context.limits.blobBody);
    if (sha256 !== expected) throw new ApiError('hash_mismatch', 'The bytes do not hash to the blob’s name.');
    await context.storage.db.transaction(async (tx) => {
      await checkQuota(tx, principal.tenantId, sha256, bytes.length, context.limits.blobBytesPerTenant);
      await putBlob(tx, sha256, bytes, principal.tenantId);
    });
    request.log.info({ size: bytes.length }, 'blob stored');
    return reply.code(201).send({ sha256, size: bytes.length });
  });

  app.get<{ Params: { sha256: string } }>(`${API_PREFIX}/blobs/:sha256`, async (request, reply) => {
    const principal = principalOf(request);
    const sha256 = shaParam(request.params.sha256);
    const allowed = await mayReadBlob(context.storage.db, sha256, principal.tenantId);
    const bytes = allowed ? await readBlob(context.storage.db, sha256) : null;
    if (!bytes) throw new ApiError('not_found', 'No such blob.');
    return reply
      .header('content-type', 'application/octet-stream')
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(bytes);
  });
}
