/**
 * Small-cell suppression of one answer (2019/817 art. 39(1): the data must not allow individuals to be
 * identified; Commission Delegated Regulation (EU) 2021/2223 on the repository's anonymisation [K]).
 *
 * 1. Primary: a count from 1 to `min − 1` is shown as null.
 * 2. Secondary: the total and the shown rows give away the sum of the suppressed rows. That sum is harmless
 *    only when at least two rows are suppressed and it does not pin each of them down (all ones, or, when all
 *    are primary, all `min − 1`). Until that holds, the smallest shown row is suppressed as well.
 * 3. The total itself is null when it is from 1 to `min − 1`, or when every row is suppressed and their sum
 *    would still pin them down.
 *
 * This protects one answer. Differences between answers (the same figure asked with one filter more) are
 * limited by the fixed dimensions of each figure and the minimum range of a day, not excluded [K].
 */
export interface Suppressed {
  readonly counts: readonly (number | null)[];
  readonly total: number | null;
  readonly suppressed: number;
}

const small = (n: number, min: number) => n > 0 && n < min;

export function suppressSmallCells(counts: readonly number[], min: number): Suppressed {
  const total = counts.reduce((a, b) => a + b, 0);
  const hidden = new Set<number>();
  counts.forEach((c, i) => {
    if (small(c, min)) {
      hidden.add(i);
    }
  });
  let totalShown = !small(total, min);
  if (totalShown && hidden.size > 0) {
    const primary = new Set(hidden);
    const unsafe = () => {
      const sum = [...hidden].reduce((a, i) => a + counts[i]!, 0);
      const allPrimary = [...hidden].every((i) => primary.has(i));
      return hidden.size < 2 || sum <= hidden.size || (allPrimary && sum >= hidden.size * (min - 1));
    };
    while (unsafe()) {
      let next = -1;
      counts.forEach((c, i) => {
        if (!hidden.has(i) && (next === -1 || c < counts[next]!)) {
          next = i;
        }
      });
      if (next === -1) {
        break;
      }
      hidden.add(next);
    }
    // Every row is suppressed and the total would still pin them down: the total goes too.
    totalShown = !unsafe();
  }
  return {
    counts: counts.map((c, i) => (hidden.has(i) ? null : c)),
    total: totalShown ? total : null,
    suppressed: hidden.size,
  };
}

/** One figure's value on its own (a headline): null when from 1 to `min − 1`. */
export const suppressValue = (n: number, min: number): number | null => (small(n, min) ? null : n);
