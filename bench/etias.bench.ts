import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { SeededRandom, generateIdentityStream, normaliseName } from '../src/contexts/identity/index.ts';
import { visaRequirement } from '../src/contexts/reference/index.ts';
import { PlanCalendar } from '../src/flows/demo/calendar.ts';
import { demoIdentityOf } from '../src/flows/demo/identities.ts';
import { applicationOf } from '../src/flows/demo/plan-etias.ts';
import { planEesWithMore } from '../src/flows/demo/plan-ees.ts';
import { planSisWithMore } from '../src/flows/demo/plan-sis.ts';
import { DEMO_GENERIC_TRAVELLERS } from '../src/flows/demo/plan.ts';
import { alertLine } from '../src/flows/demo/scale.ts';
import { IMPORT_ACTOR, importFile, importLines } from '../src/flows/import/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { sql } from '../src/platform/database/index.ts';
import { isoDate } from '../src/platform/dates.ts';
import { createServices } from '../src/services.ts';
import { startThrowawayCluster } from '../test/support/postgres-cluster.ts';
import { option, percentile, type Bench, type BenchResult } from './harness.ts';

/**
 * ETIAS at scale (issue 14 targets): N SIS alerts (the demo world's mix, a third on persons) loaded with the
 * SIS bulk path, then N ETIAS applications of visa-exempt persons of the identity generator imported with
 * `interlink import etias` (validation, automated processing against every registered check, COPY), then:
 *
 * - automated processing of one new application with no hit, through the service (`submit`), p50/p95;
 * - the same through HTTP (`POST /api/v1/etias/applications`, autocannon, 4 connections);
 * - the import rate (applications/s, the whole import including the checks);
 * - peer, same run, same subjects: the exact-name SQL lookup of the subject in `sis.alert_name` (name and
 *   birth year, b-tree) and a pg_trgm similarity search on the same table — what a check without the
 *   identity index would run per application.
 *
 * `npm run bench -- etias --size=1000000` (default 20,000). PostgreSQL: `DATABASE_URL=…` (an empty database), or
 * `--pg` for a throwaway local cluster; PGlite otherwise.
 */
const arg = (name: string): number | undefined => {
  const v = option(name);
  return v === undefined ? undefined : Number(v);
};
const size = arg('size') ?? Number(process.env.ETIAS_BENCH_SIZE ?? 20_000);
/** SIS alerts and ETIAS applications loaded before the measurements (`--alerts=`, `--applications=`). */
const ALERTS = arg('alerts') ?? size;
const APPLICATIONS = arg('applications') ?? size;
const SUBMITS = 300;
const HTTP_SECONDS = 10;

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

