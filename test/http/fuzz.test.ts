import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHORITY_TYPES, DEFAULT_PROFILES, DEMO_USERS } from '../../src/contexts/access/index.ts';
import { createDemoHubs } from '../../src/contexts/hubs/index.ts';
import type { AuthorityType } from '../../src/contexts/access/index.ts';
import type { RouteInfo } from '../../src/app.ts';
import { sample } from '../support/route-samples.ts';
import { startTestServer } from '../support/server.ts';

/**
 * Every route of the app, fed the text and numbers that once broke it: lone UTF-16 surrogates and NUL in
 * bodies, object keys, query strings and paths (raw and as `%00`), 20-digit numbers, and dates in year 0,
 * year 9999 or that do not exist. Each answer must be a 4xx problem+json, and the audit chain must still
 * verify afterwards (a request that was hashed one way and stored another would break it).
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<AuthorityType, string>();

const BAD_TEXTS = ['x\ud800y', 'x\udc00y', 'x\u0000y'] as const;
const BAD_URL_TEXTS = ['a%00b', '%ED%A0%80', '%00'] as const;
const BIG_NUMBER = '12345678901234567890';
const BAD_DATES = ['0000-01-01', '9999-12-31', '2025-02-30'] as const;
const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;

interface Answer {
  status: number;
  type: string;
  body: Record<string, unknown>;
}

async function send(
  method: string,
  url: string,
  caller: { token?: string; purpose?: string },
  rawBody?: string,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (caller.token) {
    headers.authorization = `Bearer ${caller.token}`;
  }
  if (caller.purpose) {
    headers['x-interlink-purpose'] = caller.purpose;
  }
  if (rawBody !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(`${server.url}${url}`, { method, headers, body: rawBody });
  const text = await r.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text: text.slice(0, 200) };
  }
  return { status: r.status, type: r.headers.get('content-type') ?? '', body };
}

/** A role whose profile holds the route's permission, with a purpose it may name. */
function callerFor(route: RouteInfo): { token?: string; purpose?: string } {
  const acc = route.access;
  if (acc === 'public' || acc === undefined) {
    return {};
  }
  if (acc === 'authenticated') {
    return { token: tokens.get('administrator') };
  }
  const type = AUTHORITY_TYPES.find((t) => DEFAULT_PROFILES[t].permissions.includes(acc.permission));
  if (!type) {
    throw new Error(`no role may call ${route.method} ${route.url}`);
  }
  const profile = DEFAULT_PROFILES[type];
  return { token: tokens.get(type), purpose: acc.purpose === 'required' ? profile.purposes[0] : undefined };
}

/** Replaces every string leaf (and, with `keys`, adds a key) by what `f` makes of it. */
function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') {
    return f(value);
  }
  if (Array.isArray(value)) {
    return value.map((v) => mapStrings(v, f));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  }
  return value;
}

function hasNumber(value: unknown): boolean {
  if (typeof value === 'number') {
    return true;
  }
  if (value !== null && typeof value === 'object') {
    return Object.values(value).some(hasNumber);
  }
  return false;
}

function hasDate(value: unknown): boolean {
  if (typeof value === 'string') {
    return DATE_PREFIX.test(value);
  }
  if (value !== null && typeof value === 'object') {
    return Object.values(value).some(hasDate);
  }
  return false;
}

/** Every UTF-8 byte percent-encoded (a lone surrogate, which has no UTF-8 form, becomes U+FFFD). */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

