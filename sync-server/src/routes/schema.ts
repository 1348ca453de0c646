import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../../domain/protocol';
import { collectionParam, type ServerContext } from '../context';
import { publishedSchema } from '../validation';

/** GET /api/v1/schema/:collection: the JSON schema devices validate with, for integrators. Same for every tenant. */
export function registerSchema(app: FastifyInstance, _context: ServerContext): void {
  app.get<{ Params: { collection: string } }>(`${API_PREFIX}/schema/:collection`, async (request) =>
    publishedSchema(collectionParam(request.params.collection)),
  );
}