/** Visa-exempt adults of the identity generator, as the demo world draws them (one per document). */
function* applicants(seed: string, today: string) {
  const seen = new Set<string>();
  for (const g of generateIdentityStream({ count: 50_000_000, seed, variantRate: 0, referenceDate: today })) {
    const nationality = g.nationality.split(';')[0]!;
    if (
      g.documentNumber === '' ||
      g.birthDate.includes('-00') ||
      visaRequirement(nationality) !== 'exempt' ||
      g.expiryDate <= today ||
      // Applications are dated up to 300 days back: nobody applies before being born.
      g.birthDate >= `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`
    ) {
      continue;
    }
    const key = `${g.issuingState}:${g.documentNumber}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    yield demoIdentityOf(g);
  }
}

const bench: Bench = {
  name: 'etias',
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-bench-etias-'));
    const cluster = process.argv.includes('--pg') ? await startThrowawayCluster() : null;
    if (cluster !== null && 'unavailable' in cluster) {
      throw new Error(cluster.unavailable);
    }
    const databaseUrl = cluster?.url ?? process.env.DATABASE_URL ?? null;
    const tier = databaseUrl === null ? 'PGlite' : 'PostgreSQL';
    const results: BenchResult[] = [];
    const today = isoDate(new Date());
    const cal = new PlanCalendar(today);
    const r = new SeededRandom('etias-bench');
    const people = applicants('etias-bench', today);
    const config = loadConfig({
      INTERLINK_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      INTERLINK_DEMO: '0',
      INTERLINK_MAX_EVENT_LOOP_DELAY_MS: '0',
      INTERLINK_RATE_LIMIT_PUBLIC: '1000000',
      ...(databaseUrl === null ? {} : { DATABASE_URL: databaseUrl }),
    });
    const s = await createServices(config);
    try {
      // SIS: N alerts of the demo mix through the SIS bulk path.
      let t0 = performance.now();
      const pool = Math.max(1_000_000, ALERTS * 3);
      const ees = planEesWithMore('etias-bench', cal, DEMO_GENERIC_TRAVELLERS, 200_000);
      const sis = planSisWithMore('etias-bench', cal, ees.plan.travellers, pool);
      const sisSummary = await importLines(
        s,
        (function* () {
          let n = 0;
          for (const a of sis.alerts) {
            n += 1;
            yield JSON.stringify(alertLine(a, 0));
          }
          for (let round = 1; n < ALERTS; round += 1) {
            for (const a of sis.more()) {
              if (n >= ALERTS) {
                break;
              }
              n += 1;
              yield JSON.stringify(alertLine(a, round));
            }
          }
        })(),
        { system: 'sis', applyInProcess: false },
      );
      const sisS = (performance.now() - t0) / 1000;
      results.push({
        bench: 'etias',
        case: `load SIS alerts (bulk path, demo mix) (${tier})`,
        size: `${sisSummary.accepted} alerts`,
        value: sisSummary.accepted / sisS,
        unit: 'alerts/s',
        note: `${sisS.toFixed(1)} s`,
      });

      // ETIAS: N applications as NDJSON, imported.
      const file = path.join(dir, 'etias.ndjson');
      await writeLines(
        file,
        (function* () {
          for (let i = 0; i < APPLICATIONS; i += 1) {
            const p = people.next().value!;
            yield JSON.stringify({
              id: `app_bench-${i}`,
              submittedAt: `${cal.day(-1 - (i % 300))}T10:00:00.000Z`,
              ...applicationOf(p, r, { today }),
            });
          }
        })(),
      );
      t0 = performance.now();
      const rejectCodes: Record<string, number> = {};
      const imported = await importFile(s, file, {
        system: 'etias',
        applyInProcess: false,
        onReject: (x) => {
          rejectCodes[x.code] = (rejectCodes[x.code] ?? 0) + 1;
        },
      });
      const importS = (performance.now() - t0) / 1000;
      results.push({
        bench: 'etias',
        case: `import etias: applications with automated processing (${tier})`,
        size: `${imported.accepted} applications, ${sisSummary.accepted} alerts`,
        value: imported.accepted / importS,
        unit: 'applications/s',
        note: `${importS.toFixed(1)} s; statuses ${JSON.stringify(imported.byStatus)}; rejected ${JSON.stringify(rejectCodes)}; target ≥ 500/s`,
      });
      await s.close();
    } catch (err) {
      await s.close();
      throw err;
    }

    // A restart builds the identity index from the tables, as a server would.
    const s2 = await createServices(config);
    try {
      const subjects = Array.from({ length: SUBMITS + 5000 }, () =>
        applicationOf(people.next().value!, r, { today }),
      );
      const times: number[] = [];
      const checksOnly: number[] = [];
      const importCall = { actor: IMPORT_ACTOR, purpose: 'etias-examination' };
      const peerExact: number[] = [];
      const peerTrgm: number[] = [];
      const statuses: Record<string, number> = {};
      for (let i = 0; i < SUBMITS; i += 1) {
        const input = subjects[i]!;
        // The read-only part alone (every check and ETIAS's own), as the bulk path runs it.
        let t = performance.now();
        await s2.etias.processImport(
          importCall,
          s2.etias.prepareSubmittedImport(importCall, { ...input, id: `app_probe-${i}` }),
        );
        checksOnly.push(performance.now() - t);
        t = performance.now();
        const { value: out } = await s2.etias.submit({}, input);
        times.push(performance.now() - t);
        statuses[out.status] = (statuses[out.status] ?? 0) + 1;
        const name = normaliseName(`${input.surname} ${input.givenNames}`);
        const surname = normaliseName(input.surname);
        const year = Number(input.birthDate.slice(0, 4));
        t = performance.now();
        await sql`select alert_id from sis.alert_name
          where name_norm in (${name}, ${surname}) and birth_year = ${year}`.execute(s2.database.read);
        peerExact.push(performance.now() - t);
        t = performance.now();
        await sql`select alert_id, similarity(name_norm, ${surname}) as sim from sis.alert_name
          where name_norm % ${surname} order by sim desc limit 10`.execute(s2.database.read);
        peerTrgm.push(performance.now() - t);
      }
      for (const a of [times, checksOnly, peerExact, peerTrgm]) {
        a.sort((x, y) => x - y);
      }
      const p95 = percentile(times, 95);
      const sizeText = `${APPLICATIONS} applications + ${ALERTS} alerts, ${tier}`;
      results.push(
        {
          bench: 'etias',
          case: 'automated processing of an application with no hit, service (submit), p95',
          size: sizeText,
          value: p95,
          unit: 'ms',
          ratio: {
            peer: 'exact-name SQL lookup in sis.alert_name, p95',
            value: p95 / percentile(peerExact, 95),
          },
          note: `p50 ${percentile(times, 50).toFixed(1)} ms; ${SUBMITS} submits; statuses ${JSON.stringify(statuses)}; target ≤ 50 ms`,
        },
        {
          bench: 'etias',
          case: 'of which the checks alone (every registered check + ETIAS own, read-only), p95',
          size: sizeText,
          value: percentile(checksOnly, 95),
          unit: 'ms',
          note: `p50 ${percentile(checksOnly, 50).toFixed(1)} ms; checks: ${s2.etias.checkSystems.join(', ')}`,
        },
        {
          bench: 'etias',
          case: 'peer: pg_trgm similarity search of the surname in sis.alert_name, p95',
          size: sizeText,
          value: percentile(peerTrgm, 95),
          unit: 'ms',
          ratio: { peer: 'service submit p95', value: percentile(peerTrgm, 95) / p95 },
          note: `exact-name lookup p95 ${percentile(peerExact, 95).toFixed(2)} ms`,
        },
      );

      const { app } = await buildApp(s2);
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const bodies = subjects.slice(SUBMITS).map((a) => JSON.stringify(a));
      let next = 0;
      const http = await autocannon({
        url: `${url}/api/v1/etias/applications`,
        method: 'POST',
        connections: 4,
        duration: HTTP_SECONDS,
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
      });
      const healthz = await autocannon({ url: `${url}/healthz`, connections: 4, duration: 5 });
      await app.close();
      results.push({
        bench: 'etias',
        case: 'POST /api/v1/etias/applications over HTTP (4 connections), p97.5 latency',
        size: sizeText,
        value: http.latency.p97_5,
        unit: 'ms',
        note: `p50 ${http.latency.p50} ms; ${(http['2xx'] / HTTP_SECONDS).toFixed(0)} applications/s; non-2xx ${http.non2xx}; /healthz ${Math.round(healthz.requests.average)} req/s; ${Math.min(next, bodies.length)} distinct bodies`,
        ratio: {
          peer: '/healthz of the same app (req/s)',
          value: http['2xx'] / HTTP_SECONDS / healthz.requests.average,
        },
      });
    } finally {
      await s2.close();
      if (cluster !== null && !('unavailable' in cluster)) {
        cluster.stop();
      }
      rmSync(dir, { recursive: true, force: true });
    }
    return results;
  },
};

export default bench;
