/** A cell of an exported table: what the column shows, as text or a number; nothing is an empty cell. */
export type CsvCell = string | number | null | undefined;

/** First characters that make a spreadsheet run a cell as a formula (with their full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;
const NEEDS_QUOTES = /[",\r\n]/u;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number') {
    return String(value);
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A table as CSV (RFC 4180: comma separated, quoted where needed, CRLF line ends) with a header row. A text
 * cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return, or their full-width forms) is prefixed with `'` so that it is shown, never run (OWASP "CSV
 * injection"): the log holds what users typed. Numbers are written as they are. (Written here rather than
 * with csv-stringify, whose browser build carries a Node `Buffer` polyfill of some 80 kB.)
 */
export function buildCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => `${row.map(cell).join(',')}\r\n`).join('');
}

/**
 * Saves text as a file through the browser. The UTF-8 byte order mark makes spreadsheet programs read
 * names in any script correctly.
 */
export function saveTextFile(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
