import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { AppError } from '../../platform/errors.ts';
import { isKnownTimeZone, localDateInZone } from './local-date.ts';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw');
}

const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

describe('localDateInZone', () => {
  it('gives the UTC calendar date in UTC', () => {
    expect(localDateInZone('UTC', new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
  });

  it('gives the local date east and west of Greenwich', () => {
    const instant = new Date('2026-01-15T23:30:00Z');
    expect(localDateInZone('Europe/Lisbon', instant)).toBe('2026-01-15');
    expect(localDateInZone('Europe/Madrid', instant)).toBe('2026-01-16');
    expect(localDateInZone('Atlantic/Azores', new Date('2026-01-16T00:30:00Z'))).toBe('2026-01-15');
  });

  it('pads years below 1000 to four digits', () => {
    expect(localDateInZone('UTC', new Date('0999-06-07T12:00:00Z'))).toBe('0999-06-07');
  });

  it('agrees with the UTC date of the instant shifted by the zone offset, for a fixed-offset zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        // Etc/GMT-3 is UTC+3 all year round (POSIX sign convention).
        const shifted = new Date(ms + 3 * 3600_000).toISOString().slice(0, 10);
        expect(localDateInZone('Etc/GMT-3', new Date(ms))).toBe(shifted);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts the first and last instants of the years 0001–9999', () => {
    expect(localDateInZone('UTC', new Date(FIRST_INSTANT))).toBe('0001-01-01');
    expect(localDateInZone('UTC', new Date(LAST_INSTANT))).toBe('9999-12-31');
  });

  it('rejects instants outside the years 0001–9999 and invalid dates with REFERENCE_INVALID_INSTANT', () => {
    for (const instant of [new Date(FIRST_INSTANT - 1), new Date(LAST_INSTANT + 1), new Date(Number.NaN)]) {
      const error = thrown(() => localDateInZone('UTC', instant));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ kind: 'Invalid', code: 'REFERENCE_INVALID_INSTANT' });
    }
  });
});

describe('isKnownTimeZone', () => {
  it('accepts canonical IANA zones', () => {
    for (const zone of [
      'Europe/Paris',
      'Atlantic/Canary',
      'Atlantic/Azores',
      'Atlantic/Madeira',
      'Africa/Ceuta',
    ]) {
      expect(isKnownTimeZone(zone), zone).toBe(true);
    }
  });

  it('rejects unknown zones and spellings that the runtime would rewrite', () => {
    expect(isKnownTimeZone('Europe/Atlantis')).toBe(false);
    expect(isKnownTimeZone('europe/paris')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
  });
});
