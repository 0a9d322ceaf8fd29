import { describe, expect, it } from 'vitest';

import { splitDuration } from './duration.ts';

describe('splitDuration', () => {
  it('splits into days, hours and minutes, rounding down to the minute', () => {
    expect(splitDuration(3 * 3_600_000 + 59_999)).toEqual({ days: 0, hours: 3, minutes: 0 });
    expect(splitDuration(26 * 3_600_000 + 5 * 60_000)).toEqual({ days: 1, hours: 2, minutes: 5 });
    expect(splitDuration(59_000)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });

  it('reads a span in the past as its length', () => {
    expect(splitDuration(-90 * 60_000)).toEqual({ days: 0, hours: 1, minutes: 30 });
  });
});
