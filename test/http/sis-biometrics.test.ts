import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, SYSTEM_ACTOR } from '../../src/contexts/access/index.ts';
import { generateMrzOrThrow, parseMrz } from '../../src/contexts/identity/index.ts';
import { encodeVector, SyntheticBiometrics, type TemplateInput } from '../../src/contexts/sbms/index.ts';
import type { Finding, StepContext } from '../../src/flows/border-check/index.ts';
import { importLines, type ImportReject } from '../../src/flows/import/index.ts';
import { sisBorderStep, type SisData } from '../../src/systems/sis/index.ts';
import { startTestServer } from '../support/server.ts';

/**
 * Issue 15: SIS person alerts with biometric templates (2018/1862 arts. 20(3)(w), (y), 42-43), searched by the
 * border check with a live capture and by the search portal's biometric queries (2019/817 art. 9), over real
 * HTTP and a real database; the templates leave the index with the alert.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();
const gen = new SyntheticBiometrics({ seed: 1515 });

const PURPOSE: Record<string, string> = {
  'sirene.it': 'alert-management',
  'border.fi': 'border-control',
  'visa.fr': 'visa-examination',
  'police.nl': 'police-identity-check',
  'immigration.de': 'immigration-check',
};

async function call(
  method: string,
  url: string,
  options: { as: string; body?: unknown; purpose?: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens.get(options.as)}`,
      'x-interlink-purpose': options.purpose ?? PURPOSE[options.as]!,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

/** A refusal alert on a third-country national, with the templates given. */
const refusal = (surname: string, biometrics?: TemplateInput[]) => ({
  category: 'refusal',
  person: { surname, givenNames: 'Ezra', birthDate: '1980-01-15', nationalities: ['USA'] },
  reason: 'Entry ban after a conviction',
  decisionRef: `EB-IT-${surname}`,
  ...(biometrics === undefined ? {} : { biometrics }),
});

