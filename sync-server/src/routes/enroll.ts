import type { FastifyInstance } from 'fastify';
import { newId } from '../../../domain/ids';
import { API_PREFIX, type EnrollRequest, type EnrollResponse } from '../../../domain/protocol';
import { devicePrefix, hashEnrollmentCode, newToken, sha256Hex } from '../auth';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { claimEnrollmentCode, findTenant, findUsableCode, insertDevice, takeDeviceIndex, usableCodeRole } from '../storage/tenants';

const bodySchema = {
  type: 'object',
  required: ['code', 'deviceName'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 64 },
    deviceName: { type: 'string', minLength: 1, maxLength: 100 },
  },
} as const;

/**
 * POST /api/v1/enroll: a one-time code becomes a device and its token. Every
 * attempt, good or bad, uses the IP's allowance, checked before the body is
 * read: codes cannot be guessed at speed.
 */
export function registerEnroll(app: FastifyInstance, context: ServerContext): void {
  app.post<{ Body: EnrollRequest }>(
    `${API_PREFIX}/enroll`,
    {
      schema: { body: bodySchema },
      onRequest: async (request) => {
        if (!context.enrollLimiter.take(request.ip)) {
          throw new ApiError(
            'rate_limited',
            'Too many enrollment attempts; try again later.',
            {},
            {
              'retry-after': String(context.enrollLimiter.retryAfterSeconds(request.ip)),
            },
          );
        }
      },
    },
    async (request, reply) => {
      const result = await enroll(context, request.body);
      request.log.info({ deviceId: result.deviceId, tenantId: result.commune.id }, 'device enrolled');
      return reply.code(201).send(result);
    },
  );
}

async function enroll(context: ServerContext, body: EnrollRequest): Promise<EnrollResponse> {
  const codeHash = hashEnrollmentCode(body.code);
  const expiresAt = new Date(context.now().getTime() + context.limits.tokenTtlDays * 86_400_000);
  return context.storage.db.transaction(async (tx) => {
    const tenantId = await findUsableCode(tx, codeHash);
    const tenant = tenantId ? await findTenant(tx, tenantId) : null;
    if (!tenant) throw new ApiError('invalid_code', 'This enrollment code is unknown, used or expired.');
    const role = await usableCodeRole(tx, codeHash);
    const deviceId = newId();
    const token = newToken();
    const prefix = devicePrefix(await takeDeviceIndex(tx, tenant.id));
    await insertDevice(tx, {
      id: deviceId,
      tenantId: tenant.id,
      name: body.deviceName.trim() || 'Poste',
      prefix,
      tokenHash: sha256Hex(token),
      expiresAt,
      role,
    });
    // Two enrollments racing on one code: only one UPDATE matches; the other rolls back its device.
    if (!(await claimEnrollmentCode(tx, codeHash, deviceId)))
      throw new ApiError('invalid_code', 'This enrollment code is unknown, used or expired.');
    // A commune's devices need their EPCI's id to forward requests to it (the tenancy shares on transfer.toId).
    const epci = tenant.kind === 'commune' && tenant.epciId ? await findTenant(tx, tenant.epciId) : null;
    return {
      deviceId,
      token,
      commune: { id: tenant.id, name: tenant.name },
      kind: tenant.kind,
      devicePrefix: prefix,
      tokenExpiresAt: expiresAt.toISOString(),
      // additive: only codes issued with --role carry it, so older clients see the answer they know
      ...(role ? { role } : {}),
      epci: epci ? { id: epci.id, name: epci.name } : null,
    };
  });
}
