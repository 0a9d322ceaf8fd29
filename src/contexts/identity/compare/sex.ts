import type { Comparison } from './levels.ts';

/** Harmonised sex codes: male, female, unspecified (ICAO `X`, `<`) and unknown. */
export type SexCode = 'M' | 'F' | 'X' | 'U';

/**
 * The code lists found in the source systems, mapped to one set. ISO/IEC 5218 digits (0 not known,
 * 1 male, 2 female, 9 not applicable) and ICAO Doc 9303 (`M`, `F`, `X`, `<` unspecified) are both accepted.
 */
const SEX_CODES: Readonly<Record<string, SexCode>> = Object.freeze({
  M: 'M',
  MALE: 'M',
  '1': 'M',
  F: 'F',
  FEMALE: 'F',
  '2': 'F',
  X: 'X',
  '<': 'X',
  UNSPECIFIED: 'X',
  '9': 'X',
  U: 'U',
  UNKNOWN: 'U',
  '0': 'U',
});

/** Maps a sex or gender value to a {@link SexCode}; `undefined` when it is empty or not recognised. */
export function harmoniseSex(value: string | undefined): SexCode | undefined {
  if (value === undefined) {
    return undefined;
  }
  return SEX_CODES[value.trim().toUpperCase()];
}

/**
 * Compares sex values: `exact` when both are the same known code, `missing` when either is absent,
 * unknown or unrecognised, `different` otherwise. There is no "close" sex.
 *
 * @example compareSex('M', 'male').level // 'exact'
 */
export function compareSex(a: string | undefined, b: string | undefined): Comparison {
  const sa = harmoniseSex(a);
  const sb = harmoniseSex(b);
  if (sa === undefined || sb === undefined || sa === 'U' || sb === 'U') {
    return { level: 'missing', explanation: 'sex is missing, unknown or not recognised on one side or both' };
  }
  return sa === sb
    ? { level: 'exact', explanation: `both ${sa}` }
    : { level: 'different', explanation: `${sa} vs ${sb}` };
}
