import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { createDemoUsers, SYSTEM_ACTOR } from '../src/contexts/access/index.ts';
import type { AuditEntry } from '../src/contexts/audit/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createServices, type Services } from '../src/services.ts';
import { startThrowawayCluster } from '../test/support/postgres-cluster.ts';
import type { Bench, BenchResult } from './harness.ts';

const APPENDS = 2000;

const entry = (i: number): AuditEntry => ({
  actor: SYSTEM_ACTOR,
  system: 'ees',
  operation: 'ees.search',
  outcome: 'success',
  purpose: 'border-control',
  queryDataTypes: ['surname', 'birthDate', 'nationality'],
  resultSummary: '1 hit',
  recordRefs: [`ees:${i}`],
});

const GROUP_RECORDS = 1000;

/** `workers` callers append `GROUP_RECORDS` records between them, each waiting for its record; records/s. */
async function concurrentAppends(workers: number, append: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < GROUP_RECORDS) {
        await append(next++);
      }
    }),
  );
  return GROUP_RECORDS / ((performance.now() - t) / 1000);
}

/**
 * Group commit (reads' records appended together, one transaction per batch) against one record per
 * transaction (a writer's path), with 1, 16 and 64 concurrent callers each waiting for its record.
 */
async function auditGroupCommit(s: Services, tier: string): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const workers of [1, 16, 64]) {
    const single = await concurrentAppends(workers, (i) =>
      s.database.db.transaction().execute((trx) => s.audit.record(trx, entry(i))),
    );
    const batched = await concurrentAppends(workers, (i) => s.audit.append(entry(i)));
    results.push(
      {
        bench: 'platform',
        case: `audit append, one per transaction, ${workers} concurrent (${tier})`,
        size: `${GROUP_RECORDS} records`,
        value: single,
        unit: 'records/s',
      },
      {
        bench: 'platform',
        case: `audit append, group commit, ${workers} concurrent (${tier})`,
        size: `${GROUP_RECORDS} records`,
        value: batched,
        unit: 'records/s',
        ratio: { peer: 'one per transaction', value: batched / single },
      },
    );
  }
  const report = await s.audit.verify();
  if (!report.ok) {
    throw new Error(`audit chain broken after the group-commit bench: ${report.problem}`);
  }
  return results;
}

/** Audit append (hash chain, locked head) against a plain insert of the same row width: the cost of the chain. */
async function auditAppend(s: Services, tier: string): Promise<BenchResult[]> {
  await sql`create table if not exists platform.bench_plain (id bigserial primary key, payload jsonb not null, at timestamptz not null)`.execute(
    s.database.db,
  );
  let t = performance.now();
  for (let i = 0; i < APPENDS; i++) {
    await s.database.db.transaction().execute((trx) => s.audit.record(trx, entry(i)));
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
    results.push(...(await auditGroupCommit(embedded, 'PGlite')));
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
      // A data directory of its own: the audit key and checkpoint file must not be an earlier run's.
      const serverDir = mkdtempSync(path.join(os.tmpdir(), 'interlink-bench-'));
      const server = await createServices(
        loadConfig({ DATABASE_URL: cluster.url, LOG_LEVEL: 'silent', INTERLINK_DATA_DIR: serverDir }),
      );
      results.push(...(await auditAppend(server, 'PostgreSQL 15')));
      results.push(...(await auditGroupCommit(server, 'PostgreSQL 15')));
      await server.close();
      rmSync(serverDir, { recursive: true, force: true });
    } finally {
      cluster.stop();
    }
    return results;
  },
};
export default bench;
