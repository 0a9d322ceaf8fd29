import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { FIGURE_CODES, FIGURES } from '../../src/contexts/stats/index.ts';
import { createDemoWorld } from '../../src/flows/demo/index.ts';
import { sql } from '../../src/platform/database/index.ts';
import { isoDate, plusDays } from '../../src/platform/dates.ts';
import { startTestServer } from '../support/server.ts';

/**
 * The statistics over HTTP on the demo world (2019/817 art. 39): the analyst reads anonymous aggregates as JSON
 * and CSV; no answer holds an identifier of the world's records or a count below the minimum, whatever is
 * asked; bad parameters get a 4xx with a stable code; every query is logged.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();
/** Names, document numbers, birth dates and record ids of everything the world wrote. */
let identifiers: string[] = [];
const today = isoDate(new Date());
const from = plusDays(today, -120);

async function get(url: string, as = 'analyst', purpose = 'statistics') {
  const r = await fetch(`${server.url}${url}`, {
    headers: { authorization: `Bearer ${tokens.get(as)}`, 'x-interlink-purpose': purpose },
  });
  const text = await r.text();
  return { status: r.status, type: r.headers.get('content-type') ?? '', text };
}
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

beforeAll(async () => {
  server = await startTestServer();
  const world = await createDemoWorld(server.services, { genericTravellers: 60, hubs: null });
  expect(world.status).toBe('created');
  await server.services.changes.sync();
  await server.services.stats.sync();
  for (const username of ['analyst', 'dpo.de', 'border.fi']) {
    const r = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (r.status === 200) {
      tokens.set(username, ((await r.json()) as { token: string }).token);
    }
  }
  const db = server.services.database.db;
  const { rows } = await sql<{ v: string | null }>`
    select id as v from ees.individual_file union all select surname from ees.individual_file
    union all select given_names from ees.individual_file union all select birth_date from ees.individual_file
    union all select number from ees.travel_document union all select id from ees.travel_document
    union all select id from ees.entry_exit_record union all select id from ees.refusal_record
    union all select id from sis.alert union all select id from sis.hit
    union all select id from etias.application union all select id from eurodac.dataset`.execute(db);
  identifiers = [...new Set(rows.map((r) => r.v).filter((v): v is string => v !== null && v.length >= 4))];
  expect(identifiers.length).toBeGreaterThan(100);
}, 600_000);
afterAll(async () => {
  await server.close();
});

/**
 * No identifier in the answer. A calendar day that the answer itself names (its period, the days or the first
 * days of weeks and months it counts, the time it is as of) is not a birth date even when a traveller was born
 * that day: dates in `ownDays` (first and last, inclusive) are left out of the comparison.
 */
function assertAnonymous(text: string, ownDays?: { first: string; last: string }): void {
  for (const id of identifiers) {
    if (
      ownDays !== undefined &&
      /^\d{4}-\d{2}-\d{2}$/u.test(id) &&
      id >= ownDays.first &&
      id <= ownDays.last
    ) {
      continue;
    }
    expect(text.includes(id), `response holds ${id}`).toBe(false);
  }
}

function assertNoSmallCell(counts: ReadonlyArray<number | null>, min: number): void {
  for (const c of counts) {
    expect(c === null || c === 0 || c >= min, `count ${c}`).toBe(true);
  }
}

