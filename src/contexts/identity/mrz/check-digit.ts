/**
 * The ICAO 9303 check digit (Doc 9303 Part 3, section 4.9): each character gets a value (digits 0–9 as
 * themselves, A–Z as 10–35, the filler `<` as 0), values are multiplied by the repeating weights 7, 3, 1,
 * and the check digit is the sum modulo 10.
 */

const WEIGHTS = [7, 3, 1] as const;

/** The value of one MRZ character for the check digit, or `undefined` for a character outside the MRZ set. */
export function characterValue(char: string): number | undefined {
  const code = char.charCodeAt(0);
  if (char.length !== 1) {
    return undefined;
  }
  if (code >= 48 && code <= 57) {
    return code - 48;
  }
  if (code >= 65 && code <= 90) {
    return code - 55;
  }
  if (char === '<') {
    return 0;
  }
  return undefined;
}

/**
 * Computes the check digit of `data`, or returns `undefined` when `data` holds a character outside the MRZ
 * character set (A–Z, 0–9, `<`), for which no check digit exists.
 *
 * @example computeCheckDigit('L898902C3') // 6
 */
export function computeCheckDigit(data: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < data.length; i += 1) {
    const value = characterValue(data.charAt(i));
    if (value === undefined) {
      return undefined;
    }
    sum += value * WEIGHTS[i % 3]!;
  }
  return sum % 10;
}

/** True when `checkDigit` is the single digit that `computeCheckDigit(data)` gives. */
export function checkDigitMatches(data: string, checkDigit: string): boolean {
  const expected = computeCheckDigit(data);
  return expected !== undefined && checkDigit === String(expected);
}
