import usearch, { type BatchMatches } from 'usearch';
import {
  DEFAULT_SBMS_SETTINGS,
  falseMatchBound,
  fitScoreModel,
  logLikelihoodRatio as llr,
  SyntheticBiometrics,
  thresholdFor,
  type Modality,
  type ScoreModel,
} from '../src/contexts/sbms/index.ts';
import { numberOption, option, type Bench, type BenchResult } from './harness.ts';

/**
 * DET-style figures and the calibration of the fusion on the synthetic generator's data (docs/biometrics.md,
 * "Calibration"): genuine and impostor score distributions per modality, the fitted `ScoreModel`s, FNMR at
 * FMR 1e-3 / 1e-4 / 1e-5 (1:1) and FNIR at FPIR 1 % and 0.1 % (1:N over a gallery) for the face alone, one,
 * two and ten fingers, and face and fingers fused; then FMR / FPIR / FNIR at the default threshold.
 *
 * `npm run bench -- biometrics-det --gallery=100000 --mated=2000 --nonmated=3000 --pairs=2000000
 * --candidates=20 --target-fmr=1e-9` (defaults; the figures at the default threshold use `--threshold=`, or
 * −ln(target FMR), and also show the settings' threshold). Every template's quality is drawn uniformly from 40-100
 * (the enrolment gate is 40); a mated probe is capture 1 of a gallery person, a non-mated probe a person not
 * in the gallery. 1:N follows the service: per probe template the `candidates` nearest gallery templates of
 * its slot (exact here), the union of their persons scored over every template of the configuration.
 */
const arg = option;
const num = numberOption;

const GALLERY = num('gallery', 100_000);
const MATED = num('mated', 2000);
const NONMATED = num('nonmated', 3000);
const PAIRS = num('pairs', 2_000_000);
const CANDIDATES = num('candidates', 20);
const TARGET_FMR = num('target-fmr', 1e-9);
const RANK = 10;
const BENCH = 'biometrics-det';
const SLOTS = 11; // 0: face; 1-10: finger positions
const dimsOf = (slot: number) => (slot === 0 ? 512 : 192);
const modalityOf = (slot: number): Modality => (slot === 0 ? 'face' : 'finger');

