import { createHash } from 'node:crypto';
import { compileRules } from '../blocking.ts';
import type { BlockingKeyConfig } from '../config.ts';
import type { CompiledModel } from '../model.ts';
import type { PreparedRecord } from '../prepare.ts';

/** Keys of one record under one key specification (the `on` or `against` list of a blocking rule). */
type KeyFunction = (r: PreparedRecord) => readonly string[];

/** One way a probe finds stored records: the probe's keys under one specification, looked up among another's. */
interface Direction {
  readonly probe: KeyFunction;
  /** Tag of the specification the stored records are indexed under. */
  readonly tag: string;
  /** The rule's `maxBlockSize`; `null` when it sets none. */
  readonly cap: number | null;
}

/**
 * A key to look up and the largest stored block it may retrieve (`null`: any size). A stored block larger
 * than the cap retrieves nothing: the key is too common (the rule's `maxBlockSize`).
 */
export interface ProbeKey {
  readonly key: string;
  readonly cap: number | null;
}

/**
 * The blocking keys of the live identity index, shared by the in-memory index and the `matching.blocking_key`
 * table so that both retrieve exactly the same candidates.
 *
 * Every distinct key specification of the configuration's blocking rules (e.g. surname forms + given-name
 * forms) gets a short tag; a stored record is indexed under every specification some rule looks up, and a key
 * is `<tag>:<value>`. A probe looks up, for every rule, its `on` keys among the stored `against` keys and, for
 * rules with `against`, also the other way round: a search does not know which of two records holds the
 * swapped names, so asymmetric rules apply in both directions (as in deduplication). Rules sharing a
 * specification share its keys, which keeps the index small.
 */
export class IndexKeys {
  readonly #indexed: Array<{ tag: string; keys: KeyFunction }> = [];
  readonly #directions: Direction[] = [];
  /** Changes whenever the key specifications change; stored keys made under another one must be rebuilt. */
  readonly fingerprint: string;

  constructor(model: CompiledModel) {
    const specs = new Map<string, { tag: string; keys: KeyFunction }>();
    const specOf = (parts: readonly BlockingKeyConfig[]) => {
      const canonical = JSON.stringify(parts);
      let spec = specs.get(canonical);
      if (spec === undefined) {
        const [rule] = compileRules([{ name: canonical, on: [...parts] }], model.columns);
        spec = { tag: String.fromCharCode(97 + specs.size), keys: (rule as { on: KeyFunction }).on };
        specs.set(canonical, spec);
      }
      return spec;
    };
    const indexed = new Set<string>();
    for (const rule of model.config.blocking) {
      const on = specOf(rule.on);
      const against = rule.against === undefined ? on : specOf(rule.against);
      const cap = rule.maxBlockSize ?? null;
      this.#directions.push({ probe: on.keys, tag: against.tag, cap });
      indexed.add(against.tag);
      if (rule.against !== undefined) {
        this.#directions.push({ probe: against.keys, tag: on.tag, cap });
        indexed.add(on.tag);
      }
    }
    for (const spec of specs.values()) {
      if (indexed.has(spec.tag)) {
        this.#indexed.push(spec);
      }
    }
    this.fingerprint = createHash('sha256')
      .update(JSON.stringify([...specs.entries()].map(([canonical, s]) => [s.tag, canonical])))
      .update(JSON.stringify(model.columns))
      .digest('hex')
      .slice(0, 16);
  }

  /** The distinct keys a stored record (all its name forms) is indexed under. */
  storedKeys(forms: readonly PreparedRecord[]): string[] {
    const out = new Set<string>();
    for (const form of forms) {
      for (const spec of this.#indexed) {
        for (const k of spec.keys(form)) {
          out.add(`${spec.tag}:${k}`);
        }
      }
    }
    return [...out];
  }

  /**
   * The distinct keys to look up for a probe (all its name forms), each with its cap. Rules sharing a key
   * specification share its keys: a key found by a rule without a cap, or with a larger one, keeps the
   * largest (the union of the rules retrieves what any one of them does).
   */
  probeKeys(forms: readonly PreparedRecord[]): ProbeKey[] {
    const out = new Map<string, number | null>();
    for (const form of forms) {
      for (const d of this.#directions) {
        for (const k of d.probe(form)) {
          const key = `${d.tag}:${k}`;
          const had = out.get(key);
          if (had === undefined) {
            out.set(key, d.cap);
          } else if (had !== null) {
            out.set(key, d.cap === null ? null : Math.max(had, d.cap));
          }
        }
      }
    }
    return [...out].map(([key, cap]) => ({ key, cap }));
  }
}
