import type { BlockingKeyConfig, BlockingRuleConfig } from './config.ts';
import { badConfig } from './errors.ts';
import type { ColumnPlan, Feature, PreparedRecord } from './prepare.ts';

/** Values of one key part for a record; empty when the value is missing (the record is not blocked). */
export type KeyPart = (features: readonly Feature[]) => readonly string[];

/**
 * One part of a blocking key, compiled: its values for the index, and a way to read them without building
 * an array (one scalar, missing as `''` or `0`, or the feature's own list), so that telling whether two
 * records share a key while scoring allocates nothing (a prefix key excepted).
 */
export interface Part {
  readonly keys: KeyPart;
  readonly single?: (features: readonly Feature[]) => string | number;
  readonly many?: (features: readonly Feature[]) => readonly string[];
}

/** A blocking rule compiled to key functions. `against` gives the other record's key. */
export interface CompiledRule {
  readonly name: string;
  readonly on: (r: PreparedRecord) => readonly string[];
  readonly against: (r: PreparedRecord) => readonly string[];
  /** The parts of the `on` key (a record's keys are the combinations of its parts' values). */
  readonly parts: readonly Part[];
  /** The parts of the `against` key (the same as `parts` for a symmetric rule). */
  readonly againstParts: readonly Part[];
  /** True when `on` and `against` are the same keys. */
  readonly symmetric: boolean;
  /** Blocks larger than this are not expanded into pairs (`Infinity` when the rule sets no cap). */
  readonly maxBlockSize: number;
}

const NONE: readonly string[] = [];
const SEPARATOR = '\u001f';
/** A record produces at most this many keys per rule (multi-valued parts multiply). */
const MAX_KEYS_PER_RECORD = 64;

function compilePart(key: BlockingKeyConfig, columns: readonly ColumnPlan[], rule: string): Part {
  const name = typeof key === 'string' ? key : key.column;
  const col = columns.findIndex((c) => c.name === name);
  if (col < 0) {
    throw badConfig(`Blocking rule "${rule}" uses column "${name}", which the model does not read.`);
  }
  const transform = typeof key === 'string' ? 'value' : (key.transform ?? 'value');
  const length = typeof key === 'string' ? 0 : (key.length ?? 0);
  const get = (fs: readonly Feature[]) => fs[col] as Feature;
  const text = (read: (f: Feature) => string): Part => ({
    keys: (fs) => {
      const v = read(get(fs));
      return v === '' ? NONE : [v];
    },
    single: (fs) => read(get(fs)),
  });
  const list = (read: (f: Feature) => readonly string[]): Part => ({
    keys: (fs) => read(get(fs)),
    many: (fs) => read(get(fs)),
  });
  switch (transform) {
    case 'value':
      return text((f) => f.value);
    case 'latin':
      return text((f) => f.latin);
    case 'phonetic':
      return text((f) => f.phonetic);
    case 'forms':
      return list((f) => f.forms);
    case 'folded':
      return list((f) => f.folded);
    case 'tokens':
      return list((f) => f.tokens);
    case 'year':
      return {
        keys: (fs) => {
          const y = get(fs).year;
          return y === 0 ? NONE : [String(y)];
        },
        single: (fs) => get(fs).year,
      };
    case 'prefix': {
      const prefix = (fs: readonly Feature[]) => {
        const v = get(fs).latin;
        return v.length < length ? '' : v.slice(0, length);
      };
      return { keys: (fs) => (prefix(fs) === '' ? NONE : [prefix(fs)]), single: prefix };
    }
  }
}

function compileKey(parts: readonly KeyPart[]): (r: PreparedRecord) => readonly string[] {
  if (parts.length === 1) {
    const only = parts[0] as KeyPart;
    return (r) => only(r.features);
  }
  return (r) => {
    let keys: string[] = [''];
    for (const [i, part] of parts.entries()) {
      const values = part(r.features);
      if (values.length === 0) {
        return NONE;
      }
      const next: string[] = [];
      for (const k of keys) {
        for (const v of values) {
          next.push(i === 0 ? v : `${k}${SEPARATOR}${v}`);
        }
      }
      keys = next.length > MAX_KEYS_PER_RECORD ? next.slice(0, MAX_KEYS_PER_RECORD) : next;
    }
    return keys;
  };
}

/**
 * Whether two records share a key of a rule (either way round for an asymmetric one): every part of the key has a value in common (a
 * record's keys are the combinations of its parts' values, so this is the same as sharing a whole key). It
 * allocates nothing, for use while scoring.
 */
