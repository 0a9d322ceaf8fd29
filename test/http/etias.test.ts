import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { etiasApplication, FakeEtiasCheck } from '../../src/contexts/etias/index.ts';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();
/** Produces a SIS refusal hit entered by Italy for every applicant named "Suspect". */
const check = new FakeEtiasCheck('fake-sis');
check.hitsFor = (subject) =>
  subject.surname === 'Suspect'
    ? [
        {
          source: 'sis',
          recordRef: 'sis:SIS-IT-0001',
          rule: 'SIS_REFUSAL_ALERT',
          explanation: ['surname SUSPECT equal', 'date of birth equal'],
          memberState: 'IT',
          refusalGround: 'sis-refusal',
          probability: 0.97,
          record: { surname: 'SUSPECT', givenNames: 'JONATHAN', birthDate: '1985-04-12' },
        },
      ]
    : [];

async function call(
  method: string,
  url: string,
  options: { as?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) {
    headers.authorization = `Bearer ${tokens.get(options.as)}`;
    headers['x-interlink-purpose'] = options.as === 'border.fi' ? 'border-control' : 'etias-examination';
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(`${server.url}${url}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown>, headers: r.headers };
}

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** The date `years` years before today (same month and day). */
const yearsAgo = (years: number, plusDays = 0) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString().slice(0, 10);
};
const apply = (body: unknown, headers: Record<string, string> = {}) =>
  call('POST', '/api/v1/etias/applications', { body, headers });

beforeAll(async () => {
  server = await startTestServer({
    adapt: (services) => {
      services.etias.addCheck(check);
      return services;
    },
  });
  for (const username of ['etias-cu', 'border.fi']) {
    const r = await call('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } });
    tokens.set(username, r.body.token as string);
  }
}, 120_000);
afterAll(async () => {
  await server.close();
});

describe('POST /api/v1/etias/applications', () => {
  it('issues a clean application at once, with the fee, and limits the route per client', async () => {
    const res = await apply(etiasApplication());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'issued',
      fee: { amountCents: 2000, currency: 'EUR', exemption: null },
      validFrom: day(0),
    });
    expect(res.body.id).toMatch(/^app_/);
    expect(res.headers.get('x-ratelimit-limit')).not.toBeNull();
  });

  it('names every bad field in the problem', async () => {
    const app = etiasApplication();
    const res = await apply({
      ...app,
      givenNames: '  ',
      countryOfBirth: 'ZZZ',
      email: 'walker@',
      occupation: 'managers',
      document: { ...app.document, expiry: day(-1) },
      intendedFirstStay: { memberState: 'IE' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ETIAS_APPLICATION_INVALID');
    const problems = (res.body.details as { problems: Array<{ field: string; message: string }> }).problems;
    expect(problems.map((p) => p.field).sort()).toEqual([
      'countryOfBirth',
      'document.expiry',
      'email',
      'givenNames',
      'intendedFirstStay.memberState',
    ]);
    expect(problems.every((p) => p.message.length > 0)).toBe(true);
  });

  it('refuses unknown fields and dates that do not exist before the service', async () => {
    const unknown = await apply({ ...etiasApplication(), favouriteColour: 'blue' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('REQUEST_INVALID');
    const badDate = await apply({ ...etiasApplication(), birthDate: '1985-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.code).toBe('REQUEST_INVALID');
  });

  it('exempts from the fee at the age boundaries of art. 18(2)', async () => {
    const fee = async (birthDate: string) =>
      (await apply(etiasApplication({ birthDate }))).body.fee as {
        amountCents: number;
        exemption: string | null;
      };
    expect(await fee(yearsAgo(18, 1))).toEqual({ amountCents: 0, currency: 'EUR', exemption: 'under-18' });
    expect(await fee(yearsAgo(18))).toEqual({ amountCents: 2000, currency: 'EUR', exemption: null });
    expect(await fee(yearsAgo(70))).toEqual({ amountCents: 2000, currency: 'EUR', exemption: null });
    expect(await fee(yearsAgo(70, -1))).toEqual({ amountCents: 0, currency: 'EUR', exemption: 'over-70' });
    const family = await apply(etiasApplication({ familyMemberOfEuCitizen: true }));
    expect(family.body.fee).toEqual({ amountCents: 0, currency: 'EUR', exemption: 'family-member' });
  });

  it('answers a retry with the same Idempotency-Key with the first application', async () => {
    const app = etiasApplication();
    const first = await apply(app, { 'idempotency-key': 'etias-retry-1' });
    const retry = await apply(app, { 'idempotency-key': 'etias-retry-1' });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses a duplicate application for the same document and person with 409 naming the first', async () => {
    const app = etiasApplication();
    const first = await apply(app);
    const again = await apply({ ...app, email: 'other@example.org' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'ETIAS_DUPLICATE_APPLICATION',
      details: { applicationId: first.body.id },
    });
  });
});

describe('GET /api/v1/etias/applications/{id}/status', () => {
  it('needs the document number, and answers an unknown id and a wrong number alike', async () => {
    const app = etiasApplication();
    const { body } = await apply(app);
    const id = body.id as string;
    const missing = await call('GET', `/api/v1/etias/applications/${id}/status`);
    expect(missing.status).toBe(400);
    const ok = await call(
      'GET',
      `/api/v1/etias/applications/${id}/status?documentNumber=${encodeURIComponent(app.document.number)}`,
    );
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body).sort()).toEqual(['id', 'status', 'submittedAt', 'validFrom', 'validUntil']);
    const wrong = await call('GET', `/api/v1/etias/applications/${id}/status?documentNumber=X999`);
    const unknown = await call(
      'GET',
      `/api/v1/etias/applications/app_nope/status?documentNumber=${encodeURIComponent(app.document.number)}`,
    );
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe(wrong.body.code);
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });
});

describe('Central Unit verification (art. 22)', () => {
  async function suspectFile() {
    const { body } = await apply(etiasApplication({ surname: 'Suspect' }));
    expect(body.status).toBe('manual');
    const file = await call('GET', `/api/v1/etias/applications/${body.id as string}`, { as: 'etias-cu' });
    expect(file.status).toBe(200);
    return file.body as {
      id: string;
      version: number;
      hits: Array<{ id: string; rule: string; record: unknown; explanation: string[] }>;
    };
  }

  it('lists the file in the queue with its deadline and shows each hit with the record it hit', async () => {
    const file = await suspectFile();
    expect(file.hits).toEqual([
      expect.objectContaining({
        rule: 'SIS_REFUSAL_ALERT',
        record: { surname: 'SUSPECT', givenNames: 'JONATHAN', birthDate: '1985-04-12' },
        explanation: ['surname SUSPECT equal', 'date of birth equal'],
      }),
    ]);
    const queue = await call('GET', '/api/v1/etias/central-unit/queue?sort=deadline&limit=200', {
      as: 'etias-cu',
    });
    expect(queue.status).toBe(200);
    const items = queue.body.items as Array<{ id: string; deadline: { state: string }; openHits: number }>;
    expect(queue.body.total).toBeGreaterThanOrEqual(1);
    expect(items.find((i) => i.id === file.id)).toMatchObject({
      deadline: { state: 'on-time' },
      openHits: 1,
    });
    const overdue = await call('GET', '/api/v1/etias/central-unit/queue?deadline=overdue', {
      as: 'etias-cu',
    });
    expect(overdue.body.total).toBe(0);
    const border = await call('GET', '/api/v1/etias/central-unit/queue', { as: 'border.fi' });
    expect(border.status).toBe(403);
  });

  it('issues with the false-hit flag once the only hit is false', async () => {
    const file = await suspectFile();
    const res = await call(
      'POST',
      `/api/v1/etias/applications/${file.id}/hits/${file.hits[0]!.id}/verification`,
      {
        as: 'etias-cu',
        body: {
          verdict: 'false',
          note: 'Other date of birth on the alert photo page.',
          version: file.version,
        },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'issued',
      queue: null,
      flags: ['false-hit-assessed'],
      decidedBy: 'etias-cu',
    });
  });

  it('sends a confirmed hit to the National Unit of the state behind it, and refuses a second verdict', async () => {
    const file = await suspectFile();
    const url = `/api/v1/etias/applications/${file.id}/hits/${file.hits[0]!.id}/verification`;
    const stale = await call('POST', url, {
      as: 'etias-cu',
      body: { verdict: 'confirmed', version: file.version + 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('ETIAS_VERSION_CONFLICT');
    const res = await call('POST', url, { as: 'etias-cu', body: { verdict: 'confirmed' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'manual', queue: 'national-unit', responsibleState: 'IT' });
    const again = await call('POST', url, { as: 'etias-cu', body: { verdict: 'false' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ETIAS_HIT_NOT_OPEN');
    const bad = await call('POST', url, { as: 'etias-cu', body: { verdict: 'maybe' } });
    expect(bad.status).toBe(400);
  });

  it('answers 404 for an unknown file', async () => {
    const res = await call('GET', '/api/v1/etias/applications/app_missing', { as: 'etias-cu' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('ETIAS_APPLICATION_NOT_FOUND');
  });
});
