import { existsSync, renameSync, rmSync } from 'node:fs';
import usearch, { type Index, type ScalarKind } from 'usearch';
import type { VectorIndex, VectorIndexFactory } from './model.ts';

/**
 * The approximate nearest-neighbour index behind 1:N search: an HNSW graph of the `usearch` library (Unum,
 * Apache-2.0, prebuilt binaries for Linux/macOS/Windows, SIMD distance kernels), cosine metric. The service
 * asks it for `limit × oversampling` candidates and re-ranks them exactly with its own float32 vectors, so
 * the graph may hold quantised vectors: the scores it returns are approximate, the order after re-ranking is
 * exact. Parameters chosen by measurement (docs/benchmarks.md, docs/decisions.md).
 *
 * Removal is real: `usearch` unlinks the key from its key table at once (a removed key is never returned and
 * `has` answers false) and puts its slot on a free list that the next `add` reuses, overwriting the vector.
 * A snapshot written after a removal holds the slot but no key that reaches it.
 */

export type UsearchQuantisation = 'f32' | 'f16' | 'i8';

export interface UsearchOptions {
  /** How the graph stores vectors: f32 (exact scores), f16 (half the memory) or i8 (a quarter). */
  quantisation?: UsearchQuantisation;
  /** Edges per node (HNSW `M`). */
  connectivity?: number;
  /** Candidate list size while inserting (HNSW `efConstruction`). */
  expansionAdd?: number;
  /** Candidate list size while searching (HNSW `ef`); a search for more than this many uses k instead. */
  expansionSearch?: number;
}

/**
 * Chosen on the generator's faces (docs/benchmarks.md, "Biometrics"): i8 vectors lose nothing that the exact
 * re-ranking does not win back; connectivity 32 (16 lost recall on these near-isotropic vectors); a search
 * breadth of 512 whatever the candidates asked for, which finds every enrolled person's own template first
 * (mated rank-1 1.000 from 160 at 100,000 faces). The full exact top 10 (recall@10 ≥ 0.99, impostors included)
 * needs about 2,000 and more as the index grows: raise `expansionSearch` where that matters more than latency.
 */
export const DEFAULT_USEARCH_OPTIONS: Readonly<Required<UsearchOptions>> = Object.freeze({
  quantisation: 'i8',
  connectivity: 32,
  expansionAdd: 128,
  expansionSearch: 512,
});

const SCALAR: Record<UsearchQuantisation, ScalarKind> = {
  f32: usearch.ScalarKind.F32,
  f16: usearch.ScalarKind.F16,
  i8: usearch.ScalarKind.I8,
};

function checkKey(key: number): bigint {
  if (!Number.isSafeInteger(key) || key < 0) {
    throw new RangeError(`index key must be a non-negative safe integer, got ${key}`);
  }
  return BigInt(key);
}

export class UsearchIndex implements VectorIndex {
  readonly dimensions: number;
  readonly options: Readonly<Required<UsearchOptions>>;
  readonly #index: Index;

