import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/shared-data.ts';
import { EXIT } from '../support.ts';

const bin = path.join(repoRoot, 'bin', 'interlink.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-linkage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });

const SURNAMES = [
  'Novak',
  'Horvat',
  'Kovacs',
  'Nagy',
  'Schmidt',
  'Rossi',
  'Dubois',
  'Jansen',
  'Silva',
  'Berg',
];
const GIVEN = ['Ana', 'Marko', 'Peter', 'Maria', 'Luca', 'Sofia', 'Jan', 'Eva', 'Ivan', 'Lena'];
const HEADER = 'id,surname,given_names,birth_date,sex,nationality,place_of_birth,document_number';

/** Sixty distinct persons, then three duplicates: a typo, a Cyrillic spelling, swapped names. */
function identityCsv(): string {
  const rows = [HEADER];
  for (let i = 0; i < 60; i += 1) {
    const surname = SURNAMES[i % 10] ?? '';
    const given = GIVEN[(i * 3 + Math.floor(i / 10)) % 10] ?? '';
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    rows.push(
      `P${i},${surname},${given},${1950 + i}-${month}-${day},${i % 2 ? 'F' : 'M'},HRV;SVN,Zagreb ${i % 7},D${100000 + i * 7919}`,
    );
  }
  rows.push(`D1,Novka,Ana,1950-01-01,M,HRV;SVN,Zagreb 0,D100000`);
  rows.push(`D2,Хорват,Марко,1951-02-02,F,HRV,Zagreb 1,`);
  rows.push(`D3,Peter,Kovacs,1952-03-03,M,SVN,Zagreb 2,D115838`);
  return `${rows.join('\n')}\n`;
}

describe('interlink dedupe', () => {
  const input = path.join(dir, 'identities.csv');
  writeFileSync(input, identityCsv());

  it('writes the duplicate pairs with the identity configuration when no configuration is given', () => {
    const res = run(['dedupe', '--input', input, '--out', 'pairs.csv']);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(EXIT.ok);
    const summary = JSON.parse(res.stdout) as { matches: number; out: string };
    const lines = readFileSync(path.join(dir, 'pairs.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('left_id,right_id,probability');
    const pairs = lines.slice(1).map((l) => l.split(',').slice(0, 2).sort().join(' '));
    expect(pairs.sort()).toEqual(['D1 P0', 'D2 P1', 'D3 P2']);
    expect(summary.matches).toBe(3);
  });

  it('adds each comparison level and weight with --explain, and honours --threshold', () => {
    const res = run(['dedupe', '--input', input, '--explain', '--threshold', '0.999999999']);
    expect(res.status).toBe(EXIT.ok);
    const [header, ...rows] = res.stdout.trim().split('\n');
    expect(header).toContain('match_weight,scored_by,prior_weight,surname_level,surname_weight');
    for (const row of rows) {
      expect(Number(row.split(',')[2])).toBeGreaterThanOrEqual(0.999999);
      // The identity configuration scores pairs that agree on names (or birth date...) within their block.
      expect(['names', 'swapped names', 'family', 'family by sound', 'birth date', 'population']).toContain(
        row.split(',')[4],
      );
    }
    expect(rows.length).toBeLessThan(3);
  });

  it('writes persons with --clusters, duplicates sharing the person id', () => {
    const res = run(['dedupe', '--input', input, '--out', 'p.csv', '--clusters', 'persons.csv']);
    expect(res.status).toBe(EXIT.ok);
    const persons = new Map(
      readFileSync(path.join(dir, 'persons.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',') as [string, string]),
    );
    expect(persons.get('D2')).toBe(persons.get('P1'));
    expect(persons.get('P3')).toBe('P3');
  });

  it('fails with a data error naming the missing column', () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'id,surname\n1,Novak\n2,Horvat\n');
    const res = run(['dedupe', '--input', bad]);
    expect(res.status).toBe(EXIT.dataError);
    expect(res.stderr).toContain('given_names');
    expect(res.stderr).not.toContain('    at ');
  });

  it('fails with a usage error when the input file does not exist', () => {
    const res = run(['dedupe', '--input', 'nowhere.csv']);
    expect(res.status).toBe(EXIT.usage);
    expect(res.stderr).toContain('nowhere.csv');
  });

  it('fails with a data error listing what is wrong in a bad configuration', () => {
    const config = path.join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ id: 'id', comparisons: [], blocking: [{ on: ['x'] }] }));
    const res = run(['dedupe', '--input', input, '--config', config]);
    expect(res.status).toBe(EXIT.dataError);
    expect(res.stderr).toContain('/comparisons');
    expect(res.stderr).not.toContain('    at ');
  });

  it('reports the blocks a rule did not expand because they were over its maxBlockSize', () => {
    const config = path.join(dir, 'capped.json');
    writeFileSync(
      config,
      JSON.stringify({
        id: 'id',
        columns: { birth_date: 'date', surname: 'name' },
        comparisons: [{ name: 'surname', column: 'surname', levels: [{ kind: 'exact' }] }],
        // A block per birth decade: ten people in each, thirteen in the 1950s (with D1–D3), over the cap.
        blocking: [
          {
            name: 'birth decade',
            on: [{ column: 'birth_date', transform: 'prefix', length: 3 }],
            maxBlockSize: 12,
          },
        ],
        training: { randomPairs: 1000, seed: 1 },
      }),
    );
    const res = run(['dedupe', '--input', input, '--config', config, '--out', 'capped.csv']);
    expect(res.status).toBe(EXIT.ok);
    const summary = JSON.parse(res.stdout) as { skippedBlocks?: unknown; candidatePairs: number };
    expect(summary.skippedBlocks).toEqual([{ rule: 'birth decade', blocks: 1, records: 13, largest: 13 }]);
    expect(summary.candidatePairs).toBe(5 * 45);
  });

  it('refuses a threshold outside 0..1', () => {
    const res = run(['dedupe', '--input', input, '--threshold', '2']);
    expect(res.status).toBe(EXIT.usage);
    expect(res.stderr).toContain('--threshold');
  });
});

describe('interlink link', () => {
  it('links two files with a given configuration', () => {
    const left = path.join(dir, 'a.csv');
    const right = path.join(dir, 'b.csv');
    const csv = identityCsv().trim().split('\n');
    writeFileSync(left, `${csv.slice(0, 61).join('\n')}\n`);
    writeFileSync(right, `${[HEADER, ...csv.slice(61)].join('\n')}\n`);
    const res = run(['link', '--left', left, '--right', right, '--out', 'linked.csv']);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(EXIT.ok);
    const lines = readFileSync(path.join(dir, 'linked.csv'), 'utf8').trim().split('\n').slice(1);
    expect(lines.map((l) => l.split(',').slice(0, 2).join(' ')).sort()).toEqual(['P0 D1', 'P1 D2', 'P2 D3']);
  });
});
