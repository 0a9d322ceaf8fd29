import { describe, expect, it } from 'vitest';
import { readSharedJson } from '../../../../test/support/shared-data.ts';
import { dayFromCivil, formatDay, tryParseCalendarDate } from './calendar.ts';
import { controlStay, planStay, stayFigures, type StayInput } from './calculator.ts';
import { countDays, stayDaysUntil } from './stay-days.ts';

interface SharedCase {
  id: string;
  stays: StayInput[];
  reference_date: string;
  expected: {
    days_used?: number;
    days_remaining?: number;
    overstay_days?: number;
    latest_legal_exit_if_staying_on?: string;
    max_continuous_stay_days_from_reference?: number;
    max_continuous_stay_days_after_reference?: number;
    reference_window_start?: string;
    breach?: boolean;
    max_days_in_any_window?: number;
    worst_window?: { start: string; end: string };
    total_distinct_schengen_days_all_time?: number;
  };
}

const data = readSharedJson<{ count: number; cases: SharedCase[] }>('schengen-90-180', 'schengen_cases.json');
const nextDay = (iso: string) => formatDay(tryParseCalendarDate(iso)! + 1);

describe('stay calculator', () => {
  describe('published worked examples (schengen-90-180)', () => {
    it('holds every case of the data set', () => {
      expect(data.cases).toHaveLength(data.count);
    });

    it.each(data.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
      const request = { stays: c.stays, date: c.reference_date };
      const r = controlStay(request);
      const e = c.expected;
      let asserted = 0;
      const check = (actual: unknown, expected: unknown) => {
        if (expected !== undefined) {
          expect(actual).toEqual(expected);
          asserted++;
        }
      };
      check(r.daysUsed, e.days_used);
      check(r.daysRemaining, e.days_remaining);
      check(r.overstayDays, e.overstay_days);
      check(r.latestExit, e.latest_legal_exit_if_staying_on);
      check(r.maxStayFrom, e.max_continuous_stay_days_from_reference);
      check(r.windowStart, e.reference_window_start);
      check(!r.compliant, e.breach);
      check(r.peak?.days, e.max_days_in_any_window);
      check(
        r.peak === null ? undefined : { start: r.peak.windowStart, end: r.peak.windowEnd },
        e.worst_window,
      );
      if (e.max_continuous_stay_days_after_reference !== undefined) {
        check(planStay(c.stays, nextDay(c.reference_date)).days, e.max_continuous_stay_days_after_reference);
      }
      if (e.total_distinct_schengen_days_all_time !== undefined) {
        // A day far after every stay: all recorded days, each counted once.
        const stays = c.stays.map((s) => ({
          entry: tryParseCalendarDate(s.entry)!,
          exit: tryParseCalendarDate(s.exit!)!,
        }));
        const all = stayDaysUntil(stays, dayFromCivil(9999, 12, 31));
        check(
          countDays(all, dayFromCivil(1, 1, 1), dayFromCivil(9999, 12, 31)),
          e.total_distinct_schengen_days_all_time,
        );
      }
      expect(asserted).toBeGreaterThan(0);
      expect(stayFigures(request)).toEqual({
        date: r.date,
        windowStart: r.windowStart,
        daysUsed: r.daysUsed,
        daysRemaining: r.daysRemaining,
        overstayDays: r.overstayDays,
        maxStayFrom: r.maxStayFrom,
        latestExit: r.latestExit,
      });
    });
  });

  // Regulations digest §7.4, computed with the normative algorithm of §7.3; 1 and 2 reproduce SEM examples.
  describe('worked examples of the regulations digest §7.4', () => {
    it('1. control on 30.11.2014: 77 days used, compliant, last lawful day 13.12.2014', () => {
      const r = controlStay({
        stays: [
          { entry: '2014-08-15', exit: '2014-09-30' },
          { entry: '2014-11-01', exit: '2014-11-30' },
        ],
        date: '2014-11-30',
      });
      expect(r).toMatchObject({ daysUsed: 77, overstayDays: 0, compliant: true, latestExit: '2014-12-13' });
      // Staying on to 13.12.2014: the window 17.06–13.12.2014 holds 47 + 43 = 90.
      const on = controlStay({
        stays: [
          { entry: '2014-08-15', exit: '2014-09-30' },
          { entry: '2014-11-01', exit: null },
        ],
        date: '2014-12-13',
      });
      expect(on).toMatchObject({ windowStart: '2014-06-17', daysUsed: 90, compliant: true });
      const dayAfter = controlStay({
        stays: [
          { entry: '2014-08-15', exit: '2014-09-30' },
          { entry: '2014-11-01', exit: null },
        ],
        date: '2014-12-14',
      });
      expect(dayAfter).toMatchObject({
        daysUsed: 91,
        compliant: false,
        breaches: [{ from: '2014-12-14', to: '2014-12-14', days: 1 }],
      });
    });

    it('2. planning entry on 01.01.2015 after 47 days: 90 days, until 31.03.2015', () => {
      const stays = [{ entry: '2014-08-15', exit: '2014-09-30' }];
      expect(planStay(stays, '2015-01-01')).toEqual({ days: 90, until: '2015-03-31' });
      // On 10.02.2015 the window holds 47 old + 41 new = 88 days.
      expect(
        stayFigures({ stays: [...stays, { entry: '2015-01-01', exit: null }], date: '2015-02-10' }).daysUsed,
      ).toBe(88);
    });

    it('3. a single stay from 01.01.2025 may last until 31.03.2025; exit on 01.04 is one day of overstay', () => {
      expect(
        stayFigures({ stays: [{ entry: '2025-01-01', exit: null }], date: '2025-01-01' }).latestExit,
      ).toBe('2025-03-31');
      const r = controlStay({ stays: [{ entry: '2025-01-01', exit: '2025-04-01' }], date: '2025-04-01' });
      expect(r).toMatchObject({
        daysUsed: 91,
        overstayDays: 1,
        daysInBreach: 1,
        compliant: false,
        latestExit: null,
      });
    });

    it('4. after 60 days, re-entry on 01.05.2025 allows only 30 days (until 30.05.2025)', () => {
      expect(planStay([{ entry: '2025-01-01', exit: '2025-03-01' }], '2025-05-01')).toEqual({
        days: 30,
        until: '2025-05-30',
      });
    });

    it('5. after 90 days, re-entry after 89 days away allows 0 days, after 90 days away 90 days', () => {
      const stays = [{ entry: '2025-01-01', exit: '2025-03-31' }];
      expect(planStay(stays, '2025-06-29')).toEqual({ days: 0, until: null });
      expect(planStay(stays, '2025-06-30')).toEqual({ days: 90, until: '2025-09-27' });
    });

    it('6. a same-day trip counts 1 day; 01.02–01.03.2024 counts 30 days', () => {
      expect(
        stayFigures({ stays: [{ entry: '2025-01-15', exit: '2025-01-15' }], date: '2025-01-15' }).daysUsed,
      ).toBe(1);
      expect(
        stayFigures({ stays: [{ entry: '2024-02-01', exit: '2024-03-01' }], date: '2024-03-01' }).daysUsed,
      ).toBe(30);
    });

    it('7. a multi-trip traveller at exactly 90 days, planning as January days leave the window', () => {
      const stays = [
        { entry: '2025-01-10', exit: '2025-01-20' },
        { entry: '2025-02-01', exit: '2025-02-28' },
        { entry: '2025-04-01', exit: '2025-05-10' },
        { entry: '2025-06-15', exit: '2025-06-25' },
      ];
      expect(controlStay({ stays, date: '2025-06-25' })).toMatchObject({ daysUsed: 90, compliant: true });
      expect(planStay(stays, '2025-07-01')).toEqual({ days: 0, until: null });
      expect(planStay(stays, '2025-07-10')).toEqual({ days: 11, until: '2025-07-20' });
      expect(planStay(stays, '2025-07-20')).toEqual({ days: 39, until: '2025-08-27' });
      expect(planStay(stays, '2025-09-01')).toEqual({ days: 79, until: '2025-11-18' });
      expect(planStay(stays, '2025-10-01')).toEqual({ days: 90, until: '2025-12-29' });
      const longer = stays.slice(0, 3).concat([{ entry: '2025-06-15', exit: '2025-06-30' }]);
      expect(controlStay({ stays: longer, date: '2025-06-30' })).toMatchObject({
        daysUsed: 95,
        overstayDays: 5,
        daysInBreach: 5,
        breaches: [{ from: '2025-06-26', to: '2025-06-30', days: 5 }],
      });
    });
  });
});
