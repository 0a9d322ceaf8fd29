import { describe, expect, it } from 'vitest';
import { parseLinkageConfig } from './config.ts';
import { expectationMaximisation, DEFAULT_TRAINING } from './estimate.ts';
import { runLinkage } from './link.ts';
import { compileModel } from './model.ts';
import { seededRandom } from './random.ts';
import { buildTable } from './testing.ts';

/** Draws a level from a distribution over levels 1..n (index 0 unused). */
function draw(random: () => number, dist: readonly number[]): number {
  let r = random();
  for (let l = 1; l < dist.length; l += 1) {
    r -= dist[l] ?? 0;
    if (r < 0) {
      return l;
    }
  }
  return dist.length - 1;
}

describe('estimate', () => {
  describe('expectationMaximisation', () => {
    it('recovers m and the prior from comparison vectors generated with known m and u', () => {
      const config = parseLinkageConfig({
        id: 'id',
        comparisons: ['a', 'b', 'c', 'd'].map((c) => ({
          name: c,
          column: c,
          levels: [{ kind: 'exact' }, { kind: 'jaroWinkler', min: 0.9 }],
        })),
        blocking: [{ on: ['a'] }],
      });
      const model = compileModel(config);
      // Levels: [unused, exact, close, else].
      const m = [
        [0, 0.9, 0.07, 0.03],
        [0, 0.8, 0.15, 0.05],
        [0, 0.95, 0.01, 0.04],
        [0, 0.6, 0.3, 0.1],
      ];
      const u = [
        [0, 0.01, 0.04, 0.95],
        [0, 0.05, 0.05, 0.9],
        [0, 0.001, 0.009, 0.99],
        [0, 0.1, 0.2, 0.7],
      ];
      const random = seededRandom(2024);
      const matches = 4000;
      const nonMatches = 40000;
      const levels = new Uint8Array((matches + nonMatches) * 4);
      for (let p = 0; p < matches + nonMatches; p += 1) {
        const dists = p < matches ? m : u;
        for (let k = 0; k < 4; k += 1) {
          levels[p * 4 + k] = draw(random, dists[k] ?? []);
        }
      }
      const result = expectationMaximisation(
        model,
        levels,
        matches + nonMatches,
        u.map((x) => Float64Array.from(x)),
        matches + nonMatches,
        { ...DEFAULT_TRAINING },
        0.01,
      );
      expect(result.converged).toBe(true);
      expect(result.prior).toBeCloseTo(matches / (matches + nonMatches), 2);
      for (let k = 0; k < 4; k += 1) {
        for (let l = 1; l <= 3; l += 1) {
          expect(Math.abs((result.m[k]?.[l] ?? 0) - (m[k]?.[l] ?? 0))).toBeLessThan(0.02);
        }
      }
    });
  });

  describe('trainParameters (through runLinkage)', () => {
    it('estimates m, u and λ without labels on records corrupted at known rates', () => {
      const random = seededRandom(99);
      const persons = 1500;
      const vocab = { city: 40, year: 60, surname: 400, code: 900 };
      const keep = { city: 0.9, year: 0.8, surname: 0.95, code: 0.7 };
      const fields = Object.keys(vocab) as (keyof typeof vocab)[];
      const pick = (f: keyof typeof vocab) => `${f}${Math.floor(random() * vocab[f])}`;
      const left: Record<string, string>[] = [];
      const right: Record<string, string>[] = [];
      for (let i = 0; i < persons; i += 1) {
        const truth = Object.fromEntries(fields.map((f) => [f, pick(f)]));
        left.push({ id: `p${i}`, ...truth });
        right.push({
          id: `q${i}`,
          ...Object.fromEntries(fields.map((f) => [f, random() < keep[f] ? (truth[f] ?? '') : pick(f)])),
        });
      }
      const config = parseLinkageConfig({
        id: 'id',
        comparisons: fields.map((f) => ({ name: f, column: f, levels: [{ kind: 'exact' }] })),
        blocking: fields.map((f) => ({ on: [f] })),
        training: { randomPairs: 20000, seed: 5 },
      });
      const run = runLinkage(config, { left: buildTable(left, 'left'), right: buildTable(right, 'right') });
      fields.forEach((f, k) => {
        // A kept value agrees; a replaced one agrees by chance with probability 1/vocabulary.
        const expectedM = keep[f] + (1 - keep[f]) / vocab[f];
        expect(Math.abs((run.model.parameters.m[k]?.[1] ?? 0) - expectedM)).toBeLessThan(0.03);
        expect(run.model.parameters.u[k]?.[1]).toBeCloseTo(1 / vocab[f], 2);
      });
      expect(run.training.prior * persons * persons).toBeGreaterThan(persons * 0.9);
      expect(run.training.prior * persons * persons).toBeLessThan(persons * 1.1);
    });
  });
});
