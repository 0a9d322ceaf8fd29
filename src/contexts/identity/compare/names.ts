import { doubleMetaphone } from 'double-metaphone';
import damerauLevenshtein from 'talisman/metrics/damerau-levenshtein.js';
import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import { harmoniseName, nameTokens, normaliseName } from '../names/index.ts';
import type { NicknameIndex } from '../names/index.ts';
import { defaultNicknames } from '../names/index.ts';
import { transliterateToMrz, transliterationEquivalent } from '../transliteration/index.ts';
import type { Comparison } from './levels.ts';

/**
 * The shared first steps of every name comparator: `missing` when either side is empty, `exact` when the
 * harmonised forms are identical, `equivalent` when only diacritics or punctuation differ. Returns the
 * normalised forms otherwise.
 */
function screen(a: string, b: string): Comparison | { na: string; nb: string } {
  const na = normaliseName(a);
  const nb = normaliseName(b);
  if (na === '' || nb === '') {
    return { level: 'missing', explanation: 'a name is empty on one side or both' };
  }
  if (harmoniseName(a) === harmoniseName(b)) {
    return { level: 'exact', explanation: 'identical after case and whitespace harmonisation' };
  }
  if (na === nb) {
    return { level: 'equivalent', explanation: 'identical once diacritics and punctuation are removed' };
  }
  return { na, nb };
}

const isResult = (v: Comparison | { na: string; nb: string }): v is Comparison => 'level' in v;

/** Orders a pair so that order-sensitive library code always sees the same argument order. */
const ordered = (a: string, b: string): [string, string] => (a <= b ? [a, b] : [b, a]);

/** Thresholds of {@link compareJaroWinkler}. */
export interface JaroWinklerThresholds {
  /** Minimum score for `close` (default 0.92). */
  close: number;
  /** Minimum score for `partial` (default 0.88). */
  partial: number;
}

/**
 * Conventional Jaro-Winkler tiers for person names (the 0.92 / 0.88 cut-offs common in record-linkage
 * tools). They are a starting point to be tuned on the project's own training data, not on evaluation sets.
 */
export const DEFAULT_JARO_WINKLER_THRESHOLDS: Readonly<JaroWinklerThresholds> = Object.freeze({
  close: 0.92,
  partial: 0.88,
});

/**
 * Jaro-Winkler similarity of two normalised names (prefix scale 0.1, boost threshold 0.7).
 *
 * @example compareJaroWinkler('MARTHA', 'MARHTA').level // 'close' (score 0.961)
 */
export function compareJaroWinkler(
  a: string,
  b: string,
  thresholds: JaroWinklerThresholds = DEFAULT_JARO_WINKLER_THRESHOLDS,
): Comparison {
  const s = screen(a, b);
  if (isResult(s)) {
    return { ...s, score: s.level === 'missing' ? 0 : 1 };
  }
  const score = jaroWinkler(...ordered(s.na, s.nb));
  const rounded = Math.round(score * 1000) / 1000;
  if (score >= thresholds.close) {
    return { level: 'close', score, explanation: `Jaro-Winkler ${rounded} ≥ ${thresholds.close}` };
  }
  if (score >= thresholds.partial) {
    return { level: 'partial', score, explanation: `Jaro-Winkler ${rounded} ≥ ${thresholds.partial}` };
  }
  return { level: 'different', score, explanation: `Jaro-Winkler ${rounded} < ${thresholds.partial}` };
}

/**
 * Damerau-Levenshtein (optimal string alignment) distance of two normalised names: one edit or adjacent
 * transposition is `close`, two are `partial`.
 *
 * @example compareDamerauLevenshtein('SMITH', 'SMIHT').level // 'close'
 */
export function compareDamerauLevenshtein(a: string, b: string): Comparison {
  const s = screen(a, b);
  if (isResult(s)) {
    return s;
  }
  const distance = damerauLevenshtein(...ordered(s.na, s.nb));
  const plural = distance === 1 ? 'edit' : 'edits';
  if (distance <= 1) {
    return { level: 'close', explanation: `Damerau-Levenshtein distance ${distance} ${plural}` };
  }
  if (distance === 2) {
    return { level: 'partial', explanation: `Damerau-Levenshtein distance ${distance} ${plural}` };
  }
  return { level: 'different', explanation: `Damerau-Levenshtein distance ${distance} ${plural}` };
}

/** The double-metaphone codes of each token of a name. Tokens without Latin letters give empty codes. */
export function phoneticCodes(name: string): Array<[string, string]> {
  return nameTokens(name).map((t) => doubleMetaphone(t));
}

/**
 * Double-metaphone comparison, token by token in order: `close` when every token pair has the same
 * primary code, `partial` when every token pair shares some code (primary or alternate).
 *
 * @example comparePhonetic('SMITH', 'SMYTH').level // 'close'
 */
