import { generateMrzOrThrow } from '../mrz/index.ts';
import { mrzStateCode } from './nationalities.ts';
import type { SeededRandom } from './random.ts';

/** A calendar date; `0` in month or day means unknown (as in identity data with partial dates). */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's days_from_civil). */
export function daysFromCivil({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day count since 1970-01-01 (Howard Hinnant's civil_from_days). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

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
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return { year, month: date.month, day: date.month === 2 && date.day === 29 && !leap ? 28 : date.day };
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
