import { distance as levenshtein } from 'fastest-levenshtein';
import { acceptLatinTransliteration } from '../compare/index.ts';
import { foldDiacritics, harmoniseName, harmoniseSeparators } from '../names/index.ts';
import { transliterateToMrz, transliterationEquivalent } from '../transliteration/index.ts';
import type { MidSettings } from './types.ts';
import { memoByString } from '../../../platform/memo.ts';

/** A similarity rule that fired on one value pair, with the reason. */
export interface RuleHit<R extends string> {
  rule: R;
  explanation: string;
}

/** Name rules that apply to one value pair (N-b and N-c look at whole records instead). */
export type PairNameRule = 'N-a' | 'N-d' | 'N-e' | 'N-f' | 'N-g' | 'N-h';

type PairSettings = Pick<MidSettings, 'allowChaining' | 'wordOrder' | 'truncationMinLength'>;

/**
 * The forms of a value under N-g: apostrophes and commas deleted with hyphens as spaces or deleted (the
 * algorithm of the rules specification), and every separator as a space (O'NEILL / O NEILL).
 */
const separatorForms = (v: string) => [
  harmoniseSeparators(v, 'space'),
  harmoniseSeparators(v, 'delete'),
  harmoniseSeparators(v.replace(/['\u2019\u2018\u02BC\u0060\u00B4,]/gu, ' ')),
];

/**
 * N-a, Annex II 3.1(a): a known transliteration. The variant set of a value is its Latin diacritic folding
 * plus its ICAO Doc 9303 Part 3 machine-readable form and the alternative romanisations the transliteration
 * tables give; the pair is similar when the sets overlap or the tables declare the two values equivalent.
 * A pair that differs only in apostrophes, commas or hyphens is left to N-g, so that one difference is not
 * credited to two rules.
 */
export const transliterationVariants: (value: string) => ReadonlySet<string> = memoByString(variantsOf);

function variantsOf(value: string): ReadonlySet<string> {
  const out = new Set<string>([value, foldDiacritics(value)]);
  try {
    const mrz = transliterateToMrz(value);
    for (const form of [mrz.mrz, ...mrz.alternatives]) {
      out.add(harmoniseName(form.replace(/</gu, ' ')));
    }
  } catch {
    // A value the tables cannot handle simply has no table variants.
  }
  out.delete('');
  return out;
}

function ruleA(x: string, y: string): RuleHit<'N-a'> | undefined {
  const sx = separatorForms(x);
  if (separatorForms(y).some((f) => sx.includes(f))) {
    return undefined;
  }
  try {
    const direct = transliterationEquivalent(...(x <= y ? ([x, y] as const) : ([y, x] as const)));
    if (direct.equivalent && acceptLatinTransliteration(x, y, direct.explanation)) {
      return { rule: 'N-a', explanation: `known transliteration: ${direct.explanation}` };
    }
  } catch {
    // Fall through to the variant sets.
  }
  const vy = transliterationVariants(y);
  const shared = [...transliterationVariants(x)].find((v) => vy.has(v));
  return shared === undefined
    ? undefined
    : { rule: 'N-a', explanation: `known transliteration: both give ${shared}` };
}

/** N-d, Annex II 3.1(d): the order of two words inverted, adjacent or not. */
function ruleD(x: string, y: string, wordOrder: MidSettings['wordOrder']): RuleHit<'N-d'> | undefined {
  const tx = x.split(' ');
  const ty = y.split(' ');
  if (tx.length < 2 || tx.length !== ty.length) {
    return undefined;
  }
  const diff = tx.flatMap((t, i) => (t === ty[i] ? [] : [i]));
  if (wordOrder === 'any-permutation') {
    const sorted = (ts: string[]) => [...ts].sort().join(' ');
    return diff.length > 0 && sorted(tx) === sorted(ty)
      ? { rule: 'N-d', explanation: 'the same words in another order' }
      : undefined;
  }
  const [i, j] = diff;
  if (diff.length === 2 && i !== undefined && j !== undefined && tx[i] === ty[j] && tx[j] === ty[i]) {
    return { rule: 'N-d', explanation: `words ${tx[i]} and ${tx[j]} swapped` };
  }
  return undefined;
}

/** N-e, Annex II 3.1(e): two letters in inverted order, adjacent or not: one transposition at any distance. */
function ruleE(x: string, y: string): RuleHit<'N-e'> | undefined {
  const cx = [...x];
  const cy = [...y];
  if (cx.length !== cy.length) {
    return undefined;
  }
  const diff = cx.flatMap((c, i) => (c === cy[i] ? [] : [i]));
  const [i, j] = diff;
  if (diff.length === 2 && i !== undefined && j !== undefined && cx[i] === cy[j] && cx[j] === cy[i]) {
    return {
      rule: 'N-e',
      explanation: `letters ${cx[i]} and ${cx[j]} at positions ${i + 1} and ${j + 1} inverted`,
    };
  }
  return undefined;
}

/** N-f, Annex II 3.1(f): one character inserted, deleted or substituted (Levenshtein distance 1). */
function ruleF(x: string, y: string): RuleHit<'N-f'> | undefined {
  return levenshtein(x, y) === 1
    ? { rule: 'N-f', explanation: 'one character inserted, deleted or substituted' }
    : undefined;
}

/**
 * N-g, Annex II 3.1(g): a difference due to hyphens, commas or apostrophes. Apostrophes and commas are
 * deleted; hyphens become spaces or are deleted.
 */
function ruleG(x: string, y: string): RuleHit<'N-g'> | undefined {
  const sx = separatorForms(x);
  return separatorForms(y).some((f) => sx.includes(f))
    ? { rule: 'N-g', explanation: 'equal once apostrophes, commas and hyphens are harmonised' }
    : undefined;
}

/**
 * N-h, Annex II 3.1(h): a truncated name, i.e. one value is a proper prefix of the other. Initials (`J.`)
 * are not truncations, and the shorter value must be at least `minLength` characters long.
 */
function ruleH(x: string, y: string, minLength: number): RuleHit<'N-h'> | undefined {
  const [short, long] = [...x].length <= [...y].length ? [x, y] : [y, x];
  if (short === long || short.endsWith('.') || [...short].length < minLength || !long.startsWith(short)) {
    return undefined;
  }
  return { rule: 'N-h', explanation: `${short} is a truncation of ${long}` };
}

/** The rules other than N-a and N-g, applied to one form of each value. */
function structuralRules(x: string, y: string, settings: PairSettings): Array<RuleHit<PairNameRule>> {
  const hits: Array<RuleHit<PairNameRule> | undefined> = [
    ruleD(x, y, settings.wordOrder),
    ruleE(x, y),
    ruleF(x, y),
    ruleH(x, y, settings.truncationMinLength),
  ];
  return hits.filter((h): h is RuleHit<PairNameRule> => h !== undefined);
}

/**
 * Evaluates every pair rule (N-a, N-d … N-h) on two harmonised name values that are not equal, without
 * short-circuiting. Without chaining each rule sees the two values as they are. With `allowChaining`, the
 * structural rules are also tried on the transliteration and separator variants, and a hit reports both
 * rules.
 */
export function namePairRules(x: string, y: string, settings: PairSettings): Array<RuleHit<PairNameRule>> {
  if (x === y || x === '' || y === '') {
    return [];
  }
  const hits: Array<RuleHit<PairNameRule>> = [];
  const a = ruleA(x, y);
  if (a) {
    hits.push(a);
  }
  hits.push(...structuralRules(x, y, settings));
  const g = ruleG(x, y);
  if (g) {
    hits.push(g);
  }
  if (settings.allowChaining && hits.length === 0) {
    hits.push(...chainedRules(x, y, settings));
  }
  return hits;
}

function chainedRules(x: string, y: string, settings: PairSettings): Array<RuleHit<PairNameRule>> {
  const forms = (v: string): Array<[string, PairNameRule | undefined]> => [
    [v, undefined],
    ...[...transliterationVariants(v)].filter((f) => f !== v).map((f): [string, PairNameRule] => [f, 'N-a']),
    ...separatorForms(v)
      .filter((f) => f !== v)
      .map((f): [string, PairNameRule] => [f, 'N-g']),
  ];
  for (const [fx, rx] of forms(x)) {
    for (const [fy, ry] of forms(y)) {
      if (rx === undefined && ry === undefined) {
        continue;
      }
      const hits = structuralRules(fx, fy, settings);
      if (hits.length > 0 || fx === fy) {
        const via = [...new Set([rx, ry])].filter((r): r is PairNameRule => r !== undefined);
        return [
          ...via.map((rule) => ({ rule, explanation: `chained: ${fx} / ${fy}` })),
          ...hits.map((h) => ({
            rule: h.rule,
            explanation: `chained after ${via.join(', ')}: ${h.explanation}`,
          })),
        ];
      }
    }
  }
  return [];
}
