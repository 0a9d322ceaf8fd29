import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { controlStayDays, stayFiguresDays } from './calculator.ts';
import type { DayStay } from './stay-days.ts';

/** The rule of digest §7.3 taken literally: a set of days and a recount of the window for every day. */
function oracle(stays: readonly DayStay[], date: number) {
  const days = new Set<number>();
  for (const s of stays) {
    for (let d = s.entry; d <= (s.exit ?? date) && d <= date; d++) {
      days.add(d);
    }
  }
  const used = (set: Set<number>, d: number) => {
    let n = 0;
    for (let x = d - 179; x <= d; x++) {
      n += set.has(x) ? 1 : 0;
    }
    return n;
  };
  const longestFrom = (start: number) => {
    const set = new Set([...days].filter((d) => d < start));
    let n = 0;
    while (n < 200) {
      set.add(start + n);
      if (used(set, start + n) > 90) {
        break;
      }
      n++;
    }
    return n;
  };
  const breachDays = [...days].filter((d) => used(days, d) > 90).sort((a, b) => a - b);
  const last = stays.reduce<DayStay | null>((l, s) => (l === null || s.entry > l.entry ? s : l), null);
  let latestExit: number | null = null;
  if (last !== null && last.entry <= date && (last.exit === null || last.exit >= date)) {
    const end = last.entry + longestFrom(last.entry) - 1;
    latestExit = end < date ? null : end;
  }
  return { daysUsed: used(days, date), maxStayFrom: longestFrom(date), latestExit, breachDays };
}

const BASE = 20_000;
/** Records of closed stays with distinct entries in a two-year span; optionally the latest left open. */
const record = fc
  .tuple(
    fc.uniqueArray(
      fc.record({ entry: fc.integer({ min: 0, max: 720 }), length: fc.integer({ min: 1, max: 80 }) }),
      {
        maxLength: 12,
        selector: (s) => s.entry,
      },
    ),
    fc.boolean(),
  )
  .map(([raw, openLast]) => {
    const stays: DayStay[] = raw.map((s) => ({ entry: BASE + s.entry, exit: BASE + s.entry + s.length - 1 }));
    if (openLast && stays.length > 0) {
      const latest = stays.reduce((a, b) => (b.entry > a.entry ? b : a));
      latest.exit = null;
    }
    return stays;
  });
const dateFor = (stays: readonly DayStay[]) => {
  const open = stays.find((s) => s.exit === null);
  return fc.integer({ min: open?.entry ?? BASE - 10, max: BASE + 900 });
};
const requests = record.chain((stays) => dateFor(stays).map((date) => ({ stays, date })));

describe('stay calculator properties', () => {
  describe('agreement with a day-by-day recount', () => {
    it('gives the same days used, longest stay, latest exit and breach days', () => {
      fc.assert(
        fc.property(requests, ({ stays, date }) => {
          const r = controlStayDays({ stays, date });
          const o = oracle(stays, date);
          expect(r.daysUsed).toBe(o.daysUsed);
          expect(r.maxStayFrom).toBe(o.maxStayFrom);
          expect(r.latestExit).toBe(o.latestExit);
          const breachDays = r.breaches.flatMap((b) =>
            Array.from({ length: b.to - b.from + 1 }, (_, i) => b.from + i),
          );
          expect(breachDays).toEqual(o.breachDays);
          expect(r.daysInBreach).toBe(o.breachDays.length);
          expect(r.compliant).toBe(o.breachDays.length === 0);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('invariants', () => {
    it('never increases days remaining or the longest stay when a past stay is added', () => {
      fc.assert(
        fc.property(
          requests,
          fc.integer({ min: 1, max: 400 }),
          fc.integer({ min: 1, max: 60 }),
          ({ stays, date }, ago, length) => {
            const closed = stays.filter((s) => s.exit !== null);
            const before = stayFiguresDays({ stays: closed, date });
            const entry = date - ago;
            const after = stayFiguresDays({
              stays: [...closed, { entry, exit: Math.min(date - 1, entry + length - 1) }],
              date,
            });
            expect(after.daysRemaining).toBeLessThanOrEqual(before.daysRemaining);
            expect(after.maxStayFrom).toBeLessThanOrEqual(before.maxStayFrom);
            expect(after.daysUsed).toBeGreaterThanOrEqual(before.daysUsed);
          },
        ),
      );
    });

    it('does not depend on the order of the stays, nor on overlapping copies of them', () => {
      fc.assert(
        fc.property(requests, fc.integer(), ({ stays, date }, seed) => {
          const shuffled = [...stays].sort(
            (a, b) => ((a.entry * 31 + seed) % 7) - ((b.entry * 31 + seed) % 7),
          );
          const copies = [
            ...stays,
            ...stays
              .filter((s) => s.exit !== null && s.exit > s.entry)
              .map((s) => ({ entry: s.entry + 1, exit: s.exit })),
          ];
          const r = stayFiguresDays({ stays, date });
          expect(stayFiguresDays({ stays: shuffled, date })).toEqual(r);
          expect(stayFiguresDays({ stays: copies, date }).daysUsed).toBe(r.daysUsed);
          expect(stayFiguresDays({ stays: copies, date }).maxStayFrom).toBe(r.maxStayFrom);
        }),
      );
    });

    it('keeps figures within their bounds, the look-ahead never below "90 minus days used"', () => {
      fc.assert(
        fc.property(requests, ({ stays, date }) => {
          const r = stayFiguresDays({ stays, date });
          expect(r.daysUsed).toBeGreaterThanOrEqual(0);
          expect(r.daysUsed).toBeLessThanOrEqual(180);
          expect(r.daysRemaining + r.daysUsed - r.overstayDays).toBe(90);
          expect(r.maxStayFrom).toBeLessThanOrEqual(90);
          expect(r.maxStayFrom).toBeGreaterThanOrEqual(r.daysRemaining);
          if (r.latestExit !== null) {
            expect(r.latestExit).toBeGreaterThanOrEqual(date);
          }
        }),
      );
    });

    it('is compliant on every day up to the latest exit when the traveller stays on, and not the day after', () => {
      fc.assert(
        fc.property(requests, ({ stays, date }) => {
          const { latestExit } = stayFiguresDays({ stays, date });
          if (latestExit === null) {
            return;
          }
          const last = stays.reduce((a, b) => (b.entry > a.entry ? b : a));
          const staying = stays.map((s) => (s === last ? { entry: s.entry, exit: null } : s));
          expect(controlStayDays({ stays: staying, date: latestExit }).daysInBreach).toBe(
            controlStayDays({ stays: staying.filter((s) => s.entry < last.entry), date: latestExit })
              .daysInBreach,
          );
          expect(stayFiguresDays({ stays: staying, date: latestExit + 1 }).daysUsed).toBeGreaterThan(90);
        }),
      );
    });
  });
});
