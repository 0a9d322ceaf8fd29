import { createHmac, randomBytes } from 'node:crypto';
import { LockedFollower, mustRebuild, readFeedBatch, type Changes } from '../../platform/changes/index.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import type { Logger } from '../../platform/logger.ts';
import { FIGURES, isFigure } from './figures.ts';
import type { StatsFact, StatsSource } from './model.ts';
import { KEY_SEPARATOR, StatsRepository, type CellDelta, type ContributionRow } from './repository.ts';

/** Refs handed to the sources per synchronisation step (one transaction). */
const BATCH = 2000;
/** Records read per source call during a build. */
const SCAN_PAGE = 1000;
/** Longest code kept in a dimension (a longer value is cut). */
const MAX_VALUE = 64;

/** What one call of {@link StatsSync.sync} did. */
export interface StatsSyncReport {
  /** Records whose contributions were read. */
  records: number;
  /** Cells whose count changed. */
  cells: number;
  rebuilt: boolean;
  position: number | null;
}

/** A dimension value as kept: a code without control characters, `unknown` when empty. */
function codeOf(value: string | undefined): string {
  const v = (value ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, MAX_VALUE);
  return v === '' ? 'unknown' : v;
}

/** The cell key of a fact: its figure's dimension values in the figure's order. */
export function dimsKeyOf(fact: Pick<StatsFact, 'figure' | 'dims'>): string {
  return FIGURES[fact.figure].dimensions.map((d) => codeOf(fact.dims[d])).join(KEY_SEPARATOR);
}

/** Adds the deltas up per cell (one row per cell in a statement), leaving out those that cancel out. */
function sumDeltas(deltas: readonly CellDelta[]): CellDelta[] {
  const byCell = new Map<string, CellDelta>();
  for (const d of deltas) {
    const key = `${d.figure}\u0000${d.day}\u0000${d.dimsKey}`;
    const before = byCell.get(key);
    byCell.set(key, before === undefined ? { ...d } : { ...before, delta: before.delta + d.delta });
  }
  return [...byCell.values()].filter((d) => d.delta !== 0);
}

/**
 * What a record's contributions change in the cells: the facts it gives now against what it gave before. A
 * record no longer held (`now` null) takes its states off; its events stay counted (art. 39(2) [K]: the
 * statistics outlive the personal data). An event no longer given by a record still held stays counted too.
 */
export function diffContributions(
  before: readonly ContributionRow[],
  now: readonly ContributionRow[] | null,
): CellDelta[] {
  const deltas: CellDelta[] = [];
  const cell = (c: ContributionRow, sign: number): CellDelta => ({
    figure: c.figure,
    day: c.day,
    dimsKey: c.dimsKey,
    delta: sign * c.n,
  });
  const old = new Map(before.map((c) => [c.factHash, c]));
  for (const c of now ?? []) {
    const o = old.get(c.factHash);
    old.delete(c.factHash);
    if (
      o !== undefined &&
      o.figure === c.figure &&
      o.day === c.day &&
      o.dimsKey === c.dimsKey &&
      o.n === c.n
    ) {
      continue;
    }
    if (o !== undefined) {
      deltas.push(cell(o, -1));
    }
    deltas.push(cell(c, 1));
  }
  for (const o of old.values()) {
    if (o.kind === 'state') {
      deltas.push(cell(o, -1));
    }
  }
  return deltas;
}

export interface StatsSyncDeps {
  database: Database;
  changes: Changes;
  logger: Logger;
}

/**
 * Keeps the repository's cells current from the change feed (2019/817 art. 39(2): the data are extracted from
 * the systems and made anonymous). For each changed ref the source is asked for the facts the record gives now;
 * they are compared with the record's stored contributions and the cells change by the difference.
 *
 * Exactly once across nodes: each step locks the single `stats.sync_state` row, reads the changes after its
 * position, updates cells and contributions and advances the position in one transaction. The first start, a
 * pruned feed (a gap after the position) or a source not yet built makes a build from the sources' `scan`.
 */
