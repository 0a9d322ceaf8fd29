import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namePairRules } from './name-rules.ts';
import { DEFAULT_MID_SETTINGS } from './settings.ts';
import { midVerdict } from './verdict.ts';

const rulesOf = (x: string, y: string) => namePairRules(x, y, DEFAULT_MID_SETTINGS).map((h) => h.rule);

describe('namePairRules', () => {
  it('N-e catches one transposition at any distance, N-f one plain edit', () => {
    expect(rulesOf('KARIM', 'KIRAM')).toEqual(['N-e']);
    expect(rulesOf('SMITH', 'SMIETH')).toEqual(['N-f']);
  });

  it('N-h does not treat initials as truncations', () => {
    expect(rulesOf('J.', 'JOHN')).toEqual([]);
    expect(rulesOf('JO', 'JOHN')).toEqual([]);
    expect(rulesOf('JOH', 'JOHN')).toEqual(['N-f', 'N-h']);
  });

  it('N-g is the only rule for a separator-only difference', () => {
    expect(rulesOf('SMITH-JONES', 'SMITHJONES')).toEqual(['N-f', 'N-g']);
    expect(rulesOf("O'NEILL", 'O NEILL')).toEqual(['N-f', 'N-g']);
    expect(rulesOf("D'ALMEIDA-COSTA", 'DALMEIDA COSTA')).toEqual(['N-g']);
  });

  it('N-a accepts a Cyrillic name and its ICAO rendering', () => {
    expect(rulesOf('ЮРИЙ', 'IURII')).toContain('N-a');
  });

  it('returns nothing for equal or empty values', () => {
    expect(rulesOf('SMITH', 'SMITH')).toEqual([]);
    expect(rulesOf('', 'SMITH')).toEqual([]);
  });

  it('is symmetric and never throws on arbitrary Unicode', () => {
    const value = fc.string({ unit: 'grapheme', maxLength: 12 });
    fc.assert(
      fc.property(value, value, (x, y) => {
        const ab = rulesOf(x, y).sort();
        const ba = rulesOf(y, x).sort();
        return JSON.stringify(ab) === JSON.stringify(ba);
      }),
    );
  });
});

describe('midVerdict properties', () => {
  const record = fc.record(
    {
      surname: fc.string({ maxLength: 10 }),
      givenNames: fc.string({ maxLength: 10 }),
      birthDate: fc.oneof(
        fc.string({ maxLength: 10 }),
        fc.constantFrom('1980-05-12', '1980-12-05', '1980-00-00'),
      ),
      sex: fc.constantFrom('M', 'F', 'X', 'U', ''),
      nationalities: fc.array(fc.constantFrom('GBR', 'ZAR', 'COD', 'XXX', 'D'), { maxLength: 2 }),
      placeOfBirth: fc.string({ maxLength: 8 }),
    },
    { requiredKeys: [] },
  );

  it('never throws and is symmetric in its verdict', () => {
    fc.assert(
      fc.property(record, record, (a, b) => midVerdict(a, b).verdict === midVerdict(b, a).verdict),
      { numRuns: 200 },
    );
  });

  it('gives SAME for a complete record compared with itself', () => {
    const complete = {
      surname: 'ŁUKASZ',
      givenNames: 'ANNA',
      birthDate: '1980-05-12',
      sex: 'F',
      nationalities: ['POL'],
    };
    expect(midVerdict(complete, complete).verdict).toBe('same');
  });
});
