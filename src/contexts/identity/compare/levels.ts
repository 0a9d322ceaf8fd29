/**
 * The ordered levels every comparator reports, strongest first:
 *
 * - `exact`: identical after format harmonisation (case, Unicode composition, whitespace);
 * - `equivalent`: the same value written differently in a way the comparator knows (diacritics, a known
 *   transliteration, a nickname, an OCR look-alike, a date with unknown parts that agree);
 * - `close`: one small error (one edit, one swap, a high Jaro-Winkler score, the same phonetic code);
 * - `partial`: some agreement (two edits, a shared token, a year off by one);
 * - `different`: no agreement the comparator recognises;
 * - `missing`: a value is absent on one side or both, so nothing was compared.
 */
export const LEVELS = ['exact', 'equivalent', 'close', 'partial', 'different', 'missing'] as const;

/** One of {@link LEVELS}. */
export type Level = (typeof LEVELS)[number];

/** The result of one comparator: a level and a sentence saying why. */
export interface Comparison {
  level: Level;
  explanation: string;
  /** A numeric similarity in [0, 1] where the comparator computes one (Jaro-Winkler). */
  score?: number;
}

/** Rank of a level: 5 for `exact` down to 0 for `missing`. Higher is stronger. */
export function levelRank(level: Level): number {
  return LEVELS.length - 1 - LEVELS.indexOf(level);
}

/** True when `a` is at least as strong as `b`. */
export function atLeast(a: Level, b: Level): boolean {
  return levelRank(a) >= levelRank(b);
}

/** The stronger of several comparisons (the first one wins a tie). */
export function strongest(comparisons: readonly Comparison[]): Comparison {
  let best: Comparison = { level: 'missing', explanation: 'nothing was compared' };
  for (const c of comparisons) {
    if (levelRank(c.level) > levelRank(best.level)) {
      best = c;
    }
  }
  return best;
}
