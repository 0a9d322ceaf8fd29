import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifySchemaCompiler,
} from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { Type } from 'typebox';
import client from 'prom-client';
import { accessRoutes, requireAccess } from './contexts/access/index.ts';
import { auditRoutes } from './contexts/audit/index.ts';
import { eesRoutes } from './contexts/ees/index.ts';
import {
  etiasManualRoutes,
  etiasQueryRoutes,
  etiasRoutes,
  screeningRoutes,
  watchlistRoutes,
} from './contexts/etias/index.ts';
import { midNoticeRoutes } from './contexts/mid/index.ts';
import { eurodacRoutes } from './contexts/eurodac/index.ts';
import { midRoutes } from './contexts/mid/index.ts';
import { cirQueryRoutes } from './contexts/cir/index.ts';
import { borderCheckRoutes } from './flows/border-check/index.ts';
import { referenceRoutes } from './contexts/reference/index.ts';
import { espRoutes } from './contexts/esp/index.ts';
import { sisRoutes } from './contexts/sis/index.ts';
import { hubsRoutes } from './contexts/hubs/index.ts';
import { homeRoutes } from './flows/home/index.ts';
import { networkRoutes } from './flows/network/index.ts';
import {
  clientErrorProblem,
  frameworkProblem,
  notFoundProblem,
  registerProblemHandlers,
} from './http/problem.ts';
import { ProblemSchema, TEXT_FORMATS } from './http/schemas.ts';
import { registerLoadShedding } from './http/load.ts';
import { registerRequestLog } from './http/request-log.ts';
import { registerTextGuard } from './http/text.ts';
import { registerFieldFilter } from './http/field-filter.ts';
import { describeAccess, type RouteAccess } from './http/types.ts';
import { pendingMigrations, sessionKeyOf } from './platform/database/index.ts';
import { AppError, unauthenticated } from './platform/errors.ts';
import { runInRequestContext } from './platform/request-context.ts';
import { MIGRATION_SETS, type Services } from './services.ts';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

export interface RouteInfo {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

/**
 * Validation: bodies are checked strictly (no type coercion, unknown fields refused); query strings and
 * headers arrive as text, so scalar coercion is allowed there.
 */
function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const make = (coerceTypes: boolean | 'array') => {
    const ajv = new Ajv({
      coerceTypes,
      removeAdditional: false,
      useDefaults: true,
      allErrors: false,
      strict: false,
    });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    for (const [name, f] of Object.entries(TEXT_FORMATS)) {
      ajv.addFormat(name, { type: 'string', validate: f.validate });
    }
    ajv.addSchema(ProblemSchema);
    return ajv;
  };
  const strict = make(false);
  const lenient = make('array');
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : lenient).compile(schema as object);
}

/** Constant-time comparison of the bearer token with the configured metrics token. */
function hasMetricsToken(expected: string | null, header: string | undefined): boolean {
  const given = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header)?.[1] : undefined;
  if (expected === null || given === undefined) {
    return false;
  }
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Builds the HTTP app over already-created services (separate from `listen`, so tests use `inject` or
 * an ephemeral port). Every route declares its access requirement; a route without one is refused at start.
 */
