import { requireAccess, type Actor } from '../../access/index.ts';
import type { AuditLog } from '../../audit/index.ts';
import type { Changes } from '../../../platform/changes/index.ts';
import type { Footprint } from '../../../platform/memory.ts';
import type { BulkWriter } from '../../../platform/database/bulk.ts';
import type { Database, Executor } from '../../../platform/database/index.ts';
import { invalid, isAppError } from '../../../platform/errors.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { ErasureCascade } from '../../../platform/retention.ts';
import { identityConfig } from '../default-config.ts';
import { compileModel, type CompiledModel } from '../model.ts';
import { IDENTITY_INDEX_ERRORS } from './errors.ts';
import { checkIdentity, queryDataTypes, type IdentityQuery, type IndexedIdentity } from './identity.ts';
import { IndexKeys } from './keys.ts';
import {
  IdentityIndex,
  type IdentityCandidate,
  type PreparedIdentity,
  type SearchOptions,
} from './memory.ts';
import { defaultParameters, fits, trainOnRecords, type StoredModel } from './parameters.ts';
import { MatchingRepository } from './repository.ts';

/** A write staged in a transaction, to apply to the in-memory index once the transaction has committed. */
export type IndexChange =
  | { readonly kind: 'put'; readonly identity: IndexedIdentity }
  | { readonly kind: 'remove'; readonly system: string; readonly recordRefs: readonly string[] };

/** What erasure needs from the identity index: its rows in the erasure's transaction, memory after commit. */
export type IdentityErasureCascade = Required<ErasureCascade>;

export interface IdentityIndexServiceDeps {
  database: Database;
  audit: AuditLog;
  logger: Logger;
  /** Train on the stored identities at start when there are at least this many and no stored model. */
  trainingMinimum?: number;
  /**
   * The change feed: when given, the in-memory index is changed only by the feed (on every node, the writing
   * one too); {@link IdentityIndexService.apply} is then left to the feed.
   */
  changes?: Changes;
}

/** Topic of identity writes and removals staged here; refs are `<system>:<recordRef>`. */
export const IDENTITY_TOPIC = 'matching.identity';

/**
 * Topics of systems whose record ids are their identities' refs: a bulk load that writes identities with
 * the repository and records only its own topic reaches the index too.
 */
const SYSTEM_TOPICS: Readonly<Record<string, string>> = {
  'ees.files': 'ees',
  'sis.alerts': 'sis',
  'etias.applications': 'etias',
};

const SETTING_MODEL = 'identity-model';
const SETTING_KEYS = 'identity-blocking-keys';
/** Below this, the stored identities are too few to estimate m and u; the shipped parameters apply. */
export const DEFAULT_TRAINING_MINIMUM = 5000;

/**
 * The live identity index as a service: the stored identities of every system (table `matching.identity`),
 * their blocking keys (`matching.blocking_key`) and the in-memory index that answers searches.
 *
 * Writing follows one pattern (the transactional outbox of an in-memory view):
 *
 * ```ts
 * const change = await db.transaction().execute(async (trx) => {
 *   await ownRepository.insert(trx, record);              // the caller's own write
 *   return identityIndex.stage(trx, identity);            // identity rows and keys, same transaction
 * });
 * identityIndex.apply(change);                             // in memory, only after the commit
 * ```
 *
 * A rolled-back transaction leaves nothing in the index, and the index never shows an identity the
 * database does not hold once `apply` has run. `put` and `remove` do both halves for callers without a
 * transaction of their own. Each process builds its index from the tables at `start`.
 */
export class IdentityIndexService {
  readonly #deps: IdentityIndexServiceDeps;
  readonly #repo = new MatchingRepository();
  readonly #model: CompiledModel;
  readonly #keys: IndexKeys;
  readonly #index: IdentityIndex;

