import { invalid } from '../../../platform/errors.ts';
import { computeCheckDigit } from './check-digit.ts';
import { MRZ_ERRORS } from './errors.ts';
import { checkDate, checkDocumentCode, checkStateCode } from './fields.ts';
import { LAYOUTS, type Layout } from './layouts.ts';
import type { MrzFieldName, MrzFormat } from './types.ts';

/** The data printed in an MRZ. Letters may be given in lower case; spaces stand for fillers. */
export interface MrzDocumentData {
  readonly format: MrzFormat;
  /** One or two letters: P… for passports (TD3), A/C/I… for cards (TD1, TD2), V… for visas. */
  readonly documentCode: string;
  /** Doc 9303 Part 3 code, e.g. `FRA` or `D`. */
  readonly issuingState: string;
  /** Primary identifier, already transliterated to A–Z (spaces, hyphens and apostrophes are allowed). */
  readonly surname: string;
  /** Secondary identifiers, transliterated; may be empty. */
  readonly givenNames?: string;
  /** Up to 9 characters; TD1 up to 22 and TD2 up to 14 using the long-number rule. */
  readonly documentNumber: string;
  readonly nationality: string;
  /** YYMMDD; unknown parts may be `<<`. */
  readonly birthDate: string;
  /** `M`, `F`, or `X`/`<` for unspecified (printed as `<`). */
  readonly sex: string;
  /** YYMMDD. */
  readonly expiryDate: string;
  /** Optional data (TD1 line 1, TD2, visas) or personal number (TD3). */
  readonly optionalData?: string;
  /** TD1 line 2 optional data. */
  readonly optionalData2?: string;
}

export interface MrzGenerateError {
  readonly field: MrzFieldName | 'format';
  readonly code: string;
  readonly message: string;
}

export type MrzGenerateResult =
  | {
      readonly ok: true;
      readonly format: MrzFormat;
      readonly lines: readonly string[];
      readonly nameTruncated: boolean;
    }
  | { readonly ok: false; readonly errors: readonly MrzGenerateError[] };

const pad = (s: string, length: number): string => s.padEnd(length, '<').slice(0, length);
const cd = (s: string): string => String(computeCheckDigit(s) ?? '<');
const asText = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Spaces become fillers; the result must then be only A–Z, 0–9 and `<`. Leading spaces are kept where
 * they carry position (optional data may start with a filler).
 */
function toMrzChars(value: string, keepLeading = false): string {
  return (keepLeading ? value.trimEnd() : value.trim()).toUpperCase().replace(/\s+/g, '<');
}

/**
 * Encodes a name (Doc 9303 Part 3, 4.6): spaces and hyphens become `<`, apostrophes are dropped, surname
 * and given names are joined by `<<`, and a name too long for the field is cut at the end of the field,
 * which shortens the given names first (4.6.5).
 */
