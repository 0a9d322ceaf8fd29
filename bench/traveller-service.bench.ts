import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoUsers } from '../src/contexts/access/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { isoDate } from '../src/platform/dates.ts';
import { createServices } from '../src/services.ts';
import { percentile, type Bench } from './harness.ts';

const CALLS = 400;

/**
 * EES traveller web service (art. 13(1)): latency of a known document (file with a stay) against an unknown one,
 * interleaved in one process. The two should not be told apart by their timing.
 */
const bench: Bench = {
  name: 'traveller-service',
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-bench-'));
    const s = await createServices(loadConfig({ INTERLINK_DATA_DIR: dir, LOG_LEVEL: 'silent' }));
    try {
      await createDemoUsers(s.access);
      const { token } = await s.access.login({ username: 'border.fi', password: 'interlink-demo' });
      const border = { actor: await s.access.authenticate(token), purpose: 'border-control' };
      const { value: file } = await s.ees.createFile({
        ...border,
        input: {
          kind: 'visa-exempt',
          surname: 'Bench',
          givenNames: 'Known',
          birthDate: '1980-01-01',
          nationalities: ['USA'],
          sex: 'F',
          documents: [{ type: 'P', number: 'BENCH0001', issuingState: 'USA', expiry: '2034-01-01' }],
          facialImageRef: 'face:bench',
          fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
        },
      });
      const now = Date.now();
      await s.ees.recordEntry({
        ...border,
        fileId: file.id,
        input: { at: new Date(now - 20 * 86_400_000).toISOString(), bcpId: 'FI-HEL' },
      });
      await s.ees.recordExit({
        ...border,
        fileId: file.id,
        input: { at: new Date(now - 10 * 86_400_000).toISOString(), bcpId: 'FI-HEL' },
      });
      const intendedEntry = isoDate(new Date(now + 7 * 86_400_000));
      const ask = (number: string) =>
        s.ees.travellerService({
          document: { number, issuingState: 'USA', expiry: '2034-01-01' },
          intendedEntry,
        });
      const times = { known: [] as number[], unknown: [] as number[] };
      for (let i = 0; i < 20; i++) {
        await ask('BENCH0001');
        await ask(`NONE${i}`);
      }
      for (let i = 0; i < CALLS; i++) {
        for (const [kind, number] of [
          ['known', 'BENCH0001'],
          ['unknown', `NONE${i}`],
        ] as const) {
          const t = performance.now();
          await ask(number);
          times[kind].push(performance.now() - t);
        }
      }
      const median = (xs: number[]) =>
        percentile(
          [...xs].sort((a, b) => a - b),
          50,
        );
      const p95 = (xs: number[]) =>
        percentile(
          [...xs].sort((a, b) => a - b),
          95,
        );
      const known = median(times.known);
      const unknown = median(times.unknown);
      return [
        {
          bench: 'traveller-service',
          case: 'known document (file with one stay), PGlite',
          size: `${CALLS} calls`,
          value: known,
          unit: 'ms median',
          note: `p95 ${p95(times.known).toFixed(2)} ms`,
        },
        {
          bench: 'traveller-service',
          case: 'unknown document, PGlite',
          size: `${CALLS} calls`,
          value: unknown,
          unit: 'ms median',
          ratio: { peer: 'known document', value: unknown / known },
          note: `p95 ${p95(times.unknown).toFixed(2)} ms`,
        },
      ];
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
