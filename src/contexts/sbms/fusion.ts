import type { FusedResult, SbmsSettings, ScoreModel, TemplateScore } from './model.ts';

/** ln(1e6): the fused log-likelihood ratio at which the false-match bound below is 1e-6. */
const THRESHOLD_AT_1E6 = Math.log(1e6);

/**
 * Placeholder defaults, to be replaced by a calibration on measured scores (docs/biometrics.md). The score
 * models are the synthetic generator's genuine and impostor distributions (face 0.63 ± 0.05 against
 * 0 ± 0.046, finger 0.48 ± 0.07 against 0 ± 0.073); minimum quality 40 of 100 is [K] (art. 13(3): the
 * implementing act's figure was not found).
 *
 * The threshold is ln(10⁶) ≈ 13.8: under the impostor hypothesis the likelihood ratio has expectation 1, so by
 * Markov's inequality P(LR ≥ e^t) ≤ e^-t whatever the number of templates fused, and a fused score of 13.8
 * has a false-match rate of at most 10⁻⁶ per comparison (see {@link falseMatchBound}). For one face under
 * the models above that is a cosine of about 0.35, 7.6 impostor standard deviations out: the bound is
 * conservative where the models are Gaussian, and holds where their tails are not.
 */
export const DEFAULT_SBMS_SETTINGS: SbmsSettings = Object.freeze({
  dimensions: Object.freeze({ face: 512, finger: 192 }),
  minQuality: Object.freeze({ face: 40, finger: 40 }),
  fusion: Object.freeze({
    models: Object.freeze({
      face: Object.freeze({ genuineMean: 0.63, genuineSd: 0.05, impostorMean: 0, impostorSd: 0.046 }),
      finger: Object.freeze({ genuineMean: 0.48, genuineSd: 0.07, impostorMean: 0, impostorSd: 0.073 }),
    }),
    threshold: THRESHOLD_AT_1E6,
    targetFalseMatchRate: 1e-6,
  }),
  oversampling: 4,
});

/**
 * One comparison's log-likelihood ratio: log N(s; genuine) / N(s; impostor) under the modality's score model.
 * The score is clamped to the cosine's range -1..1.
 */
export function logLikelihoodRatio(score: number, model: ScoreModel): number {
  const s = Math.max(-1, Math.min(1, score));
  const g = (s - model.genuineMean) / model.genuineSd;
  const i = (s - model.impostorMean) / model.impostorSd;
  return 0.5 * (i * i - g * g) + Math.log(model.impostorSd / model.genuineSd);
}

/**
 * The false-match rate of a fused log-likelihood ratio, as an upper bound: under the impostor hypothesis the
 * (product) likelihood ratio of independent comparisons has expectation 1, so P(LLR ≥ t) ≤ e^-t (Markov's
 * inequality). It needs no assumption on the shape of the fused impostor distribution.
 */
export function falseMatchBound(fusedLlr: number): number {
  return Math.min(1, Math.exp(-fusedLlr));
}

/**
 * Fuses comparisons (the face and each finger) into one decision: the sum of their log-likelihood ratios,
 * as if independent, compared with the threshold. No comparison: a score of 0 and no match.
 */
export function fuse(scores: readonly TemplateScore[], fusion: SbmsSettings['fusion']): FusedResult {
  let llr = 0;
  for (const s of scores) {
    llr += logLikelihoodRatio(s.score, fusion.models[s.modality]);
  }
  return {
    score: llr,
    decision: scores.length > 0 && llr >= fusion.threshold ? 'match' : 'no-match',
    falseMatchRate: scores.length > 0 ? falseMatchBound(llr) : 1,
    scores: [...scores],
  };
}
