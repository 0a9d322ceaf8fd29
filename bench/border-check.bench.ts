import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/app.ts';
import { createDemoUsers, type Actor } from '../src/contexts/access/index.ts';
import { generateIdentityStream } from '../src/contexts/identity/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createServices } from '../src/services.ts';
import { percentile, type Bench, type BenchResult } from './harness.ts';

/** Travellers loaded through the EES service (validation and audit included), each with one past stay. */
const TRAVELLERS = Number(process.argv.find((a) => a.startsWith('--travellers='))?.split('=')[1] ?? 3000);
const CHECKS = 2000;
const ADULT_CUTOFF = new Date(Date.now() - 13 * 365.25 * 86_400_000).toISOString().slice(0, 10);

const bench: Bench = {
  name: 'border-check',
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-bench-bc-'));
    // The event-loop delay limit is off: on a shared machine it sheds the neighbours' load, not ours.
    const config = loadConfig({
      INTERLINK_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      INTERLINK_MAX_EVENT_LOOP_DELAY_MS: '0',
    });
    const first = await createServices(config);
    await createDemoUsers(first.access);
    const { token } = await first.access.login({ username: 'border.fi', password: 'interlink-demo' });
    const guard: Actor = await first.access.authenticate(token);
    const call = { actor: guard, purpose: 'border-control' };
    const mrzs: string[] = [];
    const loadStart = performance.now();
    for (const p of generateIdentityStream({ count: TRAVELLERS * 2, seed: 'bench-border', variantRate: 0 })) {
      // Adults only: children under 12 give no fingerprints (EES art. 17(3)), which needs another input shape.
      if (
        p.documentType !== 'P' ||
        p.birthDate > ADULT_CUTOFF ||
        p.birthDate.includes('-00') ||
        mrzs.length >= TRAVELLERS
      ) {
        continue;
      }
      const { value: file } = await first.ees.createFile({
        ...call,
        input: {
          kind: 'visa-exempt',
          surname: p.surname,
          givenNames: p.givenNames,
          birthDate: p.birthDate,
          nationalities: p.nationality.split(';'),
          sex: p.sex === 'F' ? 'F' : p.sex === 'M' ? 'M' : 'X',
          documents: [
            { type: 'P', number: p.documentNumber, issuingState: p.issuingState, expiry: p.expiryDate },
          ],
          facialImageRef: `face:${p.id}`,
          fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
        },
      });
      const entry = new Date(Date.now() - 40 * 86_400_000).toISOString();
      const exit = new Date(Date.now() - 20 * 86_400_000).toISOString();
      await first.ees.recordEntry({ ...call, fileId: file.id, input: { at: entry, bcpId: 'FI-HEL' } });
      await first.ees.recordExit({ ...call, fileId: file.id, input: { at: exit, bcpId: 'FI-HEL' } });
      mrzs.push(p.mrz.join('\n'));
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;
    await first.close();
    // A restart builds the read models (EES files, identity index) from the tables.
    const startAt = performance.now();
    const s = await createServices(config);
    const startSeconds = (performance.now() - startAt) / 1000;

    const times: number[] = [];
    for (let i = 0; i < CHECKS; i++) {
      const t = performance.now();
      await s.borderCheck.run({ ...call, request: { mrz: mrzs[i % mrzs.length]!, bcpId: 'FI-HEL' } });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);

    const { app } = await buildApp(s);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const bodies = mrzs.slice(0, 500).map((mrz) => JSON.stringify({ mrz, bcpId: 'FI-HEL' }));
    let next = 0;
    const http = await autocannon({
      url: `${url}/api/v1/border-check`,
      method: 'POST',
      connections: 8,
      duration: 10,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-interlink-purpose': 'border-control',
      },
      requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
    });
    const healthz = await autocannon({ url: `${url}/healthz`, connections: 8, duration: 10 });
    await app.close();
    const empty = Fastify();
    empty.post('/', () => Promise.resolve({ ok: true }));
    const emptyUrl = await empty.listen({ port: 0, host: '127.0.0.1' });
    const peer = await autocannon({
      url: emptyUrl,
      method: 'POST',
      connections: 8,
      duration: 10,
      headers: { 'content-type': 'application/json' },
      body: bodies[0],
    });
    await empty.close();
    await s.close();
    rmSync(dir, { recursive: true, force: true });
    const size = `${mrzs.length} travellers with histories (embedded)`;
    const results: BenchResult[] = [
      {
        bench: 'border-check',
        case: 'load travellers through the EES service (file + entry + exit)',
        size,
        value: mrzs.length / loadSeconds,
        unit: 'travellers/s',
      },
      {
        bench: 'border-check',
        case: 'border check in-process, p50',
        size,
        value: percentile(times, 50),
        unit: 'ms',
      },
      {
        bench: 'border-check',
        case: 'border check in-process, p95',
        size,
        value: percentile(times, 95),
        unit: 'ms',
      },
      {
        bench: 'border-check',
        case: 'border check over HTTP (8 connections, 10 s)',
        size,
        // Answered checks only (2xx): a shed or failed request is no check.
        value: http['2xx'] / 10,
        unit: 'checks/s',
        ratio: { peer: '/healthz of the same app', value: http['2xx'] / 10 / healthz.requests.average },
        note: `p50 ${http.latency.p50} ms; p99 ${http.latency.p99} ms; non-2xx ${http.non2xx}; /healthz ${Math.round(healthz.requests.average)} req/s; empty Fastify route ${Math.round(peer.requests.average)} req/s (ratio ${(http['2xx'] / 10 / peer.requests.average).toFixed(4)})`,
      },
      {
        bench: 'border-check',
        case: 'start with the read models built from the tables',
        size,
        value: startSeconds,
        unit: 's',
        note: 'createServices: migrations checked, identity index and EES read model loaded',
      },
    ];
    return results;
  },
};
export default bench;
