import type { Comparison } from '../compare/index.ts';

/**
 * The EU systems whose identity data the multiple-identity detector compares (Art. 1 of Delegated
 * Regulations 2023/333 and 2023/332; Eurodac added by 2026/327 and 2026/326).
 */
export type MidSystem = 'EES' | 'ETIAS' | 'SIS' | 'ECRIS-TCN' | 'VIS' | 'EURODAC';

/** How SIS qualifies an identity that is not the confirmed one (Annex I §1 of both acts). */
export type SisQualification = 'not-confirmed' | 'alias' | 'misused';

/**
 * One name field: a single value, or several recorded values of the same field. A person's given names
 * written in one field are ONE string (`'MARIA LUISA'`), not two values.
 */
export type NameField = string | readonly string[];

/**
 * A further identity held in a SIS alert besides the confirmed one: a not-confirmed identity, an alias or a
 * misused identity (SIS "aliases …" fields).
 */
export interface AliasIdentity {
  /** How SIS qualifies this identity. */
  qualification: SisQualification;
  /** Alias surname(s). */
  surname?: NameField;
  /** Alias forename(s). */
  givenNames?: NameField;
  /** Alias date of birth, `YYYY-MM-DD` with `00` for unknown parts. */
  birthDate?: string;
  /** Alias gender. */
  sex?: string;
  /** Alias nationalities, ICAO/ISO 3166-1 alpha-3. */
  nationalities?: readonly string[];
  /** Alias place of birth (town or free text). */
  placeOfBirth?: string;
  /** Alias country of birth (code or name). */
  countryOfBirth?: string;
}

/**
 * The identity data of one record in one EU system, as listed in Art. 1 and the field tables of Annex I §1
 * of Delegated Regulations 2023/333 and 2023/332 (amended by 2026/327 and 2026/326). Each source field maps
 * to one of these properties:
 *
 * | property | SURNAME / FIRSTNAME group (Annex I 3.1) | source fields |
 * |---|---|---|
 * | `surname` | SURNAME | surname, family name, surnames, Eurodac surname(s) |
 * | `givenNames` | FIRSTNAME | first name(s), forenames, given names, Eurodac forename(s) |
 * | `surnameAtBirth` | SURNAME | ETIAS surname at birth, SIS/Eurodac names at birth, VIS former family names |
 * | `previousSurnames` | SURNAME | SIS previously used surnames |
 * | `previousGivenNames` | FIRSTNAME | SIS previously used forenames |
 * | `aliases` | both | ETIAS other names, ECRIS-TCN pseudonyms, aliases and previous names, Eurodac previously used names and aliases |
 * | `aliasIdentities` | per field | SIS not-confirmed, alias and misused identities ("aliases …" fields) |
 *
 * Every property is optional: a system that does not hold a field leaves it out (EES has no place of birth).
 */
export interface IdentityData {
  /** The source system, used for the Eurodac switch and in logs. */
  system?: MidSystem;
  /** Surname (family name). SURNAME group. */
  surname?: NameField;
  /** First name(s) / forename(s) / given names, in one string. FIRSTNAME group. */
  givenNames?: NameField;
  /** Surname at birth, name(s) at birth, former family names. SURNAME group. */
  surnameAtBirth?: NameField;
  /** Previously used surnames (SIS). SURNAME group. */
  previousSurnames?: readonly string[];
  /** Previously used forenames (SIS). FIRSTNAME group. */
  previousGivenNames?: readonly string[];
  /** Names that count in both groups: other names, pseudonyms, aliases, previous names. */
  aliases?: readonly string[];
  /** Date of birth, `YYYY-MM-DD` with `00` for an unknown month or day (`1980-00-00` when only the year is known). */
  birthDate?: string;
  /** Sex or gender: `M`, `F`, `X` (unspecified) or `U` (unknown); ISO/IEC 5218 digits are accepted too. */
  sex?: string;
  /** Nationality or nationalities, ICAO Doc 9303 / ISO 3166-1 alpha-3 codes (`D` is read as `DEU`). */
  nationalities?: readonly string[];
  /** Place (town) of birth, free text. */
  placeOfBirth?: string;
  /** Country of birth, code or name. */
  countryOfBirth?: string;
  /** SIS identities other than the confirmed one. */
  aliasIdentities?: readonly AliasIdentity[];
  /** Travel document number. Not identity data under the MID acts: compared for information only. */
  documentNumber?: string;
}

/** Stable identifiers of the similarity cases of Annex II §3 (names N, date of birth D, place/nationality P). */
export type MidRuleId =
  | 'N-a'
  | 'N-b'
  | 'N-c'
  | 'N-d'
  | 'N-e'
  | 'N-f'
  | 'N-g'
  | 'N-h'
  | 'D-a'
  | 'D-b'
  | 'D-c'
  | 'P-a'
  | 'P-b'
  | 'P-c';

