import type { EesRecord, StayControl } from '../../api/types.ts';

const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01 of a calendar date `YYYY-MM-DD` (no time zone: it is a date, not an instant). */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** One day of the 180-day window as the strip draws it. */
export interface WindowDay {
  date: string;
  /** A day of stay in the Schengen area (days of entry and exit count, Regulation (EU) 2016/399 Art. 6(1)). */
  stay: boolean;
  /** A day whose own 180-day window holds more than 90 days of stay. */
  breach: boolean;
  today: boolean;
}

export interface StayWindow {
  days: WindowDay[];
  /** Stays that fall in the window, clipped to it, with their length in days. */
  stays: Array<{ from: string; to: string; days: number; open: boolean }>;
}

/**
 * The days of the window the calculator looked at (`windowStart` to `date`, 180 days under Regulation (EU)
 * 2016/399 Art. 6(1)), each marked as a day of stay or not, from the entry and exit dates of the records.
 * A stay without exit lasts until the day of the check. Days in breach come from the calculator's report.
 */
export function stayWindow(
  control: Pick<StayControl, 'date' | 'windowStart' | 'breaches'>,
  records: ReadonlyArray<Pick<EesRecord, 'entry' | 'exit'>>,
): StayWindow {
  const first = dayNumber(control.windowStart);
  const last = dayNumber(control.date);
  const stayDays = new Set<number>();
  const stays: StayWindow['stays'] = [];
  for (const record of records) {
    const entry = dayNumber(record.entry.date);
    const exit = record.exit === null ? last : dayNumber(record.exit.date);
    const from = Math.max(entry, first);
    const to = Math.min(exit, last);
    if (from > to) {
      continue;
    }
    for (let d = from; d <= to; d += 1) {
      stayDays.add(d);
    }
    stays.push({ from: dateOfDay(from), to: dateOfDay(to), days: to - from + 1, open: record.exit === null });
  }
  const breachDays = new Set<number>();
  for (const breach of control.breaches) {
    for (let d = dayNumber(breach.from); d <= dayNumber(breach.to); d += 1) {
      breachDays.add(d);
    }
  }
  const days: WindowDay[] = [];
  for (let d = first; d <= last; d += 1) {
    days.push({ date: dateOfDay(d), stay: stayDays.has(d), breach: breachDays.has(d), today: d === last });
  }
  return { days, stays };
}
