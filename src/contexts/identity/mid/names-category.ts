import { harmoniseSeparators } from '../names/index.ts';
import { namePairRules } from './name-rules.ts';
import type { PairNameRule } from './name-rules.ts';
import type { MidCategoryResult, MidMatch, MidRuleId, MidSettings } from './types.ts';
import { sortRules } from './types.ts';
import type { NameGroup, NameValue } from './values.ts';

/** A pair of name values from X and Y, and what was found about it. */
interface ScoredPair {
  x: NameValue;
  y: NameValue;
  equal: boolean;
  hits: Array<{ rule: PairNameRule; explanation: string }>;
}

/** Two pairs are the same pair when they join the same value of X to the same value of Y. */
const samePair = (p: { x: NameValue; y: NameValue }, q: { x: NameValue; y: NameValue }) =>
  p.x.field === q.x.field && p.y.field === q.y.field;

function pairsIn(group: NameGroup, xs: NameValue[], ys: NameValue[], settings: MidSettings): ScoredPair[] {
  const inGroup = (v: NameValue) => v.groups.has(group);
  return xs.filter(inGroup).flatMap((x) =>
    ys.filter(inGroup).map((y) => ({
      x,
      y,
      equal: x.value === y.value,
      hits: x.value === y.value ? [] : namePairRules(x.value, y.value, settings),
    })),
  );
}

/** True when some pair of `ps` and some pair of `qs` can be taken together (distinct when required). */
function findCombination<P extends { x: NameValue; y: NameValue }>(
  ps: P[],
  qs: P[],
  distinct: boolean,
): [P, P] | undefined {
  for (const p of ps) {
    for (const q of qs) {
      if (!distinct || !samePair(p, q)) {
        return [p, q];
      }
    }
  }
  return undefined;
}

/**
 * N-b, Annex II 3.1(b): surname and first name inverted. A SURNAME value of one record equals a FIRSTNAME
 * value of the other, and the other way round: the full swap is required.
 */
function ruleB(xs: NameValue[], ys: NameValue[], distinct: boolean): MidMatch[] {
  const cross = (from: NameValue[], fromGroup: NameGroup, to: NameValue[], toGroup: NameGroup) =>
    from
      .filter((a) => a.groups.has(fromGroup))
      .flatMap((a) =>
        to.filter((b) => b.groups.has(toGroup) && a.value === b.value).map((b) => ({ x: a, y: b })),
      );
  const found = findCombination(
    cross(xs, 'surname', ys, 'firstname'),
    cross(xs, 'firstname', ys, 'surname'),
    distinct,
  );
  if (!found) {
    return [];
  }
  return found.map((p) => ({
    rule: 'N-b' as const,
    x: p.x.field,
    y: p.y.field,
    explanation: `${p.x.value} recorded as a surname on one side and a first name on the other`,
  }));
}

/**
 * N-c, Annex II 3.1(c): first name and surname regrouped in one field. One record holds all name parts in a
 * single field, the other splits them: surname + first name (either order) of one record equals one name
 * field of the other, after separator harmonisation.
 */
function ruleC(xs: NameValue[], ys: NameValue[]): MidMatch[] {
  const oneWay = (single: NameValue[], split: NameValue[], singleSide: 'x' | 'y'): MidMatch[] => {
    const surnames = split.filter((v) => v.groups.has('surname'));
    const firsts = split.filter((v) => v.groups.has('firstname'));
    for (const s of surnames) {
      for (const f of firsts) {
        if (s.field === f.field) {
          continue;
        }
        const joined = [`${s.value} ${f.value}`, `${f.value} ${s.value}`].map((j) => harmoniseSeparators(j));
        const whole = single.find((v) => joined.includes(harmoniseSeparators(v.value)));
        if (whole) {
          const explanation = `${whole.value} holds ${s.value} and ${f.value} in one field`;
          return [
            singleSide === 'x'
              ? { rule: 'N-c', x: whole.field, y: `${s.field} + ${f.field}`, explanation }
              : { rule: 'N-c', x: `${s.field} + ${f.field}`, y: whole.field, explanation },
          ];
        }
      }
    }
    return [];
  };
  const hit = oneWay(xs, ys, 'x');
  return hit.length > 0 ? hit : oneWay(ys, xs, 'y');
}

