import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoUsers } from '../src/contexts/access/index.ts';
import { FILES_TOPIC } from '../src/contexts/ees/index.ts';
import type { FigureQuery } from '../src/contexts/stats/index.ts';
import { writeScaledWorld } from '../src/flows/demo/scale.ts';
import { loadConfig } from '../src/platform/config.ts';
import { sql } from '../src/platform/database/index.ts';
import { plusDays } from '../src/platform/dates.ts';
import { createServices } from '../src/services.ts';
import { startThrowawayCluster } from '../test/support/postgres-cluster.ts';
import { numberOption, option, percentile, type Bench, type BenchResult } from './harness.ts';

/**
 * The statistics repository on the demo world at scale (`--travellers=N`, default 20,000; PostgreSQL when
 * `DATABASE_URL` is set or with `--postgres=throwaway` (a cluster from the local binaries), else the embedded
 * database): the follower's build from nothing and its catch-up over
 * re-read files, and the p95 of four analyst questions answered from the cells, each against the same question
 * answered by a `group by` over the raw EES tables in the same run (the peer).
 */
const TRAVELLERS = numberOption('travellers', 20_000);
const REPEAT = numberOption('repeat', 30);
const TOUCHED = 10_000;

const bench: Bench = {
  name: 'stats',
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-bench-stats-'));
    const cluster = option('postgres') === 'throwaway' ? await startThrowawayCluster() : null;
    if (cluster !== null && 'unavailable' in cluster) {
      throw new Error(`no PostgreSQL: ${cluster.unavailable}`);
    }
    const databaseUrl = cluster?.url ?? process.env.DATABASE_URL;
    const config = loadConfig({
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      INTERLINK_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      INTERLINK_MAX_EVENT_LOOP_DELAY_MS: '0',
    });
    const kind = config.databaseUrl === null ? 'embedded' : 'PostgreSQL';
    const today = new Date().toISOString().slice(0, 10);
    const s = await createServices(config, { readModels: false });
    const db = s.database.db;
    try {
      await createDemoUsers(s.access);
      const loadAt = performance.now();
      await writeScaledWorld(s, {
        seed: 'bench-stats',
        today,
        travellers: TRAVELLERS,
        alerts: 1000,
        applyInProcess: false,
      });
      const loadSeconds = (performance.now() - loadAt) / 1000;
      const count = async (q: ReturnType<typeof sql<{ n: string }>>) =>
        Number((await q.execute(db)).rows[0]!.n);
      const files = await count(sql<{ n: string }>`select count(*) as n from ees.individual_file`);
      const crossings = await count(
        sql<{ n: string }>`select count(*) + count(exit_date) as n from ees.entry_exit_record`,
      );
      const size = `${files.toLocaleString('en')} travellers, ${crossings.toLocaleString('en')} crossings (${kind})`;

      // 1. The build from nothing: what a first start (or a pruned feed) does.
      // Under the synchronisation's lock, as the follower of this process may be running a step.
      await db.transaction().execute(async (trx) => {
        await sql`select 1 from stats.sync_state where id = 1 for update`.execute(trx);
        await sql`delete from stats.cell`.execute(trx);
        await sql`delete from stats.contribution`.execute(trx);
        await sql`update stats.sync_state set position = null, built_sources = '{}'`.execute(trx);
      });
      const head = async () =>
        Number((await sql<{ n: string }>`select max(seq) as n from platform.change`.execute(db)).rows[0]!.n);
      const buildAt = performance.now();
      const built = await s.stats.sync(await head());
      const buildSeconds = (performance.now() - buildAt) / 1000;
      const cells = await count(sql<{ n: string }>`select count(*) as n from stats.cell`);

      // 2. Catch-up: the feed names 10,000 files again (as after a day of border checks), all re-read and diffed.
      const ids = (
        await sql<{
          id: string;
        }>`select id from ees.individual_file order by md5(id) limit ${TOUCHED}`.execute(db)
      ).rows.map((r) => r.id);
      await db.transaction().execute((trx) => s.changes.record(trx, FILES_TOPIC, ids));
      // The follower itself, without this node's other followers (the CIR reads the same files).
      const catchAt = performance.now();
      const caught = await s.stats.sync(await head());
      const catchSeconds = (performance.now() - catchAt) / 1000;

      // 3. Questions: from the cells, and the same from the raw tables.
      const { rows: span } = await sql<{ last: string }>`select to_char(max(day), 'YYYY-MM-DD') as last
        from stats.cell where figure = 'ees.crossings'`.execute(db);
      const to = span[0]?.last ?? today;
      const year = plusDays(to, -364);
      const month = plusDays(to, -29);
      const raw = (
        from: string,
      ) => sql`(select entry_bcp as bcp, 'entry' as direction, entry_date as day, file_id
          from ees.entry_exit_record where entry_date between ${from}::date and ${to}::date
        union all select exit_bcp, 'exit', exit_date, file_id from ees.entry_exit_record
          where exit_date between ${from}::date and ${to}::date)`;
      const questions: Array<{ name: string; cells: FigureQuery; peer: () => Promise<unknown> }> = [
        {
          name: 'crossings by BCP and direction, 30 days',
          cells: { figure: 'ees.crossings', from: month, to, by: ['bcp', 'direction'] },
          peer: () =>
            sql`select bcp, direction, count(*) from ${raw(month)} x group by 1, 2 order by 1, 2`.execute(db),
        },
        {
          name: 'crossings by nationality by month, 1 year',
          cells: { figure: 'ees.crossings', from: year, to, by: ['nationality'], interval: 'month' },
          peer: () =>
            sql`select date_trunc('month', x.day), f.nationalities->>0, count(*) from ${raw(year)} x
              join ees.individual_file f on f.id = x.file_id group by 1, 2 order by 1, 2`.execute(db),
        },
        {
          name: 'entries at one BCP by day, 90 days',
          cells: {
            figure: 'ees.crossings',
            from: plusDays(to, -89),
            to,
            by: ['period'],
            interval: 'day',
            filters: { direction: 'entry', bcp: 'FI-HEL' },
          },
          peer: () =>
            sql`select entry_date, count(*) from ees.entry_exit_record where entry_bcp = 'FI-HEL'
              and entry_date between ${plusDays(to, -89)}::date and ${to}::date group by 1 order by 1`.execute(
              db,
            ),
        },
        {
          name: 'refusals by ground, 1 year',
          cells: { figure: 'ees.refusals', from: year, to, by: ['ground'] },
          peer: () =>
            sql`select g, count(*) from ees.refusal_record r, jsonb_array_elements_text(r.reasons) g
              where refusal_date between ${year}::date and ${to}::date group by 1 order by 1`.execute(db),
        },
      ];
      const results: BenchResult[] = [
        {
          bench: 'stats',
          case: 'load (bulk importer, for reference)',
          size,
          value: loadSeconds,
          unit: 's',
        },
        {
          bench: 'stats',
          case: 'follower: build from nothing',
          size,
          value: buildSeconds,
          unit: 's',
          note: `${built.records.toLocaleString('en')} records read, ${cells.toLocaleString('en')} cells; ${Math.round(built.records / buildSeconds)} records/s`,
        },
        {
          bench: 'stats',
          case: `follower: catch-up over ${TOUCHED.toLocaleString('en')} re-read files`,
          size,
          value: catchSeconds,
          unit: 's',
          note: `${caught.records.toLocaleString('en')} records read; ${Math.round(caught.records / catchSeconds)} files/s`,
        },
      ];
      const all: number[] = [];
      const allPeer: number[] = [];
      for (const q of questions) {
        const times: number[] = [];
        const peerTimes: number[] = [];
        for (let i = 0; i < REPEAT; i += 1) {
          let t = performance.now();
          await s.stats.answer(q.cells);
          times.push(performance.now() - t);
          t = performance.now();
          await q.peer();
          peerTimes.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        peerTimes.sort((a, b) => a - b);
        all.push(...times);
        allPeer.push(...peerTimes);
        const p95 = percentile(times, 95);
        const peerP95 = percentile(peerTimes, 95);
        results.push({
          bench: 'stats',
          case: `p95: ${q.name}`,
          size,
          value: p95,
          unit: 'ms',
          ratio: { peer: 'group by over the EES tables', value: p95 / peerP95 },
          note: `peer p95 ${peerP95.toFixed(1)} ms`,
        });
      }
      all.sort((a, b) => a - b);
      allPeer.sort((a, b) => a - b);
      results.push({
        bench: 'stats',
        case: 'p95: all four questions (target ≤ 200 ms)',
        size,
        value: percentile(all, 95),
        unit: 'ms',
        ratio: { peer: 'group by over the EES tables', value: percentile(all, 95) / percentile(allPeer, 95) },
        note: `peer p95 ${percentile(allPeer, 95).toFixed(1)} ms`,
      });
      return results;
    } finally {
      await s.close();
      cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
