import { compileRules, sharesKey, type CompiledRule } from './blocking.ts';
import {
  DEFAULT_SESSION_PAIRS,
  DEFAULT_THRESHOLD,
  comparedColumns,
  sessionEstimates,
  type LinkageConfig,
} from './config.ts';
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
  /** The training sessions (`training.sessions`); empty when m is estimated by one EM. */
  readonly sessions: readonly CompiledSession[];
  readonly threshold: number;
}

/** A training session compiled: the rule that pairs records and the comparisons it estimates. */
export interface CompiledSession {
  readonly name: string;
  readonly rule: CompiledRule;
  /** Per comparison: whether this session estimates its m. */
  readonly estimates: readonly boolean[];
  readonly maxPairs: number;
  /** Pairs this session's rule pairs are scored with its own prior and u. */
  readonly conditional: boolean;
}

/** What a conditional session estimated for the pairs its rule pairs. */
export interface SessionParameters {
  /** λ within the session's pairs: how many pairs agreeing on its keys are the same person. */
  readonly prior: number;
  /** u among the non-matching pairs of the session (used for the comparisons it estimates). */
  readonly u: readonly Float64Array[];
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
  /** Per session of the model (`undefined` for one that is not conditional). */
  readonly sessions?: readonly (SessionParameters | undefined)[];
}

/** A conditional session ready for scoring. */
interface ScoringSession {
  readonly name: string;
  readonly rule: CompiledRule;
  readonly u: readonly Float64Array[];
  readonly priorWeight: number;
  /** log2(m / u_session) per comparison and level; `undefined` for a comparison the session holds fixed. */
  readonly weights: readonly (Float64Array | undefined)[];
}

/** A compiled model with its parameters: everything needed to score a pair. */
export interface TrainedModel extends CompiledModel {
  readonly parameters: ModelParameters;
  /** log2 Bayes factor per comparison and level (0 for null). */
  readonly weights: readonly Float64Array[];
  /** For term-frequency comparisons: the adjusted weight of an exact agreement, per value. */
  readonly exactWeights: readonly (ReadonlyMap<string, number> | undefined)[];
  readonly priorWeight: number;
  /** The conditional sessions, in order: a pair is scored by the first whose rule pairs it. */
  readonly scoringSessions: readonly ScoringSession[];
}

/** Compiles a configuration: the columns to read, the level tests and the blocking rules. */
export function compileModel(config: LinkageConfig): CompiledModel {
  const columns = planColumns(config, comparedColumns(config));
  return {
    config,
    columns,
    comparisons: config.comparisons.map((c) => compileComparison(c, columns)),
    rules: compileRules(config.blocking, columns),
    sessions: (config.training?.sessions ?? []).map((session, i) => {
      const name = session.name ?? `session ${i + 1}`;
      const [rule] = compileRules(
        [{ name, on: session.on, ...(session.against === undefined ? {} : { against: session.against }) }],
        columns,
      );
      return {
        name,
        rule: rule as CompiledRule,
        estimates: config.comparisons.map((c) => sessionEstimates(session, c)),
        maxPairs: session.maxPairs ?? DEFAULT_SESSION_PAIRS,
        conditional: session.conditional === true,
      };
    }),
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
  const scoringSessions: ScoringSession[] = [];
  model.sessions.forEach((session, s) => {
    const own = parameters.sessions?.[s];
    if (!session.conditional || own === undefined) {
      return;
    }
    scoringSessions.push({
      name: session.name,
      rule: session.rule,
      u: own.u,
      priorWeight: log2(own.prior / (1 - own.prior)),
      weights: model.comparisons.map((c, k) => {
        if (session.estimates[k] !== true) {
          return undefined;
        }
        const w = new Float64Array(c.size);
        const m = parameters.m[k] as Float64Array;
        const u = own.u[k] as Float64Array;
        for (let l = 1; l < c.size; l += 1) {
          w[l] = log2((m[l] ?? 0) / (u[l] ?? 1));
        }
        return w;
      }),
    });
  });
  return { ...model, parameters, weights, exactWeights, priorWeight, scoringSessions };
}

/** The conditional session that scores a pair: the first whose rule pairs the two records. */
function sessionOf(model: TrainedModel, a: PreparedRecord, b: PreparedRecord): ScoringSession | undefined {
  for (const s of model.scoringSessions) {
    if (sharesKey(s.rule, a, b)) {
      return s;
    }
  }
  return undefined;
}

/** Whether a conditional session scores the pair (its weight then does not depend on the model's λ). */
export function scoredBySession(model: TrainedModel, a: PreparedRecord, b: PreparedRecord): boolean {
  return sessionOf(model, a, b) !== undefined;
}

/** The weight of one comparison for a pair at a given level, within a conditional session. */
function sessionComparisonWeight(session: ScoringSession, k: number, level: number): number {
  // A comparison the session holds fixed adds nothing: its agreement is what brought the pair into the block,
  // and the session's prior already counts it. (Adjusting it for how common the value is was tried and made
  // things worse: families share rare surnames and places non-randomly, so a rare value is no evidence
  // against a relative.)
  return session.weights[k]?.[level] ?? 0;
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
  const session = sessionOf(model, a, b);
  let w = session?.priorWeight ?? model.priorWeight;
  const comparisons = model.comparisons;
  for (let k = 0; k < comparisons.length; k += 1) {
    const level = levelOf(comparisons[k] as CompiledComparison, a.features, b.features);
    if (level !== 0) {
      w +=
        session === undefined
          ? comparisonWeight(model, k, level, a.features)
          : sessionComparisonWeight(session, k, level);
    }
  }
  return w;
}

/** The match weight from levels already computed (`levels[k]` for comparison k). */
export function weightOfLevels(
  model: TrainedModel,
  levels: ArrayLike<number>,
  a: PreparedRecord,
  b: PreparedRecord,
): number {
  const session = sessionOf(model, a, b);
  let w = session?.priorWeight ?? model.priorWeight;
  for (let k = 0; k < model.comparisons.length; k += 1) {
    const level = levels[k] ?? 0;
    if (level !== 0) {
      w +=
        session === undefined
          ? comparisonWeight(model, k, level, a.features)
          : sessionComparisonWeight(session, k, level);
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
  /**
   * The conditional training session that scored the pair, when one did (e.g. "names": the two records
   * agree on their names, so the prior is how often records with the same names are the same person).
   */
  session?: string;
  priorWeight: number;
  comparisons: ComparisonExplanation[];
  /** priorWeight plus the comparisons' weights. */
  matchWeight: number;
  matchProbability: number;
}

/** Explains the score of a pair, comparison by comparison (what a reviewer sees when a hit fires). */
export function explainPair(model: TrainedModel, a: PreparedRecord, b: PreparedRecord): PairExplanation {
  const session = sessionOf(model, a, b);
  const priorWeight = session?.priorWeight ?? model.priorWeight;
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
    const weight =
      session === undefined
        ? comparisonWeight(model, k, level, a.features)
        : sessionComparisonWeight(session, k, level);
    const held = session !== undefined && session.weights[k] === undefined;
    const m = held ? null : ((model.parameters.m[k] as Float64Array)[level] ?? 0);
    const u = held ? null : ((session?.u ?? model.parameters.u)[k]?.[level] ?? 0);
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
  const total = comparisons.reduce((sum, c) => sum + c.weight, priorWeight);
  return {
    ...(session === undefined ? {} : { session: session.name }),
    priorWeight,
    comparisons,
    matchWeight: total,
    matchProbability: probabilityOf(total),
  };
}
