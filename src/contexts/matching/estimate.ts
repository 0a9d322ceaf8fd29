import type { PairList } from './blocking.ts';
import { badConfig } from './errors.ts';
import { levelOf, type CompiledComparison } from './levels.ts';
import type { CompiledModel, ModelParameters } from './model.ts';
import type { Feature, PreparedRecord } from './prepare.ts';
import { seededRandom } from './random.ts';

/** Settings of unsupervised training (all optional in the configuration's `training` block). */
export interface TrainingSettings {
  /** Number of random pairs drawn to estimate u. */
  randomPairs: number;
  /** Seed of the pair sampler: the same data and seed give the same model. */
  seed: number;
  maxIterations: number;
  /** EM stops when no m moves by more than this and λ moves by less than this fraction. */
  tolerance: number;
  /** λ fixed instead of estimated. */
  prior?: number;
}

/** The defaults of {@link TrainingSettings}. */
export const DEFAULT_TRAINING: Readonly<TrainingSettings> = Object.freeze({
  randomPairs: 300_000,
  seed: 42,
  maxIterations: 100,
  tolerance: 1e-6,
});

/** The two sides of a linkage; `right` is absent when a file is deduplicated against itself. */
export interface Sides {
  left: readonly PreparedRecord[];
  right?: readonly PreparedRecord[];
}

/** Number of distinct record pairs a run could compare (n(n−1)/2 for deduplication). */
export function totalPairs(sides: Sides): number {
  const n = sides.left.length;
  return sides.right === undefined ? (n * (n - 1)) / 2 : n * sides.right.length;
}

function valueCounts(records: readonly PreparedRecord[], column: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) {
    const v = (r.features[column] as Feature).value;
    if (v !== '') {
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
  }
  return counts;
}

const sum = (m: ReadonlyMap<string, number>) => {
  let s = 0;
  for (const v of m.values()) {
    s += v;
  }
  return s;
};

/**
 * The probability that two random records with a value agree exactly, computed from the value counts
 * rather than sampled: exact agreement is the strongest evidence and the one sampling estimates worst.
 */
function exactAgreementRate(sides: Sides, column: number): number {
  const left = valueCounts(sides.left, column);
  if (sides.right === undefined) {
    const n = sum(left);
    let agree = 0;
    for (const c of left.values()) {
      agree += c * (c - 1);
    }
    const pairs = n * (n - 1);
    return pairs === 0 ? 0 : Math.max(agree, 1) / pairs;
  }
  const right = valueCounts(sides.right, column);
  const nl = sum(left);
  const nr = sum(right);
  let agree = 0;
  for (const [v, c] of left) {
    agree += c * (right.get(v) ?? 0);
  }
  return nl * nr === 0 ? 0 : Math.max(agree, 1) / (nl * nr);
}

/**
 * Estimates u (the level distribution among non-matching pairs) from random pairs: almost every random
 * pair is a non-match, so no labels are needed. The rate of exact agreement is computed exactly from the
 * value counts; the other levels share the rest in the proportions seen in the sample. Half a pair is added
 * to every level so that no u is zero.
 */
export function estimateU(model: CompiledModel, sides: Sides, settings: TrainingSettings): Float64Array[] {
  const random = seededRandom(settings.seed);
  const left = sides.left;
  const right = sides.right ?? sides.left;
  const counts = model.comparisons.map((c) => new Float64Array(c.size));
  if (left.length === 0 || right.length === 0 || (sides.right === undefined && left.length < 2)) {
    throw badConfig('Training needs at least two records (or one on each side) to estimate u.');
  }
  for (let s = 0; s < settings.randomPairs; s += 1) {
    const i = Math.floor(random() * left.length);
    let j = Math.floor(random() * right.length);
    if (sides.right === undefined && j === i) {
      j = (j + 1) % right.length;
    }
    const a = (left[i] as PreparedRecord).features;
    const b = (right[j] as PreparedRecord).features;
    for (let k = 0; k < counts.length; k += 1) {
      const level = levelOf(model.comparisons[k] as CompiledComparison, a, b);
      (counts[k] as Float64Array)[level] = ((counts[k] as Float64Array)[level] ?? 0) + 1;
    }
  }
  return model.comparisons.map((c, k) => {
    const count = counts[k] as Float64Array;
    const u = new Float64Array(c.size);
    const exactFirst = c.exactLevel === 1;
    const from = exactFirst ? 2 : 1;
    let rest = 1;
    if (exactFirst) {
      u[1] = exactAgreementRate(sides, c.column);
      rest = 1 - (u[1] ?? 0);
    }
    let total = 0;
    for (let l = from; l < c.size; l += 1) {
      total += (count[l] ?? 0) + 0.5;
    }
    for (let l = from; l < c.size; l += 1) {
      u[l] = (rest * ((count[l] ?? 0) + 0.5)) / total;
    }
    return u;
  });
}