  constructor(dimensions: number, options: UsearchOptions = {}) {
    this.dimensions = dimensions;
    this.options = { ...DEFAULT_USEARCH_OPTIONS, ...options };
    this.#index = new usearch.Index({
      dimensions,
      metric: usearch.MetricKind.Cos,
      quantization: SCALAR[this.options.quantisation],
      connectivity: this.options.connectivity,
      expansion_add: this.options.expansionAdd,
      expansion_search: this.options.expansionSearch,
      multi: false,
    });
  }

  /** Loads an index written by `save` (same dimensions and options as when it was written). */
  static load(path: string, dimensions: number, options: UsearchOptions = {}): UsearchIndex {
    const index = new UsearchIndex(dimensions, options);
    index.#index.load(path);
    if (index.#index.dimensions() !== dimensions) {
      throw new Error(`index at ${path} has ${index.#index.dimensions()} dimensions, expected ${dimensions}`);
    }
    return index;
  }

  get size(): number {
    return this.#index.size();
  }

  #checkVector(vector: Float32Array, count = 1): void {
    if (vector.length !== this.dimensions * count) {
      throw new RangeError(`expected ${count} × ${this.dimensions} values, got ${vector.length}`);
    }
  }

  /** Adds a vector under a key; a key already present is replaced. */
  add(key: number, vector: Float32Array): void {
    this.#checkVector(vector);
    const k = checkKey(key);
    if (this.#index.contains(k)) {
      this.#index.remove(k);
    }
    this.#index.add(k, vector, 1);
  }

  /**
   * Adds many vectors at once (`vectors` is `keys.length × dimensions` values, row after row), on `threads`
   * threads (0: all cores): the bulk load of a rebuild. Keys already present are replaced.
   */
  addMany(keys: ArrayLike<number>, vectors: Float32Array, threads = 0): void {
    this.#checkVector(vectors, keys.length);
    if (keys.length === 0) {
      return;
    }
    const big = new BigUint64Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      big[i] = checkKey(keys[i]!);
    }
    if (this.#index.size() > 0) {
      const present = this.#index.contains(big) as boolean[];
      const stale = big.filter((_, i) => present[i]);
      if (stale.length > 0) {
        this.#index.remove(stale);
      }
    }
    this.#index.add(big, vectors, threads);
  }

  remove(key: number): boolean {
    const k = checkKey(key);
    return (this.#index.remove(k) as number) > 0;
  }

  has(key: number): boolean {
    return this.#index.contains(checkKey(key)) as boolean;
  }

  /** The k nearest keys, best first; `score` is the cosine similarity as the graph's (quantised) vectors give it. */
  search(query: Float32Array, k: number): Array<{ key: number; score: number }> {
    this.#checkVector(query);
    const count = Math.min(Math.floor(k), this.#index.size());
    if (count <= 0) {
      return [];
    }
    const matches = this.#index.search(query, count, 1);
    const out: Array<{ key: number; score: number }> = [];
    for (let i = 0; i < matches.keys.length; i++) {
      out.push({ key: Number(matches.keys[i]), score: 1 - matches.distances[i]! });
    }
    return out;
  }

  /** Writes the index to `path` (through a temporary file renamed into place, so a crash leaves the old one). */
  save(path: string): void {
    const tmp = `${path}.tmp`;
    try {
      this.#index.save(tmp);
      renameSync(tmp, path);
    } finally {
      if (existsSync(tmp)) {
        rmSync(tmp);
      }
    }
  }
}

/** The `VectorIndexFactory` of the approximate index: an empty graph, or the one saved at `savedAt`. */
export const createUsearchIndex: VectorIndexFactory = (dimensions, savedAt) =>
  savedAt !== undefined && existsSync(savedAt)
    ? UsearchIndex.load(savedAt, dimensions)
    : new UsearchIndex(dimensions);

/** The exact top k of `query` over `count` rows of `vectors` with usearch's SIMD kernels (the benchmark's peer). */
export function exactTopK(
  vectors: Float32Array,
  count: number,
  dimensions: number,
  query: Float32Array,
  k: number,
  threads = 1,
): Array<{ key: number; score: number }> {
  const n = Math.min(k, count);
  if (n <= 0) {
    return [];
  }
  const matches = usearch.exactSearch(
    vectors.subarray(0, count * dimensions),
    query,
    dimensions,
    n,
    usearch.MetricKind.Cos,
    threads,
  );
  return Array.from(matches.keys, (key, i) => ({ key: Number(key), score: 1 - matches.distances[i]! }));
}

// --- hnswlib-node, for the comparison (optional dependency) -------------------------------------------------

interface HnswModule {
  HierarchicalNSW: new (
    space: 'cosine',
    dimensions: number,
  ) => {
    initIndex(options: {
      maxElements: number;
      m?: number;
      efConstruction?: number;
      randomSeed?: number;
      allowReplaceDeleted?: boolean;
    }): void;
    readIndexSync(path: string, allowReplaceDeleted?: boolean): void;
    writeIndexSync(path: string): void;
    resizeIndex(maxElements: number): void;
    addPoint(point: number[], label: number, replaceDeleted?: boolean): void;
    markDelete(label: number): void;
    searchKnn(
      point: number[],
      k: number,
      filter?: (label: number) => boolean,
    ): {
      distances: number[];
      neighbors: number[];
    };
    getMaxElements(): number;
    getCurrentCount(): number;
    getIdsList(): number[];
    setEf(ef: number): void;
  };
}

export interface HnswlibOptions {
  /** Edges per node. */
  m?: number;
  efConstruction?: number;
  ef?: number;
  /** Initial capacity; the index doubles when full. */
  capacity?: number;
}

/**
 * The same port on `hnswlib-node` (the reference HNSW implementation, compiled at install), kept for the
 * comparison in the benchmark. It is an optional dependency: `createHnswlibIndex` imports it on demand and
 * answers `undefined` where it is not installed. Vectors are float32 only; removal marks the label deleted
 * (never returned again; its slot is kept, and reused only if the same key is added again).
 */
export class HnswlibIndex implements VectorIndex {
  readonly dimensions: number;
  readonly #index: InstanceType<HnswModule['HierarchicalNSW']>;
  readonly #live = new Set<number>();

  constructor(module: HnswModule, dimensions: number, options: HnswlibOptions = {}) {
    this.dimensions = dimensions;
    this.#index = new module.HierarchicalNSW('cosine', dimensions);
    this.#index.initIndex({
      maxElements: options.capacity ?? 1024,
      m: options.m ?? 16,
      efConstruction: options.efConstruction ?? 128,
      randomSeed: 100,
      allowReplaceDeleted: false,
    });
    this.#index.setEf(options.ef ?? 64);
  }

  get size(): number {
    return this.#live.size;
  }

  add(key: number, vector: Float32Array): void {
    if (vector.length !== this.dimensions) {
      throw new RangeError(`expected ${this.dimensions} values, got ${vector.length}`);
    }
    checkKey(key);
    if (this.#live.has(key)) {
      this.remove(key);
    }
    if (this.#index.getCurrentCount() >= this.#index.getMaxElements()) {
      this.#index.resizeIndex(this.#index.getMaxElements() * 2);
    }
    // A deleted label added again is unmarked and its vector updated in place (hnswlib's addPoint).
    this.#index.addPoint(Array.from(vector), key, false);
    this.#live.add(key);
  }

  remove(key: number): boolean {
    if (!this.#live.delete(key)) {
      return false;
    }
    this.#index.markDelete(key);
    return true;
  }

  has(key: number): boolean {
    return this.#live.has(key);
  }

  search(query: Float32Array, k: number): Array<{ key: number; score: number }> {
    const count = Math.min(Math.floor(k), this.#live.size);
    if (count <= 0) {
      return [];
    }
    const result = this.#index.searchKnn(Array.from(query), count);
    return result.neighbors.map((key, i) => ({ key, score: 1 - result.distances[i]! }));
  }

  setEf(ef: number): void {
    this.#index.setEf(ef);
  }
}

/** An `HnswlibIndex`, or `undefined` when the optional `hnswlib-node` package is not installed. */
export async function createHnswlibIndex(
  dimensions: number,
  options: HnswlibOptions = {},
): Promise<HnswlibIndex | undefined> {
  let module: HnswModule;
  try {
    const imported = (await import('hnswlib-node')) as unknown as HnswModule & { default?: HnswModule };
    module = imported.HierarchicalNSW ? imported : imported.default!;
  } catch {
    return undefined;
  }
  return new HnswlibIndex(module, dimensions, options);
}