export function sharesKey(rule: CompiledRule, a: PreparedRecord, b: PreparedRecord): boolean {
  return (
    partsShared(rule.parts, rule.againstParts, a, b) ||
    (!rule.symmetric && partsShared(rule.againstParts, rule.parts, a, b))
  );
}

function partsShared(
  on: readonly Part[],
  against: readonly Part[],
  a: PreparedRecord,
  b: PreparedRecord,
): boolean {
  for (let i = 0; i < on.length; i += 1) {
    if (!partShared(on[i] as Part, against[i] as Part, a.features, b.features)) {
      return false;
    }
  }
  return true;
}

/** Whether two records have a value of one key part in common (missing values share nothing). */
function partShared(x: Part, y: Part, a: readonly Feature[], b: readonly Feature[]): boolean {
  if (x.single !== undefined) {
    const v = x.single(a);
    if (v === '' || v === 0) {
      return false;
    }
    return y.single !== undefined ? y.single(b) === v : (y.many?.(b) ?? NONE).includes(String(v));
  }
  const xs = x.many?.(a) ?? NONE;
  if (y.single !== undefined) {
    const w = y.single(b);
    return w !== '' && w !== 0 && xs.includes(String(w));
  }
  const ys = y.many?.(b) ?? NONE;
  for (let i = 0; i < xs.length; i += 1) {
    if (ys.includes(xs[i] as string)) {
      return true;
    }
  }
  return false;
}

/** Compiles the blocking rules of a configuration against the model's columns. */
export function compileRules(
  rules: readonly BlockingRuleConfig[],
  columns: readonly ColumnPlan[],
): CompiledRule[] {
  return rules.map((rule, i) => {
    const name = rule.name ?? `rule ${i + 1}`;
    const parts = rule.on.map((k) => compilePart(k, columns, name));
    const againstParts = rule.against?.map((k) => compilePart(k, columns, name)) ?? parts;
    const on = compileKey(parts.map((p) => p.keys));
    const against = rule.against === undefined ? on : compileKey(againstParts.map((p) => p.keys));
    return {
      name,
      on,
      against,
      parts,
      againstParts,
      symmetric: rule.against === undefined,
      maxBlockSize: rule.maxBlockSize ?? Number.POSITIVE_INFINITY,
    };
  });
}

/** One direction of a rule: probe with `probe` keys, look up records indexed by `indexed` keys. */
interface Direction {
  readonly probe: (r: PreparedRecord) => readonly string[];
  readonly blocks: Map<string, number[]>;
}

/** The blocks of one rule that its `maxBlockSize` kept from being expanded into pairs. */
export interface SkippedBlocks {
  readonly rule: string;
  /** Blocks (distinct keys) over the cap. */
  readonly blocks: number;
  /** Records in those blocks (a record in several is counted in each). */
  readonly records: number;
  /** Size of the largest block skipped. */
  readonly largest: number;
}

/**
 * The blocking index over a set of records: for a probe record, every indexed record that shares a key
 * with it under any rule (the union of the rules, so a typo in one blocked field cannot hide a pair that
 * another rule finds). Each candidate is reported once.
 */
export class BlockIndex {
  readonly #directions: Direction[] = [];
  #seen: Int32Array;
  #stamp = 0;
  /** Per rule with a cap: the blocks it did not expand (rules without skipped blocks are left out). */
  readonly skipped: SkippedBlocks[] = [];

