import { describe, expect, it } from 'vitest';

import { formatHubTime } from './hubTime.ts';

describe('formatHubTime', () => {
  it('shows the instant on the hub’s clock with its zone, whatever the zone of the browser', () => {
    expect(formatHubTime('2026-12-02T22:05:12Z', 'Europe/Brussels', 'en')).toBe('2 Dec 2026, 23:05:12 GMT+1');
    expect(formatHubTime('2026-07-02T22:05:12Z', 'Europe/Brussels', 'en')).toBe('3 Jul 2026, 00:05:12 GMT+2');
    expect(formatHubTime('2026-07-02T22:05:12Z', 'Europe/Helsinki', 'en')).toBe('3 Jul 2026, 01:05:12 GMT+3');
  });

  it('returns a value it cannot read unchanged', () => {
    expect(formatHubTime('yesterday', 'Europe/Brussels', 'en')).toBe('yesterday');
  });
});