/**
 * The names category (Annex I 3.1 for "same", Annex II 3.1 for "similar"). Every rule is evaluated on every
 * value pair (Annex II §2: the MID always checks against every rule).
 *
 * - same: a SURNAME pair and a FIRSTNAME pair are equal;
 * - similar: (1) a SURNAME pair and a FIRSTNAME pair are each equal or similar by N-a, N-d … N-h, or
 *   (2) N-b holds, or (3) N-c holds;
 * - different otherwise, and always when neither record has a first name (single-name persons).
 */
export function namesCategory(xs: NameValue[], ys: NameValue[], settings: MidSettings): MidCategoryResult {
  const distinct = settings.requireDistinctNamePairs;
  const surnamePairs = pairsIn('surname', xs, ys, settings);
  const firstPairs = pairsIn('firstname', xs, ys, settings);
  const allPairs = [...surnamePairs, ...firstPairs.filter((p) => !surnamePairs.some((q) => samePair(p, q)))];
  const pairMatches: MidMatch[] = allPairs.flatMap((p): MidMatch[] =>
    p.equal
      ? [{ rule: 'equal' as const, x: p.x.field, y: p.y.field, explanation: `both ${p.x.value}` }]
      : p.hits.map((h) => ({ rule: h.rule, x: p.x.field, y: p.y.field, explanation: h.explanation })),
  );
  const bMatches = ruleB(xs, ys, distinct);
  const cMatches = ruleC(xs, ys);
  const matches = [...pairMatches, ...bMatches, ...cMatches];
  const rules = sortRules(matches.flatMap((m) => (m.rule === 'equal' ? [] : [m.rule])));
  const result = (
    outcome: MidCategoryResult['outcome'],
    explanation: string,
    decidedBy: MidRuleId[] = [],
  ): MidCategoryResult => ({
    outcome,
    decidedBy: sortRules(decidedBy),
    rules,
    matches,
    explanation,
  });

  const hasFirst = (vs: NameValue[]) => vs.some((v) => v.groups.has('firstname'));
  if (xs.length === 0 || ys.length === 0) {
    return result('different', 'no name on one side or both');
  }
  if (!hasFirst(xs) && !hasFirst(ys)) {
    return result(
      'different',
      'single-name persons: neither record has a first name, so names cannot be same or similar',
    );
  }
  const equalIn = (ps: ScoredPair[]) => ps.filter((p) => p.equal);
  const same = findCombination(equalIn(surnamePairs), equalIn(firstPairs), distinct);
  if (same) {
    // Read by the verifying officer beside both records: the fields are named only where they differ.
    const where = (p: ScoredPair) => (p.x.field === p.y.field ? '' : ` (${p.x.field} = ${p.y.field})`);
    return result('same', `equal surnames${where(same[0])} and equal first names${where(same[1])}`);
  }
  const similarIn = (ps: ScoredPair[]) => ps.filter((p) => p.equal || p.hits.length > 0);
  const similar = findCombination(similarIn(surnamePairs), similarIn(firstPairs), distinct);
  if (similar) {
    const describe = (p: ScoredPair) => (p.equal ? 'equal' : p.hits.map((h) => h.rule).join('/'));
    return result(
      'similar',
      `surname pair ${describe(similar[0])} and first-name pair ${describe(similar[1])}`,
      similar.flatMap((p) => p.hits.map((h) => h.rule)),
    );
  }
  if (bMatches.length > 0) {
    return result('similar', 'surname and first name inverted (N-b)', ['N-b']);
  }
  if (cMatches.length > 0) {
    return result('similar', 'name parts regrouped in one field (N-c)', ['N-c']);
  }
  return result(
    'different',
    'no surname pair and first-name pair are equal or similar, and no N-b or N-c case applies',
  );
}
