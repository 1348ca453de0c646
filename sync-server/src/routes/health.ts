import type { FastifyInstance } from 'fastify';
import type { HealthResponse } from '../../../domain/protocol';
import type { ServerContext } from '../context';

export function registerHealth(app: FastifyInstance, context: ServerContext): void {
  app.get('/health', async (): Promise<HealthResponse> => ({ status: 'ok', version: context.version, storage: context.storage.kind }));
}
