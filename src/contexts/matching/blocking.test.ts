import { describe, expect, it } from 'vitest';
import { candidatePairs } from './blocking.ts';
import { parseLinkageConfig } from './config.ts';
import { identityConfig } from './default-config.ts';
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

  describe('maxBlockSize', () => {
    const capped = compileModel(
      buildConfig({
        blocking: [
          { name: 'dob', on: ['dob'], maxBlockSize: 3 },
          { name: 'surname', on: ['surname'] },
        ],
      }),
    );
    const person = (id: string, surname: string, dob: string) =>
      prepareFor(capped, id, { surname, given: 'X', dob });

    it('does not expand a block larger than the cap, and reports it', () => {
      const records = [
        person('a', 'Smith', '1980-01-01'),
        person('b', 'Jones', '1980-01-01'),
        person('c', 'Brown', '1980-01-01'),
        person('d', 'Green', '1980-01-01'),
        person('e', 'White', '1975-06-30'),
        person('f', 'Black', '1975-06-30'),
        person('g', 'Smith', '1990-02-02'),
      ];
      const pairs = candidatePairs(capped.rules, records);
      // 1 January holds four records (over the cap): only the surname rule pairs two of them with g.
      expect(pairsOf(pairs).sort()).toEqual([
        [0, 6],
        [4, 5],
      ]);
      expect(pairs.skipped).toEqual([{ rule: 'dob', blocks: 1, records: 4, largest: 4 }]);
    });

    it('expands a block of exactly the cap', () => {
      const records = [
        person('a', 'Smith', '1980-01-01'),
        person('b', 'Jones', '1980-01-01'),
        person('c', 'Brown', '1980-01-01'),
      ];
      const pairs = candidatePairs(capped.rules, records);
      expect(pairs.length).toBe(3);
      expect(pairs.skipped).toEqual([]);
    });

    it('counts the records of both tables when linking', () => {
      const left = [person('a', 'Smith', '1980-01-01'), person('b', 'Jones', '1980-01-01')];
      const right = [person('c', 'Brown', '1980-01-01'), person('d', 'Green', '1980-01-01')];
      const pairs = candidatePairs(capped.rules, left, right);
      expect(pairs.length).toBe(0);
      expect(pairs.skipped).toEqual([{ rule: 'dob', blocks: 1, records: 4, largest: 4 }]);
      expect(candidatePairs(capped.rules, left, right.slice(1)).length).toBe(2);
    });

    it('is refused below 2 by the configuration schema', () => {
      expect(() => buildConfig({ blocking: [{ on: ['dob'], maxBlockSize: 1 }] })).toThrow(/maxBlockSize/u);
    });
  });

  describe('the identity configuration', () => {
    const identity = compileModel(identityConfig());
    const raw = (surname: string, given: string, birth: string) => ({
      surname,
      given_names: given,
      birth_date: birth,
      sex: 'M',
      nationality: 'RUS',
    });
    // Many people born on the same day, none sharing a name: the birth-date rule's block is over its cap.
    const consonants = [...'BDFLMNR'];
    const crowd = Array.from({ length: 150 }, (_, i) => {
      const [a, b, c] = [i % 7, Math.floor(i / 7) % 7, Math.floor(i / 49) % 7].map((n) => consonants[n]);
      return raw(`${a}A${b}O${c}IN`, `${c}E${b}U${a}A`, '1970-05-04');
    });

    it('compares an ICAO and a German rendering of one Russian name born the same day', () => {
      const records = [
        raw('ZHUKOV', 'GEORGII', '1970-05-04'),
        ...crowd,
        raw('SCHUKOW', 'GEORGIJ', '1970-05-04'),
      ].map((r, i) => prepareFor(identity, String(i), r));
      const pairs = candidatePairs(identity.rules, records);
      expect(pairsOf(pairs)).toContainEqual([0, records.length - 1]);
      expect(pairs.length).toBe(1);
      expect(pairs.skipped).toEqual([{ rule: 'birth date', blocks: 1, records: 152, largest: 152 }]);
    });

    it('folds the native spelling and a French rendering to one key, and another name to another', () => {
      const folded = compileModel(
        parseLinkageConfig({
          ...identityConfig(),
          blocking: identityConfig().blocking.filter((r) => r.name === 'folded surname and birth date'),
        }),
      );
      const records = [
        raw('Хрущёв', 'Никита', '1894-04-15'),
        raw('KHROUCHTCHEV', 'NIKITA', '1894-04-15'),
        raw('IVANOV', 'NIKITA', '1894-04-15'),
        raw('CHRUSCHTSCHOW', 'NIKITA', '1894-04-16'),
      ].map((r, i) => prepareFor(folded, String(i), r));
      expect(pairsOf(candidatePairs(folded.rules, records))).toEqual([[0, 1]]);
    });

    it('pairs everyone born on a day that is not crowded', () => {
      const few = crowd.slice(0, 5).map((r, i) => prepareFor(identity, String(i), r));
      expect(candidatePairs(identity.rules, few).length).toBe(10);
      const rules = compileModel(
        parseLinkageConfig({
          ...identityConfig(),
          blocking: identityConfig().blocking.filter((r) => r.name !== 'birth date'),
        }),
      ).rules;
      expect(candidatePairs(rules, few).length).toBe(0);
    });
  });
});
