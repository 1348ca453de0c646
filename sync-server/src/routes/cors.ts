import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SCHEMA_VERSION_HEADER } from '../../../domain/protocol';

/**
 * The app talks to the server from another origin (app:// in Electron, the
 * tablet's browser page), so the API answers CORS. Any origin is fine: the
 * API authenticates with a bearer token in a header, never with cookies, so
 * a foreign page gains nothing it could not do with the token it lacks.
 */
export function corsHeaders(request: FastifyRequest): Record<string, string> {
  const origin = request.headers.origin;
  return origin ? { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'retry-after' } : {};
}

export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const headers = corsHeaders(request);
    for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
  });
  app.options('/*', async (_request, reply) =>
    reply
      .code(204)
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-methods', 'GET, POST, PUT')
      .header('access-control-allow-headers', `authorization, content-type, ${SCHEMA_VERSION_HEADER}`)
      .header('access-control-max-age', '600')
      .send(),
  );
}
