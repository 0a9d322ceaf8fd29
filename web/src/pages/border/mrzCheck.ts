import { parse, type FieldName } from 'mrz';

/** Line lengths of the machine-readable zones of travel documents (ICAO Doc 9303 Parts 4-6). */
const LAYOUTS: Readonly<Record<number, { format: 'TD1' | 'TD2' | 'TD3'; lines: number }>> = {
  30: { format: 'TD1', lines: 3 },
  36: { format: 'TD2', lines: 2 },
  44: { format: 'TD3', lines: 2 },
};

/** Characters an MRZ may hold (ICAO Doc 9303 Part 3 §4.3): capital letters, digits and the filler `<`. */
const MRZ_CHARACTERS = /^[A-Z0-9<]*$/;

/** A field of the MRZ that does not validate, with where it sits (line and columns, counted from 0). */
export interface MrzFieldError {
  field: FieldName | null;
  /** A wrong check digit, or a value that cannot be right (e.g. month 13). */
  kind: 'check-digit' | 'value';
  line: number;
  start: number;
  end: number;
}

/** What can be said about the MRZ as typed so far, without asking the server. */
export type MrzCheck =
  | { state: 'empty' }
  /** Still being typed: every line so far fits a layout. */
  | { state: 'incomplete'; lines: string[]; expectedLength: number | null; expectedLines: number | null }
  /** A character that no MRZ holds, at line and column (from 0). */
  | { state: 'bad-character'; lines: string[]; line: number; column: number; character: string }
  /** Lines of lengths that fit no layout, or too many lines. */
  | { state: 'bad-layout'; lines: string[]; line: number; length: number; expectedLength: number | null }
  /** Complete: every line has its length; `errors` lists the fields that do not validate. */
  | { state: 'complete'; lines: string[]; format: 'TD1' | 'TD2' | 'TD3'; errors: MrzFieldError[] };

/**
 * The lines of an MRZ as pasted or typed: line breaks separate lines, spaces inside a line are dropped (OCR
 * readers and copied text often add them), letters are made capitals, and empty lines are ignored.
 */
export function mrzLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, '').toUpperCase())
    .filter((line) => line !== '');
}

/**
 * Checks an MRZ while it is typed: layout and characters first, then, once every line is complete, the fields
 * and check digits (ICAO Doc 9303 Part 3 §4.9) with the `mrz` parser. The server checks again, and its
 * answer decides; this only shows the field in error before the guard asks.
 */
export function checkMrz(text: string): MrzCheck {
  const lines = mrzLines(text);
  if (lines.length === 0) {
    return { state: 'empty' };
  }
  for (const [index, line] of lines.entries()) {
    if (!MRZ_CHARACTERS.test(line)) {
      const column = [...line].findIndex((c) => !/[A-Z0-9<]/.test(c));
      return { state: 'bad-character', lines, line: index, column, character: line[column] ?? '' };
    }
  }
  const first = lines[0] ?? '';
  const layout = LAYOUTS[first.length];
  const longest = Math.max(...Object.keys(LAYOUTS).map(Number));
  if (layout === undefined) {
    // One line still being typed is fine as long as it can still become a line of some layout.
    if (lines.length === 1 && first.length < longest) {
      return { state: 'incomplete', lines, expectedLength: null, expectedLines: null };
    }
    return { state: 'bad-layout', lines, line: 0, length: first.length, expectedLength: null };
  }
  const expectedLength = Number(Object.entries(LAYOUTS).find(([, l]) => l === layout)?.[0]);
  for (const [index, line] of lines.entries()) {
    const last = index === lines.length - 1;
    if (index >= layout.lines || line.length > expectedLength || (!last && line.length < expectedLength)) {
      return { state: 'bad-layout', lines, line: index, length: line.length, expectedLength };
    }
  }
  if (lines.length < layout.lines || (lines.at(-1)?.length ?? 0) < expectedLength) {
    return { state: 'incomplete', lines, expectedLength, expectedLines: layout.lines };
  }
  let errors: MrzFieldError[];
  try {
    errors = parse(lines)
      .details.filter((d) => !d.valid)
      .map((d) => ({
        field: d.field,
        kind: d.field?.endsWith('CheckDigit') === true ? ('check-digit' as const) : ('value' as const),
        line: d.line,
        start: d.start,
        end: d.end,
      }));
  } catch {
    // The parser knows no document of this shape (e.g. an unusual document code): leave it to the server.
    errors = [];
  }
  return { state: 'complete', lines, format: layout.format, errors };
}

/** Whether Enter should run the check rather than start a new line: the MRZ has all its lines. */
export function isMrzComplete(check: MrzCheck): boolean {
  return check.state === 'complete';
}
