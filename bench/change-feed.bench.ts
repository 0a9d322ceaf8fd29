import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDemoUsers, type Actor } from '../src/contexts/access/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createServices } from '../src/services.ts';
import { startThrowawayCluster } from '../test/support/postgres-cluster.ts';
import { percentile, type Bench, type BenchResult } from './harness.ts';

/** Writes on node A, each timed until node B's read model has applied it. */
const WRITES = Number(process.argv.find((a) => a.startsWith('--writes='))?.split('=')[1] ?? 1000);

const bench: Bench = {
  name: 'change-feed',
  async run() {
    const cluster = await startThrowawayCluster();
    if ('unavailable' in cluster) {
      process.stderr.write(`change-feed bench skipped: ${cluster.unavailable}\n`);
      return [];
    }
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database bench_feed');
    await admin.end();
    const url = new URL(cluster.url);
    url.pathname = '/bench_feed';
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-bench-feed-'));
    const env = { INTERLINK_DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: url.toString() };
    const a = await createServices(loadConfig(env));
    const b = await createServices(loadConfig(env));
    try {
      await createDemoUsers(a.access);
      const { token } = await a.access.login({ username: 'border.fi', password: 'interlink-demo' });
      const guard: Actor = await a.access.authenticate(token);
      const arrived = new Map<string, number>();
      let waiting: { id: string; resolve: () => void } | null = null;
      b.changes.register('ees.files', {
        name: 'bench',
        apply: (refs) => {
          const now = performance.now();
          for (const ref of refs) {
            arrived.set(ref, now);
            if (waiting?.id === ref) {
              waiting.resolve();
            }
          }
          return Promise.resolve();
        },
      });
      const latencies: number[] = [];
      const writes: number[] = [];
      for (let i = 0; i < WRITES; i++) {
        const started = performance.now();
        const { value: file } = await a.ees.createFile({
          actor: guard,
          purpose: 'border-control',
          input: {
            kind: 'visa-exempt',
            surname: `Feedtest${i}`,
            givenNames: 'Anna',
            birthDate: '1980-01-01',
            nationalities: ['USA'],
            sex: 'F',
            documents: [
              {
                type: 'P',
                number: `FB${String(i).padStart(7, '0')}`,
                issuingState: 'USA',
                expiry: '2035-01-01',
              },
            ],
            facialImageRef: `face:${i}`,
            fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
          },
        });
        const answered = performance.now();
        writes.push(answered - started);
        if (!arrived.has(file.id)) {
          await new Promise<void>((resolve) => {
            waiting = { id: file.id, resolve };
          });
          waiting = null;
        }
        // From the moment the writer had its answer (0 when B applied it before that).
        latencies.push(Math.max(0, arrived.get(file.id)! - answered));
      }
      latencies.sort((x, y) => x - y);
      writes.sort((x, y) => x - y);
      const size = `${WRITES} EES files written one after the other (PostgreSQL, 2 nodes in one process)`;
      const results: BenchResult[] = [
        {
          bench: 'change-feed',
          case: 'write on A → applied on B, p50',
          size,
          value: percentile(latencies, 50),
          unit: 'ms',
        },
        {
          bench: 'change-feed',
          case: 'write on A → applied on B, p99',
          size,
          value: percentile(latencies, 99),
          unit: 'ms',
          note: `max ${latencies.at(-1)!.toFixed(1)} ms; target ≤ 1,000 ms`,
        },
        {
          bench: 'change-feed',
          case: 'the write itself on A (file + audit + feed, own read model synced), p50',
          size,
          value: percentile(writes, 50),
          unit: 'ms',
        },
      ];
      return results;
    } finally {
      await b.close();
      await a.close();
      cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
