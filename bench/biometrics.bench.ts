import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import usearch, { type BatchMatches } from 'usearch';
import {
  createHnswlibIndex,
  SyntheticBiometrics,
  UsearchIndex,
  type UsearchQuantisation,
  type VectorIndex,
} from '../src/contexts/sbms/index.ts';
import { numberOption, option, percentile, type Bench, type BenchResult } from './harness.ts';

/**
 * 1:N face search over the synthetic generator's templates (docs/benchmarks.md, "Biometrics"): the approximate
 * index (usearch HNSW, candidates re-ranked exactly with the float32 vectors, as the service does) against the
 * exact scan in the same run (a plain JavaScript loop, and usearch's SIMD `exactSearch`), then after deleting
 * 10 %, then hnswlib-node at a smaller size for the comparison.
 *
 * `npm run bench -- biometrics.bench --n=1000000 --queries=200` (defaults); `--candidates=64,256,1024,2048` the
 * candidate counts swept (the HNSW search breadth; the largest is the operating point unless `--pick=`),
 * `--quantisation=i8|f16|f32`, `--connectivity=16`, `--hnsw-n=100000` (0: skip hnswlib-node),
 * `--js-queries=20` (queries run through the slow JavaScript scan).
 */
const arg = option;
const num = numberOption;

const N = num('n', 1_000_000);
const QUERIES = num('queries', 200);
const JS_QUERIES = Math.min(QUERIES, num('js-queries', 20));
const CANDIDATES = (arg('candidates') ?? '64,256,1024,2048').split(',').map(Number);
const QUANTISATION = (arg('quantisation') ?? 'i8') as UsearchQuantisation;
const CONNECTIVITY = num('connectivity', 16);
const HNSW_N = Math.min(N, num('hnsw-n', 100_000));
const D = 512;
const K = 10;
/** Exact neighbours kept per query, so that the truth after deletes is the survivors among them. */
const TRUTH_K = 100;
const BENCH = 'biometrics';

const mib = (bytes: number) => bytes / 2 ** 20;
const log = (line: string) => process.stderr.write(`  [biometrics] ${line}\n`);

/** A deterministic stream of uniforms for the qualities and the choice of persons. */
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
  vectors: Float32Array;
  queries: Float32Array;
  /** The enrolled row of each mated query, -1 for a person not enrolled. */
  mate: Int32Array;
}

/** N enrolled faces (persons p0…, quality uniform 40-100) and queries: half new captures of enrolled persons, half strangers. */
function generate(n: number, q: number): Data {
  const g = new SyntheticBiometrics();
  const u = uniforms(15);
  const vectors = new Float32Array(n * D);
  for (let i = 0; i < n; i++) {
    vectors.set(g.captureVector(`p${i}`, 'face', 0, { quality: 40 + 60 * u() }), i * D);
  }
  const queries = new Float32Array(q * D);
  const mate = new Int32Array(q);
  for (let j = 0; j < q; j++) {
    const quality = 40 + 60 * u();
    if (j % 2 === 0) {
      const row = Math.floor(u() * n);
      mate[j] = row;
      queries.set(g.captureVector(`p${row}`, 'face', 0, { quality, capture: 1 }), j * D);
    } else {
      mate[j] = -1;
      queries.set(g.captureVector(`stranger${j}`, 'face', 0, { quality }), j * D);
    }
  }
  return { vectors, queries, mate };
}

const query = (d: Data, j: number) => d.queries.subarray(j * D, (j + 1) * D);

function dot(vectors: Float32Array, row: number, q: Float32Array): number {
  let s = 0;
  const o = row * D;
  for (let i = 0; i < D; i++) {
    s += vectors[o + i]! * q[i]!;
  }
  return s;
}

/** The exact scan as plain JavaScript: one dot product per row (vectors are unit length), a top-k kept sorted. */
function jsExact(vectors: Float32Array, n: number, q: Float32Array, k: number): number[] {
  const keys = new Int32Array(k).fill(-1);
  const scores = new Float64Array(k).fill(-Infinity);
  for (let row = 0; row < n; row++) {
    const s = dot(vectors, row, q);
    if (s > scores[k - 1]!) {
      let i = k - 1;
      while (i > 0 && scores[i - 1]! < s) {
        scores[i] = scores[i - 1]!;
        keys[i] = keys[i - 1]!;
        i--;
      }
      scores[i] = s;
      keys[i] = row;
    }
  }
  return Array.from(keys);
}