const CONFIGS: Array<{ name: string; slots: number[] }> = [
  { name: 'face', slots: [0] },
  { name: '1 finger (right index)', slots: [2] },
  { name: '2 fingers (index)', slots: [2, 7] },
  { name: '10 fingers', slots: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
  { name: 'face + 2 fingers', slots: [0, 2, 7] },
  { name: 'face + 10 fingers', slots: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
];

const log = (line: string) => process.stderr.write(`  [det] ${line}\n`);

function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Data {
  gallery: Float32Array[];
  probes: Float32Array[];
  /** Gallery row of each probe's person, -1 for a non-mated probe. Mated probes come first. */
  mate: Int32Array;
}

function generate(): Data {
  const g = new SyntheticBiometrics();
  const u = uniforms(2026);
  const quality = () => 40 + 60 * u();
  const gallery = Array.from({ length: SLOTS }, (_, s) => new Float32Array(GALLERY * dimsOf(s)));
  for (let r = 0; r < GALLERY; r++) {
    for (let s = 0; s < SLOTS; s++) {
      gallery[s]!.set(g.captureVector(`g${r}`, modalityOf(s), s, { quality: quality() }), r * dimsOf(s));
    }
  }
  const p = MATED + NONMATED;
  const probes = Array.from({ length: SLOTS }, (_, s) => new Float32Array(p * dimsOf(s)));
  const mate = new Int32Array(p);
  for (let j = 0; j < p; j++) {
    const row = j < MATED ? Math.floor(u() * GALLERY) : -1;
    mate[j] = row;
    const person = row >= 0 ? `g${row}` : `n${j}`;
    for (let s = 0; s < SLOTS; s++) {
      probes[s]!.set(
        g.captureVector(person, modalityOf(s), s, { quality: quality(), capture: row >= 0 ? 1 : 0 }),
        j * dimsOf(s),
      );
    }
  }
  return { gallery, probes, mate };
}

function score(d: Data, slot: number, probe: number, row: number): number {
  const n = dimsOf(slot);
  const a = d.probes[slot]!;
  const b = d.gallery[slot]!;
  const ao = probe * n;
  const bo = row * n;
  let s = 0;
  for (let i = 0; i < n; i++) {
    s += a[ao + i]! * b[bo + i]!;
  }
  return s;
}

/** The score exceeded by a fraction `rate` of `desc` (sorted high to low): a threshold just above it. */
function thresholdAt(desc: Float64Array, rate: number): number {
  const k = Math.floor(rate * desc.length);
  return k >= desc.length ? -Infinity : desc[k]! + 1e-9;
}

const countAtLeast = (xs: Float64Array, t: number) => xs.reduce((n, x) => (x >= t ? n + 1 : n), 0);
const pct = (x: number) => 100 * x;

function run(): Promise<BenchResult[]> {
  return Promise.resolve(measure());
}

function measure(): BenchResult[] {
  const results: BenchResult[] = [];
  let t = performance.now();
  const d = generate();
  log(
    `generated ${GALLERY} persons × 11 templates and ${MATED + NONMATED} probes in ${((performance.now() - t) / 1000).toFixed(0)} s`,
  );

  // 1:1 scores: every mated probe against its mate (genuine) and random pairs of different persons (impostor).
  const genuine: Float64Array[] = Array.from({ length: SLOTS }, () => new Float64Array(MATED));
  for (let j = 0; j < MATED; j++) {
    for (let s = 0; s < SLOTS; s++) {
      genuine[s]![j] = score(d, s, j, d.mate[j]!);
    }
  }
  const u = uniforms(7);
  const impostor: Float64Array[] = Array.from({ length: SLOTS }, () => new Float64Array(PAIRS));
  t = performance.now();
  for (let i = 0; i < PAIRS; i++) {
    const j = Math.floor(u() * (MATED + NONMATED));
    let row = Math.floor(u() * GALLERY);
    if (row === d.mate[j]) {
      row = (row + 1) % GALLERY;
    }
    for (let s = 0; s < SLOTS; s++) {
      impostor[s]![i] = score(d, s, j, row);
    }
  }
  log(`${PAIRS} impostor pairs × 11 scores in ${((performance.now() - t) / 1000).toFixed(0)} s`);

  // Per-modality distributions and the fitted models (fingers pooled over the ten positions).
  const pooled = (xs: Float64Array[], slots: number[]) => {
    const out = new Float64Array(slots.length * xs[0]!.length);
    slots.forEach((s, k) => out.set(xs[s]!, k * xs[0]!.length));
    return out;
  };
  const fingers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const byModality: Record<Modality, { genuine: Float64Array; impostor: Float64Array }> = {
    face: { genuine: genuine[0]!, impostor: impostor[0]! },
    finger: { genuine: pooled(genuine, fingers), impostor: pooled(impostor, fingers) },
  };
  const tail = Math.max(1e-5, 20 / PAIRS);
  const models = {} as Record<Modality, ScoreModel>;
  for (const m of ['face', 'finger'] as const) {
    const { genuine: gs, impostor: is } = byModality[m];
    models[m] = fitScoreModel(gs, is, { impostorTail: tail });
    const moments = fitScoreModel(gs, is);
    const model = models[m];
    log(
      `${m} model ${JSON.stringify(model)} (moments: impostor ${moments.impostorMean.toFixed(4)} ± ${moments.impostorSd.toFixed(4)})`,
    );
    results.push({
      bench: BENCH,
      case: `${m} score model (fitted)`,
      size: `${gs.length} genuine, ${is.length} impostor scores`,
      value: model.genuineMean,
      unit: 'genuine mean',
      note: `genuine ${model.genuineMean.toFixed(4)} ± ${model.genuineSd.toFixed(4)}; impostor (tail fit at 1 % and ${tail.toExponential(0)}) ${model.impostorMean.toFixed(4)} ± ${model.impostorSd.toFixed(4)}; impostor moments ${moments.impostorMean.toFixed(4)} ± ${moments.impostorSd.toFixed(4)}`,
    });
    // 1:1 on the raw score.
    const desc = Float64Array.from(is).sort().reverse();
    for (const fmr of [1e-3, 1e-4, 1e-5]) {
      const th = thresholdAt(desc, fmr);
      const fnmr = 1 - countAtLeast(gs, th) / gs.length;
      results.push({
        bench: BENCH,
        case: `1:1 ${m}, FNMR at FMR ${fmr.toExponential(0)}`,
        size: `${gs.length} genuine, ${is.length} impostor`,
        value: pct(fnmr),
        unit: '%',
        note: `score threshold ${th.toFixed(4)}`,
      });
    }
  }

  const threshold = arg('threshold') !== undefined ? Number(arg('threshold')) : thresholdFor(TARGET_FMR);
  const settings = DEFAULT_SBMS_SETTINGS.fusion.threshold;
  log(`default threshold ${threshold.toFixed(2)} (target FMR ${TARGET_FMR})`);

  // 1:1 fused, per configuration.
  for (const c of CONFIGS) {
    const fused = (scores: Float64Array[], i: number) =>
      c.slots.reduce((sum, s) => sum + llr(scores[s]![i]!, models[modalityOf(s)]), 0);
    const gen = Float64Array.from({ length: MATED }, (_, i) => fused(genuine, i));
    const imp = Float64Array.from({ length: PAIRS }, (_, i) => fused(impostor, i))
      .sort()
      .reverse();
    const atDefault = countAtLeast(imp, threshold) / PAIRS;
    const atSettings = countAtLeast(imp, settings) / PAIRS;
    const fnmrSettings = 1 - countAtLeast(gen, settings) / MATED;
    const fnmrDefault = 1 - countAtLeast(gen, threshold) / MATED;
    const at = [1e-3, 1e-4, 1e-5].map((fmr) => 1 - countAtLeast(gen, thresholdAt(imp, fmr)) / MATED);
    results.push({
      bench: BENCH,
      case: `1:1 ${c.name}: FNMR at FMR 1e-3 / 1e-4 / 1e-5`,
      size: `${MATED} genuine, ${PAIRS} impostor`,
      value: pct(at[2]!),
      unit: '% (1e-5)',
      note: `${at.map((x) => pct(x).toFixed(2)).join(' / ')} %; at the default threshold: FMR ${atDefault.toExponential(1)} (bound ${falseMatchBound(threshold).toExponential(0)}), FNMR ${pct(fnmrDefault).toFixed(2)} %; at the settings' ${settings.toFixed(1)}: FMR ${atSettings.toExponential(1)}, FNMR ${pct(fnmrSettings).toFixed(2)} %`,
    });
  }

  // 1:N: candidates per probe template from its slot's gallery, union of persons, fused over the configuration.
  t = performance.now();
  const nearest: Int32Array[] = [];
  for (let s = 0; s < SLOTS; s++) {
    const m = usearch.exactSearch(
      d.gallery[s]!,
      d.probes[s]!,
      dimsOf(s),
      CANDIDATES,
      usearch.MetricKind.Cos,
      0,
    ) as BatchMatches;
    const rows = new Int32Array((MATED + NONMATED) * CANDIDATES);
    for (let j = 0; j < MATED + NONMATED; j++) {
      const keys = m.get(j).keys;
      for (let k = 0; k < CANDIDATES; k++) {
        rows[j * CANDIDATES + k] = k < keys.length ? Number(keys[k]) : -1;
      }
    }
    nearest.push(rows);
  }
  log(
    `1:N candidates (exact, ${CANDIDATES} per template) in ${((performance.now() - t) / 1000).toFixed(0)} s`,
  );
  const size = `gallery ${GALLERY.toLocaleString('en')}, ${MATED} mated + ${NONMATED} non-mated searches`;
  for (const c of CONFIGS) {
    const nonMatedBest = new Float64Array(NONMATED);
    const mateScore = new Float64Array(MATED).fill(-Infinity);
    const mateRank = new Int32Array(MATED).fill(Number.MAX_SAFE_INTEGER);
    for (let j = 0; j < MATED + NONMATED; j++) {
      const rows = new Set<number>();
      for (const s of c.slots) {
        for (let k = 0; k < CANDIDATES; k++) {
          const r = nearest[s]![j * CANDIDATES + k]!;
          if (r >= 0) {
            rows.add(r);
          }
        }
      }
      const fusedOf = [...rows].map((r) => ({
        r,
        f: c.slots.reduce((sum, s) => sum + llr(score(d, s, j, r), models[modalityOf(s)]), 0),
      }));
      fusedOf.sort((a, b) => b.f - a.f);
      if (j < MATED) {
        const rank = fusedOf.findIndex((x) => x.r === d.mate[j]);
        if (rank >= 0) {
          mateScore[j] = fusedOf[rank]!.f;
          mateRank[j] = rank;
        }
      } else {
        nonMatedBest[j - MATED] = fusedOf.length > 0 ? fusedOf[0]!.f : -Infinity;
      }
    }
    const fnirAt = (th: number) => {
      let missed = 0;
      for (let j = 0; j < MATED; j++) {
        if (!(mateScore[j]! >= th && mateRank[j]! < RANK)) {
          missed++;
        }
      }
      return missed / MATED;
    };
    const desc = Float64Array.from(nonMatedBest).sort().reverse();
    const th1 = thresholdAt(desc, 0.01);
    const th01 = thresholdAt(desc, 0.001);
    const fpirDefault = countAtLeast(nonMatedBest, threshold) / NONMATED;
    const fnirDefault = fnirAt(threshold);
    const fpirSettings = countAtLeast(nonMatedBest, settings) / NONMATED;
    const fnirSettings = fnirAt(settings);
    log(
      `${c.name}: FNIR@FPIR0.1% ${pct(fnirAt(th01)).toFixed(2)} %, default FPIR ${pct(fpirDefault).toFixed(3)} % FNIR ${pct(fnirDefault).toFixed(2)} %`,
    );
    results.push({
      bench: BENCH,
      case: `1:N ${c.name}: FNIR at FPIR 0.1 %`,
      size,
      value: pct(fnirAt(th01)),
      unit: '%',
      note: `threshold at FPIR 0.1 % ${th01.toFixed(1)}; FNIR at FPIR 1 % (threshold ${th1.toFixed(1)}): ${pct(fnirAt(th1)).toFixed(2)} %; at threshold ${threshold.toFixed(1)}: FPIR ${pct(fpirDefault).toFixed(2)} %, FNIR ${pct(fnirDefault).toFixed(2)} %; at the settings' ${settings.toFixed(1)}: FPIR ${pct(fpirSettings).toFixed(2)} %, FNIR ${pct(fnirSettings).toFixed(2)} %`,
    });
  }
  return results;
}

const bench: Bench = { name: 'biometrics DET (fusion calibration)', run };
export default bench;
