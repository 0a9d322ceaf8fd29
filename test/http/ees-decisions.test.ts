import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();

const PURPOSE: Record<string, string> = {
  'border.fi': 'border-control',
  'visa.fr': 'visa-examination',
  'immigration.de': 'immigration-check',
};

async function call(
  method: string,
  url: string,
  options: { as?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (options.as) {
    headers.authorization = `Bearer ${tokens.get(options.as)}`;
    headers['x-interlink-purpose'] = PURPOSE[options.as]!;
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

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

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

describe('POST /api/v1/ees/records/:id/decisions (EES art. 19; Visa Code arts. 33-34)', () => {
  let fileId = '';
  let recordId = '';

  beforeAll(async () => {
    const created = await call('POST', '/api/v1/ees/files', {
      as: 'border.fi',
      body: {
        kind: 'visa-holder',
        surname: 'Adeyemi',
        givenNames: 'Tunde',
        birthDate: '1985-03-14',
        nationalities: ['NGA'],
        sex: 'M',
        documents: [{ type: 'P', number: 'B7654321', issuingState: 'NGA', expiry: day(2000) }],
        facialImageRef: 'face:adeyemi',
      },
    });
    expect(created.status).toBe(201);
    fileId = created.body.id as string;
    const entry = await call('POST', `/api/v1/ees/files/${fileId}/entries`, {
      as: 'border.fi',
      body: {
        at: hoursAgo(2),
        bcpId: 'FI-HEL',
        visa: {
          stickerNumber: 'FIN0099',
          issuingState: 'FIN',
          type: 'C',
          entries: 1,
          durationOfStay: 20,
          validFrom: day(-5),
          validUntil: day(60),
        },
      },
    });
    expect(entry.status).toBe(201);
    recordId = entry.body.id as string;
  });

  const decide = (as: string, body: Record<string, unknown>) =>
    call('POST', `/api/v1/ees/records/${recordId}/decisions`, {
      as,
      body: { place: 'Helsinki', decidedOn: day(0), ...body },
    });

  it('refuses a border guard extending a stay to 2099 (not the competent authority)', async () => {
    const r = await decide('border.fi', { kind: 'extended', newEndOfStay: '2099-12-31' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('EES_DECISION_AUTHORITY_NOT_COMPETENT');
  });

  it('refuses an immigration authority extending beyond 90 days in 180', async () => {
    const r = await decide('immigration.de', { kind: 'extended', newEndOfStay: '2099-12-31' });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'EES_EXTENSION_BEYOND_90_IN_180' });
  });

  it('rejects an unknown ground with 400', async () => {
    const r = await decide('immigration.de', { kind: 'extended', newEndOfStay: day(40), ground: 'bribe' });
    expect(r.status).toBe(400);
  });

  it('extends within the rules, and notes the issuing state when another state revokes', async () => {
    const extended = await decide('immigration.de', {
      kind: 'extended',
      newEndOfStay: day(40),
      ground: 'serious-personal-reasons',
    });
    expect(extended.status).toBe(201);
    expect(extended.body).toMatchObject({ authorisedUntil: day(40), limitedBy: 'EXTENSION' });

    const revoked = await decide('visa.fr', { kind: 'revoked' });
    expect(revoked.status).toBe(201);
    const decisions = revoked.body.decisions as Array<Record<string, unknown>>;
    expect(decisions.at(-1)).toMatchObject({
      kind: 'revoked',
      memberState: 'FR',
      issuingStateToInform: 'FI',
    });
  });

  it('refuses an extension after the person has left', async () => {
    const exit = await call('POST', `/api/v1/ees/files/${fileId}/exits`, {
      as: 'border.fi',
      body: { at: hoursAgo(1), bcpId: 'FI-HEL' },
    });
    expect(exit.status).toBe(200);
    const r = await decide('immigration.de', { kind: 'extended', newEndOfStay: day(30) });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('EES_EXTENSION_PERSON_NOT_PRESENT');
  });
});
