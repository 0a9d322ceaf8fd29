import { closeSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { VectorIndex, VectorIndexFactory } from './model.ts';

const MAGIC = 0x31585342; // "BSX1" little-endian: the exact index's file format, version 1
const HEADER = 16;

/**
 * The exact nearest-neighbour index: every vector in one growable Float32Array slab, searched by a full
 * scan of dot products (cosine of unit vectors). The reference every approximate index is measured against,
 * and the default. Removal moves the last vector into the freed slot, so the slab stays dense and a removed
 * key is never returned again.
 */
export class ExactIndex implements VectorIndex {
  readonly dimensions: number;
  #slab: Float32Array;
  #keys: Float64Array;
  #size = 0;
  readonly #slots = new Map<number, number>();

  constructor(dimensions: number, capacity = 64) {
    if (!Number.isInteger(dimensions) || dimensions < 1) {
      throw new Error(`dimensions must be a positive integer, not ${dimensions}`);
    }
    this.dimensions = dimensions;
    this.#slab = new Float32Array(dimensions * Math.max(1, capacity));
    this.#keys = new Float64Array(Math.max(1, capacity));
  }

  /** An index saved with {@link save}. */
  static load(path: string, dimensions: number): ExactIndex {
    const bytes = readFileSync(path);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < HEADER || view.getUint32(0, true) !== MAGIC) {
      throw new Error(`${path} is not an exact index file`);
    }
    const dims = view.getUint32(4, true);
    const size = view.getUint32(8, true);
    if (dims !== dimensions) {
      throw new Error(`${path} holds ${dims}-dimensional vectors, not ${dimensions}`);
    }
    if (bytes.byteLength !== HEADER + size * 8 + size * dims * 4) {
      throw new Error(`${path} is truncated`);
    }
    const index = new ExactIndex(dims, size);
    // Copied out of the file's buffer, which need not be aligned for typed arrays.
    const aligned = new Uint8Array(bytes.byteLength - HEADER);
    aligned.set(bytes.subarray(HEADER));
    index.#keys.set(new Float64Array(aligned.buffer, 0, size));
    index.#slab.set(new Float32Array(aligned.buffer, size * 8, size * dims));
    index.#size = size;
    for (let slot = 0; slot < size; slot++) {
      index.#slots.set(index.#keys[slot]!, slot);
    }
    return index;
  }

  get size(): number {
    return this.#size;
  }

  has(key: number): boolean {
    return this.#slots.has(key);
  }

  /** Adds a unit vector under a key (replacing the key's vector if it is there). */
  add(key: number, vector: Float32Array): void {
    if (vector.length !== this.dimensions) {
      throw new Error(`vector of ${vector.length} values in an index of ${this.dimensions} dimensions`);
    }
    let slot = this.#slots.get(key);
    if (slot === undefined) {
      if (this.#size === this.#keys.length) {
        this.#grow();
      }
      slot = this.#size++;
      this.#slots.set(key, slot);
      this.#keys[slot] = key;
    }
    this.#slab.set(vector, slot * this.dimensions);
  }

  remove(key: number): boolean {
    const slot = this.#slots.get(key);
    if (slot === undefined) {
      return false;
    }
    this.#slots.delete(key);
    const last = --this.#size;
    if (slot !== last) {
      const moved = this.#keys[last]!;
      this.#keys[slot] = moved;
      this.#slab.copyWithin(slot * this.dimensions, last * this.dimensions, (last + 1) * this.dimensions);
      this.#slots.set(moved, slot);
    }
    return true;
  }

  /** The stored vector of a key (a copy), or undefined. */
  vector(key: number): Float32Array | undefined {
    const slot = this.#slots.get(key);
    if (slot === undefined) {
      return undefined;
    }
    return this.#slab.slice(slot * this.dimensions, (slot + 1) * this.dimensions);
  }

  search(query: Float32Array, k: number): Array<{ key: number; score: number }> {
    const dims = this.dimensions;
    if (query.length !== dims) {
      throw new Error(`query of ${query.length} values in an index of ${dims} dimensions`);
    }
    const want = Math.min(Math.max(0, Math.floor(k)), this.#size);
    if (want === 0) {
      return [];
    }
    // The best `want` so far, ascending by score: a new score above the lowest is inserted in order.
    const scores = new Float64Array(want).fill(-Infinity);
    const slots = new Int32Array(want).fill(-1);
    const slab = this.#slab;
    for (let slot = 0, base = 0; slot < this.#size; slot++, base += dims) {
      // Four partial sums: independent additions the CPU can overlap (measured 1.8× faster than one sum).
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let d = 0;
      for (; d + 3 < dims; d += 4) {
        s0 += slab[base + d]! * query[d]!;
        s1 += slab[base + d + 1]! * query[d + 1]!;
        s2 += slab[base + d + 2]! * query[d + 2]!;
        s3 += slab[base + d + 3]! * query[d + 3]!;
      }
      for (; d < dims; d++) {
        s0 += slab[base + d]! * query[d]!;
      }
      const dot = s0 + s1 + s2 + s3;
      if (dot > scores[0]!) {
        let i = 0;
        while (i + 1 < want && scores[i + 1]! < dot) {
          scores[i] = scores[i + 1]!;
          slots[i] = slots[i + 1]!;
          i++;
        }
        scores[i] = dot;
        slots[i] = slot;
      }
    }
    const out: Array<{ key: number; score: number }> = [];
    for (let i = want - 1; i >= 0; i--) {
      if (slots[i]! >= 0) {
        out.push({ key: this.#keys[slots[i]!]!, score: scores[i]! });
      }
    }
    return out;
  }

  /** Writes the index (keys and vectors) to a file, replaced atomically. */
  save(path: string): void {
    const size = this.#size;
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(this.dimensions, 4);
    header.writeUInt32LE(size, 8);
    const tmp = `${path}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, header);
      writeSync(fd, new Uint8Array(this.#keys.buffer, 0, size * 8));
      // In pieces: a slab of a million faces is 2 GB, more than one write takes.
      const bytes = new Uint8Array(this.#slab.buffer, 0, size * this.dimensions * 4);
      for (let at = 0; at < bytes.byteLength; at += 1 << 26) {
        writeSync(fd, bytes.subarray(at, Math.min(bytes.byteLength, at + (1 << 26))));
      }
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  }

  #grow(): void {
    const capacity = this.#keys.length * 2;
    const keys = new Float64Array(capacity);
    keys.set(this.#keys);
    this.#keys = keys;
    const slab = new Float32Array(capacity * this.dimensions);
    slab.set(this.#slab);
    this.#slab = slab;
  }
}

/** The default index factory: an exact scan, loaded from its file when one was saved. */
export const exactIndexFactory: VectorIndexFactory = (dimensions, savedAt) =>
  savedAt === undefined ? new ExactIndex(dimensions) : ExactIndex.load(savedAt, dimensions);
