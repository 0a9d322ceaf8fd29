import type { ScoreModel } from './model.ts';

/**
 * Calibration of the fusion (docs/biometrics.md, "Calibration" and "Recalibrating for a real extractor"):
 * fitting a modality's `ScoreModel` to measured genuine and impostor scores, and the fused-score threshold of
 * a target false-match rate. The fusion itself (log-likelihood ratios, their sum, the false-match bound
 * e^(−score)) is in `fusion.ts`.
 */

/** The fused-score threshold whose false-match rate is at most `rate`. */
export function thresholdFor(rate: number): number {
  if (!(rate > 0 && rate < 1)) {
    throw new RangeError(`a false-match rate lies between 0 and 1, got ${rate}`);
  }
  return -Math.log(rate);
}

/** The standard normal quantile Φ⁻¹(p) (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    throw new RangeError(`a probability lies between 0 and 1, got ${p}`);
  }
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
    return p < low ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

function moments(xs: ArrayLike<number>): { mean: number; sd: number } {
  if (xs.length < 2) {
    throw new RangeError('a score model needs at least two scores of each kind');
  }
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    sum += xs[i]!;
  }
  const mean = sum / xs.length;
  let sq = 0;
  for (let i = 0; i < xs.length; i++) {
    sq += (xs[i]! - mean) ** 2;
  }
  return { mean, sd: Math.sqrt(sq / (xs.length - 1)) };
}

/** The score exceeded by a fraction `rate` of the scores. */
function upperQuantile(sorted: Float64Array, rate: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((1 - rate) * sorted.length))]!;
}

/**
 * Fits a modality's `ScoreModel` to samples of genuine and impostor scores. The genuine side is fitted by its
 * mean and standard deviation. The impostor side too by default; with `impostorTail` the Gaussian is fitted to
 * the upper tail instead, through the scores exceeded by 1 % and by `impostorTail` of the impostors (give it
 * at least 20 / `impostorTail` scores): real impostor distributions (and the generator's, a mixture of people
 * of other groups and of the same group) have heavier upper tails than their moments say, and the threshold
 * lives in that tail.
 */
export function fitScoreModel(
  genuine: ArrayLike<number>,
  impostor: ArrayLike<number>,
  options: { impostorTail?: number } = {},
): ScoreModel {
  const g = moments(genuine);
  let i = moments(impostor);
  const tail = options.impostorTail;
  if (tail !== undefined) {
    if (impostor.length * tail < 20 || !(tail < 0.01)) {
      throw new RangeError(`a tail fit at ${tail} needs at least ${Math.ceil(20 / tail)} impostor scores`);
    }
    const sorted = Float64Array.from(impostor).sort();
    const hi = upperQuantile(sorted, tail);
    const lo = upperQuantile(sorted, 0.01);
    const zHi = -normalQuantile(tail);
    const zLo = -normalQuantile(0.01);
    const sd = (hi - lo) / (zHi - zLo);
    i = { mean: lo - zLo * sd, sd };
  }
  return { genuineMean: g.mean, genuineSd: g.sd, impostorMean: i.mean, impostorSd: i.sd };
}
