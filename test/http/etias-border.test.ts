import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { generateMrzOrThrow } from '../../src/contexts/identity/index.ts';
import { localDateAt } from '../../src/contexts/reference/index.ts';
import { seedEtiasFile, type SeededFile } from '../support/etias.ts';
import { startTestServer } from '../support/server.ts';
import { plusYears } from '../../src/platform/dates.ts';

/**
 * ETIAS everywhere else (issue 14 item 5): the border check (art. 47), the carrier service (art. 45) and the
 * search portal (2019/817 art. 9) over real HTTP, on authorisations in every state a border meets. ETIAS is
 * required here (no transitional period, art. 83(1)).
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();

const PURPOSE: Record<string, string> = {
  'border.fi': 'border-control',
  'immigration.de': 'immigration-check',
  'carrier.lh': 'carrier-verification',
  'etias-nu.es': 'etias-examination',
};

async function call(
  method: string,
  url: string,
  options: { as: string; body?: unknown },
): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const r = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens.get(options.as)}`,
      'x-interlink-purpose': PURPOSE[options.as]!,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await r.text();
  const json = r.headers.get('content-type')?.includes('json') === true && !text.includes('\n{');
  return { status: r.status, body: json ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
}

/** A day counted from today at FI-HEL, whose local date is the one the check counts from. */
const day = (offsetDays: number) =>
  new Date(Date.parse(`${localDateAt('FI-HEL', new Date())}T00:00:00Z`) + offsetDays * 86_400_000)
    .toISOString()
    .slice(0, 10);

/** A passport MRZ of a visa-exempt traveller (or of the nationality given). */
function passport(documentNumber: string, nationality = 'USA'): string {
  return generateMrzOrThrow({
    format: 'TD3',
    documentCode: 'P',
    issuingState: nationality,
    surname: 'WALKER',
    givenNames: 'JANE',
    documentNumber,
    nationality,
    birthDate: '880305',
    sex: 'F',
    expiryDate: '350101',
  }).lines.join('\n');
}

interface Finding {
  code: string;
  level: string;
  refusalGround?: string;
  params?: Record<string, unknown>;
}
interface CheckBody {
  verdict: string;
  findings: Finding[];
  extra: { etias?: { required: boolean; answer: Record<string, unknown> | null } };
}

async function check(documentNumber: string, nationality = 'USA', bcpId = 'FI-HEL') {
  const r = await call('POST', '/api/v1/border-check', {
    as: 'border.fi',
    body: { mrz: passport(documentNumber, nationality), bcpId },
  });
  expect(r.status).toBe(200);
  const body = r.body as unknown as CheckBody;
  return { ...body, etias: body.findings.filter((f) => f.code.startsWith('ETIAS_')) };
}

const files: Record<string, SeededFile> = {};

beforeAll(async () => {
  server = await startTestServer({ env: { INTERLINK_ETIAS_TRANSITIONAL_UNTIL: 'none' } });
  for (const username of Object.keys(PURPOSE)) {
    const r = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    tokens.set(username, ((await r.json()) as { token: string }).token);
  }
  const seed = (number: string, over: Partial<SeededFile> = {}) =>
    seedEtiasFile(server.services, { documentNumber: number, issuingState: 'USA', ...over });
  files.valid = await seed('EV100001', { validUntil: day(700) });
  files.soon = await seed('EV100002', { validUntil: day(30) });
  files.secondLine = await seed('EV100003', { validUntil: day(700), flags: ['second-line-check'] });
  files.falseHit = await seed('EV100004', { validUntil: day(700), flags: ['false-hit-assessed'] });
  files.ltvElsewhere = await seed('EV100005', { validUntil: day(60), territorialValidity: ['FR', 'DE'] });
  files.ltvHere = await seed('EV100006', { validUntil: day(60), territorialValidity: ['FI'] });
  files.revoked = await seed('EV100007', { status: 'revoked', validUntil: day(700), decidedOn: day(-3) });
  files.refused = await seed('EV100008', { status: 'refused', validUntil: null, decidedOn: day(-10) });
  files.removeFlag = await seed('EV100009', { validUntil: day(700), flags: ['second-line-check'] });
});
afterAll(async () => {
  await server.close();
});

