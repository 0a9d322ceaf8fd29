import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;

async function tokenOf(username: string): Promise<string> {
  const r = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'interlink-demo' }),
  });
  return ((await r.json()) as { token: string }).token;
}

async function countersOf(username: string): Promise<Array<Record<string, unknown>>> {
  const r = await fetch(`${server.url}/api/v1/home/counters`, {
    headers: { authorization: `Bearer ${await tokenOf(username)}` },
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as { counters: Array<Record<string, unknown>> }).counters;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('GET /api/v1/home/counters', () => {
  it('asks for a login first', async () => {
    const r = await fetch(`${server.url}/api/v1/home/counters`);
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(((await r.json()) as { code: string }).code).toBe('ACCESS_TOKEN_MISSING');
  });

  it("answers each role with its own counters, each with a severity and its list's hash route, and no purpose asked", async () => {
    expect(await countersOf('sirene.it')).toEqual([
      { id: 'sis.hits.open', value: 0, severity: 'info', href: '#/sis/hits?open=true' },
      { id: 'sis.hits.overdue', value: 0, severity: 'info', href: '#/sis/hits?deadline=overdue' },
      { id: 'sis.hits.dueSoon', value: 0, severity: 'info', href: '#/sis/hits?deadline=soon' },
      { id: 'sis.review.due', value: 0, severity: 'info', href: '#/sis/review?due=soon' },
    ]);
    expect(await countersOf('hub.be')).toEqual([
      { id: 'hubs.hits.unacknowledged', value: 0, severity: 'info', href: '#/hub-desk?acknowledged=false' },
    ]);
    expect(await countersOf('immigration.de')).toEqual([
      { id: 'ees.overstayers', value: 0, severity: 'info', href: '#/ees/overstayers?memberState=DE' },
    ]);
    expect(await countersOf('police.nl')).toEqual([
      { id: 'sis.alerts.own', value: 0, severity: 'info', href: '#/sis/alerts' },
      { id: 'sis.alerts.reviewDue', value: 0, severity: 'info', href: '#/sis/alerts' },
    ]);
    const dpo = await countersOf('dpo.de');
    expect(dpo.map((c) => c.id)).toEqual(['audit.chain', 'audit.events24h']);
    expect(dpo[0]).toMatchObject({ status: 'verified', severity: 'info', href: '#/audit' });
    expect(dpo[1]!.value).toBeGreaterThan(0);
    expect(await countersOf('admin')).toEqual([
      { id: 'access.requests.pending', value: 0, severity: 'info', href: '#/admin' },
    ]);
    for (const username of ['border.fi', 'analyst', 'carrier.lh']) {
      expect(await countersOf(username)).toEqual([]);
    }
  });
});
