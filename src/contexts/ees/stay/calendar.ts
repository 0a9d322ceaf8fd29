import {
  civilFromDay,
  dayFromCivil,
  formatDay,
  tryParseCalendarDate,
  type DayNumber,
} from '../../../platform/dates.ts';
import { invalid } from '../../../platform/errors.ts';
import { STAY_ERRORS } from './errors.ts';

// The civil-date routine is the platform's (one dates module); the stay rule reads its dates through it.
export { civilFromDay, dayFromCivil, formatDay, tryParseCalendarDate, type DayNumber };

/**
 * Like {@link tryParseCalendarDate}, but throws an `EES_STAY_BAD_DATE` error naming the field.
 *
 * @param field where the date came from, e.g. `stays[2].exit`, so the message says what to fix.
 */
export function parseCalendarDate(text: unknown, field: string): DayNumber {
  const day = typeof text === 'string' ? tryParseCalendarDate(text) : null;
  if (day === null) {
    throw invalid(
      STAY_ERRORS.badDate,
      `${field} must be a calendar date written YYYY-MM-DD (got ${JSON.stringify(text) ?? 'nothing'})`,
      { field },
    );
  }
  return day;
}