export function comparePhonetic(a: string, b: string): Comparison {
  const s = screen(a, b);
  if (isResult(s)) {
    return s;
  }
  const ca = phoneticCodes(s.na);
  const cb = phoneticCodes(s.nb);
  const show = (codes: Array<[string, string]>) =>
    codes.map(([p, alt]) => (p === alt ? p : `${p}/${alt}`)).join(' ');
  const described = `${show(ca)} vs ${show(cb)}`;
  if (ca.length !== cb.length || ca.some(([p]) => p === '') || cb.some(([p]) => p === '')) {
    return { level: 'different', explanation: `phonetic codes do not line up (${described})` };
  }
  const pairs = ca.map((x, i) => [x, cb[i] ?? ['', '']] as const);
  if (pairs.every(([x, y]) => x[0] === y[0])) {
    return { level: 'close', explanation: `same double-metaphone primary codes (${described})` };
  }
  if (pairs.every(([x, y]) => x.some((code) => y.includes(code)))) {
    return { level: 'partial', explanation: `double-metaphone codes overlap (${described})` };
  }
  return { level: 'different', explanation: `different double-metaphone codes (${described})` };
}

/** The bounded set of Latin forms a name may take in a travel document: ICAO MRZ form and alternatives. */
export function transliterationForms(name: string): string[] {
  const result = transliterateToMrz(name);
  const toText = (mrz: string) => normaliseName(mrz.replace(/</gu, ' '));
  return [...new Set([normaliseName(name), toText(result.mrz), ...result.alternatives.map(toText)])].filter(
    (f) => f !== '',
  );
}

const isLatinOnly = (v: string) => !/[^\p{Script=Latin}\P{L}]/u.test(v);

/**
 * Policy choice for N-a between two Latin spellings ([P] in one place). The transliteration tables explain
 * such a pair through a native spelling and its letter correspondences (`native=left|right`). The verdict is
 * accepted only when:
 *
 * - every native letter is rendered by some letter on both sides: a letter rendered on one side and dropped
 *   on the other (shown as ∅) is an insertion or deletion, which Annex II 3.1(f) covers as a single edit;
 * - each side renders the same native letter the same way throughout the name, as one table applied to the
 *   whole name does (KARIM / KIRAM would otherwise pass by reading one Arabic letter as A at one place and
 *   as I at another).
 *
 * Without these checks any inserted vowel or swapped letter pair could pass as a "transliteration"; the
 * rules specification keeps those cases for 3.1(e) and (f). When the explanation does not list
 * correspondences, the tables' verdict stands.
 */
export function acceptLatinTransliteration(x: string, y: string, explanation: string): boolean {
  if (!isLatinOnly(x) || !isLatinOnly(y)) {
    return true;
  }
  const steps = [...explanation.matchAll(/(\S+)=([^\s|]+)\|([^\s|]+)/gu)];
  const renderings = new Map<string, { left: Set<string>; right: Set<string> }>();
  for (const [, native = '', left = '', right = ''] of steps) {
    if (left === '\u2205' || right === '\u2205') {
      return false;
    }
    const r = renderings.get(native) ?? { left: new Set<string>(), right: new Set<string>() };
    r.left.add(left);
    r.right.add(right);
    renderings.set(native, r);
  }
  return [...renderings.values()].every((r) => r.left.size === 1 && r.right.size === 1);
}

/**
 * Transliteration equivalence: `equivalent` when a known transliteration table explains the difference
 * (for example Cyrillic and its ICAO 9303 rendering, or two romanisations of the same letters).
 *
 * @example compareTransliteration('ЮРИЙ', 'IURII').level // 'equivalent'
 */
