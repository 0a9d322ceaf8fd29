import { foldDiacritics, collapseWhitespace, harmoniseCountryCode } from '../../identity/index.ts';
import { EDUCATION_LEVELS, OCCUPATION_GROUPS, type EducationLevel, type OccupationGroup } from '../model.ts';

/**
 * ETIAS screening rules (Reg. (EU) 2018/1240 art. 33; digest §3.1): a rule is a conjunction of predicates
 * over the permitted fields ONLY (art. 33(4)). Nothing else can be expressed: {@link RulePredicates} has no
 * other property, and the HTTP schema forbids additional ones. Pure.
 */

/** The risk a rule targets (art. 33(1)). */
export const RISK_TYPES = ['security', 'illegal-immigration', 'epidemic'] as const;
export type RiskType = (typeof RISK_TYPES)[number];

/**
 * The art. 33(2) source the risk is defined from (the delegated act's closed list): (a) EES overstay/refusal
 * statistics, (b) ETIAS refusal statistics, (c) ETIAS+EES correlations with form answers, (d) a member state's
 * security indicators, (e) a member state's overstay/refusal rates, (f) [K] epidemic-risk information.
 */
export const LEGAL_BASES = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** Draft (being written, impact measured), active (runs in automated processing), retired (kept for hits). */
export const RULE_STATUSES = ['draft', 'active', 'retired'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

export const RULE_SEXES = ['M', 'F', 'X'] as const;
export type RuleSex = (typeof RULE_SEXES)[number];

/** Ages a rule can name: whole years at the application date. */
export const MAX_AGE = 130;

/**
 * The predicates of a rule (art. 33(4)); every present one must hold (conjunction). List predicates hold when
 * the applicant's value is any of the listed ones.
 */
export interface RulePredicates {
  /** Age in whole years on the application date, bounds included; one bound may be left out. */
  ageRange?: { min?: number; max?: number };
  sex?: RuleSex;
  /** ICAO codes; any of the applicant's nationalities. */
  nationalities?: string[];
  /** ICAO codes of the country of residence. */
  residenceCountries?: string[];
  /** Cities of residence, compared without case, diacritics or extra spaces. */
  residenceCities?: string[];
  educationLevels?: EducationLevel[];
  occupationGroups?: OccupationGroup[];
}

export type PredicateName = keyof RulePredicates;
export const PREDICATE_NAMES: readonly PredicateName[] = [
  'ageRange',
  'sex',
  'nationalities',
  'residenceCountries',
  'residenceCities',
  'educationLevels',
  'occupationGroups',
];

/** The application data a rule reads (art. 33(4)); nothing else of the application reaches the evaluator. */
export interface ScreeningData {
  /** YYYY-MM-DD; 00 for an unknown month or day. */
  birthDate: string;
  /** The application date (YYYY-MM-DD): the age is computed on it. */
  applicationDate: string;
  sex: 'M' | 'F' | 'X';
  nationalities: readonly string[];
  residence: { country: string; city: string };
  education?: EducationLevel | undefined;
  occupation?: OccupationGroup | undefined;
}

/** One predicate that held, with the applicant's value, for the explanation of a hit. */
export interface MatchedPredicate {
  predicate: PredicateName;
  /** The rule's condition, as a person reads it. */
  condition: string;
  /** The applicant's value that met it. */
  value: string;
}

/** One problem of a rule's predicates, with the path of the offending property. */
export interface RuleIssue {
  path: string;
  message: string;
}

const COUNTRY = /^[A-Z]{3}$/u;
const MAX_LIST = 60;

const foldCity = (city: string): string => collapseWhitespace(foldDiacritics(city).toUpperCase());

/**
 * Every problem of a rule's predicates, [] when it may be stored. Art. 33(5): a rule is never based solely on
 * sex or age, so at least one predicate other than `sex` and `ageRange` is required; a list predicate that
 * names every value of its closed list restricts nothing and is refused too (it would let a rule on sex or age
 * alone through under another name), as is an age range that excludes no age.
 */
export function validatePredicates(predicates: RulePredicates): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const p = predicates as Record<string, unknown>;
  for (const key of Object.keys(p)) {
    if (!(PREDICATE_NAMES as readonly string[]).includes(key)) {
      issues.push({ path: key, message: 'is not a field a screening rule may use (art. 33(4))' });
    }
  }
  const present = PREDICATE_NAMES.filter((k) => p[k] !== undefined);
  if (present.length === 0) {
    issues.push({ path: '', message: 'a rule needs at least one predicate' });
    return issues;
  }
  if (predicates.ageRange !== undefined) {
    const { min, max } = predicates.ageRange;
    const bad = (v: number | undefined) => v !== undefined && (!Number.isInteger(v) || v < 0 || v > MAX_AGE);
    if (min === undefined && max === undefined) {
      issues.push({ path: 'ageRange', message: 'give a lowest age, a highest age or both' });
    }
    if (bad(min)) {
      issues.push({ path: 'ageRange.min', message: `must be a whole number from 0 to ${MAX_AGE}` });
    }
    if (bad(max)) {
      issues.push({ path: 'ageRange.max', message: `must be a whole number from 0 to ${MAX_AGE}` });
    }
    if (min !== undefined && max !== undefined && min > max) {
      issues.push({ path: 'ageRange', message: 'the lowest age is above the highest' });
    }
    if ((min ?? 0) === 0 && (max ?? MAX_AGE) === MAX_AGE) {
      issues.push({ path: 'ageRange', message: 'the range excludes no age' });
    }
  }
  if (predicates.sex !== undefined && !(RULE_SEXES as readonly string[]).includes(predicates.sex)) {
    issues.push({ path: 'sex', message: `must be one of ${RULE_SEXES.join(', ')}` });
  }
  const list = (key: PredicateName, check: (v: string) => string | null, closed?: readonly string[]) => {
    const values = p[key];
    if (values === undefined) {
      return;
    }
    if (!Array.isArray(values) || values.length === 0 || values.length > MAX_LIST) {
      issues.push({ path: key, message: `must list 1 to ${MAX_LIST} values` });
      return;
    }
    values.forEach((v: unknown, i) => {
      const problem = typeof v === 'string' ? check(v) : 'must be a string';
      if (problem !== null) {
        issues.push({ path: `${key}.${i}`, message: problem });
      }
    });
    if (closed !== undefined && closed.every((c) => values.includes(c))) {
      issues.push({ path: key, message: 'names every possible value and so restricts nothing' });
    }
  };
  const country = (v: string) => (COUNTRY.test(v) ? null : 'must be a three-letter ICAO code');
  list('nationalities', country);
  list('residenceCountries', country);
  list('residenceCities', (v) =>
    foldCity(v) === '' || v.length > 100 ? 'must be 1 to 100 characters' : null,
  );
  const oneOf = (all: readonly string[]) => (v: string) =>
    all.includes(v) ? null : `must be one of ${all.join(', ')}`;
  list('educationLevels', oneOf(EDUCATION_LEVELS), EDUCATION_LEVELS);
  list('occupationGroups', oneOf(OCCUPATION_GROUPS), OCCUPATION_GROUPS);
  // Art. 33(5): never based solely on sex or age.
  if (present.every((k) => k === 'sex' || k === 'ageRange')) {
    issues.push({
      path: '',
      message:
        'a screening rule may never be based solely on sex or age (art. 33(5)): add nationality, residence, education or occupation',
    });
  }
  return issues;
}