/** The fuzzed variants of one route's sample request. */
function variants(route: RouteInfo): Array<{ what: string; url: string; body?: string }> {
  const s = sample(route);
  if (!s) {
    throw new Error(`no sample for ${route.method} ${route.url}`);
  }
  const out: Array<{ what: string; url: string; body?: string }> = [];
  const [path = '', query] = s.url.split('?');
  const body = s.body === undefined ? undefined : JSON.stringify(s.body);
  const withQuery = (q: string) => `${path}?${query ? `${query}&` : ''}${q}`;

  for (const bad of BAD_URL_TEXTS) {
    out.push({ what: `query x=${bad}`, url: withQuery(`x=${bad}`), body });
    if (query) {
      const replaced = query
        .split('&')
        .map((kv) => `${kv.split('=')[0]}=${bad}`)
        .join('&');
      out.push({ what: `query values ${bad}`, url: `${path}?${replaced}`, body });
    }
    // Every path parameter in turn (the sample's value sits where the route has `:param`).
    const routeParts = route.url.split('/');
    const urlParts = path.split('/');
    routeParts.forEach((part, i) => {
      if (part.startsWith(':')) {
        const parts = [...urlParts];
        parts[i] = bad;
        out.push({ what: `path ${part}=${bad}`, url: parts.join('/') + (query ? `?${query}` : ''), body });
      }
    });
  }
  if (query && /=\d+(&|$)/.test(query)) {
    out.push({
      what: 'query numbers',
      url: `${path}?${query.replace(/=\d+(?=&|$)/g, `=${BIG_NUMBER}`)}`,
      body,
    });
  }
  for (const d of BAD_DATES) {
    if (query && DATE_PREFIX.test(decodeURIComponent(query.split('=')[1] ?? ''))) {
      out.push({ what: `query date ${d}`, url: `${path}?${query.replace(/\d{4}-\d{2}-\d{2}/g, d)}`, body });
    }
  }
  if (s.body !== undefined) {
    for (const bad of BAD_TEXTS) {
      out.push({
        what: `body strings ${JSON.stringify(bad)}`,
        url: s.url,
        body: JSON.stringify(mapStrings(s.body, () => bad)),
      });
      if (typeof s.body === 'object' && s.body !== null) {
        out.push({
          what: `body key ${JSON.stringify(bad)}`,
          url: s.url,
          body: JSON.stringify({ ...s.body, [bad]: 'value' }),
        });
      }
      out.push({
        what: `body string inside ${JSON.stringify(bad)}`,
        url: s.url,
        body: JSON.stringify(mapStrings(s.body, (v) => `${v}${bad}`)),
      });
    }
    if (hasNumber(s.body)) {
      // JSON numbers beyond 2^53: written as text, since JSON.stringify cannot hold them.
      out.push({
        what: 'body numbers 20 digits',
        url: s.url,
        body: JSON.stringify(s.body).replace(/(?<=[:[,])-?\d+(\.\d+)?(?=[,\]}])/g, BIG_NUMBER),
      });
    }
    if (hasDate(s.body)) {
      for (const d of BAD_DATES) {
        out.push({
          what: `body dates ${d}`,
          url: s.url,
          body: JSON.stringify(mapStrings(s.body, (v) => v.replace(DATE_PREFIX, d))),
        });
      }
    }
  }
  return out;
}

