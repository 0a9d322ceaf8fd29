import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createDemoUsers, DEMO_PASSWORD, SYSTEM_ACTOR } from '../../src/contexts/access/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { createServices, type Services } from '../../src/services.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../support/db.ts';

/**
 * Two API nodes on one PostgreSQL database behind a small proxy that alternates between them (issue: several
 * API nodes): a write served by one node is found by a search served by the other within a second, because
 * each node's read models follow the change feed; an erasure on one node leaves the other's read models.
 */
const unavailable = inject('postgresUnavailable');
const describePostgres = (body: () => void) =>
  unavailable
    ? describe.skip(`Two API nodes [postgres] — SKIPPED: ${unavailable}`, body)
    : describe('Two API nodes [postgres]', body);

interface Node {
  name: string;
  services: Services;
  app: FastifyInstance;
  url: string;
}

let testDb: TestDatabase;
let proxy: http.Server;
let proxyUrl = '';
const nodes: Node[] = [];
const clockA = new ManualClock(new Date().toISOString());
const tokens = new Map<string, string>();
const METRICS_TOKEN = 'two-nodes-metrics-token-0123456789';

async function startNode(name: string, clock?: ManualClock): Promise<Node> {
  const services = await createServices(
    testConfig(testDb, { INTERLINK_METRICS_TOKEN: METRICS_TOKEN }),
    clock ? { clock } : {},
  );
  const { app } = await buildApp(services);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { name, services, app, url };
}

