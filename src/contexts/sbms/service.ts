import type { Changes } from '../../platform/changes/index.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Footprint } from '../../platform/memory.ts';
import type { ErasureCascade } from '../../platform/retention.ts';
import { SBMS_ERRORS } from './errors.ts';
import { exactIndexFactory } from './exact.ts';
import { DEFAULT_SBMS_SETTINGS, fuse } from './fusion.ts';
import {
  PARTITIONS,
  type BiometricMatching,
  type Candidate,
  type FusedResult,
  type IdentifyOptions,
  type Modality,
  type Partition,
  type SbmsSettings,
  type StoredTemplate,
  type Template,
  type TemplateInput,
  type TemplateScore,
  type VectorIndex,
  type VectorIndexFactory,
  type VerificationResult,
} from './model.ts';
import { SbmsRepository } from './repository.ts';
import { loadSnapshot, saveSnapshot } from './snapshot.ts';
import { cosine, decodeTemplates } from './template.ts';

/** Topic of template writes and removals; refs are `<partition>:<recordRef>`. */
export const SBMS_TOPIC = 'sbms.templates';

export interface SbmsServiceDeps {
  database: Database;
  /** The change feed: the in-memory indexes change only by it, on every node (the writing one too). */
  changes: Changes;
  logger: Logger;
  settings?: SbmsSettings;
  /** Makes (or loads) the nearest-neighbour index of one partition, modality and position; exact by default. */
  indexFactory?: VectorIndexFactory;
  /** The kind of index the factory makes (default `exact`): a snapshot saved by another kind is not loaded. */
  indexKind?: string;
  /**
   * Directory of the indexes' snapshot (written after the build and at {@link SbmsService.close}, read at
   * start so that a restart reconciles template ids instead of rebuilding); null or absent: no snapshot.
   */
  snapshotDir?: string | null;
}

/** One template as the service holds it in memory; the vector only when its index does not keep it exactly. */
interface Entry {
  readonly key: number;
  readonly partition: Partition;
  readonly recordRef: string;
  readonly modality: Modality;
  readonly position: number;
  readonly quality: number;
  readonly vector: Float32Array | undefined;
}

const indexName = (partition: Partition, modality: Modality, position: number) =>
  `${partition}-${modality}-${position}`;
const recordKey = (partition: Partition, recordRef: string) => `${partition}:${recordRef}`;

/**
 * The shared biometric matching service (Reg. (EU) 2019/817 and 2019/818 arts. 12-16): the templates of EES,
 * SIS and Eurodac in table `sbms.template`, kept per partition (art. 13(1)), and in memory one nearest-neighbour
 * index per partition, modality and finger position, beside the exact vectors for re-ranking.
 *
 * Writes go through the caller's transaction and the change feed (topic `sbms.templates`): the indexes of
 * every node, this one too, reload the changed records from the table once the transaction committed.
 *
 * 1:N: each probe template asks the indexes of its modality and position in each reachable partition for
 * `limit × oversampling` nearest keys; every record found is then scored exactly over all its templates of
 * the probe's modalities and positions, and the fused scores are ranked. Per-partition indexes make the
 * partition filter free: a query restricted to one partition still gets its k results.
 */
export class SbmsService implements BiometricMatching {
  readonly settings: SbmsSettings;
  readonly #deps: SbmsServiceDeps;
  readonly #repo = new SbmsRepository();
  readonly #factory: VectorIndexFactory;
  readonly #kind: string;
  readonly #entries = new Map<number, Entry>();
  readonly #records = new Map<string, Set<number>>();
  readonly #indexes = new Map<string, VectorIndex>();
  #instance: string | null = null;
  #started = false;
  #built: { templates: number; from: 'snapshot' | 'table' } | null = null;

  constructor(deps: SbmsServiceDeps) {
    this.#deps = deps;
    this.settings = deps.settings ?? DEFAULT_SBMS_SETTINGS;
    this.#factory = deps.indexFactory ?? exactIndexFactory;
    this.#kind = deps.indexKind ?? (deps.indexFactory === undefined ? 'exact' : 'custom');
    deps.changes.register(SBMS_TOPIC, {
      name: 'sbms.index',
      apply: (refs) => this.#reload(refs),
    });
  }

  /** How the last {@link start} built the indexes; null before it. */
  get built(): { templates: number; from: 'snapshot' | 'table' } | null {
    return this.#built;
  }

