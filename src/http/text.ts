import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, invalid } from '../platform/errors.ts';

/**
 * One canonical form for text entering the system: well-formed Unicode without NUL. PostgreSQL cannot
 * store NUL in text, and a lone UTF-16 surrogate (which JSON.parse makes of `"\ud800"`) has no UTF-8 form, so
 * either would be stored differently from what was hashed into the audit chain, or not stored at all.
 * Such text is refused at the door with 400 REQUEST_INVALID_TEXT, before authentication, any handler or any
 * audit write sees it.
 */

export const INVALID_TEXT = 'REQUEST_INVALID_TEXT';

/** Headers whose values Interlink reads (Node refuses NUL in headers already; this keeps the rule whole). */
const READ_HEADERS = ['authorization', 'x-interlink-purpose', 'idempotency-key', 'x-request-id'] as const;

/** With the `u` flag a paired surrogate is one code point, so only an unpaired half matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** What is wrong with one string, or null when it is acceptable. */
function flaw(text: string): string | null {
  if (text.includes('\u0000')) {
    return 'contains a NUL character (U+0000)';
  }
  if (LONE_SURROGATE.test(text)) {
    return 'contains a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape)';
  }
  return null;
}

function refuse(where: string, what: string): AppError {
  return invalid(
    INVALID_TEXT,
    `${where} ${what}, which Interlink does not accept in any text. Remove it or send well-formed Unicode text.`,
    { where },
  );
}

/** The first bad string in a parsed JSON value (keys and values, at any depth), named by its path. */
export function findBadText(value: unknown, where = 'body'): AppError | null {
  if (typeof value === 'string') {
    const f = flaw(value);
    return f ? refuse(where, f) : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadText(value[i], `${where}[${i}]`);
      if (bad) {
        return bad;
      }
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const f = flaw(k);
      if (f) {
        return refuse(`${where} has a field name that`, f);
      }
      const bad = findBadText(v, `${where}.${k}`);
      if (bad) {
        return bad;
      }
    }
  }
  return null;
}

/** Path and query as sent: percent-escapes must decode to UTF-8 text without NUL or surrogates. */
function checkUrl(rawUrl: string): AppError | null {
  const q = rawUrl.indexOf('?');
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const query = q === -1 ? '' : rawUrl.slice(q + 1);
  const parts: Array<[string, string]> = [['the path', path]];
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    parts.push([`the query`, name.replaceAll('+', ' ')]);
    if (eq !== -1) {
      parts.push([`the query parameter "${name.slice(0, 40)}"`, pair.slice(eq + 1).replaceAll('+', ' ')]);
    }
  }
  for (const [where, raw] of parts) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return refuse(where, 'has a percent-escape that is not UTF-8 text');
    }
    const f = flaw(decoded);
    if (f) {
      return refuse(where, f);
    }
  }
  return null;
}

function checkHeaders(request: FastifyRequest): AppError | null {
  for (const name of READ_HEADERS) {
    const value = request.headers[name];
    const f = typeof value === 'string' ? flaw(value) : null;
    if (f) {
      return refuse(`the ${name} header`, f);
    }
  }
  return null;
}

/**
 * Installs the guard: URL and headers first of all hooks; JSON bodies in the JSON parser itself, so a body is
 * refused before validation and before any handler. Register before any other hook.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const bad = checkUrl(request.url) ?? checkHeaders(request);
    done(bad ?? undefined);
  });
  // Fastify's own JSON parser (prototype-poisoning protection as by default), then the text check.
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    void parseJson(request, body as string, (err, value) => {
      if (err) {
        done(err, undefined);
        return;
      }
      const bad = findBadText(value);
      if (bad) {
        done(bad, undefined);
        return;
      }
      done(null, value);
    });
  });
}