export class StatsSync {
  readonly #deps: StatsSyncDeps;
  readonly #repo = new StatsRepository();
  readonly #sources = new Map<string, StatsSource>();
  readonly #topics = new Set<string>();
  readonly #follower: LockedFollower<StatsSyncReport>;

  constructor(deps: StatsSyncDeps) {
    this.#deps = deps;
    this.#follower = new LockedFollower<StatsSyncReport>({
      ...deps,
      name: 'Statistics',
      topics: this.#topics,
      active: () => this.#sources.size > 0,
      empty: () => ({ records: 0, cells: 0, rebuilt: false, position: null }),
      add: (into, step) => {
        into.records += step.records;
        into.cells += step.cells;
        into.rebuilt ||= step.rebuilt;
        into.position = step.position;
      },
      step: (trx, upTo) => this.#step(trx, upTo),
    });
  }

  /**
   * Plugs in one system's facts (the adapter's `stats` hook). The source's `system` names its records in the
   * bookkeeping: two sources must not share it.
   */
  addSource(source: StatsSource): void {
    if (this.#sources.has(source.system)) {
      throw new Error(`statistics source ${source.system} registered twice`);
    }
    this.#sources.set(source.system, source);
    for (const topic of source.topics) {
      this.#topics.add(topic);
    }
  }

  get sources(): readonly StatsSource[] {
    return [...this.#sources.values()];
  }

  /** Brings the cells up to `upTo` (default: this node's feed position); calls on one node run in turn. */
  sync(upTo?: number): Promise<StatsSyncReport> {
    return this.#follower.sync(upTo);
  }

  async #secret(trx: Executor, stored: string | null): Promise<string> {
    if (stored !== null) {
      return stored;
    }
    await this.#repo.setSecret(trx, randomBytes(32).toString('base64'));
    return (await this.#repo.lockState(trx)).secret!;
  }

  async #step(trx: Executor, upTo: number): Promise<StatsSyncReport & { done: boolean }> {
    const state = await this.#repo.lockState(trx);
    const secret = await this.#secret(trx, state.secret);
    if (state.position === null || (await mustRebuild(trx, state.position))) {
      const r = await this.#build(trx, secret, [...this.#sources.values()], state.generation + 1, true);
      await this.#repo.setPosition(trx, upTo, state.generation + 1);
      await this.#repo.markBuilt(trx, [...this.#sources.keys()]);
      return { ...r, rebuilt: true, position: upTo, done: true };
    }
    const built = new Set(await this.#repo.builtSources(trx));
    const missing = [...this.#sources.values()].filter((s) => !built.has(s.system));
    if (missing.length > 0) {
      // A source plugged in after the first build: its records are read once, the others' stay as they are.
      const r = await this.#build(trx, secret, missing, state.generation, false);
      await this.#repo.markBuilt(
        trx,
        missing.map((s) => s.system),
      );
      return { ...r, rebuilt: true, position: state.position, done: false };
    }
    if (state.position >= upTo) {
      return { records: 0, cells: 0, rebuilt: false, position: state.position, done: true };
    }
    const byTopic = new Map<string, StatsSource[]>();
    for (const source of this.#sources.values()) {
      for (const topic of source.topics) {
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), source]);
      }
    }
    const batch = await readFeedBatch(trx, byTopic.keys(), state.position, upTo, BATCH);
    const refs = new Map<StatsSource, Set<string>>();
    for (const change of batch.changes) {
      for (const source of byTopic.get(change.topic) ?? []) {
        const set = refs.get(source) ?? new Set<string>();
        for (const ref of change.refs) {
          set.add(ref);
        }
        refs.set(source, set);
      }
    }
    let records = 0;
    let cells = 0;
    for (const [source, set] of refs) {
      const r = await this.#apply(trx, secret, source, [...set], state.generation);
      records += r.records;
      cells += r.cells;
    }
    await this.#repo.setPosition(trx, batch.position);
    return { records, cells, rebuilt: false, position: batch.position, done: batch.done };
  }

  /** Reads the refs' facts from their source and moves the cells by the difference. */
  async #apply(
    trx: Executor,
    secret: string,
    source: StatsSource,
    refs: readonly string[],
    generation: number,
  ): Promise<{ records: number; cells: number }> {
    if (refs.length === 0) {
      return { records: 0, cells: 0 };
    }
    const facts = await source.facts(trx, refs);
    const hashOf = new Map(refs.map((ref) => [ref, hmac(secret, `${source.system}\u0000${ref}`)]));
    const hashes = [...hashOf.values()];
    const stored = new Map<string, ContributionRow[]>();
    for (const c of await this.#repo.contributions(trx, hashes)) {
      stored.set(c.recordHash, [...(stored.get(c.recordHash) ?? []), c]);
    }
    const rows: ContributionRow[] = [];
    const deltas: CellDelta[] = [];
    for (const [ref, recordHash] of hashOf) {
      const given = facts.get(ref);
      const now = given === undefined ? null : this.#rows(secret, source, recordHash, given);
      deltas.push(...diffContributions(stored.get(recordHash) ?? [], now));
      rows.push(...(now ?? []));
    }
    await this.#repo.replaceContributions(trx, hashes, rows, generation);
    const summed = sumDeltas(deltas);
    await this.#repo.applyDeltas(trx, summed);
    return { records: refs.length, cells: summed.length };
  }

  /** The facts as contributions: keys hashed, figure and dimensions checked against the catalogue. */
  #rows(
    secret: string,
    source: StatsSource,
    recordHash: string,
    facts: readonly StatsFact[],
  ): ContributionRow[] {
    const rows = new Map<string, ContributionRow>();
    for (const f of facts) {
      if (!isFigure(f.figure) || !/^\d{4}-\d{2}-\d{2}$/.test(f.day)) {
        this.#deps.logger.warn({ source: source.system, figure: f.figure }, 'Statistics: fact left out');
        continue;
      }
      const n = f.n ?? 1;
      if (!Number.isSafeInteger(n) || n <= 0) {
        continue;
      }
      const factHash = hmac(secret, `${f.figure}\u0000${f.key}`);
      rows.set(factHash, {
        recordHash,
        factHash,
        figure: f.figure,
        kind: FIGURES[f.figure].kind,
        day: f.day,
        dimsKey: dimsKeyOf(f),
        n,
      });
    }
    return [...rows.values()];
  }

  /**
   * Reads every record of the sources (first start, a pruned feed, a new source). With `dropUnseen`, the
   * records no source holds any more lose their states and their bookkeeping afterwards.
   */
  async #build(
    trx: Executor,
    secret: string,
    sources: readonly StatsSource[],
    generation: number,
    dropUnseen: boolean,
  ): Promise<{ records: number; cells: number }> {
    this.#deps.logger.info(
      { sources: sources.map((s) => s.system) },
      'Statistics: building from the sources',
    );
    let records = 0;
    let cells = 0;
    for (const source of sources) {
      let after: string | null = null;
      for (;;) {
        const ids = await source.scan(trx, after, SCAN_PAGE);
        if (ids.length === 0) {
          break;
        }
        after = ids.at(-1)!;
        const r = await this.#apply(trx, secret, source, ids, generation);
        records += r.records;
        cells += r.cells;
        if (ids.length < SCAN_PAGE) {
          break;
        }
      }
    }
    if (dropUnseen) {
      const gone = sumDeltas(await this.#repo.dropUnseen(trx, generation));
      await this.#repo.applyDeltas(trx, gone);
      cells += gone.length;
    }
    this.#deps.logger.info({ records, cells }, 'Statistics: built');
    return { records, cells };
  }
}

const hmac = (secret: string, value: string): string =>
  createHmac('sha256', secret).update(value).digest('base64url').slice(0, 32);
