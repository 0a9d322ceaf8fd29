import type { FastifyInstance } from 'fastify';

/** Probes polled every few seconds by an orchestrator: logged at debug, so they do not fill the console. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * One log line per request, when it is answered (Fastify's own two lines per request are turned off with
 * `disableRequestLogging`): `GET /api/v1/… 200 12 ms`, with the fields for a collector. The query string is
 * left out of the line; it can carry search terms.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?')[0] ?? request.url;
    const ms = Math.round(reply.elapsedTime);
    const fields = { method: request.method, url: path, statusCode: reply.statusCode, responseTime: ms };
    const line = `${request.method} ${path} ${reply.statusCode} ${ms} ms`;
    if (PROBES.has(path)) {
      request.log.debug(fields, line);
    } else if (reply.statusCode >= 500) {
      request.log.error(fields, line);
    } else {
      request.log.info(fields, line);
    }
    done();
  });
}
