import { describe, expect, it } from 'vitest';
import { fitScoreModel, normalQuantile, thresholdFor } from './calibration.ts';
import { DEFAULT_SBMS_SETTINGS, falseMatchBound, fuse } from './fusion.ts';
import type { TemplateScore } from './model.ts';
import { SyntheticBiometrics } from './synthetic.ts';
import { cosine } from './template.ts';

describe('thresholdFor', () => {
  it('is the inverse of the false-match bound', () => {
    expect(falseMatchBound(thresholdFor(1e-6))).toBeCloseTo(1e-6, 15);
    expect(thresholdFor(1e-9)).toBeCloseTo(20.723, 3);
    expect(() => thresholdFor(0)).toThrow(RangeError);
    expect(() => thresholdFor(1)).toThrow(RangeError);
  });

  it('keeps the false-match rate of fused impostor comparisons on the generator within the bound (two fingers)', () => {
    const g = new SyntheticBiometrics();
    const fusion = { ...DEFAULT_SBMS_SETTINGS.fusion, threshold: thresholdFor(1e-3) };
    let falseMatches = 0;
    const pairs = 4000;
    for (let i = 0; i < pairs; i++) {
      const scores: TemplateScore[] = [2, 7].map((position) => ({
        modality: 'finger',
        position,
        score: cosine(
          g.captureVector(`a${i}`, 'finger', position),
          g.captureVector(`b${i}`, 'finger', position, { capture: 1 }),
        ),
        probeQuality: 80,
        storedQuality: 80,
      }));
      if (fuse(scores, fusion).decision === 'match') {
        falseMatches++;
      }
    }
    // The bound allows 4 in 4000; the models' real rate at this threshold is far lower.
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

  it('fits a heavier tail than the moments where the impostors are a mixture (the generator’s groups)', () => {
    // 1/32 of the impostors from one's own group, shifted up by two standard deviations.
    const n = 400_000;
    const impostor = Float64Array.from({ length: n }, (_, i) => {
      const z = normalQuantile(((i * 7919) % n) / n + 0.5 / n);
      return i % 32 === 0 ? 0.09 + 0.045 * z : 0.045 * z;
    });
    const genuine = [0.6, 0.65, 0.7];
    const moments = fitScoreModel(genuine, impostor);
    const tail = fitScoreModel(genuine, impostor, { impostorTail: 1e-4 });
    const at = (m: { impostorMean: number; impostorSd: number }) =>
      m.impostorMean - normalQuantile(1e-4) * m.impostorSd;
    const sorted = Float64Array.from(impostor).sort();
    const empirical = sorted[Math.floor((1 - 1e-4) * n)]!;
    expect(Math.abs(at(tail) - empirical)).toBeLessThan(0.002);
    expect(at(moments)).toBeLessThan(empirical - 0.005);
  });

  it('normalQuantile inverts the normal distribution', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(1e-5)).toBeCloseTo(-4.264891, 5);
  });
});
