import type { MrzFieldName, MrzFormat } from './types.ts';

/** How the characters of a field are read (and, for repair, which OCR substitutions make sense). */
export type FieldKind = 'alpha' | 'numeric' | 'mixed' | 'name' | 'sex';

/** Where a field sits: 0-based line, 0-based start and length. */
export interface FieldSpec {
  readonly name: MrzFieldName;
  readonly line: number;
  readonly start: number;
  readonly length: number;
  readonly kind: FieldKind;
}

/** A span of one line, used to assemble the composite check digit input. */
export interface Span {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export interface Layout {
  readonly format: MrzFormat;
  readonly lineCount: number;
  readonly lineLength: number;
  readonly fields: readonly FieldSpec[];
  /** Spans covered by the composite check digit; empty for visas, which have none (Doc 9303 Part 7). */
  readonly composite: readonly Span[];
  /** True when a document number longer than 9 characters may continue in the optional data. */
  readonly longDocumentNumber: boolean;
}

const f = (name: MrzFieldName, line: number, start: number, length: number, kind: FieldKind): FieldSpec => ({
  name,
  line,
  start,
  length,
  kind,
});

/** Line 2 of TD2, TD3 and both visas starts the same way (Doc 9303 Parts 4, 6 and 7). */
const commonLine2 = (): FieldSpec[] => [
  f('documentNumber', 1, 0, 9, 'mixed'),
  f('documentNumberCheckDigit', 1, 9, 1, 'numeric'),
  f('nationality', 1, 10, 3, 'alpha'),
  f('birthDate', 1, 13, 6, 'numeric'),
  f('birthDateCheckDigit', 1, 19, 1, 'numeric'),
  f('sex', 1, 20, 1, 'sex'),
  f('expiryDate', 1, 21, 6, 'numeric'),
  f('expiryDateCheckDigit', 1, 27, 1, 'numeric'),
];

const header = (nameLength: number): FieldSpec[] => [
  f('documentCode', 0, 0, 2, 'alpha'),
  f('issuingState', 0, 2, 3, 'alpha'),
  f('name', 0, 5, nameLength, 'name'),
];

/** Doc 9303 Part 5, 4.2.2: TD1, three lines of 30. */
const TD1: Layout = {
  format: 'TD1',
  lineCount: 3,
  lineLength: 30,
  fields: [
    f('documentCode', 0, 0, 2, 'alpha'),
    f('issuingState', 0, 2, 3, 'alpha'),
    f('documentNumber', 0, 5, 9, 'mixed'),
    f('documentNumberCheckDigit', 0, 14, 1, 'numeric'),
    f('optionalData', 0, 15, 15, 'mixed'),
    f('birthDate', 1, 0, 6, 'numeric'),
    f('birthDateCheckDigit', 1, 6, 1, 'numeric'),
    f('sex', 1, 7, 1, 'sex'),
    f('expiryDate', 1, 8, 6, 'numeric'),
    f('expiryDateCheckDigit', 1, 14, 1, 'numeric'),
    f('nationality', 1, 15, 3, 'alpha'),
    f('optionalData2', 1, 18, 11, 'mixed'),
    f('compositeCheckDigit', 1, 29, 1, 'numeric'),
    f('name', 2, 0, 30, 'name'),
  ],
  composite: [
    { line: 0, start: 5, end: 30 },
    { line: 1, start: 0, end: 7 },
    { line: 1, start: 8, end: 15 },
    { line: 1, start: 18, end: 29 },
  ],
  longDocumentNumber: true,
};

/** Doc 9303 Part 6, 4.2.2: TD2, two lines of 36. */
const TD2: Layout = {
  format: 'TD2',
  lineCount: 2,
  lineLength: 36,
  fields: [
    ...header(31),
    ...commonLine2(),
    f('optionalData', 1, 28, 7, 'mixed'),
    f('compositeCheckDigit', 1, 35, 1, 'numeric'),
  ],
  composite: [
    { line: 1, start: 0, end: 10 },
    { line: 1, start: 13, end: 20 },
    { line: 1, start: 21, end: 35 },
  ],
  longDocumentNumber: true,
};

/** Doc 9303 Part 4, 4.2.2: TD3 (passport), two lines of 44. */
const TD3: Layout = {
  format: 'TD3',
  lineCount: 2,
  lineLength: 44,
  fields: [
    ...header(39),
    ...commonLine2(),
    f('optionalData', 1, 28, 14, 'mixed'),
    f('optionalDataCheckDigit', 1, 42, 1, 'numeric'),
    f('compositeCheckDigit', 1, 43, 1, 'numeric'),
  ],
  composite: [
    { line: 1, start: 0, end: 10 },
    { line: 1, start: 13, end: 20 },
    { line: 1, start: 21, end: 43 },
  ],
  longDocumentNumber: false,
};

/** Doc 9303 Part 7, 8.2: MRV-A, two lines of 44, no composite check digit. */
const MRVA: Layout = {
  format: 'MRVA',
  lineCount: 2,
  lineLength: 44,
  fields: [...header(39), ...commonLine2(), f('optionalData', 1, 28, 16, 'mixed')],
  composite: [],
  longDocumentNumber: false,
};

/** Doc 9303 Part 7, 9.2: MRV-B, two lines of 36, no composite check digit. */
const MRVB: Layout = {
  format: 'MRVB',
  lineCount: 2,
  lineLength: 36,
  fields: [...header(31), ...commonLine2(), f('optionalData', 1, 28, 8, 'mixed')],
  composite: [],
  longDocumentNumber: false,
};

export const LAYOUTS: Readonly<Record<MrzFormat, Layout>> = Object.freeze({ TD1, TD2, TD3, MRVA, MRVB });

/** Reads a field's characters from the lines (which have the layout's shape). */
export function slice(
  lines: readonly string[],
  spec: { line: number; start: number; length: number },
): string {
  return (lines[spec.line] ?? '').slice(spec.start, spec.start + spec.length);
}

/** Picks the layout that the lines have the exact shape of, or `undefined`. */
export function detectLayout(lines: readonly string[]): Layout | undefined {
  const lengths = lines.map((l) => l.length);
  const uniform = (n: number) => lengths.every((len) => len === n);
  // A visa is told from a TD3/TD2 by its document code, which starts with V (Doc 9303 Part 7, 8.2.2).
  const isVisa = (lines[0] ?? '').startsWith('V');
  if (lines.length === 3 && uniform(30)) {
    return TD1;
  }
  if (lines.length === 2 && uniform(44)) {
    return isVisa ? MRVA : TD3;
  }
  if (lines.length === 2 && uniform(36)) {
    return isVisa ? MRVB : TD2;
  }
  return undefined;
}
