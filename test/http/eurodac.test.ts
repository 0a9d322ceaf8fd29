import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { SyntheticBiometrics, type TemplateInput } from '../../src/contexts/sbms/index.ts';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();
const gen = new SyntheticBiometrics({ seed: 2024 });

async function call(
  method: string,
  url: string,
  options: {
    as?: string;
    purpose?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as !== undefined) {
    headers.authorization = `Bearer ${tokens.get(options.as)}`;
  }
  if (options.purpose !== undefined) {
    headers['x-interlink-purpose'] = options.purpose;
  }
  let body: string | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers['content-type'] = 'application/json';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(`${server.url}${url}`, { method, headers, body });
  const text = await r.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: r.status, body: parsed, headers: r.headers };
}

const asylum = (as: string, body: unknown, headers?: Record<string, string>) =>
  call('POST', '/api/v1/eurodac/datasets', {
    as,
    purpose: 'asylum-procedure',
    body,
    ...(headers === undefined ? {} : { headers }),
  });

function dataset(person: string, capture: number, extra: Record<string, unknown> = {}) {
  return {
    category: 'applicant',
    fingerprints: gen.fingers(person, undefined, { capture }),
    face: gen.face(person, { capture }),
    identity: {
      surname: 'Rahimi',
      givenNames: 'Zahra',
      birthDate: '1995-03-14',
      sex: 'F',
      nationalities: ['AFG'],
    },
    ...extra,
  };
}

interface Registered {
  id: string;
  recorded: boolean;
  hits: Array<{ hitId?: string; datasetId: string; memberState: string; category: string; score: number }>;
}

