import { BlockIndex, pushPair, type PairList } from './blocking.ts';
import { badConfig } from './errors.ts';
import { levelOf, type CompiledComparison } from './levels.ts';
import {
  scoredBySession,
  weightOfLevels,
  withParameters,
  type CompiledModel,
  type CompiledSession,
  type ModelParameters,
  type SessionParameters,
} from './model.ts';
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
  /** u: the one given, or the one estimated with `estimateU`. */
  u: Float64Array[];
  prior: number;
  iterations: number;
  converged: boolean;
}

/** Weight, in pairs, of the random pairs' u when a session estimates u (see `expectationMaximisation`). */
const U_PSEUDO_PAIRS = 10;

/** Options of {@link expectationMaximisation}. */
export interface EmOptions {
  /** Comparisons to estimate (default all); the others take no part and keep their starting m. */
  active?: readonly boolean[];
  /** Ceiling of λ (default 0.5: in a whole population, matches are never the majority of pairs). */
  maxPrior?: number;
  /** Estimate u too (for the active comparisons), instead of holding it at the random pairs' estimate. */
  estimateU?: boolean;
}

/**
 * The upper bound of m per comparison and level (1 where none is set): `maxM` of a level, `elseMaxM` of the
 * implicit last level.
 */
export function mBounds(model: CompiledModel): Float64Array[] {
  return model.comparisons.map((c, k) => {
    const config = model.config.comparisons[k];
    const out = new Float64Array(c.size).fill(1);
    config?.levels.forEach((level, i) => {
      out[i + 1] = level.maxM ?? 1;
    });
    out[c.size - 1] = config?.elseMaxM ?? 1;
    return out;
  });
}

/**
 * m held under its bounds: a level above its bound is set to it and the excess is shared among the unbounded
 * levels in proportion to their m (the maximum-likelihood m under the bound).
 */
