import { describe, expect, it } from 'vitest';
import {
  civilFromDay,
  dayFromCivil,
  daysBetween,
  formatDay,
  isPartialDate,
  plusDays,
  plusMonths,
  plusYears,
  tryParseCalendarDate,
} from './dates.ts';

describe('calendar dates', () => {
  it('counts days with one civil-date routine, both ways', () => {
    expect(dayFromCivil(1970, 1, 1)).toBe(0);
    expect(tryParseCalendarDate('2024-02-29')).toBe(19_782);
    expect(civilFromDay(19_782)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(formatDay(19_782)).toBe('2024-02-29');
    expect(tryParseCalendarDate('2025-02-29')).toBeNull();
    expect(plusDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(plusDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2026-01-05', '2026-02-04')).toBe(30);
    expect(daysBetween('2026-02-04', '2026-01-05')).toBe(-30);
  });

  it('ends a period of months or years on the last day of a shorter month (Reg. 1182/71 art. 3(2)(c))', () => {
    expect(plusYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(plusYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(plusYears('2026-05-10', -5)).toBe('2021-05-10');
    expect(plusMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(plusMonths('2029-05-31', -3)).toBe('2029-02-28');
    expect(plusMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(plusMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(plusMonths('2027-01-15', -1)).toBe('2026-12-15');
  });

  it('keeps 29 February possible in a date of birth whose year is unknown', () => {
    expect(isPartialDate('0000-00-00')).toBe(true);
    expect(isPartialDate('2023-02-29')).toBe(false);
    expect(isPartialDate('2024-02-29')).toBe(true);
    expect(isPartialDate('1980-02-00')).toBe(true);
  });
});
