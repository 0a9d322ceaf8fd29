import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { PlanCalendar } from '../src/flows/demo/calendar.ts';
import { planEesWithMore } from '../src/flows/demo/plan-ees.ts';
import { planSisWithMore } from '../src/flows/demo/plan-sis.ts';
import { DEMO_GENERIC_TRAVELLERS } from '../src/flows/demo/plan.ts';
import { alertLine, travellerLine } from '../src/flows/demo/scale.ts';
import { importFile } from '../src/flows/import/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openBulkSession, type BulkValue } from '../src/platform/database/bulk.ts';
import { sql } from '../src/platform/database/index.ts';
import { isoDate } from '../src/platform/dates.ts';
import { createServices } from '../src/services.ts';
import type { Bench, BenchResult } from './harness.ts';

/**
 * Bulk load (`interlink import`): N demo travellers (about 4 crossings each) and N SIS alerts, generated to
 * NDJSON files first, then imported (checks, derivations, identity-index rows and keys, one audit record per
 * batch). Peer in the same run: the same rows copied again with the same writer (`COPY` on PostgreSQL,
 * multi-row inserts on PGlite) into empty tables of the same shape and indexes, without any check or
 * derivation.
 *
 * `npm run bench -- import --size=100000`; PostgreSQL with `DATABASE_URL` set (an empty database).
 */
const size = Number(
  process.argv.find((a) => a.startsWith('--size='))?.slice(7) ?? process.env.IMPORT_BENCH_SIZE ?? 10_000,
);

const TABLES = [
  'ees.individual_file',
  'ees.travel_document',
  'ees.entry_exit_record',
  'ees.refusal_record',
  'sis.alert',
  'sis.alert_name',
  'sis.alert_identifier',
  'matching.identity',
  'matching.blocking_key',
];

