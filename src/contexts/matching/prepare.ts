import { doubleMetaphone } from 'double-metaphone';
import {
  defaultNicknames,
  harmoniseCountryCode,
  harmoniseDocumentNumber,
  normaliseName,
  transliterateToMrz,
  transliterationFold,
  transliterationForms,
} from '../identity/index.ts';
import type { LinkageConfig, NormaliserName } from './config.ts';

/**
 * The pre-computed form of one column of one record. Everything a level or a blocking key needs is computed
 * once here, so that comparing two records only reads these fields.
 */
export interface Feature {
  /** The normalised value; `''` when the value is missing. */
  readonly value: string;
  /** The Latin form used by the fuzzy string comparators (for names in other scripts: the MRZ form). */
  readonly latin: string;
  /** Tokens of `latin` (words of a name, codes of a list). */
  readonly tokens: readonly string[];
  /** Latin forms the value may take in a travel document (names only, when a level or key uses them). */
  readonly forms: readonly string[];
  /** Transliteration-folded keys of a name (when a blocking key uses them; see `transliterationFold`). */
  readonly folded: readonly string[];
  /** Double-metaphone primary codes of the tokens, joined by spaces. */
  readonly phonetic: string;
  /** For each token, the token and its nickname variants (given names, when a level uses them). */
  readonly nicknames: readonly (readonly string[])[];
  /** Year, month and day of a date (0 when unknown or not a date). */
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** The value as a number, `NaN` when it is not one. */
  readonly number: number;
}

/** One record ready for comparison: its id and one feature per column of the model. */
export interface PreparedRecord {
  readonly id: string;
  readonly features: readonly Feature[];
}

/** What has to be computed for a column, beyond its value. */
export interface ColumnNeeds {
  forms: boolean;
  phonetic: boolean;
  nicknames: boolean;
  folded: boolean;
}

const NONE: readonly string[] = Object.freeze([]);
const NONE_NESTED: readonly (readonly string[])[] = Object.freeze([]);

/** The feature of a missing value. */
export const MISSING: Feature = Object.freeze({
  value: '',
  latin: '',
  tokens: NONE,
  forms: NONE,
  folded: NONE,
  phonetic: '',
  nicknames: NONE_NESTED,
  year: 0,
  month: 0,
  day: 0,
  number: Number.NaN,
});

const isLatinText = (v: string) => !/[^\p{Script=Latin}\P{L}]/u.test(v);

