import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { createDemoUsers, type Actor } from '../src/contexts/access/index.ts';
import { generateMrz, transliterateToMrz } from '../src/contexts/identity/index.ts';
import { writeScaledWorld } from '../src/flows/demo/scale.ts';
import { loadConfig } from '../src/platform/config.ts';
import { sql } from '../src/platform/database/index.ts';
import { createServices } from '../src/services.ts';
import { percentile, type Bench, type BenchResult } from './harness.ts';

/**
 * The border check on a world of N travellers and N SIS alerts written by the bulk importer (the demo world at
 * scale), against `/healthz` of the same app in the same run. `--travellers=N` (default 10,000); PostgreSQL when
 * `DATABASE_URL` is set (use an empty database), else the embedded database in a temporary folder.
 */
const TRAVELLERS = Number(process.argv.find((a) => a.startsWith('--travellers='))?.split('=')[1] ?? 10_000);
const CHECKS = 1000;
const SECONDS = 15;

const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const mrzName = (name: string) => transliterateToMrz(name).mrz.replace(/</g, ' ').trim();

const bench: Bench = {
  name: 'scale-border-check',
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-bench-scale-'));
    const config = loadConfig({
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      INTERLINK_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      // The event-loop delay limit is off: on a shared machine it sheds the neighbours' load, not ours.
      INTERLINK_MAX_EVENT_LOOP_DELAY_MS: '0',
      INTERLINK_MAX_IN_FLIGHT: '64',
    });
    const kind = config.databaseUrl === null ? 'embedded' : 'PostgreSQL';
    const today = new Date().toISOString().slice(0, 10);

    // 1. The world, through the bulk importer (a command-line process: no read models).
    const loader = await createServices(config, { readModels: false });
    await createDemoUsers(loader.access);
    const loadAt = performance.now();
    await writeScaledWorld(loader, {
      seed: 'bench-scale',
      today,
      travellers: TRAVELLERS,
      alerts: TRAVELLERS,
      applyInProcess: false,
    });
    const loadSeconds = (performance.now() - loadAt) / 1000;
    // Travellers to check: adults with a passport valid today, picked at random.
    const { rows } = await sql<{
      surname: string;
      given_names: string;
      birth_date: string;
      sex: string;
      nationality: string;
      number: string;
      issuing_state: string;
      expiry: string;
    }>`select f.surname, f.given_names, f.birth_date, f.sex, f.nationalities->>0 as nationality,
          d.number, d.issuing_state, d.expiry
        from ees.individual_file f join ees.travel_document d on d.file_id = f.id
        where d.doc_type = 'P' and d.expiry > ${today} and f.birth_date not like '%-00%'
          and f.birth_date < ${`${Number(today.slice(0, 4)) - 18}${today.slice(4)}`}
        order by md5(f.id) limit 2000`.execute(loader.database.db);
    await loader.close();
    const mrzs = rows.flatMap((r) => {
      const m = generateMrz({
        format: 'TD3',
        documentCode: 'P',
        issuingState: r.issuing_state,
        surname: mrzName(r.surname),
        givenNames: mrzName(r.given_names),
        documentNumber: r.number,
        nationality: r.nationality,
        birthDate: yymmdd(r.birth_date),
        sex: r.sex === 'M' || r.sex === 'F' ? r.sex : 'X',
        expiryDate: yymmdd(r.expiry),
      });
      return m.ok ? [m.lines.join('\n')] : [];
    });

    // 2. A server start: the read models (EES files, SIS alerts, identity index) built from the tables.
    const rssBefore = process.memoryUsage().rss;
    const startAt = performance.now();
    const s = await createServices(config);
    const startSeconds = (performance.now() - startAt) / 1000;
    const rssAfter = process.memoryUsage().rss;
    const { token } = await s.access.login({ username: 'border.fi', password: 'interlink-demo' });
    const guard: Actor = await s.access.authenticate(token);
    const call = { actor: guard, purpose: 'border-control' };

    // 3. In process, one at a time.
    const times: number[] = [];
    const verdicts = new Map<string, number>();
    for (let i = 0; i < CHECKS; i++) {
      const t = performance.now();
      const r = await s.borderCheck.run({
        ...call,
        request: { mrz: mrzs[i % mrzs.length]!, bcpId: 'FI-HEL' },
      });
      times.push(performance.now() - t);
      verdicts.set(r.verdict, (verdicts.get(r.verdict) ?? 0) + 1);
    }
    times.sort((a, b) => a - b);

    // 4. Over HTTP, against /healthz of the same app.
    const { app } = await buildApp(s);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const bodies = mrzs.map((mrz) => JSON.stringify({ mrz, bcpId: 'FI-HEL' }));
    let next = 0;
    const http = await autocannon({
      url: `${url}/api/v1/border-check`,
      method: 'POST',
      connections: 16,
      duration: SECONDS,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-interlink-purpose': 'border-control',
      },
      requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
    });
    const healthz = await autocannon({ url: `${url}/healthz`, connections: 16, duration: SECONDS });
    await app.close();
    await s.close();
    if (config.databaseUrl === null) {
      rmSync(dir, { recursive: true, force: true });
    }
    const size = `${TRAVELLERS.toLocaleString('en')} travellers + ${TRAVELLERS.toLocaleString('en')} alerts (${kind})`;
    const checksPerSecond = http['2xx'] / SECONDS;
    const results: BenchResult[] = [
      {
        bench: 'scale-border-check',
        case: 'world written by the bulk importer (EES + SIS)',
        size,
        value: loadSeconds,
        unit: 's',
      },
      {
        bench: 'scale-border-check',
        case: 'start: read models built from the tables',
        size,
        value: startSeconds,
        unit: 's',
        note: `RSS +${Math.round((rssAfter - rssBefore) / 2 ** 20)} MiB`,
      },
      {
        bench: 'scale-border-check',
        case: 'border check in-process, p50',
        size,
        value: percentile(times, 50),
        unit: 'ms',
        note: [...verdicts].map(([v, n]) => `${v} ${n}`).join(', '),
      },
      {
        bench: 'scale-border-check',
        case: 'border check in-process, p95',
        size,
        value: percentile(times, 95),
        unit: 'ms',
      },
      {
        bench: 'scale-border-check',
        case: `border check over HTTP (16 connections, ${SECONDS} s)`,
        size,
        value: checksPerSecond,
        unit: 'checks/s',
        ratio: { peer: '/healthz of the same app', value: checksPerSecond / healthz.requests.average },
        note: `p50 ${http.latency.p50} ms; p99 ${http.latency.p99} ms; non-2xx ${http.non2xx}; /healthz ${Math.round(healthz.requests.average)} req/s`,
      },
    ];
    return results;
  },
};
export default bench;
