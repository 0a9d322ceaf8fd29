import fc from 'fast-check';
import damerauLevenshtein from 'talisman/metrics/damerau-levenshtein.js';
import talismanJaroWinkler from 'talisman/metrics/jaro-winkler.js';
import { describe, expect, it } from 'vitest';
import { hammingDistance, jaroWinkler, osaDistance } from './strings.ts';

const name = fc.string({ unit: fc.constantFrom(...'ABCDEHILMNORST '.split('')), maxLength: 14 });

describe('strings', () => {
  describe('jaroWinkler', () => {
    it('gives the textbook scores', () => {
      expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
      expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
      expect(jaroWinkler('', 'ABC')).toBe(0);
      expect(jaroWinkler('SAME', 'SAME')).toBe(1);
    });

    it('equals talisman on any pair of names', () => {
      fc.assert(
        fc.property(name, name, (a, b) => {
          expect(jaroWinkler(a, b)).toBeCloseTo(talismanJaroWinkler(a, b), 12);
        }),
        { seed: 7, numRuns: 2000 },
      );
    });
  });

  describe('osaDistance', () => {
    it('counts an adjacent transposition as one edit', () => {
      expect(osaDistance('SMITH', 'SMIHT')).toBe(1);
      expect(osaDistance('19800512', '19805012')).toBe(1);
    });

    it('equals talisman below the bound and reports max + 1 above it', () => {
      fc.assert(
        fc.property(name, name, fc.integer({ min: 1, max: 4 }), (a, b, max) => {
          const exact = damerauLevenshtein(a, b);
          expect(osaDistance(a, b)).toBe(exact);
          expect(osaDistance(a, b, max)).toBe(exact <= max ? exact : max + 1);
        }),
        { seed: 11, numRuns: 2000 },
      );
    });
  });

  describe('hammingDistance', () => {
    it('counts differing positions and refuses strings of different length', () => {
      expect(hammingDistance('19800512', '19800612')).toBe(1);
      expect(hammingDistance('1980', '19800')).toBe(Number.POSITIVE_INFINITY);
    });
  });
});