/** The proxy: requests go to the nodes in turn; the answer says which node served it (`x-served-by`). */
function startProxy(): Promise<string> {
  let turn = 0;
  proxy = http.createServer((req, res) => {
    const node = nodes[turn++ % nodes.length]!;
    const target = new URL(req.url ?? '/', node.url);
    const upstream = http.request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-served-by': node.name });
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => {
    proxy.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`));
  });
}

async function call(
  method: string,
  url: string,
  options: { as?: string; purpose?: string; body?: unknown; base?: string } = {},
): Promise<{ status: number; body: Record<string, unknown>; servedBy: string | null }> {
  const headers: Record<string, string> = {};
  if (options.as !== undefined) {
    headers.authorization = `Bearer ${tokens.get(options.as)}`;
    headers['x-interlink-purpose'] = options.purpose ?? 'border-control';
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(`${options.base ?? proxyUrl}${url}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await r.text();
  return {
    status: r.status,
    body: (text.startsWith('{') ? JSON.parse(text) : { text }) as Record<string, unknown>,
    servedBy: r.headers.get('x-served-by'),
  };
}

/** Repeats `probe` through the proxy until it holds on the node that did not write; returns the delay. */
async function seenOnOtherNode(
  writer: string | null,
  probe: () => Promise<{ ok: boolean; servedBy: string | null }>,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const r = await probe();
    if (r.ok && r.servedBy !== writer) {
      return performance.now() - started;
    }
    if (performance.now() - started > 5000) {
      throw new Error('not visible on the other node after 5 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const inTenYears = (d: Date) => new Date(d.getTime() + 10 * 365 * 86_400_000).toISOString();

describePostgres(() => {
  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    nodes.push(await startNode('A', clockA));
    await createDemoUsers(nodes[0]!.services.access);
    nodes.push(await startNode('B'));
    proxyUrl = await startProxy();
    for (const username of ['border.fi', 'sirene.it', 'police.nl']) {
      const r = await call('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } });
      tokens.set(username, r.body.token as string);
    }
  });
  afterAll(async () => {
    await new Promise((resolve) => proxy.close(resolve));
    for (const node of nodes) {
      await node.app.close();
      await node.services.close();
    }
    await testDb.drop();
  });

  it('finds an EES file written through one node by a search served by the other within a second', async () => {
    const created = await call('POST', '/api/v1/ees/files', {
      as: 'border.fi',
      base: nodes[0]!.url,
      body: {
        kind: 'visa-holder',
        surname: 'Lindqvist',
        givenNames: 'Aino',
        birthDate: '1990-05-17',
        nationalities: ['NGA'],
        sex: 'F',
        documents: [{ type: 'P', number: 'TN0000001', issuingState: 'NGA', expiry: '2034-01-01' }],
        facialImageRef: 'face:lindqvist',
      },
    });
    expect(created.status).toBe(201);
    const fileId = created.body.id as string;
    const delay = await seenOnOtherNode('A', async () => {
      const r = await call('POST', '/api/v1/ees/search/document', {
        as: 'border.fi',
        body: { number: 'TN0000001', issuingState: 'NGA' },
      });
      return {
        ok: (r.body.files as Array<{ id: string }>).some((f) => f.id === fileId),
        servedBy: r.servedBy,
      };
    });
    expect(delay).toBeLessThan(1000);
    // Node B's identity index holds the file too: its apply is driven by the same feed.
    const candidates = nodes[1]!.services.identityIndex.candidates(
      { surname: 'Lindqvist', givenNames: 'Aino', birthDate: '1990-05-17' },
      ['ees'],
    );
    expect(candidates.map((c) => c.recordRef)).toContain(fileId);
    // And the file's travel history is read on B from its read model.
    const viewed = await call('GET', `/api/v1/ees/files/${fileId}`, { as: 'border.fi', base: nodes[1]!.url });
    expect(viewed.status).toBe(200);
  });

  it('finds a SIS alert entered through one node by a search served by the other within a second', async () => {
    const created = await call('POST', '/api/v1/sis/alerts', {
      as: 'sirene.it',
      purpose: 'alert-management',
      base: nodes[0]!.url,
      body: {
        category: 'arrest',
        person: {
          surname: 'Kowalczyk',
          givenNames: 'Marek',
          birthDate: '1975-03-09',
          nationalities: ['POL'],
        },
        reason: 'European Arrest Warrant',
        decisionRef: 'EAW-PL-2',
      },
    });
    expect(created.status).toBe(201);
    const alertId = created.body.id as string;
    const delay = await seenOnOtherNode('A', async () => {
      const r = await call('POST', '/api/v1/sis/search/persons', {
        as: 'border.fi',
        body: { surname: 'KOWALCZYK', givenNames: 'MAREK', birthDate: '1975-03-09' },
      });
      const results = (r.body.results ?? []) as Array<{ alert: { alertId: string } }>;
      return { ok: results.some((x) => x.alert.alertId === alertId), servedBy: r.servedBy };
    });
    expect(delay).toBeLessThan(1000);
    // The alert's identity reached B's identity index through the feed.
    await seenOnOtherNode(null, () =>
      Promise.resolve({
        ok: nodes[1]!.services.identityIndex
          .candidates({ surname: 'Kowalczyk', givenNames: 'Marek', birthDate: '1975-03-09' }, ['sis'])
          .some((c) => c.recordRef === alertId),
        servedBy: 'B',
      }),
    );
  });

  it('finds a vehicle alert entered on one node on the other, and loses it there once deleted', async () => {
    const created = await call('POST', '/api/v1/sis/alerts', {
      as: 'sirene.it',
      purpose: 'alert-management',
      base: nodes[0]!.url,
      body: {
        category: 'object-seizure',
        object: { type: 'motor-vehicle', identifiers: [{ kind: 'plate', value: 'TWO001', country: 'BEL' }] },
        reason: 'Vehicle of interest',
        decisionRef: 'V-TWO001',
      },
    });
    expect(created.status).toBe(201);
    const alertId = created.body.id as string;
    // The vehicle search reads the SIS read model: node B has it only through the change feed.
    const onB = async () => {
      const r = await call('POST', '/api/v1/sis/search/vehicles', {
        as: 'police.nl',
        purpose: 'police-identity-check',
        base: nodes[1]!.url,
        body: { plate: 'TWO001', country: 'BEL' },
      });
      return ((r.body.results ?? []) as Array<{ alert: { alertId: string } }>).map((x) => x.alert.alertId);
    };
    expect(
      await seenOnOtherNode(null, async () => ({ ok: (await onB()).includes(alertId), servedBy: 'B' })),
    ).toBeLessThan(1000);
    const deleted = await call('DELETE', `/api/v1/sis/alerts/${alertId}`, {
      as: 'sirene.it',
      purpose: 'alert-management',
      base: nodes[0]!.url,
      body: { reason: 'Vehicle recovered and returned to its owner' },
    });
    expect(deleted.status).toBe(200);
    expect(
      await seenOnOtherNode(null, async () => ({ ok: !(await onB()).includes(alertId), servedBy: 'B' })),
    ).toBeLessThan(1000);
  });

  it('lets an erasure by the retention run on one node leave the read models of the other', async () => {
    const created = await call('POST', '/api/v1/ees/files', {
      as: 'border.fi',
      base: nodes[0]!.url,
      body: {
        kind: 'visa-holder',
        surname: 'Erasmus',
        givenNames: 'Bo',
        birthDate: '1980-01-01',
        nationalities: ['NGA'],
        sex: 'M',
        documents: [{ type: 'P', number: 'TN0000002', issuingState: 'NGA', expiry: '2034-01-01' }],
        facialImageRef: 'face:erasmus',
      },
    });
    expect(created.status).toBe(201);
    const fileId = created.body.id as string;
    const onB = () =>
      call('POST', '/api/v1/ees/search/document', {
        as: 'border.fi',
        base: nodes[1]!.url,
        body: { number: 'TN0000002', issuingState: 'NGA' },
      });
    await seenOnOtherNode(null, async () => ({
      ok: ((await onB()).body.files as unknown[]).length === 1,
      servedBy: 'B',
    }));
    clockA.set(inTenYears(new Date()));
    const report = await nodes[0]!.services.retention.run(SYSTEM_ACTOR);
    expect(report.rules.find((r) => r.id === 'ees.individual-file')?.erased).toBeGreaterThanOrEqual(1);
    const delay = await seenOnOtherNode(null, async () => ({
      ok: ((await onB()).body.files as unknown[]).length === 0,
      servedBy: 'B',
    }));
    expect(delay).toBeLessThan(1000);
    const viewed = await call('GET', `/api/v1/ees/files/${fileId}`, { as: 'border.fi', base: nodes[1]!.url });
    expect(viewed.status).toBe(404);
    expect(
      nodes[1]!.services.identityIndex
        .candidates({ surname: 'Erasmus', givenNames: 'Bo', birthDate: '1980-01-01' }, ['ees'])
        .map((c) => c.recordRef),
    ).not.toContain(fileId);
  });

  it('reports readiness and the feed lag of each node', async () => {
    for (const node of nodes) {
      const ready = await call('GET', '/readyz', { base: node.url });
      expect(ready.status).toBe(200);
      const r = await fetch(`${node.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      const text = await r.text();
      expect(text).toMatch(/^interlink_change_feed_lag_changes 0$/m);
      expect(text).toMatch(/^interlink_change_feed_lag_seconds 0$/m);
    }
  });
});
