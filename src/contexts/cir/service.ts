import { LockedFollower, mustRebuild, readFeedBatch, type Changes } from '../../platform/changes/index.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import type { Logger } from '../../platform/logger.ts';
import {
  CIR_SYSTEMS,
  type CirChangeListener,
  type CirFile,
  type CirRef,
  type CirSource,
  type CirSystem,
} from './model.ts';
import { CirRepository, contentOf, refOf } from './repository.ts';

/** Refs handed to the sources per synchronisation step (one transaction). */
const BATCH = 5000;
/** Records read per source call during a rebuild. */
const SCAN_PAGE = 1000;
/** Templates change under the record's ref `<partition>:<recordRef>`, the partition named as the system. */
const TEMPLATES_TOPIC = 'sbms.templates';

export interface CirServiceDeps {
  database: Database;
  changes: Changes;
  logger: Logger;
}

/** What one call of {@link CirService.sync} did. */
export interface CirSyncReport {
  /** Files created or changed (handed to the listeners). */
  upserted: number;
  removed: number;
  /** The files were rebuilt from the sources (first start, or the feed was pruned past the position). */
  rebuilt: boolean;
  /** The feed position the files reflect now. */
  position: number | null;
}

/**
 * The common identity repository's files and their synchronisation with the sources (2019/817 and 2019/818
 * arts. 17-18, 23): each source system's records are read through its adapter's {@link CirSource} whenever the
 * change feed names them, and the files follow them, erasure included. The MID's detection runs as a listener
 * in the same transaction as the files it reads.
 *
 * Exactly once across nodes: each step locks the single `cir.sync_state` row, reads the feed's changes after
 * its position (up to what this node has applied to its in-memory indexes, which the listeners search), writes
 * the files, runs the listeners and advances the position in one transaction. A node that finds the position
 * already advanced does nothing.
 */
export class CirService {
  readonly #deps: CirServiceDeps;
  readonly #repo = new CirRepository();
  readonly #sources = new Map<CirSystem, CirSource>();
  readonly #listeners: CirChangeListener[] = [];
  /** The topics of the sources, and the templates' topic. */
  readonly #topics = new Set<string>([TEMPLATES_TOPIC]);
  readonly #follower: LockedFollower<CirSyncReport>;

