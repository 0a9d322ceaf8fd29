import { describe, expect, it } from 'vitest';
import { candidatePairs } from './blocking.ts';
import { compileModel, prepareFor } from './model.ts';
import { buildConfig } from './testing.ts';

const model = compileModel(buildConfig());
const record = (id: string, surname: string, given: string, dob: string) =>
  prepareFor(model, id, { surname, given, dob });
const pairsOf = (list: ReturnType<typeof candidatePairs>) =>
  Array.from({ length: list.length }, (_, p) => [list.left[p], list.right[p]]);

describe('blocking', () => {
  describe('candidatePairs', () => {
    it('finds a pair through another rule when a typo breaks one blocked field', () => {
      const left = [record('a', 'Smith', 'John', '1980-05-12')];
      const right = [record('b', 'Smiht', 'John', '1980-05-12'), record('c', 'Jones', 'Mary', '1975-01-01')];
      expect(pairsOf(candidatePairs(model.rules, left, right))).toEqual([[0, 0]]);
    });

    it('finds a pair through the surname rule when the dates differ', () => {
      const left = [record('a', 'Smith', 'John', '1980-05-12')];
      const right = [record('b', 'Smith', 'Jon', '1981-05-12')];
      expect(pairsOf(candidatePairs(model.rules, left, right))).toEqual([[0, 0]]);
    });

    it('reports a pair selected by several rules once', () => {
      const left = [record('a', 'Smith', 'John', '1980-05-12')];
      const right = [record('b', 'Smith', 'John', '1980-05-12')];
      expect(candidatePairs(model.rules, left, right).length).toBe(1);
    });

    it('finds swapped surname and given names through a rule with other keys on the other side', () => {
      const left = [record('a', 'Ahmed', 'Hassan', '1990-01-01')];
      const right = [record('b', 'Hassan', 'Ahmed', '1991-02-02')];
      expect(pairsOf(candidatePairs(model.rules, left, right))).toEqual([[0, 0]]);
    });

    it('does not pair records that share no key', () => {
      const left = [record('a', 'Smith', 'John', '1980-05-12')];
      const right = [record('b', 'Jones', 'John', '1975-01-01')];
      expect(candidatePairs(model.rules, left, right).length).toBe(0);
    });

    it('deduplicates one table with every unordered pair once, smaller position first', () => {
      const records = [
        record('a', 'Smith', 'John', '1980-05-12'),
        record('b', 'Smith', 'Jon', '1980-05-12'),
        record('c', 'John', 'Smith', '1970-01-01'),
        record('d', 'Brown', 'Ann', '1960-01-01'),
      ];
      const pairs = pairsOf(candidatePairs(model.rules, records)).sort();
      expect(pairs).toEqual([
        [0, 1],
        [0, 2],
      ]);
    });

    it('blocks nothing on a missing value', () => {
      const left = [record('a', '', 'John', '')];
      const right = [record('b', '', 'John', '')];
      expect(candidatePairs(model.rules, left, right).length).toBe(0);
    });
  });
});
