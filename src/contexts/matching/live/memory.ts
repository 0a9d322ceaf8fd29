import { explainPair, matchWeight, prepareFor, type CompiledModel, type TrainedModel } from '../model.ts';
import { MISSING, prepareValue, type ColumnPlan, type Feature, type PreparedRecord } from '../prepare.ts';
import { IDENTITY_INDEX_ERRORS } from './errors.ts';
import { rawForms, type IdentityQuery, type IndexedIdentity, type RawRecord } from './identity.ts';
import type { IndexKeys, ProbeKey } from './keys.ts';
import { invalid } from '../../../platform/errors.ts';
import { LiveFrequencies, liveModel, type StoredModel } from './parameters.ts';
import type { ComparisonExplanation } from '../model.ts';

/** An identity prepared for the index: its key, its name forms and its blocking keys. */
export interface PreparedIdentity {
  readonly system: string;
  readonly recordRef: string;
  /** One prepared record per name form (as given; native script). */
  readonly forms: readonly PreparedRecord[];
  readonly keys: readonly string[];
}

/** One candidate of a search. */
export interface IdentityCandidate {
  readonly system: string;
  readonly recordRef: string;
  /** Calibrated match probability under the model. */
  readonly probability: number;
  /** Match weight (log2 odds). */
  readonly weight: number;
  /** Which name form of the stored identity scored best. */
  readonly form: 'as-given' | 'native';
  /** Each comparison's level and weight: what a reviewer sees. */
  readonly comparisons: readonly ComparisonExplanation[];
}

/** Options of a search. */
export interface SearchOptions {
  /** Systems whose identities the caller may see; no other system's identity is ever returned. */
  readonly systems: readonly string[];
  /** Number of candidates, 1–100. Default 10. */
  readonly limit?: number;
  /** Leave out candidates below this probability. Default 0. */
  readonly minProbability?: number;
}

/** Normalisers whose values repeat across identities, so that their features are shared. */
const SHARED = new Set(['name', 'date', 'code', 'list', 'text']);
const SEPARATOR = '\u001f';
const slotKey = (system: string, ref: string) => `${system}${SEPARATOR}${ref}`;

interface SharedFeature {
  readonly raw: string;
  refs: number;
}

/**
 * Features of repeating values (names, places, dates, nationalities), prepared once and shared by every
 * identity that has them; counted, so that a value no identity holds any more is forgotten.
 */
class FeatureCache {
  readonly #byRaw: Map<string, Feature>[];
  readonly #entries = new Map<Feature, SharedFeature>();
  readonly #plans: readonly ColumnPlan[];

  constructor(plans: readonly ColumnPlan[]) {
    this.#plans = plans;
    this.#byRaw = plans.map(() => new Map<string, Feature>());
  }

  /** Prepares a record; with `keep`, its shared features are counted as held by an identity. */
  prepare(id: string, raw: RawRecord, keep: boolean): PreparedRecord {
    const features = this.#plans.map((plan, c) => {
      const text = (raw[plan.name] ?? '').trim();
      if (text === '') {
        return MISSING;
      }
      if (!SHARED.has(plan.normaliser)) {
        return prepareValue(text, plan.normaliser, plan.needs);
      }
      const cache = this.#byRaw[c] as Map<string, Feature>;
      let f = cache.get(text);
      if (f === undefined) {
        f = prepareValue(text, plan.normaliser, plan.needs);
        if (!keep) {
          return f;
        }
        cache.set(text, f);
        this.#entries.set(f, { raw: text, refs: 0 });
      }
      if (keep) {
        const e = this.#entries.get(f);
        if (e !== undefined) {
          e.refs += 1;
        }
      }
      return f;
    });
    return { id, features };
  }

  /** Releases the shared features of a record that leaves the index. */
  release(record: PreparedRecord): void {
    record.features.forEach((f, c) => {
      const e = this.#entries.get(f);
      if (e === undefined) {
        return;
      }
      e.refs -= 1;
      if (e.refs <= 0) {
        this.#entries.delete(f);
        this.#byRaw[c]?.delete(e.raw);
      }
    });
  }

  get size(): number {
    return this.#entries.size;
  }
}

const NONE: readonly number[] = [];

/**
 * The live identity index in memory: the identities of every system, their blocking keys, and the model
 * that scores a query against the candidates the keys retrieve. Adding, updating and removing an identity
 * are immediate; a removed identity leaves no key, record, shared feature or term-frequency count behind.
 *
 * Database writes are not its business: `IdentityIndexService` writes the rows in the caller's transaction
 * and applies the change here after the commit.
 */
export class IdentityIndex {
  readonly #model: CompiledModel;
  readonly #keys: IndexKeys;
  readonly #cache: FeatureCache;
  #stored: StoredModel;
  readonly #frequencies: (LiveFrequencies | undefined)[];
  #scoring: TrainedModel | undefined;
  #scoringSize = -1;

