import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { ALERT_CATEGORIES } from '../../src/contexts/sis/index.ts';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();

async function call(
  method: string,
  url: string,
  options: { user: string; purpose: string; body?: unknown; key?: string },
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${tokens.get(options.user) ?? ''}`,
    'x-interlink-purpose': options.purpose,
  };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (options.key !== undefined) {
    headers['idempotency-key'] = options.key;
  }
  const r = await fetch(`${server.url}${url}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown>, headers: r.headers };
}

const sirene = { user: 'sirene.it', purpose: 'alert-management' };
const guard = { user: 'border.fi', purpose: 'border-control' };
const hub = { user: 'hub.be', purpose: 'hub-vehicle-check' };

beforeAll(async () => {
  server = await startTestServer();
  for (const username of ['sirene.it', 'border.fi', 'hub.be', 'police.nl', 'analyst']) {
    const r = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    tokens.set(username, ((await r.json()) as { token: string }).token);
  }
});
afterAll(async () => {
  await server.close();
});

describe('SIS over HTTP', () => {
  it('lets SIRENE enter an alert, a border guard find it and report a hit that shows the action and markers first', async () => {
    const created = await call('POST', '/api/v1/sis/alerts', {
      ...sirene,
      key: 'sis-http-1',
      body: {
        category: 'arrest',
        person: { surname: 'Novák', givenNames: 'Petr', birthDate: '1979-04-02', nationalities: ['CZE'] },
        warningMarkers: ['armed', 'violent'],
        reason: 'European Arrest Warrant',
        decisionRef: 'EAW-CZ-1',
      },
    });
    expect(created.status).toBe(201);
    const again = await call('POST', '/api/v1/sis/alerts', {
      ...sirene,
      key: 'sis-http-1',
      body: {
        category: 'arrest',
        person: { surname: 'Novák', givenNames: 'Petr', birthDate: '1979-04-02', nationalities: ['CZE'] },
        warningMarkers: ['armed', 'violent'],
        reason: 'European Arrest Warrant',
        decisionRef: 'EAW-CZ-1',
      },
    });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(created.body.id);

    const found = await call('POST', '/api/v1/sis/search/persons', {
      ...guard,
      body: { surname: 'NOVAK', givenNames: 'PETR', birthDate: '1979-04-02' },
    });
    expect(found.status).toBe(200);
    const [first] = found.body.results as Array<{
      alert: Record<string, unknown>;
      why: Record<string, unknown>;
    }>;
    expect(first?.alert).toMatchObject({ alertId: created.body.id, warningMarkers: ['armed', 'violent'] });
    expect(first?.why).toMatchObject({ identity: 'confirmed' });

    const hit = await call('POST', '/api/v1/sis/hits', {
      ...guard,
      body: {
        alertId: created.body.id,
        location: { place: 'FI-VAALIMAA' },
        checked: { dataTypes: ['surname'] },
      },
    });
    expect(hit.status).toBe(201);
    expect(Object.keys(hit.body).slice(0, 3)).toEqual(['hitId', 'action', 'warningMarkers']);
    expect(hit.body).toMatchObject({ warningMarkers: ['armed', 'violent'], discreet: false });

    const queue = await call('GET', '/api/v1/sis/hits?open=true', {
      user: 'sirene.it',
      purpose: 'sirene-exchange',
    });
    expect((queue.body.hits as Array<{ id: string }>).map((h) => h.id)).toContain(hit.body.hitId);
  });

  it('keeps a discreet check discreet for the border guard', async () => {
    const created = await call('POST', '/api/v1/sis/alerts', {
      ...sirene,
      body: {
        category: 'check',
        checkType: 'discreet',
        person: { surname: 'Silentio', birthDate: '1966-06-06' },
        reason: 'Serious crime investigation',
        decisionRef: 'CHK-1',
      },
    });
    expect(created.status).toBe(201);
    const hit = await call('POST', '/api/v1/sis/hits', {
      ...guard,
      body: { alertId: created.body.id, location: { place: 'FI-HEL' }, checked: { dataTypes: ['surname'] } },
    });
    expect(hit.body).toMatchObject({
      discreet: true,
      handling: 'discreet: do not inform the person',
      alert: { category: null, categoryLabel: null },
    });
    expect(JSON.stringify(hit.body)).not.toContain('Serious crime investigation');
  });

  it('never shows a hub operator a person alert or a covert vehicle alert, but shows a stolen vehicle', async () => {
    const person = await call('POST', '/api/v1/sis/search/persons', { ...hub, body: { surname: 'NOVAK' } });
    expect(person.status).toBe(403);
    expect(person.body.code).toBe('ACCESS_PERMISSION_DENIED');
    for (const [category, plate] of [
      ['object-seizure', 'HUB-001'],
      ['object-check', 'HUB-002'],
    ] as const) {
      const r = await call('POST', '/api/v1/sis/alerts', {
        ...sirene,
        body: {
          category,
          ...(category === 'object-check' ? { checkType: 'discreet' } : {}),
          object: { type: 'motor-vehicle', identifiers: [{ kind: 'plate', value: plate, country: 'BEL' }] },
          reason: 'Vehicle of interest',
          decisionRef: `V-${plate}`,
        },
      });
      expect(r.status).toBe(201);
    }
    const seen = await call('POST', '/api/v1/sis/search/vehicles', {
      ...hub,
      body: {
        plateCandidates: [
          { text: 'HUB0O1', confidence: 0.8 },
          { text: 'HUB002', confidence: 0.7 },
        ],
        country: 'BEL',
      },
    });
    expect(seen.status).toBe(200);
    const results = seen.body.results as Array<{ alert: { discreet: boolean }; why: { exact: boolean } }>;
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ alert: { discreet: false }, why: { exact: false } });
    const police = await call('POST', '/api/v1/sis/search/vehicles', {
      user: 'police.nl',
      purpose: 'police-identity-check',
      body: { plate: 'HUB002', country: 'BEL' },
    });
    expect(police.body.results).toHaveLength(1);
  });

  it('answers bad input with 400 and a stable SIS code, and refuses an analyst', async () => {
    const bad = await call('POST', '/api/v1/sis/alerts', {
      ...sirene,
      body: {
        category: 'object-seizure',
        object: { type: 'container', identifiers: [{ kind: 'container', value: 'CSQU3054384' }] },
        reason: 'Container of interest',
        decisionRef: 'C-1',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('SIS_ALERT_INVALID');
    const analyst = await call('POST', '/api/v1/sis/search/vehicles', {
      user: 'analyst',
      purpose: 'statistics',
      body: { plate: 'HUB001' },
    });
    expect(analyst.status).toBe(403);
  });

  it('lists alerts for SIRENE and the police, filtered by category, issuing state, status and text', async () => {
    const person = await call('POST', '/api/v1/sis/alerts', {
      ...sirene,
      body: {
        category: 'arrest',
        person: { surname: 'Zambrano', givenNames: 'Elio', birthDate: '1981-03-09', nationalities: ['ITA'] },
        reason: 'European Arrest Warrant for fraud',
        decisionRef: 'EAW-LIST-1',
      },
    });
    const vehicle = await call('POST', '/api/v1/sis/alerts', {
      ...sirene,
      body: {
        category: 'object-seizure',
        object: {
          type: 'motor-vehicle',
          identifiers: [{ kind: 'plate', value: 'ZX 991 QQ', country: 'ITA' }],
        },
        reason: 'Stolen car',
        decisionRef: 'PROC-LIST-2',
      },
    });
    const dutch = await call('POST', '/api/v1/sis/alerts', {
      user: 'police.nl',
      purpose: 'alert-management',
      body: {
        category: 'object-seizure',
        object: {
          type: 'motor-vehicle',
          identifiers: [{ kind: 'plate', value: 'XK-771-B', country: 'NLD' }],
        },
        reason: 'Stolen van',
        decisionRef: 'NL-LIST-3',
      },
    });
    expect([person.status, vehicle.status, dutch.status]).toEqual([201, 201, 201]);
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await sql`update sis.alert set review_due = ${due} where id = ${vehicle.body.id}`.execute(
      server.services.database.db,
    );

    type List = { alerts: Array<{ alert: { id: string }; status: string }>; total: number };
    const list = async (query: string, who: { user: string; purpose: string } = sirene) => {
      const r = await call('GET', `/api/v1/sis/alerts?${query}`, who);
      expect(r.status).toBe(200);
      return r.body as unknown as List;
    };
    const ids = (l: List) => l.alerts.map((a) => a.alert.id);

    const byName = await list('q=zambrano');
    expect(ids(byName)).toEqual([person.body.id]);
    expect(byName.total).toBe(1);
    // A plate typed without its spaces still finds the alert; the police list every state's alerts too.
    expect(ids(await list('q=zx991qq', { user: 'police.nl', purpose: 'police-identity-check' }))).toEqual([
      vehicle.body.id,
    ]);
    expect(ids(await list('q=EAW-LIST-1&category=arrest'))).toEqual([person.body.id]);
    expect(ids(await list('q=EAW-LIST-1&category=object-seizure'))).toEqual([]);
    const dutchOnly = await list('issuingState=NL');
    expect(ids(dutchOnly)).toContain(dutch.body.id);
    expect(ids(dutchOnly)).not.toContain(vehicle.body.id);
    const reviewDue = await list('status=review-due&q=LIST');
    expect(reviewDue.alerts.map((a) => [a.alert.id, a.status])).toEqual([[vehicle.body.id, 'review-due']]);
    expect(ids(await list('status=active&q=LIST')).sort()).toEqual(
      [person.body.id as string, dutch.body.id as string].sort(),
    );
    // Newest first, and a page at a time with the total of all.
    const paged = await list('q=LIST&limit=2');
    expect(ids(paged)).toEqual([dutch.body.id, vehicle.body.id]);
    expect(paged.total).toBe(3);
    expect(ids(await list('q=LIST&limit=2&offset=2'))).toEqual([person.body.id]);
    // LIKE wildcards are plain characters.
    expect((await list('q=%25')).total).toBe(0);
    expect((await list('q=EAW_LIST')).total).toBe(0);

    for (const bad of ['status=open', 'issuingState=it', 'category=stolen', 'limit=0', 'limit=1000', 'x=1']) {
      const r = await call('GET', `/api/v1/sis/alerts?${bad}`, sirene);
      expect(r.status, bad).toBe(400);
    }
    const guardList = await call('GET', '/api/v1/sis/alerts', guard);
    expect(guardList.status).toBe(403);
  });
});

describe('GET /api/v1/sis/catalogue', () => {
  it("gives the alert form the server's categories, codes and object types, without a purpose", async () => {
    const r = await fetch(`${server.url}/api/v1/sis/catalogue`, {
      headers: { authorization: `Bearer ${tokens.get('police.nl') ?? ''}` },
    });
    expect(r.status).toBe(200);
    const body = (await r.json()) as {
      categories: Array<{ code: string; kind: string; legalBasis: string }>;
      checkTypes: string[];
      sexes: string[];
      objectTypes: Array<{ code: string; identifierKinds: string[]; checkable: boolean }>;
    };
    expect(body.categories.map((c) => c.code)).toEqual([...ALERT_CATEGORIES]);
    expect(body.categories.find((c) => c.code === 'object-seizure')).toMatchObject({
      kind: 'object',
      legalBasis: 'Reg. (EU) 2018/1862 art. 38',
    });
    expect(body.checkTypes).toEqual(['discreet', 'inquiry', 'specific']);
    expect(body.sexes).toEqual(['F', 'M', 'X', 'U']);
    expect(body.objectTypes.find((o) => o.code === 'container')).toEqual({
      code: 'container',
      identifierKinds: ['container'],
      checkable: true,
    });
    expect(body.objectTypes.find((o) => o.code === 'banknote')?.checkable).toBe(false);
  });

  it('refuses a profile that may not read alerts', async () => {
    const r = await fetch(`${server.url}/api/v1/sis/catalogue`, {
      headers: { authorization: `Bearer ${tokens.get('analyst') ?? ''}` },
    });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { code: string }).code).toBe('ACCESS_PERMISSION_DENIED');
  });
});
