import { describe, expect, it } from 'vitest';

import { AppError } from '../../../platform/errors.ts';
import { isThirdCountry, isValidDocumentCountryCode, lookupCountry } from '../countries/index.ts';
import { isKnownTimeZone } from '../local-date.ts';
import { findMemberState, isSchengenState, schengenStates } from '../member-states.ts';
import { borderCrossingPoints, getBcp, localDateAt, lookupBcp } from './index.ts';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw');
}

/** Zones a state's BCPs may use: its mainland zone, plus the Atlantic islands and Ceuta/Melilla. */
const ALLOWED_OFF_MAINLAND: Readonly<Record<string, readonly string[]>> = {
  ES: ['Atlantic/Canary', 'Africa/Ceuta'],
  PT: ['Atlantic/Azores', 'Atlantic/Madeira'],
};

describe('borderCrossingPoints', () => {
  it('lists well over a hundred BCPs', () => {
    expect(borderCrossingPoints.length).toBeGreaterThanOrEqual(120);
  });

  it('has unique ids', () => {
    const ids = borderCrossingPoints.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('places every BCP in a Schengen state, with matching alpha-2 and alpha-3 codes', () => {
    for (const b of borderCrossingPoints) {
      expect(isSchengenState(b.memberStateAlpha3), b.id).toBe(true);
      expect(findMemberState(b.memberStateAlpha2)?.alpha3, b.id).toBe(b.memberStateAlpha3);
      expect(isValidDocumentCountryCode(b.memberStateAlpha3), b.id).toBe(true);
      expect(b.id.startsWith(`${b.memberStateAlpha2}-`), b.id).toBe(true);
    }
  });

  it('gives every BCP a time zone the runtime knows', () => {
    for (const b of borderCrossingPoints) {
      expect(isKnownTimeZone(b.timeZone), `${b.id} ${b.timeZone}`).toBe(true);
    }
  });

  it('uses the mainland zone of the state except on the Atlantic islands and in Ceuta and Melilla', () => {
    const mainland = new Map<string, string>();
    for (const b of borderCrossingPoints) {
      const offMainland = ALLOWED_OFF_MAINLAND[b.memberStateAlpha2] ?? [];
      if (offMainland.includes(b.timeZone)) {
        continue;
      }
      const seen = mainland.get(b.memberStateAlpha2) ?? b.timeZone;
      expect(b.timeZone, b.id).toBe(seen);
      mainland.set(b.memberStateAlpha2, seen);
    }
    expect(getBcp('ES-TFS').timeZone).toBe('Atlantic/Canary');
    expect(getBcp('ES-LPA-SEA').timeZone).toBe('Atlantic/Canary');
    expect(getBcp('PT-PDL').timeZone).toBe('Atlantic/Azores');
    expect(getBcp('PT-FNC').timeZone).toBe('Atlantic/Madeira');
    expect(getBcp('ES-TARAJAL').timeZone).toBe('Africa/Ceuta');
    expect(getBcp('ES-MAD').timeZone).toBe('Europe/Madrid');
    expect(getBcp('IS-KEF').timeZone).toBe('Atlantic/Reykjavik');
  });

  it('gives airports an IATA code and an id built from it', () => {
    for (const b of borderCrossingPoints.filter((x) => x.kind === 'air')) {
      expect(b.iata, b.id).toMatch(/^[A-Z]{3}$/);
      expect(b.id).toBe(`${b.memberStateAlpha2}-${b.iata}`);
      expect(b.neighbour, b.id).toBeUndefined();
    }
  });

  it('gives sea ports a UN/LOCODE of their own state and an id built from it', () => {
    for (const b of borderCrossingPoints.filter((x) => x.kind === 'sea')) {
      expect(b.unLocode, b.id).toMatch(/^[A-Z]{2}[A-Z2-9]{3}$/);
      expect(b.unLocode?.slice(0, 2), b.id).toBe(b.memberStateAlpha2);
      expect(b.id).toBe(`${b.memberStateAlpha2}-${b.unLocode?.slice(2)}-SEA`);
      expect(b.neighbour, b.id).toBeUndefined();
    }
  });

  it('gives land and rail crossings a neighbouring third country', () => {
    const overland = borderCrossingPoints.filter((x) => x.kind === 'land' || x.kind === 'rail');
    expect(overland.length).toBeGreaterThan(50);
    for (const b of overland) {
      const neighbour = b.neighbour ?? '';
      expect(lookupCountry(neighbour)?.source, b.id).toBe('iso-3166-1');
      expect(isThirdCountry(neighbour), b.id).toBe(true);
      expect(isSchengenState(neighbour), b.id).toBe(false);
      expect(b.id, b.id).toMatch(b.kind === 'rail' ? /^[A-Z]{2}-[A-Z0-9-]+-RAIL$/ : /^[A-Z]{2}-[A-Z0-9-]+$/);
    }
  });

  it('covers every Schengen state but Liechtenstein, which has no external border', () => {
    const covered = new Set(borderCrossingPoints.map((b) => b.memberStateAlpha2));
    const uncovered = schengenStates.map((s) => s.alpha2).filter((c) => !covered.has(c));
    expect(uncovered).toEqual(['LI']);
  });

  it('has a land crossing for every state with an external land border', () => {
    const withLand = new Set(
      borderCrossingPoints.filter((b) => b.kind === 'land').map((b) => b.memberStateAlpha2),
    );
    for (const cc of ['FI', 'NO', 'EE', 'LV', 'LT', 'PL', 'SK', 'HU', 'RO', 'BG', 'GR', 'HR', 'ES']) {
      expect(withLand.has(cc), cc).toBe(true);
    }
  });

  it.each([
    ['FI-VAALIMAA', 'RUS'],
    ['NO-STORSKOG', 'RUS'],
    ['EE-NARVA', 'RUS'],
    ['LV-TEREHOVA', 'RUS'],
    ['LT-MEDININKAI', 'BLR'],
    ['PL-TERESPOL', 'BLR'],
    ['PL-MEDYKA', 'UKR'],
    ['PL-DOROHUSK', 'UKR'],
    ['SK-VYSNE-NEMECKE', 'UKR'],
    ['HU-ROSZKE', 'SRB'],
    ['RO-SIRET', 'UKR'],
    ['BG-KAPITAN-ANDREEVO', 'TUR'],
    ['GR-KIPOI', 'TUR'],
    ['HR-BAJAKOVO', 'SRB'],
    ['ES-TARAJAL', 'MAR'],
  ])('has the external land crossing %s on the border with %s', (id, neighbour) => {
    expect(lookupBcp(id)).toMatchObject({ kind: 'land', neighbour });
  });
});

describe('getBcp', () => {
  it('returns the BCP with this id', () => {
    expect(getBcp('FR-CDG')).toMatchObject({
      name: 'Paris-Charles de Gaulle',
      memberStateAlpha2: 'FR',
      memberStateAlpha3: 'FRA',
      kind: 'air',
      iata: 'CDG',
      timeZone: 'Europe/Paris',
    });
  });

  it('rejects an unknown id with REFERENCE_UNKNOWN_BCP', () => {
    const error = thrown(() => getBcp('FR-XXX'));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'Invalid', code: 'REFERENCE_UNKNOWN_BCP' });
  });

  it('matches ids exactly', () => {
    expect(lookupBcp('fr-cdg')).toBeUndefined();
  });
});