  constructor(deps: CirServiceDeps) {
    this.#deps = deps;
    // After every page of changes this node has applied (its identity index and biometric indexes current up
    // to that position), the files catch up to it: the writing node before `Writes.run` returns.
    this.#follower = new LockedFollower<CirSyncReport>({
      ...deps,
      name: 'CIR',
      topics: this.#topics,
      active: () => this.#sources.size > 0,
      empty: () => ({ upserted: 0, removed: 0, rebuilt: false, position: null }),
      add: (into, step) => {
        into.upserted += step.upserted;
        into.removed += step.removed;
        into.rebuilt ||= step.rebuilt;
        into.position = step.position;
      },
      step: (trx, upTo) => this.#step(trx, upTo),
    });
  }

  /** Plugs in one system's files (the adapter's `cir` hook). */
  addSource(source: CirSource): void {
    if (this.#sources.has(source.system)) {
      throw new Error(`CIR source ${source.system} registered twice`);
    }
    this.#sources.set(source.system, source);
    for (const topic of source.topics) {
      this.#topics.add(topic);
    }
  }

  /** Runs `listener` in each synchronisation transaction with the files that changed (the MID). */
  onFilesChanged(listener: CirChangeListener): void {
    this.#listeners.push(listener);
  }

  get systems(): readonly CirSystem[] {
    return CIR_SYSTEMS.filter((s) => this.#sources.has(s));
  }

  /** The stored files of the refs (absent refs are left out). */
  files(refs: readonly string[], db: Executor = this.#deps.database.db): Promise<CirFile[]> {
    return this.#repo.files(db, refs);
  }

  async file(ref: string, db: Executor = this.#deps.database.db): Promise<CirFile | null> {
    return (await this.#repo.files(db, [ref]))[0] ?? null;
  }

  count(): Promise<number> {
    return this.#repo.count(this.#deps.database.db);
  }

  /**
   * Brings the files up to `upTo` (default: this node's feed position), one transaction per batch of
   * changes. Calls on one node run one after the other.
   */
  sync(upTo?: number): Promise<CirSyncReport> {
    return this.#follower.sync(upTo);
  }

  async #step(trx: Executor, upTo: number): Promise<CirSyncReport & { done: boolean }> {
    const position = await this.#repo.lockState(trx);
    if (await mustRebuild(trx, position)) {
      const r = await this.#rebuild(trx, upTo);
      return { ...r, rebuilt: true, position: upTo, done: true };
    }
    if (position === null || position >= upTo) {
      return { upserted: 0, removed: 0, rebuilt: false, position, done: true };
    }
    const byTopic = new Map<string, CirSource>();
    for (const source of this.#sources.values()) {
      for (const topic of source.topics) {
        byTopic.set(topic, source);
      }
    }
    const batch = await readFeedBatch(trx, [...byTopic.keys(), TEMPLATES_TOPIC], position, upTo, BATCH);
    const refs = new Map<CirSystem, Set<string>>();
    const forced = new Set<string>();
    for (const change of batch.changes) {
      for (const ref of change.refs) {
        let system: CirSystem | undefined;
        let recordRef = ref;
        if (change.topic === TEMPLATES_TOPIC) {
          const at = ref.indexOf(':');
          system = ref.slice(0, at) as CirSystem;
          recordRef = ref.slice(at + 1);
          if (!this.#sources.has(system)) {
            continue;
          }
          forced.add(`${system}:${recordRef}`);
        } else {
          system = byTopic.get(change.topic)?.system;
        }
        if (system === undefined) {
          continue;
        }
        const set = refs.get(system) ?? new Set<string>();
        set.add(recordRef);
        refs.set(system, set);
      }
    }
    const r = await this.#apply(trx, refs, forced);
    await this.#repo.setPosition(trx, batch.position);
    return { ...r, rebuilt: false, position: batch.position, done: batch.done };
  }

  /** Reads the refs from their sources, writes the files and runs the listeners with what changed. */
  async #apply(
    trx: Executor,
    refs: ReadonlyMap<CirSystem, ReadonlySet<string>>,
    forced: ReadonlySet<string>,
  ): Promise<{ upserted: number; removed: number }> {
    const loaded: CirFile[] = [];
    const gone: string[] = [];
    for (const [system, set] of refs) {
      const source = this.#sources.get(system)!;
      const ids = [...set];
      const files = await source.load(trx, ids);
      const found = new Set(files.map((f) => f.recordRef));
      loaded.push(...files.filter((f) => f.system === system));
      gone.push(...ids.filter((id) => !found.has(id)).map((id) => `${system}:${id}`));
    }
    const before = new Map(
      (await this.#repo.files(trx, loaded.map(refOf))).map((f) => [refOf(f), contentOf(f)]),
    );
    const changed = loaded.filter((f) => before.get(refOf(f)) !== contentOf(f) || forced.has(refOf(f)));
    const stored = loaded.filter((f) => before.get(refOf(f)) !== contentOf(f));
    await this.#repo.upsert(trx, stored);
    const removed = gone.length === 0 ? [] : await this.#repo.remove(trx, gone);
    if (changed.length > 0 || removed.length > 0) {
      for (const listener of this.#listeners) {
        await listener(trx, { upserted: changed, removed });
      }
    }
    return { upserted: changed.length, removed: removed.length };
  }

  /**
   * Reads every record of every source again (first start, or the feed no longer holds the changes after the
   * position), runs the listeners for all of them, removes files their sources no longer hold, and sets the
   * position to `head`.
   */
  async #rebuild(trx: Executor, head: number): Promise<{ upserted: number; removed: number }> {
    this.#deps.logger.info({ head }, 'CIR: building the files from the sources');
    let upserted = 0;
    let removed = 0;
    for (const source of this.#sources.values()) {
      const held = new Set<string>(await this.#repo.refsOf(trx, source.system));
      let after: string | null = null;
      for (;;) {
        const ids = await source.scan(trx, after, SCAN_PAGE);
        if (ids.length === 0) {
          break;
        }
        after = ids.at(-1)!;
        const files = (await source.load(trx, ids)).filter((f) => f.system === source.system);
        for (const f of files) {
          held.delete(refOf(f));
        }
        await this.#repo.upsert(trx, files);
        for (const listener of this.#listeners) {
          await listener(trx, { upserted: files, removed: [] });
        }
        upserted += files.length;
        if (ids.length < SCAN_PAGE) {
          break;
        }
      }
      if (held.size > 0) {
        const gone: CirRef[] = await this.#repo.remove(trx, [...held]);
        for (const listener of this.#listeners) {
          await listener(trx, { upserted: [], removed: gone });
        }
        removed += gone.length;
      }
    }
    await this.#repo.setPosition(trx, head, true);
    this.#deps.logger.info({ head, files: upserted, removed }, 'CIR: files built');
    return { upserted, removed };
  }
}
