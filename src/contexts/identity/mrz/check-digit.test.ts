import { describe, expect, it } from 'vitest';
import { characterValue, checkDigitMatches, computeCheckDigit } from './check-digit.ts';

describe('computeCheckDigit', () => {
  it('gives the Doc 9303 Part 3 worked examples', () => {
    expect(computeCheckDigit('520727')).toBe(3);
    expect(computeCheckDigit('L898902C3')).toBe(6);
    expect(computeCheckDigit('AB2134<<<')).toBe(5);
  });

  it('values letters A–Z as 10–35 and the filler as 0', () => {
    expect(characterValue('A')).toBe(10);
    expect(characterValue('Z')).toBe(35);
    expect(characterValue('<')).toBe(0);
    expect(characterValue('7')).toBe(7);
  });

  it('has no value for characters outside the MRZ set', () => {
    expect(characterValue('a')).toBeUndefined();
    expect(characterValue('É')).toBeUndefined();
    expect(computeCheckDigit('L89 8902')).toBeUndefined();
  });

  it('gives 0 for an empty string', () => {
    expect(computeCheckDigit('')).toBe(0);
  });
});

describe('checkDigitMatches', () => {
  it('accepts the right digit and rejects any other character', () => {
    expect(checkDigitMatches('740812', '2')).toBe(true);
    expect(checkDigitMatches('740812', '3')).toBe(false);
    expect(checkDigitMatches('740812', '<')).toBe(false);
  });
});
