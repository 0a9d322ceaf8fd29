import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { etiasApplication } from '../../src/contexts/etias/index.ts';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();
const PURPOSES: Record<string, string> = {
  'etias-cu': 'etias-examination',
  'etias-nu.es': 'etias-examination',
  'border.fi': 'border-control',
  'sirene.it': 'alert-management',
};

async function call(
  method: string,
  url: string,
  options: { as?: string; body?: unknown; purpose?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (options.as) {
    headers.authorization = `Bearer ${tokens.get(options.as)}`;
    headers['x-interlink-purpose'] = options.purpose ?? PURPOSES[options.as]!;
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
  return { status: r.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

const RULES = '/api/v1/etias/screening-rules';
const WATCHLIST = '/api/v1/etias/watchlist';
const rule = {
  name: 'Canadian residents without education',
  riskType: 'illegal-immigration',
  legalBasis: 'c',
  boardReference: 'ESB-2026-HTTP',
  predicates: { residenceCountries: ['CAN'], educationLevels: ['none'] },
};

beforeAll(async () => {
  server = await startTestServer();
  for (const username of Object.keys(PURPOSES)) {
    const r = await call('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } });
    tokens.set(username, r.body.token as string);
  }
}, 120_000);
afterAll(async () => {
  await server.close();
});

describe('ETIAS screening rules over HTTP', () => {
  it('refuses a field outside art. 33(4) and a rule on sex and age alone, with stable codes', async () => {
    const extra = await call('POST', RULES, {
      as: 'etias-cu',
      body: { ...rule, predicates: { ...rule.predicates, religion: ['x'] } },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.code).toBe('REQUEST_INVALID');
    const alone = await call('POST', RULES, {
      as: 'etias-cu',
      body: { ...rule, predicates: { sex: 'M', ageRange: { min: 20, max: 30 } } },
    });
    expect(alone.status).toBe(400);
    expect(alone.body.code).toBe('ETIAS_RULE_SEX_OR_AGE_ALONE');
    const denied = await call('POST', RULES, { as: 'etias-nu.es', body: rule });
    expect(denied.status).toBe(403);
  });

  it('writes a draft, measures it, activates it, and an application matching it goes to manual', async () => {
    const canadian = (education: 'none' | 'higher') =>
      etiasApplication({
        surname: 'Tremblay',
        givenNames: education === 'none' ? 'Luc' : 'Marie',
        nationalities: ['CAN'],
        residence: { country: 'CAN', city: 'Montréal' },
        education,
      });
    expect((await call('POST', '/api/v1/etias/applications', { body: canadian('none') })).body.status).toBe(
      'issued',
    );
    const draft = await call('POST', RULES, { as: 'etias-cu', body: rule });
    expect(draft.status).toBe(201);
    const id = draft.body.id as string;
    const early = await call('POST', `${RULES}/${id}/activate`, {
      as: 'etias-cu',
      body: { expectedVersion: 1 },
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('ETIAS_RULE_IMPACT_MISSING');
    const measured = await call('POST', `${RULES}/${id}/impact`, { as: 'etias-cu' });
    expect(measured.status).toBe(200);
    expect(measured.body.impact).toMatchObject({ version: 1, matched: 1, matchedIssued: 1 });
    const active = await call('POST', `${RULES}/${id}/activate`, {
      as: 'etias-cu',
      body: { expectedVersion: 1 },
    });
    expect(active.body).toMatchObject({ status: 'active', recordRef: `rule:${id}@1` });

    const hit = await call('POST', '/api/v1/etias/applications', { body: canadian('none') });
    expect(hit.body.status).toBe('manual');
    const file = await call('GET', `/api/v1/etias/applications/${hit.body.id as string}`, { as: 'etias-cu' });
    const hits = file.body.hits as Array<{ rule: string; recordRef: string; explanation: string[] }>;
    expect(hits.find((h) => h.rule === 'SCREENING_RULE')).toMatchObject({
      recordRef: `rule:${id}@1`,
      explanation: expect.arrayContaining(['education one of none: applicant none']) as unknown,
    });
    const other = await call('POST', '/api/v1/etias/applications', { body: canadian('higher') });
    expect(other.body.status).toBe('issued');

    const listed = await call('GET', `${RULES}?status=active`, { as: 'etias-cu' });
    expect((listed.body.items as Array<{ id: string }>).map((r) => r.id)).toEqual([id]);
    const v2 = await call('POST', `${RULES}/${id}/versions`, {
      as: 'etias-cu',
      body: {
        ...rule,
        predicates: { residenceCountries: ['CAN'], occupationGroups: ['unemployed'] },
        expectedVersion: 1,
      },
    });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, status: 'draft', impact: null });
    const versions = await call('GET', `${RULES}/${id}/versions`, { as: 'etias-cu' });
    expect(
      (versions.body.items as Array<{ version: number; status: string }>).map((v) => [v.version, v.status]),
    ).toEqual([
      [2, 'draft'],
      [1, 'active'],
    ]);
    const retired = await call('POST', `${RULES}/${id}/retire`, { as: 'etias-cu' });
    expect(retired.body.status).toBe('retired');
  });

  it('answers 404 for an unknown rule', async () => {
    const r = await call('POST', `${RULES}/sr_0000000000000000/impact`, { as: 'etias-cu' });
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('ETIAS_RULE_NOT_FOUND');
  });
});

describe('ETIAS watchlist over HTTP', () => {
  it('refuses an entry whose data are in SIS, naming the alert', async () => {
    const alert = await call('POST', '/api/v1/sis/alerts', {
      as: 'sirene.it',
      body: {
        category: 'arrest',
        person: { surname: 'VOLKOV', givenNames: 'IGOR', birthDate: '1975-01-30', nationalities: ['UKR'] },
        warningMarkers: [],
        reason: 'European Arrest Warrant',
        decisionRef: 'EAW-TEST',
      },
    });
    expect(alert.status).toBe(201);
    const r = await call('POST', WATCHLIST, {
      as: 'etias-nu.es',
      body: {
        reason: 'Suspected arms trafficking',
        data: { surname: 'Volkov', givenNames: 'Igor', birthDate: '1975-01-30' },
      },
    });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('ETIAS_WATCHLIST_IN_SIS');
    expect(r.body.detail).toContain(alert.body.id as string);
  });

  it('enters, lists with paging, reviews and removes an entry; an application matching it goes to manual', async () => {
    const preview = await call('POST', `${WATCHLIST}/preview`, {
      as: 'etias-nu.es',
      body: { data: { phone: '+34 600 111 222' } },
    });
    expect(preview.body).toMatchObject({ sisAlerts: [], impact: { matched: 0 } });
    const created = await call('POST', WATCHLIST, {
      as: 'etias-nu.es',
      body: { reason: 'Suspected drug trafficking', data: { phone: '+34 600 111 222' } },
    });
    expect(created.status).toBe(201);
    const entry = (created.body as { entry: { id: string; owner: string } }).entry;
    expect(entry.owner).toBe('ES');
    const app = await call('POST', '/api/v1/etias/applications', {
      body: etiasApplication({ phone: '0034600111222' }),
    });
    expect(app.body.status).toBe('manual');

    const page = await call('GET', `${WATCHLIST}?limit=1&offset=0`, { as: 'etias-nu.es' });
    expect(page.body).toMatchObject({ total: 1, items: [{ id: entry.id }] });
    const kept = await call('POST', `${WATCHLIST}/${entry.id}/review`, {
      as: 'etias-nu.es',
      body: { decision: 'keep', note: 'Grounds still hold' },
    });
    expect(kept.status).toBe(200);
    const notOwner = await call('DELETE', `${WATCHLIST}/${entry.id}`, { as: 'etias-cu' });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.code).toBe('ETIAS_WATCHLIST_NOT_OWNER');
    const removed = await call('DELETE', `${WATCHLIST}/${entry.id}`, { as: 'etias-nu.es' });
    expect(removed.status).toBe(204);
    expect((await call('GET', WATCHLIST, { as: 'etias-nu.es' })).body.total).toBe(0);
  });

  it('refuses data without any art. 34(3) item', async () => {
    const r = await call('POST', WATCHLIST, {
      as: 'etias-cu',
      body: { reason: 'x', data: { givenNames: 'Only', nationalities: ['USA'] } },
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('ETIAS_WATCHLIST_INVALID');
  });
});