/** Fields that no sample sends but that take numbers or dates; each must refuse the extreme values too. */
const EXTRA: Array<{ method: string; url: string; body?: unknown; rawBody?: string }> = [
  { method: 'GET', url: `/api/v1/audit/events?before=${BIG_NUMBER}` },
  { method: 'GET', url: `/api/v1/audit/events?before=9007199254740993` },
  { method: 'GET', url: '/api/v1/audit/events?from=0000-01-01T00:00:00Z' },
  { method: 'GET', url: '/api/v1/audit/events?to=9999-12-31T00:00:00Z' },
  { method: 'GET', url: '/api/v1/audit/events?from=2025-02-30T00:00:00Z' },
  { method: 'GET', url: '/api/v1/ees/files/eesf_missing?date=0000-01-01' },
  { method: 'GET', url: '/api/v1/ees/files/eesf_missing?date=9999-12-31' },
  { method: 'GET', url: '/api/v1/ees/files/eesf_missing?date=2025-02-30' },
  { method: 'GET', url: `/api/v1/reference/bcps/FI-HEL/local-date?at=0000-01-01T00:00:00Z` },
  { method: 'GET', url: `/api/v1/reference/bcps/FI-HEL/local-date?at=9999-12-31T23:59:59Z` },
  { method: 'GET', url: `/api/v1/sis/hits?limit=${BIG_NUMBER}` },
  // Sorted and paged lists: a sort field outside the closed list, a negative or huge offset.
  { method: 'GET', url: '/api/v1/sis/hits?sort=bogus&offset=-1' },
  { method: 'GET', url: `/api/v1/sis/review-queue?sort=reviewDue&order=down&offset=${BIG_NUMBER}` },
  { method: 'GET', url: '/api/v1/ees/overstayers?sort=id&offset=100001' },
  { method: 'GET', url: '/api/v1/hubs/hub-missing/hits?sort=receivedAt,id&offset=-5' },
  { method: 'GET', url: `/api/v1/audit/events?offset=${BIG_NUMBER}` },
  { method: 'GET', url: '/api/v1/audit/events?sort=x%00y&order=desc' },
  { method: 'GET', url: '/api/v1/audit/events?sort=time&order=%ED%A0%80' },
  { method: 'GET', url: `/api/v1/sis/alerts?offset=${BIG_NUMBER}` },
  { method: 'GET', url: '/api/v1/sis/alerts?sort=%00&order=asc' },
  { method: 'GET', url: `/api/v1/cir/flags?pending=true&offset=${BIG_NUMBER}` },
  { method: 'GET', url: '/api/v1/cir/flags?sort=bogus&limit=0' },
  {
    method: 'POST',
    url: '/api/v1/audit/exports',
    rawBody: `{"screen":"audit-log","system":"audit","filters":{},"columns":["time"],"rows":${BIG_NUMBER}}`,
  },
  {
    method: 'PUT',
    url: '/api/v1/sis/alerts/sis_missing',
    rawBody: `{"alert":{"category":"object-seizure","object":{"type":"number-plate","identifiers":[{"kind":"plate","value":"XY-1"}]},"reason":"Stolen plate","decisionRef":"PV-2"},"version":${BIG_NUMBER}}`,
  },
];

beforeAll(async () => {
  server = await startTestServer();
  for (const u of DEMO_USERS) {
    const r = await send(
      'POST',
      '/api/v1/auth/login',
      {},
      JSON.stringify({ username: u.username, password: 'interlink-demo' }),
    );
    expect(r.status).toBe(200);
    tokens.set(u.authority.type, r.body.token as string);
  }
});
afterAll(async () => {
  await server.close();
});

const fuzzedRoutes = () =>
  server.routes.filter(
    (r) =>
      (r.url.startsWith('/api/') || ['/healthz', '/readyz', '/metrics', '/openapi.json'].includes(r.url)) &&
      // Logging out would end a token the walk still needs; it is fuzzed with a token of its own below.
      r.url !== '/api/v1/auth/logout',
  );

function expectProblem(a: Answer, where: string): void {
  expect(a.status, `${where}: ${JSON.stringify(a.body)}`).toBeGreaterThanOrEqual(400);
  expect(a.status, `${where}: ${JSON.stringify(a.body)}`).toBeLessThan(500);
  expect(a.type, where).toContain('application/problem+json');
  expect(typeof a.body.code, where).toBe('string');
}

