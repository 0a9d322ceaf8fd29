import { describe, expect, it } from 'vitest';
import { DEFAULT_SBMS_SETTINGS, falseMatchBound, fuse, logLikelihoodRatio } from './fusion.ts';
import type { Modality, TemplateScore } from './model.ts';
import { SyntheticBiometrics } from './synthetic.ts';
import { cosine } from './template.ts';

const { fusion } = DEFAULT_SBMS_SETTINGS;
const gen = new SyntheticBiometrics({ seed: 1515 });

function score(modality: Modality, position: number, a: Float32Array, b: Float32Array): TemplateScore {
  return { modality, position, score: cosine(a, b), probeQuality: 80, storedQuality: 80 };
}

/** The fused decision on a stored capture of `stored` and a new capture of `probe`. */
function decide(stored: string, probe: string, positions: number[], withFace: boolean, quality = 80) {
  const scores: TemplateScore[] = [];
  if (withFace) {
    scores.push(
      score(
        'face',
        0,
        gen.captureVector(stored, 'face', 0, { quality }),
        gen.captureVector(probe, 'face', 0, { quality, capture: 1 }),
      ),
    );
  }
  for (const p of positions) {
    scores.push(
      score(
        'finger',
        p,
        gen.captureVector(stored, 'finger', p, { quality }),
        gen.captureVector(probe, 'finger', p, { quality, capture: 1 }),
      ),
    );
  }
  return fuse(scores, fusion);
}

describe('fusion', () => {
  it('sets the default threshold where the false-match bound is the target rate', () => {
    expect(fusion.targetFalseMatchRate).toBe(1e-8);
    expect(falseMatchBound(fusion.threshold)).toBeCloseTo(1e-8, 14);
    expect(falseMatchBound(-5)).toBe(1);
    expect(falseMatchBound(30)).toBeLessThan(falseMatchBound(20));
  });

  it('scores a higher similarity as likelier the same person, over the whole cosine range', () => {
    for (const model of Object.values(fusion.models)) {
      let previous = -Infinity;
      for (let s = -1; s <= 1.0001; s += 0.01) {
        const llr = logLikelihoodRatio(s, model);
        expect(llr).toBeGreaterThan(previous);
        previous = llr;
      }
      expect(logLikelihoodRatio(model.impostorMean, model)).toBeLessThan(0);
      expect(logLikelihoodRatio(model.genuineMean, model)).toBeGreaterThan(fusion.threshold);
    }
  });

  it('matches new captures of the same person and none of another, by face, by two fingers, by both', () => {
    for (let i = 0; i < 60; i++) {
      const person = `genuine-${i}`;
      expect(decide(person, person, [], true).decision).toBe('match');
      expect(decide(person, person, [2, 7], false).decision).toBe('match');
      expect(decide(person, person, [1, 2, 6, 7], true).decision).toBe('match');
      for (let j = 1; j <= 5; j++) {
        const other = `impostor-${i}-${j}`;
        expect(decide(person, other, [], true).decision).toBe('no-match');
        expect(decide(person, other, [2, 7], false).decision).toBe('no-match');
        expect(decide(person, other, [1, 2, 6, 7], true).decision).toBe('no-match');
      }
    }
  });

  it('adds the evidence of each template: more fingers of the same person, a higher fused score', () => {
    const one = decide('more', 'more', [1], false, 60);
    const four = decide('more', 'more', [1, 2, 3, 4], false, 60);
    expect(four.score).toBeGreaterThan(one.score);
    expect(four.falseMatchRate).toBeLessThan(one.falseMatchRate);
    expect(four.scores).toHaveLength(4);
  });

  it('decides no match on nothing compared', () => {
    expect(fuse([], fusion)).toEqual({ score: 0, decision: 'no-match', falseMatchRate: 1, scores: [] });
  });
});
