/**
 * Device tokens and enrollment codes.
 *
 * A token is 32 random bytes (base64url), shown once at enrollment; the
 * server keeps only its SHA-256, so a stolen database does not hand out
 * working tokens (a fast hash is right for 256 random bits: nothing to guess).
 * Tokens expire when the device has not synced for `tokenTtlDays` (the expiry
 * slides on use) and can be revoked.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors';
import type { RateLimiter } from './rate-limit';
import type { Storage } from './storage';
import { findDeviceByTokenHash, touchDevice } from './storage/tenants';
import type { Principal } from './tenancy';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Letters and digits a person reads back without mistakes (no 0/O, 1/I/L, U). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
const CODE_LENGTH = 12;

/** An enrollment code such as `K7MQ-4QX2-HT9B`: 12 symbols of 30, about 59 bits. */
export function newEnrollmentCode(): string {
  const symbols = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)] ?? 'A');
  return [0, 4, 8].map((start) => symbols.slice(start, start + 4).join('')).join('-');
}

/** Codes are typed by people: case, spaces and dashes do not matter. */
export function normaliseEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function hashEnrollmentCode(code: string): string {
  return sha256Hex(`enroll:${normaliseEnrollmentCode(code)}`);
}

/** A, B, … Z, AA, AB…: the letters in the references a device creates. */
export function devicePrefix(index: number): string {
  let n = index + 1;
  let prefix = '';
  while (n > 0) {
    const digit = (n - 1) % 26;
    prefix = String.fromCharCode(65 + digit) + prefix;
    n = Math.floor((n - 1) / 26);
  }
  return prefix;
}

export interface AuthOptions {
  storage: Storage;
  failures: RateLimiter;
  tokenTtlDays: number;
  now?: () => Date;
}

/** Refreshing the expiry on every request would write on every request; once an hour is plenty. */
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header.trim());
  return match?.[1] ?? null;
}

/**
 * Finds the device behind the request's bearer token. An IP that keeps
 * failing is refused (429) before its token is even looked at, so guessing
 * costs time; a good token never uses up the allowance.
 */
export async function authenticate(request: FastifyRequest, options: AuthOptions): Promise<Principal> {
  const ip = request.ip;
  if (!options.failures.allows(ip)) {
    throw new ApiError(
      'rate_limited',
      'Too many failed authentications; try again later.',
      {},
      {
        'retry-after': String(options.failures.retryAfterSeconds(ip)),
      },
    );
  }
  const token = bearerToken(request);
  if (!token)
    throw fail(
      options,
      ip,
      new ApiError(
        request.headers.authorization ? 'invalid_token' : 'unauthorized',
        'A device token is required (Authorization: Bearer …).',
      ),
    );
  const device = await findDeviceByTokenHash(options.storage.db, sha256Hex(token));
  const now = (options.now ?? (() => new Date()))();
  if (!device) throw fail(options, ip, new ApiError('invalid_token', 'Unknown device token.'));
  if (device.revokedAt) throw fail(options, ip, new ApiError('token_revoked', 'This device was revoked; enroll it again.'));
  if (device.expiresAt <= now) throw fail(options, ip, new ApiError('token_expired', 'This device token expired; enroll it again.'));
  if (now.getTime() - device.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchDevice(options.storage.db, device.id, new Date(now.getTime() + options.tokenTtlDays * 86_400_000));
  }
  return { deviceId: device.id, tenantId: device.tenantId, tenantKind: device.tenantKind, role: device.role };
}

function fail(options: AuthOptions, ip: string, error: ApiError): ApiError {
  options.failures.take(ip);
  return error;
}
