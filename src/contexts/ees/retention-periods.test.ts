import { describe, expect, it } from 'vitest';
import {
  erasureNoticeOn,
  fileEraseAfter,
  logRetainUntil,
  recordEraseAfter,
  refusalEraseAfter,
} from './retention-periods.ts';

describe('EES retention periods (art. 34)', () => {
  describe('recordEraseAfter', () => {
    it('erases an entry/exit record 3 years after the exit (digest §1.5 worked example)', () => {
      expect(
        recordEraseAfter({
          entryDate: '2026-04-01',
          exitDate: '2026-05-10',
          authorisedUntil: '2026-06-29',
          familyMember: false,
        }),
      ).toBe('2029-05-10');
    });

    it('erases a record whose exit fell on 29 February on 28 February three years later', () => {
      // Reg. (EEC, Euratom) No 1182/71 art. 3(2)(c): a period in years ends on the last day of a shorter month.
      expect(
        recordEraseAfter({
          entryDate: '2024-02-20',
          exitDate: '2024-02-29',
          authorisedUntil: '2024-05-19',
          familyMember: false,
        }),
      ).toBe('2027-02-28');
      expect(erasureNoticeOn('2029-05-31')).toBe('2029-02-28');
    });

    it('keeps an overstayed stay 5 years after the end of the authorised stay', () => {
      expect(
        recordEraseAfter({
          entryDate: '2026-03-04',
          exitDate: null,
          authorisedUntil: '2026-06-01',
          familyMember: false,
        }),
      ).toBe('2031-06-01');
    });

    it("keeps a family member's record 1 year after exit, or 5 years after entry without exit (art. 34(4))", () => {
      expect(
        recordEraseAfter({
          entryDate: '2026-04-01',
          exitDate: '2026-05-10',
          authorisedUntil: null,
          familyMember: true,
        }),
      ).toBe('2027-05-10');
      expect(
        recordEraseAfter({
          entryDate: '2026-04-01',
          exitDate: null,
          authorisedUntil: null,
          familyMember: true,
        }),
      ).toBe('2031-04-01');
    });
  });

  describe('fileEraseAfter', () => {
    it('keeps the file 3 years and 1 day after the last exit or refusal', () => {
      expect(
        fileEraseAfter({
          createdOn: '2026-04-01',
          records: [{ eraseAfter: '2029-05-10', exitDate: '2026-05-10', familyMember: false }],
          refusals: [{ eraseAfter: refusalEraseAfter('2026-02-01') }],
        }),
      ).toBe('2029-05-11');
    });

    it('follows a later stay and an open overstay, and a file without record', () => {
      expect(
        fileEraseAfter({
          createdOn: '2026-01-01',
          records: [
            { eraseAfter: '2029-05-10', exitDate: '2026-05-10', familyMember: false },
            { eraseAfter: '2033-01-31', exitDate: null, familyMember: false },
          ],
          refusals: [],
        }),
      ).toBe('2033-01-31');
      expect(fileEraseAfter({ createdOn: '2026-01-01', records: [], refusals: [] })).toBe('2029-01-02');
    });
  });

  it('warns the member state 3 months before erasure and keeps logs a year longer than the data', () => {
    expect(erasureNoticeOn('2031-06-01')).toBe('2031-03-01');
    expect(logRetainUntil('2029-05-11', '2026-05-10')).toBe('2030-05-11');
    expect(logRetainUntil(null, '2026-05-10')).toBe('2030-05-11');
  });
});