  readonly #slotOf = new Map<string, number>();
  readonly #free: number[] = [];
  #forms: (readonly PreparedRecord[] | undefined)[] = [];
  #refs: string[] = [];
  #systemOf = new Uint16Array(1024);
  readonly #systemCodes: string[] = [];
  readonly #systemIds = new Map<string, number>();
  readonly #blocks = new Map<string, number | number[]>();
  #seen = new Int32Array(1024);
  #stamp = 0;

  constructor(model: CompiledModel, keys: IndexKeys, stored: StoredModel) {
    this.#model = model;
    this.#keys = keys;
    this.#cache = new FeatureCache(model.columns);
    this.#stored = stored;
    this.#frequencies = model.comparisons.map((c) => (c.termFrequency ? new LiveFrequencies() : undefined));
  }

  /** Number of identities held. */
  get size(): number {
    return this.#slotOf.size;
  }

  /** Number of distinct blocking keys held. */
  get keyCount(): number {
    return this.#blocks.size;
  }

  /** The parameters in use. */
  get parameters(): StoredModel {
    return this.#stored;
  }

  /** Replaces the parameters (after training or loading a stored model). */
  setParameters(stored: StoredModel): void {
    this.#stored = stored;
    this.#scoring = undefined;
  }

  /** Prepares an identity: its name forms and blocking keys (pure: the index is not changed). */
  prepare(identity: IndexedIdentity): PreparedIdentity {
    const forms = rawForms(identity).map((raw) => prepareFor(this.#model, identity.recordRef, raw));
    return {
      system: identity.system,
      recordRef: identity.recordRef,
      forms,
      keys: this.#keys.storedKeys(forms),
    };
  }

  /** True when the index holds the identity. */
  has(system: string, recordRef: string): boolean {
    return this.#slotOf.has(slotKey(system, recordRef));
  }

  /** Every identity held, as prepared records of their first form (for training). */
  records(): PreparedRecord[] {
    const out: PreparedRecord[] = [];
    for (const forms of this.#forms) {
      if (forms !== undefined) {
        out.push(forms[0] as PreparedRecord);
      }
    }
    return out;
  }

  /** Adds an identity, or replaces the one with the same system and reference. */
  put(identity: IndexedIdentity): void {
    const key = slotKey(identity.system, identity.recordRef);
    if (this.#slotOf.has(key)) {
      this.remove(identity.system, [identity.recordRef]);
    }
    const forms = rawForms(identity).map((raw) => this.#cache.prepare(identity.recordRef, raw, true));
    const slot = this.#free.pop() ?? this.#forms.length;
    this.#ensureCapacity(slot + 1);
    this.#forms[slot] = forms;
    this.#refs[slot] = identity.recordRef;
    this.#systemOf[slot] = this.#systemId(identity.system);
    this.#slotOf.set(key, slot);
    for (const k of this.#keys.storedKeys(forms)) {
      const block = this.#blocks.get(k);
      if (block === undefined) {
        this.#blocks.set(k, slot);
      } else if (typeof block === 'number') {
        this.#blocks.set(k, [block, slot]);
      } else {
        block.push(slot);
      }
    }
    for (const form of forms) {
      this.#count(form, 1);
    }
  }

  /** Removes identities of one system; returns how many the index held. */
  remove(system: string, recordRefs: readonly string[]): number {
    let removed = 0;
    for (const ref of recordRefs) {
      const key = slotKey(system, ref);
      const slot = this.#slotOf.get(key);
      if (slot === undefined) {
        continue;
      }
      const forms = this.#forms[slot] ?? [];
      for (const k of this.#keys.storedKeys(forms)) {
        const block = this.#blocks.get(k);
        if (block === slot) {
          this.#blocks.delete(k);
        } else if (Array.isArray(block)) {
          const i = block.indexOf(slot);
          if (i >= 0) {
            block[i] = block[block.length - 1] as number;
            block.pop();
          }
          if (block.length === 1) {
            this.#blocks.set(k, block[0] as number);
          }
        }
      }
      for (const form of forms) {
        this.#count(form, -1);
        this.#cache.release(form);
      }
      this.#forms[slot] = undefined;
      this.#refs[slot] = '';
      this.#slotOf.delete(key);
      this.#free.push(slot);
      removed += 1;
    }
    return removed;
  }

  /** The probe keys of a query, with their caps (what both the in-memory and the SQL retrieval look up). */
  probeKeys(query: IdentityQuery): ProbeKey[] {
    return this.#keys.probeKeys(this.#prepareQuery(query));
  }

  /**
   * The identities the blocking keys retrieve for a query, in the allowed systems, unscored: the same set as
   * the SQL retrieval over `matching.blocking_key`.
   */
  candidates(query: IdentityQuery, systems: readonly string[]): Array<{ system: string; recordRef: string }> {
    const out: Array<{ system: string; recordRef: string }> = [];
    this.#forEachCandidate(this.probeKeys(query), this.#allowed(systems), (slot) => {
      out.push({
        system: this.#systemCodes[this.#systemOf[slot] ?? 0] ?? '',
        recordRef: this.#refs[slot] ?? '',
      });
    });
    return out;
  }

  /**
   * The top candidates for a partial identity, best first, with probabilities and explanations. Only
   * identities of the allowed systems are considered.
   *
   * @throws AppError `MATCHING_INDEX_QUERY_TOO_PARTIAL` when the query gives no blocking key,
   *   `MATCHING_INDEX_BAD_LIMIT`
   */
  search(query: IdentityQuery, options: SearchOptions): IdentityCandidate[] {
    const limit = options.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw invalid(
        IDENTITY_INDEX_ERRORS.badLimit,
        `The limit must be a whole number from 1 to 100, not ${limit}.`,
      );
    }
    const probe = this.#prepareQuery(query);
    const keys = this.#keys.probeKeys(probe);
    // Keys of capped rules (the birth date alone) widen the candidates of a query that identifies someone, but
    // are not enough by themselves: a search by birth date only would list whoever was born that day. Data
    // minimisation (GDPR art. 5(1)(c)); which fields a portal query may use is set per user profile
    // (Reg. (EU) 2019/817 art. 8, [K] unconfirmed detail).
    if (keys.every((k) => k.cap !== null)) {
      throw invalid(
        IDENTITY_INDEX_ERRORS.queryTooPartial,
        'The query is too partial to search: give a document number, or surname and given names, or a name and the date of birth, or the date and place of birth.',
        { given: probe.map((p) => p.features.map((f) => f !== MISSING)) },
      );
    }
    const model = this.#scoringModel();
    const q = probe[0] as PreparedRecord;
    const minWeight =
      options.minProbability === undefined || options.minProbability <= 0
        ? Number.NEGATIVE_INFINITY
        : Math.log2(options.minProbability / (1 - options.minProbability));
    // The best `limit` slots so far, kept sorted by weight (descending) in two small parallel arrays.
    const topSlots: number[] = [];
    const topWeights: number[] = [];
    const topForms: number[] = [];
    this.#forEachCandidate(keys, this.#allowed(options.systems), (slot) => {
      const forms = this.#forms[slot] as readonly PreparedRecord[];
      let best = Number.NEGATIVE_INFINITY;
      let bestForm = 0;
      for (let f = 0; f < forms.length; f += 1) {
        const w = matchWeight(model, q, forms[f] as PreparedRecord);
        if (w > best) {
          best = w;
          bestForm = f;
        }
      }
      if (best < minWeight || (topSlots.length === limit && best <= (topWeights[limit - 1] as number))) {
        return;
      }
      let i = topSlots.length === limit ? limit - 1 : topSlots.length;
      while (i > 0 && (topWeights[i - 1] as number) < best) {
        topSlots[i] = topSlots[i - 1] as number;
        topWeights[i] = topWeights[i - 1] as number;
        topForms[i] = topForms[i - 1] as number;
        i -= 1;
      }
      topSlots[i] = slot;
      topWeights[i] = best;
      topForms[i] = bestForm;
    });
    return topSlots.map((slot, i) => {
      const form = topForms[i] ?? 0;
      const explanation = explainPair(
        model,
        q,
        (this.#forms[slot] as readonly PreparedRecord[])[form] as PreparedRecord,
      );
      return {
        system: this.#systemCodes[this.#systemOf[slot] ?? 0] ?? '',
        recordRef: this.#refs[slot] ?? '',
        probability: explanation.matchProbability,
        weight: explanation.matchWeight,
        form: form === 0 ? 'as-given' : 'native',
        comparisons: explanation.comparisons,
      };
    });
  }

  /**
   * Scores given identities of one system against a partial identity (a missing value adds no weight: it is
   * unknown, not different). For callers that retrieved the candidates themselves and want the model's
   * calibrated probability; references the index does not hold are left out of the answer.
   */
  score(query: IdentityQuery, system: string, recordRefs: readonly string[]): Map<string, IdentityCandidate> {
    const out = new Map<string, IdentityCandidate>();
    if (recordRefs.length === 0) {
      return out;
    }
    const model = this.#scoringModel();
    const q = this.#prepareQuery(query)[0] as PreparedRecord;
    for (const ref of recordRefs) {
      const slot = this.#slotOf.get(slotKey(system, ref));
      const forms = slot === undefined ? undefined : this.#forms[slot];
      if (forms === undefined) {
        continue;
      }
      let best: ReturnType<typeof explainPair> | undefined;
      let bestForm = 0;
      forms.forEach((form, f) => {
        const e = explainPair(model, q, form);
        if (best === undefined || e.matchWeight > best.matchWeight) {
          best = e;
          bestForm = f;
        }
      });
      if (best !== undefined) {
        const b: ReturnType<typeof explainPair> = best;
        out.set(ref, {
          system,
          recordRef: ref,
          probability: b.matchProbability,
          weight: b.matchWeight,
          form: bestForm === 0 ? 'as-given' : 'native',
          comparisons: b.comparisons,
        });
      }
    }
    return out;
  }

  /**
   * Scores every identity of the allowed systems (no blocking): the exhaustive baseline that shows what the
   * blocking keys miss. Slow by design; for evaluation.
   */
  scanAll(
    query: IdentityQuery,
    options: SearchOptions,
  ): Array<{ system: string; recordRef: string; weight: number }> {
    const model = this.#scoringModel();
    const q = this.#prepareQuery(query)[0] as PreparedRecord;
    const allowed = this.#allowed(options.systems);
    const scored: Array<{ slot: number; weight: number }> = [];
    this.#forms.forEach((forms, slot) => {
      if (forms === undefined || allowed[this.#systemOf[slot] ?? 0] !== 1) {
        return;
      }
      let best = Number.NEGATIVE_INFINITY;
      for (const form of forms) {
        best = Math.max(best, matchWeight(model, q, form));
      }
      scored.push({ slot, weight: best });
    });
    scored.sort((a, b) => b.weight - a.weight);
    return scored.slice(0, options.limit ?? 10).map(({ slot, weight }) => ({
      system: this.#systemCodes[this.#systemOf[slot] ?? 0] ?? '',
      recordRef: this.#refs[slot] ?? '',
      weight,
    }));
  }

  #prepareQuery(query: IdentityQuery): PreparedRecord[] {
    return rawForms(query).map((raw) => this.#cache.prepare('query', raw, false));
  }

  #scoringModel(): TrainedModel {
    if (this.#scoring === undefined || this.#scoringSize !== this.size) {
      this.#scoring = liveModel(this.#model, this.#stored, this.#frequencies, this.size);
      this.#scoringSize = this.size;
    }
    return this.#scoring;
  }

  /** A lookup table by system id: 1 where the system is allowed. */
  #allowed(systems: readonly string[]): Uint8Array {
    const allowed = new Uint8Array(this.#systemCodes.length + 1);
    for (const s of systems) {
      const id = this.#systemIds.get(s);
      if (id !== undefined) {
        allowed[id] = 1;
      }
    }
    return allowed;
  }

  /**
   * Visits every allowed slot that shares a key with the probe, once. A key whose stored block (across every
   * system: the block is a property of the key, as in the SQL retrieval) is larger than its cap retrieves nothing.
   */
  #forEachCandidate(keys: readonly ProbeKey[], allowed: Uint8Array, visit: (slot: number) => void): void {
    this.#stamp += 1;
    if (this.#stamp === 0x7fffffff) {
      this.#seen.fill(0);
      this.#stamp = 1;
    }
    const stamp = this.#stamp;
    const seen = this.#seen;
    const systemOf = this.#systemOf;
    for (const { key, cap } of keys) {
      const block = this.#blocks.get(key);
      const slots = block === undefined ? NONE : typeof block === 'number' ? [block] : block;
      if (cap !== null && slots.length > cap) {
        continue;
      }
      for (const slot of slots) {
        if (seen[slot] !== stamp) {
          seen[slot] = stamp;
          if (allowed[systemOf[slot] ?? 0] === 1) {
            visit(slot);
          }
        }
      }
    }
  }

  #count(form: PreparedRecord, delta: 1 | -1): void {
    this.#model.comparisons.forEach((c, k) => {
      const f = this.#frequencies[k];
      if (f !== undefined) {
        const value = (form.features[c.column] as Feature).value;
        if (delta === 1) {
          f.add(value);
        } else {
          f.remove(value);
        }
      }
    });
  }

  #systemId(system: string): number {
    let id = this.#systemIds.get(system);
    if (id === undefined) {
      // Id 0 is never used, so that an empty slot of the lookup table is never "allowed".
      id = this.#systemIds.size + 1;
      if (id > 0xffff) {
        throw invalid(IDENTITY_INDEX_ERRORS.badIdentity, 'Too many distinct systems in the identity index.');
      }
      this.#systemIds.set(system, id);
      this.#systemCodes[id] = system;
    }
    return id;
  }

  #ensureCapacity(n: number): void {
    if (n <= this.#seen.length) {
      return;
    }
    const size = Math.max(n, this.#seen.length * 2);
    const systemOf = new Uint16Array(size);
    systemOf.set(this.#systemOf);
    this.#systemOf = systemOf;
    const seen = new Int32Array(size);
    seen.set(this.#seen);
    this.#seen = seen;
  }
}