/** True when the rule's predicates rest on sex and/or age alone (art. 33(5)): the refusal the editor shows. */
export function isSexOrAgeAlone(predicates: RulePredicates): boolean {
  const present = PREDICATE_NAMES.filter((k) => predicates[k] !== undefined);
  return present.length > 0 && present.every((k) => k === 'sex' || k === 'ageRange');
}

/**
 * The possible ages (whole years) on `on` of a person born on `birthDate`; an unknown month or day widens the
 * range to every date it may be.
 */
export function agesOn(birthDate: string, on: string): { min: number; max: number } | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(birthDate);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(on);
  if (b === null || d === null || Number(b[1]) === 0) {
    return null;
  }
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [y, m, dd] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const age = (month: number, day: number) => y - by - (m < month || (m === month && dd < day) ? 1 : 0);
  // The latest possible birthday gives the lowest age, the earliest the highest.
  const low = age(bm === 0 ? 12 : bm, bd === 0 ? 31 : bd);
  const high = age(bm === 0 ? 1 : bm, bd === 0 ? 1 : bd);
  return { min: Math.max(low, 0), max: Math.max(high, 0) };
}

const within = (range: { min?: number; max?: number }, ages: { min: number; max: number }) =>
  ages.max >= (range.min ?? 0) && ages.min <= (range.max ?? Number.POSITIVE_INFINITY);