export function compareTransliteration(a: string, b: string): Comparison {
  const s = screen(a, b);
  if (isResult(s)) {
    return s;
  }
  try {
    const direct = transliterationEquivalent(...ordered(harmoniseName(a), harmoniseName(b)));
    if (direct.equivalent && acceptLatinTransliteration(a, b, direct.explanation)) {
      return { level: 'equivalent', explanation: direct.explanation };
    }
    const formsB = new Set(transliterationForms(b));
    const shared = transliterationForms(a).find((f) => formsB.has(f));
    if (shared !== undefined) {
      return { level: 'equivalent', explanation: `both transliterate to ${shared}` };
    }
    return { level: 'different', explanation: direct.explanation };
  } catch (err) {
    return {
      level: 'different',
      explanation: `transliteration could not be applied: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

/**
 * Nickname equivalence of given names, token by token in order: `equivalent` when every token pair is
 * equal or in one nickname group (BILL / WILLIAM).
 *
 * @example compareNicknames('BILL', 'WILLIAM').level // 'equivalent'
 */
export function compareNicknames(
  a: string,
  b: string,
  index: NicknameIndex = defaultNicknames(),
): Comparison {
  const s = screen(a, b);
  if (isResult(s)) {
    return s;
  }
  const ta = s.na.split(' ');
  const tb = s.nb.split(' ');
  if (ta.length !== tb.length) {
    return { level: 'different', explanation: 'different number of given names' };
  }
  const groups: string[] = [];
  for (const [i, x] of ta.entries()) {
    const y = tb[i] ?? '';
    if (x === y) {
      continue;
    }
    const group = index.sharedGroup(x, y);
    if (group === undefined) {
      return { level: 'different', explanation: `${x} and ${y} are in no common nickname group` };
    }
    groups.push(`${x}/${y} (group of ${group[0] ?? x})`);
  }
  return { level: 'equivalent', explanation: `nickname forms: ${groups.join(', ')}` };
}

/**
 * Token-set comparison for multi-part names: tokens are matched regardless of order, exactly or with one
 * edit. `equivalent` when the same tokens appear in another order, `close` when every token of the shorter
 * name is matched (one edit allowed per token), `partial` when some token is shared.
 *
 * @example compareTokenSet('MARIA LUISA', 'LUISA MARIA').level // 'equivalent'
 */
export function compareTokenSet(a: string, b: string): Comparison {
  const s = screen(a, b);
  if (isResult(s)) {
    return s;
  }
  const [short, long] = ordered(s.na, s.nb)
    .map((n) => n.split(' '))
    .sort((x, y) => x.length - y.length) as [string[], string[]];
  const remaining = [...long];
  let exact = 0;
  let fuzzy = 0;
  const unmatched: string[] = [];
  for (const token of short) {
    const i = remaining.indexOf(token);
    if (i >= 0) {
      remaining.splice(i, 1);
      exact += 1;
    } else {
      unmatched.push(token);
    }
  }
  for (const token of unmatched) {
    const i = remaining.findIndex((r) => damerauLevenshtein(...ordered(token, r)) <= 1);
    if (i >= 0) {
      remaining.splice(i, 1);
      fuzzy += 1;
    }
  }
  const matched = exact + fuzzy;
  const summary = `${matched} of ${short.length}/${long.length} tokens matched (${fuzzy} with one edit)`;
  if (matched === short.length && short.length === long.length && fuzzy === 0) {
    return { level: 'equivalent', explanation: `same tokens in another order; ${summary}` };
  }
  if (matched === short.length) {
    return { level: 'close', explanation: summary };
  }
  if (matched > 0) {
    return { level: 'partial', explanation: summary };
  }
  return { level: 'different', explanation: 'no token in common' };
}

/** A surname and given names, as held by one record. */
export interface NamePair {
  surname: string;
  givenNames: string;
}

/**
 * Detects a surname/given-name swap: `exact` when not swapped and both parts are identical, `equivalent`
 * when the surname of one record is the given names of the other and vice versa, `close` when the same
 * name parts are only regrouped between the two fields (`NGUYEN VAN AN` / `` vs `NGUYEN` / `VAN AN`).
 *
 * @example compareNameSwap({ surname: 'AHMED', givenNames: 'HASSAN' }, { surname: 'HASSAN', givenNames: 'AHMED' }).level // 'equivalent'
 */
export function compareNameSwap(a: NamePair, b: NamePair): Comparison {
  const [as, ag, bs, bg] = [a.surname, a.givenNames, b.surname, b.givenNames].map(normaliseName) as [
    string,
    string,
    string,
    string,
  ];
  if (as === '' && ag === '') {
    return { level: 'missing', explanation: 'the first record has no name' };
  }
  if (bs === '' && bg === '') {
    return { level: 'missing', explanation: 'the second record has no name' };
  }
  if (as === bs && ag === bg) {
    const same =
      harmoniseName(a.surname) === harmoniseName(b.surname) &&
      harmoniseName(a.givenNames) === harmoniseName(b.givenNames);
    return same
      ? { level: 'exact', explanation: 'surname and given names match, not swapped' }
      : { level: 'equivalent', explanation: 'surname and given names match once diacritics are removed' };
  }
  if (as === bg && ag === bs) {
    return { level: 'equivalent', explanation: 'surname and given names are swapped' };
  }
  const bag = (...parts: string[]) =>
    parts
      .join(' ')
      .split(' ')
      .filter((t) => t !== '')
      .sort()
      .join(' ');
  if (bag(as, ag) === bag(bs, bg)) {
    return {
      level: 'close',
      explanation: 'the same name parts, grouped differently between surname and given names',
    };
  }
  return { level: 'different', explanation: 'neither the same nor a swap of surname and given names' };
}
