import { MRZ_ERRORS } from './errors.ts';
import {
  checkCheckDigit,
  checkDate,
  checkDocumentCode,
  checkDocumentNumber,
  checkOptionalData,
  checkSex,
  checkStateCode,
  stripFillers,
  type FieldVerdict,
} from './fields.ts';
import { detectLayout, slice, type Layout } from './layouts.ts';
import { parseNameField } from './names.ts';
import { toMrzLines } from './normalise.ts';
import { ALL_MRZ_PROFILES, profileApplies } from './profiles.ts';
import type {
  MrzDeviation,
  MrzFieldDetail,
  MrzFieldName,
  MrzParseOptions,
  MrzParseResult,
  MrzProfileId,
} from './types.ts';

/**
 * Parses and validates a machine-readable zone (ICAO Doc 9303: TD1, TD2, TD3, MRV-A, MRV-B). Never throws:
 * any input, however malformed, comes back as a result with `valid: false` and per-field details or a
 * document-level issue saying what to fix.
 *
 * @example
 * parseMrz('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10')
 * // { format: 'TD3', valid: true, surname: 'ERIKSSON', givenNames: 'ANNA MARIA', ... }
 */
export function parseMrz(input: string | readonly string[], options: MrzParseOptions = {}): MrzParseResult {
  try {
    const lines = toMrzLines(input);
    const layout = detectLayout(lines);
    if (layout === undefined) {
      return unreadable(lines);
    }
    return parseLayout(lines, layout, new Set(options.profiles ?? ALL_MRZ_PROFILES));
  } catch (err) {
    // Defensive: a parser bug must still answer "invalid" rather than crash a caller reading untrusted input.
    return {
      ...unreadable([]),
      issues: [{ code: 'IDENTITY_MRZ_INTERNAL', message: `the MRZ could not be parsed: ${String(err)}` }],
    };
  }
}

const EMPTY = {
  documentCode: '',
  issuingState: '',
  documentNumber: '',
  surname: '',
  givenNames: '',
  nameTruncated: false,
  nationality: '',
  birthDate: '',
  expiryDate: '',
  sex: '',
  optionalData: '',
  optionalData2: '',
} as const;

function unreadable(lines: readonly string[]): MrzParseResult {
  const shape =
    lines.length === 0
      ? 'no MRZ lines'
      : `${lines.length} line${lines.length > 1 ? 's' : ''} of ${[...new Set(lines.map((l) => l.length))].join('/')} characters`;
  return {
    format: null,
    valid: false,
    lines: [...lines],
    ...EMPTY,
    details: {},
    issues: [
      {
        code: MRZ_ERRORS.badLength,
        message:
          `got ${shape}; an MRZ is 3 lines of 30 (TD1), 2 lines of 36 (TD2, MRV-B) or 2 lines of 44 ` +
          '(TD3, MRV-A): check that no line is cut or joined',
      },
    ],
    deviations: [],
  };
}

interface Reading {
  readonly detail: MrzFieldDetail;
  readonly raw: string;
}

function parseLayout(
  lines: readonly string[],
  layout: Layout,
  profiles: ReadonlySet<MrzProfileId>,
): MrzParseResult {
  const raw = {} as Partial<Record<MrzFieldName, { text: string; line: number; column: number }>>;
  for (const spec of layout.fields) {
    raw[spec.name] = { text: slice(lines, spec), line: spec.line + 1, column: spec.start + 1 };
  }
  const text = (name: MrzFieldName): string => raw[name]?.text ?? '';
  const details: Partial<Record<MrzFieldName, MrzFieldDetail>> = {};
  const put = (name: MrzFieldName, verdict: FieldVerdict, override?: Partial<Reading['detail']>): void => {
    const at = raw[name];
    details[name] = {
      valid: verdict.valid,
      message: verdict.message,
      raw: at?.text ?? '',
      line: at?.line ?? 0,
      column: at?.column ?? 0,
      ...(verdict.profile === undefined ? {} : { profile: verdict.profile }),
      ...override,
    };
  };

  const issuingState = stripFillers(text('issuingState'));
  put('documentCode', checkDocumentCode(text('documentCode'), layout.format));
  put('issuingState', stateVerdict(text('issuingState'), 'issuing state', profiles));
  put('nationality', stateVerdict(text('nationality'), 'nationality', profiles));

  const name = parseNameField(text('name'));
  put('name', { valid: name.valid, message: name.message });

  const number = readDocumentNumber(layout, text, issuingState, profiles);
  put('documentNumber', number.numberVerdict, { raw: number.raw });
  put('documentNumberCheckDigit', number.checkVerdict, number.checkAt ?? {});

  const fillerProfile = profiles.has('filler-check-digit') ? ('filler-check-digit' as const) : undefined;
  put('birthDate', checkDate(text('birthDate'), 'date of birth', true));
  put(
    'birthDateCheckDigit',
    checkCheckDigit(text('birthDate'), text('birthDateCheckDigit'), 'the date of birth', {
      ...(fillerProfile ? { fillerWhenEmpty: fillerProfile } : {}),
    }),
  );
  put('sex', checkSex(text('sex'), profiles));
  put('expiryDate', checkDate(text('expiryDate'), 'date of expiry', false));
  put(
    'expiryDateCheckDigit',
    checkCheckDigit(text('expiryDate'), text('expiryDateCheckDigit'), 'the date of expiry'),
  );
  put('optionalData', checkOptionalData(number.optionalRaw ?? text('optionalData'), 'optional data'));
  if (raw.optionalDataCheckDigit) {
    // Doc 9303 Part 4, 4.2.2 (note to positions 29–43): with an empty personal number the check digit is 0 or <.
    put(
      'optionalDataCheckDigit',
      checkCheckDigit(text('optionalData'), text('optionalDataCheckDigit'), 'the personal number', {
        fillerWhenEmpty: 'icao',
      }),
    );
  }
  if (raw.optionalData2) {
    put('optionalData2', checkOptionalData(text('optionalData2'), 'optional data (line 2)'));
  }
  if (layout.composite.length > 0) {
    const data = layout.composite.map((s) => (lines[s.line] ?? '').slice(s.start, s.end)).join('');
    put(
      'compositeCheckDigit',
      checkCheckDigit(data, text('compositeCheckDigit'), 'the composite (upper and middle data)'),
    );
  }

  const deviations: MrzDeviation[] = [];
  for (const [field, detail] of Object.entries(details) as [MrzFieldName, MrzFieldDetail][]) {
    if (detail.profile !== undefined) {
      deviations.push({ profile: detail.profile, field, message: detail.message });
    }
  }
  const sexRaw = text('sex');
  return {
    format: layout.format,
    valid: Object.values(details).every((d) => d.valid),
    lines: [...lines],
    documentCode: stripFillers(text('documentCode')),
    issuingState,
    documentNumber: number.value,
    surname: name.surname,
    givenNames: name.givenNames,
    nameTruncated: name.truncated,
    nationality: stripFillers(text('nationality')),
    birthDate: text('birthDate'),
    expiryDate: text('expiryDate'),
    sex: sexRaw === '<' ? 'X' : sexRaw,
    optionalData: stripFillers(number.optionalRaw ?? text('optionalData')),
    optionalData2: stripFillers(text('optionalData2')),
    details,
    issues: [],
    deviations,
  };
}

