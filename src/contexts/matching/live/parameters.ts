import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { candidatePairs } from '../blocking.ts';
import { DEFAULT_TRAINING, levelMatrix, trainParameters, type TrainingSettings } from '../estimate.ts';
import { withParameters, type CompiledModel, type TrainedModel } from '../model.ts';
import type { PreparedRecord } from '../prepare.ts';
import { seededRandom } from '../random.ts';

/**
 * The stored form of a trained identity model: m, u and λ, and the number of identities it was trained on.
 * Term frequencies are not stored: the live index counts them from the identities it holds, so that an
 * erased identity stops counting at once and the stored model holds no personal data.
 */
export interface StoredModel {
  /** Fingerprint of the comparisons the parameters belong to; another configuration ignores them. */
  readonly fingerprint: string;
  readonly prior: number;
  readonly m: readonly (readonly number[])[];
  readonly u: readonly (readonly number[])[];
  /**
   * Per training session of the configuration: the prior and u of a conditional session (null for one that
   * is not conditional or had no pairs). Absent in parameters stored before sessions existed.
   */
  readonly sessions?: readonly ({ prior: number; u: readonly (readonly number[])[] } | null)[];
  /** Number of identities the model was trained on (λ is rescaled to the index's size, see `priorFor`). */
  readonly trainedOn: number;
  /** Where the parameters come from, for reports. */
  readonly source: string;
}

/** Fingerprint of a model's comparisons and columns: stored parameters are only valid for the same ones. */
export function comparisonsFingerprint(model: CompiledModel): string {
  return createHash('sha256')
    .update(JSON.stringify(model.config.comparisons))
    .update(JSON.stringify(model.config.columns ?? {}))
    .digest('hex')
    .slice(0, 16);
}

/** True when stored parameters fit the model (same comparisons, same number of levels). */
export function fits(model: CompiledModel, stored: StoredModel): boolean {
  return (
    stored.fingerprint === comparisonsFingerprint(model) &&
    (stored.sessions?.length ?? 0) === model.sessions.length &&
    stored.m.length === model.comparisons.length &&
    stored.u.length === model.comparisons.length &&
    model.comparisons.every((c, k) => stored.m[k]?.length === c.size && stored.u[k]?.length === c.size)
  );
}

/**
 * The parameters shipped with the identity configuration, for an index too small to train on: estimated
 * without labels (u from random pairs, m and λ by EM) on identities from the seeded identity generator.
 */
export function defaultParameters(model: CompiledModel): StoredModel {
  const stored = JSON.parse(
    readFileSync(new URL('./default-parameters.json', import.meta.url), 'utf8'),
  ) as StoredModel;
  return { ...stored, fingerprint: comparisonsFingerprint(model) };
}

/**
 * Most identities a model is trained on: a larger index is sampled (seeded), since the estimates do not need
 * more and the birth-date key makes the blocked pairs grow with the square of the identities per day. λ stays
 * unbiased on a sample (matching pairs and all pairs both shrink with the square of the share kept) and is
 * rescaled to the index's size from `trainedOn`.
 */
export const MAX_TRAINING_IDENTITIES = 200_000;

/**
 * Trains a model without labels on the identities of the index (a seeded sample of at most
 * {@link MAX_TRAINING_IDENTITIES}): every pair the blocking rules select is compared, u comes from random
 * pairs, m from the training sessions (or EM) and λ last, as in batch linkage.
 */
export function trainOnRecords(
  model: CompiledModel,
  all: readonly PreparedRecord[],
  settings: Partial<TrainingSettings> = {},
  source = 'trained without labels on the stored identities',
  maxIdentities = MAX_TRAINING_IDENTITIES,
): StoredModel {
  const records = sample(all, maxIdentities, model.config.training?.seed ?? DEFAULT_TRAINING.seed);
  const sides = { left: records };
  const pairs = candidatePairs(model.rules, records);
  const levels = levelMatrix(model, sides, pairs);
  const { parameters } = trainParameters(model, sides, levels, pairs, {
    ...DEFAULT_TRAINING,
    randomPairs: model.config.training?.randomPairs ?? DEFAULT_TRAINING.randomPairs,
    seed: model.config.training?.seed ?? DEFAULT_TRAINING.seed,
    ...settings,
  });
  return {
    fingerprint: comparisonsFingerprint(model),
    prior: parameters.prior,
    m: parameters.m.map((x) => [...x]),
    u: parameters.u.map((x) => [...x]),
    sessions: (parameters.sessions ?? []).map((x) =>
      x === undefined ? null : { prior: x.prior, u: x.u.map((v) => [...v]) },
    ),
    trainedOn: records.length,
    source,
  };
}

/** At most `n` of the records, chosen at random with a seed (all of them, in order, when there are fewer). */
function sample<T>(records: readonly T[], n: number, seed: number): readonly T[] {
  if (records.length <= n) {
    return records;
  }
  const random = seededRandom(seed);
  const out = [...records];
  // Partial Fisher-Yates: the first n places get a uniform sample.
  for (let i = 0; i < n; i += 1) {
    const j = i + Math.floor(random() * (out.length - i));
    const x = out[i] as T;
    out[i] = out[j] as T;
    out[j] = x;
  }
  return out.slice(0, n);
}