describe('the analyst reads the statistics', () => {
  it('lists the catalogue with each figure’s dimensions and legal basis', async () => {
    const r = await get('/api/v1/stats/figures');
    expect(r.status).toBe(200);
    const body = json(r.text) as { figures: Array<{ code: string; legalBasis: string }>; minCell: number };
    expect(body.figures.map((f) => f.code)).toEqual([...FIGURE_CODES]);
    expect(body.figures.every((f) => f.legalBasis.length > 0)).toBe(true);
    expect(body.minCell).toBe(5);
  });

  it('sees the demo world’s crossings by crossing point and direction, as JSON and as CSV', async () => {
    const url = `/api/v1/stats/figures/ees.crossings?from=${from}&to=${today}&by=bcp,direction`;
    const r = await get(url);
    expect(r.status, r.text).toBe(200);
    const body = json(r.text) as {
      rows: Array<{ key: Record<string, string>; count: number | null }>;
      total: number;
    };
    expect(body.total).toBeGreaterThan(20);
    expect(body.rows.some((row) => row.count !== null && row.count >= 5)).toBe(true);
    const csv = await get(`${url}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('bcp,direction,count');
    expect(lines.at(-1)).toBe(`total,,${body.total}`);
    assertAnonymous(csv.text);
  });

  it('reads the Barometer+ headlines with the period before', async () => {
    const r = await get(`/api/v1/stats/barometer?from=${plusDays(today, -59)}&to=${today}`);
    expect(r.status, r.text).toBe(200);
    const body = json(r.text) as {
      headlines: Array<{ figure: string; filters: Record<string, string>; value: number | null }>;
      previousTo: string;
    };
    expect(body.previousTo).toBe(plusDays(today, -60));
    const entries = body.headlines.find(
      (h) => h.figure === 'ees.crossings' && h.filters.direction === 'entry',
    );
    expect(entries?.value).toBeGreaterThan(5);
    assertAnonymous(r.text);
  });

  it('logs every query under its own operation', async () => {
    await get(`/api/v1/stats/figures/ees.refusals?from=${from}&to=${today}&by=ground`);
    const { rows } = await sql<{ operation: string; n: string }>`select operation, count(*) as n
      from audit.event where system = 'stats' group by operation`.execute(server.services.database.db);
    const ops = Object.fromEntries(rows.map((r) => [r.operation, Number(r.n)]));
    expect(ops['stats.figure.query']).toBeGreaterThanOrEqual(3);
    expect(ops['stats.barometer']).toBeGreaterThanOrEqual(1);
    expect(ops['stats.figures']).toBeGreaterThanOrEqual(1);
  });

  it('is for the analyst alone: a border guard and the data-protection officer are refused', async () => {
    const url = `/api/v1/stats/figures/ees.crossings?from=${from}&to=${today}`;
    expect((await get(url, 'border.fi', 'border-control')).status).toBe(403);
    if (tokens.has('dpo.de')) {
      expect((await get(url, 'dpo.de', 'data-protection-audit')).status).toBe(403);
    }
    expect((await get(url, 'analyst', 'border-control')).status).toBe(403);
  });
});

describe('no statistics answer identifies anyone', () => {
  const dimsOf = (figure: string) => [...FIGURES[figure as keyof typeof FIGURES].dimensions];

  it('holds no identifier and no count below the minimum, JSON or CSV, whatever is asked', async () => {
    const values = new Map<string, string[]>();
    const { rows } = await sql<{ figure: string; d1: string; d2: string; d3: string; d4: string }>`select
        distinct figure, d1, d2, d3, d4 from stats.cell`.execute(server.services.database.db);
    for (const r of rows) {
      dimsOf(r.figure).forEach((d, i) => {
        const v = [r.d1, r.d2, r.d3, r.d4][i];
        if (v !== undefined && v !== '') {
          values.set(d, [...new Set([...(values.get(d) ?? []), v])]);
        }
      });
    }
    const query = fc.constantFrom(...FIGURE_CODES).chain((figure) =>
      fc.record({
        figure: fc.constant(figure),
        by: fc.subarray(['period', ...dimsOf(figure)]),
        interval: fc.constantFrom('day', 'week', 'month', 'total'),
        back: fc.integer({ min: 0, max: 200 }),
        span: fc.integer({ min: 0, max: 300 }),
        filter: fc.option(fc.constantFrom(...dimsOf(figure)), { nil: undefined }),
        pick: fc.nat(),
        csv: fc.boolean(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const to = plusDays(today, -q.back);
        const start = plusDays(to, -Math.min(q.span, q.interval === 'day' ? 365 : 300));
        const options = q.filter === undefined ? [] : (values.get(q.filter) ?? []);
        const filter =
          q.filter === undefined || options.length === 0
            ? ''
            : `&${q.filter}=${encodeURIComponent(options[q.pick % options.length]!)}`;
        const url = `/api/v1/stats/figures/${q.figure}?from=${start}&to=${to}&by=${q.by.join(',')}&interval=${q.interval}${filter}${q.csv ? '&format=csv' : ''}`;
        const r = await get(url);
        expect(r.status, r.text).toBe(200);
        // A month's period starts up to 31 days before `from`; the answer is as of today.
        assertAnonymous(r.text, { first: plusDays(start, -31), last: today });
        if (q.csv) {
          const counts = r.text
            .trim()
            .split('\n')
            .slice(1)
            .map((line) => line.split(',').at(-1)!)
            .map((c) => (c === '' ? null : Number(c)));
          assertNoSmallCell(counts, 5);
        } else {
          const body = json(r.text) as { rows: Array<{ count: number | null }>; total: number | null };
          assertNoSmallCell([...body.rows.map((row) => row.count), body.total], 5);
        }
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        async (back, span) => {
          const to = plusDays(today, -back);
          const r = await get(`/api/v1/stats/barometer?from=${plusDays(to, -span)}&to=${to}`);
          expect(r.status).toBe(200);
          // The answer names its period and the one before it (as long, just before), and is as of today.
          assertAnonymous(r.text, { first: plusDays(to, -2 * span - 2), last: today });
          const body = json(r.text) as {
            headlines: Array<{ value: number | null; previous: number | null }>;
          };
          assertNoSmallCell(
            body.headlines.flatMap((h) => [h.value, h.previous]),
            5,
          );
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('bad parameters get a 4xx with a stable code', () => {
  const base = '/api/v1/stats/figures/ees.crossings';
  it.each([
    ['/api/v1/stats/figures/ees.nothing', 404, 'STATS_FIGURE_UNKNOWN'],
    [`${base}?by=surname`, 400, 'STATS_DIMENSION_UNKNOWN'],
    [`${base}?by=bcp,bcp`, 400, 'STATS_DIMENSION_UNKNOWN'],
    [`${base}?ground=A`, 400, 'STATS_DIMENSION_UNKNOWN'],
    [`${base}?bcp=${encodeURIComponent('x y')}`, 400, 'STATS_FILTER_INVALID'],
    [`${base}?from=2025-02-30`, 400, 'STATS_DATES_INVALID'],
    [`${base}?from=2026-03-01&to=2026-02-01`, 400, 'STATS_DATES_INVALID'],
    [`${base}?from=0000-01-01&to=2026-01-01`, 400, 'STATS_DATES_INVALID'],
    [`${base}?from=2020-01-01&to=2026-01-01&interval=day`, 400, 'STATS_RANGE_TOO_LONG'],
    [`${base}?from=1990-01-01&to=2026-01-01`, 400, 'STATS_RANGE_TOO_LONG'],
    ['/api/v1/stats/barometer?from=1990-01-01&to=2026-01-01', 400, 'STATS_RANGE_TOO_LONG'],
    ['/api/v1/stats/barometer?memberState=x%20y', 400, 'STATS_FILTER_INVALID'],
  ])('%s answers %i %s', async (url, status, code) => {
    const r = await get(url);
    expect(r.status, r.text).toBe(status);
    expect(json(r.text).code).toBe(code);
  });

  it('never answers 5xx to odd text in any parameter', async () => {
    const odd = fc.oneof(
      fc.constantFrom(
        '%00',
        '%ED%A0%80',
        'x%00y',
        '12345678901234567890',
        '9999-12-31',
        '-1',
        '',
        '%2C%2C',
        'period',
      ),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'from',
          'to',
          'by',
          'interval',
          'format',
          'bcp',
          'nationality',
          'memberState',
          'figure',
        ),
        odd,
        async (param, value) => {
          const url = param === 'figure' ? `/api/v1/stats/figures/${value}` : `${base}?${param}=${value}`;
          const r = await get(url);
          expect(r.status, `${url}: ${r.text}`).toBeLessThan(500);
          if (r.status >= 400) {
            expect(typeof json(r.text).code).toBe('string');
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
