/**
 * Every JSON body (push, enroll, admin) is checked against domain/json-limits
 * before any route reads it: a NUL, a lone surrogate or a deep nesting is a
 * 400 naming where it is, an oversized object, array or string a 413, instead
 * of a database error or a stack overflow (a 500) further down.
 */
import type { FastifyInstance } from 'fastify';
import { jsonProblem } from '../../domain/json-limits';
import { ApiError } from './errors';

function isParsedJson(body: unknown): body is object {
  if (typeof body !== 'object' || body === null) return false;
  const prototype: unknown = Object.getPrototypeOf(body);
  return Array.isArray(body) || prototype === Object.prototype || prototype === null;
}

export function installJsonBounds(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (!isParsedJson(request.body)) return;
    const problem = jsonProblem(request.body);
    if (!problem) return;
    const code = problem.kind === 'too_large' ? 'payload_too_large' : 'invalid_document';
    throw new ApiError(code, `${problem.path || '(body)'}: ${problem.message}`, { field: problem.path });
  });
}
