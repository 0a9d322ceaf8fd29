import { describe, expect, it } from 'vitest';
import { controlStay, latestLegalExit, parseStayRequest, planStay, stayFigures } from './calculator.ts';

const code = (c: string): unknown => expect.objectContaining({ kind: 'Invalid', code: c });

describe('stay calculator', () => {
  describe('parseStayRequest', () => {
    it('rejects a request that is not {stays, date}', () => {
      expect(() => parseStayRequest(null)).toThrow(code('EES_STAY_BAD_REQUEST'));
      expect(() => parseStayRequest([])).toThrow(code('EES_STAY_BAD_REQUEST'));
      expect(() => parseStayRequest({ date: '2025-01-01' })).toThrow(code('EES_STAY_BAD_REQUEST'));
      expect(() => parseStayRequest({ stays: [] })).toThrow(code('EES_STAY_BAD_REQUEST'));
      expect(() => parseStayRequest({ stays: [{ entry: '2025-01-01' }], date: '2025-01-01' })).toThrow(
        code('EES_STAY_BAD_REQUEST'),
      );
      expect(() => parseStayRequest({ stays: ['2025-01-01'], date: '2025-01-01' })).toThrow(
        code('EES_STAY_BAD_REQUEST'),
      );
    });

    it('rejects a malformed or impossible date, naming where it is', () => {
      expect(() => parseStayRequest({ stays: [], date: '2025-02-30' })).toThrow(
        expect.objectContaining({ code: 'EES_STAY_BAD_DATE', details: { field: 'date' } }),
      );
      expect(() =>
        parseStayRequest({ stays: [{ entry: '2025-01-01', exit: '2025-1-5' }], date: '2025-02-01' }),
      ).toThrow(expect.objectContaining({ code: 'EES_STAY_BAD_DATE', details: { field: 'stays[0].exit' } }));
      expect(() => parseStayRequest({ stays: [{ entry: 5, exit: null }], date: '2025-02-01' })).toThrow(
        expect.objectContaining({ code: 'EES_STAY_BAD_DATE', details: { field: 'stays[0].entry' } }),
      );
    });
  });

  describe('stayFigures', () => {
    it('rejects an exit before its entry instead of counting it', () => {
      expect(() =>
        stayFigures({ stays: [{ entry: '2025-03-10', exit: '2025-03-01' }], date: '2025-04-01' }),
      ).toThrow(code('EES_STAY_EXIT_BEFORE_ENTRY'));
    });

    it('rejects two stays without exit, an open stay followed by a later entry, and an open stay after the date', () => {
      expect(() =>
        stayFigures({
          stays: [
            { entry: '2025-01-01', exit: null },
            { entry: '2025-02-01', exit: null },
          ],
          date: '2025-03-01',
        }),
      ).toThrow(code('EES_STAY_SEVERAL_OPEN_STAYS'));
      expect(() =>
        stayFigures({
          stays: [
            { entry: '2025-01-01', exit: null },
            { entry: '2025-02-01', exit: '2025-02-03' },
          ],
          date: '2025-03-01',
        }),
      ).toThrow(code('EES_STAY_OPEN_STAY_NOT_CURRENT'));
      expect(() => stayFigures({ stays: [{ entry: '2025-03-02', exit: null }], date: '2025-03-01' })).toThrow(
        code('EES_STAY_OPEN_STAY_NOT_CURRENT'),
      );
    });

    it('counts an open stay up to the date, both ends included', () => {
      expect(stayFigures({ stays: [{ entry: '2025-03-01', exit: null }], date: '2025-03-10' })).toEqual({
        date: '2025-03-10',
        windowStart: '2024-09-12',
        daysUsed: 10,
        daysRemaining: 80,
        overstayDays: 0,
        maxStayFrom: 81,
        latestExit: '2025-05-29',
      });
    });

    it('counts a stay recorded in pieces that overlap or touch once', () => {
      const pieces = stayFigures({
        stays: [
          { entry: '2025-03-01', exit: '2025-03-10' },
          { entry: '2025-03-05', exit: '2025-03-12' },
          { entry: '2025-03-13', exit: '2025-03-13' },
        ],
        date: '2025-03-20',
      });
      expect(pieces.daysUsed).toBe(13);
    });

    it('gives no latest exit when the last stay ended before the date, or lies after it', () => {
      expect(
        stayFigures({ stays: [{ entry: '2025-03-01', exit: '2025-03-10' }], date: '2025-03-11' }).latestExit,
      ).toBeNull();
      expect(
        stayFigures({
          stays: [
            { entry: '2025-03-01', exit: '2025-03-20' },
            { entry: '2025-04-01', exit: '2025-04-03' },
          ],
          date: '2025-03-15',
        }).latestExit,
      ).toBeNull();
    });

    it('gives the latest exit of a closed stay that covers the date, past its recorded exit', () => {
      expect(
        stayFigures({ stays: [{ entry: '2025-03-01', exit: '2025-03-20' }], date: '2025-03-15' }).latestExit,
      ).toBe('2025-05-29');
    });

    it('gives no latest exit once a day of the current stay has broken the rule', () => {
      const r = stayFigures({
        stays: [
          { entry: '2025-01-01', exit: '2025-03-01' },
          { entry: '2025-05-01', exit: null },
        ],
        date: '2025-06-10',
      });
      expect(r).toMatchObject({ daysUsed: 101, overstayDays: 11, latestExit: null, maxStayFrom: 0 });
    });
  });

  describe('controlStay', () => {
    it('reports when the rule was broken even if the window of the date is compliant again', () => {
      const r = controlStay({
        stays: [
          { entry: '2025-01-01', exit: '2025-01-31' },
          { entry: '2025-03-01', exit: '2025-04-30' },
        ],
        date: '2025-12-31',
      });
      expect(r).toMatchObject({
        daysUsed: 0,
        overstayDays: 0,
        compliant: false,
        // 31 + 31 + 30 = 92 days: the 91st and 92nd days broke the rule.
        daysInBreach: 2,
        breaches: [{ from: '2025-04-29', to: '2025-04-30', days: 2 }],
        peak: { windowStart: '2024-11-02', windowEnd: '2025-04-30', days: 92 },
      });
    });

    it('ignores stay days after the date', () => {
      const r = controlStay({ stays: [{ entry: '2025-01-01', exit: '2025-12-31' }], date: '2025-02-01' });
      expect(r).toMatchObject({ daysUsed: 32, compliant: true, breaches: [] });
    });
  });

  describe('latestLegalExit', () => {
    it('gives the last lawful day for a traveller present now, null for one who has left', () => {
      expect(latestLegalExit([{ entry: '2025-01-01', exit: null }], '2025-02-01')).toBe('2025-03-31');
      expect(latestLegalExit([{ entry: '2025-01-01', exit: '2025-01-10' }], '2025-02-01')).toBeNull();
    });
  });

  describe('planStay', () => {
    it('answers a traveller with no record with 90 days', () => {
      expect(planStay([], '2025-01-01')).toEqual({ days: 90, until: '2025-03-31' });
    });

    it('rejects a malformed entry date', () => {
      expect(() => planStay([], '01/01/2025')).toThrow(code('EES_STAY_BAD_DATE'));
    });
  });
});
