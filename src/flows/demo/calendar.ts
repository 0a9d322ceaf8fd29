import { formatDay, parseCalendarDate } from '../../contexts/ees/index.ts';
import type { SeededRandom } from '../../contexts/identity/index.ts';

/** Day arithmetic of the demo plan: every date is counted from the day the world is made. */
export class PlanCalendar {
  readonly today: string;
  readonly #today: number;

  constructor(today: string) {
    this.today = today;
    this.#today = parseCalendarDate(today, 'today');
  }

  /** The calendar date `offset` days from today (negative: in the past). */
  day(offset: number): string {
    return formatDay(this.#today + offset);
  }

  /**
   * An instant on that day between 05:00 and 19:59 UTC, so that its local date at any Schengen crossing
   * point (UTC−1 to UTC+3) is the same calendar day, which is the day that counts (EES art. 16(2)(a)).
   * Entries fall before noon and exits after, so that a stay of one day never exits before it entered.
   */
  at(offset: number, random: SeededRandom, part: 'morning' | 'afternoon' = 'morning'): string {
    const hour = String(part === 'morning' ? random.between(5, 11) : random.between(12, 19)).padStart(2, '0');
    const minute = String(random.between(0, 59)).padStart(2, '0');
    return `${this.day(offset)}T${hour}:${minute}:00.000Z`;
  }
}
