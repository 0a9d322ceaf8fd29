import type { Executor } from './database/index.ts';

/**
 * One retention rule of one system: erases, inside the transaction given, every row whose erasure date
 * (`erase_after` or equivalent, computed by the context's rule) has passed, and returns the references of
 * the erased records so that cascades can follow them. The retention flow (src/flows/retention.ts) runs them.
 */
export interface RetentionRule {
  /** Stable id, e.g. `ees.entry-exit-record`. */
  readonly id: string;
  readonly system: string;
  readonly description: string;
  /** Article the period comes from, e.g. `Reg. (EU) 2017/2226 art. 34(1)`. */
  readonly legalBasis: string;
  erase(trx: Executor, today: string): Promise<{ erased: number; refs: readonly string[] }>;
}

/**
 * Something that holds copies of another system's records (identity repository, search indexes, caches) and
 * must forget them when the source record is erased (product principle 5: erasure cascades).
 */
export interface ErasureCascade {
  readonly id: string;
  /** Called in the same transaction as the erasure; returns how many copies it removed. */
  onErased(trx: Executor, system: string, refs: readonly string[]): Promise<number>;
  /** Called after the transaction committed, for in-memory indexes. */
  afterCommit?(system: string, refs: readonly string[]): void | Promise<void>;
}