async function enterAlert(body: unknown): Promise<string> {
  const r = await call('POST', '/api/v1/sis/alerts', { as: 'sirene.it', body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

/**
 * The SIS step of the border check, run as the check runs it, with the live capture decoded as the flow decodes
 * it (`StepContext.biometrics`); the traveller's passport is new and in another name, so only the face can
 * find the alert. The hits are recorded in one transaction, as the flow records them.
 */
async function borderCheck(capture: TemplateInput[]): Promise<{ findings: Finding[]; data: SisData }> {
  const { services } = server;
  const mrz = generateMrzOrThrow({
    format: 'TD3',
    documentCode: 'P',
    issuingState: 'USA',
    surname: 'NEWNAME',
    givenNames: 'JOHN',
    documentNumber: 'N0000001',
    nationality: 'USA',
    birthDate: '900101',
    sex: 'M',
    expiryDate: '350101',
  }).lines.join('\n');
  const actor = await services.access.authenticate(tokens.get('border.fi')!);
  const ctx: StepContext = {
    actor,
    purpose: 'border-control',
    today: new Date().toISOString().slice(0, 10),
    bcpId: 'FI-HEL',
    holder: {
      surname: 'NEWNAME',
      givenNames: 'JOHN',
      nationality: 'USA',
      birthDate: '1990-01-01',
      sex: 'M',
      documentType: 'P',
      documentNumber: 'N0000001',
      issuingState: 'USA',
      expiryDate: '2035-01-01',
    },
    parsed: parseMrz(mrz),
    biometrics: services.sbms.decode(capture, 'biometrics', { qualityGate: false }),
  };
  const outcome = await sisBorderStep(services.sis).run(ctx);
  await services.database.db.transaction().execute((trx) => outcome.record!(trx, { present: false }));
  return { findings: outcome.findings, data: outcome.data };
}

interface Answer {
  system: string;
  status: string;
  results: Array<{ recordRef: string; explanation: string[]; biometric?: Record<string, unknown> }>;
}

async function portal(as: string, body: unknown) {
  const r = await call('POST', '/api/v1/search/merged', { as, body });
  return { status: r.status, body: r.body, answers: (r.body.answers ?? []) as Answer[] };
}

beforeAll(async () => {
  server = await startTestServer();
  for (const username of Object.keys(PURPOSE)) {
    const r = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    tokens.set(username, ((await r.json()) as { token: string }).token);
  }
});
afterAll(async () => {
  await server.close();
});

describe('SIS person alerts with biometric templates', () => {
  let alertId = '';

  it('enrols the face of a person alert in the sis partition, never in the alert itself', async () => {
    alertId = await enterAlert(refusal('Marlow', [gen.face('marlow', { quality: 85 })]));
    const held = await server.services.sbms.holdings('sis', [alertId]);
    expect(held.get(alertId)).toEqual([{ modality: 'face', position: 0, quality: 85 }]);
    const read = await call('GET', `/api/v1/sis/alerts/${alertId}`, { as: 'sirene.it' });
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toContain('biometrics');
    const { rows } = await sql<{
      content: unknown;
    }>`select content from sis.alert where id = ${alertId}`.execute(server.services.database.db);
    expect(JSON.stringify(rows[0]!.content)).not.toContain('template');
  });

  it('refuses a template below the quality gate, a face on an unknown-suspect alert and templates on an object alert', async () => {
    const poor = await call('POST', '/api/v1/sis/alerts', {
      as: 'sirene.it',
      body: refusal('Poorface', [gen.face('poorface', { quality: 10 })]),
    });
    expect(poor.status).toBe(400);
    expect(poor.body).toMatchObject({ code: 'SBMS_QUALITY_TOO_LOW' });
    const unknown = await call('POST', '/api/v1/sis/alerts', {
      as: 'sirene.it',
      body: {
        category: 'unknown-suspect',
        person: {},
        reason: 'Latent prints at a crime scene',
        decisionRef: 'UNK-1',
        biometrics: [gen.face('latent')],
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'SIS_ALERT_INVALID' });
    const object = await call('POST', '/api/v1/sis/alerts', {
      as: 'sirene.it',
      body: {
        category: 'object-seizure',
        object: { type: 'motor-vehicle', identifiers: [{ kind: 'plate', value: 'AB123CD', country: 'IT' }] },
        reason: 'Stolen',
        decisionRef: 'OBJ-1',
        biometrics: [gen.face('car')],
      },
    });
    expect(object.status).toBe(400);
    expect(object.body).toMatchObject({ code: 'SIS_ALERT_INVALID' });
  });

  it('takes an unknown-suspect alert of fingerprints alone (2018/1862 art. 40)', async () => {
    const id = await enterAlert({
      category: 'unknown-suspect',
      person: {},
      reason: 'Latent prints at a crime scene',
      decisionRef: 'UNK-2',
      biometrics: gen.fingers('latent-2', [1, 2, 6]),
    });
    expect((await server.services.sbms.holdings('sis', [id])).get(id)).toHaveLength(3);
  });

  it('finds the alert at the border by a new live capture of the same face: a SIS hit, explained', async () => {
    const { findings, data } = await borderCheck([gen.face('marlow', { capture: 1 })]);
    const finding = findings.find((f) => f.alertId === alertId);
    expect(finding).toMatchObject({
      code: 'SIS_REFUSAL_ALERT',
      level: 'stop',
      refusalGround: 'H',
      params: { via: 'biometric', modalities: 'face' },
    });
    expect(finding!.message).toMatch(/matched by face \(similarity 0\.\d\d\)/u);
    expect(finding!.hitId).toMatch(/\w/u);
    expect(data.biometric?.map((b) => b.alert.alertId)).toEqual([alertId]);
    // The hit is reported with the type of biometric data used, never the data (2018/1862 art. 12).
    const { rows } = await sql<{ query_data_types: string[]; operation: string }>`
      select operation, query_data_types from audit.event
      where operation in ('sis.search.biometric', 'sis.hits.report') and ${alertId} = any(
        select jsonb_array_elements_text(record_refs)) order by seq`.execute(server.services.database.db);
    expect(rows.map((r) => r.operation)).toContain('sis.search.biometric');
    for (const r of rows) {
      expect(r.query_data_types).toEqual(['facialImage']);
    }
  });

  it('finds the alert through the border-check route with the live capture, and the hit is in SIRENE’s list', async () => {
    const mrz = generateMrzOrThrow({
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'USA',
      surname: 'OTHERNAME',
      givenNames: 'JACK',
      documentNumber: 'N0000002',
      nationality: 'USA',
      birthDate: '910202',
      sex: 'M',
      expiryDate: '350101',
    }).lines.join('\n');
    const r = await call('POST', '/api/v1/border-check', {
      as: 'border.fi',
      body: { mrz, bcpId: 'FI-HEL', biometrics: [gen.face('marlow', { capture: 5 })] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const findings = r.body.findings as Finding[];
    const finding = findings.find((f) => f.alertId === alertId);
    expect(finding).toMatchObject({ code: 'SIS_REFUSAL_ALERT', params: { via: 'biometric' } });
    expect(r.body.verdict).toBe('refusal-suggested');
    const sis = (r.body.extra as { sis: SisData }).sis;
    expect(sis.biometric?.map((b) => b.alert.alertId)).toEqual([alertId]);
    const hits = await call('GET', `/api/v1/sis/hits?alertId=${alertId}`, {
      as: 'sirene.it',
      purpose: 'sirene-exchange',
    });
    expect(hits.status).toBe(200);
    expect(JSON.stringify(hits.body)).toContain(finding!.hitId!);
  });

  it('keeps a discreet check discreet when the face finds it', async () => {
    const id = await enterAlert({
      category: 'check',
      checkType: 'discreet',
      person: { surname: 'Quiet', givenNames: 'Ann', birthDate: '1975-05-05', nationalities: ['CAN'] },
      reason: 'Serious crime',
      decisionRef: 'CHK-1',
      biometrics: [gen.face('quiet')],
    });
    const { findings } = await borderCheck([gen.face('quiet', { capture: 2 })]);
    const finding = findings.find((f) => f.alertId === id);
    expect(finding).toMatchObject({ code: 'SIS_DISCREET_CHECK', level: 'info', discreet: true });
    expect(finding!.params).toMatchObject({ category: '', via: 'biometric' });
    expect(finding!.hitId).toMatch(/\w/u);
  });

  it('enrols the templates of imported alerts with the batch, and rejects a line whose template is too poor', async () => {
    const { services } = server;
    const rejects: ImportReject[] = [];
    const summary = await importLines(
      services,
      [
        JSON.stringify({ id: 'sis_bio-import-1', alert: refusal('Imported', [gen.face('imported')]) }),
        JSON.stringify({
          id: 'sis_bio-import-2',
          alert: refusal('Blurred', [gen.face('blurred', { quality: 5 })]),
        }),
      ],
      { system: 'sis', onReject: (r) => void rejects.push(r) },
    );
    expect(summary).toMatchObject({ accepted: 1, rejected: 1 });
    expect(rejects).toEqual([expect.objectContaining({ line: 2, code: 'SBMS_QUALITY_TOO_LOW' })]);
    await services.changes.sync();
    expect((await services.sbms.holdings('sis', ['sis_bio-import-1'])).get('sis_bio-import-1')).toHaveLength(
      1,
    );
    const { findings } = await borderCheck([gen.face('imported', { capture: 1 })]);
    expect(findings.find((f) => f.alertId === 'sis_bio-import-1')).toMatchObject({
      code: 'SIS_REFUSAL_ALERT',
    });
  });

  it('finds nothing for another person', async () => {
    const { findings, data } = await borderCheck([gen.face('someone-else', { capture: 1 })]);
    expect(findings.map((f) => f.code)).toEqual(['SIS_NO_HIT']);
    expect(data.biometric).toEqual([]);
  });

  it('answers a biometric portal query for a profile that may make one, and refuses one that may not', async () => {
    const probe = [gen.face('marlow', { capture: 3 })];
    const border = await portal('border.fi', { biometrics: probe });
    expect(border.status).toBe(200);
    const sis = border.answers.find((a) => a.system === 'sis')!;
    expect(sis.status).toBe('ok');
    expect(sis.results.map((r) => r.recordRef)).toEqual([`sis:${alertId}`]);
    expect(sis.results[0]!.biometric).toMatchObject({ modalities: ['face'], fingers: 0 });
    expect(sis.results[0]!.biometric!.score).toBeGreaterThan(0);
    expect(sis.results[0]!.explanation[0]).toMatch(/^matched by face/u);

    const other = await portal('police.nl', { biometrics: [gen.face('nobody-known')] });
    expect(other.status).toBe(200);
    expect(other.answers.find((a) => a.system === 'sis')!.results).toEqual([]);

    const visa = await portal('visa.fr', { surname: 'Marlow', biometrics: probe });
    expect(visa.status).toBe(403);
    expect(visa.body).toMatchObject({ code: 'ESP_QUERY_BIOMETRIC_NOT_ALLOWED' });

    const profiles = await call('GET', '/api/v1/search/profile', { as: 'visa.fr' });
    expect(profiles.body.profiles).toEqual([expect.objectContaining({ biometric: false })]);
    const borderProfiles = await call('GET', '/api/v1/search/profile', { as: 'border.fi' });
    expect(borderProfiles.body.profiles).toEqual([expect.objectContaining({ biometric: true })]);

    // The portal logs the query's types only: no template, and the templates are not in its hash either.
    await server.services.audit.flush();
    const { rows } = await sql<{
      query_data_types: string[];
      result_summary: string;
      query_data_hash: string;
    }>`
      select query_data_types, result_summary, query_data_hash from audit.event
      where operation = 'esp.search' order by seq desc limit 2`.execute(server.services.database.db);
    expect(rows.map((r) => r.query_data_types)).toEqual([['facialImage'], ['facialImage']]);
    expect(rows[0]!.result_summary).toContain('biometric query');
    const all = await sql<{ n: number }>`select count(*)::int as n from audit.event
      where query_data_types::text like ${`%${probe[0]!.template.slice(0, 16)}%`}
         or result_summary like ${`%${probe[0]!.template.slice(0, 16)}%`}`.execute(
      server.services.database.db,
    );
    expect(all.rows[0]!.n).toBe(0);
  });

  it('answers a biometric portal query from EES files holding templates', async () => {
    const created = await call('POST', '/api/v1/ees/files', {
      as: 'border.fi',
      body: {
        kind: 'visa-holder',
        surname: 'Lindqvist',
        givenNames: 'Eva',
        birthDate: '1991-03-03',
        nationalities: ['NGA'],
        sex: 'F',
        documents: [{ type: 'P', number: 'L1234567', issuingState: 'NGA', expiry: '2035-01-01' }],
        facialImageRef: 'face:lindqvist',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const fileId = created.body.id as string;
    const { services } = server;
    const templates = services.sbms.decode([gen.face('lindqvist'), ...gen.fingers('lindqvist', [2, 7])]);
    await services.database.db
      .transaction()
      .execute((trx) => services.sbms.enrol(trx, 'ees', fileId, templates));
    await services.changes.sync();

    const r = await portal('immigration.de', {
      biometrics: [gen.face('lindqvist', { capture: 1 }), gen.finger('lindqvist', 7, { capture: 1 })],
    });
    expect(r.status).toBe(200);
    const ees = r.answers.find((a) => a.system === 'ees')!;
    expect(ees.status).toBe('ok');
    expect(ees.results.map((x) => x.recordRef)).toEqual([`ees:${fileId}`]);
    expect(ees.results[0]!.biometric).toMatchObject({ modalities: ['face', 'finger'], fingers: 1 });
  });

  it('removes the templates when the alert is deleted: the face no longer finds it', async () => {
    const del = await call('DELETE', `/api/v1/sis/alerts/${alertId}`, {
      as: 'sirene.it',
      body: { reason: 'Entry ban withdrawn' },
    });
    expect(del.status).toBeLessThan(300);
    expect((await server.services.sbms.holdings('sis', [alertId])).get(alertId) ?? []).toEqual([]);
    const { findings } = await borderCheck([gen.face('marlow', { capture: 4 })]);
    expect(findings.some((f) => f.alertId === alertId)).toBe(false);
    const again = await portal('border.fi', { biometrics: [gen.face('marlow', { capture: 4 })] });
    expect(again.answers.find((a) => a.system === 'sis')!.results).toEqual([]);
  });

  it('removes the templates of an alert deleted at its review date by the retention run', async () => {
    const { services } = server;
    const sirene = await services.access.authenticate(tokens.get('sirene.it')!);
    const old = await services.sis.createAlert({
      actor: sirene,
      purpose: 'alert-management',
      alert: refusal('Expired', [gen.face('expired')]) as never,
      enteredOn: '2015-01-10',
    });
    const id = old.alert.id;
    expect((await services.sbms.holdings('sis', [id])).get(id)).toHaveLength(1);
    await services.retention.run(SYSTEM_ACTOR);
    await services.changes.sync();
    expect((await services.sbms.holdings('sis', [id])).get(id) ?? []).toEqual([]);
    const { findings } = await borderCheck([gen.face('expired', { capture: 1 })]);
    expect(findings.map((f) => f.code)).toEqual(['SIS_NO_HIT']);
  });
});

describe('The biometric fields fuzzed', () => {
  const bytes = (values: number[]) => encodeVector(Float32Array.from(values));
  const content = fc.oneof(
    fc.constant(gen.face('fuzz').template),
    fc.constant(gen.finger('fuzz', 3).template),
    fc.constant(gen.face('fuzz-2').template),
    fc.constant(gen.finger('fuzz-2', 7).template),
    fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b).toString('base64')),
    fc.constant(bytes(new Array<number>(512).fill(0))),
    fc.constant(bytes(new Array<number>(512).fill(Number.NaN))),
    fc.constant(bytes(new Array<number>(192).fill(Number.POSITIVE_INFINITY))),
    fc.constant(bytes(new Array<number>(512).fill(3e38))),
    fc.string({ maxLength: 40 }),
    fc.constant('====\u0000\ud800'),
  );
  /** Templates as a careless or hostile client sends them: every field of every kind, and the real ones. */
  const wild = fc.record(
    {
      modality: fc.oneof(fc.constantFrom('face', 'finger', 'palm', '', 'FACE'), fc.string()),
      position: fc.oneof(
        fc.integer({ min: -3, max: 14 }),
        fc.double({ noNaN: true }),
        fc.string({ maxLength: 3 }),
        fc.constant(null),
      ),
      template: content,
      quality: fc.oneof(
        fc.double({ noNaN: true }),
        fc.integer({ min: -10, max: 200 }),
        fc.string({ maxLength: 3 }),
      ),
      extra: fc.string({ maxLength: 5 }),
    },
    { requiredKeys: [] },
  );
  /** Templates that pass the schema, so that the decoder and the matching service meet what is inside. */
  const shaped = fc.record(
    {
      modality: fc.constantFrom('face', 'finger'),
      position: fc.integer({ min: 1, max: 10 }),
      template: content,
      quality: fc.double({ min: 0, max: 100, noNaN: true }),
    },
    { requiredKeys: ['modality', 'template', 'quality'] },
  );
  const template = fc.oneof(wild, shaped, shaped);
  // Mostly schema-valid arrays, so that most cases reach the decoder and the matching service.
  const templates = fc.oneof(
    { arbitrary: fc.array(shaped, { maxLength: 13 }), weight: 6 },
    { arbitrary: fc.array(template, { maxLength: 13 }), weight: 2 },
    { arbitrary: fc.constantFrom(null, 'face', [{}]), weight: 1 },
  );

  /** A 2xx, or a problem+json 4xx with a code; never a 5xx. */
  async function send(as: string, method: string, url: string, body: unknown) {
    const r = await fetch(`${server.url}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(as)}`,
        'x-interlink-purpose': PURPOSE[as]!,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    const text = await r.text();
    expect(r.status, text.slice(0, 300)).toBeLessThan(500);
    if (r.status >= 400) {
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect((JSON.parse(text) as { code?: string }).code).toMatch(/^[A-Z][A-Z0-9_]+$/u);
    }
    return r.status;
  }

  it('never fails a SIS alert with fuzzed templates', async () => {
    await fc.assert(
      fc.asyncProperty(templates, async (biometrics) => {
        await send('sirene.it', 'POST', '/api/v1/sis/alerts', { ...refusal('Fuzz'), biometrics });
      }),
      { numRuns: 60 },
    );
  });

  it('never fails a portal search with fuzzed templates, under a profile that may and one that may not', async () => {
    await fc.assert(
      fc.asyncProperty(templates, fc.constantFrom('border.fi', 'visa.fr'), async (biometrics, as) => {
        await send(as, 'POST', '/api/v1/search/merged', { surname: 'Fuzz', biometrics });
      }),
      { numRuns: 60 },
    );
  });
});