export function bounded(m: Float64Array, bounds: Float64Array): Float64Array {
  const out = Float64Array.from(m);
  const capped = new Uint8Array(out.length);
  for (let round = 0; round < out.length; round += 1) {
    let excess = 0;
    for (let l = 1; l < out.length; l += 1) {
      const limit = bounds[l] ?? 1;
      if ((out[l] ?? 0) > limit) {
        excess += (out[l] ?? 0) - limit;
        out[l] = limit;
        capped[l] = 1;
      }
    }
    if (excess <= 0) {
      break;
    }
    let free = 0;
    for (let l = 1; l < out.length; l += 1) {
      free += capped[l] === 1 ? 0 : (out[l] ?? 0);
    }
    if (free <= 0) {
      break;
    }
    for (let l = 1; l < out.length; l += 1) {
      if (capped[l] !== 1) {
        out[l] = (out[l] ?? 0) * (1 + excess / free);
      }
    }
  }
  return out;
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
  options: EmOptions = {},
): EmResult {
  const comparisons = model.comparisons;
  const active = options.active ?? comparisons.map(() => true);
  const maxPrior = options.maxPrior ?? 0.5;
  const freeU = options.estimateU === true;
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
      // A comparison held fixed counts as missing: it takes no part in the posterior.
      key += active[k] === true ? (levels[p * K + k] ?? 0) * (place[k] ?? 0) : 0;
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
  // Estimated u starts at the random pairs' u and is drawn towards it by a few pseudo-pairs: where the
  // session's pairs hold (almost) no non-matches, u stays what random pairs say instead of being made up.
  let currentU = [...u];
  const bounds = mBounds(model);
  let m = comparisons.map((c, k) => bounded(initialM(c), bounds[k] as Float64Array));
  let prior = settings.prior ?? initialPrior;
  let iterations = 0;
  let converged = false;
  while (iterations < settings.maxIterations && !converged) {
    iterations += 1;
    const logM = m.map((x) => x.map(Math.log));
    const logU = currentU.map((x) => x.map(Math.log));
    const acc = comparisons.map((c) => new Float64Array(c.size));
    const accU = comparisons.map((c) => new Float64Array(c.size));
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
      const notW = (counts[p] ?? 0) - w;
      expectedMatches += w;
      for (let k = 0; k < K; k += 1) {
        const level = patterns[p * K + k] ?? 0;
        if (level !== 0) {
          (acc[k] as Float64Array)[level] = ((acc[k] as Float64Array)[level] ?? 0) + w;
          (accU[k] as Float64Array)[level] = ((accU[k] as Float64Array)[level] ?? 0) + notW;
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
      return bounded(out, bounds[k] as Float64Array);
    });
    const nextU = freeU
      ? comparisons.map((c, k) => {
          const a = accU[k] as Float64Array;
          const anchor = u[k] as Float64Array;
          let total = 0;
          for (let l = 1; l < c.size; l += 1) {
            total += (a[l] ?? 0) + U_PSEUDO_PAIRS * (anchor[l] ?? 0);
          }
          const out = new Float64Array(c.size);
          for (let l = 1; l < c.size; l += 1) {
            out[l] = ((a[l] ?? 0) + U_PSEUDO_PAIRS * (anchor[l] ?? 0)) / total;
          }
          return out;
        })
      : currentU;
    const nextPrior =
      settings.prior ?? Math.min(maxPrior, Math.max(expectedMatches / allPairs, 1 / (allPairs * 10)));
    let delta = Math.abs(nextPrior - prior) / prior;
    for (let k = 0; k < K; k += 1) {
      const a = m[k] as Float64Array;
      const b = next[k] as Float64Array;
      for (let l = 1; l < a.length; l += 1) {
        delta = Math.max(delta, Math.abs((a[l] ?? 0) - (b[l] ?? 0)));
      }
    }
    if (freeU) {
      for (let k = 0; k < K; k += 1) {
        const a = currentU[k] as Float64Array;
        const b = nextU[k] as Float64Array;
        for (let l = 1; l < a.length; l += 1) {
          delta = Math.max(delta, Math.abs((a[l] ?? 0) - (b[l] ?? 0)));
        }
      }
    }
    m = next;
    currentU = nextU;
    prior = nextPrior;
    converged = delta < settings.tolerance;
  }
  return { m, u: currentU, prior, iterations, converged };
}

/** What one training session found, for reports. */
export interface SessionReport {
  name: string;
  /** Pairs the session's key selects (before sampling). */
  blockedPairs: number;
  /** Pairs it trained on (after sampling to `maxPairs`). */
  trainedPairs: number;
  /** Names of the comparisons it estimated. */
  estimated: string[];
  /** λ within the session's pairs. */
  prior: number;
  iterations: number;
  converged: boolean;
}

/** Everything training produced, for reports. */
export interface TrainingReport {
  blockedPairs: number;
  possiblePairs: number;
  randomPairs: number;
  iterations: number;
  converged: boolean;
  prior: number;
  /** The sessions m was estimated in (absent when m comes from one EM over the run's pairs). */
  sessions?: SessionReport[];
}

/**
 * The pairs of one session: every pair of records sharing a key of the session's rule, sampled at random
 * (Bernoulli, seeded) down to about `maxPairs` when there are more. The pairs are counted in a first pass so
 * that a session over a common key (the birth date of a million records: tens of millions of pairs) never
 * holds more than its sample.
 */