function normaliseText(raw: string): string {
  return raw.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function splitTokens(v: string): readonly string[] {
  return v === '' ? NONE : v.split(' ');
}

function nameFeature(raw: string, needs: ColumnNeeds): Feature {
  const value = normaliseName(raw);
  if (value === '') {
    return MISSING;
  }
  let latin = value;
  if (!isLatinText(value)) {
    const mrz = transliterateToMrz(raw).mrz.replace(/<+/gu, ' ').trim();
    latin = mrz === '' ? value : normaliseName(mrz);
  }
  const tokens = splitTokens(latin);
  const nicknames = needs.nicknames
    ? tokens.map((t) => [t, ...defaultNicknames().variantsOf(t)])
    : NONE_NESTED;
  return {
    ...MISSING,
    value,
    latin,
    tokens,
    forms: needs.forms ? [...new Set([latin, ...transliterationForms(raw)])] : NONE,
    // A native name folds like its romanisations; a Latin one as written (the fold reads its diacritics).
    folded: needs.folded ? transliterationFold(raw) : NONE,
    phonetic: needs.phonetic ? tokens.map((t) => doubleMetaphone(t)[0]).join(' ') : '',
    nicknames,
  };
}

function dateFeature(raw: string): Feature {
  // Dates come as YYYY-MM-DD or YYYYMMDD; corrupted dates (month 13, day 32) are kept as digits, because a
  // string comparison of a mistyped date is still evidence.
  const digits = raw.replace(/[^0-9]/gu, '');
  if (digits === '' || /^0+$/u.test(digits)) {
    return MISSING;
  }
  const eight = digits.length === 8;
  return {
    ...MISSING,
    value: digits,
    latin: digits,
    tokens: [digits],
    year: eight ? Number(digits.slice(0, 4)) : 0,
    month: eight ? Number(digits.slice(4, 6)) : 0,
    day: eight ? Number(digits.slice(6, 8)) : 0,
    number: Number(digits),
  };
}

function plainFeature(value: string, needs: ColumnNeeds, tokens?: readonly string[]): Feature {
  if (value === '') {
    return MISSING;
  }
  const toks = tokens ?? splitTokens(value);
  return {
    ...MISSING,
    value,
    latin: value,
    tokens: toks,
    phonetic: needs.phonetic ? toks.map((t) => doubleMetaphone(t)[0]).join(' ') : '',
    number: /^-?\d+(\.\d+)?$/u.test(value) ? Number(value) : Number.NaN,
  };
}

/** Normalises one raw value of a column into its {@link Feature}. */
export function prepareValue(
  raw: string | undefined,
  normaliser: NormaliserName,
  needs: ColumnNeeds,
): Feature {
  const text = (raw ?? '').trim();
  if (text === '') {
    return MISSING;
  }
  switch (normaliser) {
    case 'name':
      return nameFeature(text, needs);
    case 'date':
      return dateFeature(text);
    case 'digits':
      return plainFeature(text.replace(/[^0-9]/gu, ''), needs);
    case 'code':
      return plainFeature(harmoniseCountryCode(text), needs);
    case 'document':
      return plainFeature(harmoniseDocumentNumber(text), needs);
    case 'list': {
      const items = [
        ...new Set(
          text
            .split(';')
            .map((s) => harmoniseCountryCode(s))
            .filter((s) => s !== ''),
        ),
      ].sort();
      return plainFeature(items.join(';'), needs, items);
    }
    case 'text':
      return plainFeature(normaliseText(text), needs);
  }
}

/** The columns of a model, in order, with the normaliser and the extra work each needs. */
export interface ColumnPlan {
  readonly name: string;
  readonly normaliser: NormaliserName;
  readonly needs: ColumnNeeds;
}

/** Works out which columns a configuration compares and what each needs pre-computed. */
export function planColumns(config: LinkageConfig, columns: readonly string[]): ColumnPlan[] {
  const plans = new Map<string, ColumnPlan>();
  const plan = (name: string) => {
    let p = plans.get(name);
    if (p === undefined) {
      p = {
        name,
        normaliser: config.columns?.[name] ?? 'text',
        needs: { forms: false, phonetic: false, nicknames: false, folded: false },
      };
      plans.set(name, p);
    }
    return p;
  };
  for (const name of columns) {
    plan(name);
  }
  for (const c of config.comparisons) {
    const p = plan(c.column);
    for (const level of c.levels) {
      if (level.kind === 'transliteration') {
        p.needs.forms = true;
      } else if (level.kind === 'phonetic') {
        p.needs.phonetic = true;
      } else if (level.kind === 'nickname') {
        p.needs.nicknames = true;
      }
    }
  }
  for (const rule of config.blocking) {
    for (const key of [...rule.on, ...(rule.against ?? [])]) {
      if (typeof key !== 'string') {
        if (key.transform === 'forms') {
          plan(key.column).needs.forms = true;
        } else if (key.transform === 'phonetic') {
          plan(key.column).needs.phonetic = true;
        } else if (key.transform === 'folded') {
          plan(key.column).needs.folded = true;
        }
      }
    }
  }
  return [...plans.values()];
}

/** Prepares one raw record (column name → text) for the given column plan. */
export function prepareRecord(
  id: string,
  raw: Readonly<Record<string, string | undefined>>,
  plans: readonly ColumnPlan[],
): PreparedRecord {
  return { id, features: plans.map((p) => prepareValue(raw[p.name], p.normaliser, p.needs)) };
}
