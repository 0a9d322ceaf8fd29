/**
 * String similarity for the scoring loop. The results equal talisman's Jaro-Winkler and
 * Damerau-Levenshtein (optimal string alignment) on UTF-16 code units, as the tests check, but nothing is
 * allocated per call: a linkage run or an index query calls these millions of times.
 */

let flags = new Uint8Array(64);
let matchedIndex = new Int32Array(64);
let rowA = new Int32Array(65);
let rowB = new Int32Array(65);
let rowC = new Int32Array(65);

function ensure(size: number): void {
  if (flags.length < size) {
    const n = Math.max(size, flags.length * 2);
    flags = new Uint8Array(n);
    matchedIndex = new Int32Array(n);
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
    rowC = new Int32Array(n + 1);
  }
}

/** Jaro similarity in [0, 1] (transpositions counted as in talisman: half the mismatches, rounded down). */
export function jaro(a: string, b: string): number {
  if (a === b) {
    return 1;
  }
  // The longer string is searched; on equal lengths `b` is, as talisman does.
  let short = a;
  let long = b;
  if (a.length > b.length) {
    short = b;
    long = a;
  }
  const ls = short.length;
  const ll = long.length;
  if (ls === 0) {
    return 0;
  }
  ensure(ll);
  flags.fill(0, 0, ll);
  const range = Math.max((ll >> 1) - 1, 0);
  let matches = 0;
  for (let i = 0; i < ls; i += 1) {
    const c = short.charCodeAt(i);
    const end = Math.min(i + range + 1, ll);
    matchedIndex[i] = -1;
    for (let j = Math.max(i - range, 0); j < end; j += 1) {
      if (flags[j] === 0 && long.charCodeAt(j) === c) {
        flags[j] = 1;
        matchedIndex[i] = j;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) {
    return 0;
  }
  let mismatched = 0;
  let j = 0;
  for (let i = 0; i < ls; i += 1) {
    if (matchedIndex[i] === -1) {
      continue;
    }
    while (flags[j] === 0) {
      j += 1;
    }
    if (short.charCodeAt(i) !== long.charCodeAt(j)) {
      mismatched += 1;
    }
    j += 1;
  }
  const t = mismatched >> 1;
  return (matches / a.length + matches / b.length + (matches - t) / matches) / 3;
}

/**
 * Jaro-Winkler similarity (Winkler 1990): prefix scale 0.1, common prefix of at most 4, applied only when
 * the Jaro score reaches 0.7.
 *
 * @example jaroWinkler('MARTHA', 'MARHTA') // 0.9611...
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) {
    return 1;
  }
  const j = jaro(a, b);
  if (j < 0.7) {
    return j;
  }
  const limit = Math.min(a.length, b.length, 4);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) {
    prefix += 1;
  }
  return j + prefix * 0.1 * (1 - j);
}

/**
 * Damerau-Levenshtein distance in its optimal-string-alignment form (adjacent transpositions count as one
 * edit). With `max`, the result is exact up to `max` and any value above `max` means "more than max"; the
 * computation stops early once every path exceeds it.
 *
 * @example osaDistance('SMITH', 'SMIHT') // 1
 */
export function osaDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) {
    return 0;
  }
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) {
    return max + 1;
  }
  if (la === 0 || lb === 0) {
    return Math.max(la, lb);
  }
  ensure(lb + 1);
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= lb; j += 1) {
    prev[j] = j;
  }
  for (let i = 1; i <= la; i += 1) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    let rowMin = i;
    for (let j = 1; j <= lb; j += 1) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      }
      cur[j] = d;
      if (d < rowMin) {
        rowMin = d;
      }
    }
    if (rowMin > max) {
      return max + 1;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[lb] ?? 0;
  return d > max ? max + 1 : d;
}

/** Number of positions at which two strings of equal length differ; `Infinity` for different lengths. */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) {
    return Number.POSITIVE_INFINITY;
  }
  let n = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      n += 1;
    }
  }
  return n;
}
