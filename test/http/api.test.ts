import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHORITY_TYPES,
  DEFAULT_PROFILES,
  DEMO_USERS,
  PURPOSE_CODES,
} from '../../src/contexts/access/index.ts';
import { sample } from '../support/route-samples.ts';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const ACCESS_REFUSALS = [
  'ACCESS_PERMISSION_DENIED',
  'ACCESS_PURPOSE_DENIED',
  'ACCESS_PURPOSE_REQUIRED',
  'ACCESS_PURPOSE_UNKNOWN',
  'ACCESS_TOKEN_MISSING',
  'ACCESS_TOKEN_INVALID',
];
const tokens = new Map<string, string>();
const METRICS_TOKEN = 'metrics-token-for-the-http-tests-0123456789';

async function call(
  method: string,
  url: string,
  options: {
    token?: string;
    purpose?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  if (options.purpose) {
    headers['x-interlink-purpose'] = options.purpose;
  }
  let body: string | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers['content-type'] ??= 'application/json';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(`${server.url}${url}`, { method, headers, body });
  const text = await r.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: r.status, body: parsed, headers: r.headers };
}

beforeAll(async () => {
  server = await startTestServer({ env: { INTERLINK_METRICS_TOKEN: METRICS_TOKEN } });
  for (const u of DEMO_USERS) {
    const r = await call('POST', '/api/v1/auth/login', {
      body: { username: u.username, password: 'interlink-demo' },
    });
    expect(r.status).toBe(200);
    tokens.set(u.authority.type, r.body.token as string);
  }
});
afterAll(async () => {
  await server.close();
});

const apiRoutes = () =>
  server.routes.filter(
    (r) => r.url.startsWith('/api/') || ['/healthz', '/readyz', '/metrics', '/openapi.json'].includes(r.url),
  );

