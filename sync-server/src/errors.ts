import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '../../domain/protocol';

/** An error the client is meant to see, with its code (domain/protocol.ts). */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ErrorBody['error'], 'code' | 'message'> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = ERROR_STATUS[code];
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Fastify's own errors (body too large, bad JSON, schema of a route) in our shape. */
function fromFastifyError(error: FastifyError): ApiError {
  const status = error.statusCode ?? 500;
  if (status === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new ApiError('payload_too_large', 'The body is larger than this server accepts.');
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) {
    return new ApiError('invalid_json', 'The body is not valid JSON.');
  }
  if (error.validation) return new ApiError('invalid_request', `Invalid request: ${error.message}`);
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new ApiError('invalid_request', 'Unsupported content type.');
  if (status >= 400 && status < 500) return new ApiError('invalid_request', 'Invalid request.');
  return new ApiError('internal', 'Internal error.');
}

/**
 * One error shape for everything. Logs say which error, never the request's
 * content: a JSON parse error's message quotes the body, a database error's
 * detail quotes the values, both may hold a resident's data.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply) => {
    const apiError = error instanceof ApiError ? error : fromFastifyError(error);
    if (apiError.status >= 500) {
      request.log.error({ errName: error.name, errCode: error.code, stack: stackWithoutMessage(error) }, 'request failed');
    } else {
      request.log.info({ errorCode: apiError.code }, 'request refused');
    }
    void reply.code(apiError.status).headers(apiError.headers).send(apiError.body());
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send(errorBody('not_found', 'No such endpoint.'));
  });
}

function stackWithoutMessage(error: Error): string {
  return (error.stack ?? '').split('\n').slice(1, 6).join('\n');
}