  /** Templates held in memory. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * What the in-memory indexes will hold: per template its vector (4 bytes a dimension, kept once when the
   * index holds it exactly) and about 200 bytes of keys and bookkeeping.
   */
  async footprint(): Promise<Footprint[]> {
    const counts = await this.#repo.countByModality(this.#deps.database.db);
    return (['face', 'finger'] as const).map((modality) => ({
      what: `${modality} templates in the biometric indexes`,
      items: counts[modality],
      bytesPerItem: this.settings.dimensions[modality] * 4 + 200,
    }));
  }

  /**
   * Builds the in-memory indexes: from the snapshot when there is one of this database (then only the
   * template ids are reconciled with the table), else from every stored template. Call inside
   * `changes.start(...)`, so that the feed applies what is written meanwhile.
   */
  async start(): Promise<{ templates: number; from: 'snapshot' | 'table' }> {
    const db = this.#deps.database.db;
    this.#instance = await this.#repo.instance(db);
    const dir = this.#deps.snapshotDir ?? null;
    let from: 'snapshot' | 'table' = 'table';
    let changed = true;
    if (dir !== null) {
      const snapshot = this.#tryLoad(dir);
      if (snapshot !== null) {
        from = 'snapshot';
        changed = await this.#reconcile();
      }
    }
    if (from === 'table') {
      for await (const page of this.#repo.all(db)) {
        for (const t of page) {
          this.#add(t);
        }
      }
    }
    this.#started = true;
    if (changed) {
      this.saveSnapshot();
    }
    this.#built = { templates: this.#entries.size, from };
    this.#deps.logger.info(this.#built, 'biometric indexes built');
    return this.#built;
  }

