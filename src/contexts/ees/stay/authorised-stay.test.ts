import { describe, expect, it } from 'vitest';
import { assessAuthorisedStay, type ShortStayVisaInput } from './authorised-stay.ts';

const singleEntry: ShortStayVisaInput = {
  validFrom: '2025-03-01',
  validUntil: '2025-04-30',
  durationOfStay: 15,
  entries: 1,
};

describe('assessAuthorisedStay', () => {
  describe('family members of Union citizens (EES art. 11(1))', () => {
    it('does not apply the calculator, however long the stay', () => {
      expect(
        assessAuthorisedStay({
          stays: [{ entry: '2024-01-01', exit: null }],
          date: '2025-01-01',
          familyMemberOfUnionCitizen: true,
        }),
      ).toEqual({ calculatorApplied: false, reason: 'FAMILY_MEMBER_OF_UNION_CITIZEN' });
    });

    it('still rejects a malformed record', () => {
      expect(() =>
        assessAuthorisedStay({ stays: [], date: '2025-13-01', familyMemberOfUnionCitizen: true }),
      ).toThrow(expect.objectContaining({ code: 'EES_STAY_BAD_DATE' }));
    });
  });

  describe('visa-exempt travellers', () => {
    it('ends the current stay where the 90/180 rule ends it', () => {
      const r = assessAuthorisedStay({ stays: [{ entry: '2025-01-01', exit: null }], date: '2025-02-01' });
      expect(r).toMatchObject({
        calculatorApplied: true,
        present: true,
        authorisedUntil: '2025-03-31',
        limitedBy: 'RULE_90_180',
        overstayDays: 0,
        plannedStay: null,
        visa: null,
      });
    });

    it('plans a stay for a traveller who is not present', () => {
      const r = assessAuthorisedStay({
        stays: [{ entry: '2025-01-01', exit: '2025-03-01' }],
        date: '2025-05-01',
      });
      expect(r).toMatchObject({
        present: false,
        authorisedUntil: null,
        plannedStay: { days: 30, until: '2025-05-30' },
        limitedBy: 'RULE_90_180',
      });
    });

    it('counts the days present after the authorised stay as overstay', () => {
      const r = assessAuthorisedStay({ stays: [{ entry: '2025-01-01', exit: null }], date: '2025-04-05' });
      expect(r).toMatchObject({ authorisedUntil: '2025-03-31', overstayDays: 5 });
    });
  });

  describe('extensions (EES art. 19)', () => {
    it('uses the extended end date for the current stay', () => {
      const r = assessAuthorisedStay({
        stays: [{ entry: '2025-01-01', exit: null }],
        date: '2025-04-10',
        extensions: [{ newEndOfStay: '2025-04-08' }, { newEndOfStay: '2025-04-15' }],
      });
      expect(r).toMatchObject({ authorisedUntil: '2025-04-15', limitedBy: 'EXTENSION', overstayDays: 0 });
      // The control report still states the 90/180 rule alone.
      expect(r.calculatorApplied && r.control.compliant).toBe(false);
    });

    it('ignores an extension that ends before the stay would end anyway', () => {
      const r = assessAuthorisedStay({
        stays: [{ entry: '2025-01-01', exit: null }],
        date: '2025-02-01',
        extensions: [{ newEndOfStay: '2025-03-01' }],
      });
      expect(r).toMatchObject({ authorisedUntil: '2025-03-31', limitedBy: 'RULE_90_180' });
    });

    it('rejects a malformed extension date', () => {
      expect(() =>
        assessAuthorisedStay({ stays: [], date: '2025-02-01', extensions: [{ newEndOfStay: 'soon' }] }),
      ).toThrow(
        expect.objectContaining({
          code: 'EES_STAY_BAD_DATE',
          details: { field: 'extensions[0].newEndOfStay' },
        }),
      );
    });
  });

  describe('short-stay visas', () => {
    it('ends the stay when the duration of stay on the visa is used up', () => {
      const r = assessAuthorisedStay({
        stays: [{ entry: '2025-03-10', exit: null }],
        date: '2025-03-20',
        visa: singleEntry,
      });
      expect(r).toMatchObject({
        present: true,
        authorisedUntil: '2025-03-24',
        limitedBy: 'VISA_DURATION',
        visa: {
          entriesAllowed: 1,
          entriesUsed: 1,
          entriesRemaining: 0,
          entriesExhausted: true,
          daysUsed: 11,
          daysRemaining: 4,
          validUntil: '2025-04-30',
        },
      });
    });

    it('allows no new entry once a single-entry visa has been used', () => {
      const r = assessAuthorisedStay({
        stays: [{ entry: '2025-03-10', exit: '2025-03-12' }],
        date: '2025-03-20',
        visa: singleEntry,
      });
      expect(r).toMatchObject({
        present: false,
        plannedStay: { days: 0, until: null },
        limitedBy: 'VISA_ENTRIES',
      });
    });

    it('allows a second entry on a double-entry visa, for the days left', () => {
      const r = assessAuthorisedStay({
        stays: [{ entry: '2025-03-10', exit: '2025-03-12' }],
        date: '2025-03-20',
        visa: { ...singleEntry, entries: 2 },
      });
      expect(r).toMatchObject({
        plannedStay: { days: 12, until: '2025-03-31' },
        limitedBy: 'VISA_DURATION',
        visa: { entriesUsed: 1, entriesRemaining: 1, entriesExhausted: false, daysRemaining: 12 },
      });
    });

    it('ends the stay on the visa expiry date and counts the days after it as overstay', () => {
      const visa: ShortStayVisaInput = {
        validFrom: '2025-01-01',
        validUntil: '2025-01-31',
        durationOfStay: 90,
        entries: 'multiple',
      };
      const within = assessAuthorisedStay({
        stays: [{ entry: '2025-01-20', exit: null }],
        date: '2025-01-25',
        visa,
      });
      expect(within).toMatchObject({
        authorisedUntil: '2025-01-31',
        limitedBy: 'VISA_VALIDITY',
        visa: { entriesRemaining: null, entriesExhausted: false },
      });
      const after = assessAuthorisedStay({
        stays: [{ entry: '2025-01-20', exit: null }],
        date: '2025-02-03',
        visa,
      });
      expect(after).toMatchObject({ authorisedUntil: '2025-01-31', overstayDays: 3 });
    });

    it('allows no stay before the visa becomes valid', () => {
      const r = assessAuthorisedStay({ stays: [], date: '2025-02-20', visa: singleEntry });
      expect(r).toMatchObject({ plannedStay: { days: 0, until: null }, limitedBy: 'VISA_VALIDITY' });
      const entered = assessAuthorisedStay({
        stays: [{ entry: '2025-02-20', exit: null }],
        date: '2025-02-22',
        visa: singleEntry,
      });
      expect(entered).toMatchObject({ authorisedUntil: null, overstayDays: 3, limitedBy: 'VISA_VALIDITY' });
    });

    it('keeps the 90/180 rule when it is stricter than the visa', () => {
      const r = assessAuthorisedStay({
        stays: [{ entry: '2025-01-01', exit: '2025-03-20' }],
        date: '2025-04-01',
        visa: { validFrom: '2025-03-25', validUntil: '2025-09-30', durationOfStay: 90, entries: 'multiple' },
      });
      // 79 days in January–March stay in the window: 11 more days, until 11.04.2025.
      expect(r).toMatchObject({ plannedStay: { days: 11, until: '2025-04-11' }, limitedBy: 'RULE_90_180' });
    });

    it('rejects a visa whose fields are out of range', () => {
      const bad = (visa: ShortStayVisaInput) => () =>
        assessAuthorisedStay({ stays: [], date: '2025-03-01', visa });
      const code: unknown = expect.objectContaining({ code: 'EES_STAY_BAD_AUTHORISATION' });
      expect(bad({ ...singleEntry, durationOfStay: 91 })).toThrow(code);
      expect(bad({ ...singleEntry, durationOfStay: 1.5 })).toThrow(code);
      expect(bad({ ...singleEntry, validUntil: '2025-02-01' })).toThrow(code);
      expect(bad({ ...singleEntry, entries: 3 as unknown as 1 })).toThrow(code);
    });
  });
});
