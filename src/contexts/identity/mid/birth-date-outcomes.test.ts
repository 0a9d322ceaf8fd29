import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AliasIdentity, IdentityData } from './types.ts';
import { midBirthDateOutcomes, midDifferentWithoutNames, midVerdict } from './verdict.ts';

/** Dates near each other: equal, a day/month swap, one digit changed, a year apart, unknown parts. */
const date = fc.constantFrom(
  '1980-05-12',
  '1980-12-05',
  '1980-05-13',
  '1981-05-12',
  '1980-05-00',
  '1980-00-00',
  '1979-11-30',
  '2001-02-03',
  'not a date',
);
const name = fc.constantFrom('SMITH', 'SMYTH', 'SCHMIDT', 'NOWAK', 'IVANOV', 'IWANOW');
const alias: fc.Arbitrary<AliasIdentity> = fc.record({
  qualification: fc.constantFrom<AliasIdentity['qualification']>('alias', 'misused', 'not-confirmed'),
  surname: name,
  birthDate: date,
});
const identity: fc.Arbitrary<IdentityData> = fc.record(
  {
    system: fc.constantFrom<NonNullable<IdentityData['system']>>('SIS', 'EES'),
    surname: name,
    givenNames: fc.constantFrom('JOHN', 'JAN', 'IVAN', ''),
    birthDate: date,
    sex: fc.constantFrom('M', 'F', 'U'),
    nationalities: fc.constantFrom(['GBR'], ['POL'], ['RUS', 'DEU'], ['AUT'], ['AUS'], []),
    placeOfBirth: fc.constantFrom('Warszawa', 'Warschau', 'Moskva', 'Москва', 'London'),
    aliasIdentities: fc.array(alias, { maxLength: 2 }),
  },
  { requiredKeys: ['system', 'surname'] },
);

describe('midBirthDateOutcomes', () => {
  it("is, pair by pair, the date-of-birth category midVerdict weighs: all different means the verdict's is", () => {
    fc.assert(
      fc.property(
        identity,
        identity,
        fc.constantFrom<'per-identity' | 'pooled'>('per-identity', 'pooled'),
        (x, y, aliasHandling) => {
          const outcomes = midBirthDateOutcomes(x, y, { aliasHandling });
          const verdict = midVerdict(x, y, { aliasHandling });
          expect(outcomes.length).toBeGreaterThan(0);
          expect(outcomes).toContain(verdict.categories.birthDate.outcome);
          if (outcomes.every((o) => o === 'different')) {
            expect(verdict.categories.birthDate.outcome).toBe('different');
          }
        },
      ),
      { numRuns: 2000, seed: 20261203 },
    );
  });
});

describe('midDifferentWithoutNames', () => {
  it('holds only when midVerdict is different, and is not always false', () => {
    let decided = 0;
    fc.assert(
      fc.property(
        identity,
        identity,
        fc.constantFrom<'per-identity' | 'pooled'>('per-identity', 'pooled'),
        (x, y, aliasHandling) => {
          if (midDifferentWithoutNames(x, y, { aliasHandling })) {
            decided += 1;
            expect(midVerdict(x, y, { aliasHandling }).verdict).toBe('different');
          }
        },
      ),
      { numRuns: 2000, seed: 20261204 },
    );
    expect(decided).toBeGreaterThan(200);
  });
});