describe('the border check (ETIAS art. 47)', () => {
  it('shows a valid travel authorisation: valid, its end and the days left, no stop', async () => {
    const r = await check('EV100001');
    expect(r.etias.map((f) => [f.code, f.level, f.params?.days])).toEqual([['ETIAS_VALID', 'info', 701]]);
    expect(r.extra.etias).toMatchObject({
      required: true,
      answer: { valid: true, validUntil: day(700), remainingDays: 701, territorialValidity: null, flags: [] },
    });
    expect(r.verdict).not.toBe('refusal-suggested');
  });

  it('stops a visa-exempt traveller without one, on the ground of no valid travel authorisation', async () => {
    const r = await check('EV199999');
    expect(r.etias).toEqual([
      expect.objectContaining({ code: 'ETIAS_MISSING', level: 'stop', refusalGround: 'ETIAS' }),
    ]);
    expect(r.verdict).toBe('refusal-suggested');
    expect(r.extra.etias?.answer).toMatchObject({ valid: false, status: 'none' });
  });

  it('recommends a second-line check for an art. 36(2) flag and notes an art. 36(3) one', async () => {
    const flagged = await check('EV100003');
    expect(flagged.etias.map((f) => [f.code, f.level]).sort()).toEqual([
      ['ETIAS_FLAG_SECOND_LINE', 'attention'],
      ['ETIAS_VALID', 'info'],
    ]);
    expect(flagged.verdict).toBe('attention');
    const falseHit = await check('EV100004');
    expect(falseHit.etias.map((f) => [f.code, f.level]).sort()).toEqual([
      ['ETIAS_FLAG_FALSE_HIT', 'info'],
      ['ETIAS_VALID', 'info'],
    ]);
  });

  it('says when the authorisation expires within 90 days, so that the traveller is told', async () => {
    const r = await check('EV100002');
    expect(r.etias).toContainEqual(
      expect.objectContaining({ code: 'ETIAS_EXPIRES_SOON', params: { until: day(30), days: 31 } }),
    );
    expect(r.extra.etias?.answer).toMatchObject({ expiresSoon: true, remainingDays: 31 });
  });

  it("stops a limited-territorial-validity authorisation that leaves out the crossing point's state", async () => {
    const elsewhere = await check('EV100005');
    expect(elsewhere.etias).toContainEqual(
      expect.objectContaining({ code: 'ETIAS_LIMITED_VALIDITY', level: 'stop', refusalGround: 'ETIAS' }),
    );
    expect(elsewhere.etias.some((f) => f.code === 'ETIAS_VALID')).toBe(false);
    const here = await check('EV100006');
    const limited = here.etias.find((f) => f.code === 'ETIAS_LIMITED_VALIDITY');
    expect([limited?.level, limited?.params?.validHere]).toEqual(['attention', 'yes']);
    expect(here.extra.etias?.answer).toMatchObject({ valid: true, territorialValidity: ['FI'] });
  });

  it('stops on a revoked or refused authorisation, naming the decision', async () => {
    const revoked = await check('EV100007');
    expect(revoked.etias.map((f) => [f.code, f.level, f.params?.date])).toEqual([
      ['ETIAS_REVOKED', 'stop', day(-3)],
    ]);
    const refused = await check('EV100008');
    expect(refused.etias).toEqual([expect.objectContaining({ code: 'ETIAS_REFUSED', level: 'stop' })]);
  });

  it('removes the second-line flag once the check is made and EES holds the entry (art. 36(2))', async () => {
    const guard = await server.services.access.authenticate(tokens.get('border.fi')!);
    const call = { actor: guard, purpose: 'border-control' };
    const before = await check('EV100009');
    expect(before.etias.map((f) => f.code)).toContain('ETIAS_FLAG_SECOND_LINE');
    const { value: file } = await server.services.ees.createFile({
      ...call,
      input: {
        kind: 'visa-exempt',
        surname: 'WALKER',
        givenNames: 'JANE',
        birthDate: '1988-03-05',
        nationalities: ['USA'],
        sex: 'F',
        documents: [{ type: 'P', number: 'EV100009', issuingState: 'USA', expiry: '2035-01-01' }],
        facialImageRef: 'face:walker',
        fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
      },
    });
    await server.services.ees.recordEntry({
      ...call,
      fileId: file.id,
      input: { at: new Date().toISOString(), bcpId: 'FI-HEL' },
    });
    // The screen checks again after the entry is recorded: the traveller is present, the flag goes.
    await check('EV100009');
    const after = await check('EV100009');
    expect(after.extra.etias?.answer).toMatchObject({ valid: true, flags: [] });
    expect(after.etias.map((f) => f.code)).not.toContain('ETIAS_FLAG_SECOND_LINE');
    const { rows } = await sql<{ kind: string }>`select kind from etias.event
      where application_id = ${files.removeFlag!.applicationId} and kind = 'flag-removed'`.execute(
      server.services.database.db,
    );
    expect(rows).toHaveLength(1);
  });

  it('asks ETIAS nothing for a visa holder or an EU citizen', async () => {
    for (const nationality of ['IND', 'DEU']) {
      const r = await check('EV100001', nationality);
      expect(r.etias).toEqual([]);
      expect(r.extra.etias).toMatchObject({ required: false, answer: null });
    }
  });

  it('logs the query with the data used and returned, under the border authority (art. 69)', async () => {
    await check('EV100002');
    const { rows } = await sql<{
      authority_name: string;
      query_data_types: string[];
      result_summary: string;
      record_refs: string[];
      retain_until: string;
    }>`select authority_name, query_data_types, result_summary, record_refs, retain_until::text
       from audit.event where operation = 'etias.border-query' order by seq desc limit 1`.execute(
      server.services.database.db,
    );
    expect(rows[0]).toMatchObject({
      query_data_types: ['documentNumber', 'issuingState', 'nationality', 'documentExpiry'],
      record_refs: [files.soon!.applicationId],
    });
    expect(rows[0]!.result_summary).toContain(`valid until ${day(30)}`);
    expect(rows[0]!.authority_name).not.toBe('');
    // Kept one year after the file's own retention ends (art. 69(4) [K]; the file: its validity, art. 54(1)(a)).
    expect(rows[0]!.retain_until).toBe(plusYears(day(30), 1));
  });
});