beforeAll(async () => {
  server = await startTestServer();
  for (const username of ['asylum.gr', 'asylum.de', 'police.nl', 'border.fi']) {
    const r = await call('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } });
    expect(r.status).toBe(200);
    tokens.set(username, r.body.token as string);
  }
});
afterAll(async () => {
  await server.close();
});

describe('Eurodac over HTTP', () => {
  let greek: Registered;
  let german: Registered;

  it('registers the same person twice with new captures: the second registration hits the first', async () => {
    const first = await asylum('asylum.gr', dataset('zahra', 0));
    expect(first.status).toBe(201);
    greek = first.body as unknown as Registered;
    expect(greek.hits).toEqual([]);
    const second = await asylum('asylum.de', dataset('zahra', 1, { category: 'irregular-crossing' }));
    expect(second.status).toBe(201);
    german = second.body as unknown as Registered;
    expect(german.hits).toEqual([
      expect.objectContaining({ datasetId: greek.id, memberState: 'GR', category: 'applicant' }),
    ]);
  });

  it('gives no hit for a different person', async () => {
    const r = await asylum('asylum.de', dataset('someone-else', 0));
    expect(r.status).toBe(201);
    expect(r.body.hits).toEqual([]);
  });

  it('replays a registration sent again with the same Idempotency-Key', async () => {
    const body = dataset('idem', 0);
    const a = await asylum('asylum.gr', body, { 'idempotency-key': 'eurodac-idem-1' });
    const b = await asylum('asylum.gr', body, { 'idempotency-key': 'eurodac-idem-1' });
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(b.body).toEqual(a.body);
  });

  it('refuses a child of five with EURODAC_BELOW_MINIMUM_AGE', async () => {
    const r = await asylum(
      'asylum.gr',
      dataset('little', 0, {
        identity: {
          surname: 'Rahimi',
          givenNames: 'Ali',
          birthDate: '2022-01-01',
          sex: 'M',
          nationalities: ['AFG'],
        },
      }),
    );
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('EURODAC_BELOW_MINIMUM_AGE');
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sends the hit to the new dataset’s state: the expert sees the scores per finger and decides', async () => {
    const list = await call('GET', '/api/v1/eurodac/hits?state=pending', {
      as: 'asylum.de',
      purpose: 'asylum-procedure',
    });
    expect(list.status).toBe(200);
    const hitId = german.hits[0]!.hitId!;
    expect((list.body.hits as Array<{ id: string }>).map((h) => h.id)).toContain(hitId);
    const other = await call('GET', '/api/v1/eurodac/hits?state=pending', {
      as: 'asylum.gr',
      purpose: 'asylum-procedure',
    });
    expect((other.body.hits as Array<{ id: string }>).map((h) => h.id)).not.toContain(hitId);
    const hit = await call('GET', `/api/v1/eurodac/hits/${hitId}`, {
      as: 'asylum.de',
      purpose: 'asylum-procedure',
    });
    expect(hit.status).toBe(200);
    const comparison = hit.body.comparison as Array<{ modality: string; position: number; score: number }>;
    expect(comparison.filter((c) => c.modality === 'finger')).toHaveLength(10);
    expect(hit.body.matched).toMatchObject({
      id: greek.id,
      memberState: 'GR',
      identity: { surname: 'Rahimi' },
    });
    const verified = await call('POST', `/api/v1/eurodac/hits/${hitId}/verification`, {
      as: 'asylum.de',
      purpose: 'asylum-procedure',
      body: { outcome: 'confirmed', reason: 'Minutiae agree on ten fingers' },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.state).toBe('confirmed');
  });

  it('marks on granting protection and sends the notice to the state with the hit', async () => {
    const marked = await call('POST', `/api/v1/eurodac/datasets/${greek.id}/marking`, {
      as: 'asylum.gr',
      purpose: 'asylum-procedure',
      body: {},
    });
    expect(marked.status).toBe(200);
    expect(marked.body.noticesSent).toEqual([expect.objectContaining({ memberState: 'DE' })]);
    const notices = await call('GET', '/api/v1/eurodac/notices?open=true', {
      as: 'asylum.de',
      purpose: 'asylum-procedure',
    });
    const notice = (
      notices.body.notices as Array<{ id: string; datasetId: string; markedDatasetId: string }>
    ).find((n) => n.markedDatasetId === greek.id)!;
    expect(notice.datasetId).toBe(german.id);
    const theirs = await call('POST', `/api/v1/eurodac/datasets/${german.id}/marking`, {
      as: 'asylum.de',
      purpose: 'asylum-procedure',
      body: { noticeId: notice.id },
    });
    expect(theirs.status).toBe(200);
    expect(theirs.body.dataset).toMatchObject({ marking: { basis: 'notice' } });
  });

  it('shows a dataset to its own state only (art. 40)', async () => {
    const own = await call('GET', `/api/v1/eurodac/datasets/${greek.id}`, {
      as: 'asylum.gr',
      purpose: 'asylum-procedure',
    });
    expect(own.status).toBe(200);
    expect(own.body.holdings).toMatchObject({ face: { quality: 80 } });
    const foreign = await call('GET', `/api/v1/eurodac/datasets/${greek.id}`, {
      as: 'asylum.de',
      purpose: 'asylum-procedure',
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('EURODAC_DATASET_NOT_FOUND');
  });

  it('erases on naturalisation with the templates: a new capture no longer hits', async () => {
    const r = (await asylum('asylum.gr', dataset('citizen-now', 0))).body as unknown as Registered;
    const erased = await call('POST', `/api/v1/eurodac/datasets/${r.id}/erasure`, {
      as: 'asylum.gr',
      purpose: 'asylum-procedure',
      body: { reason: 'naturalisation' },
    });
    expect(erased.status).toBe(200);
    expect(erased.body.templatesRemoved).toBe(11);
    const again = await asylum('asylum.de', dataset('citizen-now', 1));
    expect(again.body.hits).toEqual([]);
  });

  describe('law-enforcement comparison (art. 33)', () => {
    const request = (fingerprints: TemplateInput[]) => ({
      caseReference: 'NL-OM-2026-17',
      offence: { kind: 'terrorist-offence', description: 'Preparation of an attack' },
      reasons: 'Prints on the device; national, Prüm and VIS checks gave nothing',
      priorChecks: { nationalDatabases: true, prumFingerprints: true, vis: true },
      verifyingAuthority: 'Landelijk Parket',
      fingerprints,
    });

    it('refuses a request without its conditions', async () => {
      const { priorChecks: _skipped, ...incomplete } = request(gen.fingers('zahra', [1, 2], { capture: 5 }));
      const r = await call('POST', '/api/v1/eurodac/law-enforcement/comparisons', {
        as: 'police.nl',
        purpose: 'law-enforcement',
        body: incomplete,
      });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('EURODAC_LE_CONDITIONS_NOT_MET');
    });

    it('answers hit with the references only under the conditions', async () => {
      const r = await call('POST', '/api/v1/eurodac/law-enforcement/comparisons', {
        as: 'police.nl',
        purpose: 'law-enforcement',
        body: request(gen.fingers('zahra', [1, 2, 3], { capture: 5 })),
      });
      expect(r.status).toBe(200);
      expect(r.body.result).toBe('hit');
      expect(r.body.hits).toEqual(expect.arrayContaining([{ datasetId: greek.id, memberState: 'GR' }]));
    });

    it('is closed to a border guard', async () => {
      const r = await call('POST', '/api/v1/eurodac/law-enforcement/comparisons', {
        as: 'border.fi',
        purpose: 'border-control',
        body: request([]),
      });
      expect(r.status).toBe(403);
    });
  });

  it('never answers 5xx to arbitrary registrations and comparisons (property-based)', async () => {
    const base64 = fc.oneof(
      fc.string(),
      fc.uint8Array({ maxLength: 1200 }).map((b) => Buffer.from(b).toString('base64')),
      fc.constant(gen.finger('fuzz', 1).template),
    );
    const template = fc.record(
      {
        modality: fc.oneof(fc.constantFrom('finger', 'face'), fc.string()),
        position: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constant(1.5)),
        template: base64,
        quality: fc.oneof(fc.double(), fc.integer({ min: -5, max: 105 })),
      },
      { requiredKeys: ['modality', 'template', 'quality'] },
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          category: fc.oneof(fc.constantFrom('applicant', 'resettlement', 'illegal-stay'), fc.string()),
          admission: fc.constantFrom('registered', 'granted', 'refused', 'x'),
          fingerprints: fc.array(template, { maxLength: 4 }),
          face: template,
          identity: fc.record({
            surname: fc.string(),
            givenNames: fc.string(),
            birthDate: fc.oneof(fc.constantFrom('2000-00-00', '2024-02-29', '1899-01-01'), fc.string()),
            sex: fc.constantFrom('M', 'F', 'X', 'Q'),
            nationalities: fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
          }),
        },
        { requiredKeys: ['category', 'fingerprints'] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          { url: '/api/v1/eurodac/datasets', as: 'asylum.gr', purpose: 'asylum-procedure' },
          { url: '/api/v1/eurodac/law-enforcement/comparisons', as: 'police.nl', purpose: 'law-enforcement' },
        ),
        body,
        async (route, b) => {
          const r = await call('POST', route.url, {
            as: route.as,
            purpose: route.purpose,
            rawBody: JSON.stringify(b),
          });
          expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
        },
      ),
      { numRuns: 120 },
    );
  }, 300_000);
});
