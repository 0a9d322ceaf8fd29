import { candidatePairs, type PairList } from './blocking.ts';
import { configColumns, type LinkageConfig } from './config.ts';
import { invalid } from '../../platform/errors.ts';
import { MATCHING_ERRORS, missingColumn } from './errors.ts';
import {
  DEFAULT_TRAINING,
  levelMatrix,
  trainParameters,
  type TrainingReport,
  type TrainingSettings,
} from './estimate.ts';
import {
  compileModel,
  prepareFor,
  probabilityOf,
  weightOfLevels,
  withParameters,
  type TrainedModel,
} from './model.ts';
import type { PreparedRecord } from './prepare.ts';

/** A table of records: its column names and its rows (column → text). */
export interface Table {
  /** Shown in error messages (e.g. the file name). */
  name: string;
  columns: readonly string[];
  rows: readonly Readonly<Record<string, string | undefined>>[];
}

/** The stages of a run, reported to a progress callback. */
export type LinkageStage = 'prepare' | 'block' | 'compare' | 'train' | 'score';

/** Options of {@link runLinkage}. */
export interface LinkageOptions {
  /** Called now and then with the stage and how far it is. */
  onProgress?: (stage: LinkageStage, done: number, total: number) => void;
}

/** The result of a batch run: the trained model, the records and every blocked pair with its weight. */
export interface LinkageRun {
  model: TrainedModel;
  left: readonly PreparedRecord[];
  /** The right side; the same array as `left` when deduplicating. */
  right: readonly PreparedRecord[];
  dedupe: boolean;
  pairs: PairList;
  /** Comparison levels of every pair (`model.comparisons.length` per pair). */
  levels: Uint8Array;
  /** Match weight of every pair. */
  weights: Float64Array;
  training: TrainingReport;
}

/** One pair judged a match. */
export interface MatchedPair {
  /** Position in the left table. */
  left: number;
  /** Position in the right table (in the same table when deduplicating). */
  right: number;
  weight: number;
  probability: number;
}

function checkTable(config: LinkageConfig, table: Table): void {
  const missing = configColumns(config).filter((c) => !table.columns.includes(c));
  if (missing.length > 0) {
    throw missingColumn(
      `${table.name} has no column ${missing.map((c) => `"${c}"`).join(', ')}, which the configuration uses; its columns are ${table.columns.map((c) => `"${c}"`).join(', ')}.`,
      { table: table.name, missing },
    );
  }
}

function prepareTable(
  model: ReturnType<typeof compileModel>,
  table: Table,
  onProgress?: (done: number, total: number) => void,
): PreparedRecord[] {
  const idColumn = model.config.id;
  const seen = new Set<string>();
  return table.rows.map((row, i) => {
    const id = (row[idColumn] ?? '').trim();
    if (id === '') {
      throw invalid(
        MATCHING_ERRORS.emptyInput,
        `${table.name}: record ${i + 1} has an empty id (column "${idColumn}"); every record needs one.`,
      );
    }
    if (seen.has(id)) {
      throw invalid(
        MATCHING_ERRORS.duplicateId,
        `${table.name}: id "${id}" appears more than once; record ids must be unique within a file.`,
      );
    }
    seen.add(id);
    if (onProgress !== undefined && (i & 1023) === 0) {
      onProgress(i, table.rows.length);
    }
    return prepareFor(model, id, row);
  });
}

function trainingSettings(config: LinkageConfig): TrainingSettings {
  const t = config.training ?? {};
  return {
    randomPairs: t.randomPairs ?? DEFAULT_TRAINING.randomPairs,
    seed: t.seed ?? DEFAULT_TRAINING.seed,
    maxIterations: t.maxIterations ?? DEFAULT_TRAINING.maxIterations,
    tolerance: t.tolerance ?? DEFAULT_TRAINING.tolerance,
    ...(t.prior === undefined ? {} : { prior: t.prior }),
  };
}

/**
 * Batch linkage: prepares the records, finds candidate pairs under the union of the blocking rules,
 * compares them, trains the model without labels (u from random pairs, m and λ by EM) and weighs every
 * candidate pair. With one table it deduplicates the table; with two it links left to right.
 *
 * @throws AppError `MATCHING_MISSING_COLUMN`, `MATCHING_DUPLICATE_ID`, `MATCHING_EMPTY_INPUT`,
 *   `MATCHING_BAD_CONFIG`
 */
export function runLinkage(
  config: LinkageConfig,
  input: { left: Table; right?: Table },
  options: LinkageOptions = {},
): LinkageRun {
  const progress = options.onProgress;
  checkTable(config, input.left);
  if (input.right !== undefined) {
    checkTable(config, input.right);
  }
  const compiled = compileModel(config);
  const left = prepareTable(compiled, input.left, (d, t) => progress?.('prepare', d, t));
  const right = input.right === undefined ? undefined : prepareTable(compiled, input.right);
  const minimum = right === undefined ? 2 : 1;
  if (left.length < minimum || (right !== undefined && right.length < 1)) {
    throw invalid(
      MATCHING_ERRORS.emptyInput,
      right === undefined
        ? `${input.left.name} holds ${left.length} record(s); deduplication needs at least two.`
        : 'Both files need at least one record to link.',
    );
  }
  const sides = right === undefined ? { left } : { left, right };
  const pairs = candidatePairs(compiled.rules, left, right, (d, t) => progress?.('block', d, t));
  const levels = levelMatrix(compiled, sides, pairs, (d, t) => progress?.('compare', d, t));
  progress?.('train', 0, 1);
  const { parameters, report } = trainParameters(compiled, sides, levels, pairs, trainingSettings(config));
  progress?.('train', 1, 1);
  const model = withParameters(compiled, parameters);
  const K = model.comparisons.length;
  const weights = new Float64Array(pairs.length);
  for (let p = 0; p < pairs.length; p += 1) {
    weights[p] = weightOfLevels(
      model,
      levels.subarray(p * K, p * K + K),
      left[pairs.left[p] ?? 0] as PreparedRecord,
      (right ?? left)[pairs.right[p] ?? 0] as PreparedRecord,
    );
  }
  progress?.('score', pairs.length, pairs.length);
  return {
    model,
    left,
    right: right ?? left,
    dedupe: right === undefined,
    pairs,
    levels,
    weights,
    training: report,
  };
}

/** The pairs whose match probability reaches `threshold`, in pair order. */
export function matchesAbove(run: LinkageRun, threshold: number): MatchedPair[] {
  const out: MatchedPair[] = [];
  for (let p = 0; p < run.pairs.length; p += 1) {
    const weight = run.weights[p] ?? Number.NEGATIVE_INFINITY;
    const probability = probabilityOf(weight);
    if (probability >= threshold) {
      out.push({ left: run.pairs.left[p] ?? 0, right: run.pairs.right[p] ?? 0, weight, probability });
    }
  }
  return out;
}
