import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/shared-data.ts';
import {
  IDENTITY_CSV_COLUMNS,
  generateIdentities,
  identitiesToCsv,
  parseMrz,
} from '../../contexts/identity/index.ts';

const bin = path.join(repoRoot, 'bin', 'interlink.js');
const run = (args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
const work = mkdtempSync(path.join(tmpdir(), 'interlink-generate-'));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('interlink generate identities', () => {
  it('writes the identity CSV for --count 50 --seed 1 to standard output, the same on every run', () => {
    const first = run(['generate', 'identities', '--count', '50', '--seed', '1']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe(IDENTITY_CSV_COLUMNS.join(','));
    // The columns every consumer relies on come first, in this order.
    expect(
      lines[0]?.startsWith(
        'id,surname,given_names,birth_date,sex,nationality,place_of_birth,document_number,cluster,',
      ),
    ).toBe(true);
    const second = run(['generate', 'identities', '--count', '50', '--seed', '1']);
    expect(second.stdout).toBe(first.stdout);
    // The CLI writes exactly what the library generates.
    expect(first.stdout).toBe(identitiesToCsv(generateIdentities({ count: 50, seed: '1' })));
  });

  it('writes a file with --out and reports it as JSON on standard output', () => {
    const file = path.join(work, 'ids.csv');
    const res = run([
      'generate',
      'identities',
      '--count',
      '40',
      '--seed',
      'x',
      '--variant-rate',
      '0',
      '--out',
      file,
    ]);
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ out: file, records: 40, persons: 40 });
    const rows = readFileSync(file, 'utf8').trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(40);
    const mrzColumn = IDENTITY_CSV_COLUMNS.indexOf('mrz');
    for (const row of rows) {
      const mrz = row.split(',')[mrzColumn] ?? '';
      expect(parseMrz(mrz.split(' ')).valid).toBe(true);
    }
  });

  it('writes labelled hard negatives with --hard-negatives, as the library does', () => {
    const res = run(['generate', 'identities', '--count', '60', '--seed', 'h', '--hard-negatives', '0.5']);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const expected = generateIdentities({ count: 60, seed: 'h', hardNegativeRate: 0.5 });
    expect(res.stdout).toBe(identitiesToCsv(expected));
    expect(expected.some((r) => r.relation !== null)).toBe(true);
    expect(res.stdout.split('\n')[0]?.endsWith(',relation,related_cluster')).toBe(true);
  });

  it('gives another data set for another seed', () => {
    const a = run(['generate', 'identities', '--count', '20', '--seed', '1']);
    const b = run(['generate', 'identities', '--count', '20', '--seed', '2']);
    expect(a.status).toBe(0);
    expect(b.stdout).not.toBe(a.stdout);
  });

  it.each([
    [['--count', 'many', '--seed', '1'], '--count must be a whole number'],
    [['--count', '5', '--seed', '1', '--variant-rate', '1.5'], '--variant-rate must be a number from 0 to 1'],
    [['--count', '5', '--seed', '1', '--reference-date', '2026-13-01'], 'referenceDate must be a real date'],
    [
      ['--count', '5', '--seed', '1', '--hard-negatives', '2'],
      '--hard-negatives must be a number from 0 to 1',
    ],
  ])('exits 2 with a usage message for %j', (args, message) => {
    const res = run(['generate', 'identities', ...args]);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(message);
    expect(res.stdout).toBe('');
  });

  it('exits 2 when --seed is missing', () => {
    const res = run(['generate', 'identities', '--count', '5']);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('--seed');
  });
});
