/**
 * Accuracy of transliteration equivalence on held-out Wikidata name pairs (English label ↔ Russian or
 * Arabic label). Reports the share of true pairs accepted and the share of random non-matching pairs
 * accepted (false matches). Deterministic: a fixed seed drives the sampling.
 *
 * Run: npx tsx scripts/accuracy/transliteration.ts
 */
import { transliterationEquivalent } from '../../src/contexts/identity/index.ts';
import { readSharedText } from '../../test/support/shared-data.ts';

const SEED = 20_240_917;
const NEGATIVES_PER_SET = 100_000;
const LATIN_LATIN_NEGATIVES = 20_000;

interface Pair {
  latin: string;
  native: string;
  count: number;
}

/** mulberry32: a small, well-known 32-bit PRNG, enough for reproducible sampling. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function loadPairs(file: string): Pair[] {
  return readSharedText('name-variants', file)
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((cols) => cols.length >= 2 && (cols[0] ?? '') !== '' && (cols[1] ?? '') !== '')
    .map(([latin = '', native = '', count = '1']) => ({ latin, native, count: Number(count) || 1 }));
}

function pct(n: number, d: number, digits = 2): string {
  return d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(digits)} %`;
}

interface SetResult {
  name: string;
  pairs: number;
  accepted: number;
  weightedPairs: number;
  weightedAccepted: number;
  negatives: number;
  falseMatches: number;
  examplesRejected: string[];
  examplesFalse: string[];
}

function evaluate(name: string, file: string, random: () => number): SetResult {
  const pairs = loadPairs(file);
  const known = new Set(pairs.map((p) => `${p.latin}\t${p.native}`));
  let accepted = 0;
  let weightedPairs = 0;
  let weightedAccepted = 0;
  const examplesRejected: string[] = [];
  for (const p of pairs) {
    const ok = transliterationEquivalent(p.latin, p.native).equivalent;
    weightedPairs += p.count;
    if (ok) {
      accepted += 1;
      weightedAccepted += p.count;
    } else if (examplesRejected.length < 15 && random() < 0.01) {
      examplesRejected.push(`${p.latin} / ${p.native}`);
    }
  }
  let negatives = 0;
  let falseMatches = 0;
  const examplesFalse: string[] = [];
  while (negatives < NEGATIVES_PER_SET) {
    const a = pairs[Math.floor(random() * pairs.length)];
    const b = pairs[Math.floor(random() * pairs.length)];
    if (a === undefined || b === undefined || a.latin === b.latin || a.native === b.native) {
      continue;
    }
    if (known.has(`${a.latin}\t${b.native}`)) {
      continue;
    }
    negatives += 1;
    if (transliterationEquivalent(a.latin, b.native).equivalent) {
      falseMatches += 1;
      if (examplesFalse.length < 15) {
        examplesFalse.push(`${a.latin} / ${b.native}`);
      }
    }
  }
  return {
    name,
    pairs: pairs.length,
    accepted,
    weightedPairs,
    weightedAccepted,
    negatives,
    falseMatches,
    examplesRejected,
    examplesFalse,
  };
}

/** Random pairs of two different Latin labels: how often two unrelated Latin spellings are accepted. */
function latinLatin(
  files: readonly string[],
  random: () => number,
): { negatives: number; falseMatches: number; examples: string[] } {
  const labels = [...new Set(files.flatMap((f) => loadPairs(f).map((p) => p.latin)))];
  let negatives = 0;
  let falseMatches = 0;
  const examples: string[] = [];
  while (negatives < LATIN_LATIN_NEGATIVES) {
    const a = labels[Math.floor(random() * labels.length)];
    const b = labels[Math.floor(random() * labels.length)];
    if (a === undefined || b === undefined || a === b) {
      continue;
    }
    negatives += 1;
    if (transliterationEquivalent(a, b).equivalent) {
      falseMatches += 1;
      if (examples.length < 15) {
        examples.push(`${a} / ${b}`);
      }
    }
  }
  return { negatives, falseMatches, examples };
}

/** Writes one line of the report on standard output. */
function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

const random = prng(SEED);
const started = performance.now();
const results = [
  evaluate('English ↔ Russian', 'wikidata_en_ru_name_tokens_test20.tsv', random),
  evaluate('English ↔ Arabic', 'wikidata_en_ar_name_tokens.tsv', random),
];
const ll = latinLatin(['wikidata_en_ru_name_tokens_test20.tsv', 'wikidata_en_ar_name_tokens.tsv'], random);
const seconds = ((performance.now() - started) / 1000).toFixed(1);

print(`# Transliteration equivalence accuracy (seed ${SEED}, ${seconds} s)\n`);
print(
  '| set | true pairs | accepted | accepted (weighted by count) | random non-matching pairs | false matches |',
);
print('|---|---|---|---|---|---|');
for (const r of results) {
  print(
    `| ${r.name} | ${r.pairs} | ${r.accepted} (${pct(r.accepted, r.pairs)}) | ${pct(r.weightedAccepted, r.weightedPairs)} | ${r.negatives} | ${r.falseMatches} (${pct(r.falseMatches, r.negatives, 3)}) |`,
  );
}
print(
  `| Latin ↔ Latin (labels of both sets) | – | – | – | ${ll.negatives} | ${ll.falseMatches} (${pct(ll.falseMatches, ll.negatives, 3)}) |`,
);
for (const r of results) {
  print(`\n${r.name}, sample of rejected true pairs: ${r.examplesRejected.join('; ')}`);
  print(`${r.name}, false matches: ${r.examplesFalse.join('; ') || 'none'}`);
}
print(`\nLatin ↔ Latin false matches: ${ll.examples.join('; ') || 'none'}`);
