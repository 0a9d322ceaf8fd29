import { compileRules, type CompiledRule } from './blocking.ts';
import { DEFAULT_THRESHOLD, comparedColumns, type LinkageConfig } from './config.ts';
import { compileComparison, levelOf, type CompiledComparison } from './levels.ts';
import { planColumns, prepareRecord, type ColumnPlan, type Feature, type PreparedRecord } from './prepare.ts';

/**
 * A Fellegi-Sunter model: comparisons with ordered levels, and for every level the probability m of seeing
 * it when two records are the same person and u when they are not. A pair's match weight is
 * log2(λ / (1 − λ)) + Σ log2(m / u) over the comparisons, and its match probability is
 * 2^w / (1 + 2^w) (Fellegi & Sunter 1969; the log2 presentation follows Splink).
 */
export interface CompiledModel {
  readonly config: LinkageConfig;
  readonly columns: readonly ColumnPlan[];
  readonly comparisons: readonly CompiledComparison[];
  readonly rules: readonly CompiledRule[];
  readonly threshold: number;
}

/** The estimated parameters of a model. */
export interface ModelParameters {
  /** λ: the probability that two records drawn at random are the same person. */
  readonly prior: number;
  /** m per comparison and level (level 0, null, is unused). */
  readonly m: readonly Float64Array[];
  /** u per comparison and level (level 0, null, is unused). */
  readonly u: readonly Float64Array[];
  /**
   * Term frequencies per comparison (only those with `termFrequency`): the share of non-missing values
   * equal to a value.
   */
  readonly termFrequencies: readonly (ReadonlyMap<string, number> | undefined)[];
}

/** A compiled model with its parameters: everything needed to score a pair. */
export interface TrainedModel extends CompiledModel {
  readonly parameters: ModelParameters;
  /** log2 Bayes factor per comparison and level (0 for null). */
  readonly weights: readonly Float64Array[];
  /** For term-frequency comparisons: the adjusted weight of an exact agreement, per value. */
  readonly exactWeights: readonly (ReadonlyMap<string, number> | undefined)[];
  readonly priorWeight: number;
}

/** Compiles a configuration: the columns to read, the level tests and the blocking rules. */
export function compileModel(config: LinkageConfig): CompiledModel {
  const columns = planColumns(config, comparedColumns(config));
  return {
    config,
    columns,
    comparisons: config.comparisons.map((c) => compileComparison(c, columns)),
    rules: compileRules(config.blocking, columns),
    threshold: config.threshold ?? DEFAULT_THRESHOLD,
  };
}

/** Prepares a raw record (column → text) for a model. */
export function prepareFor(
  model: CompiledModel,
  id: string,
  raw: Readonly<Record<string, string | undefined>>,
): PreparedRecord {
  return prepareRecord(id, raw, model.columns);
}

const log2 = Math.log2;

/** Attaches parameters to a compiled model and pre-computes the weights used by scoring. */
export function withParameters(model: CompiledModel, parameters: ModelParameters): TrainedModel {
  const weights = model.comparisons.map((c, k) => {
    const w = new Float64Array(c.size);
    const m = parameters.m[k] as Float64Array;
    const u = parameters.u[k] as Float64Array;
    for (let l = 1; l < c.size; l += 1) {
      w[l] = log2((m[l] ?? 0) / (u[l] ?? 1));
    }
    return w;
  });
  const exactWeights = model.comparisons.map((c, k) => {
    const tf = parameters.termFrequencies[k];
    if (tf === undefined || c.exactLevel < 0) {
      return undefined;
    }
    // An exact agreement on a value of frequency f: P(agree on v | match) = m·f, P(agree on v | non-match)
    // = f², so the Bayes factor is m / f (the term-frequency adjustment of Winkler, as in Splink).
    const mExact = (parameters.m[k] as Float64Array)[c.exactLevel] ?? 0;
    const out = new Map<string, number>();
    for (const [value, f] of tf) {
      out.set(value, log2(mExact / f));
    }
    return out;
  });
  const priorWeight = log2(parameters.prior / (1 - parameters.prior));
  return { ...model, parameters, weights, exactWeights, priorWeight };
}

