import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { startTestServer } from '../support/server.ts';

/**
 * The manual verification of multiple-identity links over HTTP (Regs. (EU) 2019/817 and 2019/818, arts.
 * 29-33): SIRENE Italy issues an arrest alert; a Finnish border guard records two EES files, one with the
 * alert's passport under another name and one with the alert's identity under another passport. Detection
 * links both to the alert, and SIRENE Italy verifies them (art. 29(2)).
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();

async function call(
  method: string,
  url: string,
  options: { as?: string; purpose?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as !== undefined) {
    headers.authorization = `Bearer ${tokens.get(options.as)}`;
  }
  if (options.purpose !== undefined) {
    headers['x-interlink-purpose'] = options.purpose;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(`${server.url}${url}`, { method, headers, body });
  return { status: r.status, body: (await r.json()) as Record<string, unknown>, headers: r.headers };
}

const sirene = { as: 'sirene.it', purpose: 'identity-verification' };
const guard = { as: 'border.fi', purpose: 'identity-verification' };
const verify = (id: string, body: unknown, as = sirene) =>
  call('POST', `/api/v1/mid/links/${id}/verification`, { ...as, body });

interface Link {
  id: string;
  icf: string;
  color: string;
  records: string[];
  rules: string[];
  verifyBy?: string;
  overdue: boolean;
  verifier: { authorityType: string; memberState: string };
  verification?: { color: string; reason: string; by: string };
  reflectedInRecords: boolean;
}

let alertRef: string;
let documentLink: Link;
let identityLink: Link;
let thirdLink: Link;

beforeAll(async () => {
  server = await startTestServer();
  for (const username of ['sirene.it', 'border.fi']) {
    const r = await call('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } });
    tokens.set(username, r.body.token as string);
  }
  const alert = await call('POST', '/api/v1/sis/alerts', {
    as: 'sirene.it',
    purpose: 'alert-management',
    body: {
      category: 'arrest',
      person: {
        surname: 'Hoxha',
        givenNames: 'Arben',
        birthDate: '1980-05-12',
        sex: 'M',
        nationalities: ['ALB'],
        documents: [
          { type: 'P', issuingCountry: 'ALB', number: 'BA1234567' },
          { type: 'I', issuingCountry: 'ALB', number: 'CI0099887' },
        ],
      },
      reason: 'European Arrest Warrant',
      decisionRef: 'EAW-IT-16',
    },
  });
  expect(alert.status).toBe(201);
  alertRef = `sis:${alert.body.id as string}`;
  const file = (surname: string, givenNames: string, birthDate: string, number: string) =>
    call('POST', '/api/v1/ees/files', {
      as: 'border.fi',
      purpose: 'border-control',
      body: {
        kind: 'visa-exempt',
        surname,
        givenNames,
        birthDate,
        nationalities: ['ALB'],
        sex: 'M',
        documents: [{ type: 'P', number, issuingState: 'ALB', expiry: '2040-01-01' }],
        facialImageRef: `face:${number}`,
        fingerprints: { hand: 'right', index: 'f:1', middle: 'f:2', ring: 'f:3', little: 'f:4' },
      },
    });
  const byDocument = await file('Marku', 'Ilir', '1975-01-30', 'BA1234567');
  const byIdentity = await file('Hoxha', 'Arben', '1980-05-12', 'BZ7654321');
  const third = await file('Berisha', 'Dritan', '1969-11-02', 'CI0099887');
  expect([byDocument.status, byIdentity.status, third.status]).toEqual([201, 201, 201]);

  const queue = await call('GET', '/api/v1/mid/links?color=yellow&system=ees', sirene);
  expect(queue.status).toBe(200);
  const links = queue.body.links as Link[];
  documentLink = links.find((l) => l.records.includes(`ees:${byDocument.body.id as string}`))!;
  identityLink = links.find((l) => l.records.includes(`ees:${byIdentity.body.id as string}`))!;
  thirdLink = links.find((l) => l.records.includes(`ees:${third.body.id as string}`))!;
});
afterAll(async () => {
  await server.close();
});

describe('MID verification over HTTP', () => {
  it("lists the links in SIRENE Italy's queue with their deadlines (art. 29(2))", async () => {
    expect(documentLink).toMatchObject({
      color: 'yellow',
      rules: ['document'],
      verifier: { authorityType: 'sirene', memberState: 'IT' },
      overdue: false,
    });
    expect(documentLink.records).toContain(alertRef);
    expect(documentLink.verifyBy).toBeDefined();
    expect(identityLink.rules).toContain('identity-same');

    const page = await call('GET', '/api/v1/mid/links?sort=createdAt&order=desc&limit=1', sirene);
    expect(page.body).toMatchObject({ total: 3 });
    expect(page.body.links).toHaveLength(1);
    // The border guard of Finland verifies none of them: the file's links go to the alert's SIRENE Bureau.
    const other = await call('GET', '/api/v1/mid/links', guard);
    expect(other.body).toEqual({ links: [], total: 0 });
  });

  it('shows both records side by side with the comparison per category and the colours allowed', async () => {
    const r = await call('GET', `/api/v1/mid/links/${documentLink.id}`, sirene);
    expect(r.status).toBe(200);
    const records = r.body.records as Array<{ ref: string; documents: Array<{ number: string }> }>;
    expect(records.map((x) => x.ref).sort()).toEqual([...documentLink.records].sort());
    expect(records.every((x) => x.documents.some((d) => d.number.replace(/\W/g, '') === 'BA1234567'))).toBe(
      true,
    );
    expect(r.body.comparison).toMatchObject({
      verdict: 'different',
      categories: { names: { outcome: 'different' }, birthDate: { outcome: 'different' } },
    });
    expect(r.body.evidence).toMatchObject({
      biometric: 'not-compared',
      identity: 'different',
      document: true,
    });
    expect(
      (r.body.options as Array<{ color: string; allowed: boolean }>).filter((o) => o.allowed),
    ).toHaveLength(3);
    expect(r.body.history).toEqual([expect.objectContaining({ event: 'created', color: 'yellow' })]);
  });

  it('refuses the border guard of another state: 403 MID_NOT_VERIFIER', async () => {
    const read = await call('GET', `/api/v1/mid/links/${documentLink.id}`, guard);
    expect(read.status).toBe(403);
    expect(read.body.code).toBe('MID_NOT_VERIFIER');
    const write = await verify(documentLink.id, { color: 'green', reason: 'x' }, guard);
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('MID_NOT_VERIFIER');
  });

  it('refuses bad bodies with 400 and a code, and a colour the evidence excludes with 422', async () => {
    const cases: Array<[unknown, string]> = [
      [{ color: 'green' }, 'REQUEST_INVALID'],
      [{ color: 'yellow', reason: 'x' }, 'REQUEST_INVALID'],
      [{ color: 'green', reason: 'x'.repeat(2001) }, 'REQUEST_INVALID'],
      [{ color: 'green', reason: 'x', extra: 1 }, 'REQUEST_INVALID'],
      [{ color: 'green', reason: '   ' }, 'MID_VERIFICATION_INVALID'],
      [
        { color: 'white', reason: 'same', withholdNotice: { reason: 'investigation' } },
        'MID_VERIFICATION_INVALID',
      ],
    ];
    for (const [body, code] of cases) {
      const r = await verify(documentLink.id, body);
      expect([r.status, r.body.code], JSON.stringify(body)).toEqual([400, code]);
    }
    // The same identity without biometrics or a shared document: art. 32(1) has no red for it.
    const red = await verify(identityLink.id, { color: 'red', reason: 'an impostor' });
    expect(red.status).toBe(422);
    expect(red.body).toMatchObject({
      code: 'MID_COLOR_NOT_ALLOWED',
      details: { allowed: ['white', 'green'] },
    });
    const missing = await verify('mdl_missing', { color: 'green', reason: 'x' });
    expect([missing.status, missing.body.code]).toEqual([404, 'MID_LINK_NOT_FOUND']);
  });

  it('verifies a link red, writes the notice to the person (art. 32) and refuses a second verification', async () => {
    const r = await verify(documentLink.id, {
      color: 'red',
      reason: 'The passport BA1234567 of the wanted person was presented under another name.',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: documentLink.id,
      color: 'red',
      verification: { color: 'red', by: 'sirene.it' },
      reflectedInRecords: true,
    });
    expect(r.body.verifyBy).toBeUndefined();

    const detail = await call('GET', `/api/v1/mid/links/${documentLink.id}`, sirene);
    const notices = detail.body.notices as Array<{ recordRef: string; text: string }>;
    expect(notices.map((n) => n.recordRef).sort()).toEqual([...documentLink.records].sort());
    expect(notices[0]!.text).toContain(documentLink.icf);
    expect(notices[0]!.text).toContain('SIRENE');
    expect(detail.body.history).toEqual([
      expect.objectContaining({ event: 'created', color: 'yellow' }),
      expect.objectContaining({ event: 'verified', color: 'red', by: 'sirene.it' }),
    ]);

    const again = await verify(documentLink.id, { color: 'white', reason: 'second thoughts' });
    expect([again.status, again.body.code]).toEqual([409, 'MID_LINK_NOT_YELLOW']);
  });

  it('verifies green, and a red one can withhold the notice with a reason', async () => {
    const green = await verify(identityLink.id, {
      color: 'green',
      reason: 'Namesakes: different faces on the passport photographs.',
    });
    expect(green.status).toBe(200);
    expect(green.body).toMatchObject({ color: 'green', reflectedInRecords: false });

    const withheld = await verify(thirdLink.id, {
      color: 'red',
      reason: "A second person using the wanted person's passport.",
      withholdNotice: { reason: 'Informing him would warn the network under investigation.' },
    });
    expect(withheld.status).toBe(200);
    expect(withheld.body).toMatchObject({
      color: 'red',
      verification: {
        noticeWithheld: { reason: 'Informing him would warn the network under investigation.' },
      },
    });
    const detail = await call('GET', `/api/v1/mid/links/${thirdLink.id}`, sirene);
    expect(detail.body.notices).toEqual([]);
    const queue = await call('GET', '/api/v1/mid/links?color=yellow', sirene);
    expect(queue.body).toEqual({ links: [], total: 0 });
  });

  it('decides a link once when officers send their decisions at the same moment: one wins, the others 409', async () => {
    const alert = await call('POST', '/api/v1/sis/alerts', {
      as: 'sirene.it',
      purpose: 'alert-management',
      body: {
        category: 'arrest',
        person: {
          surname: 'Leka',
          givenNames: 'Gentian',
          birthDate: '1977-07-07',
          sex: 'M',
          nationalities: ['ALB'],
          documents: [{ type: 'P', issuingCountry: 'ALB', number: 'BA5550001' }],
        },
        reason: 'European Arrest Warrant',
        decisionRef: 'EAW-IT-18',
      },
    });
    expect(alert.status).toBe(201);
    const leka = `sis:${alert.body.id as string}`;
    const file = await call('POST', '/api/v1/ees/files', {
      as: 'border.fi',
      purpose: 'border-control',
      body: {
        kind: 'visa-exempt',
        surname: 'Krasniqi',
        givenNames: 'Besa',
        birthDate: '1991-02-02',
        nationalities: ['ALB'],
        sex: 'F',
        documents: [{ type: 'P', number: 'BA5550001', issuingState: 'ALB', expiry: '2040-01-01' }],
        facialImageRef: 'face:krasniqi',
        fingerprints: { hand: 'right', index: 'f:5', middle: 'f:6', ring: 'f:7', little: 'f:8' },
      },
    });
    expect(file.status).toBe(201);
    const ref = `ees:${file.body.id as string}`;
    let link: Link | undefined;
    await expect
      .poll(async () => {
        const queue = await call('GET', '/api/v1/mid/links?color=yellow&system=ees', sirene);
        link = (queue.body.links as Link[]).find((l) => l.records.includes(ref) && l.records.includes(leka));
        return link !== undefined;
      })
      .toBe(true);
    const decisions = ['red', 'red', 'red', 'red', 'red'].map((color, i) =>
      verify(link!.id, { color, reason: `Decision ${i}: the card of the wanted person under another name.` }),
    );
    const answers = await Promise.all(decisions);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'MID_LINK_NOT_YELLOW')).toBe(
      true,
    );
    const winner = answers.find((a) => a.status === 200)!;
    const detail = await call('GET', `/api/v1/mid/links/${link!.id}`, sirene);
    // Nothing of the losing decisions was written: one verification, one notice per person.
    expect((detail.body.history as Array<{ event: string }>).map((h) => h.event)).toEqual([
      'created',
      'verified',
    ]);
    expect((detail.body.verification as { reason: string }).reason).toBe(
      (winner.body.verification as { reason: string }).reason,
    );
    expect((detail.body.notices as unknown[]).length).toBe(2);
  });
});
