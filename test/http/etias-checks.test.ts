import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { startTestServer } from '../support/server.ts';

/**
 * ETIAS automated processing against SIS over HTTP (issue 14, target 2): every application of a person with
 * a SIS refusal alert goes to `manual` under name variants, other people of the same name are `issued`, and a
 * notify-only alert reaches the issuing SIRENE Bureau without delaying the decision.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();

async function call(
  method: string,
  url: string,
  options: { user?: string; purpose?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (options.user !== undefined) {
    headers.authorization = `Bearer ${tokens.get(options.user) ?? ''}`;
  }
  if (options.purpose !== undefined) {
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
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

interface Person {
  surname: string;
  givenNames: string;
  birthDate: string;
  sex: 'M' | 'F';
  nationality: string;
}

let documents = 0;
/** An application of the person, each on a travel document of its own (one application per document). */
function application(p: Person) {
  documents += 1;
  return {
    surname: p.surname,
    givenNames: p.givenNames,
    birthDate: p.birthDate,
    placeOfBirth: 'KYIV',
    countryOfBirth: p.nationality,
    sex: p.sex,
    nationalities: [p.nationality],
    document: {
      type: 'P',
      number: `FE${String(100000 + documents)}`,
      issuingState: p.nationality,
      expiry: '2034-01-31',
    },
    residence: { country: p.nationality, city: 'KYIV' },
    email: 'applicant@example.org',
    intendedFirstStay: { memberState: 'IT' },
    background: { criminalConviction: false, conflictZoneStay: false, removalOrder: false },
  };
}

async function apply(p: Person): Promise<{ id: string; status: string }> {
  const r = await call('POST', '/api/v1/etias/applications', { body: application(p) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; status: string };
}

const ALERTED: Person = {
  surname: 'SHEVCHENKO',
  givenNames: 'TARAS',
  birthDate: '1985-03-14',
  sex: 'M',
  nationality: 'UKR',
};
const sirene = { user: 'sirene.it', purpose: 'alert-management' };
const centralUnit = { user: 'etias-cu', purpose: 'etias-examination' };
const alerts: Record<string, string> = {};

async function enterAlert(name: string, body: Record<string, unknown>) {
  const r = await call('POST', '/api/v1/sis/alerts', { ...sirene, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  alerts[name] = (r.body as { id: string }).id;
}

beforeAll(async () => {
  server = await startTestServer({ env: { INTERLINK_RATE_LIMIT_PUBLIC: '1000' } });
  for (const username of ['sirene.it', 'etias-cu']) {
    const r = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    tokens.set(username, ((await r.json()) as { token: string }).token);
  }
  await enterAlert('refusal', {
    category: 'refusal',
    person: {
      surname: ALERTED.surname,
      givenNames: ALERTED.givenNames,
      birthDate: ALERTED.birthDate,
      sex: 'M',
      nationalities: ['UKR'],
    },
    reason: 'Entry ban under Directive 2008/115',
    decisionRef: 'IT-BAN-2026-1',
  });
  await enterAlert('serbian', {
    category: 'refusal',
    person: {
      surname: 'MARKOVIĆ',
      givenNames: 'NIKOLA',
      birthDate: '1990-10-10',
      sex: 'M',
      nationalities: ['SRB'],
    },
    reason: 'Threat to public order',
    decisionRef: 'IT-BAN-2026-2',
  });
  await enterAlert('missing', {
    category: 'missing',
    missingSubcategory: 'b',
    person: {
      surname: 'BONDARENKO',
      givenNames: 'IRYNA',
      birthDate: '1999-01-20',
      sex: 'F',
      nationalities: ['UKR'],
    },
    reason: 'Missing adult',
    decisionRef: 'IT-MISSING-7',
  });
});
afterAll(async () => {
  await server.close();
});

describe('ETIAS applications against SIS over HTTP', () => {
  const variants: Array<[string, Partial<Person>]> = [
    ['as written in the alert', {}],
    ['in Cyrillic script', { surname: 'ШЕВЧЕНКО', givenNames: 'ТАРАС' }],
    ['with one typo', { surname: 'SHEVCHENKA' }],
    ['with the name parts swapped', { surname: 'TARAS', givenNames: 'SHEVCHENKO' }],
    ['with an unknown day of birth', { birthDate: '1985-03-00' }],
  ];
  for (const [label, over] of variants) {
    it(`sends the application of the person with a refusal alert ${label} to manual processing`, async () => {
      const { id, status } = await apply({ ...ALERTED, ...over });
      expect(status).toBe('manual');
      const file = await call('GET', `/api/v1/etias/applications/${id}`, centralUnit);
      expect(file.status).toBe(200);
      const hits = (file.body as { hits: Array<Record<string, unknown>> }).hits;
      const hit = hits.find((h) => h.recordRef === `sis:${alerts.refusal}`);
      expect(hit).toMatchObject({
        source: 'sis',
        memberState: 'IT',
        refusalGround: 'sis-refusal',
        notifyOnly: false,
        record: expect.objectContaining({ surname: 'SHEVCHENKO', birthDate: '1985-03-14' }) as unknown,
      });
      expect(['SIS_REFUSAL_ALERT', 'SIS_POSSIBLE_MATCH']).toContain(hit!.rule);
      expect((hit!.explanation as string[]).length).toBeGreaterThan(1);
    });
  }

  it('routes a Serbian applicant who writes the name without its diacritics', async () => {
    const { status } = await apply({
      surname: 'MARKOVIC',
      givenNames: 'NIKOLA',
      birthDate: '1990-10-10',
      sex: 'M',
      nationality: 'SRB',
    });
    expect(status).toBe('manual');
  });

  it('issues the applications of other people of the same name, born on another day, with another document', async () => {
    for (const birthDate of ['1990-07-21', '1985-09-30', '1962-03-14']) {
      const { status } = await apply({ ...ALERTED, birthDate });
      expect(status, birthDate).toBe('issued');
    }
  });

  it('issues at once on a notify-only alert and reports the hit to the issuing SIRENE Bureau', async () => {
    const { id, status } = await apply({
      surname: 'BONDARENKO',
      givenNames: 'IRYNA',
      birthDate: '1999-01-20',
      sex: 'F',
      nationality: 'UKR',
    });
    expect(status).toBe('issued');
    const hits = await call('GET', `/api/v1/sis/hits?alertId=${alerts.missing}`, {
      user: 'sirene.it',
      purpose: 'sirene-exchange',
    });
    expect(hits.status).toBe(200);
    expect((hits.body as { hits: unknown[] }).hits).toEqual([
      expect.objectContaining({
        alertId: alerts.missing,
        issuingState: 'IT',
        place: `ETIAS automated processing (application ${id})`,
      }),
    ]);
  });
});