describe('fuzz of every route', () => {
  it('answers lone surrogates, NUL, %00, 20-digit numbers and impossible dates with 4xx problem+json', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const route of fuzzedRoutes()) {
      const caller = callerFor(route);
      for (const v of variants(route)) {
        const a = await send(route.method, v.url, caller, v.body);
        sent += 1;
        const where = `${route.method} ${route.url} [${v.what}] → ${a.status} ${String(a.body.code)}`;
        if (a.status < 400 || a.status >= 500 || !a.type.includes('application/problem+json')) {
          failures.push(where);
        }
      }
    }
    for (const x of EXTRA) {
      const route = server.routes.find(
        (r) =>
          r.method === x.method &&
          new RegExp(`^${r.url.replace(/:\w+/g, '[^/]+')}$`).test(x.url.split('?')[0] ?? ''),
      );
      expect(route, x.url).toBeDefined();
      const a = await send(
        x.method,
        x.url,
        callerFor(route!),
        x.rawBody ?? (x.body === undefined ? undefined : JSON.stringify(x.body)),
      );
      sent += 1;
      if (a.status < 400 || a.status >= 500 || !a.type.includes('application/problem+json')) {
        failures.push(`${x.method} ${x.url} → ${a.status} ${String(a.body.code)}`);
      }
    }
    expect(sent).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses bad text on logout before the token is ended', async () => {
    const login = await send(
      'POST',
      '/api/v1/auth/login',
      {},
      JSON.stringify({ username: 'analyst', password: 'interlink-demo' }),
    );
    const token = login.body.token as string;
    for (const bad of BAD_URL_TEXTS) {
      expectProblem(await send('POST', `/api/v1/auth/logout?x=${bad}`, { token }), `logout ?x=${bad}`);
    }
    expectProblem(
      await send('POST', '/api/v1/auth/logout', { token }, JSON.stringify({ ['x\ud800']: 1 })),
      'logout body',
    );
    expect((await send('GET', '/api/v1/auth/me', { token })).status).toBe(200);
  });

  it('names the problem in a way a person can act on', async () => {
    const a = await send(
      'POST',
      '/api/v1/auth/login',
      {},
      JSON.stringify({ username: 'x\ud800', password: 'p' }),
    );
    expect(a.status).toBe(400);
    expect(a.body.code).toBe('REQUEST_INVALID_TEXT');
    expect(a.body.detail).toMatch(/body\.username/);
    const b = await send('GET', '/api/v1/audit/events?user=a%00b', {
      token: tokens.get('data-protection'),
      purpose: 'data-protection-audit',
    });
    expect(b.status).toBe(400);
    expect(b.body.code).toBe('REQUEST_INVALID_TEXT');
    expect(b.body.detail).toMatch(/query/);
  });

  it('never answers 5xx to random strings in bodies and query strings (property-based)', async () => {
    const routes = fuzzedRoutes();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.string({ unit: 'binary', maxLength: 20 }),
        async (route, text) => {
          const s = sample(route)!;
          const caller = callerFor(route);
          const body = s.body === undefined ? undefined : JSON.stringify(mapStrings(s.body, () => text));
          const sep = s.url.includes('?') ? '&' : '?';
          const a = await send(route.method, `${s.url}${sep}q=${percentEncode(text)}`, caller, body);
          expect(a.status, `${route.method} ${route.url} ${JSON.stringify(text)}`).toBeLessThan(500);
          if (a.status >= 400) {
            expect(a.type).toContain('application/problem+json');
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('refuses bad text line by line in the NDJSON read stream of a hub', async () => {
    await createDemoHubs(server.services);
    const read = (text: string) =>
      JSON.stringify({
        at: new Date().toISOString(),
        gateId: 'kallo',
        cameraId: 'kallo-in-plate',
        direction: 'in',
        plate: { text, confidence: 0.9 },
      });
    const r = await fetch(`${server.url}/api/v1/hubs/be-antwerp-bruges/reads/stream`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.get('hub-operator')}`,
        'x-interlink-purpose': 'hub-vehicle-check',
        'content-type': 'application/x-ndjson',
      },
      body: `${read('AB\ud800C')}\n${read('AB\u0000C')}\n${read('1-ABC-123')}\n`,
    });
    expect(r.status).toBe(200);
    const events = (await r.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; line?: number; code?: string });
    const errors = events.filter((e) => e.type === 'error');
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [1, 'REQUEST_INVALID_TEXT'],
      [2, 'REQUEST_INVALID_TEXT'],
    ]);
  });

  it('leaves an audit chain that verifies', async () => {
    const report = await server.services.audit.verify();
    expect(report).toMatchObject({ ok: true });
    expect(report.checked).toBeGreaterThan(0);
  });
});
