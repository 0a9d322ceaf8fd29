import { describe, expect, it } from 'vitest';
import { suppressSmallCells } from './suppression.ts';

describe('suppressSmallCells', () => {
  it('hides counts below the minimum and leaves the others', () => {
    expect(suppressSmallCells([10, 3, 2, 7], 5)).toEqual({
      counts: [10, null, null, 7],
      total: 22,
      suppressed: 2,
    });
  });

  it('hides the smallest shown row too when a single row is hidden (the total would give it away)', () => {
    expect(suppressSmallCells([10, 3, 7], 5)).toEqual({ counts: [10, null, null], total: 20, suppressed: 2 });
  });

  it('hides more when the hidden rows are all ones, which their sum would tell', () => {
    expect(suppressSmallCells([1, 1, 9, 12], 5)).toEqual({
      counts: [null, null, null, 12],
      total: 23,
      suppressed: 3,
    });
  });

  it('hides the total when it is small, or when every row is hidden and their sum pins them down', () => {
    expect(suppressSmallCells([2, 1], 5)).toEqual({ counts: [null, null], total: null, suppressed: 2 });
    expect(suppressSmallCells([4, 4], 5)).toEqual({ counts: [null, null], total: null, suppressed: 2 });
    expect(suppressSmallCells([3, 4], 5)).toEqual({ counts: [null, null], total: 7, suppressed: 2 });
  });

  it('never lets total minus the shown rows equal a single hidden count', () => {
    for (let seed = 1; seed < 500; seed += 1) {
      const counts = Array.from({ length: 1 + (seed % 6) }, (_, i) => 1 + ((seed * (i + 7)) % 13));
      const { counts: shown, total } = suppressSmallCells(counts, 5);
      for (const [i, c] of counts.entries()) {
        expect(c >= 5 || shown[i] === null).toBe(true);
      }
      const hidden = counts.filter((_, i) => shown[i] === null);
      if (total !== null && hidden.length > 0) {
        expect(hidden.length).toBeGreaterThanOrEqual(2);
      }
    }
  });
});