export function sessionPairs(
  session: CompiledSession,
  sides: Sides,
  seed: number,
): { pairs: PairList; blocked: number } {
  const dedupe = sides.right === undefined;
  const indexed = sides.right ?? sides.left;
  const index = new BlockIndex([session.rule], indexed, dedupe);
  let blocked = 0;
  const count = () => {
    blocked += 1;
  };
  for (let i = 0; i < sides.left.length; i += 1) {
    index.forEachCandidate(sides.left[i] as PreparedRecord, count, dedupe ? i + 1 : 0);
  }
  const keep = blocked <= session.maxPairs ? 1 : session.maxPairs / blocked;
  const random = seededRandom(seed);
  const pairs: PairList = { left: new Int32Array(1024), right: new Int32Array(1024), length: 0 };
  let i = 0;
  const visit = (j: number) => {
    if (keep < 1 && random() >= keep) {
      return;
    }
    pushPair(pairs, i, j);
  };
  for (; i < sides.left.length; i += 1) {
    index.forEachCandidate(sides.left[i] as PreparedRecord, visit, dedupe ? i + 1 : 0);
  }
  return { pairs, blocked };
}

/**
 * m estimated in sessions, as Splink does: each session runs EM on the pairs blocked on some fields, with the
 * comparisons of those fields held fixed, and estimates the others; a comparison's m is the mean over the
 * sessions that estimate it.
 *
 * Why: on identity data, pairs blocked on names are full of different people with the same name
 * (namesakes, parents and children, twins). One EM over all blocked pairs with every comparison free then
 * finds "same name" as the matching class and learns that a different birth date or document is weak
 * evidence against a match. Inside a block on names, the names say nothing, so EM has to separate the
 * classes on birth date, document, place and sex: the namesakes fall on the non-match side, and m of a
 * different birth date comes out as rare as it is among records of one person. Names' m in turn comes from
 * pairs blocked on birth date, where the name is what separates a person from others born the same day.
 */
export function sessionM(
  model: CompiledModel,
  sides: Sides,
  u: readonly Float64Array[],
  settings: TrainingSettings,
): { m: Float64Array[]; sessions: SessionReport[]; parameters: (SessionParameters | undefined)[] } {
  const sums = model.comparisons.map((c) => new Float64Array(c.size));
  const parameters: (SessionParameters | undefined)[] = [];
  const counts = model.comparisons.map(() => 0);
  const reports: SessionReport[] = [];
  for (const [n, session] of model.sessions.entries()) {
    const { pairs, blocked } = sessionPairs(session, sides, settings.seed + n + 1);
    const reportBase = {
      name: session.name,
      blockedPairs: blocked,
      trainedPairs: pairs.length,
      estimated: model.comparisons.filter((_, k) => session.estimates[k] === true).map((c) => c.name),
    };
    if (pairs.length === 0) {
      reports.push({ ...reportBase, estimated: [], prior: 0, iterations: 0, converged: true });
      parameters.push(undefined);
      continue;
    }
    const levels = levelMatrix(model, sides, pairs);
    const { prior: _fixed, ...free } = settings;
    const em = expectationMaximisation(model, levels, pairs.length, u, pairs.length, free, 0.5, {
      active: session.estimates,
      maxPrior: 0.999,
      estimateU: session.conditional,
    });
    parameters.push(session.conditional ? { prior: em.prior, u: em.u } : undefined);
    for (const [k, estimates] of session.estimates.entries()) {
      if (estimates) {
        const m = em.m[k] as Float64Array;
        const sum = sums[k] as Float64Array;
        for (let l = 1; l < m.length; l += 1) {
          sum[l] = (sum[l] ?? 0) + (m[l] ?? 0);
        }
        counts[k] = (counts[k] ?? 0) + 1;
      }
    }
    reports.push({
      ...reportBase,
      prior: em.prior,
      iterations: em.iterations,
      converged: em.converged,
    });
  }
  const m = model.comparisons.map((c, k) => {
    const n = counts[k] ?? 0;
    if (n === 0) {
      // No session had pairs to estimate it (a tiny input): the starting m, as EM would begin with.
      return initialM(c);
    }
    return (sums[k] as Float64Array).map((x) => x / n);
  });
  return { m, sessions: reports, parameters };
}

/**
 * λ with m and u fixed: EM on the prior alone over the run's blocked pairs, each pair weighed exactly as it
 * will be scored (with the term-frequency adjustment), so that the probabilities it gives are calibrated.
 */
