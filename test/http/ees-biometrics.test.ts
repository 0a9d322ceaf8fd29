import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createDemoUsers, DEMO_PASSWORD, SYSTEM_ACTOR } from '../../src/contexts/access/index.ts';
import { generateMrzOrThrow } from '../../src/contexts/identity/index.ts';
import { encodeVector, SyntheticBiometrics, type TemplateInput } from '../../src/contexts/sbms/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { createServices, type Services } from '../../src/services.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../support/db.ts';

/**
 * EES file biometrics over HTTP: templates enrolled with the file (and with its updates), refused with the
 * SBMS_* codes when they cannot be read; the border check's 1:1 verification against the file of the document
 * (EES art. 23(2)) and 1:N identification when the document finds none (art. 23(4)); erasure of the file by
 * the retention run removes its templates.
 */

const clock = new ManualClock(new Date());
const bio = new SyntheticBiometrics();
let testDb: TestDatabase;
let services: Services;
let url = '';
let close: () => Promise<void>;
const tokens = new Map<string, string>();

interface Answer {
  status: number;
  type: string;
  body: Record<string, unknown>;
}

async function call(method: string, path: string, body?: unknown, as = 'border.fi'): Promise<Answer> {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens.get(as)}`,
      'x-interlink-purpose': 'border-control',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: r.status,
    type: r.headers.get('content-type') ?? '',
    body: (await r.json()) as Record<string, unknown>,
  };
}

const hoursAgo = (h: number) => new Date(clock.now().getTime() - h * 3_600_000).toISOString();
const RIGHT_HAND = { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' };
/** The four fingers of the right hand EES takes (art. 17(1)(b)): ISO positions 2-5. */
const RIGHT_FINGERS = [2, 3, 4, 5];

function visaExempt(number: string, extra: Record<string, unknown> = {}) {
  return {
    kind: 'visa-exempt',
    surname: 'Walker',
    givenNames: 'Jane',
    birthDate: '1988-03-05',
    nationalities: ['USA'],
    sex: 'F',
    documents: [{ type: 'P', number, issuingState: 'USA', expiry: '2045-01-01' }],
    facialImageRef: `face:${number}`,
    fingerprints: RIGHT_HAND,
    ...extra,
  };
}

/** A passport MRZ of a US citizen (visa-exempt), with the name given. */
function passport(documentNumber: string, surname = 'WALKER', givenNames = 'JANE'): string {
  return generateMrzOrThrow({
    format: 'TD3',
    documentCode: 'P',
    issuingState: 'USA',
    surname,
    givenNames,
    documentNumber,
    nationality: 'USA',
    birthDate: '880305',
    sex: 'F',
    expiryDate: '450101',
  }).lines.join('\n');
}

interface Finding {
  code: string;
  level: string;
  params?: Record<string, string | number>;
}
interface Comparison {
  fileId: string;
  decision: string;
  score: number;
  falseMatchRate: number;
  scores: Array<{
    modality: string;
    position: number;
    score: number;
    probeQuality: number;
    storedQuality: number;
  }>;
}
interface CheckResult {
  verdict: string;
  findings: Finding[];
  ees: {
    file: { file: { id: string } } | null;
    biometrics?: {
      probe: Array<{ modality: string; position: number; quality: number }>;
      foundBy: string | null;
      verification: (Comparison & { compared: boolean }) | null;
      identification: { candidates: Array<Comparison & { documents: Array<{ number: string }> }> } | null;
    };
  };
}

async function check(mrz: string, biometrics?: TemplateInput[]): Promise<CheckResult> {
  const r = await call('POST', '/api/v1/border-check', {
    mrz,
    bcpId: 'FI-HEL',
    ...(biometrics === undefined ? {} : { biometrics }),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as unknown as CheckResult;
}

const biometricFindings = (r: CheckResult) =>
  r.findings.filter((f) => f.code.includes('BIOMETRIC')).map((f) => [f.code, f.level]);

async function createFile(body: Record<string, unknown>): Promise<string> {
  const r = await call('POST', '/api/v1/ees/files', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

async function held(fileId: string): Promise<string[]> {
  const h = (await services.sbms.holdings('ees', [fileId])).get(fileId) ?? [];
  return h.map((t) => `${t.modality}:${t.position}`).sort();
}

/** Ana: a traveller with a file under passport BA0000001, her face and four fingers enrolled. */
let anaFile = '';

beforeAll(async () => {
  testDb = await createTestDatabase('pglite');
  services = await createServices(testConfig(testDb), { clock });
  await createDemoUsers(services.access);
  const { app } = await buildApp(services);
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  close = async () => {
    await app.close();
    await services.close();
    await testDb.drop();
  };
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'border.fi', password: DEMO_PASSWORD }),
  });
  tokens.set('border.fi', ((await login.json()) as { token: string }).token);
  anaFile = await createFile(
    visaExempt('BA0000001', { biometrics: [bio.face('ana'), ...bio.fingers('ana', RIGHT_FINGERS)] }),
  );
});
afterAll(async () => {
  await close();
});

describe('EES file biometrics: enrolment', () => {
  it('enrols the face and four fingers with the file, in the ees partition', async () => {
    expect(await held(anaFile)).toEqual(['face:0', 'finger:2', 'finger:3', 'finger:4', 'finger:5']);
  });

  const face = bio.face('zoe');
  const cases: Array<[string, TemplateInput[], string, string]> = [
    [
      'text that is not base64',
      [{ ...face, template: 'not base64!' }],
      'SBMS_TEMPLATE_INVALID',
      'biometrics[0].template',
    ],
    [
      '10 values for a face of 512',
      [{ ...face, template: encodeVector(new Float32Array(10).fill(0.1)) }],
      'SBMS_TEMPLATE_INVALID',
      'biometrics[0].template',
    ],
    [
      'values that are not numbers',
      [{ ...face, template: encodeVector(new Float32Array(512).fill(Number.NaN)) }],
      'SBMS_TEMPLATE_INVALID',
      'biometrics[0].template',
    ],
    [
      'only zeros',
      [{ ...face, template: encodeVector(new Float32Array(512)) }],
      'SBMS_TEMPLATE_INVALID',
      'biometrics[0].template',
    ],
    ['a quality above 100', [{ ...face, quality: 101 }], 'SBMS_TEMPLATE_INVALID', 'biometrics[0].quality'],
    ['two faces', [face, face], 'SBMS_TEMPLATE_INVALID', 'biometrics[1]'],
    [
      'a finger without position',
      [{ ...bio.finger('zoe', 2), position: undefined }],
      'SBMS_TEMPLATE_INVALID',
      'biometrics[0].position',
    ],
    [
      'a finger position 11',
      [{ ...bio.finger('zoe', 2), position: 11 }],
      'SBMS_TEMPLATE_INVALID',
      'biometrics[0].position',
    ],
    [
      'a face below the quality gate (art. 13(3))',
      [bio.face('zoe', { quality: 10 })],
      'SBMS_QUALITY_TOO_LOW',
      'biometrics[0].quality',
    ],
  ];
  it.each(cases)(
    'refuses %s with 400 naming the template, and creates no file',
    async (_what, biometrics, code, field) => {
      const number = `BZ${cases.findIndex((c) => c[1] === biometrics)}`;
      const r = await call('POST', '/api/v1/ees/files', visaExempt(number, { biometrics }));
      expect(r.status).toBe(400);
      expect(r.type).toContain('application/problem+json');
      expect(r.body.code).toBe(code);
      const problems = (r.body.details as { problems: Array<{ field: string }> }).problems;
      expect(problems.map((p) => p.field)).toContain(field);
      const found = await call('POST', '/api/v1/ees/search/document', { number, issuingState: 'USA' });
      expect(found.body.files).toEqual([]);
    },
  );

  it('refuses finger templates that are not the file’s fingerprint data (EES arts. 16(1), 17)', async () => {
    const visaHolder = await call('POST', '/api/v1/ees/files', {
      ...visaExempt('BY0000001', { biometrics: [bio.face('yan'), bio.finger('yan', 2)] }),
      kind: 'visa-holder',
      nationalities: ['NGA'],
      fingerprints: undefined,
    });
    expect([visaHolder.status, visaHolder.body.code]).toEqual([
      400,
      'EES_FINGERPRINTS_NOT_STORED_FOR_VISA_HOLDERS',
    ]);
    const thumb = await call(
      'POST',
      '/api/v1/ees/files',
      visaExempt('BY0000002', { biometrics: [bio.finger('yan', 1)] }),
    );
    expect([thumb.status, thumb.body.code]).toEqual([400, 'EES_BIOMETRICS_INCONSISTENT']);
    expect(thumb.body.details).toEqual({ positions: [2, 3, 4, 5] });
    const exempt = await call(
      'POST',
      '/api/v1/ees/files',
      visaExempt('BY0000003', {
        fingerprints: undefined,
        fingerprintExemption: 'physical-impossibility',
        biometrics: [bio.face('yan'), bio.finger('yan', 2)],
      }),
    );
    expect([exempt.status, exempt.body.code]).toEqual([400, 'EES_BIOMETRICS_INCONSISTENT']);
  });

  it('answers any template body with 201 or a 4xx problem, never a 5xx (property)', async () => {
    let n = 0;
    const base64 = fc.uint8Array({ maxLength: 2100 }).map((b) => Buffer.from(b).toString('base64'));
    const template = fc.record(
      {
        modality: fc.oneof(fc.constantFrom('face', 'finger', 'iris', ''), fc.integer(), fc.constant(null)),
        position: fc.oneof(fc.integer({ min: -3, max: 14 }), fc.double(), fc.string({ maxLength: 3 })),
        template: fc.oneof(
          base64,
          fc.string({ maxLength: 40 }),
          fc.constant(encodeVector(new Float32Array(512).fill(Number.POSITIVE_INFINITY))),
          fc.constant(bio.face('fuzz').template),
        ),
        quality: fc.oneof(fc.double({ min: -10, max: 200, noNaN: true }), fc.string({ maxLength: 3 })),
      },
      { requiredKeys: ['modality', 'template'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(template, { maxLength: 4 }), async (biometrics) => {
        n += 1;
        const r = await call('POST', '/api/v1/ees/files', visaExempt(`FZ${n}`, { biometrics }));
        expect(r.status === 201 || (r.status >= 400 && r.status < 500), JSON.stringify(r.body)).toBe(true);
        if (r.status !== 201) {
          expect(r.type).toContain('application/problem+json');
          expect(typeof r.body.code).toBe('string');
        }
      }),
      { numRuns: 60, seed: 15 },
    );
  });

  it('replaces the templates on an update that gives every one the file keeps (art. 17(4))', async () => {
    const fileId = await createFile(
      visaExempt('BT0000001', {
        fingerprints: undefined,
        fingerprintExemption: 'temporary-impossibility',
        biometrics: [bio.face('tom')],
      }),
    );
    expect(await held(fileId)).toEqual(['face:0']);
    const fingersOnly = await call('POST', `/api/v1/ees/files/${fileId}/entries`, {
      at: hoursAgo(2),
      bcpId: 'FI-HEL',
      fingerprints: RIGHT_HAND,
      biometrics: bio.fingers('tom', RIGHT_FINGERS),
    });
    expect([fingersOnly.status, fingersOnly.body.code]).toEqual([400, 'EES_BIOMETRICS_INCOMPLETE']);
    expect(fingersOnly.body.details).toEqual({ missing: [{ modality: 'face', position: 0 }] });
    const entry = await call('POST', `/api/v1/ees/files/${fileId}/entries`, {
      at: hoursAgo(2),
      bcpId: 'FI-HEL',
      fingerprints: RIGHT_HAND,
      biometrics: [bio.face('tom', { capture: 1 }), ...bio.fingers('tom', RIGHT_FINGERS)],
    });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    expect(await held(fileId)).toEqual(['face:0', 'finger:2', 'finger:3', 'finger:4', 'finger:5']);
    // The fingers now stand for the traveller at the border: a new capture of them verifies.
    const r = await check(passport('BT0000001'), bio.fingers('tom', RIGHT_FINGERS, { capture: 2 }));
    expect(biometricFindings(r)).toEqual([['EES_BIOMETRIC_VERIFIED', 'info']]);
    expect(r.findings.find((f) => f.code === 'EES_BIOMETRIC_VERIFIED')?.params).toMatchObject({
      compared: 'fingers',
      fingers: 4,
      faceScore: '',
    });
  });

  it('stores the biometrics captured with a refusal on grounds B, D or H (art. 18(2))', async () => {
    const fileId = await createFile(visaExempt('BR0000001'));
    expect(await held(fileId)).toEqual([]);
    const refusal = await call('POST', `/api/v1/ees/files/${fileId}/refusals`, {
      at: hoursAgo(1),
      bcpId: 'FI-HEL',
      reasons: ['B'],
      biometrics: [bio.face('rita'), ...bio.fingers('rita', RIGHT_FINGERS)],
    });
    expect(refusal.status, JSON.stringify(refusal.body)).toBe(201);
    expect(await held(fileId)).toEqual(['face:0', 'finger:2', 'finger:3', 'finger:4', 'finger:5']);
  });
});

describe('EES file biometrics: the border check', () => {
  it('identifies an EES traveller by face when the passport is new (art. 23(4)): the file is found by biometrics', async () => {
    // Another passport, another name on it: neither the document nor the identity search can find Ana's file.
    const mrz = passport('BB0000002', 'SMITH', 'ANNA');
    const without = await check(mrz);
    expect(without.ees.file).toBeNull();
    expect(without.ees.biometrics).toBeUndefined();
    const r = await check(mrz, [bio.face('ana', { capture: 1 })]);
    expect(r.ees.file?.file.id).toBe(anaFile);
    expect(r.ees.biometrics).toMatchObject({
      probe: [{ modality: 'face', position: 0, quality: 80 }],
      foundBy: 'biometrics',
      verification: null,
    });
    const best = r.ees.biometrics!.identification!.candidates[0]!;
    expect(best).toMatchObject({ fileId: anaFile, decision: 'match', documents: [{ number: 'BA0000001' }] });
    expect(best.scores).toHaveLength(1);
    expect(best.scores[0]).toMatchObject({
      modality: 'face',
      position: 0,
      probeQuality: 80,
      storedQuality: 80,
    });
    expect(best.scores[0]!.score).toBeGreaterThan(0.4);
    const found = r.findings.find((f) => f.code === 'EES_IDENTIFIED_BY_BIOMETRICS');
    expect(found).toMatchObject({
      level: 'attention',
      params: { compared: 'face', documents: 'USA BA0000001', shown: 'yes', count: 1 },
    });
    expect(r.findings.map((f) => f.code)).not.toContain('EES_NO_FILE');
    // Logged: the identification with the file it found, and the check with the types of data used, not the
    // data (EES art. 46(1)(d)).
    const logged = await sql<{ operation: string; query_data_types: string[]; record_refs: string[] }>`
      select operation, query_data_types, record_refs from audit.event
      where operation in ('ees.biometric.identify', 'border-check.run') order by seq desc limit 2`.execute(
      services.database.db,
    );
    expect(logged.rows).toEqual(
      expect.arrayContaining([
        { operation: 'ees.biometric.identify', query_data_types: ['facialImage'], record_refs: [anaFile] },
        expect.objectContaining({ operation: 'border-check.run', query_data_types: ['mrz', 'facialImage'] }),
      ]),
    );
  });

  it('verifies the traveller 1:1 against the file of the document (art. 23(2))', async () => {
    const r = await check(passport('BA0000001'), [
      bio.face('ana', { capture: 2 }),
      ...bio.fingers('ana', RIGHT_FINGERS, { capture: 2 }),
    ]);
    expect(r.ees.file?.file.id).toBe(anaFile);
    expect(biometricFindings(r)).toEqual([['EES_BIOMETRIC_VERIFIED', 'info']]);
    const v = r.ees.biometrics!.verification!;
    expect(v).toMatchObject({ fileId: anaFile, compared: true, decision: 'match' });
    expect(v.scores.map((s) => `${s.modality}:${s.position}`)).toEqual([
      'face:0',
      'finger:2',
      'finger:3',
      'finger:4',
      'finger:5',
    ]);
    expect(r.ees.biometrics!.foundBy).toBe('document');
    expect(r.ees.biometrics!.identification).toBeNull();
  });

  it('says so when another person’s face is checked against the file: mismatch, for attention', async () => {
    const r = await check(passport('BA0000001'), [bio.face('mallory')]);
    expect(r.ees.file?.file.id).toBe(anaFile);
    expect(biometricFindings(r)).toEqual([['EES_BIOMETRIC_MISMATCH', 'attention']]);
    expect(r.verdict).toBe('attention');
    expect(r.ees.biometrics!.verification).toMatchObject({ compared: true, decision: 'no-match' });
    // The failed verification searched the other files (art. 23(4)): Mallory has none.
    expect(r.ees.biometrics!.identification).toEqual({ candidates: [] });
  });

  it('shows whose file the face matches when it is not the file of the document', async () => {
    const bobFile = await createFile(
      visaExempt('BC0000001', {
        surname: 'Brown',
        givenNames: 'Bob',
        sex: 'M',
        biometrics: [bio.face('bob')],
      }),
    );
    const r = await check(passport('BA0000001'), [bio.face('bob', { capture: 1 })]);
    expect(r.ees.file?.file.id).toBe(anaFile);
    expect(biometricFindings(r)).toEqual([
      ['EES_BIOMETRIC_MISMATCH', 'attention'],
      ['EES_IDENTIFIED_BY_BIOMETRICS', 'attention'],
    ]);
    expect(r.findings.find((f) => f.code === 'EES_IDENTIFIED_BY_BIOMETRICS')?.params).toMatchObject({
      documents: 'USA BC0000001',
      shown: 'no',
    });
    expect(r.ees.biometrics!.identification!.candidates.map((c) => c.fileId)).toEqual([bobFile]);
  });

  it('says that nothing was compared when the file holds no templates', async () => {
    await createFile(visaExempt('BN0000001'));
    const r = await check(passport('BN0000001'), [bio.face('nina')]);
    expect(biometricFindings(r)).toEqual([['EES_BIOMETRIC_NOT_COMPARED', 'info']]);
    expect(r.ees.biometrics!.verification).toMatchObject({ compared: false, scores: [] });
  });

  it('leaves the check as it was without a live capture', async () => {
    const r = await check(passport('BA0000001'));
    expect(r.ees.file?.file.id).toBe(anaFile);
    expect(r.ees.biometrics).toBeUndefined();
    expect(biometricFindings(r)).toEqual([]);
  });

  it('compares a live capture of low quality (no gate for a probe) and refuses one it cannot read', async () => {
    const low = await check(passport('BA0000001'), [bio.face('ana', { quality: 5, capture: 3 })]);
    expect(low.ees.biometrics!.probe).toEqual([{ modality: 'face', position: 0, quality: 5 }]);
    expect(low.ees.biometrics!.verification!.compared).toBe(true);
    const bad = await call('POST', '/api/v1/border-check', {
      mrz: passport('BA0000001'),
      bcpId: 'FI-HEL',
      biometrics: [{ modality: 'face', template: 'AAAA', quality: 80 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('SBMS_TEMPLATE_INVALID');
  });
});

describe('EES file biometrics: erasure', () => {
  it('removes the templates with the file at the end of its retention (art. 34): identification no longer finds it', async () => {
    const probe = services.sbms.decode([bio.face('ana', { capture: 4 })], 'probe', { qualityGate: false });
    expect((await services.sbms.identify(probe, { partitions: ['ees'] })).map((c) => c.recordRef)).toContain(
      anaFile,
    );
    clock.set(new Date(clock.now().getTime() + 10 * 365 * 86_400_000));
    const report = await services.retention.run(SYSTEM_ACTOR);
    expect(report.rules.find((r) => r.id === 'ees.individual-file')?.erased).toBeGreaterThanOrEqual(1);
    expect(await held(anaFile)).toEqual([]);
    expect(
      (await services.sbms.identify(probe, { partitions: ['ees'], matchesOnly: false })).map(
        (c) => c.recordRef,
      ),
    ).not.toContain(anaFile);
  });
});
