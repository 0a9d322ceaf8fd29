import fc from 'fast-check';
import { UndirectedGraph } from 'graphology';
import { parse } from 'graphology-graphml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { createDemoWorld, type DemoWorldReport } from '../../src/flows/demo/index.ts';
import { RING_ALERTS, RING_OBJECTS } from '../../src/flows/demo/plan-ring.ts';
import type { NetworkAnswer, NetworkNode } from '../../src/flows/network/index.ts';
import { startTestServer } from '../support/server.ts';

/**
 * The network map over HTTP on the demo world: the SIRENE officer finds the planted smuggling ring as one
 * community whose centre is the truck's alert; the analyst and the hub desk are refused; every map is logged;
 * the GraphML export parses back; the same data give the same picture; bad input is a 4xx.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let world: DemoWorldReport;
const tokens = new Map<string, string>();

async function call(
  url: string,
  options: { as?: string; purpose?: string } = {},
): Promise<{ status: number; body: unknown; text: string; type: string }> {
  const headers: Record<string, string> = {};
  if (options.as !== undefined) {
    headers.authorization = `Bearer ${tokens.get(options.as)}`;
  }
  if (options.purpose !== undefined) {
    headers['x-interlink-purpose'] = options.purpose;
  }
  const r = await fetch(`${server.url}${url}`, { headers });
  const text = await r.text();
  const type = r.headers.get('content-type') ?? '';
  return { status: r.status, text, type, body: type.includes('json') ? JSON.parse(text) : null };
}

const sirene = { as: 'sirene.it', purpose: 'sirene-exchange' };
const police = { as: 'police.nl', purpose: 'law-enforcement' };
const map = async (query = '', who = sirene): Promise<NetworkAnswer> => {
  const r = await call(`/api/v1/network${query}`, who);
  expect(r.status, r.text).toBe(200);
  return r.body as NetworkAnswer;
};

/** The ring's alerts on the map, by their reference in the plan (V, T, C1, C2, P1-P4). */
function ringNodes(answer: NetworkAnswer): Map<string, NetworkNode> {
  const labels = new Map<string, string>(
    RING_ALERTS.map((a) => [
      a.ref,
      a.input.person === undefined
        ? `${a.input.object!.type} ${a.input.object!.identifiers[0]!.value}`
        : `${a.input.person.surname} ${a.input.person.givenNames}`,
    ]),
  );
  const out = new Map<string, NetworkNode>();
  for (const [ref, label] of labels) {
    const node = answer.nodes.find(
      (n) => (n.kind === 'alert-person' || n.kind === 'alert-object') && n.label === label,
    );
    if (node !== undefined) {
      out.set(ref, node);
    }
  }
  return out;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createDemoWorld(server.services, { genericTravellers: 4 });
  expect(world.status).toBe('created');
  for (const username of ['sirene.it', 'police.nl', 'analyst', 'hub.be', 'dpo.de']) {
    const r = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    tokens.set(username, ((await r.json()) as { token: string }).token);
  }
}, 300_000);

afterAll(async () => {
  await server.close();
});

