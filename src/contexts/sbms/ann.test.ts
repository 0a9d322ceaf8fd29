import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHnswlibIndex, createUsearchIndex, exactTopK, UsearchIndex } from './ann.ts';
import { SyntheticBiometrics } from './synthetic.ts';

const D = 512;
const N = 20_000;
const QUERIES = 40;
const K = 10;
/** Candidates asked of the graph and re-ranked exactly, as the service does (limit × oversampling). */
const CANDIDATES = 1024;

const g = new SyntheticBiometrics();
const vectors = new Float32Array(N * D);
const queries: Float32Array[] = [];
const row = (i: number) => vectors.subarray(i * D, (i + 1) * D);

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    s += a[i]! * b[i]!;
  }
  return s;
}

/** The exact top k over the rows not deleted: a plain scan. */
function exact(q: Float32Array, deleted: ReadonlySet<number> = new Set()): number[] {
  const scored: Array<[number, number]> = [];
  for (let i = 0; i < N; i++) {
    if (!deleted.has(i)) {
      scored.push([i, dot(row(i), q)]);
    }
  }
  return scored
    .sort((a, b) => b[1] - a[1])
    .slice(0, K)
    .map(([k]) => k);
}

function reranked(index: UsearchIndex, q: Float32Array): number[] {
  return index
    .search(q, CANDIDATES)
    .map((c) => ({ key: c.key, score: dot(row(c.key), q) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, K)
    .map((c) => c.key);
}

function recall(index: UsearchIndex, deleted?: ReadonlySet<number>): number {
  let hits = 0;
  for (const q of queries) {
    const want = new Set(exact(q, deleted));
    hits += reranked(index, q).filter((k) => want.has(k)).length;
  }
  return hits / (queries.length * K);
}

describe('UsearchIndex on 20 000 generator faces', () => {
  let index: UsearchIndex;
  let dir: string;

  beforeAll(() => {
    for (let i = 0; i < N; i++) {
      vectors.set(g.captureVector(`p${i}`, 'face', 0, { quality: 40 + (i % 61) }), i * D);
    }
    for (let j = 0; j < QUERIES; j++) {
      // Half new captures of enrolled persons, half strangers.
      queries.push(
        j % 2 === 0
          ? g.captureVector(`p${j * 397}`, 'face', 0, { capture: 1, quality: 60 })
          : g.captureVector(`stranger${j}`, 'face'),
      );
    }
    index = new UsearchIndex(D);
    index.addMany(
      Uint32Array.from({ length: N }, (_, i) => i),
      vectors,
    );
    dir = mkdtempSync(path.join(os.tmpdir(), 'sbms-ann-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the exact top 10 after re-ranking (recall@10 ≥ 0.99) and every enrolled person first', () => {
    expect(index.size).toBe(N);
    expect(recall(index)).toBeGreaterThanOrEqual(0.99);
    for (let j = 0; j < QUERIES; j += 2) {
      expect(reranked(index, queries[j]!)[0]).toBe(j * 397);
    }
  });

  it('agrees with the SIMD exact scan', () => {
    const q = queries[1]!;
    expect(exactTopK(vectors, N, D, q, K).map((m) => m.key)).toEqual(exact(q));
  });

  it('saves and loads: the same keys and the same answers, without a rebuild', () => {
    const file = path.join(dir, 'faces.usearch');
    index.save(file);
    const loaded = createUsearchIndex(D, file);
    expect(loaded.size).toBe(N);
    expect(loaded.has(123)).toBe(true);
    for (const q of queries.slice(0, 6)) {
      expect(loaded.search(q, 50).map((m) => m.key)).toEqual(index.search(q, 50).map((m) => m.key));
    }
    expect(createUsearchIndex(D, path.join(dir, 'absent.usearch')).size).toBe(0);
  });

  it('removes for good: after deleting 10 % no deleted key is returned and recall holds', () => {
    const deleted = new Set<number>();
    for (let i = 0; i < N; i += 10) {
      deleted.add(i + (i % 7));
    }
    // The first query's mate is among them: its best match must go with it.
    deleted.add(0);
    for (const k of deleted) {
      expect(index.remove(k)).toBe(true);
    }
    expect(index.remove(0)).toBe(false);
    expect(index.size).toBe(N - deleted.size);
    expect(index.has(0)).toBe(false);
    for (const q of queries) {
      expect(index.search(q, 500).filter((m) => deleted.has(m.key))).toEqual([]);
    }
    expect(index.search(row(0), 5).map((m) => m.key)).not.toContain(0);
    expect(recall(index, deleted)).toBeGreaterThanOrEqual(0.99);

    // A snapshot taken after the deletes does not bring them back.
    const file = path.join(dir, 'after-deletes.usearch');
    index.save(file);
    const loaded = createUsearchIndex(D, file);
    expect(loaded.has(0)).toBe(false);
    expect(loaded.search(row(0), 20).map((m) => m.key)).not.toContain(0);
  });

  it('adds a key again after its removal, and replaces a key added twice', () => {
    const fresh = g.captureVector('someone-new', 'face');
    index.add(0, fresh);
    expect(index.has(0)).toBe(true);
    expect(index.search(fresh, 1)[0]).toMatchObject({ key: 0 });
    expect(index.search(fresh, 1)[0]!.score).toBeGreaterThan(0.95);
    const size = index.size;
    const other = g.captureVector('someone-else', 'face');
    index.add(0, other);
    expect(index.size).toBe(size);
    expect(index.search(other, 1)[0]).toMatchObject({ key: 0 });
    expect(index.search(fresh, 5).map((m) => m.key)).not.toContain(0);
  });

  it('refuses a vector of the wrong length and a key that is not a non-negative integer', () => {
    expect(() => index.add(1, new Float32Array(3))).toThrow(RangeError);
    expect(() => index.add(-1, row(1))).toThrow(RangeError);
    expect(() => index.add(1.5, row(1))).toThrow(RangeError);
    expect(new UsearchIndex(D).search(row(1), 10)).toEqual([]);
  });
});

describe('HnswlibIndex (the comparison, optional dependency)', () => {
  it('searches, removes for good and adds a removed key again', async () => {
    const index = await createHnswlibIndex(D, { capacity: 16, ef: 200 });
    expect(index).toBeDefined();
    for (let i = 0; i < 200; i++) {
      index!.add(i, g.captureVector(`h${i}`, 'face'));
    }
    expect(index!.size).toBe(200);
    const probe = g.captureVector('h7', 'face', 0, { capture: 1 });
    expect(index!.search(probe, 1)[0]!.key).toBe(7);
    expect(index!.remove(7)).toBe(true);
    expect(index!.remove(7)).toBe(false);
    expect(index!.has(7)).toBe(false);
    expect(index!.search(probe, 199).map((m) => m.key)).not.toContain(7);
    index!.add(7, g.captureVector('h7', 'face'));
    expect(index!.search(probe, 1)[0]!.key).toBe(7);
    expect(index!.size).toBe(200);
  });
});