/**
 * λ for an index of `size` identities. Trained on n identities, λ is the share of the n(n−1)/2 pairs that
 * match, so each identity has about λ(n−1) others of the same person; a query against `size` stored
 * identities therefore has the prior λ(n−1)/(size−1) for any one of them.
 */
export function priorFor(stored: StoredModel, size: number): number {
  const scaled = (stored.prior * Math.max(stored.trainedOn - 1, 1)) / Math.max(size - 1, 1);
  return Math.min(0.5, Math.max(scaled, 1e-15));
}

/**
 * A conditional session's λ for an index of `size` identities: among pairs agreeing on the session's keys
 * (e.g. the same names), the matching pairs grow with the number of identities and the others with its
 * square, so the odds scale by (n−1)/(N−1) as the population prior does.
 */
export function sessionPriorFor(prior: number, trainedOn: number, size: number): number {
  const odds = (prior / (1 - prior)) * (Math.max(trainedOn - 1, 1) / Math.max(size - 1, 1));
  return Math.min(0.999, Math.max(odds / (1 + odds), 1e-15));
}

/**
 * Value counts of one column over the identities of the index, kept current on every add and remove, read
 * as term frequencies (share of non-missing values) by the scorer.
 */
export class LiveFrequencies implements ReadonlyMap<string, number> {
  readonly #counts = new Map<string, number>();
  #total = 0;
  add(value: string): void {
    if (value !== '') {
      this.#counts.set(value, (this.#counts.get(value) ?? 0) + 1);
      this.#total += 1;
    }
  }

  remove(value: string): void {
    const n = this.#counts.get(value);
    if (n === undefined) {
      return;
    }
    if (n <= 1) {
      this.#counts.delete(value);
    } else {
      this.#counts.set(value, n - 1);
    }
    this.#total -= 1;
  }

  get(value: string): number | undefined {
    const n = this.#counts.get(value);
    return n === undefined ? undefined : n / this.#total;
  }

  has(value: string): boolean {
    return this.#counts.has(value);
  }

  get size(): number {
    return this.#counts.size;
  }

  *entries(): MapIterator<[string, number]> {
    for (const [v, n] of this.#counts) {
      yield [v, n / this.#total];
    }
  }

  keys(): MapIterator<string> {
    return this.#counts.keys();
  }

  *values(): MapIterator<number> {
    for (const n of this.#counts.values()) {
      yield n / this.#total;
    }
  }

  forEach(fn: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (const [v, n] of this.#counts) {
      fn(n / this.#total, v, this);
    }
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
}

/** Exact-agreement weights adjusted for live term frequencies: log2(m_exact / f(value)). */
class LiveExactWeights implements ReadonlyMap<string, number> {
  readonly frequencies: LiveFrequencies;
  readonly mExact: number;
  constructor(frequencies: LiveFrequencies, mExact: number) {
    this.frequencies = frequencies;
    this.mExact = mExact;
  }

  get(value: string): number | undefined {
    const f = this.frequencies.get(value);
    return f === undefined ? undefined : Math.log2(this.mExact / f);
  }

  has(value: string): boolean {
    return this.frequencies.has(value);
  }

  get size(): number {
    return this.frequencies.size;
  }

  *entries(): MapIterator<[string, number]> {
    for (const v of this.frequencies.keys()) {
      yield [v, this.get(v) ?? 0];
    }
  }

  keys(): MapIterator<string> {
    return this.frequencies.keys();
  }

  *values(): MapIterator<number> {
    for (const v of this.frequencies.keys()) {
      yield this.get(v) ?? 0;
    }
  }

  forEach(fn: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (const v of this.frequencies.keys()) {
      fn(this.get(v) ?? 0, v, this);
    }
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
}

/**
 * A trained model whose term frequencies are the live counts of the index and whose λ is rescaled to the
 * index's size: the same scorer (`matchWeight`, `explainPair`) as batch linkage.
 */
export function liveModel(
  model: CompiledModel,
  stored: StoredModel,
  frequencies: readonly (LiveFrequencies | undefined)[],
  size: number,
): TrainedModel {
  // The live counts replace the pre-computed exact weights, so none are computed here.
  const base = withParameters(model, {
    prior: priorFor(stored, size),
    m: stored.m.map((x) => Float64Array.from(x)),
    u: stored.u.map((x) => Float64Array.from(x)),
    termFrequencies: model.comparisons.map(() => undefined),
    sessions: model.sessions.map((_, s) => {
      const own = stored.sessions?.[s];
      return own === undefined || own === null
        ? undefined
        : {
            prior: sessionPriorFor(own.prior, stored.trainedOn, size),
            u: own.u.map((x) => Float64Array.from(x)),
          };
    }),
  });
  const exactWeights = model.comparisons.map((c, k) => {
    const f = frequencies[k];
    return f === undefined || c.exactLevel < 0
      ? undefined
      : new LiveExactWeights(f, stored.m[k]?.[c.exactLevel] ?? 0);
  });
  return {
    ...base,
    parameters: { ...base.parameters, termFrequencies: frequencies },
    exactWeights,
  };
}
