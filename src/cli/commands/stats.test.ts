import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../test/support/db.ts';
import { etiasApplication } from '../../contexts/etias/index.ts';
import { createServices } from '../../services.ts';
import { formatAnswer, parseFilters } from './stats.ts';

/**
 * `interlink stats` reads the figures through the analyst's query service, with the same suppression as the
 * API: six ETIAS applications written through the service, then the CLI in its own process.
 */
let db: TestDatabase;
const env = () => ({ ...db.env, INTERLINK_DEMO: '0', INTERLINK_STATS_MIN_CELL: '3' });

beforeAll(async () => {
  db = await createTestDatabase('pglite');
  const s = await createServices(testConfig(db));
  try {
    for (let i = 0; i < 5; i += 1) {
      await s.etias.submit({}, etiasApplication({ surname: `Walker${'abcde'[i]}` }));
    }
    await s.etias.submit({}, etiasApplication({ surname: 'Moreau', nationalities: ['CAN'] }));
  } finally {
    await s.close();
  }
}, 300_000);
afterAll(async () => {
  await db.drop();
});

describe('interlink stats', () => {
  it('lists the figures with their dimensions', async () => {
    const res = await runCli(['stats', 'figures', '--json'], { env: env() });
    expect(res.code, res.stderr).toBe(0);
    const body = JSON.parse(res.stdout) as {
      figures: Array<{ code: string; dimensions: string[] }>;
      minCell: number;
    };
    expect(body.minCell).toBe(3);
    expect(body.figures.find((f) => f.code === 'etias.manual-routing')?.dimensions).toEqual([
      'source',
      'rule',
      'memberState',
    ]);
  }, 300_000);

  it('shows a figure by a dimension, suppressing the cell below the minimum, as a table and as CSV', async () => {
    const table = await runCli(['stats', 'show', 'etias.applications', '--by', 'nationality'], {
      env: env(),
    });
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^etias\.applications \d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2} \(total\)$/u);
    // With the total shown, USA would give CAN away: it is suppressed too.
    expect(lines.slice(1, 5)).toEqual([
      'nationality  count',
      'CAN             <3',
      'USA             <3',
      'total            6',
    ]);
    expect(lines[5]).toMatch(/^2 cell\(s\) below 3 suppressed; as of change \d+ /u);
    expect(table.stdout).not.toMatch(/Walker|Moreau/u);

    const csv = await runCli(
      ['stats', 'show', 'etias.applications', '--by', 'nationality', '--filter', 'nationality=USA', '--csv'],
      { env: env() },
    );
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toBe('nationality,count\nUSA,5\ntotal,5\n');
  }, 300_000);

  it('answers an unknown figure or dimension with its stable code and a usage exit', async () => {
    const unknown = await runCli(['stats', 'show', 'etias.nothing'], { env: env() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('STATS_FIGURE_UNKNOWN');
    const badFilter = await runCli(['stats', 'show', 'etias.applications', '--filter', 'nationality'], {
      env: env(),
    });
    expect(badFilter.code).toBe(2);
    expect(badFilter.stderr).toContain('--filter takes <dimension>=<value>');
  }, 300_000);
});

describe('formatAnswer', () => {
  it('shows suppressed cells as below the minimum and says how many', () => {
    const text = formatAnswer({
      figure: 'mid.backlog',
      from: '2026-01-01',
      to: '2026-01-31',
      by: ['verifier'],
      interval: 'total',
      filters: { memberState: 'FR' },
      minCell: 5,
      rows: [
        { key: { verifier: 'border' }, count: 12 },
        { key: { verifier: 'sirene' }, count: null },
      ],
      total: 14,
      suppressed: 1,
      asOf: { position: 7, at: '2026-01-31T10:00:00.000Z' },
    });
    expect(text.split('\n')).toEqual([
      'mid.backlog 2026-01-01..2026-01-31 (total) where memberState=FR',
      'verifier  count',
      'border       12',
      'sirene       <5',
      'total        14',
      '1 cell(s) below 5 suppressed; as of change 7 (2026-01-31T10:00:00.000Z)',
    ]);
  });

  it('reads repeated filters', () => {
    expect(parseFilters(['memberState=FR', 'color=yellow'])).toEqual({ memberState: 'FR', color: 'yellow' });
  });
});
