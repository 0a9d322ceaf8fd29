import { generateIdentities, generateIdentityStream } from '../src/contexts/identity/index.ts';
import type { Bench } from './harness.ts';

/** Identity generator throughput: benchmarks and the demo world draw 1 M identities from it. */
const bench: Bench = {
  name: 'generator',
  run() {
    generateIdentities({ count: 2000, seed: 'warm-up' });
    const n = 100_000;
    const started = performance.now();
    let chars = 0;
    for (const r of generateIdentityStream({ count: n, seed: 'bench' })) {
      chars += r.mrz.length;
    }
    const perSecond = n / ((performance.now() - started) / 1000);
    return Promise.resolve([
      {
        bench: 'generator',
        case: 'generate identities with variants (in-process stream)',
        size: `${n} identities`,
        value: perSecond,
        unit: 'identities/s',
        note: `${chars} MRZ lines`,
      },
    ]);
  },
};
export default bench;
