import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

import { buildCsv } from './csv.ts';

const read = (csv: string): string[][] => parse(csv, { bom: true });

describe('buildCsv', () => {
  it('writes a header row and one line per row, CRLF separated', () => {
    const csv = buildCsv(
      ['Time', 'User'],
      [
        ['2026-01-01T10:00:00Z', 'anna'],
        ['2026-01-02T10:00:00Z', 'ben'],
      ],
    );
    expect(csv).toBe('Time,User\r\n2026-01-01T10:00:00Z,anna\r\n2026-01-02T10:00:00Z,ben\r\n');
  });

  it('quotes commas, quotes and line breaks so every cell reads back as written', () => {
    const cells = ['a, b', 'say "hi"', 'two\nlines', 'plain'];
    expect(read(buildCsv(['1', '2', '3', '4'], [cells]))).toEqual([['1', '2', '3', '4'], cells]);
  });

  it.each(['=SUM(A1:A2)', '=SUM(A1,"x")', '+41 22', '-2+3', '@cmd', '\tTAB', '\uFF1D1+1'])(
    'prefixes a cell a spreadsheet would run as a formula (%j) with an apostrophe',
    (cell) => {
      const [, row] = read(buildCsv(['x'], [[cell]]));
      expect(row).toEqual([`'${cell}`]);
    },
  );

  it('leaves numbers, including negative ones, and inner formula characters alone', () => {
    const [, row] = read(buildCsv(['a', 'b', 'c'], [[-5, 'a=b', 'x@example.eu']]));
    expect(row).toEqual(['-5', 'a=b', 'x@example.eu']);
  });

  it('keeps names in any script and emoji intact', () => {
    const cells = ['Ζωή Παπαδοπούλου', 'Łukasz Żółć', 'Иван', '李小龍', 'Ödön 👮'];
    expect(read(buildCsv(['a', 'b', 'c', 'd', 'e'], [cells]))[1]).toEqual(cells);
  });

  it('writes missing values as empty cells and a header alone for no rows', () => {
    expect(buildCsv(['a', 'b'], [[null, undefined]])).toBe('a,b\r\n,\r\n');
    expect(buildCsv(['a', 'b'], [])).toBe('a,b\r\n');
  });

  it('protects header names like cells', () => {
    expect(read(buildCsv(['=evil'], []))[0]).toEqual(["'=evil"]);
  });
});
