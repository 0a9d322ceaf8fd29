import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { createDemoUsers } from '../src/contexts/access/index.ts';
import { createDemoWorld } from '../src/flows/demo/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createServices } from '../src/services.ts';
import type { Bench, BenchResult } from './harness.ts';

const SEARCHERS = 50;
const SECONDS = 10;

/**
 * `/healthz` latency while 50 connections search the portal without pause, on the embedded database with the
 * demo world: once with load shedding off (the server takes every request, as before issue 10), once with
 * the defaults (INTERLINK_MAX_IN_FLIGHT, INTERLINK_MAX_EVENT_LOOP_DELAY_MS).
 */
async function measure(label: string, env: Record<string, string>): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-bench-'));
  const s = await createServices(loadConfig({ INTERLINK_DATA_DIR: dir, LOG_LEVEL: 'silent', ...env }));
  await createDemoUsers(s.access);
  await createDemoWorld(s);
  const { app } = await buildApp(s);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const { token } = await s.access.login({ username: 'border.fi', password: 'interlink-demo' });
  const searches = autocannon({
    url: `${url}/api/v1/search/merged`,
    method: 'POST',
    connections: SEARCHERS,
    duration: SECONDS,
    headers: {
      authorization: `Bearer ${token}`,
      'x-interlink-purpose': 'border-control',
      'content-type': 'application/json',
    },
    body: JSON.stringify({ surname: 'SMITH', birthDate: '1980-00-00' }),
  });
  // Let the searches fill the queue before liveness is measured.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const health = await autocannon({ url: `${url}/healthz`, connections: 1, duration: SECONDS - 2 });
  const portal = await searches;
  await app.close();
  await s.close();
  rmSync(dir, { recursive: true, force: true });
  const shed = portal.statusCodeStats?.['503']?.count ?? 0;
  return [
    {
      bench: 'healthz-load',
      case: `GET /healthz under ${SEARCHERS} concurrent portal searches, ${label}`,
      size: `1 + ${SEARCHERS} connections, ${SECONDS} s`,
      value: health.latency.p99,
      unit: 'ms p99',
      note: `mean ${health.latency.average} ms, max ${health.latency.max} ms, ${health.requests.total} answers; portal: ${portal['2xx']} answered, ${shed} shed (503)`,
    },
  ];
}

const bench: Bench = {
  name: 'healthz-load',
  async run() {
    return [
      ...(await measure('load shedding off', {
        INTERLINK_MAX_IN_FLIGHT: '10000',
        INTERLINK_MAX_EVENT_LOOP_DELAY_MS: '0',
      })),
      ...(await measure('load shedding on (defaults)', {})),
    ];
  },
};
export default bench;