export async function buildApp(services: Services): Promise<{ app: FastifyInstance; routes: RouteInfo[] }> {
  const { config, logger, access } = services;
  const app = Fastify({
    loggerInstance: logger as unknown as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    // Behind a load balancer the client address comes from X-Forwarded-For (docs/operations.md).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : typeof config.trustProxy === 'object'
          ? [...config.trustProxy]
          : config.trustProxy,
    // One line per request instead of two, and none for the probes (src/http/request-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
    // Always the server's own id: a client-chosen one is kept apart as the client request id (below).
    genReqId: () => randomUUID(),
    ajv: { customOptions: { removeAdditional: false } },
    // Responses with alternatives (anyOf) are serialised after a schema check that must know our date formats.
    serializerOpts: {
      ajv: {
        formats: Object.fromEntries(Object.entries(TEXT_FORMATS).map(([name, f]) => [name, f.validate])),
      },
    },
    // Path parameters are ids of at most 100 characters; a longer one is a 414 problem (frameworkErrors).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: frameworkProblem,
    clientErrorHandler: clientErrorProblem,
  });
  app.setValidatorCompiler(validatorCompiler());
  app.addSchema(ProblemSchema);
  registerProblemHandlers(app, logger);
  registerTextGuard(app);
  registerRequestLog(app);
  await registerLoadShedding(app, {
    maxInFlight: config.maxInFlight,
    maxEventLoopDelayMs: config.maxEventLoopDelayMs,
    retryAfterSeconds: 5,
  });

  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const acc = route.config?.access;
    const internal = route.url.startsWith('/docs') || route.url === '/*' || route.url === '/';
    if (acc === undefined && !internal) {
      throw new Error(`route ${methods.join(',')} ${route.url} declares no access requirement`);
    }
    for (const m of methods) {
      if (m !== 'HEAD') {
        routes.push({ method: m, url: route.url, access: internal && acc === undefined ? 'public' : acc });
      }
    }
    // Every public API route is limited per client unless it opts out (`rateLimit: false`, for constant data);
    // the login has its own, larger budget.
    if (acc === 'public' && route.url.startsWith('/api/') && route.config?.rateLimit === undefined) {
      const { loginPerClient, publicPerClient, windowSeconds } = config.rateLimit;
      route.config = {
        ...route.config,
        rateLimit: {
          max: route.url === '/api/v1/auth/login' ? loginPerClient : publicPerClient,
          timeWindow: windowSeconds * 1000,
        },
      };
      const response = (route.schema as { response?: Record<number, unknown> } | undefined)?.response;
      if (response && response[429] === undefined) {
        response[429] = Type.Ref('Problem');
      }
    }
    if (acc !== undefined && route.schema) {
      const schema = route.schema as Record<string, unknown>;
      schema['x-permission'] = describeAccess(acc);
      if (typeof acc === 'object' && acc.purpose === 'required') {
        schema['x-purpose-required'] = true;
      }
      if (acc !== 'public') {
        schema.security = [{ bearerAuth: [] }];
      }
    }
  });

  // Counters in the database, so that every API node counts against the same limits.
  await app.register(fastifyRateLimit, {
    global: false,
    store: access.rateLimitStore(),
    errorResponseBuilder: (_request, ctx) =>
      new AppError(
        'RateLimited',
        'RATE_LIMITED',
        `Too many requests from this client: try again in ${ctx.after}.`,
        { retryAfterSeconds: Math.max(1, Math.ceil(ctx.ttl / 1000)) },
      ),
  });

  app.decorateRequest('actor', null);
  // The request's ids reach the audit log through the request context (docs/decisions.md); the client's
  // `X-Request-Id` is echoed back as `X-Client-Request-Id` and logged only as `clientRequestId`.
  app.addHook('onRequest', (request, reply, done) => {
    const given = request.headers['x-request-id'];
    const clientRequestId = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : null;
    if (clientRequestId !== null) {
      void reply.header('x-client-request-id', clientRequestId);
    }
    // The session key keeps a caller's reads on the primary right after its writes (docs/operations.md).
    const sessionKey = sessionKeyOf(request.headers.authorization, request.ip);
    runInRequestContext({ requestId: request.id, clientRequestId, sessionKey }, done);
  });
  registerFieldFilter(app, services.esp);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Authentication runs before the body is read or validated, so an anonymous caller learns nothing about
  // a protected route's schema (and a large body from an anonymous caller is not even parsed).
  app.addHook('onRequest', async (request) => {
    const acc = request.routeOptions.config.access;
    if (acc === undefined || acc === 'public') {
      return;
    }
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([\w.-]+)$/.exec(header) : null;
    if (!match?.[1]) {
      throw unauthenticated(
        'ACCESS_TOKEN_MISSING',
        'Log in first and send the token as "Authorization: Bearer <token>".',
      );
    }
    request.actor = await access.authenticate(match[1]);
    // The declared permission is checked here as well as in the use case, so a route can never be
    // reachable by a profile its declaration excludes.
    if (typeof acc === 'object') {
      requireAccess({ actor: request.actor, permission: acc.permission });
    }
  });

  // Metrics: one registry per app, so several apps in one process (tests) do not collide.
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  services.audit.registerMetrics(registry);
  services.database.registerMetrics(registry);
  services.changes.registerMetrics(registry);
  const httpDuration = new client.Histogram({
    name: 'interlink_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Interlink API',
        version: '0.1.0',
        description:
          'EU border and security information systems and their interoperability layer. Every route names the permission it needs (`x-permission`); routes touching personal data also need a purpose in the `X-Interlink-Purpose` header. Errors are RFC 9457 problem+json with a stable `code`.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () =>
    Promise.resolve(app.swagger()),
  );
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Liveness',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    () => Promise.resolve({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary:
          'Readiness: database reachable, migrations applied and the read models caught up with the change feed',
        response: {
          200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }),
          503: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) => {
      try {
        const pending = await pendingMigrations(services.database.db, MIGRATION_SETS);
        if (pending.length > 0) {
          return reply
            .status(503)
            .type('application/problem+json')
            .send({
              type: 'https://interlink.example/problems/not-ready',
              title: 'Service unavailable',
              status: 503,
              code: 'NOT_READY_MIGRATIONS_PENDING',
              detail: `Migrations not applied: ${pending.join(', ')}`,
              requestId: request.id,
            });
        }
        if (!(await services.changes.caughtUp())) {
          const lag = services.changes.lag;
          return reply
            .status(503)
            .type('application/problem+json')
            .send({
              type: 'https://interlink.example/problems/not-ready',
              title: 'Service unavailable',
              status: 503,
              code: 'NOT_READY_READ_MODELS_BEHIND',
              detail: `The read models have not caught up with the change feed (${lag.changes} changes, ${lag.seconds.toFixed(1)} s behind).`,
              requestId: request.id,
            });
        }
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed');
        return reply.status(503).type('application/problem+json').send({
          type: 'https://interlink.example/problems/not-ready',
          title: 'Service unavailable',
          status: 503,
          code: 'NOT_READY_DATABASE_UNREACHABLE',
          detail: 'The database cannot be reached.',
          requestId: request.id,
        });
      }
      return { status: 'ready' as const, database: services.database.kind };
    },
  );
  // Metrics name routes, load and timings: only a scraper holding INTERLINK_METRICS_TOKEN reads them (the
  // route is outside user sessions, so it is declared public and checks its own static token).
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (!hasMetricsToken(config.metricsToken, request.headers.authorization)) {
      throw unauthenticated(
        'METRICS_TOKEN_REQUIRED',
        config.metricsToken === null
          ? 'Metrics are off: set INTERLINK_METRICS_TOKEN and send it as "Authorization: Bearer <token>".'
          : 'Send the metrics token (INTERLINK_METRICS_TOKEN) as "Authorization: Bearer <token>".',
      );
    }
    void reply.type(registry.contentType);
    return registry.metrics();
  });

  await app.register(accessRoutes({ access }));
  await app.register(auditRoutes({ audit: services.audit }));
  await app.register(referenceRoutes());
  await app.register(espRoutes({ esp: services.esp }));
  await app.register(eesRoutes({ ees: services.ees }));
  await app.register(borderCheckRoutes({ borderCheck: services.borderCheck }));
  await app.register(sisRoutes({ sis: services.sis }));
  await app.register(hubsRoutes({ hubs: services.hubs }));
  await app.register(etiasRoutes({ etias: services.etias }));
  await app.register(etiasManualRoutes({ manual: services.etiasManual }));
  await app.register(screeningRoutes({ rules: services.etiasRules }));
  await app.register(watchlistRoutes({ watchlist: services.etiasWatchlist }));
  await app.register(
    etiasQueryRoutes({ queries: services.etiasQueries, consent: services.etiasRetentionConsent }),
  );
  await app.register(eurodacRoutes({ eurodac: services.eurodac }));
  await app.register(midNoticeRoutes({ mid: services.mid }));
  await app.register(midRoutes({ mid: services.mid }));
  await app.register(cirQueryRoutes({ cirQueries: services.cirQueries }));
  await app.register(homeRoutes({ home: services.home }));
  await app.register(networkRoutes({ network: services.network }));

  const hasWeb = existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: true });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const wantsPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html');
    if (hasWeb && wantsPage) {
      // The web app routes on the client: unknown pages get the app, which shows its own "not found".
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .status(404)
      .type('application/problem+json')
      .send(notFoundProblem(request.id, request.method, request.url));
  });

  await app.ready();
  return { app, routes };
}
