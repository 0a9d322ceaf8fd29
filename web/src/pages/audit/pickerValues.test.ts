import { describe, expect, it } from 'vitest';

import { isoToPickerValue, pickerValueToIso } from './pickerValues.ts';

describe('pickerValueToIso', () => {
  it('reads a picker value as a UTC instant', () => {
    expect(pickerValueToIso('2026-03-14 09:05:00')).toBe('2026-03-14T09:05:00.000Z');
  });

  it('gives null for an empty or unreadable value', () => {
    expect(pickerValueToIso(null)).toBeNull();
    expect(pickerValueToIso('')).toBeNull();
    expect(pickerValueToIso('14/03/2026')).toBeNull();
  });
});

describe('isoToPickerValue', () => {
  it('is the inverse of pickerValueToIso', () => {
    expect(isoToPickerValue('2026-03-14T09:05:00.000Z')).toBe('2026-03-14 09:05:00');
    expect(pickerValueToIso(isoToPickerValue('2026-12-31T23:59:00.000Z'))).toBe('2026-12-31T23:59:00.000Z');
  });

  it('gives null for no value', () => {
    expect(isoToPickerValue(null)).toBeNull();
  });
});