describe('the carrier service (ETIAS art. 45)', () => {
  const ask = (documentNumber: string, memberStateOfEntry = 'FI', nationality = 'USA') =>
    call('POST', '/api/v1/etias/carrier-service', {
      as: 'carrier.lh',
      body: { documentNumber, issuingState: 'USA', nationality, memberStateOfEntry, intendedEntry: day(1) },
    });

  it('answers OK or NOT_OK and nothing else, in the same shape whatever the case', async () => {
    const answers = {
      valid: await ask('EV100001'),
      none: await ask('EV199999'),
      revoked: await ask('EV100007'),
      ltvElsewhere: await ask('EV100005'),
      ltvHere: await ask('EV100006'),
      ltvInFrance: await ask('EV100005', 'FRA'),
      visaHolder: await ask('EV199999', 'FI', 'IND'),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.body]))).toEqual({
      valid: { status: 'OK' },
      none: { status: 'NOT_OK' },
      revoked: { status: 'NOT_OK' },
      ltvElsewhere: { status: 'NOT_OK' },
      ltvHere: { status: 'OK' },
      ltvInFrance: { status: 'OK' },
      visaHolder: { status: 'OK' },
    });
    for (const r of Object.values(answers)) {
      expect(r.status).toBe(200);
    }
  });

  it('refuses a state of entry that does not apply ETIAS, and a caller that is not a carrier', async () => {
    const bad = await ask('EV100001', 'GB');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('ETIAS_CARRIER_STATE_UNKNOWN');
    const guard = await call('POST', '/api/v1/etias/carrier-service', {
      as: 'border.fi',
      body: {
        documentNumber: 'EV100001',
        issuingState: 'USA',
        nationality: 'USA',
        memberStateOfEntry: 'FI',
        intendedEntry: day(1),
      },
    });
    expect(guard.status).toBe(403);
  });
});

describe('the search portal (2019/817 art. 9)', () => {
  async function etiasAnswer(as: string, query: Record<string, string>) {
    const r = await call('POST', '/api/v1/search', { as, body: query });
    expect(r.status).toBe(200);
    const lines = r.text
      .split('\n')
      .filter((l) => l !== '')
      .map(
        (l) =>
          JSON.parse(l) as {
            type: string;
            answer?: {
              system: string;
              status: string;
              results: Array<{ recordRef: string; fields: Record<string, unknown> }>;
            };
          },
      );
    return lines.find((l) => l.answer?.system === 'etias')?.answer;
  }

  it('gives the border the validity, flags and territorial validity, and nothing of the file', async () => {
    const a = await etiasAnswer('border.fi', { documentNumber: 'EV100003', documentIssuingState: 'USA' });
    expect(a?.status).toBe('ok');
    expect(a?.results).toHaveLength(1);
    expect(Object.keys(a!.results[0]!.fields).sort()).toEqual(
      [
        'applicationId',
        'expiresSoon',
        'flags',
        'remainingDays',
        'territorialValidity',
        'valid',
        'validUntil',
      ].sort(),
    );
    expect(a!.results[0]!.fields.flags).toEqual(['second-line-check']);
  });

  it('gives immigration the art. 49(2) fields only: no flags', async () => {
    const a = await etiasAnswer('immigration.de', {
      documentNumber: 'EV100003',
      documentIssuingState: 'USA',
    });
    expect(a?.results).toHaveLength(1);
    expect(Object.keys(a!.results[0]!.fields).sort()).toEqual(
      ['applicationId', 'expiresSoon', 'territorialValidity', 'valid', 'validUntil'].sort(),
    );
  });

  it('gives an ETIAS National Unit the file, found by identity too', async () => {
    const byDocument = await etiasAnswer('etias-nu.es', {
      documentNumber: 'EV100007',
      documentIssuingState: 'USA',
    });
    expect(byDocument?.results[0]?.fields).toMatchObject({ status: 'revoked', surname: 'Walker' });
    const byIdentity = await etiasAnswer('etias-nu.es', {
      surname: 'Walker',
      givenNames: 'Jane',
      birthDate: '1988-03-05',
    });
    expect(byIdentity?.status).toBe('ok');
    expect(byIdentity!.results.length).toBeGreaterThanOrEqual(1);
    expect(byIdentity!.results.every((r) => r.recordRef.startsWith('etias:'))).toBe(true);
  });
});
