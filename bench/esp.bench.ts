import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { createDemoUsers } from '../src/contexts/access/index.ts';
import { createDemoWorld, DEMO_WORLD_SEED, planDemoWorld } from '../src/flows/demo/index.ts';
import { isoDate } from '../src/platform/dates.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createServices } from '../src/services.ts';
import { percentile, type Bench, type BenchResult } from './harness.ts';

/** One streamed search: time to the first system's line and to the complete answer. */
async function streamedSearch(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ first: number; total: number }> {
  const started = performance.now();
  const r = await fetch(`${url}/api/v1/search`, { method: 'POST', headers, body });
  const reader = r.body!.getReader();
  let first = -1;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    if (first < 0 && new TextDecoder().decode(value).includes('"type":"answer"')) {
      first = performance.now() - started;
    }
  }
  return { first, total: performance.now() - started };
}

/**
 * The search portal over HTTP on the demo world (EES travellers and SIS alerts): a border guard's identity query
 * with variants; then 200 concurrent searchers for 60 s.
 */
const bench: Bench = {
  name: 'esp',
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-bench-esp-'));
    const s = await createServices(loadConfig({ INTERLINK_DATA_DIR: dir, LOG_LEVEL: 'silent' }));
    await createDemoUsers(s.access);
    await createDemoWorld(s);
    const plan = planDemoWorld({ seed: DEMO_WORLD_SEED, today: isoDate(s.clock.now()) });
    const { token } = await s.access.login({ username: 'border.fi', password: 'interlink-demo' });
    const { app } = await buildApp(s);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-interlink-purpose': 'border-control',
    };
    // Variant queries: the surname with its last letter dropped (a typo) and the birth day unknown.
    const bodies = plan.travellers.map((t) =>
      JSON.stringify({
        surname: t.file.surname.length > 4 ? t.file.surname.slice(0, -1) : t.file.surname,
        givenNames: t.file.givenNames,
        birthDate: `${t.file.birthDate.slice(0, 8)}00`,
        sex: t.file.sex,
      }),
    );
    const firsts: number[] = [];
    const totals: number[] = [];
    for (let i = 0; i < 300; i++) {
      const { first, total } = await streamedSearch(url, headers, bodies[i % bodies.length]!);
      firsts.push(first);
      totals.push(total);
    }
    firsts.sort((a, b) => a - b);
    totals.sort((a, b) => a - b);
    let next = 0;
    const load = await autocannon({
      url: `${url}/api/v1/search/merged`,
      method: 'POST',
      connections: 200,
      duration: 60,
      headers,
      requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
    });
    await app.close();
    await s.close();
    rmSync(dir, { recursive: true, force: true });
    const size = `demo world: ${plan.travellers.length} EES travellers, ${plan.alerts.length} SIS alerts (embedded)`;
    return [
      {
        bench: 'esp',
        case: 'streamed search: first system line, p95',
        size,
        value: percentile(firsts, 95),
        unit: 'ms',
        note: `p50 ${percentile(firsts, 50).toFixed(1)} ms`,
      },
      {
        bench: 'esp',
        case: 'streamed search: complete answer, p95',
        size,
        value: percentile(totals, 95),
        unit: 'ms',
        note: `p50 ${percentile(totals, 50).toFixed(1)} ms`,
      },
      {
        bench: 'esp',
        case: 'merged search, 200 concurrent searchers, 60 s',
        size,
        value: load.requests.average,
        unit: 'searches/s',
        note: `p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms; errors ${load.errors}; timeouts ${load.timeouts}; non-2xx ${load.non2xx}`,
      },
    ] satisfies BenchResult[];
  },
};
export default bench;
