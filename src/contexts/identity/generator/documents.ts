import { civilFromDay, dayFromCivil, isLeapYear } from '../../../platform/dates.ts';
import { generateMrzOrThrow } from '../mrz/index.ts';
import { mrzStateCode } from './nationalities.ts';
import type { SeededRandom } from './random.ts';

/** A calendar date; `0` in month or day means unknown (as in identity data with partial dates). */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Days since 1970-01-01 of a civil date (the platform's civil-date routine). */
export const daysFromCivil = ({ year, month, day }: CivilDate): number => dayFromCivil(year, month, day);

/** The civil date of a day count since 1970-01-01. */
export const civilFromDays = (days: number): CivilDate => civilFromDay(days);

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD`, with `00` for an unknown month or day. */
export function formatDate(date: CivilDate): string {
  return `${date.year}-${two(date.month)}-${two(date.day)}`;
}

/** The MRZ form `YYMMDD` (Doc 9303 Part 3 §4.8: unknown parts would be fillers; ours are complete). */
export function mrzDate(date: CivilDate): string {
  return `${two(date.year % 100)}${two(date.month)}${two(date.day)}`;
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: CivilDate, years: number): CivilDate {
  const year = date.year + years;
  return {
    year,
    month: date.month,
    day: date.month === 2 && date.day === 29 && !isLeapYear(year) ? 28 : date.day,
  };
}

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';
const ALNUM = LETTERS + DIGITS;

/** A document number in the shape of `pattern` (`A` letter, `9` digit, `X` either, others literal). */
export function documentNumber(pattern: string, random: SeededRandom): string {
  let out = '';
  for (const ch of pattern) {
    const set = ch === 'A' ? LETTERS : ch === '9' ? DIGITS : ch === 'X' ? ALNUM : undefined;
    out += set === undefined ? ch : set.charAt(random.int(set.length));
  }
  return out;
}

/** A travel document of a generated person. */
export interface GeneratedDocument {
  /** ICAO document code: `P` passport (TD3), `I` or `ID` identity card (TD1). */
  readonly type: string;
  readonly number: string;
  /** Issuing state, alpha-3 (Germany `DEU`; the MRZ writes `D`). */
  readonly issuingState: string;
  readonly issued: CivilDate;
  readonly expiry: CivilDate;
  /** The MRZ lines, every check digit computed. */
  readonly mrz: readonly string[];
}

export interface DocumentInput {
  readonly type: string;
  readonly number: string;
  readonly issuingState: string;
  readonly nationality: string;
  readonly surname: string;
  readonly givenNames: string;
  readonly birthDate: CivilDate;
  readonly sex: 'M' | 'F' | 'X';
  readonly issued: CivilDate;
  readonly expiry: CivilDate;
}

/** Builds a document and its MRZ (ICAO Doc 9303: TD3 for passports, TD1 for identity cards). */
export function buildDocument(input: DocumentInput): GeneratedDocument {
  const { lines } = generateMrzOrThrow({
    format: input.type === 'P' ? 'TD3' : 'TD1',
    documentCode: input.type,
    issuingState: mrzStateCode(input.issuingState),
    surname: input.surname,
    givenNames: input.givenNames,
    documentNumber: input.number,
    nationality: mrzStateCode(input.nationality),
    birthDate: mrzDate(input.birthDate),
    sex: input.sex,
    expiryDate: mrzDate(input.expiry),
  });
  return {
    type: input.type,
    number: input.number,
    issuingState: input.issuingState,
    issued: input.issued,
    expiry: input.expiry,
    mrz: lines,
  };
}