function describeRange(r: { min?: number; max?: number }): string {
  if (r.min !== undefined && r.max !== undefined) {
    return `age ${r.min} to ${r.max}`;
  }
  return r.min !== undefined ? `age ${r.min} or more` : `age ${r.max ?? 0} or less`;
}

/**
 * Evaluates a rule against one application: the predicates that held, each with the applicant's value, when
 * ALL of them hold (the rule hits); null otherwise. An absent optional answer (education, occupation) does
 * not meet a predicate on it; a partial birth date meets an age range when any of its possible ages does (a
 * hit only routes to a person, art. 33(1), so doubt is resolved towards a look). Pure.
 */
export function evaluateRule(predicates: RulePredicates, data: ScreeningData): MatchedPredicate[] | null {
  const matched: MatchedPredicate[] = [];
  for (const key of PREDICATE_NAMES) {
    const m = evaluatePredicate(key, predicates, data);
    if (m === undefined) {
      continue;
    }
    if (m === null) {
      return null;
    }
    matched.push(m);
  }
  return matched.length === 0 ? null : matched;
}

function evaluatePredicate(
  key: PredicateName,
  p: RulePredicates,
  data: ScreeningData,
): MatchedPredicate | null | undefined {
  const anyOf = (
    listed: readonly string[] | undefined,
    values: readonly string[],
    label: string,
    fold: (v: string) => string = (v) => v,
  ): MatchedPredicate | null | undefined => {
    if (listed === undefined) {
      return undefined;
    }
    const wanted = new Set(listed.map(fold));
    const hit = values.find((v) => wanted.has(fold(v)));
    return hit === undefined
      ? null
      : { predicate: key, condition: `${label} one of ${listed.join(', ')}`, value: hit };
  };
  switch (key) {
    case 'ageRange': {
      if (p.ageRange === undefined) {
        return undefined;
      }
      const ages = agesOn(data.birthDate, data.applicationDate);
      if (ages === null || !within(p.ageRange, ages)) {
        return null;
      }
      const age = ages.min === ages.max ? `${ages.min}` : `${ages.min}-${ages.max}`;
      return {
        predicate: key,
        condition: describeRange(p.ageRange),
        value: `${age} on ${data.applicationDate}`,
      };
    }
    case 'sex':
      if (p.sex === undefined) {
        return undefined;
      }
      return data.sex === p.sex ? { predicate: key, condition: `sex ${p.sex}`, value: data.sex } : null;
    case 'nationalities':
      return anyOf(p.nationalities, data.nationalities, 'nationality', harmoniseCountryCode);
    case 'residenceCountries':
      return anyOf(
        p.residenceCountries,
        [data.residence.country],
        'country of residence',
        harmoniseCountryCode,
      );
    case 'residenceCities':
      return anyOf(p.residenceCities, [data.residence.city], 'city of residence', foldCity);
    case 'educationLevels':
      return anyOf(p.educationLevels, data.education === undefined ? [] : [data.education], 'education');
    case 'occupationGroups':
      return anyOf(p.occupationGroups, data.occupation === undefined ? [] : [data.occupation], 'occupation');
  }
}

/** The explanation lines of a hit: one per predicate, naming the applicant's value (art. 20(7)). */
export function explainMatch(
  rule: { name: string; version: number },
  matched: readonly MatchedPredicate[],
): string[] {
  return [
    `Screening rule "${rule.name}" version ${rule.version} (art. 33): every predicate holds; a person assesses the application (no refusal ground)`,
    ...matched.map((m) => `${m.condition}: applicant ${m.value}`),
  ];
}