async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  for (const l of lines) {
    if (!out.write(`${l}\n`)) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

const mib = (kib: number) => Math.round(kib / 1024);

const bench: Bench = {
  name: 'import',
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-bench-import-'));
    const databaseUrl = process.env.DATABASE_URL ?? null;
    const tier = databaseUrl === null ? 'PGlite' : 'PostgreSQL';
    const results: BenchResult[] = [];
    try {
      const today = isoDate(new Date());
      const cal = new PlanCalendar(today);
      const pool = Math.max(1_000_000, size * 3);
      let t0 = performance.now();
      const ees = planEesWithMore('import-bench', cal, DEMO_GENERIC_TRAVELLERS, pool);
      const sis = planSisWithMore('import-bench', cal, ees.plan.travellers, pool);
      const eesFile = path.join(dir, 'ees.ndjson');
      const sisFile = path.join(dir, 'sis.ndjson');
      await writeLines(
        eesFile,
        (function* () {
          for (const t of ees.plan.travellers) {
            yield JSON.stringify(travellerLine(t));
          }
          for (let i = ees.plan.travellers.length; i < size; i += 1) {
            yield JSON.stringify(travellerLine(ees.more()));
          }
        })(),
      );
      await writeLines(
        sisFile,
        (function* () {
          let n = 0;
          for (const a of sis.alerts) {
            n += 1;
            yield JSON.stringify(alertLine(a, 0));
          }
          for (let round = 1; n < size; round += 1) {
            for (const a of sis.more()) {
              if (n >= size) {
                break;
              }
              n += 1;
              yield JSON.stringify(alertLine(a, round));
            }
          }
        })(),
      );
      const generateS = (performance.now() - t0) / 1000;
      results.push({
        bench: 'import',
        case: 'generate the demo world as NDJSON (travellers + alerts)',
        size: `${size} + ${size}`,
        value: (2 * size) / generateS,
        unit: 'records/s',
        note: `${generateS.toFixed(1)} s`,
      });

      const s = await createServices(
        loadConfig({
          INTERLINK_DATA_DIR: dir,
          LOG_LEVEL: 'silent',
          INTERLINK_DEMO: '0',
          ...(databaseUrl === null ? {} : { DATABASE_URL: databaseUrl }),
        }),
      );
      try {
        t0 = performance.now();
        const e = await importFile(s, eesFile, { system: 'ees', applyInProcess: false });
        const eesS = (performance.now() - t0) / 1000;
        t0 = performance.now();
        const a = await importFile(s, sisFile, { system: 'sis', applyInProcess: false });
        const sisS = (performance.now() - t0) / 1000;
        const counts: Record<string, number> = {};
        for (const t of TABLES) {
          const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(t)}`.execute(
            s.database.db,
          );
          counts[t] = Number(r.rows[0]!.n);
        }
        const rows = Object.values(counts).reduce((x, y) => x + y, 0);
        const importS = eesS + sisS;
        const rss = mib(process.resourceUsage().maxRSS);

        // Peer: the same rows written again into empty tables of the same shape and indexes, without checks:
        // on PostgreSQL streamed by `COPY … TO STDOUT` into `COPY … FROM STDIN`; on PGlite read back and written
        // by the same multi-row writer as the importer.
        let copyS = 0;
        const copyTable = async (t: string, write: (copy: string) => Promise<void>) => {
          const copy = `public.bench_${t.replace('.', '_')}`;
          await sql`drop table if exists ${sql.raw(copy)}`.execute(s.database.db);
          await sql`create table ${sql.raw(copy)} (like ${sql.raw(t)} including all)`.execute(s.database.db);
          const started = performance.now();
          await write(copy);
          copyS += (performance.now() - started) / 1000;
          await sql`drop table ${sql.raw(copy)}`.execute(s.database.db);
        };
        if (databaseUrl !== null) {
          const from = new pg.Client({ connectionString: databaseUrl });
          const to = new pg.Client({ connectionString: databaseUrl });
          await from.connect();
          await to.connect();
          try {
            for (const t of TABLES) {
              await copyTable(t, (copy) =>
                pipeline(
                  from.query(copyTo(`copy ${t} to stdout`)),
                  to.query(copyFrom(`copy ${copy} from stdin`)),
                ),
              );
            }
          } finally {
            await from.end();
            await to.end();
          }
        } else {
          const session = await openBulkSession(s.database, null);
          try {
            for (const t of TABLES) {
              const data = await sql<Record<string, unknown>>`select * from ${sql.raw(t)}`.execute(
                s.database.db,
              );
              const columns = data.rows.length === 0 ? [] : Object.keys(data.rows[0]!);
              const values = data.rows.map((r) =>
                columns.map((c) => {
                  const v = r[c];
                  return v !== null && typeof v === 'object' && !(v instanceof Date)
                    ? JSON.stringify(v)
                    : (v as BulkValue);
                }),
              );
              await copyTable(t, (copy) => session.transaction((w) => w.insert(copy, columns, values)));
            }
          } finally {
            await session.close();
          }
        }
        const peerRate = rows / copyS;
        results.push(
          {
            bench: 'import',
            case: `import ees: ${e.accepted} files, ${e.records} entry/exit + ${e.refusals} refusals (${tier})`,
            size: `${size} travellers`,
            value: e.accepted / eesS,
            unit: 'files/s',
            note: `${eesS.toFixed(1)} s, ${e.rejected} rejected`,
          },
          {
            bench: 'import',
            case: `import sis: ${a.accepted} alerts (${tier})`,
            size: `${size} alerts`,
            value: a.accepted / sisS,
            unit: 'alerts/s',
            note: `${sisS.toFixed(1)} s, ${a.rejected} rejected`,
          },
          {
            bench: 'import',
            case: `import ees + sis, all rows written (${tier})`,
            size: `${rows} rows`,
            value: rows / importS,
            unit: 'rows/s',
            ratio: {
              peer: `plain ${databaseUrl === null ? 'multi-row INSERT' : 'COPY'} of the same rows`,
              value: rows / importS / peerRate,
            },
            note: `${importS.toFixed(1)} s; peak RSS ${rss} MiB`,
          },
          {
            bench: 'import',
            case: `peer: plain ${databaseUrl === null ? 'multi-row INSERT' : 'COPY'} of the same rows, no checks (${tier})`,
            size: `${rows} rows`,
            value: peerRate,
            unit: 'rows/s',
            note: `${copyS.toFixed(1)} s`,
          },
        );
      } finally {
        await s.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return results;
  },
};

export default bench;
