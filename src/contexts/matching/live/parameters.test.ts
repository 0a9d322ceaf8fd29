import { beforeAll, describe, expect, it } from 'vitest';
import { generateIdentities } from '../../identity/index.ts';
import { identityConfig } from '../default-config.ts';
import { compileModel } from '../model.ts';
import type { PreparedRecord } from '../prepare.ts';
import { identityFromGenerated } from './generated.ts';
import { IndexKeys } from './keys.ts';
import { IdentityIndex } from './memory.ts';
import { defaultParameters, priorFor, sessionPriorFor, trainOnRecords } from './parameters.ts';

describe('training the live model on a sample of a large index', () => {
  const model = compileModel(identityConfig());
  let records: PreparedRecord[];

  beforeAll(() => {
    const index = new IdentityIndex(model, new IndexKeys(model), defaultParameters(model));
    for (const g of generateIdentities({ count: 6000, seed: 'train-sample', hardNegativeRate: 0.3 })) {
      index.put(identityFromGenerated('generated', g));
    }
    records = index.records();
  });

  it('trains on at most the given number of identities, the same ones every time', () => {
    const a = trainOnRecords(model, records, {}, 'sample', 3000);
    const b = trainOnRecords(model, records, {}, 'sample', 3000);
    expect(a.trainedOn).toBe(3000);
    expect(b).toEqual(a);
    expect(a.sessions).toHaveLength(model.sessions.length);
  });

  it('gives a prior that, rescaled to the whole index, agrees with training on all of it', () => {
    const sampled = trainOnRecords(model, records, {}, 'sample', 3000);
    const whole = trainOnRecords(model, records);
    expect(whole.trainedOn).toBe(records.length);
    const ratio = priorFor(sampled, records.length) / priorFor(whole, records.length);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('rescales a session prior like the population prior: odds fall with the index size', () => {
    expect(sessionPriorFor(0.5, 1001, 1001)).toBeCloseTo(0.5, 12);
    const odds = (p: number) => p / (1 - p);
    expect(odds(sessionPriorFor(0.5, 1001, 10001))).toBeCloseTo(0.1, 9);
    expect(sessionPriorFor(0.999, 1_000_000, 2)).toBeLessThanOrEqual(0.999);
  });
});