/** The weight of one comparison for a pair at a given level. */
function comparisonWeight(model: TrainedModel, k: number, level: number, a: readonly Feature[]): number {
  const c = model.comparisons[k] as CompiledComparison;
  if (level === c.exactLevel) {
    const tf = model.exactWeights[k];
    if (tf !== undefined) {
      const w = tf.get((a[c.column] as Feature).value);
      if (w !== undefined) {
        return w;
      }
    }
  }
  return (model.weights[k] as Float64Array)[level] ?? 0;
}

/**
 * The match weight of a pair: prior weight plus the sum of the comparisons' log2 Bayes factors. This is the
 * hot path of batch linkage and of index queries: it allocates nothing.
 */
export function matchWeight(model: TrainedModel, a: PreparedRecord, b: PreparedRecord): number {
  let w = model.priorWeight;
  const comparisons = model.comparisons;
  for (let k = 0; k < comparisons.length; k += 1) {
    const level = levelOf(comparisons[k] as CompiledComparison, a.features, b.features);
    if (level !== 0) {
      w += comparisonWeight(model, k, level, a.features);
    }
  }
  return w;
}

/** The match weight from levels already computed (`levels[k]` for comparison k). */
export function weightOfLevels(model: TrainedModel, levels: ArrayLike<number>, a: PreparedRecord): number {
  let w = model.priorWeight;
  for (let k = 0; k < model.comparisons.length; k += 1) {
    const level = levels[k] ?? 0;
    if (level !== 0) {
      w += comparisonWeight(model, k, level, a.features);
    }
  }
  return w;
}

/** Converts a match weight to a match probability. */
export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/** Converts a match probability to a match weight. */
export function weightOf(probability: number): number {
  return log2(probability / (1 - probability));
}

/** One comparison's part of a pair's explanation. */
export interface ComparisonExplanation {
  comparison: string;
  /** The level reached (its label), `null` when a value is missing, `else` when no level holds. */
  level: string;
  /** Level number: 0 = null, 1.. = configured levels in order, last = else. */
  levelIndex: number;
  m: number | null;
  u: number | null;
  /** The Bayes factor (m / u, or m / term frequency), 1 for null. */
  bayesFactor: number;
  /** log2 of the Bayes factor: what this comparison adds to the match weight. */
  weight: number;
  /** The value's term frequency when the exact-agreement weight was adjusted for it. */
  termFrequency?: number;
}

/** Why a pair got its probability: the prior and every comparison's level and weight. */
export interface PairExplanation {
  priorWeight: number;
  comparisons: ComparisonExplanation[];
  /** priorWeight plus the comparisons' weights. */
  matchWeight: number;
  matchProbability: number;
}

/** Explains the score of a pair, comparison by comparison (what a reviewer sees when a hit fires). */
export function explainPair(model: TrainedModel, a: PreparedRecord, b: PreparedRecord): PairExplanation {
  const comparisons = model.comparisons.map((c, k): ComparisonExplanation => {
    const level = levelOf(c, a.features, b.features);
    if (level === 0) {
      return {
        comparison: c.name,
        level: 'null',
        levelIndex: 0,
        m: null,
        u: null,
        bayesFactor: 1,
        weight: 0,
      };
    }
    const weight = comparisonWeight(model, k, level, a.features);
    const m = (model.parameters.m[k] as Float64Array)[level] ?? 0;
    const u = (model.parameters.u[k] as Float64Array)[level] ?? 0;
    const tf =
      level === c.exactLevel
        ? model.parameters.termFrequencies[k]?.get((a.features[c.column] as Feature).value)
        : undefined;
    return {
      comparison: c.name,
      level: c.labels[level] ?? String(level),
      levelIndex: level,
      m,
      u,
      bayesFactor: 2 ** weight,
      weight,
      ...(tf === undefined ? {} : { termFrequency: tf }),
    };
  });
  const total = comparisons.reduce((s, c) => s + c.weight, model.priorWeight);
  return {
    priorWeight: model.priorWeight,
    comparisons,
    matchWeight: total,
    matchProbability: probabilityOf(total),
  };
}
