import type { SchemeFamily, Unit } from './schemes.ts';

/** One step of an alignment: a native unit and the Latin text it accounts for on each side. */
export interface AlignmentStep {
  readonly native: string;
  readonly left: string;
  readonly right: string;
}

interface Compiled {
  readonly units: readonly Unit[];
  /** For each unit, its Latin spellings including doubled forms of geminable consonants. */
  readonly spellings: readonly (readonly string[])[];
  /**
   * The (unit, spelling) pairs that can start at a letter, in the order of `units` and `spellings` (empty
   * spellings with every letter): a position is tried against these only, not against every unit.
   */
  readonly startingWith: Map<string, readonly (readonly [number, string])[]>;
  /** The pair alignment's matches of a string (fixed word bounds), kept for strings seen often. */
  readonly pairMatches: Map<string, Map<number, number[]>[]>;
}

/**
 * Strings whose pair matches are kept per family (a few kB each; names are few and often repeated); the map
 * is emptied when it reaches this size.
 */
const PAIR_MATCHES_KEPT = 4_000;

const compiledCache = new WeakMap<SchemeFamily, Compiled>();

function compile(family: SchemeFamily): Compiled {
  const cached = compiledCache.get(family);
  if (cached !== undefined) {
    return cached;
  }
  const spellings = family.units.map((u) => {
    const all = new Set(u.latin);
    if (u.geminate === true) {
      for (const l of u.latin) {
        if (l !== '' && !l.startsWith('X')) {
          all.add(l.length === 1 ? l + l : (l[0] ?? '') + l);
        }
      }
    }
    return [...all];
  });
  const compiled = { units: family.units, spellings, startingWith: new Map(), pairMatches: new Map() };
  compiledCache.set(family, compiled);
  return compiled;
}

/** The (unit, spelling) pairs that may match where `letter` stands (see `Compiled.startingWith`). */
function startingWith(compiled: Compiled, letter: string): readonly (readonly [number, string])[] {
  let list = compiled.startingWith.get(letter);
  if (list === undefined) {
    const found: (readonly [number, string])[] = [];
    compiled.spellings.forEach((spellings, u) => {
      for (const s of spellings) {
        if (s === '' || (letter !== '' && s.startsWith(letter))) {
          found.push([u, s]);
        }
      }
    });
    list = found;
    compiled.startingWith.set(letter, list);
  }
  return list;
}

/** For each position of `text`, the units (by index) with the lengths of their spellings found there. */
function matchesAt(
  text: string,
  compiled: Compiled,
  atStart: (pos: number) => boolean,
  atEnd: (pos: number) => boolean,
): Map<number, number[]>[] {
  const result: Map<number, number[]>[] = [];
  for (let pos = 0; pos <= text.length; pos += 1) {
    const found = new Map<number, number[]>();
    // At the end of the text only empty spellings can match; `startingWith('')` lists exactly those.
    for (const [u, s] of startingWith(compiled, text.charAt(pos))) {
      const unit = compiled.units[u];
      if (unit?.initialOnly === true && !atStart(pos)) {
        continue;
      }
      if (text.startsWith(s, pos) && (unit?.finalOnly !== true || atEnd(pos + s.length))) {
        const lengths = found.get(u) ?? [];
        lengths.push(s.length);
        found.set(u, lengths);
      }
    }
    result.push(found);
  }
  return result;
}

/** {@link matchesAt} for a whole word of the pair alignment, kept per family for names seen again. */
function pairMatchesOf(text: string, compiled: Compiled): Map<number, number[]>[] {
  let matches = compiled.pairMatches.get(text);
  if (matches === undefined) {
    matches = matchesAt(
      text,
      compiled,
      (p) => p === 0,
      (p) => p === text.length,
    );
    if (compiled.pairMatches.size >= PAIR_MATCHES_KEPT) {
      compiled.pairMatches.clear();
    }
    compiled.pairMatches.set(text, matches);
  }
  return matches;
}

interface Parent {
  readonly from: number;
  readonly unit: number;
  readonly leftLength: number;
  readonly rightLength: number;
}

/**
 * Finds one native spelling, in the units of `family`, of which both Latin strings (upper case A–Z) are
 * renderings. Returns the letter-by-letter alignment, or undefined when none exists. Runs in
 * O(|left|·|right|·units) using a reachability table over pairs of positions.
 */
