import { stringify } from 'csv-stringify/browser/esm/sync';

/** A cell of an exported table: what the column shows, as text or a number; nothing is an empty cell. */
export type CsvCell = string | number | null | undefined;

/**
 * A table as CSV (RFC 4180: comma separated, quoted where needed, CRLF line ends) with a header row. A text
 * cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return, or their full-width forms) is prefixed with `'` so that it is shown, never run (OWASP "CSV
 * injection"): the log holds what users typed.
 */
export function buildCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return stringify(
    rows.map((row) => row.map((cell) => cell ?? '')),
    {
      header: true,
      columns: header.map((name, i) => ({ key: String(i), header: name })),
      escape_formulas: true,
      record_delimiter: '\r\n',
    },
  );
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
