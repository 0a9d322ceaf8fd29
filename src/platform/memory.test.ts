import { describe, expect, it } from 'vitest';
import { assertHeapFits, HeapTooSmallError } from './memory.ts';

const GIB = 2 ** 30;
const millionWorld = [
  { what: 'EES files', items: 1_000_000, bytesPerItem: 3_500 },
  { what: 'SIS alerts', items: 1_000_000, bytesPerItem: 2_500 },
];

describe('assertHeapFits', () => {
  it('lets read models that fit be built', () => {
    expect(() => assertHeapFits(millionWorld, { limitBytes: 16 * GIB, usedBytes: 0.2 * GIB })).not.toThrow();
    expect(() => assertHeapFits([], { limitBytes: 1 * GIB, usedBytes: 0.9 * GIB })).not.toThrow();
  });

  it('refuses, with the size needed and the setting that gives it, what would run out of heap', () => {
    let error: unknown;
    try {
      assertHeapFits(millionWorld, { limitBytes: 4 * GIB, usedBytes: 0.2 * GIB });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(HeapTooSmallError);
    const message = (error as Error).message;
    expect(message).toContain('1,000,000 EES files (about 3.3 GiB)');
    expect(message).toContain('about 5.6 GiB');
    expect(message).toMatch(/NODE_OPTIONS=--max-old-space-size=\d+/);
    const suggested = Number(/max-old-space-size=(\d+)/.exec(message)![1]);
    // The suggestion is enough for the models, with room left.
    expect(suggested * 2 ** 20).toBeGreaterThan(5.8 * GIB);
    expect(() =>
      assertHeapFits(millionWorld, { limitBytes: suggested * 2 ** 20, usedBytes: 0.2 * GIB }),
    ).not.toThrow();
  });
});