  constructor(deps: IdentityIndexServiceDeps) {
    this.#deps = deps;
    this.#model = compileModel(identityConfig());
    this.#keys = new IndexKeys(this.#model);
    this.#index = new IdentityIndex(this.#model, this.#keys, defaultParameters(this.#model));
    const changes = deps.changes;
    if (changes !== undefined) {
      changes.register(IDENTITY_TOPIC, {
        name: 'matching.identity-index',
        apply: async (refs) => {
          const bySystem = new Map<string, string[]>();
          for (const ref of refs) {
            const at = ref.indexOf(':');
            const system = ref.slice(0, at);
            const list = bySystem.get(system) ?? [];
            list.push(ref.slice(at + 1));
            bySystem.set(system, list);
          }
          for (const [system, recordRefs] of bySystem) {
            await this.#reload(system, recordRefs);
          }
        },
      });
      for (const [topic, system] of Object.entries(SYSTEM_TOPICS)) {
        changes.register(topic, {
          name: 'matching.identity-index',
          apply: (recordRefs) => this.#reload(system, recordRefs),
        });
      }
    }
  }

  /** Reloads identities from the tables by ref (one query per batch); a ref no longer stored leaves the index. */
  async #reload(system: string, recordRefs: readonly string[]): Promise<void> {
    const found = await this.#repo.findMany(this.#deps.database.db, system, recordRefs);
    const present = new Set<string>();
    for (const identity of found) {
      present.add(identity.recordRef);
      this.#index.put(identity);
    }
    const gone = recordRefs.filter((ref) => !present.has(ref));
    if (gone.length > 0) {
      this.#index.remove(system, gone);
    }
  }

  /** The in-memory index (for benchmarks and tests). */
  get index(): IdentityIndex {
    return this.#index;
  }

  /**
   * Builds the in-memory index from the tables: loads the stored model (or trains one on the stored
   * identities when there are enough and none is stored, else keeps the shipped parameters) and rebuilds
   * the blocking-key table if it was made under other key specifications.
   */
  /**
   * What the in-memory index holds once started: every identity, about 1.6 KB of heap each with its
   * features and blocking keys (measured at 1.2 million identities; docs/benchmarks.md).
   */
  async footprint(): Promise<Footprint> {
    const identities = await this.#repo.count(this.#deps.database.db);
    return { what: 'identities in the identity index', items: identities, bytesPerItem: 1_600 };
  }

  async start(): Promise<{ identities: number; model: string }> {
    const db = this.#deps.database.db;
    for await (const page of this.#repo.all(db)) {
      for (const identity of page) {
        this.#index.put(identity);
      }
    }
    const storedKeys = await this.#repo.getSetting<{ fingerprint: string }>(db, SETTING_KEYS);
    if (storedKeys?.fingerprint !== this.#keys.fingerprint) {
      await db.transaction().execute(async (trx) => {
        await this.#repo.clearKeys(trx);
        const prepared: PreparedIdentity[] = [];
        for await (const page of this.#repo.all(trx)) {
          prepared.push(...page.map((identity) => this.#index.prepare(identity)));
        }
        await this.#repo.insertKeys(trx, prepared);
        await this.#repo.putSetting(trx, SETTING_KEYS, { fingerprint: this.#keys.fingerprint });
      });
    }
    const stored = await this.#repo.getSetting<StoredModel>(db, SETTING_MODEL);
    if (stored !== null && fits(this.#model, stored)) {
      this.#index.setParameters(stored);
    } else if (this.#index.size >= (this.#deps.trainingMinimum ?? DEFAULT_TRAINING_MINIMUM)) {
      await this.retrain();
    } else if (stored !== null) {
      this.#deps.logger.warn(
        'stored identity model does not fit the identity configuration; using the defaults',
      );
    }
    const model = this.#index.parameters.source;
    this.#deps.logger.info({ identities: this.#index.size, model }, 'identity index built');
    return { identities: this.#index.size, model };
  }

  /**
   * Trains m, u and λ without labels on the stored identities and stores them, so that a restart scores
   * the same.
   *
   * @throws AppError `MATCHING_BAD_CONFIG` when there are fewer than two identities
   */
  async retrain(): Promise<StoredModel> {
    const stored = trainOnRecords(this.#model, this.#index.records());
    await this.#deps.database.db
      .transaction()
      .execute((trx) => this.#repo.putSetting(trx, SETTING_MODEL, stored));
    this.#index.setParameters(stored);
    return stored;
  }

  /**
   * Writes an identity (its row and its blocking keys) in the caller's transaction. Apply the returned
   * change with {@link apply} after the commit.
   *
   * @throws AppError `MATCHING_INDEX_BAD_IDENTITY`
   */
  async stage(trx: Executor, identity: IndexedIdentity): Promise<IndexChange> {
    checkIdentity(identity);
    await this.#repo.upsert(trx, identity, this.#index.prepare(identity));
    await this.#deps.changes?.record(trx, IDENTITY_TOPIC, [`${identity.system}:${identity.recordRef}`]);
    return { kind: 'put', identity };
  }

  /**
   * Bulk path of {@link stage} (imports): writes new identities and their blocking keys through the writer's
   * transaction. Identities the index cannot take are left out when `skipInvalid` (as SIS does for an alert
   * without names) and refused otherwise. Apply the returned change after the commit.
   *
   * @throws AppError `MATCHING_INDEX_BAD_IDENTITY` (without `skipInvalid`)
   */
  async stageMany(
    writer: BulkWriter,
    identities: readonly IndexedIdentity[],
    options: { skipInvalid?: boolean } = {},
  ): Promise<IndexChange[]> {
    const kept: IndexedIdentity[] = [];
    for (const identity of identities) {
      try {
        checkIdentity(identity);
        kept.push(identity);
      } catch (err) {
        if (!(options.skipInvalid === true && isAppError(err) && err.kind === 'Invalid')) {
          throw err;
        }
      }
    }
    await this.#repo.insertMany(
      writer,
      kept,
      kept.map((i) => this.#index.prepare(i)),
    );
    return kept.map((identity) => ({ kind: 'put', identity }));
  }

  /** Deletes identities of one system (rows and keys) in the caller's transaction; apply the change after it. */
  async stageRemoval(
    trx: Executor,
    system: string,
    recordRefs: readonly string[],
  ): Promise<{ removed: number; change: IndexChange }> {
    const removed = await this.#repo.remove(trx, system, recordRefs);
    await this.#deps.changes?.record(
      trx,
      IDENTITY_TOPIC,
      recordRefs.map((ref) => `${system}:${ref}`),
    );
    return { removed, change: { kind: 'remove', system, recordRefs } };
  }

  /**
   * Applies staged changes to the in-memory index; call after the transaction that staged them committed.
   * With a change feed this does nothing: the feed applies them, on this node as on every other.
   */
  apply(...changes: IndexChange[]): void {
    if (this.#deps.changes !== undefined) {
      return;
    }
    for (const change of changes) {
      if (change.kind === 'put') {
        this.#index.put(change.identity);
      } else {
        this.#index.remove(change.system, change.recordRefs);
      }
    }
  }

  /** Adds or replaces one identity in its own transaction. */
  async put(identity: IndexedIdentity): Promise<void> {
    const change = await this.#deps.database.db.transaction().execute((trx) => this.stage(trx, identity));
    this.apply(change);
    await this.#deps.changes?.sync();
  }

  /** Removes identities of one system in their own transaction; returns how many were stored. */
  async remove(system: string, recordRefs: readonly string[]): Promise<number> {
    const { removed, change } = await this.#deps.database.db
      .transaction()
      .execute((trx) => this.stageRemoval(trx, system, recordRefs));
    this.apply(change);
    await this.#deps.changes?.sync();
    return removed;
  }

  /**
   * The top candidates for a partial identity among the identities of the allowed systems (for contexts,
   * which check their own access first).
   */
  search(query: IdentityQuery, options: SearchOptions): IdentityCandidate[] {
    if (options.systems.length === 0) {
      throw invalid(
        IDENTITY_INDEX_ERRORS.noSystems,
        'Name at least one system whose identities may be searched.',
      );
    }
    return this.#index.search(query, options);
  }

  /**
   * The model's calibrated probability (with its explanation) of each given identity of `system` being the
   * partial identity asked for; a value missing from the query counts as unknown. For contexts that retrieved
   * the candidates themselves and checked their own access first.
   */
  score(query: IdentityQuery, system: string, recordRefs: readonly string[]): Map<string, IdentityCandidate> {
    return this.#index.score(query, system, recordRefs);
  }

  /**
   * References of one system's identities that the index proposes for a partial identity, leaving out those
   * already known: the extra candidates a system's own (SQL) retrieval missed. A query too partial for the
   * blocking rules proposes nothing rather than failing the caller's search.
   */
  propose(query: IdentityQuery, system: string, known: ReadonlySet<string>, limit = 50): string[] {
    try {
      return this.search(query, { systems: [system], limit })
        .map((c) => c.recordRef)
        .filter((ref) => !known.has(ref));
    } catch (err) {
      if (isAppError(err) && err.kind === 'Invalid') {
        return [];
      }
      throw err;
    }
  }

  /**
   * A person's search: checks the permission and purpose, searches, and logs the query's data types (never
   * its values) and the references returned (Reg. (EU) 2019/817 art. 10: logs of the interoperability
   * components).
   */
  async searchAs(
    actor: Actor,
    input: { purpose: string | null; query: IdentityQuery } & SearchOptions,
  ): Promise<IdentityCandidate[]> {
    const purpose = requireAccess({ actor, permission: 'esp:search', purpose: input.purpose });
    const { purpose: _p, query, ...options } = input;
    const candidates = this.search(query, options);
    await this.#deps.audit.append({
      actor,
      system: 'esp',
      component: 'identity-index',
      operation: 'identity-index.search',
      outcome: 'success',
      purpose,
      queryDataTypes: queryDataTypes(query),
      resultSummary: `${candidates.length} candidates from ${options.systems.join(', ')}`,
      recordRefs: candidates.map((c) => `${c.system}:${c.recordRef}`),
    });
    return candidates;
  }

  /** Candidate retrieval from the in-memory blocking keys (unscored). */
  candidates(query: IdentityQuery, systems: readonly string[]): Array<{ system: string; recordRef: string }> {
    return this.#index.candidates(query, systems);
  }

  /** Candidate retrieval as SQL over `matching.blocking_key` (the scale-out path); the same set. */
  async sqlCandidates(
    query: IdentityQuery,
    systems: readonly string[],
    db: Executor = this.#deps.database.db,
  ): Promise<Array<{ system: string; recordRef: string }>> {
    return this.#repo.candidates(db, this.#index.probeKeys(query), systems);
  }

  /** The stored identity (for checks and erasure tests), or null. */
  async stored(
    system: string,
    recordRef: string,
  ): Promise<{ identity: IndexedIdentity | null; keys: number }> {
    const db = this.#deps.database.db;
    return {
      identity: await this.#repo.find(db, system, recordRef),
      keys: await this.#repo.countKeys(db, system, recordRef),
    };
  }

  /**
   * The erasure cascade for the retention flow: when a system's records are erased, their identities and
   * keys are deleted in the same transaction and leave the in-memory index after the commit.
   */
  erasureCascade(): IdentityErasureCascade {
    return {
      id: 'matching.identity-index',
      onErased: async (trx, system, refs) => (await this.stageRemoval(trx, system, refs)).removed,
      afterCommit: async (system, refs) => {
        this.apply({ kind: 'remove', system, recordRefs: refs });
        await this.#deps.changes?.sync();
      },
    };
  }
}
