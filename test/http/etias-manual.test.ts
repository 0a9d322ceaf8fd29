import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { etiasApplication } from '../../src/contexts/etias/index.ts';
import { newUser } from '../support/builders.ts';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();

interface Answer {
  status: number;
  type: string;
  bytes: Buffer;
  json: Record<string, unknown> & { code?: string };
}

async function call(
  method: string,
  path: string,
  options: { as?: string; body?: unknown; purpose?: string | null } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.as) {
    headers.authorization = `Bearer ${tokens.get(options.as)}`;
    const purpose =
      options.purpose === undefined
        ? options.as === 'sirene.it'
          ? 'alert-management'
          : 'etias-examination'
        : options.purpose;
    if (purpose !== null) {
      headers['x-interlink-purpose'] = purpose;
    }
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const bytes = Buffer.from(await r.arrayBuffer());
  const type = r.headers.get('content-type') ?? '';
  const json = type.includes('json') ? (JSON.parse(bytes.toString('utf8')) as Answer['json']) : {};
  return { status: r.status, type, bytes, json };
}

async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text.replace(/\s+/gu, ' ');
  } finally {
    await parser.destroy();
  }
}

const SURNAMES = ['Quint', 'Rowley', 'Sutton', 'Thorne', 'Upton', 'Vance'];
let people = 0;

/** Submits, through the public route, an application that goes to the Spanish National Unit; id and document. */
async function applyToSpain(): Promise<{ id: string; doc: string }> {
  people += 1;
  const app = etiasApplication({
    surname: SURNAMES[people % SURNAMES.length]!,
    birthDate: `197${people}-03-1${people}`,
    intendedFirstStay: { memberState: 'ESP' },
    background: { criminalConviction: true, conflictZoneStay: false, removalOrder: false },
  });
  const r = await call('POST', '/api/v1/etias/applications', { body: app });
  expect(r.status).toBe(201);
  expect(r.json.status).toBe('manual');
  return { id: r.json.id as string, doc: app.document.number };
}

