import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FIRST_YEAR, LAST_YEAR } from '../platform/dates.ts';
import { isAppError, statusOfKind } from '../platform/errors.ts';
import { TEXT_FORMATS } from './schemas.ts';
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
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  431: 'Request header fields too large',
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

/** Longest URL (path and query) accepted. */
export const MAX_URL_LENGTH = 8192;

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
          const format = (v.params as { format?: string }).format;
          if (v.keyword === 'format' && format !== undefined && Object.hasOwn(TEXT_FORMATS, format)) {
            return `${where} must be ${TEXT_FORMATS[format as keyof typeof TEXT_FORMATS].human}`;
          }
          if (v.keyword === 'pattern' && /-$/.test(String((v.params as { pattern?: string }).pattern))) {
            return `${where} must lie in the years ${FIRST_YEAR} to ${LAST_YEAR}`;
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
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        status: 414,
        code: 'REQUEST_PATH_PARAMETER_TOO_LONG',
        detail: 'A value in the URL path is longer than any identifier Interlink gives out.',
      };
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return {
        status: 400,
        code: 'REQUEST_BAD_URL',
        detail: 'The request URL is not valid: a percent-escape in the path is not UTF-8 text.',
      };
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
  // A URL longer than any route needs is refused before routing (longer request lines and headers, past
  // Node's 16 KiB header limit, never reach Fastify: see clientErrorProblem).
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.length > MAX_URL_LENGTH) {
      return reply
        .status(414)
        .type('application/problem+json')
        .send(
          problem(
            414,
            'REQUEST_URL_TOO_LONG',
            `The URL is longer than ${MAX_URL_LENGTH} characters: send long search terms in a POST body.`,
            request.id,
          ),
        );
    }
    return undefined;
  });
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

/** 503 with our code: the server cannot take the request now (see src/http/load.ts). */
export function unavailableProblem(requestId: string, code: string, detail: string): Problem {
  return problem(503, code, detail, requestId);
}

export function notFoundProblem(requestId: string, method: string, url: string): Problem {
  return problem(404, 'ROUTE_NOT_FOUND', `There is no ${method} ${url.split('?')[0] ?? url}.`, requestId);
}

/**
 * Errors Fastify meets before a route runs (a path that is not valid percent-encoded UTF-8, a failed route
 * constraint): the same problem+json as every other error (Fastify's `frameworkErrors` option).
 */
export function frameworkProblem(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const mapped = fromFastify(err) ?? {
    status: 400,
    code: 'REQUEST_BAD_URL',
    detail: 'The request is not valid.',
  };
  void reply
    .status(mapped.status)
    .type('application/problem+json')
    .send(problem(mapped.status, mapped.code, mapped.detail, request.id));
}

/**
 * Requests Node refuses while reading them (headers or request line over its 16 KiB limit, malformed HTTP,
 * a header with NUL): answered with problem+json instead of Node's plain text (Fastify's
 * `clientErrorHandler` option). No request exists yet, so the request id is made up here.
 */
export function clientErrorProblem(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) {
    return;
  }
  let body: Problem;
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    body = problem(
      431,
      'REQUEST_HEADERS_TOO_LARGE',
      'The URL and headers together are larger than this server accepts (16 KiB): shorten the URL or send fewer or smaller headers.',
      randomUUID(),
    );
  } else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    body = problem(
      408,
      'REQUEST_TIMEOUT',
      'The request was not received in time; send it again.',
      randomUUID(),
    );
  } else {
    body = problem(
      400,
      'REQUEST_MALFORMED_HTTP',
      'The request is not valid HTTP (for example a header holds a control character).',
      randomUUID(),
    );
  }
  if (socket.writable) {
    const text = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status] ?? 'Error'}\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
        `X-Request-Id: ${body.requestId}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(err);
}
