import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, sharedDataPath } from '../../../test/support/shared-data.ts';
import { parseLinkageConfig } from './config.ts';
import { readCsvTable } from './csv.ts';
import { identityConfig } from './default-config.ts';
import { matchesAbove, runLinkage } from './link.ts';
import { explainPair } from './model.ts';
import { buildConfig, buildTable } from './testing.ts';

describe('parseLinkageConfig', () => {
  it('reports a wrong level against the schema of its own kind, with its path', () => {
    expect(() =>
      parseLinkageConfig({
        id: 'id',
        comparisons: [{ name: 'a', column: 'a', levels: [{ kind: 'jaroWinkler', min: 2 }] }],
        blocking: [{ on: ['a'] }],
      }),
    ).toThrow('The linkage configuration is not valid: /comparisons/0/levels/0/min must be <= 1.');
  });

  it('names the level kinds when a kind is unknown', () => {
    expect(() =>
      parseLinkageConfig({
        id: 'id',
        comparisons: [{ name: 'a', column: 'a', levels: [{ kind: 'soundex' }] }],
        blocking: [{ on: ['a'] }],
      }),
    ).toThrow(/\/comparisons\/0\/levels\/0\/kind must be one of exact, transliteration, jaroWinkler/u);
  });

  it('refuses a term-frequency adjustment without an exact level', () => {
    const config = buildConfig({
      comparisons: [
        { name: 'dob', column: 'dob', termFrequency: true, levels: [{ kind: 'yearsApart', max: 1 }] },
      ],
    });
    expect(() =>
      runLinkage(config, { left: buildTable([{ id: '1', surname: 'A', given: 'B', dob: '1990' }]) }),
    ).toThrow(/term-frequency/u);
  });

  it('accepts the shipped configurations', () => {
    expect(identityConfig().comparisons.map((c) => c.name)).toContain('surname');
    const febrl = JSON.parse(
      readFileSync(path.join(repoRoot, 'examples/linkage/febrl.json'), 'utf8'),
    ) as unknown;
    expect(parseLinkageConfig(febrl).id).toBe('rec_id');
  });
});

describe('runLinkage', () => {
  it('refuses a table without a column the configuration uses, naming it', () => {
    const table = buildTable([{ id: '1', surname: 'A' }], 'people.csv');
    expect(() => runLinkage(buildConfig(), { left: table })).toThrow(/people\.csv has no column "given"/u);
  });

  it('refuses duplicate record ids', () => {
    const rows = [
      { id: '1', surname: 'A', given: 'B', dob: '1990-01-01' },
      { id: '1', surname: 'C', given: 'D', dob: '1991-01-01' },
    ];
    expect(() => runLinkage(buildConfig(), { left: buildTable(rows) })).toThrow(/appears more than once/u);
  });

  it('links a Cyrillic spelling to its Latin transliteration with the identity configuration', () => {
    const rows: Record<string, string>[] = [];
    const surnames = ['Novak', 'Horvat', 'Kovacs', 'Nagy', 'Schmidt', 'Rossi', 'Dubois', 'Jansen'];
    for (let i = 0; i < 80; i += 1) {
      rows.push({
        id: `P${String(i).padStart(2, '0')}`,
        surname: surnames[i % 8] ?? '',
        given_names: ['Ana', 'Marko', 'Peter', 'Maria', 'Luca'][i % 5] ?? '',
        birth_date: `${1940 + i}-0${(i % 9) + 1}-1${i % 10}`,
        sex: i % 2 === 0 ? 'M' : 'F',
        nationality: 'UKR',
        place_of_birth: `Town ${i % 11}`,
        document_number: `UA${1000 + i}`,
      });
    }
    const base = rows[0] ?? {};
    rows.push({
      ...base,
      id: 'X1',
      surname: 'Гагарин',
      given_names: 'Юрий',
      birth_date: '1934-03-09',
    });
    rows.push({
      ...base,
      id: 'X2',
      surname: 'GAGARIN',
      given_names: 'IURII',
      birth_date: '1934-03-00',
    });
    const run = runLinkage(identityConfig(), { left: buildTable(rows) });
    const matched = matchesAbove(run, 0.5).map((p) => [run.left[p.left]?.id, run.right[p.right]?.id]);
    expect(matched).toContainEqual(['X1', 'X2']);
    const x1 = run.left.find((r) => r.id === 'X1');
    const x2 = run.left.find((r) => r.id === 'X2');
    if (x1 === undefined || x2 === undefined) {
      throw new Error('records missing');
    }
    const levels = explainPair(run.model, x1, x2).comparisons.map((c) => [c.comparison, c.level]);
    expect(levels).toContainEqual(['surname', 'transliteration-equal']);
    expect(levels).toContainEqual(['given_names', 'transliteration-equal']);
    expect(levels).toContainEqual(['birth_date', 'agrees where both parts are known']);
  });

  it('links FEBRL4 (4a × 4b) with F1 above 0.999 at the default threshold', () => {
    const config = parseLinkageConfig(
      JSON.parse(readFileSync(path.join(repoRoot, 'examples/linkage/febrl.json'), 'utf8')) as unknown,
    );
    const left = readCsvTable(sharedDataPath('febrl', 'dataset4a.csv'));
    const right = readCsvTable(sharedDataPath('febrl', 'dataset4b.csv'));
    const run = runLinkage(config, { left, right });
    const matches = matchesAbove(run, run.model.threshold);
    const entity = (id: string | undefined) => id?.split('-')[1];
    const tp = matches.filter((m) => entity(run.left[m.left]?.id) === entity(run.right[m.right]?.id)).length;
    const precision = tp / matches.length;
    const recall = tp / 5000;
    expect((2 * precision * recall) / (precision + recall)).toBeGreaterThan(0.999);
  });
});
