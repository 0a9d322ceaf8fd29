import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server.ts';

/** The HTTP edge: what is checked before a handler runs, and how refusals look. */

let server: Awaited<ReturnType<typeof startTestServer>>;
const METRICS_TOKEN = 'a-metrics-token-of-at-least-32-characters';
const tokens = new Map<string, string>();

async function call(
  method: string,
  url: string,
  options: { user?: string; purpose?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.user) {
    headers.authorization = `Bearer ${tokens.get(options.user)}`;
  }
  if (options.purpose) {
    headers['x-interlink-purpose'] = options.purpose;
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(`${server.url}${url}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await r.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: r.status, type: r.headers.get('content-type') ?? '', body };
}

/** Sends raw bytes and reads the whole answer (for requests fetch would refuse to send). */
function raw(request: string): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(request));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

const problemOf = (answer: string) =>
  JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { code: string };

beforeAll(async () => {
  server = await startTestServer({ env: { INTERLINK_METRICS_TOKEN: METRICS_TOKEN } });
  for (const username of ['police.nl', 'sirene.it']) {
    const r = await call('POST', '/api/v1/auth/login', { body: { username, password: 'interlink-demo' } });
    tokens.set(username, r.body.token as string);
  }
});
afterAll(async () => {
  await server.close();
});

const vehicleAlert = {
  category: 'object-seizure',
  object: { type: 'motor-vehicle', identifiers: [{ kind: 'plate', value: 'ED-123-GE', country: 'NLD' }] },
  reason: 'Stolen vehicle',
  decisionRef: 'PV-EDGE-1',
};

describe('the HTTP edge', () => {
  it('authenticates before reading the body: an anonymous caller gets 401, never validation details', async () => {
    const r = await call('POST', '/api/v1/sis/alerts', { body: { wrong: 'shape', category: 42 } });
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('ACCESS_TOKEN_MISSING');
    expect(JSON.stringify(r.body)).not.toMatch(/category|additional|must be/);
  });

  it('enters and changes SIS alerts only under the alert-management purpose', async () => {
    const asCheck = await call('POST', '/api/v1/sis/alerts', {
      user: 'police.nl',
      purpose: 'police-identity-check',
      body: vehicleAlert,
    });
    expect(asCheck.status).toBe(403);
    expect(asCheck.body.code).toBe('ACCESS_PURPOSE_NOT_FOR_OPERATION');
    expect(asCheck.body.detail).toContain('alert-management');
    const created = await call('POST', '/api/v1/sis/alerts', {
      user: 'police.nl',
      purpose: 'alert-management',
      body: vehicleAlert,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const removal = await call('DELETE', `/api/v1/sis/alerts/${id}`, {
      user: 'police.nl',
      purpose: 'law-enforcement',
      body: { reason: 'vehicle found' },
    });
    expect(removal.status).toBe(403);
    expect(removal.body.code).toBe('ACCESS_PURPOSE_NOT_FOR_OPERATION');
  });

  it("refuses another state's extension of an alert with 403", async () => {
    const created = await call('POST', '/api/v1/sis/alerts', {
      user: 'police.nl',
      purpose: 'alert-management',
      body: { ...vehicleAlert, decisionRef: 'PV-EDGE-2' },
    });
    const id = created.body.id as string;
    const r = await call('POST', `/api/v1/sis/alerts/${id}/extend`, {
      user: 'sirene.it',
      purpose: 'alert-management',
      body: { assessment: 'Investigation ongoing; the alert is still needed.' },
    });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('SIS_NOT_ISSUING_STATE');
  });

  it('serves /metrics only to the holder of the metrics token', async () => {
    const none = await call('GET', '/metrics');
    expect(none.status).toBe(401);
    expect(none.type).toContain('application/problem+json');
    expect(none.body.code).toBe('METRICS_TOKEN_REQUIRED');
    const user = await call('GET', '/metrics', { user: 'police.nl' });
    expect(user.status).toBe(401);
    const scraper = await call('GET', '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraper.status).toBe(200);
    expect(scraper.body.text).toContain('interlink_http_request_duration_seconds');
  });

  it('answers an oversized URL with 414 and oversized headers with 431, both problem+json', async () => {
    const longUrl = await call('GET', `/api/v1/reference/countries?q=${'a'.repeat(9000)}`);
    expect(longUrl.status).toBe(414);
    expect(longUrl.type).toContain('application/problem+json');
    expect(longUrl.body.code).toBe('REQUEST_URL_TOO_LONG');

    const huge = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toMatch(/content-type: application\/problem\+json/i);
    expect(problemOf(huge).code).toBe('REQUEST_HEADERS_TOO_LARGE');

    // Longer than any id: refused before the route runs (414, or 404 where another route could match).
    const longParam = await call('GET', `/api/v1/sis/alerts/${'x'.repeat(300)}`);
    expect([404, 414]).toContain(longParam.status);
    expect(longParam.type).toContain('application/problem+json');
  });

  it('answers malformed HTTP and a NUL in a header with 400 problem+json', async () => {
    const nul = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Interlink-Purpose: a\u0000b\r\n\r\n`);
    expect(nul).toMatch(/^HTTP\/1\.1 400 /);
    expect(problemOf(nul).code).toBe('REQUEST_MALFORMED_HTTP');
    const badPath = await call('GET', '/api/v1/sis/alerts/%ED%A0%80');
    expect(badPath.status).toBe(400);
    expect(badPath.type).toContain('application/problem+json');
  });
});
