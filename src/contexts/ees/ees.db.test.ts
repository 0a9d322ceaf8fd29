import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { SYSTEM_ACTOR, type Actor, type AuthorityType } from '../access/index.ts';
import type { NewFileInput } from './index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const PRINTS = { hand: 'right' as const, index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' };
let docCounter = 0;

/** A visa-exempt traveller's file with defaults; each call gets a fresh passport number. */
function exemptFile(overrides: Partial<NewFileInput> = {}): NewFileInput {
  docCounter += 1;
  return {
    kind: 'visa-exempt',
    surname: 'Smith',
    givenNames: 'John',
    birthDate: '1980-05-12',
    nationalities: ['USA'],
    sex: 'M',
    documents: [
      {
        type: 'P',
        number: `X${String(docCounter).padStart(7, '0')}`,
        issuingState: 'USA',
        expiry: '2032-01-01',
      },
    ],
    facialImageRef: 'face:1',
    fingerprints: PRINTS,
    ...overrides,
  };
}

function visaHolderFile(overrides: Partial<NewFileInput> = {}): NewFileInput {
  const base = exemptFile({
    kind: 'visa-holder',
    nationalities: ['IND'],
    surname: 'Kumar',
    givenNames: 'Ravi',
  });
  delete base.fingerprints;
  base.documents = [{ ...base.documents[0]!, issuingState: 'IND' }];
  return { ...base, ...overrides };
}

const VISA = {
  stickerNumber: 'FRA123456',
  issuingState: 'FRA',
  type: 'C' as const,
  entries: 1 as const,
  durationOfStay: 30,
  validFrom: '2026-05-01',
  validUntil: '2026-08-31',
};

