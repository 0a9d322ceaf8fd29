import { compactIdentifier } from './fold.ts';

/** Owner code (3 letters), category identifier (U, J or Z), serial number (6 digits), check digit. */
const CONTAINER_PATTERN = /^([A-Z]{3})([UJZ])(\d{6})(\d)$/u;

/**
 * Letter values of ISO 6346 Annex A: A = 10, counting up and skipping the multiples of 11 (11, 22, 33).
 */
const LETTER_VALUES: Readonly<Record<string, number>> = (() => {
  const values: Record<string, number> = {};
  let v = 10;
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (v % 11 === 0) {
      v += 1;
    }
    values[letter] = v;
    v += 1;
  }
  return Object.freeze(values);
})();

/** A checked ISO 6346 container number, with per-part validity. */
export interface ContainerCheck {
  valid: boolean;
  /** Upper case, spaces and hyphens removed. */
  normalised: string;
  ownerCode: string | null;
  /** U freight container, J detachable freight-container equipment, Z trailer or chassis. */
  categoryIdentifier: string | null;
  serialNumber: string | null;
  checkDigit: 'valid' | 'invalid' | 'not-applicable';
  expectedCheckDigit: string | null;
  explanation: string;
}

/**
 * The ISO 6346 check digit of the first ten characters (owner code, category identifier, serial number):
 * each character's value times 2 to the power of its position, summed, modulo 11; a remainder of 10 is
 * written 0 (ISO 6346 Annex A).
 */
export function containerCheckDigit(first10: string): string {
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    const c = first10[i] ?? '0';
    const value = c >= '0' && c <= '9' ? Number(c) : (LETTER_VALUES[c] ?? 0);
    sum += value * 2 ** i;
  }
  return String((sum % 11) % 10);
}

/**
 * Validates an ISO 6346 container number: form and check digit.
 *
 * @example checkContainerNumber('CSQU 305438 3').valid // true
 */
export function checkContainerNumber(value: string): ContainerCheck {
  const normalised = compactIdentifier(value);
  const m = CONTAINER_PATTERN.exec(normalised);
  if (m === null) {
    return {
      valid: false,
      normalised,
      ownerCode: null,
      categoryIdentifier: null,
      serialNumber: null,
      checkDigit: 'not-applicable',
      expectedCheckDigit: null,
      explanation: `"${value}" is not an ISO 6346 container number: 3-letter owner code, category U, J or Z, 6-digit serial number and a check digit (e.g. CSQU3054383)`,
    };
  }
  const expected = containerCheckDigit(normalised.slice(0, 10));
  const ok = m[4] === expected;
  return {
    valid: ok,
    normalised,
    ownerCode: m[1] ?? null,
    categoryIdentifier: m[2] ?? null,
    serialNumber: m[3] ?? null,
    checkDigit: ok ? 'valid' : 'invalid',
    expectedCheckDigit: expected,
    explanation: ok
      ? 'ISO 6346 form and check digit valid'
      : `the check digit is ${m[4]}; ISO 6346 gives ${expected} for ${normalised.slice(0, 10)}`,
  };
}
