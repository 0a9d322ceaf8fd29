import { describe, expect, it } from 'vitest';

import { daysBetween, readView, toCounts, toSeries, writeView } from './stats.ts';
import type { StatsAnswer } from './types.ts';

const answer = (rows: StatsAnswer['rows']): StatsAnswer => ({
  figure: 'ees.crossings',
  from: '2026-03-01',
  to: '2026-03-03',
  by: ['period', 'direction'],
  interval: 'day',
  filters: {},
  minCell: 5,
  rows,
  total: null,
  suppressed: 1,
  asOf: { position: 1, at: '2026-03-03T12:00:00Z' },
});

describe('Barometer+ view', () => {
  it('defaults to the last 30 days, both ends included', () => {
    const view = readView('', new Date('2026-03-30T10:00:00Z'));
    expect(view).toMatchObject({ period: '30', from: '2026-03-01', to: '2026-03-30', memberState: null });
    expect(writeView(view)).toBe('');
  });

  it('keeps a custom period, a state and a place, and drops malformed ones', () => {
    const q = 'period=custom&from=2026-01-01&to=2026-01-31&memberState=FR&place=bcp%3AFR-CDG';
    const view = readView(q, new Date('2026-03-30T10:00:00Z'));
    expect(view).toMatchObject({
      from: '2026-01-01',
      to: '2026-01-31',
      memberState: 'FR',
      place: 'bcp:FR-CDG',
    });
    expect(readView(writeView(view))).toEqual(view);
    expect(readView('memberState=fr%00&place=x', new Date('2026-03-30T10:00:00Z'))).toMatchObject({
      memberState: null,
      place: null,
    });
  });
});

describe('toSeries', () => {
  it('keeps a suppressed cell null, never 0, and counts a day without rows as 0', () => {
    const table = toSeries(
      answer([
        { key: { period: '2026-03-01', direction: 'entry' }, count: 12 },
        { key: { period: '2026-03-01', direction: 'exit' }, count: null },
        { key: { period: '2026-03-03', direction: 'entry' }, count: 7 },
      ]),
      'direction',
      daysBetween('2026-03-01', '2026-03-03'),
    );
    expect(table.periods).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(table.series).toEqual([
      { name: 'entry', values: [12, 0, 7] },
      { name: 'exit', values: [null, 0, 0] },
    ]);
  });

  it('counts by one dimension with a suppressed cell null', () => {
    const counts = toCounts(
      answer([
        { key: { memberState: 'FR' }, count: 9 },
        { key: { memberState: 'DE' }, count: null },
      ]),
      'memberState',
    );
    expect(Object.fromEntries(counts)).toEqual({ FR: 9, DE: null });
  });
});