describeEachDatabase('EesService', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  const actors = new Map<AuthorityType, Actor>();
  const as = (type: AuthorityType, purpose: string) => ({ actor: actors.get(type)!, purpose });
  const border = () => as('border', 'border-control');
  const auditor: Actor = {
    ...SYSTEM_ACTOR,
    profile: { ...SYSTEM_ACTOR.profile, permissions: ['audit:read'], purposes: ['data-protection-audit'] },
  };
  const events = async (operation: string) =>
    (
      await s.audit.list({
        actor: auditor,
        purpose: 'data-protection-audit',
        filter: { operation, limit: 50 },
      })
    ).events;

  beforeEach(async () => {
    clock.set('2026-06-01T08:00:00Z');
    s = await createTestServices(tier, { clock });
    for (const type of ['border', 'visa', 'immigration', 'carrier', 'police'] as const) {
      actors.set(type, await s.access.authenticate((await newUser(s, type)).token));
    }
  });
  afterEach(async () => {
    await s.close();
  });

  describe('createFile', () => {
    it('creates a visa-exempt file with four fingerprints and logs it in the same transaction', async () => {
      const { value: file } = await s.ees.createFile({ ...border(), input: exemptFile() });
      expect(file).toMatchObject({
        kind: 'visa-exempt',
        surname: 'SMITH',
        givenNames: 'JOHN',
        nationalities: ['USA'],
        fingerprints: { status: 'captured', value: null, set: PRINTS },
        responsibleState: 'FI',
        eraseAfter: '2029-06-02',
      });
      const logged = await events('ees.file.create');
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ system: 'ees', purpose: 'border-control', recordRefs: [file.id] });
      // Logs are kept one year after the data (EES art. 46(4)).
      expect(logged[0]!.retainUntil).toBe('2030-06-02');
    });

    it('stores "not applicable" for a child under 12 and for physical impossibility (art. 17(3)-(5))', async () => {
      const { value: child } = await s.ees.createFile({
        ...border(),
        input: exemptFile({ birthDate: '2019-00-00', fingerprints: undefined }),
      });
      expect(child.fingerprints).toEqual({
        status: 'not-applicable',
        exemption: 'under-12',
        value: 'not applicable',
        set: null,
      });
      const { value: unable } = await s.ees.createFile({
        ...border(),
        input: exemptFile({ fingerprints: undefined, fingerprintExemption: 'physical-impossibility' }),
      });
      expect(unable.fingerprints).toMatchObject({ status: 'not-applicable', value: 'not applicable' });
    });

    it('rejects fingerprints of a child under 12, an under-12 exemption for an adult, and a missing set', async () => {
      await expect(
        s.ees.createFile({ ...border(), input: exemptFile({ birthDate: '2020-03-01' }) }),
      ).rejects.toMatchObject({ code: 'EES_FINGERPRINT_EXEMPTION_INVALID' });
      await expect(
        s.ees.createFile({
          ...border(),
          input: exemptFile({ fingerprints: undefined, fingerprintExemption: 'under-12' }),
        }),
      ).rejects.toMatchObject({ code: 'EES_FINGERPRINT_EXEMPTION_INVALID' });
      await expect(
        s.ees.createFile({ ...border(), input: exemptFile({ fingerprints: undefined }) }),
      ).rejects.toMatchObject({ code: 'EES_FINGERPRINTS_REQUIRED' });
      await expect(
        s.ees.createFile({ ...border(), input: visaHolderFile({ fingerprints: PRINTS }) }),
      ).rejects.toMatchObject({ code: 'EES_FINGERPRINTS_NOT_STORED_FOR_VISA_HOLDERS' });
    });

    it('rejects bad country codes and dates with EES codes, and a document already in another file', async () => {
      await expect(
        s.ees.createFile({ ...border(), input: exemptFile({ nationalities: ['US'] }) }),
      ).rejects.toMatchObject({ code: 'EES_BAD_COUNTRY_CODE' });
      await expect(
        s.ees.createFile({ ...border(), input: exemptFile({ birthDate: '1980-13-01' }) }),
      ).rejects.toMatchObject({ code: 'EES_BAD_DATE' });
      const input = exemptFile();
      const { value: first } = await s.ees.createFile({ ...border(), input });
      await expect(
        s.ees.createFile({ ...border(), input: { ...exemptFile(), documents: input.documents } }),
      ).rejects.toMatchObject({
        kind: 'Conflict',
        code: 'EES_DOCUMENT_ALREADY_REGISTERED',
        details: { fileId: first.id },
      });
    });

    it('is refused to a visa authority (consult only) and to the police', async () => {
      await expect(
        s.ees.createFile({ ...as('visa', 'visa-examination'), input: exemptFile() }),
      ).rejects.toMatchObject({
        code: 'ACCESS_PERMISSION_DENIED',
      });
      await expect(
        s.ees.createFile({ ...as('police', 'law-enforcement'), input: exemptFile() }),
      ).rejects.toMatchObject({
        code: 'ACCESS_PERMISSION_DENIED',
      });
    });

    it('replays the first result for a repeated Idempotency-Key and writes once', async () => {
      const input = exemptFile();
      const a = await s.ees.createFile({ ...border(), input, idempotencyKey: 'k-1' });
      const b = await s.ees.createFile({ ...border(), input, idempotencyKey: 'k-1' });
      expect(b.replayed).toBe(true);
      expect(b.value).toEqual(a.value);
      expect((await s.ees.counts())['ees.individual_file']).toBe(1);
    });
  });

  describe('recordEntry', () => {
    it('takes the local date at the BCP as the day of entry and fixes the authorised stay', async () => {
      const { value: file } = await s.ees.createFile({ ...border(), input: exemptFile() });
      clock.set('2026-06-01T23:40:00Z');
      const { value: entry } = await s.ees.recordEntry({
        ...border(),
        fileId: file.id,
        input: { at: '2026-06-01T23:30:00Z', bcpId: 'FI-HEL' },
      });
      // 23:30 UTC is already 2 June in Helsinki; 90 days from 2 June end on 30 August.
      expect(entry.entry).toMatchObject({ date: '2026-06-02', bcp: 'FI-HEL', memberState: 'FI' });
      expect(entry).toMatchObject({ authorisedUntil: '2026-08-30', limitedBy: 'RULE_90_180', exit: null });
    });

    it('refuses a second open stay with EES_STAY_ALREADY_OPEN', async () => {
      const { value: file } = await s.ees.createFile({ ...border(), input: exemptFile() });
      await s.ees.recordEntry({
        ...border(),
        fileId: file.id,
        input: { at: '2026-06-01T07:00:00Z', bcpId: 'FI-HEL' },
      });
      await expect(
        s.ees.recordEntry({
          ...border(),
          fileId: file.id,
          input: { at: '2026-06-01T07:30:00Z', bcpId: 'FI-VAALIMAA' },
        }),
      ).rejects.toMatchObject({ kind: 'Conflict', code: 'EES_STAY_ALREADY_OPEN' });
    });

    it("refuses a crossing at another state's BCP, an unknown BCP, a time in the future and an unknown file", async () => {
      const { value: file } = await s.ees.createFile({ ...border(), input: exemptFile() });
      const entry = (input: { at: string; bcpId: string }, fileId = file.id) =>
        s.ees.recordEntry({ ...border(), fileId, input });
      await expect(entry({ at: '2026-06-01T07:00:00Z', bcpId: 'FR-CDG' })).rejects.toMatchObject({
        kind: 'Forbidden',
        code: 'EES_BCP_OF_ANOTHER_STATE',
      });
      await expect(entry({ at: '2026-06-01T07:00:00Z', bcpId: 'XX-NOWHERE' })).rejects.toMatchObject({
        code: 'EES_UNKNOWN_BCP',
      });
      await expect(entry({ at: '2026-06-02T07:00:00Z', bcpId: 'FI-HEL' })).rejects.toMatchObject({
        code: 'EES_TIME_IN_FUTURE',
      });
      await expect(
        entry({ at: '2026-06-01T07:00:00Z', bcpId: 'FI-HEL' }, 'eesf_missing'),
      ).rejects.toMatchObject({
        kind: 'NotFound',
        code: 'EES_FILE_NOT_FOUND',
      });
    });

    it('needs visa data for a visa holder, limits the stay to the visa and refuses entries it does not allow', async () => {
      const { value: file } = await s.ees.createFile({ ...border(), input: visaHolderFile() });
      await expect(
        s.ees.recordEntry({
          ...border(),
          fileId: file.id,
          input: { at: '2026-06-01T07:00:00Z', bcpId: 'FI-HEL' },
        }),
      ).rejects.toMatchObject({ code: 'EES_VISA_REQUIRED' });
      const { value: entry } = await s.ees.recordEntry({
        ...border(),
        fileId: file.id,
        input: { at: '2026-06-01T07:00:00Z', bcpId: 'FI-HEL', visa: VISA },
      });
      expect(entry).toMatchObject({ authorisedUntil: '2026-06-30', limitedBy: 'VISA_DURATION' });
      clock.set('2026-06-10T12:00:00Z');
      await s.ees.recordExit({
        ...border(),
        fileId: file.id,
        input: { at: '2026-06-10T10:00:00Z', bcpId: 'FI-HEL' },
      });
      await expect(
        s.ees.recordEntry({
          ...border(),
          fileId: file.id,
          input: { at: '2026-06-10T11:00:00Z', bcpId: 'FI-HEL', visa: VISA },
        }),
      ).rejects.toMatchObject({ code: 'EES_NO_AUTHORISED_STAY', details: { limitedBy: 'VISA_ENTRIES' } });
    });
  });

  describe('recordExit and viewFile', () => {
    it('closes the stay, keeps the travel history and shows the calculator figures', async () => {
      const { value: file } = await s.ees.createFile({ ...border(), input: exemptFile() });
      clock.set('2026-05-10T12:00:00Z');
      await s.ees.recordEntry({
        ...border(),
        fileId: file.id,
        input: { at: '2026-04-01T09:00:00Z', bcpId: 'FI-HEL' },
      });
      const { value: exit } = await s.ees.recordExit({
        ...border(),
        fileId: file.id,
        input: { at: '2026-05-10T08:00:00Z', bcpId: 'FI-VAALIMAA' },
      });
      expect(exit).toMatchObject({
        exit: { date: '2026-05-10', bcp: 'FI-VAALIMAA' },
        overstayDays: 0,
        eraseAfter: '2029-05-10',
      });
      await expect(
        s.ees.recordExit({
          ...border(),
          fileId: file.id,
          input: { at: '2026-05-10T09:00:00Z', bcpId: 'FI-HEL' },
        }),
      ).rejects.toMatchObject({ code: 'EES_NO_OPEN_STAY' });

      const view = await s.ees.viewFile({ ...as('visa', 'visa-examination'), fileId: file.id });
      expect(view.file.eraseAfter).toBe('2029-05-11');
      expect(view.history.records).toHaveLength(1);
      expect(view.stay).toMatchObject({
        date: '2026-05-10',
        calculatorApplied: true,
        present: true,
        control: { daysUsed: 40, daysRemaining: 50, compliant: true },
      });
      const later = await s.ees.viewFile({ ...border(), fileId: file.id, date: '2026-06-01' });
      expect(later.stay).toMatchObject({ present: false, plannedStay: { days: 50 } });
      expect((await events('ees.file.read')).length).toBe(2);
    });
  });

  describe('recordRefusal', () => {
    it('records the Annex V grounds and needs biometrics for grounds B, D and H', async () => {
      const { value: file } = await s.ees.createFile({
        ...border(),
        input: exemptFile({ fingerprints: undefined, fingerprintExemption: 'temporary-impossibility' }),
      });
      await expect(
        s.ees.recordRefusal({
          ...border(),
          fileId: file.id,
          input: { at: '2026-06-01T07:00:00Z', bcpId: 'FI-HEL', reasons: ['B'] },
        }),
      ).rejects.toMatchObject({ code: 'EES_REFUSAL_NEEDS_BIOMETRICS' });
      const { value: refusal } = await s.ees.recordRefusal({
        ...border(),
        fileId: file.id,
        input: {
          at: '2026-06-01T07:00:00Z',
          bcpId: 'FI-HEL',
          reasons: ['H', 'B', 'ETIAS'],
          fingerprints: PRINTS,
        },
      });
      expect(refusal).toMatchObject({
        date: '2026-06-01',
        reasons: ['B', 'ETIAS', 'H'],
        eraseAfter: '2029-06-01',
      });
      const view = await s.ees.viewFile({ ...border(), fileId: file.id });
      expect(view.file.fingerprints.status).toBe('captured');
      expect(view.file.eraseAfter).toBe('2029-06-02');
      await expect(
        s.ees.recordRefusal({
          ...border(),
          fileId: file.id,
          input: { at: '2026-06-01T07:00:00Z', bcpId: 'FI-HEL', reasons: ['A', 'A'] },
        }),
      ).rejects.toMatchObject({ code: 'EES_REFUSAL_REASONS_INVALID' });
    });
  });

  describe('searches', () => {
    it('finds a file by document number (separators ignored) and issuing state', async () => {
      const { value: file } = await s.ees.createFile({ ...border(), input: exemptFile() });
      const number = file.documents[0]!.number;
      const found = await s.ees.searchByDocument({
        ...border(),
        query: { number: ` ${number.slice(0, 3)}-${number.slice(3)} `, issuingState: 'usa' },
      });
      expect(found.map((f) => f.id)).toEqual([file.id]);
      expect(await s.ees.searchByDocument({ ...border(), query: { number, issuingState: 'CAN' } })).toEqual(
        [],
      );
      const logged = await events('ees.search.document');
      expect(logged[0]).toMatchObject({ queryDataTypes: ['documentNumber', 'issuingState'] });
      expect(JSON.stringify(logged)).not.toContain(number);
    });

    it('finds same and similar identities, ranked and explained with the MID rules', async () => {
      const { value: same } = await s.ees.createFile({ ...border(), input: exemptFile() });
      const { value: similar } = await s.ees.createFile({
        ...border(),
        input: exemptFile({ surname: 'Smieth' }),
      });
      await s.ees.createFile({
        ...border(),
        input: exemptFile({ surname: 'Smith', birthDate: '1991-01-01' }),
      });
      await s.ees.createFile({ ...border(), input: exemptFile({ surname: 'Jones' }) });
      const hits = await s.ees.searchByIdentity({
        ...border(),
        query: {
          surname: 'SMITH',
          givenNames: 'JOHN',
          birthDate: '1980-05-12',
          nationalities: ['USA'],
          sex: 'M',
        },
      });
      expect(hits.map((h) => [h.file.id, h.verdict])).toEqual([
        [same.id, 'same'],
        [similar.id, 'similar'],
      ]);
      expect(hits[1]!.rules.length).toBeGreaterThan(0);
      await expect(
        s.ees.searchByIdentity({ ...border(), query: { surname: 'SMITH', birthDate: '0000-00-00' } }),
      ).rejects.toMatchObject({
        code: 'EES_SEARCH_TOO_BROAD',
      });
    });

    it('treats what a partial query leaves out as unknown, and scores hits with the matching engine', async () => {
      const { value: file } = await s.ees.createFile({ ...border(), input: exemptFile() });
      const partial = await s.ees.searchByIdentity({
        ...border(),
        query: { surname: 'SMITH', givenNames: 'JOHN', birthDate: '1980-05-12' },
      });
      expect(partial.map((h) => h.file.id)).toEqual([file.id]);
      expect(partial[0]).toMatchObject({
        verdict: 'same',
        categories: { sex: { outcome: 'unknown' }, nationality: { outcome: 'unknown' } },
      });
      const yearOnly = await s.ees.searchByIdentity({
        ...border(),
        query: { surname: 'SMITH', birthDate: '1980-00-00' },
      });
      expect(yearOnly.map((h) => h.file.id)).toEqual([file.id]);
      const full = await s.ees.searchByIdentity({
        ...border(),
        query: {
          surname: 'SMITH',
          givenNames: 'JOHN',
          birthDate: '1980-05-12',
          sex: 'M',
          nationalities: ['USA'],
        },
      });
      const probabilities = [partial, yearOnly, full].map((h) => h[0]!.probability!);
      for (const p of probabilities) {
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThanOrEqual(1);
      }
      expect(new Set(probabilities).size).toBeGreaterThan(1);
      // A given value that differs still excludes the file.
      expect(
        await s.ees.searchByIdentity({
          ...border(),
          query: { surname: 'SMITH', givenNames: 'JOHN', birthDate: '1980-05-12', sex: 'F' },
        }),
      ).toEqual([]);
    });

    it('refuses a query matching more files than one answer holds as too broad, saying what to add', async () => {
      for (let i = 0; i < 21; i += 1) {
        await s.ees.createFile({
          ...border(),
          input: exemptFile({ givenNames: `John${'ABCDEFGHIJKLMNOPQRSTU'[i]}` }),
        });
      }
      const refused: unknown = await s.ees
        .searchByIdentity({ ...border(), query: { surname: 'SMITH', birthDate: '1980-00-00' } })
        .catch((err: unknown) => err);
      expect(refused).toMatchObject({ code: 'EES_SEARCH_TOO_BROAD', details: { matches: 21 } });
      expect((refused as Error).message).toMatch(/given names/u);
    });
  });

  describe('recordDecision (art. 19; Visa Code arts. 33-34)', () => {
    const immigration = () => as('immigration', 'immigration-check');
    const visaAuthority = () => as('visa', 'visa-examination');
    /** A visa holder entered on 2026-05-10 with a 30-day visa: authorised until 2026-06-08. */
    async function visaStay() {
      const { value: file } = await s.ees.createFile({ ...border(), input: visaHolderFile() });
      clock.set('2026-05-10T10:00:00Z');
      const { value: entry } = await s.ees.recordEntry({
        ...border(),
        fileId: file.id,
        input: { at: '2026-05-10T09:00:00Z', bcpId: 'FI-HEL', visa: VISA },
      });
      expect(entry.authorisedUntil).toBe('2026-06-08');
      clock.set('2026-06-01T08:00:00Z');
      return { file, entry };
    }
    const extend = (recordId: string, input: Record<string, string>, who = immigration()) =>
      s.ees.recordDecision({
        ...who,
        recordId,
        input: { kind: 'extended', place: 'Berlin', decidedOn: '2026-06-01', ...input },
      });

    it('extends a present stay applied for in time, up to the 90/180 limit', async () => {
      const { file, entry } = await visaStay();
      const { value: extended } = await extend(entry.id, {
        newEndOfStay: '2026-07-15',
        ground: 'serious-personal-reasons',
      });
      expect(extended).toMatchObject({ authorisedUntil: '2026-07-15', limitedBy: 'EXTENSION' });
      expect(extended.decisions[0]).toMatchObject({
        kind: 'extended',
        memberState: 'DE',
        ground: 'serious-personal-reasons',
        requestedOn: '2026-06-01',
        issuingStateToInform: null,
      });
      const view = await s.ees.viewFile({ ...border(), fileId: file.id });
      expect(view.stay).toMatchObject({ authorisedUntil: '2026-07-15' });
      // 90 days from 2026-05-10 end on 2026-08-07: one day more is refused, and so is 2099.
      await expect(extend(entry.id, { newEndOfStay: '2026-08-08' })).rejects.toMatchObject({
        code: 'EES_EXTENSION_BEYOND_90_IN_180',
        kind: 'Conflict',
        details: { latestLegalEnd: '2026-08-07' },
      });
      await expect(extend(entry.id, { newEndOfStay: '2099-12-31' })).rejects.toMatchObject({
        code: 'EES_EXTENSION_BEYOND_90_IN_180',
      });
      const { value: again } = await extend(entry.id, { newEndOfStay: '2026-08-07' }, visaAuthority());
      expect(again.authorisedUntil).toBe('2026-08-07');
    });

    it('refuses an extension by a border guard, and any decision by an authority without the grant', async () => {
      const { entry } = await visaStay();
      await expect(extend(entry.id, { newEndOfStay: '2026-06-20' }, border())).rejects.toMatchObject({
        code: 'EES_DECISION_AUTHORITY_NOT_COMPETENT',
        kind: 'Forbidden',
      });
      await expect(
        extend(entry.id, { newEndOfStay: '2026-06-20' }, as('police', 'police-identity-check')),
      ).rejects.toMatchObject({ code: 'ACCESS_PERMISSION_DENIED' });
    });

    it('refuses an extension once the person has left', async () => {
      const { file, entry } = await visaStay();
      await s.ees.recordExit({
        ...border(),
        fileId: file.id,
        input: { at: '2026-05-31T10:00:00Z', bcpId: 'FI-HEL' },
      });
      await expect(extend(entry.id, { newEndOfStay: '2026-06-20' })).rejects.toMatchObject({
        code: 'EES_EXTENSION_PERSON_NOT_PRESENT',
      });
    });

    it('refuses an extension applied for after the stay ended, unless on grounds of force majeure', async () => {
      const { file, entry } = await visaStay();
      clock.set('2026-06-12T10:00:00Z');
      await s.database.db.transaction().execute((trx) => s.ees.flagOverstayers(trx, '2026-06-12'));
      expect((await s.ees.viewFile({ ...border(), fileId: file.id })).file.overstayer).toBe(true);
      const late = { decidedOn: '2026-06-12', newEndOfStay: '2026-06-30' };
      await expect(extend(entry.id, late)).rejects.toMatchObject({
        code: 'EES_EXTENSION_AFTER_EXPIRY',
        details: { authorisedUntil: '2026-06-08', requestedOn: '2026-06-12' },
      });
      await expect(extend(entry.id, { ...late, ground: 'humanitarian' })).rejects.toMatchObject({
        code: 'EES_EXTENSION_AFTER_EXPIRY',
      });
      // Applied for in time, decided later: allowed.
      await expect(extend(entry.id, { ...late, requestedOn: '2026-06-13' })).rejects.toMatchObject({
        code: 'EES_DECISION_INVALID',
      });
      const { value: inTime } = await extend(entry.id, { ...late, requestedOn: '2026-06-05' });
      expect(inTime).toMatchObject({ authorisedUntil: '2026-06-30', overstayer: false });
      expect((await s.ees.viewFile({ ...border(), fileId: file.id })).file.overstayer).toBe(false);
    });

    it('accepts a late extension on grounds of force majeure and clears the overstayer flag', async () => {
      const { file, entry } = await visaStay();
      clock.set('2026-06-12T10:00:00Z');
      await s.database.db.transaction().execute((trx) => s.ees.flagOverstayers(trx, '2026-06-12'));
      const { value } = await extend(entry.id, {
        decidedOn: '2026-06-12',
        newEndOfStay: '2026-06-30',
        ground: 'force-majeure',
      });
      expect(value).toMatchObject({ authorisedUntil: '2026-06-30', overstayer: false });
      expect(value.decisions[0]).toMatchObject({ ground: 'force-majeure', requestedOn: '2026-06-12' });
      const view = await s.ees.viewFile({ ...border(), fileId: file.id });
      expect(view.file.overstayer).toBe(false);
      expect(view.stay).toMatchObject({ authorisedUntil: '2026-06-30', overstayDays: 0 });
    });

    it('lets the issuing state annul, and another state revoke with the issuing state to be informed', async () => {
      const { entry } = await visaStay();
      // The visa was issued by France; the visa authority of the test world is French.
      const { value: annulled } = await s.ees.recordDecision({
        ...visaAuthority(),
        recordId: entry.id,
        input: { kind: 'annulled', place: 'Paris', decidedOn: '2026-06-01' },
      });
      expect(annulled.decisions[0]).toMatchObject({ kind: 'annulled', issuingStateToInform: null });
      expect(annulled.authorisedUntil).toBe('2026-06-01');
      const { value: revoked } = await s.ees.recordDecision({
        ...border(),
        recordId: entry.id,
        input: { kind: 'revoked', place: 'Helsinki', decidedOn: '2026-06-01' },
      });
      expect(revoked.decisions[1]).toMatchObject({
        kind: 'revoked',
        memberState: 'FI',
        issuingStateToInform: 'FR',
      });
      const logged = await events('ees.decision.create');
      expect(logged.some((e) => /issuing state FR to be informed/.test(e.resultSummary ?? ''))).toBe(true);
      await expect(
        s.ees.recordDecision({
          ...border(),
          recordId: entry.id,
          input: { kind: 'revoked', place: 'Helsinki', decidedOn: '2026-06-01', ground: 'force-majeure' },
        }),
      ).rejects.toMatchObject({ code: 'EES_DECISION_INVALID' });
      await expect(
        s.ees.recordDecision({
          ...border(),
          recordId: 'eesr_missing',
          input: { kind: 'revoked', place: 'Helsinki', decidedOn: '2026-06-01' },
        }),
      ).rejects.toMatchObject({ code: 'EES_RECORD_NOT_FOUND' });
    });

    it('needs a new end date for an extension', async () => {
      const { entry } = await visaStay();
      await expect(extend(entry.id, {})).rejects.toMatchObject({ code: 'EES_DECISION_INVALID' });
      await expect(extend(entry.id, { newEndOfStay: '2026-06-05' })).rejects.toMatchObject({
        code: 'EES_DECISION_INVALID',
      });
    });
  });

  describe('verifyInCountry, overstayers and the web services', () => {
    it('tells immigration whether the stay is lawful, and lists overstayers for them only', async () => {
      const { value: file } = await s.ees.createFile({ ...border(), input: exemptFile() });
      const doc = { number: file.documents[0]!.number, issuingState: 'USA' };
      clock.set('2026-03-04T10:00:00Z');
      await s.ees.recordEntry({
        ...border(),
        fileId: file.id,
        input: { at: '2026-03-04T09:00:00Z', bcpId: 'FI-HEL' },
      });
      const immigration = as('immigration', 'immigration-check');
      expect(await s.ees.verifyInCountry({ ...immigration, query: doc })).toMatchObject({
        status: 'LAWFUL_STAY',
        authorisedUntil: '2026-06-01',
      });
      clock.set('2026-06-11T10:00:00Z');
      expect(await s.ees.verifyInCountry({ ...immigration, query: doc })).toMatchObject({
        status: 'OVERSTAY',
        overstayDays: 10,
      });
      expect(
        await s.ees.verifyInCountry({ ...immigration, query: { number: 'Z999', issuingState: 'USA' } }),
      ).toMatchObject({
        status: 'NO_FILE',
        file: null,
      });
      const { overstayers: list, total } = await s.ees.listOverstayers({ ...immigration, limit: 10 });
      expect(list).toEqual([
        expect.objectContaining({ fileId: file.id, authorisedUntil: '2026-06-01', overstayDays: 10 }),
      ]);
      expect(total).toBe(1);
      await expect(s.ees.listOverstayers({ ...border(), limit: 10 })).rejects.toMatchObject({
        code: 'ACCESS_PERMISSION_DENIED',
      });
      await expect(s.ees.verifyInCountry({ ...border(), query: doc })).rejects.toMatchObject({
        code: 'ACCESS_PERMISSION_DENIED',
      });
    });

    it('answers travellers with OK/NOT_OK and the remaining days only', async () => {
      const { value: file } = await s.ees.createFile({ ...border(), input: exemptFile() });
      const document = { number: file.documents[0]!.number, issuingState: 'USA', expiry: '2032-01-01' };
      clock.set('2026-03-01T10:00:00Z');
      await s.ees.recordEntry({
        ...border(),
        fileId: file.id,
        input: { at: '2026-01-01T09:00:00Z', bcpId: 'FI-HEL' },
      });
      await s.ees.recordExit({
        ...border(),
        fileId: file.id,
        input: { at: '2026-03-01T09:00:00Z', bcpId: 'FI-HEL' },
      });
      // Digest §7.4 example 4: 60 days used, re-entry on 1 May allows 30 days.
      const ok = await s.ees.travellerService({
        document,
        intendedEntry: '2026-05-01',
        intendedExit: '2026-05-30',
      });
      expect(ok).toEqual({ status: 'OK', remainingDays: 30 });
      const notOk = await s.ees.travellerService({
        document,
        intendedEntry: '2026-05-01',
        intendedExit: '2026-05-31',
      });
      expect(notOk).toEqual({ status: 'NOT_OK', remainingDays: 30 });
      const stranger = await s.ees.travellerService({
        document: { number: 'Q1', issuingState: 'USA', expiry: '2032-01-01' },
        intendedEntry: '2026-05-01',
      });
      expect(stranger).toEqual({ status: 'CANNOT_ANSWER', remainingDays: 0 });
      expect((await events('ees.traveller-service'))[0]).toMatchObject({
        username: 'traveller',
        purpose: 'traveller-stay-check',
      });
    });

    it('answers carriers with exactly { status } for single-entry visas', async () => {
      const { value: file } = await s.ees.createFile({ ...border(), input: visaHolderFile() });
      const carrier = {
        ...as('carrier', 'carrier-verification'),
        document: { number: file.documents[0]!.number, issuingState: 'IND' },
      };
      expect(await s.ees.carrierService({ ...carrier, intendedEntry: '2026-06-01' })).toEqual({
        status: 'OK',
      });
      await s.ees.recordEntry({
        ...border(),
        fileId: file.id,
        input: { at: '2026-06-01T07:00:00Z', bcpId: 'FI-HEL', visa: VISA },
      });
      clock.set('2026-06-05T12:00:00Z');
      await s.ees.recordExit({
        ...border(),
        fileId: file.id,
        input: { at: '2026-06-05T07:00:00Z', bcpId: 'FI-HEL' },
      });
      const answer = await s.ees.carrierService({ ...carrier, intendedEntry: '2026-06-20' });
      expect(answer).toEqual({ status: 'NOT_OK' });
      expect(Object.keys(answer)).toEqual(['status']);
      await expect(
        s.ees.carrierService({ ...carrier, actor: actors.get('border')!, intendedEntry: '2026-06-20' }),
      ).rejects.toMatchObject({
        code: 'ACCESS_PERMISSION_DENIED',
      });
    });
  });
});
