import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/contexts/access/index.ts';
import {
  allowanceOf,
  DEFAULT_SEARCH_PROFILES,
  type FieldAllowance,
  type SearchProfile,
} from '../../src/contexts/esp/index.ts';
import { startTestServer } from '../support/server.ts';

/**
 * Every search profile × every EES and SIS route that returns personal data: no field the profile withholds
 * reaches it, by key or in an explanation text (the same allowance as the search portal's).
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();

async function call(
  method: string,
  url: string,
  options: { user: string; purpose: string; body?: unknown },
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${tokens.get(options.user) ?? ''}`,
    'x-interlink-purpose': options.purpose,
  };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(`${server.url}${url}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: r.status, body: await r.json() };
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
let fileId = '';
let alertId = '';
let hitId = '';

/** The system routes that return personal data, with a request each that finds the seeded records. */
const ROUTES: ReadonlyArray<{ system: 'ees' | 'sis'; method: string; url: () => string; body?: unknown }> = [
  { system: 'ees', method: 'GET', url: () => `/api/v1/ees/files/${fileId}` },
  {
    system: 'ees',
    method: 'POST',
    url: () => '/api/v1/ees/search/document',
    body: { number: 'LEAK0001', issuingState: 'NGA' },
  },
  {
    system: 'ees',
    method: 'POST',
    url: () => '/api/v1/ees/search/identity',
    body: {
      surname: 'Leakwell',
      givenNames: 'Ada',
      birthDate: '1981-04-02',
      sex: 'F',
      nationalities: ['NGA'],
    },
  },
  {
    system: 'ees',
    method: 'POST',
    url: () => '/api/v1/ees/verifications',
    body: { number: 'LEAK0001', issuingState: 'NGA' },
  },
  { system: 'ees', method: 'GET', url: () => '/api/v1/ees/overstayers?limit=50' },
  { system: 'sis', method: 'GET', url: () => `/api/v1/sis/alerts/${alertId}` },
  { system: 'sis', method: 'GET', url: () => '/api/v1/sis/review-queue?limit=50' },
  {
    system: 'sis',
    method: 'POST',
    url: () => '/api/v1/sis/search/persons',
    body: { surname: 'Leakwell', givenNames: 'Ada', birthDate: '1981-04-02', sex: 'F' },
  },
  { system: 'sis', method: 'POST', url: () => '/api/v1/sis/search/documents', body: { number: 'SISLEAK1' } },
  { system: 'sis', method: 'GET', url: () => '/api/v1/sis/hits' },
  { system: 'sis', method: 'GET', url: () => `/api/v1/sis/hits/${hitId}` },
];

/** Every withheld key found anywhere in `value`, and every explanation text naming a withheld field. */
function leaks(value: unknown, allowance: FieldAllowance, path = ''): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => leaks(v, allowance, `${path}[${i}]`));
  }
  if (value === null || typeof value !== 'object') {
    return [];
  }
  return Object.entries(value).flatMap(([k, v]) => {
    const here = `${path}.${k}`;
    const found: string[] = allowance.withheldKeys.has(k) ? [here] : [];
    const texts = k === 'explanation' ? (Array.isArray(v) ? v : [v]) : [];
    for (const t of texts) {
      if (typeof t === 'string' && allowance.withheldWords.some((w) => w.test(t))) {
        found.push(`${here}: "${t}"`);
      }
    }
    return [...found, ...leaks(v, allowance, here)];
  });
}

const userOf = (p: SearchProfile) => DEMO_USERS.find((u) => u.authority.type === p.authorityType)!.username;