/** Percent-encoding, with a lone surrogate sent as the UTF-8 bytes of one (which the edge must refuse). */
const encode = (v: string): string =>
  [...v].map((c) => (/[\ud800-\udfff]/u.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');

describe('GET /api/v1/network', () => {
  it('surfaces the demo ring as one community whose most central alert is the truck’s', async () => {
    const answer = await map();
    const ring = ringNodes(answer);
    expect([...ring.keys()].sort()).toEqual(['C1', 'C2', 'P1', 'P2', 'P3', 'P4', 'T', 'V']);
    const community = ring.get('V')!.community;
    expect([...ring.values()].map((n) => n.community)).toEqual(Array(8).fill(community));
    const members = answer.nodes.filter((n) => n.community === community);
    const ids = new Set(members.map((n) => n.id));
    // Its objects and both demo hubs belong to it too: the truck and containers were read at both.
    expect(ids).toContain(`object:plate:${RING_OBJECTS.truck.plate.replace(/-/gu, '')}`);
    expect(ids).toContain(`object:trailer:${RING_OBJECTS.trailer.plate.replace(/-/gu, '')}`);
    for (const box of RING_OBJECTS.containers) {
      expect(ids).toContain(`object:container:${box}`);
    }
    expect(ids).toContain('hub:be-antwerp-bruges');
    expect(ids).toContain('hub:de-duisburg-gateway');
    const summary = answer.communities.find((c) => c.id === community)!;
    // Its centre is where the ring's traffic meets: the truck's alert, or the port that its containers were
    // discharged at and it was read at (the vessels' calls join the map there). Among the alerts, the truck's is
    // the most central.
    expect([ring.get('V')!.id, 'hub:be-antwerp-bruges']).toContain(summary.centre);
    const alerts = members.filter((n) => n.kind === 'alert-person' || n.kind === 'alert-object');
    const topAlert = alerts.reduce((a, b) => (b.centrality > a.centrality ? b : a));
    expect(topAlert.id).toBe(ring.get('V')!.id);
    expect(summary.alerts).toBe(8);
    expect(summary.hubs).toBe(2);
    // Reads at both hubs on different days, each with its time for the slider.
    const reads = answer.edges.filter(
      (e) => e.kind === 'read' && e.source === `object:plate:${RING_OBJECTS.truck.plate.replace(/-/gu, '')}`,
    );
    expect(new Set(reads.map((e) => e.target))).toEqual(
      new Set(['hub:be-antwerp-bruges', 'hub:de-duisburg-gateway']),
    );
    expect(new Set(reads.map((e) => e.at!.slice(0, 10))).size).toBe(5);
    // Its containers came in on a vessel, discharged at the port before the truck first took each one out.
    for (const box of RING_OBJECTS.containers) {
      const node = `object:container:${box}`;
      const discharged = answer.edges.filter((e) => e.kind === 'discharged' && e.target === node);
      expect(discharged, box).toHaveLength(1);
      expect(discharged[0]!.source).toMatch(/^vessel:/);
      const firstRead = answer.edges
        .filter((e) => e.kind === 'read' && e.source === node)
        .map((e) => e.at!)
        .sort()[0]!;
      expect(discharged[0]!.at! < firstRead, `${box}: ${discharged[0]!.at} before ${firstRead}`).toBe(true);
    }
    expect(
      answer.edges.filter((e) => e.kind === 'alert-link' && ids.has(e.source)).length,
    ).toBeGreaterThanOrEqual(8);
    expect(answer.truncated).toBe(false);
  });

  it('narrows the map to a focus: the truck’s plate or a container number', async () => {
    const byPlate = await map(`?focus=${encodeURIComponent(RING_OBJECTS.truck.plate)}&depth=3`, police);
    expect(byPlate.focus).toBe(RING_OBJECTS.truck.plate.replace(/-/gu, ''));
    expect(ringNodes(byPlate).size).toBe(8);
    const byBox = await map(`?focus=${RING_OBJECTS.containers[1]}&depth=1`);
    expect(byBox.nodes.map((n) => n.id)).toContain(`object:container:${RING_OBJECTS.containers[1]}`);
    expect(byBox.nodes.length).toBeLessThan(byPlate.nodes.length);
  });

  it('caps the nodes and says so', async () => {
    const capped = await map('?limit=10');
    expect(capped.nodes.length).toBe(10);
    expect(capped.truncated).toBe(true);
    const ids = new Set(capped.nodes.map((n) => n.id));
    expect(capped.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
  });

  it('gives the same positions and communities for the same data', async () => {
    const [a, b] = [await map(), await map()];
    expect(b.nodes).toEqual(a.nodes);
    expect(b.communities).toEqual(a.communities);
  });

  it('is refused to the analyst and the hub desk, and to a purpose it does not serve', async () => {
    expect((await call('/api/v1/network', { as: 'analyst', purpose: 'statistics' })).status).toBe(403);
    expect((await call('/api/v1/network', { as: 'hub.be', purpose: 'hub-vehicle-check' })).status).toBe(403);
    expect((await call('/api/v1/network', { as: 'sirene.it', purpose: 'alert-management' })).status).toBe(
      403,
    );
    expect((await call('/api/v1/network')).status).toBe(401);
  });

  it('logs every map with its operation code, purpose and the alerts shown', async () => {
    const before = await call('/api/v1/audit/events?operation=network.read&limit=100', {
      as: 'dpo.de',
      purpose: 'data-protection-audit',
    });
    const n = ((before.body as { events: unknown[] }).events ?? []).length;
    const answer = await map('?limit=50', police);
    const after = await call('/api/v1/audit/events?operation=network.read&limit=100', {
      as: 'dpo.de',
      purpose: 'data-protection-audit',
    });
    const events = (after.body as { events: Array<Record<string, unknown>> }).events;
    expect(events.length).toBe(n + 1);
    const last = events[0]!;
    expect(last.username).toBe('police.nl');
    expect(last.purpose).toBe('law-enforcement');
    const alerts = answer.nodes.filter((x) => x.kind.startsWith('alert-')).map((x) => x.attrs.alertId);
    expect(last.recordRefs).toEqual(alerts);
  });

  it('refuses bad input with stable codes', async () => {
    const cases: Array<[string, string]> = [
      ['?from=2026-02-30', 'REQUEST_INVALID'],
      ['?from=2026-06-01&to=2026-05-01', 'NETWORK_PERIOD_INVALID'],
      ['?from=2020-01-01&to=2026-01-01', 'NETWORK_PERIOD_INVALID'],
      ['?focus=CSQU3054384', 'NETWORK_CONTAINER_CHECK_DIGIT'],
      ['?focus=IMO9321484', 'NETWORK_IMO_CHECK_DIGIT'],
      ['?focus=%3Cscript%3E', 'NETWORK_FOCUS_INVALID'],
      ['?depth=9', 'REQUEST_INVALID'],
      ['?limit=1', 'REQUEST_INVALID'],
    ];
    for (const [query, code] of cases) {
      const r = await call(`/api/v1/network${query}`, sirene);
      expect(r.status, query).toBe(400);
      expect((r.body as { code: string }).code, query).toBe(code);
    }
  });

  it('never answers a 5xx to odd query strings', async () => {
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '\u0000',
        '\ud800',
        '9'.repeat(400),
        '2026-13-01',
        '0000-01-01',
        '-1',
        '1e308',
        'IMO 0000000',
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('from', 'to', 'focus', 'depth', 'limit'), value, async (key, v) => {
        const r = await call(`/api/v1/network?${key}=${encode(v)}&limit=20`, sirene);
        expect(r.status, `${key}=${JSON.stringify(v)} ${r.text}`).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('GET /api/v1/network/graphml', () => {
  it('exports the same graph as GraphML that graphology-graphml parses back', async () => {
    const answer = await map();
    const r = await call('/api/v1/network/graphml', sirene);
    expect(r.status).toBe(200);
    expect(r.type).toContain('application/graphml+xml');
    const g = parse(UndirectedGraph, r.text, { addMissingNodes: false });
    expect(g.order).toBe(answer.nodes.length);
    const truck = ringNodes(answer).get('V')!;
    expect(g.getNodeAttribute(truck.id, 'kind')).toBe('alert-object');
    expect(g.getNodeAttribute(truck.id, 'community')).toBe(truck.community);
  });
});
