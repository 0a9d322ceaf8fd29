import { computeCheckDigit } from './check-digit.ts';
import { isKnownStateCode } from './countries.ts';
import { describeChars } from './names.ts';
import type { MrzFormat, MrzProfileId } from './types.ts';

/** The verdict on one field. */
export interface FieldVerdict {
  readonly valid: boolean;
  readonly message: string;
  readonly profile?: MrzProfileId;
}

const OK: FieldVerdict = { valid: true, message: 'ok' };
const fail = (message: string): FieldVerdict => ({ valid: false, message });

/** Removes fillers: trailing ones are padding, inner runs separate words (shown as one space). */
export function stripFillers(raw: string): string {
  return raw
    .split('<')
    .filter((part) => part !== '')
    .join(' ');
}

function badChars(raw: string, allowed: RegExp): string[] {
  return [...new Set([...raw].filter((c) => !allowed.test(c)))];
}

/**
 * The first character of the document code names the document type (Doc 9303 Part 4, 4.2.2: P for
 * passports; Part 5 and 6: A, C or I for official travel documents; Part 7: V for visas); the second is a
 * letter chosen by the issuer, or a filler.
 */
export function checkDocumentCode(raw: string, format: MrzFormat): FieldVerdict {
  const bad = badChars(raw, /[A-Z<]/);
  if (bad.length > 0) {
    return fail(`document code holds ${describeChars(bad)}; it is one or two capital letters`);
  }
  const expected =
    format === 'TD3' ? ['P'] : format === 'MRVA' || format === 'MRVB' ? ['V'] : ['A', 'C', 'I'];
  const first = raw.charAt(0);
  if (!expected.includes(first)) {
    return fail(
      `document code starts with "${first}" but a ${format} document code starts with ${expected.join(' or ')}: check the first character of the MRZ`,
    );
  }
  if (raw.charAt(1) !== '<' && !/[A-Z]/.test(raw.charAt(1))) {
    return fail('the second character of the document code must be a letter or <');
  }
  return OK;
}

/** Issuing state and nationality: a Doc 9303 Part 3 code, left-justified and padded with fillers. */
export function checkStateCode(raw: string, label: string): FieldVerdict {
  const bad = badChars(raw, /[A-Z<]/);
  if (bad.length > 0) {
    return fail(`${label} holds ${describeChars(bad)}; it is a three-letter code such as FRA`);
  }
  if (!/^[A-Z]+<*$/.test(raw)) {
    return fail(`${label} "${raw}" is not a code left-justified and padded with <`);
  }
  const code = stripFillers(raw);
  if (!isKnownStateCode(code)) {
    return fail(
      `${label} "${code}" is not an ISO 3166-1 alpha-3 or ICAO Doc 9303 code: check the three letters`,
    );
  }
  return OK;
}

const daysInMonth = (yy: number, mm: number): number => {
  // The century is not printed: a YY divisible by 4 may be a leap year (2000 was one), so 29 Feb is allowed.
  const leap = yy % 4 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1] ?? 0;
};

/**
 * A date as YYMMDD. For the date of birth, Doc 9303 Part 3 (4.5) lets unknown parts be printed as fillers;
 * the expiry date must be complete.
 */
export function checkDate(raw: string, label: string, allowUnknownParts: boolean): FieldVerdict {
  const pattern = allowUnknownParts ? /^[0-9<]{6}$/ : /^[0-9]{6}$/;
  if (!pattern.test(raw)) {
    return fail(
      `${label} "${raw}" is not six digits (YYMMDD)${allowUnknownParts ? ' or fillers for unknown parts' : ''}`,
    );
  }
  const yy = raw.slice(0, 2);
  const mm = raw.slice(2, 4);
  const dd = raw.slice(4, 6);
  if (yy.includes('<') && yy !== '<<') {
    return fail(`${label} has a partly unknown year "${yy}"`);
  }
  if (mm !== '<<' && (mm.includes('<') || Number(mm) < 1 || Number(mm) > 12)) {
    return fail(`${label} has month "${mm}", which is not 01–12`);
  }
  if (dd !== '<<') {
    const max = mm === '<<' ? 31 : daysInMonth(yy === '<<' ? 0 : Number(yy), Number(mm));
    if (dd.includes('<') || Number(dd) < 1 || Number(dd) > max) {
      return fail(`${label} has day "${dd}", which does not exist in month ${mm}`);
    }
  }
  return raw.includes('<')
    ? { valid: true, message: `${label} is partly unknown (printed with fillers)` }
    : OK;
}

/** Doc 9303 Part 4, 4.2.2: F female, M male, `<` unspecified; `X` only under the `sex-x` profile. */
export function checkSex(raw: string, profiles: ReadonlySet<MrzProfileId>): FieldVerdict {
  if (raw === 'M' || raw === 'F' || raw === '<') {
    return OK;
  }
  if (raw === 'X' && profiles.has('sex-x')) {
    return { valid: true, message: 'X for unspecified, where ICAO prints <', profile: 'sex-x' };
  }
  return fail(
    `sex "${raw}" is not M, F or < (unspecified): re-read the character after the birth date check digit`,
  );
}

/** Document number: letters, digits and fillers, not empty. */
export function checkDocumentNumber(raw: string): FieldVerdict {
  const bad = badChars(raw, /[A-Z0-9<]/);
  if (bad.length > 0) {
    return fail(`document number holds ${describeChars(bad)}`);
  }
  if (stripFillers(raw) === '') {
    return fail('document number is empty');
  }
  return OK;
}

/** Optional data: any MRZ characters. */
export function checkOptionalData(raw: string, label: string): FieldVerdict {
  const bad = badChars(raw, /[A-Z0-9<]/);
  return bad.length > 0 ? fail(`${label} holds ${describeChars(bad)}`) : OK;
}

/** Options for one check-digit verdict. */
export interface CheckDigitRule {
  /** Accept `<` as the check digit when the data is all fillers (Doc 9303 Part 4 note on the personal number). */
  readonly fillerWhenEmpty?: 'icao' | MrzProfileId;
}

/** Compares a printed check digit with the one computed over `data`, with a message a person can act on. */
export function checkCheckDigit(
  data: string,
  printed: string,
  label: string,
  rule: CheckDigitRule = {},
): FieldVerdict {
  const expected = computeCheckDigit(data);
  if (printed === '<' && rule.fillerWhenEmpty !== undefined && /^<*$/.test(data)) {
    return rule.fillerWhenEmpty === 'icao'
      ? { valid: true, message: `${label} is empty, and its check digit is printed as <` }
      : {
          valid: true,
          message: `check digit printed as < for an empty ${label}`,
          profile: rule.fillerWhenEmpty,
        };
  }
  if (expected === undefined) {
    return fail(`no check digit can be computed for ${label}: it holds characters outside A–Z, 0–9 and <`);
  }
  if (!/^[0-9]$/.test(printed)) {
    return fail(`check digit for ${label} is "${printed}", not a digit; the data gives ${expected}`);
  }
  if (printed !== String(expected)) {
    return fail(
      `check digit for ${label} is ${printed} but the data gives ${expected}: re-read ${label} and its check digit`,
    );
  }
  return OK;
}
