import { distance as levenshtein } from 'fastest-levenshtein';
import {
  digitDifferences,
  findRenaming,
  harmoniseCountryCode,
  harmoniseSex,
  isCountryCode,
  isDayMonthSwap,
  parsePartialDate,
} from '../compare/index.ts';
import type { PartialDate } from '../compare/index.ts';
import { harmoniseName } from '../names/index.ts';
import { transliterationVariants } from './name-rules.ts';
import type { MidCalendar, MidCategoryResult, MidMatch, MidRuleId, MidSettings } from './types.ts';
import { sortRules } from './types.ts';
import type { FieldValue } from './values.ts';

function categoryResult(
  outcome: MidCategoryResult['outcome'],
  matches: MidMatch[],
  explanation: string,
  decidedBy: MidRuleId[] = [],
): MidCategoryResult {
  return {
    outcome,
    decidedBy: sortRules(decidedBy),
    rules: sortRules(matches.flatMap((m) => (m.rule === 'equal' ? [] : [m.rule]))),
    matches,
    explanation,
  };
}

/** The day, month and year that a Gregorian date has in another calendar, from ICU through `Intl`. */
/** One formatter per calendar: building an `Intl.DateTimeFormat` costs far more than formatting with it. */
const formatters = new Map<MidCalendar, Intl.DateTimeFormat>();
/** Conversions already made (a border check compares one birth date with many candidates'); bounded. */
const converted = new Map<string, { year: number; month: number; day: number }>();
const CONVERTED_MAX = 100_000;

function inCalendar(date: PartialDate, calendar: MidCalendar): { year: number; month: number; day: number } {
  const key = `${calendar}:${date.year}-${date.month}-${date.day}`;
  const known = converted.get(key);
  if (known !== undefined) {
    return known;
  }
  let format = formatters.get(calendar);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(`en-u-ca-${calendar}`, {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      timeZone: 'UTC',
    });
    formatters.set(calendar, format);
  }
  const instant = new Date(0);
  instant.setUTCFullYear(date.year, date.month - 1, date.day);
  const parts = format.formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? Number.NaN);
  const result = { year: part('year'), month: part('month'), day: part('day') };
  if (converted.size >= CONVERTED_MAX) {
    converted.clear();
  }
  converted.set(key, result);
  return result;
}

/**
 * D-b, Annex II 3.2(b): a difference explained by a known calendar conversion. One value, read as a date of
 * a listed calendar keyed in as if it were Gregorian, is the other value converted. Only full dates are
 * converted: a date with unknown parts names no day to convert.
 */
function calendarConversion(
  x: PartialDate,
  y: PartialDate,
  calendars: readonly MidCalendar[],
): string | undefined {
  const full = (d: PartialDate) => d.year > 0 && d.month > 0 && d.day > 0;
  if (!full(x) || !full(y)) {
    return undefined;
  }
  for (const calendar of calendars) {
    for (const [gregorian, other] of [
      [x, y],
      [y, x],
    ] as const) {
      const c = inCalendar(gregorian, calendar);
      if (c.year === other.year && c.month === other.month && c.day === other.day) {
        return `${gregorian.iso} (Gregorian) is ${other.iso} in the ${calendar} calendar`;
      }
    }
  }
  return undefined;
}

/**
 * The date-of-birth category (Annex I 3.2, Annex II 3.2). Dates are compared as canonical `YYYYMMDD`
 * strings with `00` for unknown parts; a missing or unreadable date is never equal.
 *
 * - same: some pair of values is identical;
 * - similar: D-a (day and month swapped), D-b (known calendar conversion) or D-c (one character edit, which
 *   on the fixed-width form is one changed digit). Swapped digits are not a date rule.
 */
export function birthDateCategory(
  xs: FieldValue[],
  ys: FieldValue[],
  settings: MidSettings,
): MidCategoryResult {
  const parse = (vs: FieldValue[]) =>
    vs.flatMap((v) => {
      const p = parsePartialDate(v.value);
      return p.ok ? [{ field: v.field, date: p.date }] : [];
    });
  const px = parse(xs);
  const py = parse(ys);
  if (px.length === 0 || py.length === 0) {
    return categoryResult('different', [], 'no readable date of birth on one side or both');
  }
  const matches: MidMatch[] = [];
  for (const a of px) {
    for (const b of py) {
      const m = (rule: MidMatch['rule'], explanation: string) =>
        matches.push({ rule, x: a.field, y: b.field, explanation });
      if (a.date.canonical === b.date.canonical) {
        m('equal', `both ${a.date.iso}`);
        continue;
      }
      if (isDayMonthSwap(a.date, b.date)) {
        m('D-a', `${a.date.iso} and ${b.date.iso}: day and month swapped`);
      }
      const conversion = calendarConversion(a.date, b.date, settings.calendars);
      if (conversion !== undefined) {
        m('D-b', conversion);
      }
      if (digitDifferences(a.date, b.date) === 1) {
        m('D-c', `${a.date.iso} and ${b.date.iso} differ in one digit`);
      }
    }
  }
  if (matches.some((m) => m.rule === 'equal')) {
    return categoryResult('same', matches, 'equal dates of birth');
  }
  if (matches.length > 0) {
    const decided = matches.flatMap((m) => (m.rule === 'equal' ? [] : [m.rule]));
    return categoryResult('similar', matches, 'dates of birth similar', decided);
  }
  return categoryResult('different', matches, 'no date-of-birth pair is equal or similar');
}

