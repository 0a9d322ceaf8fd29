import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { AppError } from '../../../platform/errors.ts';
import { isEuEeaOrSwissState, memberStates } from '../member-states.ts';
import {
  documentCountries,
  isThirdCountry,
  isValidDocumentCountryCode,
  lookupCountry,
  normaliseDocumentCountryCode,
} from './index.ts';
import { territoryCodes } from './iso.ts';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw');
}

const iso = documentCountries.filter((c) => c.source === 'iso-3166-1');

describe('documentCountries', () => {
  it('holds the 249 ISO 3166-1 alpha-3 codes, each with a distinct alpha-2 code and a name', () => {
    expect(iso).toHaveLength(249);
    for (const c of iso) {
      expect(c.code).toMatch(/^[A-Z]{3}$/);
      expect(c.alpha2).toMatch(/^[A-Z]{2}$/);
      expect(c.name.length).toBeGreaterThan(1);
      expect(c.comparisonCode).toBe(c.code);
    }
    expect(new Set(iso.map((c) => c.alpha2)).size).toBe(249);
  });

  it('has no code twice', () => {
    const codes = documentCountries.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('leaves out the user-assigned Kosovo code XKK, which travel documents do not use', () => {
    expect(lookupCountry('XKK')).toBeUndefined();
    expect(lookupCountry('RKS')).toMatchObject({ name: 'Kosovo', kind: 'state', alpha2: 'XK' });
  });

  it('gives the English names of well-known states', () => {
    expect(lookupCountry('FRA')).toMatchObject({ alpha2: 'FR', name: 'France', kind: 'state' });
    expect(lookupCountry('UKR')?.name).toBe('Ukraine');
    expect(lookupCountry('NOR')?.alpha2).toBe('NO');
  });

  it('marks dependent territories with the state they belong to', () => {
    expect(territoryCodes.length).toBeGreaterThan(40);
    for (const code of territoryCodes) {
      const territory = lookupCountry(code);
      expect(territory?.kind, code).toBe('territory');
      const sovereign = territory?.sovereign;
      if (sovereign !== null && sovereign !== undefined) {
        expect(lookupCountry(sovereign)?.kind, `${code} → ${sovereign}`).toBe('state');
      }
    }
    expect(lookupCountry('GIB')).toMatchObject({ kind: 'territory', sovereign: 'GBR', partOfEu: false });
    expect(lookupCountry('ALA')).toMatchObject({ kind: 'territory', sovereign: 'FIN', partOfEu: true });
    expect(lookupCountry('ESH')).toMatchObject({ kind: 'territory', sovereign: null });
  });
});

describe('lookupCountry', () => {
  it.each([
    ['D', 'state', 'DEU'],
    ['GBD', 'special-nationality', 'GBD'],
    ['GBN', 'special-nationality', 'GBN'],
    ['GBO', 'special-nationality', 'GBO'],
    ['GBP', 'special-nationality', 'GBP'],
    ['GBS', 'special-nationality', 'GBS'],
    ['UNO', 'organisation', 'UNO'],
    ['UNA', 'organisation', 'UNA'],
    ['UNK', 'organisation', 'UNK'],
    ['XXA', 'special-nationality', 'XXA'],
    ['XXB', 'special-nationality', 'XXB'],
    ['XXC', 'special-nationality', 'XXC'],
    ['XXX', 'special-nationality', 'XXX'],
    ['EUE', 'organisation', 'EUE'],
    ['XBA', 'organisation', 'XBA'],
    ['XIM', 'organisation', 'XIM'],
    ['XCC', 'organisation', 'XCC'],
    ['XCE', 'organisation', 'XCE'],
    ['XCO', 'organisation', 'XCO'],
    ['XEC', 'organisation', 'XEC'],
    ['XES', 'organisation', 'XES'],
    ['XMP', 'organisation', 'XMP'],
    ['XPO', 'organisation', 'XPO'],
    ['XOM', 'organisation', 'XOM'],
    ['XDC', 'organisation', 'XDC'],
    ['RKS', 'state', 'RKS'],
  ] as const)('finds the ICAO code %s as a %s compared as %s', (code, kind, comparison) => {
    const found = lookupCountry(code);
    expect(found).toMatchObject({ code, kind, comparisonCode: comparison, source: 'icao-9303' });
    expect(found?.name.length).toBeGreaterThan(3);
  });

  it('names the ICAO statuses after the conventions that define them', () => {
    expect(lookupCountry('XXA')?.name).toContain('Stateless');
    expect(lookupCountry('XXA')?.name).toContain('1954');
    expect(lookupCountry('XXB')?.name).toContain('1951');
    expect(lookupCountry('XPO')?.name).toContain('INTERPOL');
  });

  it('accepts lower case, surrounding spaces and MRZ filler', () => {
    expect(lookupCountry(' deu ')?.code).toBe('DEU');
    expect(lookupCountry('D<<')?.code).toBe('D');
    expect(lookupCountry('d')?.code).toBe('D');
  });

  it('returns undefined for alpha-2 codes, unknown codes and the Doc 9303 specimen state Utopia', () => {
    expect(lookupCountry('DE')).toBeUndefined();
    expect(lookupCountry('ABC')).toBeUndefined();
    expect(lookupCountry('UTO')).toBeUndefined();
    expect(lookupCountry('')).toBeUndefined();
    expect(lookupCountry('<<<')).toBeUndefined();
  });
});

describe('isValidDocumentCountryCode', () => {
  it('accepts ISO alpha-3 and ICAO codes', () => {
    for (const code of ['FRA', 'USA', 'D', 'D<<', 'XXA', 'GBN', 'EUE', 'RKS', 'UNK']) {
      expect(isValidDocumentCountryCode(code), code).toBe(true);
    }
  });

  it('rejects alpha-2 codes, numeric codes, filler inside a code and non-strings', () => {
    for (const value of ['DE', '276', 'DE<', 'F<A', 'FRAA', null, undefined, 276, {}, ['FRA']]) {
      expect(isValidDocumentCountryCode(value), JSON.stringify(value) ?? 'undefined').toBe(false);
    }
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(typeof isValidDocumentCountryCode(value)).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with lookupCountry on every string', () => {
    const codeLike = fc.oneof(
      fc.string(),
      fc.stringMatching(/^[A-Za-z<]{1,4}$/),
      fc.constantFrom(...documentCountries.map((c) => c.code)),
    );
    fc.assert(
      fc.property(codeLike, (value) => {
        expect(isValidDocumentCountryCode(value)).toBe(lookupCountry(value) !== undefined);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normaliseDocumentCountryCode', () => {
  it('compares Germany’s D as DEU while keeping the printed D', () => {
    expect(normaliseDocumentCountryCode('D')).toEqual({ printed: 'D', comparison: 'DEU' });
    expect(normaliseDocumentCountryCode('D<<')).toEqual({ printed: 'D', comparison: 'DEU' });
    expect(normaliseDocumentCountryCode('DEU')).toEqual({ printed: 'DEU', comparison: 'DEU' });
  });

  it('keeps the ICAO status codes and British subcategories as their own codes', () => {
    for (const code of ['XXA', 'XXB', 'XXC', 'XXX', 'GBD', 'GBN', 'GBO', 'GBP', 'GBS']) {
      expect(normaliseDocumentCountryCode(code)).toEqual({ printed: code, comparison: code });
    }
  });

  it('maps every valid code to a comparison code that is itself valid and compares as itself', () => {
    for (const c of documentCountries) {
      const { comparison } = normaliseDocumentCountryCode(c.code);
      expect(normaliseDocumentCountryCode(comparison).comparison, c.code).toBe(comparison);
    }
  });

  it('rejects an unknown code with REFERENCE_UNKNOWN_COUNTRY_CODE', () => {
    const error = thrown(() => normaliseDocumentCountryCode('ZZZ'));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'Invalid', code: 'REFERENCE_UNKNOWN_COUNTRY_CODE' });
    expect((error as AppError).message).toContain('ZZZ');
  });
});

describe('isThirdCountry', () => {
  it('is false for every EU, EEA and Swiss state, including Germany’s D', () => {
    for (const state of memberStates) {
      expect(isThirdCountry(state.alpha3), state.alpha3).toBe(false);
    }
    expect(isThirdCountry('D')).toBe(false);
    expect(isThirdCountry('CYP')).toBe(false);
    expect(isThirdCountry('IRL')).toBe(false);
    expect(isThirdCountry('CHE')).toBe(false);
  });

  it('is true for other states, British subcategories, statuses and organisations', () => {
    for (const code of ['GBR', 'USA', 'UKR', 'TUR', 'GBN', 'GBD', 'XXA', 'XXB', 'XXC', 'XXX']) {
      expect(isThirdCountry(code), code).toBe(true);
    }
    for (const code of ['UNO', 'EUE', 'XPO', 'XOM', 'RKS']) {
      expect(isThirdCountry(code), code).toBe(true);
    }
  });

  it('counts the European microstates outside the EEA as third countries', () => {
    for (const code of ['AND', 'MCO', 'SMR', 'VAT']) {
      expect(isThirdCountry(code), code).toBe(true);
    }
  });

  it('treats territories that are part of the EU as EU, and the others as third countries', () => {
    for (const code of ['ALA', 'REU', 'GLP', 'MTQ', 'GUF', 'MYT', 'MAF']) {
      expect(isThirdCountry(code), code).toBe(false);
    }
    for (const code of ['GRL', 'FRO', 'GIB', 'NCL', 'ABW', 'HKG']) {
      expect(isThirdCountry(code), code).toBe(true);
    }
  });

  it('agrees with the member-state list for every state code', () => {
    for (const c of documentCountries.filter((x) => x.kind === 'state')) {
      expect(isThirdCountry(c.code), c.code).toBe(!isEuEeaOrSwissState(c.comparisonCode));
    }
  });

  it('rejects an unknown code with REFERENCE_UNKNOWN_COUNTRY_CODE', () => {
    expect(thrown(() => isThirdCountry('QQQ'))).toMatchObject({ code: 'REFERENCE_UNKNOWN_COUNTRY_CODE' });
  });
});
