import type { FastifyError, FastifyInstance } from 'fastify';
import { isAppError, statusOfKind } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';

/** RFC 9457 problem details, with our stable `code` and the request id. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  requestId: string;
  details?: Record<string, unknown>;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

function problem(
  status: number,
  code: string,
  detail: string,
  requestId: string,
  details?: Record<string, unknown>,
): Problem {
  return {
    type: `https://interlink.example/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    requestId,
    ...(details ? { details } : {}),
  };
}

/** Fastify's own client errors, mapped to our codes and to messages a person can act on. */
function fromFastify(
  err: FastifyError,
): { status: number; code: string; detail: string; details?: Record<string, unknown> } | null {
  if (err.validation) {
    return {
      status: 400,
      code: 'REQUEST_INVALID',
      detail: `The request is not valid: ${err.validation
        .slice(0, 5)
        .map((v) => {
          const where = `${err.validationContext ?? 'body'}${v.instancePath}`;
          if (v.keyword === 'additionalProperties') {
            return `${where} has an unknown field "${String((v.params as { additionalProperty?: string }).additionalProperty)}"`;
          }
          return `${where} ${v.message ?? 'is invalid'}`;
        })
        .join('; ')}.`,
      details: {
        errors: err.validation.map((v) => ({ path: v.instancePath, keyword: v.keyword, message: v.message })),
      },
    };
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'REQUEST_MALFORMED_JSON', detail: 'The request body is not valid JSON.' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        code: 'REQUEST_TOO_LARGE',
        detail: 'The request body is larger than this server accepts.',
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        code: 'REQUEST_UNSUPPORTED_MEDIA_TYPE',
        detail: 'Send the body as application/json.',
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        code: 'REQUEST_BAD_CONTENT_LENGTH',
        detail: 'The Content-Length header does not match the body.',
      };
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return { status: 400, code: 'REQUEST_BAD_URL', detail: 'The request URL is not valid.' };
    default:
      break;
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: err.statusCode, code: 'REQUEST_REJECTED', detail: err.message };
  }
  return null;
}

/**
 * The one error handler: domain errors keep their code and message; Fastify's client errors get ours;
 * anything else is a 500 with a generic message, logged with the request id, never leaking internals.
 */
export function registerProblemHandlers(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let body: Problem;
    if (isAppError(err)) {
      body = problem(statusOfKind[err.kind], err.code, err.message, request.id, err.details);
    } else {
      const mapped = fromFastify(err);
      if (mapped) {
        body = problem(mapped.status, mapped.code, mapped.detail, request.id, mapped.details);
      } else {
        logger.error({ err, requestId: request.id }, 'unhandled error');
        body = problem(
          500,
          'INTERNAL_ERROR',
          'Something went wrong on our side. Quote the request id when reporting it.',
          request.id,
        );
      }
    }
    const retryAfter = isAppError(err) ? err.details?.retryAfterSeconds : undefined;
    if (body.status === 429 && typeof retryAfter === 'number' && !reply.hasHeader('retry-after')) {
      void reply.header('retry-after', String(retryAfter));
    }
    if (body.status === 401) {
      void reply.header('www-authenticate', 'Bearer');
    }
    return reply.status(body.status).type('application/problem+json').send(body);
  });
}

export function notFoundProblem(requestId: string, method: string, url: string): Problem {
  return problem(404, 'ROUTE_NOT_FOUND', `There is no ${method} ${url.split('?')[0] ?? url}.`, requestId);
}