beforeAll(async () => {
  server = await startTestServer();
  for (const username of ['etias-nu.es', 'etias-cu', 'sirene.it']) {
    const r = await call('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } });
    tokens.set(username, r.json.token as string);
  }
  tokens.set('nu.de', (await newUser(server.services, 'etias-national', { memberState: 'DE' })).token);
  tokens.set('nu.it', (await newUser(server.services, 'etias-national', { memberState: 'IT' })).token);
}, 300_000);
afterAll(async () => {
  await server.close();
});

describe('National Unit queue', () => {
  it("shows the Spanish unit its own files with the 96-hour deadline, paged with a total, and nobody else's", async () => {
    const { id } = await applyToSpain();
    const mine = await call('GET', '/api/v1/etias/national-unit/queue?sort=dueAt&limit=50', {
      as: 'etias-nu.es',
    });
    expect(mine.status).toBe(200);
    const items = mine.json.items as Array<{ applicationId: string; dueAt: string; urgency: string }>;
    const item = items.find((i) => i.applicationId === id);
    expect(item?.urgency).toBe('on-time');
    expect(mine.json.total).toBeGreaterThanOrEqual(1);
    const theirs = await call('GET', '/api/v1/etias/national-unit/queue', { as: 'nu.de' });
    expect((theirs.json.items as Array<{ applicationId: string }>).some((i) => i.applicationId === id)).toBe(
      false,
    );
    expect((await call('GET', '/api/v1/etias/national-unit/queue', { as: 'etias-cu' })).status).toBe(403);
    expect(
      (await call('GET', '/api/v1/etias/national-unit/queue', { as: 'etias-nu.es', purpose: null })).status,
    ).toBe(400);
    const bad = await call('GET', '/api/v1/etias/national-unit/queue?sort=surname', { as: 'etias-nu.es' });
    expect(bad.status).toBe(400);
  });
});

describe('request for information and the applicant’s reply (art. 27)', () => {
  it('asks, lets the applicant read and answer with the document number, and moves the deadline', async () => {
    const { id, doc } = await applyToSpain();
    const asked = await call('POST', `/api/v1/etias/applications/${id}/requests`, {
      as: 'etias-nu.es',
      body: { question: 'Please send proof of your hotel booking.', documents: ['Hotel booking'] },
    });
    expect(asked.status).toBe(201);
    const requestId = asked.json.id as string;
    expect(
      (
        await call('POST', `/api/v1/etias/applications/${id}/requests`, {
          as: 'nu.de',
          body: { question: 'x' },
        })
      ).json.code,
    ).toBe('ETIAS_NOT_RESPONSIBLE_STATE');
    const read = await call('GET', `/api/v1/etias/applications/${id}/requests?documentNumber=${doc}`);
    expect(read.status).toBe(200);
    expect((read.json.requests as Array<{ question: string }>)[0]?.question).toContain('hotel booking');
    expect(
      (await call('GET', `/api/v1/etias/applications/${id}/requests?documentNumber=NOTMINE`)).status,
    ).toBe(404);
    const reply = await call('POST', `/api/v1/etias/applications/${id}/requests/${requestId}/reply`, {
      body: {
        documentNumber: doc,
        text: 'Booking attached.',
        attachments: [{ name: 'b.pdf', mediaType: 'application/pdf', size: 10 }],
      },
    });
    expect(reply.status).toBe(201);
    const file = await call('GET', `/api/v1/etias/applications/${id}/manual`, { as: 'etias-nu.es' });
    const receivedAt = Date.parse(reply.json.receivedAt as string);
    expect(file.json.deadline).toMatchObject({
      basis: 'information-received',
      dueAt: new Date(receivedAt + 96 * 3_600_000).toISOString(),
    });
    expect(file.json.allowed).toEqual(['issue', 'refuse', 'limited-validity']);
  });
});

describe('decision and notice (arts. 37-38)', () => {
  it('refuses with grounds, and serves the notice as PDF in en, de and fr, to the unit and to the applicant', async () => {
    const { id, doc } = await applyToSpain();
    const decision = (as: string, body: unknown) =>
      call('POST', `/api/v1/etias/applications/${id}/decision`, { as, body });
    expect(
      (await decision('etias-nu.es', { kind: 'refuse', grounds: [], justification: 'x' })).json.code,
    ).toBe('ETIAS_GROUNDS_REQUIRED');
    expect(
      (await decision('etias-nu.es', { kind: 'refuse', grounds: ['nonsense'], justification: 'x' })).status,
    ).toBe(400);
    expect(
      (await decision('nu.de', { kind: 'refuse', grounds: ['security-risk'], justification: 'x' })).status,
    ).toBe(403);
    const refused = await decision('etias-nu.es', {
      kind: 'refuse',
      grounds: ['security-risk', 'doubts-on-data'],
      justification: 'Conviction declared; documents inconsistent.',
    });
    expect(refused.status).toBe(201);
    const status = await call('GET', `/api/v1/etias/applications/${id}/status?documentNumber=${doc}`);
    expect(status.json.status).toBe('refused');
    expect((await decision('etias-nu.es', { kind: 'issue' })).json.code).toBe(
      'ETIAS_NOT_IN_NATIONAL_UNIT_QUEUE',
    );

    const texts: Record<string, string> = {
      en: 'right to appeal',
      de: 'Rechtsmittel',
      fr: 'recours',
    };
    for (const [lang, appeal] of Object.entries(texts)) {
      const pdf = await call('GET', `/api/v1/etias/applications/${id}/notice.pdf?lang=${lang}`, {
        as: 'etias-nu.es',
      });
      expect(pdf.status).toBe(200);
      expect(pdf.type).toBe('application/pdf');
      const text = await pdfText(pdf.bytes);
      expect(text).toContain(appeal);
      expect(text).toContain(id);
    }
    const mine = await call(
      'GET',
      `/api/v1/etias/applications/${id}/applicant-notice.pdf?documentNumber=${doc}&lang=fr`,
    );
    expect(mine.status).toBe(200);
    expect(await pdfText(mine.bytes)).toContain('risque en matière de sécurité');
    expect(
      (await call('GET', `/api/v1/etias/applications/${id}/applicant-notice.pdf?documentNumber=X`)).status,
    ).toBe(404);
    expect((await call('GET', `/api/v1/etias/applications/${id}/notice.pdf`, { as: 'nu.de' })).status).toBe(
      404,
    );
    const file = await call('GET', `/api/v1/etias/applications/${id}/manual`, { as: 'etias-nu.es' });
    const notices = file.json.notices as Array<{ kind: string; body: string }>;
    expect(notices.find((n) => n.kind === 'refused')?.body).toContain('Spain');
  });

  it('answers an unknown application with 404 problem+json', async () => {
    const r = await call('GET', '/api/v1/etias/applications/eta_nothing/manual', { as: 'etias-nu.es' });
    expect(r.status).toBe(404);
    expect(r.type).toContain('application/problem+json');
    expect(r.json.code).toBe('ETIAS_APPLICATION_NOT_FOUND');
  });
});

describe('revocation triggered by a new SIS refusal alert (art. 41(3))', () => {
  it("puts the holder's valid authorisation in the alerting state's queue; nothing is revoked until it decides", async () => {
    const app = etiasApplication({
      surname: 'Leaworth',
      givenNames: 'Miriam',
      birthDate: '1979-11-23',
      nationalities: ['NZL'],
      document: { type: 'P', number: 'NZREV4471', issuingState: 'NZL', expiry: '2033-01-31' },
    });
    const submitted = await call('POST', '/api/v1/etias/applications', { body: app });
    expect(submitted.json.status).toBe('issued');
    const id = submitted.json.id as string;
    const alert = await call('POST', '/api/v1/sis/alerts', {
      as: 'sirene.it',
      body: {
        category: 'refusal',
        person: {
          surname: 'LEAWORTH',
          givenNames: 'MIRIAM',
          birthDate: '1979-11-23',
          sex: 'M',
          nationalities: ['NZL'],
          documents: [{ type: 'passport', issuingCountry: 'NZL', number: 'NZREV4471' }],
        },
        reason: 'Entry ban after a return decision',
        decisionRef: 'EB-2026-77',
      },
    });
    expect(alert.status).toBe(201);
    await server.services.etiasSisRevocation.idle();
    let item: { reason: string; reviewRecordRef: string } | undefined;
    for (let i = 0; i < 50 && item === undefined; i += 1) {
      const queue = await call('GET', '/api/v1/etias/national-unit/queue?reason=revocation-review', {
        as: 'nu.it',
      });
      item = (
        queue.json.items as Array<{ applicationId: string; reason: string; reviewRecordRef: string }>
      ).find((x) => x.applicationId === id);
      if (item === undefined) {
        await new Promise((r) => setTimeout(r, 200));
        await server.services.etiasSisRevocation.idle();
      }
    }
    expect(item).toMatchObject({
      reason: 'revocation-review',
      reviewRecordRef: `sis:${alert.json.id as string}`,
    });
    expect(
      (await call('GET', `/api/v1/etias/applications/${id}/status?documentNumber=NZREV4471`)).json.status,
    ).toBe('issued');
    const revoked = await call('POST', `/api/v1/etias/applications/${id}/decision`, {
      as: 'nu.it',
      body: { kind: 'revoke', grounds: ['sis-refusal'], justification: 'New SIS refusal alert.' },
    });
    expect(revoked.status).toBe(201);
    expect(
      (await call('GET', `/api/v1/etias/applications/${id}/status?documentNumber=NZREV4471`)).json.status,
    ).toBe('revoked');
  });
});