describe('HTTP API', () => {
  describe('route declarations', () => {
    it('every route declares its access requirement and appears in the OpenAPI document with it', async () => {
      const doc = (await call('GET', '/openapi.json')).body as {
        paths: Record<string, Record<string, { 'x-permission'?: string; responses?: object }>>;
      };
      for (const r of apiRoutes()) {
        expect(r.access, `${r.method} ${r.url}`).toBeDefined();
        if (r.url.startsWith('/api/')) {
          const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
          expect(op, `${r.method} ${r.url} in OpenAPI`).toBeDefined();
          expect(op?.['x-permission']).toBe(typeof r.access === 'string' ? r.access : r.access?.permission);
          expect(Object.keys(op?.responses ?? {})).toContain('400');
          const needsPurpose = typeof r.access === 'object' && r.access.purpose === 'required';
          expect((op as Record<string, unknown>)['x-purpose-required'] ?? false).toBe(needsPurpose);
        }
      }
    });

    it('has a sample request for every route (so the matrix below covers them all)', () => {
      for (const r of apiRoutes()) {
        expect(sample(r), `${r.method} ${r.url}`).not.toBeNull();
      }
    });
  });

  describe('authorisation matrix: every route × every role × every purpose', () => {
    it('refuses every non-public route without a token', async () => {
      for (const r of apiRoutes().filter((x) => x.access !== 'public')) {
        const s = sample(r)!;
        const res = await call(r.method, s.url, { body: s.body });
        expect(res.status, `${r.method} ${r.url}`).toBe(401);
        expect(res.body.code).toBe('ACCESS_TOKEN_MISSING');
      }
    });

    it('lets a role through exactly when its profile holds the permission and the purpose', async () => {
      // Refusals change nothing, so they are asked many at a time; calls that pass the access layer may write,
      // so they run one after another in route order.
      const refusals: Array<() => Promise<void>> = [];
      const passes: Array<() => Promise<void>> = [];
      for (const r of apiRoutes()) {
        if (typeof r.access !== 'object') {
          continue;
        }
        const permission = r.access.permission;
        for (const type of AUTHORITY_TYPES) {
          const profile = DEFAULT_PROFILES[type];
          for (const purpose of PURPOSE_CODES) {
            const s = sample(r)!;
            const ask = () => call(r.method, s.url, { token: tokens.get(type), purpose, body: s.body });
            const where = `${r.method} ${r.url} as ${type} for ${purpose}`;
            if (!profile.permissions.includes(permission)) {
              refusals.push(async () => {
                const res = await ask();
                expect(res.status, where).toBe(403);
                expect(res.body.code, where).toBe('ACCESS_PERMISSION_DENIED');
              });
            } else if (r.access.purpose === 'required' && !profile.purposes.includes(purpose)) {
              refusals.push(async () => {
                const res = await ask();
                expect(res.status, where).toBe(403);
                expect(res.body.code, where).toBe('ACCESS_PURPOSE_DENIED');
              });
            } else {
              passes.push(async () => {
                const res = await ask();
                // Past the access layer: the use case may still refuse on its own terms, never as an access error.
                expect(res.status, where).not.toBe(401);
                expect(res.status, where).toBeLessThan(500);
                expect(ACCESS_REFUSALS, where).not.toContain(res.body.code);
              });
            }
          }
        }
      }
      for (let i = 0; i < refusals.length; i += 8) {
        await Promise.all(refusals.slice(i, i + 8).map((f) => f()));
      }
      for (const pass of passes) {
        await pass();
      }
      expect(refusals.length + passes.length).toBeGreaterThan(0);
    }, 300_000);

    it('asks for a purpose on routes that touch personal data', async () => {
      const res = await call('GET', '/api/v1/audit/events', { token: tokens.get('data-protection') });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('ACCESS_PURPOSE_REQUIRED');
    });
  });

  describe('bad input', () => {
    it('answers malformed JSON, wrong types, unknown fields and oversized bodies with 4xx problem+json', async () => {
      const cases: Array<
        [string, { rawBody?: string; body?: unknown; headers?: Record<string, string> }, number, string]
      > = [
        ['malformed', { rawBody: '{"username":' }, 400, 'REQUEST_MALFORMED_JSON'],
        ['wrong type', { body: { username: 42, password: 'x' } }, 400, 'REQUEST_INVALID'],
        ['unknown field', { body: { username: 'a', password: 'b', role: 'admin' } }, 400, 'REQUEST_INVALID'],
        ['missing field', { body: { username: 'a' } }, 400, 'REQUEST_INVALID'],
        [
          'too large',
          { rawBody: JSON.stringify({ username: 'a'.repeat(2_000_000), password: 'b' }) },
          413,
          'REQUEST_TOO_LARGE',
        ],
        [
          'not JSON',
          { rawBody: '<login/>', headers: { 'content-type': 'application/xml' } },
          415,
          'REQUEST_UNSUPPORTED_MEDIA_TYPE',
        ],
        [
          'text',
          { rawBody: 'username=a', headers: { 'content-type': 'text/plain' } },
          400,
          'REQUEST_INVALID',
        ],
      ];
      for (const [name, opts, status, code] of cases) {
        const res = await call('POST', '/api/v1/auth/login', opts);
        expect(res.status, name).toBe(status);
        expect(res.body.code, name).toBe(code);
        expect(res.headers.get('content-type'), name).toContain('application/problem+json');
        expect(res.body.requestId, name).toBe(res.headers.get('x-request-id'));
      }
    });

    it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
      const res = await call('GET', '/api/v1/nothing-here');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ROUTE_NOT_FOUND');
    });

    it('never answers 500 to arbitrary bodies, query strings or headers (property-based)', async () => {
      // Logging out would end the shared tokens the other tests use; it has its own test.
      const routes = apiRoutes().filter((r) => r.url !== '/api/v1/auth/logout');
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.oneof(fc.jsonValue(), fc.string(), fc.object()),
          fc.dictionary(fc.constantFrom('limit', 'before', 'from', 'to', 'user', 'x'), fc.string()),
          fc.constantFrom(undefined, 'data-protection', 'administrator', 'border'),
          fc.constantFrom(undefined, ...PURPOSE_CODES, 'bogus'),
          async (route, body, query, role, purpose) => {
            const qs = new URLSearchParams(query).toString();
            const res = await call(route.method, `${route.url}${qs ? `?${qs}` : ''}`, {
              token: role ? tokens.get(role) : undefined,
              purpose,
              rawBody:
                route.method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
            });
            expect(res.status, `${route.method} ${route.url}`).toBeLessThan(500);
          },
        ),
        { numRuns: 150 },
      );
    }, 300_000);
  });

  describe('operations endpoints', () => {
    it('reports health, readiness with the database kind, and Prometheus metrics', async () => {
      expect((await call('GET', '/healthz')).body).toEqual({ status: 'ok' });
      expect((await call('GET', '/readyz')).body).toEqual({ status: 'ready', database: 'pglite' });
      const m = await fetch(`${server.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      const text = await m.text();
      expect(text).toContain('interlink_http_request_duration_seconds_bucket');
      expect(text).toContain('process_cpu_user_seconds_total');
    });

    it('always makes up its own request id and echoes a sane client one apart', async () => {
      const a = await call('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
      expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(a.headers.get('x-client-request-id')).toBe('abc-123');
      const b = await call('GET', '/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(b.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(b.headers.get('x-client-request-id')).toBeNull();
    });

    it('serves the interactive API page at /docs', async () => {
      const r = await fetch(`${server.url}/docs`, { redirect: 'follow' });
      expect(r.status).toBe(200);
      expect(await r.text()).toMatch(/swagger/i);
    });
  });

  describe('reference data', () => {
    it('gives the local calendar date at a border crossing point', async () => {
      const r = await call('GET', '/api/v1/reference/bcps/FI-HEL/local-date?at=2026-03-28T23:30:00Z', {
        token: tokens.get('border'),
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ bcp: 'FI-HEL', timeZone: 'Europe/Helsinki', localDate: '2026-03-29' });
    });

    it('lists ICAO special codes and filters crossing points by state and kind', async () => {
      const c = await call('GET', '/api/v1/reference/countries?kind=special-nationality', {
        token: tokens.get('police'),
      });
      const codes = (c.body.countries as Array<{ code: string }>).map((x) => x.code);
      expect(codes).toEqual(expect.arrayContaining(['XXA', 'XXB', 'XXC', 'XXX']));
      const b = await call('GET', '/api/v1/reference/bcps?memberState=fi&kind=land', {
        token: tokens.get('border'),
      });
      const bcps = b.body.borderCrossingPoints as Array<{ memberStateAlpha2: string; kind: string }>;
      expect(bcps.length).toBeGreaterThan(0);
      expect(bcps.every((x) => x.memberStateAlpha2 === 'FI' && x.kind === 'land')).toBe(true);
    });

    it('answers an unknown crossing point with 404 and a bad instant with 400', async () => {
      const a = await call('GET', '/api/v1/reference/bcps/XX-NOWHERE', { token: tokens.get('border') });
      expect(a.status).toBe(404);
      expect(a.body.code).toBe('REFERENCE_UNKNOWN_BCP');
      const b = await call('GET', '/api/v1/reference/bcps/FI-HEL/local-date?at=yesterday', {
        token: tokens.get('border'),
      });
      expect(b.status).toBe(400);
      expect(b.body.code).toBe('REQUEST_INVALID');
    });
  });

  describe('logout', () => {
    it('refuses the token after logging out, and logs the logout', async () => {
      const login = await call('POST', '/api/v1/auth/login', {
        body: { username: 'analyst', password: 'interlink-demo' },
      });
      const token = login.body.token as string;
      expect((await call('GET', '/api/v1/auth/me', { token })).status).toBe(200);
      const out = await call('POST', '/api/v1/auth/logout', { token });
      expect(out.status).toBe(204);
      const after = await call('GET', '/api/v1/auth/me', { token });
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('ACCESS_TOKEN_INVALID');
      const events = await call('GET', '/api/v1/audit/events?operation=auth.logout&user=analyst', {
        token: tokens.get('data-protection'),
        purpose: 'data-protection-audit',
      });
      expect((events.body.events as unknown[]).length).toBe(1);
    });
  });

  describe('idempotent writes over HTTP', () => {
    it('replays the first response for a repeated Idempotency-Key', async () => {
      const authorities = await call('GET', '/api/v1/access/authorities', {
        token: tokens.get('administrator'),
      });
      const authorityId = (authorities.body.authorities as Array<{ id: string }>)[0]!.id;
      const body = { username: 'idem.user', displayName: 'Idem', password: 'a long password', authorityId };
      const opts = {
        token: tokens.get('administrator'),
        purpose: 'system-administration',
        body,
        headers: { 'idempotency-key': 'same-key' },
      };
      const first = await call('POST', '/api/v1/access/users', opts);
      const second = await call('POST', '/api/v1/access/users', opts);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(second.body).toEqual(first.body);
      const bad = await call('POST', '/api/v1/access/users', {
        ...opts,
        headers: { 'idempotency-key': 'bad key with spaces' },
      });
      expect(bad.body.code).toBe('REQUEST_IDEMPOTENCY_KEY_INVALID');
    });
  });
});