function encodeName(
  surname: string,
  givenNames: string,
  length: number,
): { text: string; truncated: boolean } | string {
  const part = (s: string): string =>
    s
      .trim()
      .toUpperCase()
      .replace(/['’]/g, '')
      .replace(/[\s-]+/g, '<');
  const primary = part(surname);
  const secondary = part(givenNames);
  const bad = [...new Set((primary + secondary).replace(/[A-Z<]/g, ''))];
  if (bad.length > 0) {
    return `name holds ${bad.map((c) => JSON.stringify(c)).join(', ')}: transliterate it to A–Z first (Doc 9303 Part 3, section 6)`;
  }
  if (primary === '' && secondary === '') {
    return 'a surname or given name is required';
  }
  const full = secondary === '' ? primary : `${primary}<<${secondary}`;
  if (full.length <= length) {
    return { text: pad(full, length), truncated: false };
  }
  return { text: full.slice(0, length), truncated: true };
}

/**
 * Builds the MRZ lines of a document, computing every check digit. Validates the input and returns every
 * problem found rather than throwing.
 *
 * @example
 * generateMrz({ format: 'TD3', documentCode: 'P', issuingState: 'UTO', surname: 'Eriksson',
 *   givenNames: 'Anna Maria', documentNumber: 'L898902C3', nationality: 'UTO', birthDate: '740812',
 *   sex: 'F', expiryDate: '120415', optionalData: 'ZE184226B' })
 * // { ok: true, format: 'TD3', lines: ['P<UTOERIKSSON<<ANNA<MARIA<<<…', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'] }
 */
export function generateMrz(data: MrzDocumentData): MrzGenerateResult {
  const errors: MrzGenerateError[] = [];
  const layout = (LAYOUTS as Partial<Record<string, Layout>>)[
    asText(data.format).toUpperCase().replace('-', '')
  ];
  if (layout === undefined) {
    return {
      ok: false,
      errors: [
        {
          field: 'format',
          code: MRZ_ERRORS.unknownFormat,
          message: `format must be one of TD1, TD2, TD3, MRVA, MRVB (got ${JSON.stringify(data.format)})`,
        },
      ],
    };
  }
  const error = (field: MrzFieldName, code: string, message: string): void => {
    errors.push({ field, code, message });
  };
  const length = (name: MrzFieldName): number => layout.fields.find((s) => s.name === name)?.length ?? 0;

  const documentCode = pad(toMrzChars(asText(data.documentCode)), 2);
  const codeVerdict = checkDocumentCode(documentCode, layout.format);
  if (
    asText(data.documentCode).trim().length === 0 ||
    asText(data.documentCode).trim().length > 2 ||
    !codeVerdict.valid
  ) {
    error(
      'documentCode',
      MRZ_ERRORS.invalidField,
      codeVerdict.valid ? 'document code is one or two letters' : codeVerdict.message,
    );
  }
  const state = (name: 'issuingState' | 'nationality', label: string): string => {
    const value = toMrzChars(asText(data[name]));
    const verdict = checkStateCode(pad(value, 3), label);
    if (value.length === 0 || value.length > 3 || !verdict.valid) {
      error(
        name,
        MRZ_ERRORS.invalidField,
        verdict.valid ? `${label} is a code of 1 to 3 letters` : verdict.message,
      );
    }
    return pad(value, 3);
  };
  const issuingState = state('issuingState', 'issuing state');
  const nationality = state('nationality', 'nationality');

  const name = encodeName(asText(data.surname), asText(data.givenNames), length('name'));
  if (typeof name === 'string') {
    error(
      'name',
      name.startsWith('name holds') ? MRZ_ERRORS.untransliterated : MRZ_ERRORS.invalidField,
      name,
    );
  }

  const birthDate = toMrzChars(asText(data.birthDate));
  const birthVerdict = checkDate(birthDate, 'date of birth', true);
  if (!birthVerdict.valid) {
    error('birthDate', MRZ_ERRORS.invalidField, birthVerdict.message);
  }
  const expiryDate = toMrzChars(asText(data.expiryDate));
  const expiryVerdict = checkDate(expiryDate, 'date of expiry', false);
  if (!expiryVerdict.valid) {
    error('expiryDate', MRZ_ERRORS.invalidField, expiryVerdict.message);
  }
  const sexInput = toMrzChars(asText(data.sex));
  const sex = sexInput === 'X' || sexInput === '' ? '<' : sexInput;
  if (!['M', 'F', '<'].includes(sex)) {
    error(
      'sex',
      MRZ_ERRORS.invalidField,
      `sex must be M, F or X (unspecified), got ${JSON.stringify(data.sex)}`,
    );
  }

  const number = toMrzChars(asText(data.documentNumber));
  const optional = toMrzChars(asText(data.optionalData ?? ''), true);
  const optionalLength = length('optionalData');
  if (!/^[A-Z0-9]+$/.test(number)) {
    error(
      'documentNumber',
      MRZ_ERRORS.invalidField,
      'document number must be letters A–Z and digits, without spaces',
    );
  }
  // Doc 9303 Part 5 (note to 4.2.2) and Part 6: the part beyond 9 characters goes into the optional data,
  // followed by the check digit and a filler, with < in the check digit position.
  let numberField = pad(number, 9);
  let numberCheck = cd(numberField);
  let optionalField = optional;
  if (number.length > 9) {
    const continuation = `${number.slice(9)}${cd(number)}`;
    if (!layout.longDocumentNumber || continuation.length > optionalLength) {
      error(
        'documentNumber',
        MRZ_ERRORS.tooLong,
        layout.longDocumentNumber
          ? `document number has ${number.length} characters; ${layout.format} holds at most ${9 + optionalLength - 1}`
          : `document number has ${number.length} characters; ${layout.format} holds 9`,
      );
    }
    numberField = number.slice(0, 9);
    numberCheck = '<';
    optionalField = optional === '' ? continuation : `${continuation}<${optional}`;
  }
  if (!/^[A-Z0-9<]*$/.test(optional)) {
    error('optionalData', MRZ_ERRORS.invalidField, 'optional data must be letters A–Z, digits and spaces');
  } else if (optionalField.length > optionalLength) {
    error(
      'optionalData',
      MRZ_ERRORS.tooLong,
      `optional data needs ${optionalField.length} positions; ${layout.format} has ${optionalLength}${number.length > 9 ? ' after the long document number' : ''}`,
    );
  }
  const optional2 = toMrzChars(asText(data.optionalData2 ?? ''), true);
  if (optional2 !== '' && layout.format !== 'TD1') {
    error('optionalData2', MRZ_ERRORS.invalidField, 'a second optional data field exists only in TD1');
  } else if (!/^[A-Z0-9<]*$/.test(optional2) || optional2.length > 11) {
    error(
      'optionalData2',
      MRZ_ERRORS.invalidField,
      'TD1 line 2 optional data is at most 11 letters, digits and spaces',
    );
  }
  if (errors.length > 0 || typeof name === 'string') {
    return { ok: false, errors };
  }

  const dates = `${birthDate}${cd(birthDate)}${sex}${expiryDate}${cd(expiryDate)}`;
  const line2Start = `${numberField}${numberCheck}${nationality}${dates}`;
  const lines = assemble(layout, {
    documentCode,
    issuingState,
    name: name.text,
    numberField,
    numberCheck,
    optional: pad(optionalField, optionalLength),
    optional2: pad(optional2, 11),
    nationality,
    dates,
    line2Start,
  });
  return { ok: true, format: layout.format, lines, nameTruncated: name.truncated };
}

interface Parts {
  documentCode: string;
  issuingState: string;
  name: string;
  numberField: string;
  numberCheck: string;
  optional: string;
  optional2: string;
  nationality: string;
  dates: string;
  line2Start: string;
}

function assemble(layout: Layout, p: Parts): string[] {
  const header = `${p.documentCode}${p.issuingState}${p.name}`;
  switch (layout.format) {
    case 'TD1': {
      const line1 = `${p.documentCode}${p.issuingState}${p.numberField}${p.numberCheck}${p.optional}`;
      const line2 = `${p.dates}${p.nationality}${p.optional2}`;
      // Doc 9303 Part 5, 4.2.4: composite over line 1 positions 6–30 and line 2 positions 1–7, 9–15, 19–29.
      const composite = cd(line1.slice(5) + line2.slice(0, 7) + line2.slice(8, 15) + line2.slice(18, 29));
      return [line1, `${line2}${composite}`, p.name];
    }
    case 'TD2': {
      const body = `${p.line2Start}${p.optional}`;
      return [header, `${body}${cd(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 35))}`];
    }
    case 'TD3': {
      // Doc 9303 Part 4, 4.2.2: an empty personal number takes < as its check digit (0 is equally allowed).
      const personalCheck = /^<*$/.test(p.optional) ? '<' : cd(p.optional);
      const body = `${p.line2Start}${p.optional}${personalCheck}`;
      return [header, `${body}${cd(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43))}`];
    }
    case 'MRVA':
    case 'MRVB':
      return [header, `${p.line2Start}${p.optional}`];
  }
}

/**
 * Like {@link generateMrz}, but throws an `Invalid` AppError carrying the first problem's code (and all
 * problems in its details), for callers that treat bad data as an error.
 */
export function generateMrzOrThrow(data: MrzDocumentData): { format: MrzFormat; lines: readonly string[] } {
  const result = generateMrz(data);
  if (!result.ok) {
    const first = result.errors[0]!;
    throw invalid(first.code, result.errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      errors: result.errors,
    });
  }
  return { format: result.format, lines: result.lines };
}