export function estimatePrior(
  weightsWithoutPrior: Float64Array,
  /** 1 for a pair a conditional session scores: its weight is complete and does not depend on λ. */
  complete: Uint8Array,
  allPairs: number,
  initialPrior: number,
  settings: TrainingSettings,
): { prior: number; iterations: number; converged: boolean } {
  let prior = initialPrior;
  const floor = 1 / (allPairs * 10);
  let fixedMatches = 0;
  for (const [p, w] of weightsWithoutPrior.entries()) {
    if (complete[p] === 1) {
      fixedMatches += 1 / (1 + 2 ** -w);
    }
  }
  for (let iteration = 1; iteration <= settings.maxIterations; iteration += 1) {
    const logit = Math.log2(prior / (1 - prior));
    let expected = fixedMatches;
    for (const [p, w] of weightsWithoutPrior.entries()) {
      if (complete[p] !== 1) {
        expected += 1 / (1 + 2 ** -(w + logit));
      }
    }
    const next = Math.min(0.5, Math.max(expected / allPairs, floor));
    const delta = Math.abs(next - prior) / prior;
    prior = next;
    if (delta < settings.tolerance) {
      return { prior, iterations: iteration, converged: true };
    }
  }
  return { prior, iterations: settings.maxIterations, converged: false };
}

/**
 * Trains a model without labels: u from random pairs and term frequencies from the data; then either m in
 * sessions (when the configuration has `training.sessions`) and λ by EM with m and u fixed, or m and λ
 * together by one EM on the blocked pairs (whose levels are given).
 */
export function trainParameters(
  model: CompiledModel,
  sides: Sides,
  levels: Uint8Array,
  pairs: PairList,
  settings: TrainingSettings,
): { parameters: ModelParameters; report: TrainingReport } {
  const u = estimateU(model, sides, settings);
  const allPairs = totalPairs(sides);
  const expected = Math.max(sides.left.length, sides.right?.length ?? 0) / 2;
  const initialPrior = Math.min(0.5, Math.max(expected / allPairs, 1e-12));
  const tf = termFrequencies(model, sides);
  const base = {
    blockedPairs: pairs.length,
    possiblePairs: allPairs,
    randomPairs: settings.randomPairs,
  };
  if (model.sessions.length === 0) {
    const em = expectationMaximisation(model, levels, pairs.length, u, allPairs, settings, initialPrior);
    return {
      parameters: { prior: em.prior, m: em.m, u, termFrequencies: tf },
      report: { ...base, iterations: em.iterations, converged: em.converged, prior: em.prior },
    };
  }
  const { m, sessions, parameters: own } = sessionM(model, sides, u, settings);
  const unscaled = withParameters(model, { prior: 0.5, m, u, termFrequencies: tf, sessions: own });
  const K = model.comparisons.length;
  const right = sides.right ?? sides.left;
  const weights = new Float64Array(pairs.length);
  const complete = new Uint8Array(pairs.length);
  for (let p = 0; p < pairs.length; p += 1) {
    const a = sides.left[pairs.left[p] ?? 0] as PreparedRecord;
    const b = right[pairs.right[p] ?? 0] as PreparedRecord;
    weights[p] = weightOfLevels(unscaled, levels.subarray(p * K, p * K + K), a, b);
    complete[p] = scoredBySession(unscaled, a, b) ? 1 : 0;
  }
  const fitted =
    settings.prior === undefined
      ? estimatePrior(weights, complete, allPairs, initialPrior, settings)
      : { prior: settings.prior, iterations: 0, converged: true };
  return {
    parameters: { prior: fitted.prior, m, u, termFrequencies: tf, sessions: own },
    report: {
      ...base,
      iterations: fitted.iterations,
      converged: fitted.converged,
      prior: fitted.prior,
      sessions,
    },
  };
}