/**
 * The gender category (Annex I 3.3). Annex II 3.3 lists no similarity case, and the list is exhaustive, so
 * gender is either the same or different. Unknown, missing or unrecognised values are never equal.
 */
export function sexCategory(xs: FieldValue[], ys: FieldValue[]): MidCategoryResult {
  const known = (vs: FieldValue[]) =>
    vs.flatMap((v) => {
      const s = harmoniseSex(v.value);
      return s === undefined || s === 'U' ? [] : [{ field: v.field, sex: s }];
    });
  const matches: MidMatch[] = known(xs).flatMap((a) =>
    known(ys)
      .filter((b) => a.sex === b.sex)
      .map((b) => ({ rule: 'equal' as const, x: a.field, y: b.field, explanation: `both ${a.sex}` })),
  );
  return matches.length > 0
    ? categoryResult('same', matches, 'equal sex')
    : categoryResult('different', [], 'no equal known sex value (gender has no similarity rule)');
}

/**
 * The rules of Annex II 3.4 on one pair of values (nationalities or places of birth):
 * P-a known transliteration (for names written out, not codes), P-b one character edit (only on names
 * written out unless `oneEditOnCountryCodes`), P-c a known renaming.
 */
function placePairRules(
  x: string,
  y: string,
  settings: MidSettings,
): Array<{ rule: MidRuleId; explanation: string }> {
  const hits: Array<{ rule: MidRuleId; explanation: string }> = [];
  const codes = isCountryCode(x) || isCountryCode(y);
  if (!codes) {
    const vy = transliterationVariants(y);
    const shared = [...transliterationVariants(x)].find((v) => vy.has(v));
    if (shared !== undefined) {
      hits.push({ rule: 'P-a', explanation: `known transliteration: both give ${shared}` });
    }
  }
  if ((!codes || settings.oneEditOnCountryCodes) && levenshtein(x, y) === 1) {
    hits.push({ rule: 'P-b', explanation: `${x} and ${y} differ by one character` });
  }
  const renaming = findRenaming(x, y);
  if (renaming) {
    hits.push({ rule: 'P-c', explanation: `known renaming: ${renaming.note}` });
  }
  return hits;
}

function comparePlaces(
  xs: FieldValue[],
  ys: FieldValue[],
  settings: MidSettings,
  harmonise: (v: string) => string,
) {
  const matches: MidMatch[] = [];
  for (const a of xs) {
    for (const b of ys) {
      const [x, y] = [harmonise(a.value), harmonise(b.value)];
      if (x === '' || y === '') {
        continue;
      }
      if (x === y) {
        if (x !== 'XXX') {
          matches.push({ rule: 'equal', x: a.field, y: b.field, explanation: `both ${x}` });
        }
        continue;
      }
      for (const h of placePairRules(x, y, settings)) {
        matches.push({ rule: h.rule, x: a.field, y: b.field, explanation: h.explanation });
      }
    }
  }
  return matches;
}

/**
 * The nationality and place-of-birth category (Annex I 3.4, Annex II 3.4).
 *
 * - same: a nationality of X equals a nationality of Y (`XXX`, unspecified, never counts); place of birth is
 *   neither required nor blocking;
 * - similar: some nationality pair is similar by P-a, P-b or P-c; with the `literal` reading a place-of-birth
 *   pair that is equal or similar counts too.
 */
export function nationalityCategory(
  natX: FieldValue[],
  natY: FieldValue[],
  placeX: FieldValue[],
  placeY: FieldValue[],
  settings: MidSettings,
): MidCategoryResult {
  const nationalityMatches = comparePlaces(natX, natY, settings, harmoniseCountryCode);
  const placeMatches = comparePlaces(placeX, placeY, settings, (v) => harmoniseCountryCode(harmoniseName(v)));
  const matches = [...nationalityMatches, ...placeMatches];
  if (natX.length === 0 || natY.length === 0) {
    return categoryResult('different', matches, 'no nationality on one side or both');
  }
  if (nationalityMatches.some((m) => m.rule === 'equal')) {
    return categoryResult('same', matches, 'a nationality is equal');
  }
  const similarNationality = nationalityMatches.filter((m) => m.rule !== 'equal');
  if (similarNationality.length > 0) {
    return categoryResult(
      'similar',
      matches,
      'a nationality pair is similar',
      similarNationality.flatMap((m) => (m.rule === 'equal' ? [] : [m.rule])),
    );
  }
  if (settings.nationalityReading === 'literal' && placeMatches.length > 0) {
    return categoryResult(
      'similar',
      matches,
      'a place-of-birth pair is equal or similar (literal reading)',
      placeMatches.flatMap((m) => (m.rule === 'equal' ? [] : [m.rule])),
    );
  }
  return categoryResult('different', matches, 'no nationality pair is equal or similar');
}
