import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { createDemoUsers, SYSTEM_ACTOR } from '../src/contexts/access/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createServices, type Services } from '../src/services.ts';
import { startThrowawayCluster } from '../test/support/postgres-cluster.ts';
import type { Bench, BenchResult } from './harness.ts';

const APPENDS = 2000;

/** Audit append (hash chain, locked head) against a plain insert of the same row width: the cost of the chain. */
async function auditAppend(s: Services, tier: string): Promise<BenchResult[]> {
  await sql`create table if not exists platform.bench_plain (id bigserial primary key, payload jsonb not null, at timestamptz not null)`.execute(
    s.database.db,
  );
  let t = performance.now();
  for (let i = 0; i < APPENDS; i++) {
    await s.audit.recordNow({
      actor: SYSTEM_ACTOR,
      system: 'ees',
      operation: 'ees.search',
      outcome: 'success',
      purpose: 'border-control',
      queryDataTypes: ['surname', 'birthDate', 'nationality'],
      resultSummary: '1 hit',
      recordRefs: [`ees:${i}`],
    });
  }
  const chained = APPENDS / ((performance.now() - t) / 1000);
  t = performance.now();
  for (let i = 0; i < APPENDS; i++) {
    await s.database.db.transaction().execute(async (trx) => {
      await sql`insert into platform.bench_plain (payload, at) values (${JSON.stringify({ i, system: 'ees', refs: [`ees:${i}`] })}, now())`.execute(
        trx,
      );
    });
  }
  const plain = APPENDS / ((performance.now() - t) / 1000);
  t = performance.now();
  const report = await s.audit.verify();
  const verifyRate = report.checked / ((performance.now() - t) / 1000);
  return [
    {
      bench: 'platform',
      case: `audit append, one per transaction (${tier})`,
      size: `${APPENDS} records`,
      value: chained,
      unit: 'records/s',
      ratio: { peer: 'plain insert', value: chained / plain },
    },
    {
      bench: 'platform',
      case: `audit verify (${tier})`,
      size: `${report.checked} records`,
      value: verifyRate,
      unit: 'records/s',
    },
  ];
}

async function httpLoad(s: Services): Promise<BenchResult[]> {
  await createDemoUsers(s.access);
  const { app } = await buildApp(s);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const { token } = await s.access.login({ username: 'border.fi', password: 'interlink-demo' });
  const run = (pathName: string, headers: Record<string, string> = {}) =>
    autocannon({ url: `${url}${pathName}`, connections: 16, duration: 8, headers });
  const health = await run('/healthz');
  const me = await run('/api/v1/auth/me', { authorization: `Bearer ${token}` });
  await app.close();
  return [
    {
      bench: 'platform',
      case: 'HTTP GET /healthz (embedded)',
      size: '16 connections, 8 s',
      value: health.requests.average,
      unit: 'req/s',
      note: `p99 ${health.latency.p99} ms`,
    },
    {
      bench: 'platform',
      case: 'HTTP GET /api/v1/auth/me: token check (cached) + one user query (embedded)',
      size: '16 connections, 8 s',
      value: me.requests.average,
      unit: 'req/s',
      ratio: { peer: '/healthz', value: me.requests.average / health.requests.average },
      note: `p99 ${me.latency.p99} ms; non-2xx ${me.non2xx}`,
    },
  ];
}

const bench: Bench = {
  name: 'platform',
  async run() {
    const results: BenchResult[] = [];
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-bench-'));
    const embedded = await createServices(loadConfig({ INTERLINK_DATA_DIR: dir, LOG_LEVEL: 'silent' }));
    results.push(...(await auditAppend(embedded, 'PGlite')));
    results.push(...(await httpLoad(embedded)));
    await embedded.close();
    rmSync(dir, { recursive: true, force: true });

    const cluster = await startThrowawayCluster();
    if ('unavailable' in cluster) {
      results.push({
        bench: 'platform',
        case: 'PostgreSQL tier',
        size: '-',
        value: Number.NaN,
        unit: '',
        note: `skipped: ${cluster.unavailable}`,
      });
      return results;
    }
    try {
      const server = await createServices(
        loadConfig({ DATABASE_URL: cluster.url, LOG_LEVEL: 'silent', INTERLINK_DATA_DIR: os.tmpdir() }),
      );
      results.push(...(await auditAppend(server, 'PostgreSQL 15')));
      await server.close();
    } finally {
      cluster.stop();
    }
    return results;
  },
};
export default bench;
