import { compactIdentifier } from './fold.ts';

/** ISO 3779: 17 characters, digits and capital letters except I, O and Q. */
const VIN_PATTERN = /^[A-HJ-NPR-Z0-9]{17}$/u;

/** Values of the letters in the North-American check-digit computation (49 CFR 565.15). */
const TRANSLITERATION: Readonly<Record<string, number>> = Object.freeze({
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
});
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** How the check digit of a VIN was judged. */
export type VinCheckDigit = 'valid' | 'invalid' | 'not-applicable';

/** A checked vehicle identification number, with per-rule validity. */
export interface VinCheck {
  /** True when the VIN has the ISO 3779 form and, where it applies, a correct check digit. */
  valid: boolean;
  /** Upper case, separators removed. */
  normalised: string;
  /** The ISO 3779 form: 17 characters without I, O, Q. */
  formValid: boolean;
  checkDigit: VinCheckDigit;
  /** The check digit computed for position 9, when the form is valid (`0`–`9` or `X`). */
  expectedCheckDigit: string | null;
  explanation: string;
}

/** The North-American check digit of a 17-character VIN (49 CFR 565.15): weighted sum modulo 11, 10 is X. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const c = vin[i] ?? '0';
    const value = c >= '0' && c <= '9' ? Number(c) : (TRANSLITERATION[c] ?? 0);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/**
 * True when the check digit at position 9 is mandatory: vehicles made for North America, whose world
 * manufacturer identifier starts with 1–5 (the region code of ISO 3780), must carry it (49 CFR 565.15).
 * European and most other VINs need not, so their position 9 is not judged.
 */
export function vinCheckDigitApplies(vin: string): boolean {
  return /^[1-5]/u.test(vin);
}

/**
 * Validates a VIN under ISO 3779 and, where it applies, the North-American check digit at position 9.
 *
 * @example checkVin('1M8GDM9AXKP042788').valid // true (check digit X)
 * @example checkVin('WVWZZZ1JZXW000001').checkDigit // 'not-applicable' (European VIN)
 */
export function checkVin(value: string): VinCheck {
  const normalised = compactIdentifier(value);
  if (!VIN_PATTERN.test(normalised)) {
    const why =
      normalised.length !== 17
        ? `has ${normalised.length} characters; a VIN has 17 (ISO 3779)`
        : 'contains I, O or Q, which ISO 3779 leaves out of VINs';
    return {
      valid: false,
      normalised,
      formValid: false,
      checkDigit: 'not-applicable',
      expectedCheckDigit: null,
      explanation: `"${value}" ${why}`,
    };
  }
  const expected = vinCheckDigit(normalised);
  if (!vinCheckDigitApplies(normalised)) {
    return {
      valid: true,
      normalised,
      formValid: true,
      checkDigit: 'not-applicable',
      expectedCheckDigit: expected,
      explanation:
        'ISO 3779 form valid; the check digit at position 9 is mandatory only for North-American VINs, so it was not judged',
    };
  }
  const ok = normalised[8] === expected;
  return {
    valid: ok,
    normalised,
    formValid: true,
    checkDigit: ok ? 'valid' : 'invalid',
    expectedCheckDigit: expected,
    explanation: ok
      ? 'ISO 3779 form and North-American check digit valid'
      : `North-American VIN whose position 9 is ${normalised[8]}; the check digit computed is ${expected}`,
  };
}