function stateVerdict(raw: string, label: string, profiles: ReadonlySet<MrzProfileId>): FieldVerdict {
  const verdict = checkStateCode(raw, label);
  if (verdict.valid && stripFillers(raw) === 'D' && profiles.has('germany-d')) {
    return { valid: true, message: `${label} D is Germany (ISO 3166-1 alpha-3 DEU)`, profile: 'germany-d' };
  }
  return verdict;
}

interface DocumentNumberReading {
  readonly value: string;
  readonly raw: string;
  readonly numberVerdict: FieldVerdict;
  readonly checkVerdict: FieldVerdict;
  /** Where the check digit was read when it sits in the optional data (long document number). */
  readonly checkAt?: { raw: string; line: number; column: number };
  /** What remains of the optional data after a long document number's continuation. */
  readonly optionalRaw?: string;
}

/**
 * Reads the document number, following the long-number rule of Doc 9303 Part 5 (note to 4.2.2) and Part 6:
 * a number of more than 9 characters puts its first 9 in the number field, a `<` in the check digit
 * position, and continues in the optional data, followed by its check digit and a filler.
 */
function readDocumentNumber(
  layout: Layout,
  text: (name: MrzFieldName) => string,
  issuingState: string,
  profiles: ReadonlySet<MrzProfileId>,
): DocumentNumberReading {
  const head = text('documentNumber');
  const printedCheck = text('documentNumberCheckDigit');
  const optional = text('optionalData');
  const run = optional.split('<')[0] ?? '';
  if (layout.longDocumentNumber && printedCheck === '<' && run.length >= 2) {
    const continuation = run.slice(0, -1);
    const check = run.slice(-1);
    const value = head + continuation;
    const optionalSpec = layout.fields.find((s) => s.name === 'optionalData');
    const checkAt = {
      raw: check,
      line: (optionalSpec?.line ?? 0) + 1,
      column: (optionalSpec?.start ?? 0) + run.length,
    };
    const numberVerdict = head.includes('<')
      ? { valid: false, message: 'a long document number must fill all 9 positions before its continuation' }
      : checkDocumentNumber(value);
    let checkVerdict = checkCheckDigit(value, check, 'the document number');
    if (!checkVerdict.valid && profileApplies(profiles, 'long-number-filler-in-check', issuingState)) {
      const withFiller = checkCheckDigit(`${head}<${continuation}`, check, 'the document number');
      if (withFiller.valid) {
        checkVerdict = {
          valid: true,
          message: 'check digit computed over the long document number with the < at position 15 included',
          profile: 'long-number-filler-in-check',
        };
      }
    }
    return {
      value,
      raw: `${head}<${run}`,
      numberVerdict,
      checkVerdict,
      checkAt,
      optionalRaw: optional.slice(run.length),
    };
  }
  const checkVerdict =
    printedCheck === '<' && layout.longDocumentNumber
      ? {
          valid: false,
          message:
            'check digit for the document number is <, which means a long number continued in the optional data, ' +
            'but the optional data does not continue it: re-read both',
        }
      : checkCheckDigit(head, printedCheck, 'the document number');
  return { value: stripFillers(head), raw: head, numberVerdict: checkDocumentNumber(head), checkVerdict };
}