export function alignLatinPair(
  left: string,
  right: string,
  family: SchemeFamily,
): AlignmentStep[] | undefined {
  const compiled = compile(family);
  const width = right.length + 1;
  const matchLeft = pairMatchesOf(left, compiled);
  const matchRight = pairMatchesOf(right, compiled);
  const parents = new Map<number, Parent>();
  const goal = left.length * width + right.length;
  const queue = [0];
  parents.set(0, { from: -1, unit: -1, leftLength: 0, rightLength: 0 });
  for (let q = 0; q < queue.length; q += 1) {
    const state = queue[q] ?? 0;
    if (state === goal) {
      break;
    }
    const i = Math.floor(state / width);
    const j = state % width;
    const rightHere = matchRight[j];
    if (rightHere === undefined) {
      continue;
    }
    for (const [u, leftLengths] of matchLeft[i] ?? []) {
      // Only at the very start of both strings for word-initial units.
      if (compiled.units[u]?.initialOnly === true && (i !== 0 || j !== 0)) {
        continue;
      }
      const rightLengths = rightHere.get(u);
      if (rightLengths === undefined) {
        continue;
      }
      for (const l1 of leftLengths) {
        for (const l2 of rightLengths) {
          // A letter left out on one side must be left out on both, or two spellings differing by any
          // inserted letter group would match; the word-initial Arabic article is the one exception.
          if (l1 + l2 === 0 || ((l1 === 0) !== (l2 === 0) && compiled.units[u]?.elidable !== true)) {
            continue;
          }
          const next = (i + l1) * width + (j + l2);
          if (!parents.has(next)) {
            parents.set(next, { from: state, unit: u, leftLength: l1, rightLength: l2 });
            queue.push(next);
          }
        }
      }
    }
  }
  if (!parents.has(goal)) {
    return undefined;
  }
  const steps: AlignmentStep[] = [];
  let state = goal;
  while (state !== 0) {
    const p = parents.get(state);
    if (p === undefined) {
      break;
    }
    const i = Math.floor(p.from / width);
    const j = p.from % width;
    steps.push({
      native: compiled.units[p.unit]?.native ?? '',
      left: left.slice(i, i + p.leftLength),
      right: right.slice(j, j + p.rightLength),
    });
    state = p.from;
  }
  return steps.reverse();
}

/**
 * Tells whether the Latin string (upper case A–Z) can be a rendering of the native spelling under the
 * units of `family`. Unwritten short vowels (Arabic) may be supplied in Latin, at most one per gap.
 * `wordStarts` holds the native positions where a word begins. Returns the alignment or undefined.
 */
export function alignLatinNative(
  latin: string,
  native: string,
  wordStarts: ReadonlySet<number>,
  family: SchemeFamily,
): AlignmentStep[] | undefined {
  const compiled = compile(family);
  const nativeWidth = native.length + 1;
  // State: (latin position, native position, whether the last step supplied an unwritten vowel).
  const encode = (i: number, k: number, inserted: number) => (i * nativeWidth + k) * 2 + inserted;
  const goalBase = latin.length * nativeWidth + native.length;
  // Word positions are known on the native side only, so the Latin side accepts every position.
  const matchLatin = matchesAt(
    latin,
    compiled,
    () => true,
    () => true,
  );
  const parents = new Map<number, Parent>();
  parents.set(0, { from: -1, unit: -1, leftLength: 0, rightLength: 0 });
  const queue = [0];
  let reached: number | undefined;
  for (let q = 0; q < queue.length; q += 1) {
    const state = queue[q] ?? 0;
    const inserted = state % 2;
    const base = (state - inserted) / 2;
    if (base === goalBase) {
      reached = state;
      break;
    }
    const i = Math.floor(base / nativeWidth);
    const k = base % nativeWidth;
    for (const [u, lengths] of matchLatin[i] ?? []) {
      const unit = compiled.units[u];
      if (unit === undefined) {
        continue;
      }
      let nativeLength = 0;
      if (unit.unwritten === true && inserted === 0 && !native.startsWith(unit.native, k)) {
        nativeLength = 0;
      } else if (
        native.startsWith(unit.native, k) &&
        (unit.initialOnly !== true || wordStarts.has(k)) &&
        (unit.finalOnly !== true ||
          k + unit.native.length === native.length ||
          wordStarts.has(k + unit.native.length))
      ) {
        nativeLength = unit.native.length;
      } else {
        continue;
      }
      for (const l of lengths) {
        if (l + nativeLength === 0) {
          continue;
        }
        const next = encode(i + l, k + nativeLength, nativeLength === 0 ? 1 : 0);
        if (!parents.has(next)) {
          parents.set(next, { from: state, unit: u, leftLength: l, rightLength: nativeLength });
          queue.push(next);
        }
      }
    }
  }
  if (reached === undefined) {
    return undefined;
  }
  const steps: AlignmentStep[] = [];
  let state = reached;
  while (state !== 0) {
    const p = parents.get(state);
    if (p === undefined) {
      break;
    }
    const fromBase = (p.from - (p.from % 2)) / 2;
    const i = Math.floor(fromBase / nativeWidth);
    const k = fromBase % nativeWidth;
    steps.push({
      native: p.rightLength === 0 ? '(vowel)' : native.slice(k, k + p.rightLength),
      left: latin.slice(i, i + p.leftLength),
      right: native.slice(k, k + p.rightLength),
    });
    state = p.from;
  }
  return steps.reverse();
}