  /** Writes the snapshot (when there is a snapshot directory and every index can be saved). */
  saveSnapshot(): boolean {
    const dir = this.#deps.snapshotDir ?? null;
    if (dir === null || !this.#started || this.#instance === null) {
      return false;
    }
    const indexes = [...this.#indexes.entries()];
    if (indexes.some(([, index]) => index.save === undefined)) {
      this.#deps.logger.warn('a biometric index cannot be saved: no snapshot, the next start rebuilds');
      return false;
    }
    try {
      saveSnapshot(dir, {
        instance: this.#instance,
        kind: this.#kind,
        dimensions: this.settings.dimensions,
        indexes: indexes.map(([name, index]) => ({ name, index })),
        entries: [...this.#entries.values()],
      });
      return true;
    } catch (err) {
      this.#deps.logger.warn({ err }, 'biometric index snapshot not written; the next start rebuilds');
      return false;
    }
  }

  /** Saves the snapshot; call once the change feed has stopped. */
  close(): void {
    this.saveSnapshot();
  }

  decode(inputs: readonly TemplateInput[], field?: string, options?: { qualityGate?: boolean }): Template[] {
    return decodeTemplates(inputs, this.settings, field, options);
  }

  async enrol(
    trx: Executor,
    partition: Partition,
    recordRef: string,
    templates: readonly Template[],
  ): Promise<{ templateIds: string[] }> {
    this.#checkPartition(partition);
    this.#checkEnrolment(templates);
    await this.#repo.removeRecords(trx, partition, [recordRef]);
    const templateIds = await this.#repo.insert(trx, partition, recordRef, templates);
    await this.#deps.changes.record(trx, SBMS_TOPIC, [recordKey(partition, recordRef)]);
    return { templateIds };
  }

  async remove(trx: Executor, partition: Partition, recordRefs: readonly string[]): Promise<number> {
    this.#checkPartition(partition);
    if (recordRefs.length === 0) {
      return 0;
    }
    const removed = await this.#repo.removeRecords(trx, partition, recordRefs);
    if (removed === 0) {
      // Nothing was stored: no index has anything to forget (an erasure of records without biometrics).
      return 0;
    }
    await this.#deps.changes.record(
      trx,
      SBMS_TOPIC,
      recordRefs.map((ref) => recordKey(partition, ref)),
    );
    return removed;
  }

  /**
   * 1:1. A record holding no template of the probe's modalities and positions is not an error: the result
   * says `compared: false` (and no match).
   */
  async verify(
    probe: readonly Template[],
    partition: Partition,
    recordRef: string,
  ): Promise<VerificationResult> {
    this.#checkPartition(partition);
    await this.#deps.changes.ownWrites();
    const scores = this.#scoreRecord(probe, partition, recordRef);
    return { ...fuse(scores, this.settings.fusion), partition, recordRef, compared: scores.length > 0 };
  }

  /**
   * The scores of the probe's templates against the record's templates of the same modality and position.
   *
   * @throws AppError `SBMS_RECORD_NOT_FOUND` when the record holds no template
   */
  async compare(probe: readonly Template[], partition: Partition, recordRef: string): Promise<FusedResult> {
    this.#checkPartition(partition);
    await this.#deps.changes.ownWrites();
    if (!this.#records.has(recordKey(partition, recordRef))) {
      throw notFound(
        SBMS_ERRORS.recordNotFound,
        `No biometric templates are stored for record ${recordRef} in ${partition}.`,
        { partition, recordRef },
      );
    }
    return fuse(this.#scoreRecord(probe, partition, recordRef), this.settings.fusion);
  }

  async identify(probe: readonly Template[], options: IdentifyOptions): Promise<Candidate[]> {
    const partitions = [...new Set(options.partitions)];
    partitions.forEach((p) => this.#checkPartition(p));
    const limit = Math.max(1, Math.floor(options.limit ?? 10));
    const matchesOnly = options.matchesOnly ?? true;
    if (options.ownWrites !== false) {
      await this.#deps.changes.ownWrites();
    }
    const k = limit * Math.max(1, this.settings.oversampling);
    const found = new Map<string, { partition: Partition; recordRef: string }>();
    for (const template of probe) {
      for (const partition of partitions) {
        const index = this.#indexes.get(indexName(partition, template.modality, template.position));
        if (index === undefined || index.size === 0) {
          continue;
        }
        for (const { key } of index.search(template.vector, k)) {
          const entry = this.#entries.get(key);
          if (entry !== undefined) {
            found.set(recordKey(entry.partition, entry.recordRef), {
              partition: entry.partition,
              recordRef: entry.recordRef,
            });
          }
        }
      }
    }
    const scored: Array<Omit<Candidate, 'rank'>> = [];
    for (const { partition, recordRef } of found.values()) {
      const fused = fuse(this.#scoreRecord(probe, partition, recordRef), this.settings.fusion);
      if (!matchesOnly || fused.decision === 'match') {
        scored.push({ ...fused, partition, recordRef });
      }
    }
    scored.sort(
      (a, b) =>
        b.score - a.score || a.partition.localeCompare(b.partition) || a.recordRef.localeCompare(b.recordRef),
    );
    return scored.slice(0, limit).map((c, i) => ({ ...c, rank: i + 1 }));
  }

  async templates(
    db: Executor,
    partition: Partition,
    recordRefs: readonly string[],
  ): Promise<Map<string, Template[]>> {
    this.#checkPartition(partition);
    const out = new Map<string, Template[]>();
    if (recordRefs.length === 0) {
      return out;
    }
    for (const t of await this.#repo.findByRecords(db, partition, [...new Set(recordRefs)])) {
      const list = out.get(t.recordRef) ?? [];
      list.push({ modality: t.modality, position: t.position, quality: t.quality, vector: t.vector });
      out.set(t.recordRef, list);
    }
    return out;
  }

  compareTemplates(
    probe: readonly Template[],
    stored: readonly Template[],
  ): FusedResult & { compared: boolean } {
    const scores: TemplateScore[] = [];
    for (const t of probe) {
      for (const u of stored) {
        if (u.modality === t.modality && u.position === t.position) {
          scores.push({
            modality: t.modality,
            position: t.position,
            score: cosine(t.vector, u.vector),
            probeQuality: t.quality,
            storedQuality: u.quality,
          });
        }
      }
    }
    return { ...fuse(scores, this.settings.fusion), compared: scores.length > 0 };
  }

  async holdings(
    partition: Partition,
    recordRefs: readonly string[],
    db: Executor = this.#deps.database.db,
  ): Promise<Map<string, Array<{ modality: Modality; position: number; quality: number }>>> {
    this.#checkPartition(partition);
    const out = new Map<string, Array<{ modality: Modality; position: number; quality: number }>>();
    for (const h of await this.#repo.holdings(db, partition, [...new Set(recordRefs)])) {
      const list = out.get(h.recordRef) ?? [];
      list.push({ modality: h.modality, position: h.position, quality: h.quality });
      out.set(h.recordRef, list);
    }
    return out;
  }

  /**
   * Erasure of a system's records removes their templates in the erasure's transaction; the indexes follow
   * the feed after the commit. Systems without a partition are left alone.
   */
  erasureCascade(partitionOfSystem: (system: string) => Partition | undefined): ErasureCascade {
    return {
      id: 'sbms.templates',
      onErased: async (trx, system, refs) => {
        const partition = partitionOfSystem(system);
        return partition === undefined ? 0 : this.remove(trx, partition, refs);
      },
      afterCommit: async () => {
        await this.#deps.changes.sync();
      },
    };
  }

  /** Whether a template id is in the in-memory indexes (for tests of removal). */
  holds(templateId: string): boolean {
    const entry = this.#entries.get(Number(templateId));
    return (
      entry !== undefined &&
      this.#indexes.get(indexName(entry.partition, entry.modality, entry.position))?.has(entry.key) === true
    );
  }

  #scoreRecord(probe: readonly Template[], partition: Partition, recordRef: string): TemplateScore[] {
    const keys = this.#records.get(recordKey(partition, recordRef));
    if (keys === undefined) {
      return [];
    }
    const scores: TemplateScore[] = [];
    for (const t of probe) {
      for (const key of keys) {
        const entry = this.#entries.get(key)!;
        if (entry.modality === t.modality && entry.position === t.position) {
          scores.push({
            modality: t.modality,
            position: t.position,
            score: cosine(t.vector, this.#vectorOf(entry)),
            probeQuality: t.quality,
            storedQuality: entry.quality,
          });
        }
      }
    }
    return scores;
  }

  #vectorOf(entry: Entry): Float32Array {
    if (entry.vector !== undefined) {
      return entry.vector;
    }
    const index = this.#indexes.get(indexName(entry.partition, entry.modality, entry.position))!;
    return index.vector!(entry.key)!;
  }

  #index(partition: Partition, modality: Modality, position: number): VectorIndex {
    const name = indexName(partition, modality, position);
    let index = this.#indexes.get(name);
    if (index === undefined) {
      index = this.#factory(this.settings.dimensions[modality]);
      this.#indexes.set(name, index);
    }
    return index;
  }

  #add(t: StoredTemplate): void {
    const key = Number(t.id);
    if (this.#entries.has(key)) {
      return;
    }
    if (t.vector.length !== this.settings.dimensions[t.modality]) {
      this.#deps.logger.warn(
        { id: t.id, dimensions: t.vector.length },
        'stored template does not have the configured dimensions; left out of the index',
      );
      return;
    }
    const index = this.#index(t.partition, t.modality, t.position);
    index.add(key, t.vector);
    this.#put({
      key,
      partition: t.partition,
      recordRef: t.recordRef,
      modality: t.modality,
      position: t.position,
      quality: t.quality,
      vector: index.vector === undefined ? t.vector : undefined,
    });
  }

  #put(entry: Entry): void {
    this.#entries.set(entry.key, entry);
    const rk = recordKey(entry.partition, entry.recordRef);
    let keys = this.#records.get(rk);
    if (keys === undefined) {
      keys = new Set();
      this.#records.set(rk, keys);
    }
    keys.add(entry.key);
  }

  #removeKey(key: number): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      return;
    }
    this.#indexes.get(indexName(entry.partition, entry.modality, entry.position))?.remove(key);
    this.#entries.delete(key);
    const rk = recordKey(entry.partition, entry.recordRef);
    const keys = this.#records.get(rk);
    keys?.delete(key);
    if (keys?.size === 0) {
      this.#records.delete(rk);
    }
  }

  /** Reloads records from the table by `<partition>:<recordRef>`: new template ids in, vanished ones out. */
  async #reload(refs: readonly string[]): Promise<void> {
    const byPartition = new Map<Partition, string[]>();
    for (const ref of refs) {
      const at = ref.indexOf(':');
      const partition = ref.slice(0, at) as Partition;
      if (!PARTITIONS.includes(partition)) {
        continue;
      }
      const list = byPartition.get(partition) ?? [];
      list.push(ref.slice(at + 1));
      byPartition.set(partition, list);
    }
    for (const [partition, recordRefs] of byPartition) {
      const rows = await this.#repo.findByRecords(this.#deps.database.db, partition, recordRefs);
      const present = new Set(rows.map((r) => Number(r.id)));
      for (const recordRef of recordRefs) {
        for (const key of [...(this.#records.get(recordKey(partition, recordRef)) ?? [])]) {
          if (!present.has(key)) {
            this.#removeKey(key);
          }
        }
      }
      for (const row of rows) {
        this.#add(row);
      }
    }
  }

  /** Loads the snapshot into memory; null (and nothing loaded) when there is none or it does not fit. */
  #tryLoad(dir: string): true | null {
    try {
      const snapshot = loadSnapshot(dir, this.#kind, this.#factory);
      if (snapshot === null) {
        return null;
      }
      if (
        snapshot.instance !== this.#instance ||
        snapshot.kind !== this.#kind ||
        snapshot.dimensions.face !== this.settings.dimensions.face ||
        snapshot.dimensions.finger !== this.settings.dimensions.finger
      ) {
        this.#deps.logger.info(
          'biometric index snapshot is of another database, index kind or configuration; rebuilding',
        );
        return null;
      }
      for (const { name, index } of snapshot.indexes) {
        this.#indexes.set(name, index);
      }
      for (const e of snapshot.entries) {
        this.#put(e);
      }
      for (const e of snapshot.entries) {
        const index = this.#indexes.get(indexName(e.partition, e.modality, e.position));
        if (
          index === undefined ||
          !index.has(e.key) ||
          (e.vector === undefined && index.vector === undefined)
        ) {
          throw new Error(`template ${e.key} is in the manifest but not in its index`);
        }
      }
      if ([...this.#indexes.values()].reduce((n, i) => n + i.size, 0) !== this.#entries.size) {
        throw new Error('the indexes hold templates the manifest does not name');
      }
      return true;
    } catch (err) {
      this.#deps.logger.warn({ err }, 'biometric index snapshot unreadable; rebuilding from the table');
      this.#entries.clear();
      this.#records.clear();
      this.#indexes.clear();
      return null;
    }
  }

  /** Brings a loaded snapshot up to the table by template id; returns whether anything changed. */
  async #reconcile(): Promise<boolean> {
    const db = this.#deps.database.db;
    const stored = new Set<number>();
    const missing: string[] = [];
    for await (const ids of this.#repo.ids(db)) {
      for (const id of ids) {
        const key = Number(id);
        stored.add(key);
        if (!this.#entries.has(key)) {
          missing.push(id);
        }
      }
    }
    const vanished = [...this.#entries.keys()].filter((key) => !stored.has(key));
    for (const key of vanished) {
      this.#removeKey(key);
    }
    for (const t of await this.#repo.findByIds(db, missing)) {
      this.#add(t);
    }
    this.#deps.logger.info(
      { added: missing.length, removed: vanished.length },
      'biometric index snapshot reconciled with the table',
    );
    return missing.length > 0 || vanished.length > 0;
  }

  #checkPartition(partition: Partition): void {
    if (!PARTITIONS.includes(partition)) {
      throw new AppError('Invalid', SBMS_ERRORS.templateInvalid, `Unknown biometric partition ${partition}.`);
    }
  }

  /** Art. 13(3): only templates of the configured length and at least the minimum quality are stored. */
  #checkEnrolment(templates: readonly Template[]): void {
    const problems: Array<{ field: string; message: string }> = [];
    const low: Array<{ field: string; message: string }> = [];
    const seen = new Set<string>();
    templates.forEach((t, i) => {
      const field = `biometrics[${i}]`;
      const slot = `${t.modality}:${t.position}`;
      if (t.vector.length !== this.settings.dimensions[t.modality]) {
        problems.push({
          field,
          message: `A ${t.modality} template holds ${this.settings.dimensions[t.modality]} values.`,
        });
      } else if (seen.has(slot)) {
        problems.push({ field, message: `Two templates for the same ${t.modality} position ${t.position}.` });
      } else if (t.quality < this.settings.minQuality[t.modality]) {
        low.push({
          field: `${field}.quality`,
          message: `Quality ${t.quality} is below the minimum of ${this.settings.minQuality[t.modality]} for a ${t.modality} template: capture it again.`,
        });
      }
      seen.add(slot);
    });
    if (problems.length > 0) {
      throw new AppError('Invalid', SBMS_ERRORS.templateInvalid, problems[0]!.message, { problems });
    }
    if (low.length > 0) {
      throw new AppError('Invalid', SBMS_ERRORS.qualityTooLow, low[0]!.message, { problems: low });
    }
  }
}
