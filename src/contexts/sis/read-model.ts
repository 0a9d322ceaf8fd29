import type { Executor } from '../../platform/database/index.ts';
import type { AlertRow, IdentifierRow, SisRepository } from './repository.ts';
import { TrigramIndex, trigrams, type TrigramEntry } from './trigrams.ts';

/** The person search's name block: the exact name, or a trigram similarity of at least this. */
export const NAME_SIMILARITY = 0.4;

interface NameEntry {
  alertId: string;
  norm: string;
  birthYear: number | null;
}

const PAGE = 5000;
const key = (kind: string, folded: string) => `${kind}\u0000${folded}`;

/** The reads of the SIS searches that the read model can answer (the repository answers them without one). */
export interface SisReads {
  identifierMatches(
    db: Executor,
    query: { kinds: readonly string[]; folded: readonly string[]; limit: number },
  ): Promise<IdentifierRow[]>;
  findAlerts(db: Executor, ids: readonly string[]): Promise<AlertRow[]>;
  /**
   * Person alerts with a name equal to `nameNorm` or of a trigram similarity of at least
   * {@link NAME_SIMILARITY}, born within a year of `birthYear` (or of unknown year), in id order.
   */
  personCandidates(
    db: Executor,
    query: { nameNorm: string; birthYear: number | null; limit: number },
  ): Promise<AlertRow[]>;
}

/**
 * SIS alerts, their identifiers (documents, plates, VINs, containers) and their searchable names in memory,
 * for the person, document and object searches of the border check and the portal: alert id → alert,
 * (kind, folded identifier) → identifiers, name → names and trigram → names (pg_trgm's similarity, see
 * trigrams.ts). Built from the tables at start, then changed only by the change feed's `sis.alerts` topic,
 * which reloads the changed alerts by id; an alert no longer stored (deleted, erased) leaves the model. The
 * rows are those the repository reads, so the answers are the repository's (same order, same limit).
 */
export class SisReadModel implements SisReads {
  readonly #repo: SisRepository;
  readonly #db: Executor;
  readonly #alerts = new Map<string, AlertRow>();
  readonly #identifiersOf = new Map<string, IdentifierRow[]>();
  readonly #byKey = new Map<string, IdentifierRow[]>();
  readonly #namesOf = new Map<string, TrigramEntry<NameEntry>[]>();
  readonly #byName = new Map<string, Set<TrigramEntry<NameEntry>>>();
  readonly #grams = new TrigramIndex<NameEntry>();

  constructor(repo: SisRepository, db: Executor) {
    this.#repo = repo;
    this.#db = db;
  }

  get size(): number {
    return this.#alerts.size;
  }

  /** Loads every alert and identifier, page by page (keyset on the alert id). */
  async build(): Promise<number> {
    let after = '';
    for (;;) {
      const ids = await this.#repo.alertIdsAfter(this.#db, after, PAGE);
      await this.reload(ids);
      if (ids.length < PAGE) {
        return this.#alerts.size;
      }
      after = ids.at(-1)!;
    }
  }

  /** Reloads these alerts with their identifiers (one query per table); missing ones are removed. */
  async reload(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += PAGE) {
      const chunk = ids.slice(i, i + PAGE);
      const rows = await this.#repo.findAlerts(this.#db, chunk);
      const identifiers = await this.#repo.identifiersOf(this.#db, chunk);
      const names = await this.#repo.namesOf(this.#db, chunk);
      for (const id of chunk) {
        this.#remove(id);
      }
      for (const row of rows) {
        this.#alerts.set(row.id, row);
      }
      for (const n of names) {
        if (this.#alerts.has(n.alert_id)) {
          this.#addName({ alertId: n.alert_id, norm: n.name_norm, birthYear: n.birth_year });
        }
      }
      for (const r of identifiers) {
        if (!this.#alerts.has(r.alert_id)) {
          continue;
        }
        const own = this.#identifiersOf.get(r.alert_id) ?? [];
        own.push(r);
        this.#identifiersOf.set(r.alert_id, own);
        const k = key(r.kind, r.folded);
        const list = this.#byKey.get(k) ?? [];
        list.push(r);
        this.#byKey.set(k, list);
      }
    }
  }

  identifierMatches(
    _db: Executor,
    query: { kinds: readonly string[]; folded: readonly string[]; limit: number },
  ): Promise<IdentifierRow[]> {
    const out: IdentifierRow[] = [];
    for (const kind of new Set(query.kinds)) {
      for (const folded of new Set(query.folded)) {
        out.push(...(this.#byKey.get(key(kind, folded)) ?? []));
      }
    }
    out.sort((a, b) => (a.alert_id < b.alert_id ? -1 : a.alert_id > b.alert_id ? 1 : 0));
    return Promise.resolve(out.slice(0, query.limit));
  }

  findAlerts(_db: Executor, ids: readonly string[]): Promise<AlertRow[]> {
    const out: AlertRow[] = [];
    for (const id of ids) {
      const row = this.#alerts.get(id);
      if (row !== undefined) {
        out.push(row);
      }
    }
    return Promise.resolve(out);
  }

  personCandidates(
    _db: Executor,
    query: { nameNorm: string; birthYear: number | null; limit: number },
  ): Promise<AlertRow[]> {
    const { birthYear } = query;
    const near = (e: NameEntry) =>
      birthYear === null || e.birthYear === null || Math.abs(e.birthYear - birthYear) <= 1;
    const ids = new Set<string>();
    for (const e of this.#byName.get(query.nameNorm) ?? []) {
      if (near(e.value)) {
        ids.add(e.value.alertId);
      }
    }
    for (const e of this.#grams.similar(trigrams(query.nameNorm), NAME_SIMILARITY, near)) {
      ids.add(e.value.alertId);
    }
    const rows: AlertRow[] = [];
    for (const id of ids) {
      const row = this.#alerts.get(id);
      if (row !== undefined && row.kind === 'person') {
        rows.push(row);
      }
    }
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return Promise.resolve(rows.slice(0, query.limit));
  }

  #addName(name: NameEntry): void {
    const entry: TrigramEntry<NameEntry> = { grams: trigrams(name.norm), value: name };
    const own = this.#namesOf.get(name.alertId) ?? [];
    own.push(entry);
    this.#namesOf.set(name.alertId, own);
    let same = this.#byName.get(name.norm);
    if (same === undefined) {
      same = new Set();
      this.#byName.set(name.norm, same);
    }
    same.add(entry);
    this.#grams.add(entry);
  }

  #remove(id: string): void {
    this.#alerts.delete(id);
    for (const entry of this.#namesOf.get(id) ?? []) {
      const same = this.#byName.get(entry.value.norm);
      same?.delete(entry);
      if (same?.size === 0) {
        this.#byName.delete(entry.value.norm);
      }
      this.#grams.delete(entry);
    }
    this.#namesOf.delete(id);
    for (const r of this.#identifiersOf.get(id) ?? []) {
      const k = key(r.kind, r.folded);
      const rest = (this.#byKey.get(k) ?? []).filter((x) => x.alert_id !== id);
      if (rest.length === 0) {
        this.#byKey.delete(k);
      } else {
        this.#byKey.set(k, rest);
      }
    }
    this.#identifiersOf.delete(id);
  }
}
