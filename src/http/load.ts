import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { unavailableProblem } from './problem.ts';

/**
 * Load shedding: liveness answers in milliseconds whatever the load, because work the process cannot take
 * on is refused at the door with 503 + Retry-After instead of queueing behind the database.
 *
 * - At most `maxInFlight` API requests are in progress at once; the next one is refused before it is
 *   authenticated (so it never reaches the database queue).
 * - When the event loop lags more than `maxEventLoopDelayMs` on average (`@fastify/under-pressure`), every
 *   request but the operations probes is refused until it recovers.
 *
 * `/healthz`, `/readyz` and `/metrics` are exempt from both: they must answer exactly when the API is busy.
 */
export interface LoadLimits {
  readonly maxInFlight: number;
  /** 0 turns the event-loop check off. */
  readonly maxEventLoopDelayMs: number;
  readonly retryAfterSeconds: number;
}

const EXEMPT = new Set(['/healthz', '/readyz', '/metrics']);
/** How often the event-loop delay is read (under-pressure's default, made explicit). */
const SAMPLE_INTERVAL_MS = 1000;
/**
 * Long-lived streams (a hub desk's live feed, a gate's read stream) stay open for hours: they are not counted
 * in flight, or a few open desks would close the API to everyone. Their work is bounded by their own limits.
 */
const LONG_LIVED = /\/(hits\/live|reads\/stream)$/;

/** The request is an API call (not a probe, not a static file of the web app). */
const counts = (request: FastifyRequest) => request.url.startsWith('/api/');

export async function registerLoadShedding(app: FastifyInstance, limits: LoadLimits): Promise<void> {
  const shed = (request: FastifyRequest, reply: FastifyReply, why: string) =>
    reply
      .status(503)
      .header('retry-after', String(limits.retryAfterSeconds))
      .type('application/problem+json')
      .send(
        unavailableProblem(request.id, 'SERVER_BUSY', `${why} Try again in ${limits.retryAfterSeconds} s.`),
      );

  // The delay is read once per sample interval, over the interval just ended. The readings taken while the app
  // starts cover the start-up itself (plugins loading, schemas compiling, the read models and the demo world
  // built on the same thread), not load: for two intervals after the app is ready, delay sheds nothing.
  let warmUntil = Number.POSITIVE_INFINITY;
  app.addHook('onReady', (done) => {
    warmUntil = Date.now() + 2 * SAMPLE_INTERVAL_MS;
    done();
  });
  await app.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    sampleInterval: SAMPLE_INTERVAL_MS,
    retryAfter: limits.retryAfterSeconds,
    // under-pressure sends what the handler returns; `undefined` lets the request through.
    pressureHandler: (request, reply) => {
      if (EXEMPT.has(request.routeOptions.url ?? '') || Date.now() < warmUntil) {
        return undefined;
      }
      void reply
        .status(503)
        .header('retry-after', String(limits.retryAfterSeconds))
        .type('application/problem+json');
      const body = unavailableProblem(
        request.id,
        'SERVER_BUSY',
        `The server is overloaded. Try again in ${limits.retryAfterSeconds} s.`,
      );
      return body as unknown as undefined;
    },
  });

  let inFlight = 0;
  app.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url ?? '';
    if (!counts(request) || EXEMPT.has(route) || LONG_LIVED.test(route)) {
      done();
      return;
    }
    if (inFlight >= limits.maxInFlight) {
      void shed(request, reply, `The server is handling ${inFlight} requests, its limit.`);
      return;
    }
    inFlight += 1;
    // 'close' comes once per response, also when the client goes away before the answer.
    reply.raw.once('close', () => {
      inFlight -= 1;
    });
    done();
  });
}
