import { afterAll, beforeAll, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import type { Actor } from '../../contexts/access/index.ts';
import type { CheckSubject } from '../../contexts/etias/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { eesEtiasCheck } from './etias-check.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

interface Person {
  surname: string;
  givenNames: string;
  birthDate: string;
  sex: 'M' | 'F';
  nationality: string;
  document: string;
}

const subjectOf = (p: Person, over: Partial<CheckSubject> = {}): CheckSubject => ({
  applicationId: 'app_test',
  surname: p.surname,
  givenNames: p.givenNames,
  otherNames: [],
  birthDate: p.birthDate,
  sex: p.sex,
  nationalities: [p.nationality],
  placeOfBirth: 'SOMEWHERE',
  countryOfBirth: p.nationality,
  document: { type: 'P', number: p.document, issuingState: p.nationality, expiry: '2032-01-01' },
  residence: { country: p.nationality, city: 'CAPITAL' },
  email: 'applicant@example.com',
  ...over,
});

const REFUSED: Person = {
  surname: 'KOVALENKO',
  givenNames: 'OLENA',
  birthDate: '1992-05-05',
  sex: 'F',
  nationality: 'UKR',
  document: 'FA100001',
};
const OVERSTAYING: Person = {
  surname: 'MORALES',
  givenNames: 'DIEGO',
  birthDate: '1980-01-01',
  sex: 'M',
  nationality: 'COL',
  document: 'CO200002',
};
const OVERSTAYED: Person = {
  surname: 'HARRISON',
  givenNames: 'PAUL',
  birthDate: '1975-09-09',
  sex: 'M',
  nationality: 'USA',
  document: 'US3000003',
};
const CLEAN: Person = {
  surname: 'TREMBLAY',
  givenNames: 'ANNE',
  birthDate: '1988-02-02',
  sex: 'F',
  nationality: 'CAN',
  document: 'CA4000004',
};

describeEachDatabase('EES in ETIAS automated processing', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2025-09-01T08:00:00Z');
  const guards: Record<'FI' | 'FR' | 'ES', Actor> = {} as Record<'FI' | 'FR' | 'ES', Actor>;
  const BCP = { FI: 'FI-HEL', FR: 'FR-CDG', ES: 'ES-MAD' } as const;
  const files: Record<string, string> = {};
  const purpose = 'border-control';
  const run = (p: Person, over: Partial<CheckSubject> = {}) =>
    eesEtiasCheck(s.ees).run(subjectOf(p, over), {});

  async function file(name: string, p: Person, state: 'FI' | 'FR' | 'ES') {
    const { value } = await s.ees.createFile({
      actor: guards[state],
      purpose,
      input: {
        kind: 'visa-exempt',
        surname: p.surname,
        givenNames: p.givenNames,
        birthDate: p.birthDate,
        nationalities: [p.nationality],
        sex: p.sex,
        documents: [{ type: 'P', number: p.document, issuingState: p.nationality, expiry: '2032-01-01' }],
        facialImageRef: `face:${name}`,
        fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
      },
    });
    files[name] = value.id;
    return value.id;
  }
  async function entry(fileId: string, state: 'FI' | 'FR' | 'ES', at: string) {
    clock.set(at);
    const { value } = await s.ees.recordEntry({
      actor: guards[state],
      purpose,
      fileId,
      input: { at, bcpId: BCP[state] },
    });
    return value.id;
  }
  async function exit(fileId: string, state: 'FI' | 'FR' | 'ES', at: string) {
    clock.set(at);
    await s.ees.recordExit({ actor: guards[state], purpose, fileId, input: { at, bcpId: BCP[state] } });
  }

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    for (const state of ['FI', 'FR', 'ES'] as const) {
      guards[state] = await s.access.authenticate((await newUser(s, 'border', { memberState: state })).token);
    }
    // A past overstay: entered in Spain, left through France 16 days after the 90 days ended.
    const overstayed = await file('overstayed', OVERSTAYED, 'ES');
    await entry(overstayed, 'ES', '2025-09-01T10:00:00Z');
    await exit(overstayed, 'FR', '2025-12-15T10:00:00Z');
    // A clean history: one short stay.
    const clean = await file('clean', CLEAN, 'FI');
    await entry(clean, 'FI', '2025-12-20T10:00:00Z');
    await exit(clean, 'FI', '2025-12-30T10:00:00Z');
    // Entered in Finland on 10 January 2026 and never left.
    const overstaying = await file('overstaying', OVERSTAYING, 'FI');
    await entry(overstaying, 'FI', '2026-01-10T10:00:00Z');
    // Refused entry by France.
    const refused = await file('refused', REFUSED, 'FR');
    clock.set('2026-03-01T07:00:00Z');
    const { value: refusal } = await s.ees.recordRefusal({
      actor: guards.FR,
      purpose,
      fileId: refused,
      input: { at: '2026-03-01T07:00:00Z', bcpId: 'FR-CDG', reasons: ['C', 'E'] },
    });
    files.refusal = refusal.id;
    clock.set('2026-06-01T08:00:00Z');
  });
  afterAll(async () => {
    await s.close();
  });

  it('a refusal of entry found by the travel document: EES_REFUSAL by the state that refused, with the record', async () => {
    const outcome = await run(REFUSED);
    const { hits } = outcome;
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      source: 'ees',
      rule: 'EES_REFUSAL',
      recordRef: `ees:${files.refusal}`,
      memberState: 'FR',
      record: {
        fileId: files.refused,
        surname: 'KOVALENKO',
        birthDate: '1992-05-05',
        documents: [expect.objectContaining({ number: 'FA100001', issuingState: 'UKR' })],
        refusal: { date: '2026-03-01', memberState: 'FR', reasons: ['C', 'E'] },
      },
    });
    expect(hits[0]!.explanation[0]).toMatch(/refusal of entry on 2026-03-01 at FR-CDG .*grounds C, E/);
    expect(hits[0]!.explanation.join('\n')).toMatch(/travel document UKR FA100001 is a document of EES file/);
    expect(outcome).not.toHaveProperty('record');
  });

  it('a refusal found by identity under another document and a Cyrillic name', async () => {
    const { hits } = await run(REFUSED, {
      surname: 'КОВАЛЕНКО',
      givenNames: 'ОЛЕНА',
      document: { type: 'P', number: 'FB999999', issuingState: 'UKR', expiry: '2033-01-01' },
    });
    expect(hits).toEqual([
      expect.objectContaining({ rule: 'EES_REFUSAL', recordRef: `ees:${files.refusal}`, memberState: 'FR' }),
    ]);
    expect(hits[0]!.explanation.join('\n')).toMatch(/matched EES file .*identity/);
  });

  it('a current overstay: EES_OVERSTAY by the state of entry, with the dates and the days', async () => {
    const { hits } = await run(OVERSTAYING);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      rule: 'EES_OVERSTAY',
      memberState: 'FI',
      record: {
        fileId: files.overstaying,
        stay: { entry: '2026-01-10', entryState: 'FI', authorisedUntil: '2026-04-09', exit: null },
      },
    });
    expect(hits[0]!.recordRef).toMatch(/^ees:/);
    expect(hits[0]!.explanation[0]).toMatch(
      /Current overstayer: entered on 2026-01-10 .*authorised until 2026-04-09.*53 days beyond/,
    );
  });

  it('a past overstay: EES_OVERSTAY by the state that recorded the exit, with the dates and the days', async () => {
    const { hits } = await run(OVERSTAYED);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      rule: 'EES_OVERSTAY',
      memberState: 'FR',
      record: {
        stay: {
          entry: '2025-09-01',
          entryState: 'ES',
          authorisedUntil: '2025-11-29',
          exit: '2025-12-15',
          exitState: 'FR',
          overstayDays: 16,
        },
      },
    });
    expect(hits[0]!.explanation[0]).toMatch(/Past overstay: .*left on 2025-12-15 .*16 days beyond/);
  });

  it('a file with neither refusal nor overstay, and a namesake born on another day, give no hit', async () => {
    expect((await run(CLEAN)).hits).toEqual([]);
    const namesake = await run(REFUSED, {
      birthDate: '1971-10-20',
      document: { type: 'P', number: 'FC123123', issuingState: 'UKR', expiry: '2033-01-01' },
    });
    expect(namesake.hits).toEqual([]);
    const unknown = await run({ ...CLEAN, surname: 'NOBODY', document: 'XX000000' });
    expect(unknown.hits).toEqual([]);
  });
});
