import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilFromDay,
  dayFromCivil,
  formatDay,
  parseCalendarDate,
  tryParseCalendarDate,
} from './calendar.ts';

describe('calendar days', () => {
  describe('tryParseCalendarDate', () => {
    it('counts days from 1970-01-01', () => {
      expect(tryParseCalendarDate('1970-01-01')).toBe(0);
      expect(tryParseCalendarDate('1969-12-31')).toBe(-1);
      expect(tryParseCalendarDate('2000-03-01')).toBe(11_017);
      expect(tryParseCalendarDate('2024-02-29')).toBe(19_782);
    });

    it('rejects days that do not exist and anything not written YYYY-MM-DD', () => {
      for (const text of [
        '2025-02-29',
        '1900-02-29',
        '2024-13-01',
        '2024-00-10',
        '2024-04-31',
        '2024-01-00',
        '0000-01-01',
        '2025-2-03',
        '2025/02/03',
        '20250203',
        '2025-02-03T00:00',
        ' 2025-02-03',
        '２０２５-02-03',
        '',
      ]) {
        expect(tryParseCalendarDate(text), text).toBeNull();
      }
    });

    it('accepts 29 February in leap years only', () => {
      expect(tryParseCalendarDate('2000-02-29')).not.toBeNull();
      expect(tryParseCalendarDate('2100-02-29')).toBeNull();
    });
  });

  describe('parseCalendarDate', () => {
    it('names the field and the bad value in its error', () => {
      expect(() => parseCalendarDate('2025-02-30', 'stays[1].exit')).toThrow(
        expect.objectContaining({
          code: 'EES_STAY_BAD_DATE',
          message: expect.stringContaining('stays[1].exit') as string,
          details: { field: 'stays[1].exit' },
        }),
      );
      expect(() => parseCalendarDate(20250203, 'date')).toThrow(
        expect.objectContaining({ code: 'EES_STAY_BAD_DATE' }),
      );
    });
  });

  describe('dayFromCivil and civilFromDay', () => {
    it('agree with the proleptic Gregorian calendar of Date.UTC', () => {
      fc.assert(
        fc.property(fc.integer({ min: -1_000_000, max: 2_000_000 }), (n) => {
          const d = new Date(n * 86_400_000);
          const civil = civilFromDay(n);
          expect(civil).toEqual({
            year: d.getUTCFullYear(),
            month: d.getUTCMonth() + 1,
            day: d.getUTCDate(),
          });
          expect(dayFromCivil(civil.year, civil.month, civil.day)).toBe(n);
        }),
      );
    });

    it('formats and parses back every day from year 1 to 9999', () => {
      fc.assert(
        fc.property(fc.integer({ min: dayFromCivil(1, 1, 1), max: dayFromCivil(9999, 12, 31) }), (n) => {
          expect(tryParseCalendarDate(formatDay(n))).toBe(n);
        }),
      );
    });
  });
});