/** Every rule, in the order of Annex II §3. */
export const MID_RULES: readonly MidRuleId[] = Object.freeze([
  'N-a',
  'N-b',
  'N-c',
  'N-d',
  'N-e',
  'N-f',
  'N-g',
  'N-h',
  'D-a',
  'D-b',
  'D-c',
  'P-a',
  'P-b',
  'P-c',
]);

/** Deduplicates rule ids and puts them in catalogue order. */
export function sortRules(rules: Iterable<MidRuleId>): MidRuleId[] {
  const set = new Set(rules);
  return MID_RULES.filter((r) => set.has(r));
}

/** A category or overall outcome. */
export type MidOutcome = 'same' | 'similar' | 'different';

/** One pair of values that matched, with the field of each side and why. */
export interface MidMatch {
  /** `equal` (Art. 1) or the similarity rule that fired. */
  rule: MidRuleId | 'equal';
  /** Field of record X, e.g. `surnameAtBirth` or `aliasIdentities[0].surname`. */
  x: string;
  /** Field of record Y. */
  y: string;
  explanation: string;
}

/** The outcome of one of the four data categories of Annex I §1. */
export interface MidCategoryResult {
  outcome: MidOutcome;
  /** The similarity rules that produced this outcome (empty when it is same or different). */
  decidedBy: MidRuleId[];
  /** Every similarity rule that fired on some value pair of this category, in catalogue order. */
  rules: MidRuleId[];
  /** Every value pair that was equal or similar. */
  matches: MidMatch[];
  explanation: string;
}

/** The four categories of Annex I §1 / Annex II §1. */
export interface MidCategories {
  names: MidCategoryResult;
  birthDate: MidCategoryResult;
  sex: MidCategoryResult;
  nationalityAndPlaceOfBirth: MidCategoryResult;
}

/** Comparator levels for the primary value of each field, for review and ranking; they never decide. */
export interface MidFieldComparisons {
  surname: Record<string, Comparison>;
  givenNames: Record<string, Comparison>;
  nameSwap: Comparison;
  birthDate: Comparison;
  sex: Comparison;
  nationalities: Comparison;
  placeOfBirth: Record<string, Comparison>;
  documentNumber: Comparison;
}

/** The result of comparing two records under the MID "same / similar" rules. */
export interface MidVerdict {
  verdict: MidOutcome;
  /** The similarity rules behind the outcome of each category, in catalogue order. */
  rules: MidRuleId[];
  /** Every similarity rule that fired on some value pair, decisive or not, in catalogue order. */
  firedRules: MidRuleId[];
  categories: MidCategories;
  fields: MidFieldComparisons;
  /** With per-identity alias handling: which identity of each record produced the verdict. */
  identities?: { x: string; y: string };
  /** The settings in force, to be logged with the verdict (Art. 4). */
  settings: ResolvedMidSettings;
}

/** Calendars whose dates may have been keyed in as Gregorian (Annex II 3.2(b)). */
export type MidCalendar = 'persian' | 'islamic-umalqura' | 'ethiopic';

/** Policy choices the acts leave open ([P] points of the rules specification). */
export interface MidSettings {
  /** Legal basis, for logs only: Reg. 2019/817 (borders, visa; Delegated Reg. 2023/333) or 2019/818 (2023/332). */
  legalBasis: '2019/817' | '2019/818';
  /** Allow one similarity rule after another on the same pair (e.g. transliteration then one edit). Default false. */
  allowChaining: boolean;
  /** N-d: exactly one swap of two words (the literal reading, default) or any reordering. */
  wordOrder: 'single-swap' | 'any-permutation';
  /** N-h: minimum length of the shorter, truncated value. Default 3. */
  truncationMinLength: number;
  /** §4.1: surname and first-name conditions must be met by two different value pairs. Default true. */
  requireDistinctNamePairs: boolean;
  /** §5.4: only nationality pairs make the category similar (`strict`, default) or place-of-birth pairs too. */
  nationalityReading: 'strict' | 'literal';
  /** P-b on three-letter codes (AUT/AUS). Default false: only free-text names. */
  oneEditOnCountryCodes: boolean;
  /** §6.3: SIS identities pooled into one set of values (default) or compared one identity at a time. */
  aliasHandling: 'pooled' | 'per-identity';
  /** Eurodac identity data take part (from the date Reg. 2024/1358 applies). Default false. */
  eurodac: boolean;
  /** D-b: calendars whose dates count as a known conversion. */
  calendars: readonly MidCalendar[];
}

/** The settings after defaults, plus the versions of the tables used. */
export interface ResolvedMidSettings extends MidSettings {
  renamingsVersion: string;
}
