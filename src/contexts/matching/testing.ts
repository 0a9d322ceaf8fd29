import { parseLinkageConfig, type LinkageConfig } from './config.ts';
import type { Table } from './link.ts';

/**
 * Builders for the matching tests: a small people configuration and tables made from plain rows, with
 * defaults, so that each test states only what it is about.
 */
export function buildConfig(overrides: Partial<LinkageConfig> = {}): LinkageConfig {
  return parseLinkageConfig({
    id: 'id',
    columns: { surname: 'name', given: 'name', dob: 'date' },
    comparisons: [
      {
        name: 'surname',
        column: 'surname',
        termFrequency: true,
        levels: [{ kind: 'exact' }, { kind: 'jaroWinkler', min: 0.92 }],
      },
      {
        name: 'given',
        column: 'given',
        levels: [
          { kind: 'exact' },
          { kind: 'swapped', column: 'surname' },
          { kind: 'jaroWinkler', min: 0.92 },
        ],
      },
      { name: 'dob', column: 'dob', levels: [{ kind: 'exact' }, { kind: 'damerauLevenshtein', max: 1 }] },
    ],
    blocking: [
      { name: 'surname', on: ['surname'] },
      { name: 'dob', on: ['dob'] },
      { name: 'swapped', on: ['surname', 'given'], against: ['given', 'surname'] },
    ],
    training: { randomPairs: 5000, seed: 1 },
    ...overrides,
  });
}

/** A table from rows; the columns are the keys of the first row. */
export function buildTable(rows: Record<string, string>[], name = 'table.csv'): Table {
  return { name, columns: Object.keys(rows[0] ?? {}), rows };
}
