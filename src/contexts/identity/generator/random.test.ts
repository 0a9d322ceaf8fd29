import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeededRandom, WeightedPicker } from './random.ts';

const draws = (seed: string | number, n: number) => {
  const random = new SeededRandom(seed);
  return Array.from({ length: n }, () => random.nextUint32());
};

describe('SeededRandom', () => {
  describe('nextUint32', () => {
    it('repeats the same sequence for the same seed', () => {
      fc.assert(
        fc.property(fc.string(), (seed) => {
          expect(draws(seed, 20)).toEqual(draws(seed, 20));
        }),
      );
    });

    it('gives different sequences for neighbouring seeds', () => {
      expect(draws(1, 8)).not.toEqual(draws(2, 8));
      expect(draws('a', 8)).not.toEqual(draws('b', 8));
    });

    it('stays a 32-bit unsigned integer', () => {
      for (const value of draws('range', 1000)) {
        expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
      }
    });
  });

  describe('int', () => {
    it('returns an integer in [0, n)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.string(), (n, seed) => {
          const value = new SeededRandom(seed).int(n);
          expect(Number.isInteger(value) && value >= 0 && value < n).toBe(true);
        }),
      );
    });

    it('spreads draws evenly over the range', () => {
      const random = new SeededRandom('uniform');
      const counts = new Array<number>(10).fill(0);
      for (let i = 0; i < 100_000; i += 1) {
        const k = random.int(10);
        counts[k] = (counts[k] ?? 0) + 1;
      }
      for (const c of counts) {
        expect(Math.abs(c - 10_000)).toBeLessThan(500);
      }
    });
  });

  describe('pick', () => {
    it('rejects an empty array', () => {
      expect(() => new SeededRandom(1).pick([])).toThrow(RangeError);
    });
  });
});

describe('WeightedPicker', () => {
  it('draws items in proportion to their weights', () => {
    const picker = new WeightedPicker([
      ['a', 1],
      ['b', 3],
      ['c', 0],
    ] as const);
    const random = new SeededRandom('weights');
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 40_000; i += 1) {
      counts[picker.pick(random)] += 1;
    }
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.8);
    expect(counts.b / counts.a).toBeLessThan(3.2);
  });

  it('rejects a list without a positive weight', () => {
    expect(() => new WeightedPicker([['a', 0]])).toThrow(RangeError);
  });
});