/** The exact top `TRUTH_K` of every query (usearch SIMD, all cores, one batch). */
function truth(d: Data, n: number): number[][] {
  const m = usearch.exactSearch(
    d.vectors.subarray(0, n * D),
    d.queries,
    D,
    TRUTH_K,
    usearch.MetricKind.Cos,
    0,
  ) as BatchMatches;
  const out: number[][] = [];
  for (let j = 0; j < d.mate.length; j++) {
    out.push(Array.from(m.get(j).keys, Number));
  }
  return out;
}

/** The service's path: `candidates` from the index, re-ranked by the exact float32 score, top 10. */
function annTopK(index: VectorIndex, vectors: Float32Array, q: Float32Array, candidates: number): number[] {
  return index
    .search(q, candidates)
    .map((c) => ({ key: c.key, score: dot(vectors, c.key, q) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, K)
    .map((c) => c.key);
}

interface Sweep {
  candidates: number;
  recall: number;
  mated: number;
  p50: number;
  p95: number;
  returnedDeleted: number;
}

function sweep(
  index: VectorIndex,
  d: Data,
  exact: number[][],
  candidates: number,
  deleted?: (key: number) => boolean,
): Sweep {
  const latencies: number[] = [];
  let hits = 0;
  let matedFound = 0;
  let mated = 0;
  let returnedDeleted = 0;
  for (let j = 0; j < d.mate.length; j++) {
    const q = query(d, j);
    const t = performance.now();
    const got = annTopK(index, d.vectors, q, candidates);
    latencies.push(performance.now() - t);
    const want = (deleted ? exact[j]!.filter((k) => !deleted(k)) : exact[j]!).slice(0, K);
    const wanted = new Set(want);
    for (const k of got) {
      if (wanted.has(k)) {
        hits++;
      }
      if (deleted?.(k)) {
        returnedDeleted++;
      }
    }
    const m = d.mate[j]!;
    if (m >= 0 && !deleted?.(m)) {
      mated++;
      if (got[0] === m) {
        matedFound++;
      }
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    candidates,
    recall: hits / (d.mate.length * K),
    mated: mated === 0 ? Number.NaN : matedFound / mated,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    returnedDeleted,
  };
}

function latencyOf(d: Data, count: number, run: (q: Float32Array, j: number) => void): number[] {
  const latencies: number[] = [];
  for (let j = 0; j < count; j++) {
    const q = query(d, j);
    const t = performance.now();
    run(q, j);
    latencies.push(performance.now() - t);
  }
  return latencies.sort((a, b) => a - b);
}

function sweepRows(
  label: string,
  size: string,
  rows: Sweep[],
  peers: { js: number; simd: number } | undefined,
): BenchResult[] {
  const out: BenchResult[] = [];
  for (const s of rows) {
    const note = `recall@10 ${s.recall.toFixed(4)}, mated rank-1 ${s.mated.toFixed(3)}, p50 ${s.p50.toFixed(2)} ms${
      s.returnedDeleted > 0 ? `, ${s.returnedDeleted} deleted keys returned` : ''
    }`;
    out.push({
      bench: BENCH,
      case: `${label}, ${s.candidates} candidates re-ranked, p95`,
      size,
      value: s.p95,
      unit: 'ms',
      note,
      ...(peers ? { ratio: { peer: 'JS exact p95', value: s.p95 / peers.js } } : {}),
    });
    if (peers) {
      out.push({
        bench: BENCH,
        case: `${label}, ${s.candidates} candidates: speed-up (p50) over SIMD exact`,
        size,
        value: peers.simd / s.p50,
        unit: '×',
        note: `over JS exact ${(peers.js / s.p50).toFixed(1)}×`,
      });
    }
  }
  return out;
}

async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const size = `${N.toLocaleString('en')} faces × ${D}, ${QUERIES} queries`;
  let t = performance.now();
  const d = generate(N, QUERIES);
  log(`generated ${N} templates in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  t = performance.now();
  const exact = truth(d, N);
  const truthMs = performance.now() - t;
  log(`truth (SIMD exact, all cores, batch) ${(truthMs / 1000).toFixed(1)} s`);

  // The exact peers, one query at a time on one thread, as a request would run them.
  const js = latencyOf(d, JS_QUERIES, (q, j) => {
    const got = jsExact(d.vectors, N, q, K);
    if (got[0] !== exact[j]![0]) {
      throw new Error('JavaScript exact scan disagrees with the SIMD scan');
    }
  });
  const simd = latencyOf(d, Math.min(QUERIES, 50), (q) => {
    usearch.exactSearch(d.vectors, q, D, K, usearch.MetricKind.Cos, 1);
  });
  const peers = { js: percentile(js, 50), simd: percentile(simd, 50) };
  results.push(
    {
      bench: BENCH,
      case: 'exact scan, plain JavaScript loop, p95',
      size,
      value: percentile(js, 95),
      unit: 'ms',
      note: `p50 ${peers.js.toFixed(0)} ms over ${JS_QUERIES} queries, one thread`,
    },
    {
      bench: BENCH,
      case: 'exact scan, usearch exactSearch (SIMD), p95',
      size,
      value: percentile(simd, 95),
      unit: 'ms',
      ratio: { peer: 'JS exact p95', value: percentile(simd, 95) / percentile(js, 95) },
      note: `p50 ${peers.simd.toFixed(1)} ms, one thread; batch of all queries on all cores ${(truthMs / QUERIES).toFixed(1)} ms/query`,
    },
  );

  // Build.
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const index = new UsearchIndex(D, { quantisation: QUANTISATION, connectivity: CONNECTIVITY });
  const keys = new Uint32Array(N);
  for (let i = 0; i < N; i++) {
    keys[i] = i;
  }
  t = performance.now();
  index.addMany(keys, d.vectors, 0);
  const buildS = (performance.now() - t) / 1000;
  const rssIndex = process.memoryUsage().rss - rssBefore;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sbms-bench-'));
  const file = path.join(dir, 'faces.usearch');
  t = performance.now();
  index.save(file);
  const saveS = (performance.now() - t) / 1000;
  const fileBytes = statSync(file).size;
  t = performance.now();
  const reloaded = UsearchIndex.load(file, D, { quantisation: QUANTISATION, connectivity: CONNECTIVITY });
  const loadS = (performance.now() - t) / 1000;
  const reloadedSize = reloaded.size;
  rmSync(dir, { recursive: true, force: true });
  log(`built in ${buildS.toFixed(0)} s; index ${mib(fileBytes).toFixed(0)} MiB; load ${loadS.toFixed(1)} s`);
  const config = `usearch ${QUANTISATION}, M=${CONNECTIVITY}`;
  results.push(
    {
      bench: BENCH,
      case: `${config}: build (all ${os.cpus().length} cores)`,
      size,
      value: buildS,
      unit: 's',
      note: `${Math.round(N / buildS)} templates/s`,
    },
    {
      bench: BENCH,
      case: `${config}: index size (saved file)`,
      size,
      value: mib(fileBytes),
      unit: 'MiB',
      note: `RSS grew ${mib(rssIndex).toFixed(0)} MiB while building; float32 vectors kept for re-ranking ${mib(N * D * 4).toFixed(0)} MiB; process RSS ${mib(process.memoryUsage().rss).toFixed(0)} MiB`,
    },
    {
      bench: BENCH,
      case: `${config}: save / load (restart without rebuild)`,
      size,
      value: loadS,
      unit: 's',
      note: `save ${saveS.toFixed(1)} s; ${reloadedSize} keys loaded`,
    },
  );

  const before = CANDIDATES.map((c) => sweep(index, d, exact, c));
  for (const s of before) {
    log(
      `candidates ${s.candidates}: recall ${s.recall.toFixed(4)} mated ${s.mated.toFixed(3)} p95 ${s.p95.toFixed(2)} ms`,
    );
  }
  results.push(...sweepRows(config, size, before, peers));

  // Deletes of 10 % (every tenth person, chosen at random), then the same searches against the survivors.
  const u = uniforms(99);
  const deleted = new Uint8Array(N);
  let removed = 0;
  t = performance.now();
  for (let i = 0; i < N; i++) {
    if (u() < 0.1) {
      deleted[i] = 1;
      if (index.remove(i)) {
        removed++;
      }
    }
  }
  const removeMs = performance.now() - t;
  const pick = num('pick', CANDIDATES[CANDIDATES.length - 1]!);
  const after = [sweep(index, d, exact, pick, (k) => deleted[k] === 1)];
  log(
    `after deleting ${removed}: recall ${after[0]!.recall.toFixed(4)}, deleted returned ${after[0]!.returnedDeleted}`,
  );
  results.push(
    {
      bench: BENCH,
      case: `${config}: remove 10 %`,
      size,
      value: (removeMs * 1000) / removed,
      unit: 'µs/remove',
      note: `${removed} removed; index size now ${index.size}`,
    },
    ...sweepRows(`${config} after 10 % deleted`, size, after, undefined).map((r) => ({
      ...r,
      note: `${r.note}; deleted keys returned: ${after[0]!.returnedDeleted}`,
    })),
  );

  // hnswlib-node against usearch at a size where both build in reasonable time.
  if (HNSW_N > 0) {
    results.push(...(await compareHnswlib(d, HNSW_N)));
  }
  return results;
}

async function compareHnswlib(full: Data, n: number): Promise<BenchResult[]> {
  const size = `${n.toLocaleString('en')} faces × ${D}, ${QUERIES} queries`;
  const d: Data = {
    vectors: full.vectors.subarray(0, n * D),
    queries: full.queries,
    mate: full.mate.map((m) => (m < n ? m : -1)),
  };
  const exact = truth(d, n);
  const out: BenchResult[] = [];
  const hnsw = await createHnswlibIndex(D, { m: CONNECTIVITY, efConstruction: 128, capacity: n });
  if (hnsw === undefined) {
    return [{ bench: BENCH, case: 'hnswlib-node', size, value: Number.NaN, unit: '', note: 'not installed' }];
  }
  let t = performance.now();
  for (let i = 0; i < n; i++) {
    hnsw.add(i, d.vectors.subarray(i * D, (i + 1) * D));
  }
  const hnswBuild = (performance.now() - t) / 1000;
  const small = new UsearchIndex(D, { quantisation: QUANTISATION, connectivity: CONNECTIVITY });
  const keys = Uint32Array.from({ length: n }, (_, i) => i);
  t = performance.now();
  small.addMany(keys, d.vectors, 1);
  const usearchBuild = (performance.now() - t) / 1000;
  log(
    `hnswlib-node built ${n} in ${hnswBuild.toFixed(0)} s (one thread); usearch ${usearchBuild.toFixed(0)} s (one thread)`,
  );
  out.push({
    bench: BENCH,
    case: `hnswlib-node f32, M=${CONNECTIVITY}: build (one thread)`,
    size,
    value: hnswBuild,
    unit: 's',
    ratio: { peer: `usearch ${QUANTISATION} build, one thread`, value: hnswBuild / usearchBuild },
  });
  for (const c of CANDIDATES) {
    hnsw.setEf(c);
    const h = sweep(hnsw, d, exact, c);
    const s = sweep(small, d, exact, c);
    out.push({
      bench: BENCH,
      case: `hnswlib-node, ef ${c}, re-ranked, p95`,
      size,
      value: h.p95,
      unit: 'ms',
      ratio: { peer: `usearch ${QUANTISATION} p95`, value: h.p95 / s.p95 },
      note: `recall@10 ${h.recall.toFixed(4)} (usearch ${s.recall.toFixed(4)}), mated rank-1 ${h.mated.toFixed(3)} (usearch ${s.mated.toFixed(3)})`,
    });
  }
  return out;
}

const bench: Bench = { name: 'biometrics (1:N face index)', run };
export default bench;
