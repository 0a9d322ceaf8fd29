import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();

const PURPOSE: Record<string, string> = {
  'border.fi': 'border-control',
  'visa.fr': 'visa-examination',
  'immigration.de': 'immigration-check',
  'carrier.lh': 'carrier-verification',
  'police.nl': 'law-enforcement',
};

async function call(
  method: string,
  url: string,
  options: { as?: string; body?: unknown; purpose?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) {
    headers.authorization = `Bearer ${tokens.get(options.as)}`;
    headers['x-interlink-purpose'] = options.purpose ?? PURPOSE[options.as]!;
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
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

function visaHolder(number: string) {
  return {
    kind: 'visa-holder',
    surname: 'Okafor',
    givenNames: 'Chidi',
    birthDate: '1988-07-00',
    nationalities: ['NGA'],
    sex: 'M',
    documents: [{ type: 'P', number, issuingState: 'NGA', expiry: day(2000) }],
    facialImageRef: 'face:okafor',
  };
}

const visa = {
  stickerNumber: 'FIN0001',
  issuingState: 'FIN',
  type: 'C',
  entries: 1,
  durationOfStay: 30,
  validFrom: day(-10),
  validUntil: day(60),
};

beforeAll(async () => {
  server = await startTestServer();
  for (const username of Object.keys(PURPOSE)) {
    const r = await call('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } });
    tokens.set(username, r.body.token as string);
  }
});
afterAll(async () => {
  await server.close();
});

describe('EES over HTTP', () => {
  let fileId = '';

  it('creates a file, records an entry and an exit, and shows the travel history', async () => {
    const created = await call('POST', '/api/v1/ees/files', {
      as: 'border.fi',
      body: visaHolder('A1234567'),
    });
    expect(created.status).toBe(201);
    fileId = created.body.id as string;
    expect(created.body).toMatchObject({
      kind: 'visa-holder',
      surname: 'OKAFOR',
      fingerprints: { status: 'not-stored' },
    });

    const entryBody = { at: hoursAgo(3), bcpId: 'FI-HEL', visa };
    const entry = await call('POST', `/api/v1/ees/files/${fileId}/entries`, {
      as: 'border.fi',
      body: entryBody,
      headers: { 'idempotency-key': 'entry-1' },
    });
    expect(entry.status).toBe(201);
    expect(entry.body).toMatchObject({ entry: { bcp: 'FI-HEL' }, limitedBy: 'VISA_DURATION', exit: null });
    const replay = await call('POST', `/api/v1/ees/files/${fileId}/entries`, {
      as: 'border.fi',
      body: entryBody,
      headers: { 'idempotency-key': 'entry-1' },
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(entry.body);

    const second = await call('POST', `/api/v1/ees/files/${fileId}/entries`, {
      as: 'border.fi',
      body: { ...entryBody, at: hoursAgo(2) },
    });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('EES_STAY_ALREADY_OPEN');

    const exit = await call('POST', `/api/v1/ees/files/${fileId}/exits`, {
      as: 'border.fi',
      body: { at: hoursAgo(1), bcpId: 'FI-VAALIMAA' },
    });
    expect(exit.status).toBe(200);
    expect(exit.body).toMatchObject({ exit: { bcp: 'FI-VAALIMAA' }, overstayDays: 0 });

    const view = await call('GET', `/api/v1/ees/files/${fileId}`, { as: 'visa.fr' });
    expect(view.status).toBe(200);
    const history = view.body.history as { records: Array<{ exit: unknown }>; refusals: unknown[] };
    expect(history.records).toHaveLength(1);
    expect(history.records[0]!.exit).not.toBeNull();
    expect(view.body.stay).toMatchObject({ calculatorApplied: true, visa: { entriesExhausted: true } });
  });

  it('records a refusal with its Annex V grounds', async () => {
    const created = await call('POST', '/api/v1/ees/files', {
      as: 'border.fi',
      body: visaHolder('B7654321'),
    });
    const refusal = await call('POST', `/api/v1/ees/files/${created.body.id as string}/refusals`, {
      as: 'border.fi',
      body: { at: hoursAgo(1), bcpId: 'FI-HEL', reasons: ['ETIAS', 'C'] },
    });
    expect(refusal.status).toBe(201);
    expect(refusal.body).toMatchObject({ reasons: ['C', 'ETIAS'], bcp: 'FI-HEL', memberState: 'FI' });
  });

  it('gives a carrier only { status }', async () => {
    const r = await call('POST', '/api/v1/ees/carrier-service', {
      as: 'carrier.lh',
      body: { documentNumber: 'A1234567', issuingState: 'NGA', intendedEntry: day(5) },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'NOT_OK' });
    expect(Object.keys(r.body)).toHaveLength(1);
  });

  it('gives a traveller, without login, only OK/NOT_OK and the remaining days', async () => {
    const r = await call('POST', '/api/v1/ees/traveller-service', {
      body: {
        documentNumber: 'A1234567',
        issuingState: 'NGA',
        documentExpiry: day(2000),
        intendedEntry: day(5),
        intendedExit: day(10),
      },
    });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['remainingDays', 'status']);
    // The single-entry visa recorded at entry is used up.
    expect(r.body).toEqual({ status: 'NOT_OK', remainingDays: 0 });
  });

  it('answers known, unknown, wrong-expiry and family-member documents with the same shape (EES art. 13(1))', async () => {
    const family = await call('POST', '/api/v1/ees/files', { as: 'border.fi', body: visaHolder('FM123456') });
    const entry = await call('POST', `/api/v1/ees/files/${family.body.id as string}/entries`, {
      as: 'border.fi',
      body: { at: hoursAgo(3), bcpId: 'FI-HEL', familyMember: true },
    });
    expect(entry.status).toBe(201);
    const ask = (documentNumber: string, documentExpiry: string) =>
      call('POST', '/api/v1/ees/traveller-service', {
        body: { documentNumber, issuingState: 'NGA', documentExpiry, intendedEntry: day(1) },
      });
    const known = await ask('A1234567', day(2000));
    const answers = [
      await ask('Z0000000', day(2000)),
      await ask('A1234567', day(1999)),
      await ask('FM123456', day(2000)),
    ];
    for (const r of [known, ...answers]) {
      expect(r.status).toBe(200);
      expect(Object.keys(r.body).sort()).toEqual(['remainingDays', 'status']);
      expect(typeof r.body.remainingDays).toBe('number');
    }
    expect(known.body.status).not.toBe('CANNOT_ANSWER');
    expect(answers.map((r) => r.body)).toEqual(Array(3).fill({ status: 'CANNOT_ANSWER', remainingDays: 0 }));
  });

  it('refuses a past intended date and a missing expiry date with 400', async () => {
    const body = {
      documentNumber: 'A1234567',
      issuingState: 'NGA',
      documentExpiry: day(2000),
      intendedEntry: day(-30),
    };
    const past = await call('POST', '/api/v1/ees/traveller-service', { body });
    expect(past.status).toBe(400);
    expect(past.headers.get('content-type')).toContain('application/problem+json');
    expect(past.body.code).toBe('EES_TRAVELLER_DATE_OUT_OF_RANGE');
    const { documentExpiry: _, ...withoutExpiry } = { ...body, intendedEntry: day(1) };
    const missing = await call('POST', '/api/v1/ees/traveller-service', { body: withoutExpiry });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('REQUEST_INVALID');
  });

  it('answers bad input with 4xx and stable EES_* codes', async () => {
    const cases: Array<[string, string, unknown, number, string]> = [
      [
        'POST',
        '/api/v1/ees/files',
        { ...visaHolder('C1'), nationalities: ['XX'] },
        400,
        'EES_BAD_COUNTRY_CODE',
      ],
      // Dates that do not exist are refused by the shared request formats (src/http/schemas.ts).
      ['POST', '/api/v1/ees/files', { ...visaHolder('C2'), birthDate: '1988-02-30' }, 400, 'REQUEST_INVALID'],
      ['POST', '/api/v1/ees/files', visaHolder('A1234567'), 409, 'EES_DOCUMENT_ALREADY_REGISTERED'],
      [
        'POST',
        `/api/v1/ees/files/${fileId}/entries`,
        { at: hoursAgo(1), bcpId: 'FI-NOWHERE' },
        400,
        'EES_UNKNOWN_BCP',
      ],
      [
        'POST',
        `/api/v1/ees/files/${fileId}/entries`,
        { at: 'yesterday', bcpId: 'FI-HEL' },
        400,
        'REQUEST_INVALID',
      ],
      [
        'POST',
        '/api/v1/ees/files/eesf_missing/exits',
        { at: hoursAgo(1), bcpId: 'FI-HEL' },
        404,
        'EES_FILE_NOT_FOUND',
      ],
      [
        'POST',
        `/api/v1/ees/files/${fileId}/exits`,
        { at: hoursAgo(1), bcpId: 'FI-HEL' },
        409,
        'EES_NO_OPEN_STAY',
      ],
      [
        'POST',
        '/api/v1/ees/search/identity',
        { surname: 'X', birthDate: '0000-00-00' },
        400,
        'EES_SEARCH_TOO_BROAD',
      ],
      [
        'POST',
        `/api/v1/ees/files/${fileId}/entries`,
        { at: hoursAgo(1), bcpId: 'FI-HEL', extra: 1 },
        400,
        'REQUEST_INVALID',
      ],
    ];
    for (const [method, url, body, status, code] of cases) {
      const r = await call(method, url, { as: 'border.fi', body });
      expect(r.status, code).toBe(status);
      expect(r.body.code, code).toBe(code);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('keeps a border guard out of what belongs to other authorities', async () => {
    const doc = { number: 'A1234567', issuingState: 'NGA' };
    const refused: Array<[string, string, unknown, string]> = [
      ['GET', '/api/v1/ees/overstayers', undefined, 'ACCESS_PERMISSION_DENIED'],
      ['POST', '/api/v1/ees/verifications', doc, 'ACCESS_PERMISSION_DENIED'],
      [
        'POST',
        '/api/v1/ees/carrier-service',
        { documentNumber: 'A1', issuingState: 'NGA', intendedEntry: day(1) },
        'ACCESS_PERMISSION_DENIED',
      ],
      ['GET', '/api/v1/audit/events', undefined, 'ACCESS_PERMISSION_DENIED'],
      [
        'POST',
        `/api/v1/ees/files/${fileId}/entries`,
        { at: hoursAgo(1), bcpId: 'FR-CDG', visa },
        'EES_BCP_OF_ANOTHER_STATE',
      ],
    ];
    for (const [method, url, body, code] of refused) {
      const r = await call(method, url, { as: 'border.fi', body });
      expect(r.status, `${method} ${url}`).toBe(403);
      expect(r.body.code, `${method} ${url}`).toBe(code);
    }
    // Nor may a border guard act for another purpose, nor the police read EES directly.
    const purpose = await call('GET', `/api/v1/ees/files/${fileId}`, {
      as: 'border.fi',
      purpose: 'immigration-check',
    });
    expect(purpose.body.code).toBe('ACCESS_PURPOSE_DENIED');
    const police = await call('GET', `/api/v1/ees/files/${fileId}`, { as: 'police.nl' });
    expect(police.body.code).toBe('ACCESS_PERMISSION_DENIED');
    // Immigration verifies the same traveller: no current stay.
    const verified = await call('POST', '/api/v1/ees/verifications', { as: 'immigration.de', body: doc });
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('NO_STAY');
  });
});
