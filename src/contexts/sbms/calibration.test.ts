import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { falseMatchRate, fitScoreModel, fuse, llr, normalQuantile, thresholdFor } from './fusion.ts';
import type { ScoreModel } from './model.ts';
import { SyntheticBiometrics } from './synthetic.ts';

const face: ScoreModel = { genuineMean: 0.65, genuineSd: 0.065, impostorMean: -0.02, impostorSd: 0.056 };
const finger: ScoreModel = { genuineMean: 0.5, genuineSd: 0.078, impostorMean: 0.007, impostorSd: 0.07 };

describe('llr', () => {
  it('is the log ratio of the two Gaussian densities', () => {
    const density = (x: number, m: number, s: number) =>
      Math.exp(-0.5 * ((x - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
    for (const s of [0, 0.1, 0.3, 0.6]) {
      const want = Math.log(density(s, 0.65, 0.065) / density(s, -0.02, 0.056));
      expect(llr(s, face)).toBeCloseTo(want, 9);
    }
    expect(llr(0.65, face)).toBeGreaterThan(50);
    expect(llr(0, face)).toBeLessThan(-40);
  });

  it('never falls as the score rises, whichever side has the larger spread', () => {
    const model = fc.record({
      genuineMean: fc.double({ min: 0.2, max: 0.9, noNaN: true }),
      genuineSd: fc.double({ min: 0.01, max: 0.3, noNaN: true }),
      impostorMean: fc.double({ min: -0.2, max: 0.15, noNaN: true }),
      impostorSd: fc.double({ min: 0.01, max: 0.3, noNaN: true }),
    });
    const score = fc.double({ min: -1, max: 1, noNaN: true });
    fc.assert(
      fc.property(model, score, score, (m, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(llr(hi, m)).toBeGreaterThanOrEqual(llr(lo, m) - 1e-9);
      }),
    );
  });
});

describe('fuse', () => {
  it('sums the evidence of every template under its modality model', () => {
    const scores = [
      { modality: 'face' as const, score: 0.4 },
      { modality: 'finger' as const, score: 0.3 },
      { modality: 'finger' as const, score: 0.1 },
    ];
    expect(fuse(scores, { face, finger })).toBeCloseTo(
      llr(0.4, face) + llr(0.3, finger) + llr(0.1, finger),
      12,
    );
    expect(fuse([], { face, finger })).toBe(0);
  });
});

describe('false-match rate and threshold', () => {
  it('are inverse: the threshold of a rate has that rate, and the rate falls as the score rises', () => {
    expect(falseMatchRate(thresholdFor(1e-6))).toBeCloseTo(1e-6, 15);
    expect(falseMatchRate(-3)).toBe(1);
    expect(falseMatchRate(30)).toBeLessThan(falseMatchRate(20));
    expect(() => thresholdFor(0)).toThrow(RangeError);
    expect(() => thresholdFor(1)).toThrow(RangeError);
  });

  it('bounds the false-match rate of fused impostor comparisons on the generator (two fingers)', () => {
    const g = new SyntheticBiometrics();
    const threshold = thresholdFor(1e-3);
    let falseMatches = 0;
    const pairs = 4000;
    for (let i = 0; i < pairs; i++) {
      const scores = [2, 7].map((position) => {
        const a = g.captureVector(`a${i}`, 'finger', position);
        const b = g.captureVector(`b${i}`, 'finger', position, { capture: 1 });
        let s = 0;
        for (let d = 0; d < a.length; d++) {
          s += a[d]! * b[d]!;
        }
        return { modality: 'finger' as const, score: s };
      });
      if (fuse(scores, { face, finger }) >= threshold) {
        falseMatches++;
      }
    }
    // The bound allows 4 in 4000; the model's real rate at this threshold is far lower.
    expect(falseMatches).toBeLessThanOrEqual(4);
  });
});

describe('fitScoreModel', () => {
  it('recovers the moments of Gaussian samples, and fits the upper tail when asked', () => {
    const n = 200_000;
    const genuine = Float64Array.from(
      { length: 2000 },
      (_, i) => 0.6 + 0.05 * normalQuantile((i + 0.5) / 2000),
    );
    const impostor = Float64Array.from({ length: n }, (_, i) => 0.01 + 0.04 * normalQuantile((i + 0.5) / n));
    const m = fitScoreModel(genuine, impostor);
    expect(m.genuineMean).toBeCloseTo(0.6, 4);
    expect(m.genuineSd).toBeCloseTo(0.05, 2);
    expect(m.impostorMean).toBeCloseTo(0.01, 4);
    expect(m.impostorSd).toBeCloseTo(0.04, 2);
    const tail = fitScoreModel(genuine, impostor, { impostorTail: 1e-4 });
    expect(tail.impostorMean).toBeCloseTo(0.01, 2);
    expect(tail.impostorSd).toBeCloseTo(0.04, 2);
    expect(() => fitScoreModel(genuine, impostor.subarray(0, 1000), { impostorTail: 1e-4 })).toThrow(
      RangeError,
    );
  });

  it('normalQuantile inverts the normal distribution', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(1e-5)).toBeCloseTo(-4.264891, 5);
  });
});