/**
 * Term frequencies of the compared values, over both sides, for the comparisons that ask for them: the share
 * of non-missing values equal to each value.
 */
export function termFrequencies(model: CompiledModel, sides: Sides): (Map<string, number> | undefined)[] {
  return model.comparisons.map((c) => {
    if (!c.termFrequency) {
      return undefined;
    }
    const counts = valueCounts(sides.left, c.column);
    if (sides.right !== undefined) {
      for (const [v, n] of valueCounts(sides.right, c.column)) {
        counts.set(v, (counts.get(v) ?? 0) + n);
      }
    }
    const n = sum(counts);
    const tf = new Map<string, number>();
    for (const [v, count] of counts) {
      tf.set(v, count / n);
    }
    return tf;
  });
}

/**
 * The comparison levels of every pair, `K` bytes per pair (K = number of comparisons), so that training and
 * scoring reuse one comparison of each pair.
 */
export function levelMatrix(
  model: CompiledModel,
  sides: Sides,
  pairs: PairList,
  onProgress?: (done: number, total: number) => void,
): Uint8Array {
  const K = model.comparisons.length;
  const right = sides.right ?? sides.left;
  const out = new Uint8Array(pairs.length * K);
  for (let p = 0; p < pairs.length; p += 1) {
    const a = (sides.left[pairs.left[p] ?? 0] as PreparedRecord).features;
    const b = (right[pairs.right[p] ?? 0] as PreparedRecord).features;
    for (let k = 0; k < K; k += 1) {
      out[p * K + k] = levelOf(model.comparisons[k] as CompiledComparison, a, b);
    }
    if (onProgress !== undefined && (p & 0xffff) === 0) {
      onProgress(p, pairs.length);
    }
  }
  onProgress?.(pairs.length, pairs.length);
  return out;
}

/** The outcome of expectation-maximisation. */
export interface EmResult {
  m: Float64Array[];
  prior: number;
  iterations: number;
  converged: boolean;
}

/** Starting m: most matches agree exactly, a few reach the fuzzy levels, few disagree. */
function initialM(c: CompiledComparison): Float64Array {
  const m = new Float64Array(c.size);
  const fuzzy = c.size - 3;
  m[1] = fuzzy === 0 ? 0.95 : 0.8;
  for (let l = 2; l < c.size - 1; l += 1) {
    m[l] = 0.15 / fuzzy;
  }
  m[c.size - 1] = 0.05;
  return m;
}

/**
 * Estimates m and λ by expectation-maximisation over the blocked pairs, with u held at its random-pair
 * estimate (Fellegi-Sunter with conditional independence; Winkler 1988, Splink's training scheme).
 *
 * The posterior of a pair depends only on its comparison vector, and the blocking rules select pairs by
 * their comparison vector, so the posterior computed with the population prior λ is also right inside the
 * blocked set. Matches that escape every blocking rule are assumed to be negligible (the rules are a
 * union for that reason); under that assumption the matches of the whole population are the matches among
 * the blocked pairs, which is all the M-step for m needs, and λ is the expected number of matches divided
 * by all possible pairs. Identical comparison vectors are counted once, so an iteration costs one pass over
 * the distinct vectors.
 */