beforeAll(async () => {
  server = await startTestServer();
  for (const u of DEMO_USERS) {
    const r = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u.username, password: DEMO_PASSWORD }),
    });
    tokens.set(u.username, ((await r.json()) as { token: string }).token);
  }
  const guard = { user: 'border.fi', purpose: 'border-control' };
  const file = await call('POST', '/api/v1/ees/files', {
    ...guard,
    body: {
      kind: 'visa-holder',
      surname: 'Leakwell',
      givenNames: 'Ada',
      birthDate: '1981-04-02',
      nationalities: ['NGA'],
      sex: 'F',
      documents: [{ type: 'P', number: 'LEAK0001', issuingState: 'NGA', expiry: day(2000) }],
      facialImageRef: 'face:leakwell',
    },
  });
  expect(file.status).toBe(201);
  fileId = (file.body as { id: string }).id;
  const refusal = await call('POST', `/api/v1/ees/files/${fileId}/refusals`, {
    ...guard,
    body: { at: new Date(Date.now() - 3_600_000).toISOString(), bcpId: 'FI-HEL', reasons: ['C'] },
  });
  expect(refusal.status).toBe(201);

  const alert = await call('POST', '/api/v1/sis/alerts', {
    user: 'sirene.it',
    purpose: 'alert-management',
    body: {
      category: 'refusal',
      person: {
        surname: 'Leakwell',
        givenNames: 'Ada',
        birthDate: '1981-04-02',
        sex: 'F',
        nationalities: ['NGA'],
        aliases: ['Ada Leakey'],
        physicalCharacteristics: 'scar on the left hand',
        nationalRegistrationNumber: 'NGA-123-456',
        placeOfBirth: 'Lagos',
        documents: [{ type: 'passport', issuingCountry: 'NGA', number: 'SISLEAK1' }],
      },
      reason: 'Entry ban after a return decision',
      decisionRef: 'EB-LEAK-1',
    },
  });
  expect(alert.status).toBe(201);
  alertId = (alert.body as { id: string }).id;
  const hit = await call('POST', '/api/v1/sis/hits', {
    ...guard,
    body: { alertId, location: { place: 'FI-HEL' }, checked: { dataTypes: ['surname'] } },
  });
  expect(hit.status).toBe(201);
  hitId = (hit.body as { hitId: string }).hitId;
}, 300_000);
afterAll(async () => {
  await server.close();
});

describe('profiles filter the systems’ own routes', () => {
  it('never returns a withheld field, by key or in an explanation, to any profile on any route', async () => {
    const found: string[] = [];
    let answered = 0;
    for (const profile of DEFAULT_SEARCH_PROFILES) {
      const user = userOf(profile);
      for (const route of ROUTES) {
        const allowance = allowanceOf(profile, route.system);
        const r = await call(route.method, route.url(), { user, purpose: profile.purpose, body: route.body });
        expect(r.status, `${profile.id} ${route.method} ${route.url()}`).toBeLessThan(500);
        if (r.status < 300) {
          answered += 1;
          found.push(
            ...leaks(r.body, allowance).map((l) => `${profile.id} ${route.method} ${route.url()} ${l}`),
          );
        }
      }
    }
    expect(found).toEqual([]);
    // The matrix did reach data: at least the border, visa and immigration profiles read EES and SIS.
    expect(answered).toBeGreaterThan(15);
  });

  it('gives a visa authority the EES file and the SIS person without what its profile withholds', async () => {
    const visa = { user: 'visa.fr', purpose: 'visa-examination' };
    const file = await call('GET', `/api/v1/ees/files/${fileId}`, visa);
    expect(file.status).toBe(200);
    const view = file.body as { file: Record<string, unknown>; history: Record<string, unknown> };
    expect(view.file.surname).toBe('LEAKWELL');
    expect(view.file).not.toHaveProperty('sex');
    expect(view.history).not.toHaveProperty('refusals');

    const persons = await call('POST', '/api/v1/sis/search/persons', {
      ...visa,
      body: { surname: 'Leakwell', birthDate: '1981-04-02', sex: 'F' },
    });
    expect(persons.status).toBe(200);
    const text = JSON.stringify(persons.body);
    expect(text).toContain('Leakwell');
    for (const secret of ['Ada Leakey', 'scar on the left hand', 'NGA-123-456', 'Lagos', '"sex"']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/\bsex\b/iu);

    // The border guard's profile keeps them.
    const guardView = await call('GET', `/api/v1/ees/files/${fileId}`, {
      user: 'border.fi',
      purpose: 'border-control',
    });
    expect((guardView.body as { file: Record<string, unknown> }).file.sex).toBe('F');
  });
});
