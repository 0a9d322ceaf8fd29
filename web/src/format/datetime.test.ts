import { createIntl } from 'react-intl';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { catalogues } from '../i18n/messages.ts';
import { formatDate, formatUtc, utcDateParts } from './datetime.ts';

const intl = createIntl({ locale: 'en', messages: catalogues.en });

describe('formatUtc', () => {
  it('shows an instant as day, month name, year and 24-hour UTC time', () => {
    expect(formatUtc(intl, '2026-03-14T09:05:00Z')).toBe('14 Mar 2026 09:05 UTC');
  });

  it('converts an offset instant to UTC', () => {
    expect(formatUtc(intl, '2026-03-14T23:30:00+02:00')).toBe('14 Mar 2026 21:30 UTC');
  });

  it('does not pad the day and keeps midnight as 00', () => {
    expect(formatUtc(intl, '2026-04-03T00:07:00Z')).toBe('3 Apr 2026 00:07 UTC');
  });

  it('returns an unreadable value unchanged instead of hiding it', () => {
    expect(formatUtc(intl, 'not a date')).toBe('not a date');
  });

  it('never shows a month as a number', () => {
    const instants = fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2199-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instants, (instant) => {
        const text = formatUtc(intl, instant.toISOString());
        expect(text).toMatch(
          /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2} UTC$/,
        );
        expect(text).not.toMatch(/\d+\/\d+/);
      }),
    );
  });
});

describe('utcDateParts', () => {
  it('names the month in the language asked for', () => {
    expect(utcDateParts(new Date('2026-03-14T09:05:00Z'), 'de').month).toBe('März');
  });
});

describe('formatDate', () => {
  it('shows a calendar date as day, month name and year, with no time zone shift', () => {
    expect(formatDate(intl, '2026-03-14')).toBe('14 Mar 2026');
    expect(formatDate(intl, '2026-01-01')).toBe('1 Jan 2026');
  });

  it('shows a date of birth with an unknown day or month as far as it is known', () => {
    expect(formatDate(intl, '1990-03-00')).toBe('Mar 1990');
    expect(formatDate(intl, '1990-00-00')).toBe('1990');
  });

  it('returns an impossible or unreadable date unchanged', () => {
    expect(formatDate(intl, '2026-02-30')).toBe('2026-02-30');
    expect(formatDate(intl, '03/14/2026')).toBe('03/14/2026');
  });

  it('never shows a month as a number', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }),
        (d) => {
          expect(formatDate(intl, d.toISOString().slice(0, 10))).toMatch(
            /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/,
          );
        },
      ),
    );
  });
});
