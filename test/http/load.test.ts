import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_PROFILES, EspService } from '../../src/contexts/esp/index.ts';
import { createDemoHubs } from '../../src/contexts/hubs/index.ts';
import { startTestServer } from '../support/server.ts';

/**
 * Liveness under load: a burst of portal searches that the database cannot finish yet (here a source that
 * answers only when released) must not hold `/healthz` back, and what the server cannot take on is shed with
 * 503 problem+json and Retry-After instead of queueing.
 */
const MAX_IN_FLIGHT = 4;
const BURST = 24;
let server: Awaited<ReturnType<typeof startTestServer>>;
let token = '';
let release: () => void = () => undefined;
const held = new Promise<void>((resolve) => {
  release = resolve;
});

beforeAll(async () => {
  server = await startTestServer({
    env: { INTERLINK_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT) },
    adapt: (s) => {
      const esp = new EspService({
        audit: s.audit,
        logger: s.logger,
        profiles: DEFAULT_SEARCH_PROFILES,
        sourceTimeoutMs: 60_000,
      });
      // A slow system: every search waits until the test releases it.
      esp.register({
        system: 'ees',
        queryTypes: ['identity', 'document'],
        search: async () => {
          await held;
          return [];
        },
      });
      return { ...s, esp };
    },
  });
  const r = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'border.fi', password: 'interlink-demo' }),
  });
  token = ((await r.json()) as { token: string }).token;
});
afterAll(async () => {
  release();
  await server.close();
});

describe('load shedding', () => {
  it('answers /healthz during a burst of slow searches and sheds the excess with 503 + Retry-After', async () => {
    let finished = 0;
    const burst = Array.from({ length: BURST }, () =>
      fetch(`${server.url}/api/v1/search/merged`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-interlink-purpose': 'border-control',
        },
        body: JSON.stringify({ surname: 'DOE', birthDate: '1980-01-01' }),
      }).then(async (r) => {
        const body = (await r.json()) as { code?: string };
        finished += 1;
        return {
          status: r.status,
          retryAfter: r.headers.get('retry-after'),
          type: r.headers.get('content-type'),
          body,
        };
      }),
    );
    // Wait until the shed part of the burst has been answered: those never reach a handler.
    const shedCount = BURST - MAX_IN_FLIGHT;
    while (finished < shedCount) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    // The searches the server took on are still running: liveness did not wait for them.
    expect(finished).toBe(shedCount);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);

    release();
    const answers = await Promise.all(burst);
    const shed = answers.filter((a) => a.status === 503);
    const served = answers.filter((a) => a.status === 200);
    expect(shed).toHaveLength(shedCount);
    expect(served).toHaveLength(MAX_IN_FLIGHT);
    for (const a of shed) {
      expect(a.retryAfter).toMatch(/^\d+$/);
      expect(a.type).toContain('application/problem+json');
      expect(a.body.code).toBe('SERVER_BUSY');
    }
    // Once the burst is over, the server takes requests again.
    const after = await fetch(`${server.url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(200);
  }, 60_000);

  it('does not count open live feeds as requests in flight', async () => {
    await createDemoHubs(server.services);
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hub.be', password: 'interlink-demo' }),
    });
    const desk = ((await login.json()) as { token: string }).token;
    const feeds = Array.from({ length: MAX_IN_FLIGHT + 2 }, () => new AbortController());
    const opened = await Promise.all(
      feeds.map((c) =>
        fetch(`${server.url}/api/v1/hubs/be-antwerp-bruges/hits/live`, {
          headers: { authorization: `Bearer ${desk}`, 'x-interlink-purpose': 'hub-vehicle-check' },
          signal: c.signal,
        }),
      ),
    );
    expect(opened.map((r) => r.status)).toEqual(feeds.map(() => 200));
    const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${desk}` } });
    expect(me.status).toBe(200);
    for (const c of feeds) {
      c.abort();
    }
  });
});
