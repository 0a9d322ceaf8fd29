import type { FusedResult, SbmsSettings, ScoreModel, TemplateScore } from './model.ts';

/** ln(1e8): the fused log-likelihood ratio at which the false-match bound below is 1e-8. */
const THRESHOLD_AT_1E8 = Math.log(1e8);

/**
 * Defaults calibrated on the synthetic generator (docs/biometrics.md, "Calibration": 100,000 persons,
 * qualities uniform 40-100, 2 M impostor pairs): face genuine 0.646 ± 0.063 against impostors -0.009 ± 0.052,
 * finger 0.503 ± 0.077 against 0.004 ± 0.072, the impostor side fitted to its upper tail (1 % and 1e-5
 * points), which is heavier than its moments (0.002 ± 0.046 for the face). A real extractor needs its own
 * (docs/biometrics.md, "Recalibrating"). Minimum quality 40 of 100 is [K] (art. 13(3): the implementing
 * act's figure was not found).
 *
 * The threshold is ln(10⁸) ≈ 18.4: under the impostor hypothesis the likelihood ratio has expectation 1, so by
 * Markov's inequality P(LR ≥ e^t) ≤ e^-t whatever the number of templates fused, and a fused score of 18.4
 * has a false-match rate of at most 10⁻⁸ per comparison (see {@link falseMatchBound}): FPIR ≤ 0.1 % for a
 * gallery of 100,000 records by the bound alone. Measured on the generator at this threshold: FPIR 0 in 2,000
 * non-mated searches of a 100,000 gallery for every configuration, FNIR 0 % for the face, ten fingers and face
 * with fingers, 0.2 % for two fingers, 20 % for one finger alone (ln 10⁶ = 13.8 gave one finger FPIR 0.2 %).
 */
export const DEFAULT_SBMS_SETTINGS: SbmsSettings = Object.freeze({
  dimensions: Object.freeze({ face: 512, finger: 192 }),
  minQuality: Object.freeze({ face: 40, finger: 40 }),
  fusion: Object.freeze({
    models: Object.freeze({
      face: Object.freeze({ genuineMean: 0.646, genuineSd: 0.063, impostorMean: -0.009, impostorSd: 0.052 }),
      finger: Object.freeze({ genuineMean: 0.503, genuineSd: 0.077, impostorMean: 0.004, impostorSd: 0.072 }),
    }),
    threshold: THRESHOLD_AT_1E8,
    targetFalseMatchRate: 1e-8,
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