export function expectationMaximisation(
  model: CompiledModel,
  levels: Uint8Array,
  pairCount: number,
  u: readonly Float64Array[],
  allPairs: number,
  settings: TrainingSettings,
  initialPrior: number,
): EmResult {
  const comparisons = model.comparisons;
  const K = comparisons.length;
  const radix = comparisons.map((c) => c.size);
  const place: number[] = [];
  let span = 1;
  for (const r of radix) {
    place.push(span);
    span *= r;
  }
  if (span > 2 ** 52) {
    throw badConfig('The configuration has too many comparisons and levels to train; use fewer levels.');
  }
  const patternCounts = new Map<number, number>();
  for (let p = 0; p < pairCount; p += 1) {
    let key = 0;
    for (let k = 0; k < K; k += 1) {
      key += (levels[p * K + k] ?? 0) * (place[k] ?? 0);
    }
    patternCounts.set(key, (patternCounts.get(key) ?? 0) + 1);
  }
  const P = patternCounts.size;
  const patterns = new Uint8Array(P * K);
  const counts = new Float64Array(P);
  let index = 0;
  for (const [key, count] of patternCounts) {
    let rest = key;
    for (let k = K - 1; k >= 0; k -= 1) {
      const level = Math.floor(rest / (place[k] ?? 1));
      patterns[index * K + k] = level;
      rest -= level * (place[k] ?? 1);
    }
    counts[index] = count;
    index += 1;
  }
  const logU = u.map((x) => x.map(Math.log));
  let m = comparisons.map(initialM);
  let prior = settings.prior ?? initialPrior;
  let iterations = 0;
  let converged = false;
  while (iterations < settings.maxIterations && !converged) {
    iterations += 1;
    const logM = m.map((x) => x.map(Math.log));
    const acc = comparisons.map((c) => new Float64Array(c.size));
    const priorLogit = Math.log(prior / (1 - prior));
    let expectedMatches = 0;
    for (let p = 0; p < P; p += 1) {
      let s = priorLogit;
      for (let k = 0; k < K; k += 1) {
        const level = patterns[p * K + k] ?? 0;
        if (level !== 0) {
          s += ((logM[k] as Float64Array)[level] ?? 0) - ((logU[k] as Float64Array)[level] ?? 0);
        }
      }
      const w = (counts[p] ?? 0) / (1 + Math.exp(-s));
      expectedMatches += w;
      for (let k = 0; k < K; k += 1) {
        const level = patterns[p * K + k] ?? 0;
        if (level !== 0) {
          (acc[k] as Float64Array)[level] = ((acc[k] as Float64Array)[level] ?? 0) + w;
        }
      }
    }
    // Half a pseudo-match per level keeps every m above zero, so that no single disagreement can veto a pair.
    const next = comparisons.map((c, k) => {
      const a = acc[k] as Float64Array;
      let total = 0;
      for (let l = 1; l < c.size; l += 1) {
        total += (a[l] ?? 0) + 0.5;
      }
      const out = new Float64Array(c.size);
      for (let l = 1; l < c.size; l += 1) {
        out[l] = ((a[l] ?? 0) + 0.5) / total;
      }
      return out;
    });
    const nextPrior =
      settings.prior ?? Math.min(0.5, Math.max(expectedMatches / allPairs, 1 / (allPairs * 10)));
    let delta = Math.abs(nextPrior - prior) / prior;
    for (let k = 0; k < K; k += 1) {
      const a = m[k] as Float64Array;
      const b = next[k] as Float64Array;
      for (let l = 1; l < a.length; l += 1) {
        delta = Math.max(delta, Math.abs((a[l] ?? 0) - (b[l] ?? 0)));
      }
    }
    m = next;
    prior = nextPrior;
    converged = delta < settings.tolerance;
  }
  return { m, prior, iterations, converged };
}

/** Everything training produced, for reports. */
export interface TrainingReport {
  blockedPairs: number;
  possiblePairs: number;
  randomPairs: number;
  iterations: number;
  converged: boolean;
  prior: number;
}

/**
 * Trains a model without labels: u from random pairs, term frequencies from the data, m and λ by EM on the
 * blocked pairs (whose levels are given).
 */
export function trainParameters(
  model: CompiledModel,
  sides: Sides,
  levels: Uint8Array,
  pairCount: number,
  settings: TrainingSettings,
): { parameters: ModelParameters; report: TrainingReport } {
  const u = estimateU(model, sides, settings);
  const allPairs = totalPairs(sides);
  const expected = Math.max(sides.left.length, sides.right?.length ?? 0) / 2;
  const em = expectationMaximisation(
    model,
    levels,
    pairCount,
    u,
    allPairs,
    settings,
    Math.min(0.5, Math.max(expected / allPairs, 1e-12)),
  );
  return {
    parameters: { prior: em.prior, m: em.m, u, termFrequencies: termFrequencies(model, sides) },
    report: {
      blockedPairs: pairCount,
      possiblePairs: allPairs,
      randomPairs: settings.randomPairs,
      iterations: em.iterations,
      converged: em.converged,
      prior: em.prior,
    },
  };
}
