import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createDemoUsers, DEMO_PASSWORD, SYSTEM_ACTOR } from '../../src/contexts/access/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { createServices, type Services } from '../../src/services.ts';
import { createTestDatabase, describeEachDatabase, testConfig, type TestDatabase } from '../support/db.ts';

/** Tight limits, so that a few calls reach them; the default ones are generous (see the README). */
const TIGHT = {
  INTERLINK_RATE_LIMIT_WINDOW_SECONDS: '10',
  INTERLINK_RATE_LIMIT_LOGIN: '20',
  INTERLINK_RATE_LIMIT_PUBLIC: '3',
  INTERLINK_LOGIN_LOCK_AFTER_FAILURES: '5',
  INTERLINK_LOGIN_LOCK_SECONDS: '600',
  INTERLINK_LOGIN_LOCK_MAX_SECONDS: '3600',
  INTERLINK_LOGIN_AUDIT_WINDOW_SECONDS: '900',
};
const WINDOW_MS = 10_000;

interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

describeEachDatabase('Rate limits and login lockout', (tier) => {
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  let testDb: TestDatabase;
  let services: Services;
  let other: Services;
  let app: FastifyInstance;
  let otherApp: FastifyInstance;
  let url: string;
  let otherUrl: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(tier);
    const config = testConfig(testDb, TIGHT);
    services = await createServices(config, { clock });
    await createDemoUsers(services.access);
    // A second API node on the same database: its own pool on PostgreSQL; on the embedded database, which one
    // process owns, the same database handle.
    other = await createServices(
      config,
      tier === 'pglite' ? { clock, database: services.database } : { clock },
    );
    app = (await buildApp(services)).app;
    otherApp = (await buildApp(other)).app;
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    otherUrl = await otherApp.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await otherApp.close();
    if (tier === 'pglite') {
      other.hubs.stop();
    } else {
      await other.close();
    }
    await services.close();
    await testDb.drop();
  });

  async function call(base: string, method: string, path: string, body?: unknown): Promise<Reply> {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown>, headers: r.headers };
  }
  const login = (username: string, password: string) =>
    call(url, 'POST', '/api/v1/auth/login', { username, password });
  /** Moves past the current rate-limit window, so that the next calls are not refused per client. */
  const nextWindow = () => clock.advance(WINDOW_MS + 1);

  async function loginEvents(username: string) {
    const { events } = await services.audit.list({
      actor: {
        ...SYSTEM_ACTOR,
        profile: {
          ...SYSTEM_ACTOR.profile,
          permissions: ['audit:read'],
          purposes: ['data-protection-audit'],
        },
      },
      purpose: 'data-protection-audit',
      filter: { operation: 'auth.login', username, limit: 100 },
    });
    return events;
  }

  describe('per client', () => {
    it('answers the login with 429 problem+json and Retry-After once a client has used its budget', async () => {
      nextWindow();
      for (let i = 0; i < 20; i++) {
        expect((await login('border.fi', DEMO_PASSWORD)).status).toBe(200);
      }
      const refused = await login('border.fi', DEMO_PASSWORD);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(10);
      nextWindow();
      expect((await login('border.fi', DEMO_PASSWORD)).status).toBe(200);
    });

    it('limits the public traveller web service per client', async () => {
      nextWindow();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await call(url, 'POST', '/api/v1/ees/traveller-service', { documentNumber: 'X' })).status,
        );
      }
      expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
      expect(statuses[3]).toBe(429);
    });

    it('shares one counter between two API nodes on the same database', async () => {
      nextWindow();
      const ask = (base: string) =>
        call(base, 'POST', '/api/v1/ees/traveller-service', { documentNumber: 'X' });
      expect((await ask(url)).status).toBe(400);
      expect((await ask(otherUrl)).status).toBe(400);
      expect((await ask(url)).status).toBe(400);
      const fourth = await ask(otherUrl);
      expect(fourth.status).toBe(429);
      expect(fourth.body).toMatchObject({ code: 'RATE_LIMITED' });
    });
  });

  describe('per account', () => {
    it('locks an account after 5 failures, refuses the right password while locked, and lets it in after', async () => {
      nextWindow();
      for (let i = 0; i < 4; i++) {
        expect((await login('visa.fr', 'wrong password!')).body).toMatchObject({
          code: 'ACCESS_INVALID_CREDENTIALS',
        });
      }
      const fifth = await login('visa.fr', 'wrong password!');
      expect(fifth.status).toBe(429);
      expect(fifth.body).toMatchObject({ code: 'ACCESS_LOGIN_LOCKED' });
      const right = await login('visa.fr', DEMO_PASSWORD);
      expect(right.status).toBe(429);
      expect(right.headers.get('content-type')).toContain('application/problem+json');
      expect(right.body).toMatchObject({ code: 'ACCESS_LOGIN_LOCKED' });
      expect(String(right.body.detail)).toContain('2026-');
      expect(Number(right.headers.get('retry-after'))).toBe(600);
      clock.advance(600_001);
      expect((await login('visa.fr', DEMO_PASSWORD)).status).toBe(200);
    });

    it('doubles the lock when failures go on after it', async () => {
      nextWindow();
      for (let i = 0; i < 5; i++) {
        await login('police.nl', 'wrong password!');
      }
      clock.advance(600_001);
      for (let i = 0; i < 4; i++) {
        expect((await login('police.nl', 'wrong password!')).status).toBe(401);
      }
      const locked = await login('police.nl', 'wrong password!');
      expect(locked.body).toMatchObject({ code: 'ACCESS_LOGIN_LOCKED' });
      expect(Number(locked.headers.get('retry-after'))).toBe(1200);
    });

    it('answers an unknown user name exactly as a known one, so a lock does not tell that the account exists', async () => {
      nextWindow();
      const known: Reply[] = [];
      const unknown: Reply[] = [];
      for (let i = 0; i < 6; i++) {
        known.push(await login('immigration.de', 'wrong password!'));
        unknown.push(await login('nobody.here', 'wrong password!'));
      }
      const shape = (r: Reply) => [r.status, r.body.code, r.headers.get('retry-after')];
      expect(unknown.map(shape)).toEqual(known.map(shape));
      expect(known[5]!.body.code).toBe('ACCESS_LOGIN_LOCKED');
      expect(String(unknown[5]!.body.detail).replace('nobody.here', '')).toBe(
        String(known[5]!.body.detail).replace('immigration.de', ''),
      );
    });

    it('writes 50 failed logins as a few audit records that carry the count, and the chain still verifies', async () => {
      nextWindow();
      const statuses: number[] = [];
      for (let i = 0; i < 50; i++) {
        if (i % 15 === 14) {
          nextWindow();
        }
        statuses.push((await login('sirene.it', `wrong password ${i}`)).status);
      }
      expect(statuses.filter((s) => s === 401)).toHaveLength(4);
      expect(statuses.filter((s) => s === 429)).toHaveLength(46);
      // The lock ends; the next success writes what is still counted before its own record.
      clock.advance(600_001);
      expect((await login('sirene.it', DEMO_PASSWORD)).status).toBe(200);
      const denied = (await loginEvents('sirene.it')).filter((e) => e.outcome === 'denied');
      expect(denied.length).toBeLessThanOrEqual(4);
      const counted = denied.map((e) =>
        Number(/^(\d+) failed login attempts?/.exec(e.resultSummary ?? '')?.[1]),
      );
      expect(counted.every((n) => Number.isInteger(n) && n > 0)).toBe(true);
      expect(counted.reduce((a, b) => a + b, 0)).toBe(50);
      expect((await services.audit.verify()).ok).toBe(true);
    });

    it('writes the count of a closed window at the retention run when nobody tries again', async () => {
      nextWindow();
      for (let i = 0; i < 3; i++) {
        await login('carrier.lh', 'wrong password!');
      }
      expect((await loginEvents('carrier.lh')).filter((e) => e.outcome === 'denied')).toHaveLength(1);
      clock.advance(901_000);
      await services.retention.run(SYSTEM_ACTOR);
      const denied = (await loginEvents('carrier.lh')).filter((e) => e.outcome === 'denied');
      expect(denied.map((e) => e.resultSummary?.split(' ')[0])).toEqual(['2', '1']);
    });
  });
});
