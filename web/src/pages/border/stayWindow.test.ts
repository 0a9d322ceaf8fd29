import { describe, expect, it } from 'vitest';

import type { EesRecord, StayControl } from '../../api/types.ts';
import { stayWindow } from './stayWindow.ts';

const control = (over: Partial<StayControl> = {}) => ({
  date: '2026-03-14',
  windowStart: '2025-09-16',
  daysUsed: 0,
  daysRemaining: 90,
  overstayDays: 0,
  breaches: [],
  ...over,
});

const crossing = (date: string) => ({
  at: `${date}T10:00:00Z`,
  date,
  bcp: 'FI-HEL',
  authority: 'x',
  memberState: 'FI',
});

const record = (entry: string, exit: string | null): Pick<EesRecord, 'id' | 'entry' | 'exit'> => ({
  id: `r-${entry}`,
  entry: crossing(entry),
  exit: exit === null ? null : crossing(exit),
});

describe('stayWindow', () => {
  it('draws 180 days ending today, today last', () => {
    const w = stayWindow(control(), []);
    expect(w.days).toHaveLength(180);
    expect(w.days[0]?.date).toBe('2025-09-16');
    expect(w.days.at(-1)).toMatchObject({ date: '2026-03-14', today: true });
    expect(w.days.filter((d) => d.today)).toHaveLength(1);
  });

  it('counts the days of entry and exit, and clips a stay that began before the window', () => {
    const w = stayWindow(control(), [record('2025-09-01', '2025-09-20'), record('2026-01-10', '2026-01-12')]);
    expect(w.stays).toEqual([
      { from: '2025-09-16', to: '2025-09-20', days: 5, open: false },
      { from: '2026-01-10', to: '2026-01-12', days: 3, open: false },
    ]);
    expect(w.days.filter((d) => d.stay)).toHaveLength(8);
  });

  it('runs a stay without exit until today and marks the days in breach', () => {
    const w = stayWindow(control({ breaches: [{ from: '2026-03-13', to: '2026-03-14', days: 2 }] }), [
      record('2026-03-01', null),
    ]);
    expect(w.stays).toEqual([{ from: '2026-03-01', to: '2026-03-14', days: 14, open: true }]);
    expect(w.days.filter((d) => d.breach).map((d) => d.date)).toEqual(['2026-03-13', '2026-03-14']);
  });

  it('leaves out stays wholly before the window', () => {
    expect(stayWindow(control(), [record('2025-01-01', '2025-02-01')]).stays).toEqual([]);
  });
});
