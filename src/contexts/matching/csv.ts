import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { invalid } from '../../platform/errors.ts';
import { MATCHING_ERRORS } from './errors.ts';
import type { Table } from './link.ts';

/**
 * Parses CSV text with a header row into a {@link Table}. Spaces after the commas are skipped and values
 * are trimmed (some published data sets write `a, b, c`); a byte-order mark is ignored.
 *
 * @throws AppError `MATCHING_BAD_CSV` when the text is not CSV with a header and rows of equal width
 */
export function parseCsvTable(text: string, name: string): Table {
  let records: string[][];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: false });
  } catch (err) {
    throw invalid(
      MATCHING_ERRORS.badCsv,
      `${name} is not readable CSV: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const [header, ...body] = records;
  if (header === undefined) {
    throw invalid(MATCHING_ERRORS.emptyInput, `${name} is empty; it needs a header row and records.`);
  }
  const rows = body.map((values) => {
    const row: Record<string, string> = {};
    header.forEach((column, i) => {
      row[column] = values[i] ?? '';
    });
    return row;
  });
  return { name, columns: header, rows };
}

/** Reads a CSV file into a {@link Table} (see {@link parseCsvTable}). */
export function readCsvTable(path: string): Table {
  return parseCsvTable(readFileSync(path, 'utf8'), path);
}
