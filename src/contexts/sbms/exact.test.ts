import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExactIndex, exactIndexFactory } from './exact.ts';
import { SyntheticBiometrics } from './synthetic.ts';
import { cosine } from './template.ts';

const gen = new SyntheticBiometrics({ seed: 7 });
const vec = (i: number) => gen.identity(`p${i}`, 'finger', 1);

/** The reference answer: every score, sorted. */
function bruteForce(vectors: Map<number, Float32Array>, query: Float32Array, k: number) {
  return [...vectors]
    .map(([key, v]) => ({ key, score: cosine(query, v) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

describe('ExactIndex', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-exact-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the k nearest keys by cosine, best first, as a full comparison does (while growing)', () => {
    const index = new ExactIndex(192, 4);
    const vectors = new Map<number, Float32Array>();
    for (let i = 0; i < 300; i++) {
      index.add(i * 3, vec(i));
      vectors.set(i * 3, vec(i));
    }
    expect(index.size).toBe(300);
    for (const q of [5, 77, 299]) {
      const query = gen.captureVector(`p${q}`, 'finger', 1, { capture: 1 });
      const got = index.search(query, 10);
      const want = bruteForce(vectors, query, 10);
      expect(got.map((r) => r.key)).toEqual(want.map((r) => r.key));
      expect(got[0]!.key).toBe(q * 3);
      got.forEach((r, i) => expect(r.score).toBeCloseTo(want[i]!.score, 5));
    }
    expect(index.search(vec(0), 1000)).toHaveLength(300);
    expect(index.search(vec(0), 0)).toEqual([]);
  });

  it('never returns a removed key again, and keeps the others found', () => {
    const index = new ExactIndex(192);
    for (let i = 0; i < 50; i++) {
      index.add(i, vec(i));
    }
    for (let i = 0; i < 50; i += 2) {
      expect(index.remove(i)).toBe(true);
    }
    expect(index.remove(0)).toBe(false);
    expect(index.size).toBe(25);
    for (let i = 0; i < 50; i++) {
      const hits = index.search(vec(i), 50).map((r) => r.key);
      expect(hits.some((k) => k % 2 === 0)).toBe(false);
      expect(index.has(i)).toBe(i % 2 === 1);
      if (i % 2 === 1) {
        expect(hits[0]).toBe(i);
        expect(index.vector(i)).toEqual(vec(i));
      }
    }
  });

  it('replaces the vector of a key added again', () => {
    const index = new ExactIndex(192);
    index.add(1, vec(1));
    index.add(1, vec(2));
    expect(index.size).toBe(1);
    expect(index.search(vec(2), 1)[0]).toMatchObject({ key: 1 });
    expect(index.search(vec(2), 1)[0]!.score).toBeCloseTo(1, 5);
    expect(() => index.add(2, new Float32Array(3))).toThrow(/3 values/);
  });

  it('saves and loads the same index (the snapshot of a restart)', () => {
    const index = new ExactIndex(192);
    for (let i = 0; i < 40; i++) {
      index.add(1000 + i, vec(i));
    }
    index.remove(1005);
    const file = path.join(dir, 'a.index');
    index.save(file);
    const loaded = exactIndexFactory(192, file);
    expect(loaded.size).toBe(39);
    expect(loaded.has(1005)).toBe(false);
    const query = vec(7);
    expect(loaded.search(query, 5)).toEqual(index.search(query, 5));
    expect(() => exactIndexFactory(512, file)).toThrow(/192-dimensional/);
  });
});
