import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AdminError, parseAdminCommand, runAdmin } from '../admin';
import { sha256Hex } from '../auth';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';

export const ADMIN_PATH = '/admin/v1/command';

function isLoopback(address: string): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function sameSecret(given: string, expected: string): boolean {
  // Compare hashes: equal lengths for timingSafeEqual, and no early exit on the secret itself.
  return timingSafeEqual(Buffer.from(sha256Hex(given), 'hex'), Buffer.from(sha256Hex(expected), 'hex'));
}

/**
 * POST /admin/v1/command: how the CLI administers a PGlite server that holds
 * the data directory (PGlite has one connection, in the server's process).
 * Only from this machine (the socket's own address, not a forwarded one) and
 * only with the admin secret the server wrote, readable by its owner only,
 * into the data directory.
 */
export function registerAdmin(app: FastifyInstance, context: ServerContext, adminToken: string): void {
  app.post(ADMIN_PATH, async (request) => {
    if (!isLoopback(request.socket.remoteAddress ?? '')) throw new ApiError('forbidden', 'Administration is local only.');
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Bearer ') || !sameSecret(header.slice(7), adminToken))
      throw new ApiError('unauthorized', 'Admin secret required.');
    try {
      const command = parseAdminCommand(request.body);
      const result = await runAdmin(context.storage, command);
      // Revoked here: its streams close now rather than at the next device check.
      if (command.command === 'devices-revoke') context.streams.endDevice(command.deviceId);
      return { result };
    } catch (error) {
      if (error instanceof AdminError) throw new ApiError('invalid_request', error.message);
      throw error;
    }
  });
}
