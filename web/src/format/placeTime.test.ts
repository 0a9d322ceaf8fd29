import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';

import { catalogues } from '../i18n/messages.ts';
import { formatDayInZone, formatInZone, formatRelative, relativeParts } from './placeTime.ts';

const en = createIntl({ locale: 'en', messages: catalogues.en });
const de = createIntl({ locale: 'de', messages: catalogues.de });
const fr = createIntl({ locale: 'fr', messages: catalogues.fr });

describe('formatInZone', () => {
  it("shows an instant on the clock of the crossing point, not the browser's", () => {
    // The test process runs in whatever zone the machine has; the answer is the same in all of them.
    expect(formatInZone(en, '2026-03-14T09:05:00Z', 'Europe/Helsinki')).toBe('14 Mar 2026, 11:05 GMT+2');
    expect(formatInZone(en, '2026-03-14T09:05:00Z', 'Europe/Paris')).toBe('14 Mar 2026, 10:05 GMT+1');
  });

  it('moves to the next day when the place is past midnight', () => {
    expect(formatInZone(en, '2026-07-02T22:05:12Z', 'Europe/Brussels', { seconds: true })).toBe(
      '3 Jul 2026, 00:05:12 GMT+2',
    );
  });

  it('takes the offset in force at the instant, on both sides of a change of summer time', () => {
    // EU summer time began on 29 Mar 2026 at 01:00 UTC (Directive 2000/84/EC art. 2).
    expect(formatInZone(en, '2026-03-29T00:59:00Z', 'Europe/Berlin')).toBe('29 Mar 2026, 01:59 GMT+1');
    expect(formatInZone(en, '2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe('29 Mar 2026, 03:00 GMT+2');
    // And ended on 25 Oct 2026 at 01:00 UTC: the hour from 02:00 to 03:00 is lived twice, named apart.
    expect(formatInZone(en, '2026-10-25T00:30:00Z', 'Europe/Berlin')).toBe('25 Oct 2026, 02:30 GMT+2');
    expect(formatInZone(en, '2026-10-25T01:30:00Z', 'Europe/Berlin')).toBe('25 Oct 2026, 02:30 GMT+1');
  });

  it('names months and zones in the interface language', () => {
    expect(formatInZone(de, '2026-12-02T22:05:00Z', 'Europe/Berlin')).toBe('2 Dez. 2026, 23:05 MEZ');
    expect(formatInZone(fr, '2026-12-02T22:05:00Z', 'Europe/Paris')).toBe('2 déc. 2026, 23:05 UTC+1');
  });

  it('returns a value it cannot read unchanged', () => {
    expect(formatInZone(en, 'yesterday', 'Europe/Brussels')).toBe('yesterday');
    expect(formatDayInZone(en, 'yesterday', 'Europe/Brussels')).toBe('yesterday');
  });
});

describe('formatDayInZone', () => {
  it('gives the calendar day at the place, which may differ from the day in UTC', () => {
    expect(formatDayInZone(en, '2026-03-14T23:30:00Z', 'Europe/Helsinki')).toBe('15 Mar 2026');
    expect(formatDayInZone(en, '2026-03-14T23:30:00Z', 'Europe/Lisbon')).toBe('14 Mar 2026');
  });
});

describe('relativeParts', () => {
  const now = Date.parse('2026-03-14T12:00:00Z');
  const at = (iso: string) => relativeParts(Date.parse(iso), now);

  it('uses the largest unit that fits, past and future', () => {
    expect(at('2026-03-14T11:59:30Z')).toEqual({ value: -30, unit: 'second' });
    expect(at('2026-03-14T11:15:00Z')).toEqual({ value: -45, unit: 'minute' });
    expect(at('2026-03-14T09:00:00Z')).toEqual({ value: -3, unit: 'hour' });
    expect(at('2026-03-16T12:00:00Z')).toEqual({ value: 2, unit: 'day' });
    expect(at('2026-06-14T12:00:00Z')).toEqual({ value: 3, unit: 'month' });
    expect(at('2024-03-14T12:00:00Z')).toEqual({ value: -2, unit: 'year' });
  });

  it('counts days across a change of summer time by elapsed time', () => {
    // 28 to 30 March 2026 in Berlin is 47 hours of elapsed time: still two days.
    expect(relativeParts(Date.parse('2026-03-30T10:00:00Z'), Date.parse('2026-03-28T11:00:00Z'))).toEqual({
      value: 2,
      unit: 'day',
    });
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-03-14T12:00:00Z');

  it('says how long ago or how far ahead in each language', () => {
    expect(formatRelative(en, '2026-03-14T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelative(en, '2026-03-16T12:00:00Z', now)).toBe('in 2 days');
    expect(formatRelative(de, '2026-03-14T09:00:00Z', now)).toBe('vor 3 Stunden');
    expect(formatRelative(fr, '2026-03-16T12:00:00Z', now)).toBe('après-demain');
    expect(formatRelative(en, '2026-03-13T12:00:00Z', now)).toBe('yesterday');
  });

  it('says nothing for a value it cannot read', () => {
    expect(formatRelative(en, 'soon', now)).toBe('');
  });
});