describe('localDateAt', () => {
  it('gives the next day in Helsinki for 23:30 UTC on the eve of the spring DST change', () => {
    expect(localDateAt('FI-HEL', new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
  });

  it('turns the date at local midnight, before and after the spring DST change (29 March 2026)', () => {
    // Helsinki is UTC+2 until 01:00 UTC on 29 March, then UTC+3.
    expect(localDateAt('FI-VAALIMAA', new Date('2026-03-28T21:59:59Z'))).toBe('2026-03-28');
    expect(localDateAt('FI-VAALIMAA', new Date('2026-03-28T22:00:00Z'))).toBe('2026-03-29');
    expect(localDateAt('FI-VAALIMAA', new Date('2026-03-29T20:59:59Z'))).toBe('2026-03-29');
    expect(localDateAt('FI-VAALIMAA', new Date('2026-03-29T21:00:00Z'))).toBe('2026-03-30');
  });

  it('turns the date at local midnight, before and after the autumn DST change (25 October 2026)', () => {
    // Paris is UTC+2 until 01:00 UTC on 25 October, then UTC+1.
    expect(localDateAt('FR-CDG', new Date('2026-10-24T21:59:59Z'))).toBe('2026-10-24');
    expect(localDateAt('FR-CDG', new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(localDateAt('FR-CDG', new Date('2026-10-25T22:59:59Z'))).toBe('2026-10-25');
    expect(localDateAt('FR-CDG', new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('gives different dates for the same instant in Madrid and in the Canary Islands', () => {
    const instant = new Date('2026-07-01T22:30:00Z');
    expect(localDateAt('ES-MAD', instant)).toBe('2026-07-02');
    expect(localDateAt('ES-TFS', instant)).toBe('2026-07-01');
    // On the eve of the spring change the Canaries are still on UTC.
    expect(localDateAt('ES-TFS', new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
  });

  it('keeps the Azores a day behind UTC just after midnight UTC in winter', () => {
    expect(localDateAt('PT-PDL', new Date('2026-01-01T00:30:00Z'))).toBe('2025-12-31');
    expect(localDateAt('PT-LIS', new Date('2026-01-01T00:30:00Z'))).toBe('2026-01-01');
    expect(localDateAt('PT-FNC', new Date('2026-01-01T00:30:00Z'))).toBe('2026-01-01');
  });

  it('uses Madrid time in Ceuta although it lies further west than most of Morocco', () => {
    expect(localDateAt('ES-TARAJAL', new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
  });

  it('counts a leap day like any other day', () => {
    expect(localDateAt('PL-TERESPOL', new Date('2028-02-28T23:30:00Z'))).toBe('2028-02-29');
    expect(localDateAt('PL-TERESPOL', new Date('2028-02-29T23:30:00Z'))).toBe('2028-03-01');
  });

  it('rejects an unknown BCP and an invalid instant', () => {
    expect(thrown(() => localDateAt('XX-NOWHERE', new Date('2026-01-01T00:00:00Z')))).toMatchObject({
      code: 'REFERENCE_UNKNOWN_BCP',
    });
    expect(thrown(() => localDateAt('FI-HEL', new Date('not a date')))).toMatchObject({
      code: 'REFERENCE_INVALID_INSTANT',
    });
  });
});
