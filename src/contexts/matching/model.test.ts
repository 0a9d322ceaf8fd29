import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termFrequencies } from './estimate.ts';
import {
  compileModel,
  explainPair,
  matchWeight,
  prepareFor,
  probabilityOf,
  withParameters,
} from './model.ts';
import { buildConfig } from './testing.ts';

const compiled = compileModel(buildConfig());
const record = (id: string, surname: string, given = 'JOHN', dob = '1980-05-12') =>
  prepareFor(compiled, id, { surname, given, dob });

// Fifty SMITHs and one ZABLOCKI among the records the frequencies are taken from.
const population = [
  ...Array.from({ length: 50 }, (_, i) => record(`s${i}`, 'Smith')),
  ...Array.from({ length: 49 }, (_, i) => record(`o${i}`, `Other${i}`)),
  record('z', 'Zablocki'),
];

// Levels: [null, exact, (swapped,) fuzzy, else].
const model = withParameters(compiled, {
  prior: 0.001,
  m: [
    Float64Array.from([0, 0.9, 0.05, 0.05]),
    Float64Array.from([0, 0.85, 0.03, 0.07, 0.05]),
    Float64Array.from([0, 0.9, 0.05, 0.05]),
  ],
  u: [
    Float64Array.from([0, 0.02, 0.03, 0.95]),
    Float64Array.from([0, 0.02, 0.001, 0.02, 0.959]),
    Float64Array.from([0, 0.001, 0.01, 0.989]),
  ],
  termFrequencies: termFrequencies(compiled, { left: population }),
});

describe('model', () => {
  describe('term-frequency adjustment', () => {
    it('weighs an agreement on a rare surname more than one on a common surname', () => {
      const rare = matchWeight(model, record('a', 'Zablocki'), record('b', 'Zablocki'));
      const common = matchWeight(model, record('a', 'Smith'), record('b', 'Smith'));
      expect(rare).toBeGreaterThan(common);
      // SMITH is half of the surnames: the Bayes factor of agreeing on it is m / 0.5; ZABLOCKI's is m / 0.01.
      expect(rare - common).toBeCloseTo(Math.log2(0.5 / 0.01), 6);
    });

    it('shows the term frequency in the explanation of an exact agreement', () => {
      const e = explainPair(model, record('a', 'Smith'), record('b', 'Smith'));
      expect(e.comparisons[0]).toMatchObject({ comparison: 'surname', level: 'exact', termFrequency: 0.5 });
      expect(e.comparisons[0]?.weight).toBeCloseTo(Math.log2(0.9 / 0.5), 9);
    });
  });

  describe('explainPair', () => {
    it('gives every comparison its level and weight, null weighing nothing', () => {
      const e = explainPair(
        model,
        record('a', 'Smith', 'John', ''),
        record('b', 'Smiht', 'John', '1980-05-12'),
      );
      expect(e.comparisons.map((c) => [c.comparison, c.level])).toEqual([
        ['surname', 'Jaro-Winkler >= 0.92'],
        ['given', 'exact'],
        ['dob', 'null'],
      ]);
      expect(e.comparisons[2]?.weight).toBe(0);
      expect(e.comparisons[1]?.bayesFactor).toBeCloseTo(0.85 / 0.02, 9);
    });

    it('sums to the match weight, whose probability the pair gets', () => {
      const value = fc.constantFrom('Smith', 'Smyth', 'Zablocki', 'John', 'Jon', '', 'Other3');
      const date = fc.constantFrom('1980-05-12', '1980-05-21', '1980-15-12', '', '1975-01-01');
      fc.assert(
        fc.property(value, value, date, value, value, date, (s1, g1, d1, s2, g2, d2) => {
          const a = record('a', s1, g1, d1);
          const b = record('b', s2, g2, d2);
          const e = explainPair(model, a, b);
          const sum = e.comparisons.reduce((s, c) => s + c.weight, e.priorWeight);
          expect(sum).toBeCloseTo(e.matchWeight, 9);
          expect(e.matchWeight).toBeCloseTo(matchWeight(model, a, b), 9);
          expect(e.matchProbability).toBeCloseTo(probabilityOf(e.matchWeight), 12);
        }),
        { seed: 3, numRuns: 300 },
      );
    });
  });
});