  /**
   * @param rules the compiled rules
   * @param records the records to index (candidates are their positions in this list)
   * @param bothWays for deduplication: an asymmetric rule (`against` set) is applied in both directions
   * @param probes when linking two tables, the records that will probe the index: a block's size under a
   *   rule's `maxBlockSize` counts the records of both tables that share the key
   */
  constructor(
    rules: readonly CompiledRule[],
    records: readonly PreparedRecord[],
    bothWays: boolean,
    probes?: readonly PreparedRecord[],
  ) {
    for (const rule of rules) {
      const skip = { blocks: 0, records: 0, largest: 0 };
      const add = (probe: Direction['probe'], indexed: Direction['probe']) => {
        const blocks = BlockIndex.#index(indexed, records);
        if (Number.isFinite(rule.maxBlockSize)) {
          BlockIndex.#cap(
            blocks,
            rule.maxBlockSize,
            probes === undefined ? undefined : [probe, probes],
            skip,
          );
        }
        this.#directions.push({ probe, blocks });
      };
      add(rule.on, rule.against);
      if (bothWays && !rule.symmetric) {
        add(rule.against, rule.on);
      }
      if (skip.blocks > 0) {
        this.skipped.push({ rule: rule.name, ...skip });
      }
    }
    this.#seen = new Int32Array(records.length);
  }

  /** Removes the blocks over the cap (counting the probing table's records too when linking). */
  static #cap(
    blocks: Map<string, number[]>,
    cap: number,
    probing: [Direction['probe'], readonly PreparedRecord[]] | undefined,
    skip: { blocks: number; records: number; largest: number },
  ): void {
    const probeCounts = new Map<string, number>();
    if (probing !== undefined) {
      const [probe, probes] = probing;
      for (const r of probes) {
        for (const k of new Set(probe(r))) {
          if (blocks.has(k)) {
            probeCounts.set(k, (probeCounts.get(k) ?? 0) + 1);
          }
        }
      }
    }
    for (const [k, block] of blocks) {
      const size = block.length + (probeCounts.get(k) ?? 0);
      if (size > cap) {
        blocks.delete(k);
        skip.blocks += 1;
        skip.records += size;
        skip.largest = Math.max(skip.largest, size);
      }
    }
  }

  static #index(key: (r: PreparedRecord) => readonly string[], records: readonly PreparedRecord[]) {
    const blocks = new Map<string, number[]>();
    records.forEach((r, i) => {
      for (const k of key(r)) {
        const block = blocks.get(k);
        if (block === undefined) {
          blocks.set(k, [i]);
        } else if (block[block.length - 1] !== i) {
          block.push(i);
        }
      }
    });
    return blocks;
  }

  /**
   * Calls `visit` once for every indexed record that some rule pairs with `probe`.
   *
   * @param minIndex only candidates at this position or later are visited (deduplication visits each
   *   unordered pair once by probing record i with `minIndex` i + 1)
   */
  forEachCandidate(probe: PreparedRecord, visit: (index: number) => void, minIndex = 0): void {
    this.#stamp += 1;
    const stamp = this.#stamp;
    const seen = this.#seen;
    for (const d of this.#directions) {
      for (const k of d.probe(probe)) {
        const block = d.blocks.get(k);
        if (block === undefined) {
          continue;
        }
        for (const j of block) {
          if (j >= minIndex && seen[j] !== stamp) {
            seen[j] = stamp;
            visit(j);
          }
        }
      }
    }
  }
}

/** Pairs of record positions, in two parallel growable arrays. */
export interface PairList {
  left: Int32Array;
  right: Int32Array;
  length: number;
  /** Blocks that rules with a `maxBlockSize` did not expand, per rule. */
  skipped?: readonly SkippedBlocks[];
}

/** Appends the pair (i, j) to a pair list, growing it as needed. */
export function pushPair(pairs: PairList, i: number, j: number): void {
  if (pairs.length === pairs.left.length) {
    grow(pairs);
  }
  pairs.left[pairs.length] = i;
  pairs.right[pairs.length] = j;
  pairs.length += 1;
}

function grow(pairs: PairList): void {
  const n = Math.max(1024, pairs.left.length * 2);
  const left = new Int32Array(n);
  const right = new Int32Array(n);
  left.set(pairs.left.subarray(0, pairs.length));
  right.set(pairs.right.subarray(0, pairs.length));
  pairs.left = left;
  pairs.right = right;
}

/**
 * Every candidate pair under the union of the rules. With `right`, pairs link a left record to a right
 * record; without it, pairs are unordered pairs of distinct records of `left` (deduplication), with the
 * smaller position on the left.
 */
export function candidatePairs(
  rules: readonly CompiledRule[],
  left: readonly PreparedRecord[],
  right?: readonly PreparedRecord[],
  onProgress?: (done: number, total: number) => void,
): PairList {
  const dedupe = right === undefined;
  const index = new BlockIndex(rules, right ?? left, dedupe, dedupe ? undefined : left);
  const pairs: PairList = {
    left: new Int32Array(1024),
    right: new Int32Array(1024),
    length: 0,
    skipped: index.skipped,
  };
  let i = 0;
  const visit = (j: number) => pushPair(pairs, i, j);
  for (; i < left.length; i += 1) {
    index.forEachCandidate(left[i] as PreparedRecord, visit, dedupe ? i + 1 : 0);
    if (onProgress !== undefined && (i & 1023) === 0) {
      onProgress(i, left.length);
    }
  }
  onProgress?.(left.length, left.length);
  return pairs;
}
