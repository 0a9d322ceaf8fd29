import { createRequire } from 'node:module';
import type * as Faker from '@faker-js/faker';
import type { LocaleDefinition } from '@faker-js/faker';
import { invalid } from '../../../platform/errors.ts';
import type { NationalitySpec } from './nationalities.ts';
import { romanise, type NamePart } from './romanise.ts';

/** The name and place lists of one nationality, already romanised. */
export interface NamePools {
  readonly givenMale: readonly NamePart[];
  readonly givenFemale: readonly NamePart[];
  readonly surnameMale: readonly NamePart[];
  readonly surnameFemale: readonly NamePart[];
  /** Places of birth in Latin script. */
  readonly places: readonly string[];
}

interface Gendered {
  generic?: readonly string[];
  male?: readonly string[];
  female?: readonly string[];
}

// faker's ~70 locales take a few hundred milliseconds to load, so they are loaded on the first use of the
// generator, not by every importer of the identity context (`interlink mrz parse`, a server restart).
const requireLocales = createRequire(import.meta.url);
type Locales = Readonly<Record<string, LocaleDefinition | undefined>>;
let loadedLocales: Locales | undefined;
function locales(): Locales {
  loadedLocales ??= (requireLocales('@faker-js/faker') as typeof Faker).allLocales as Locales;
  return loadedLocales;
}

function gendered(value: unknown): Gendered {
  return typeof value === 'object' && value !== null ? value : {};
}

const LETTERS_ONLY = /^[\p{L}\p{M}' -]+$/u;

function clean(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => n.trim()).filter((n) => n !== '' && LETTERS_ONLY.test(n)))];
}

function forSex(value: Gendered, sex: 'male' | 'female'): string[] {
  const specific = value[sex] ?? [];
  return clean(specific.length > 0 ? [...specific, ...(value.generic ?? [])] : (value.generic ?? []));
}

/**
 * Surnames for women where the locale lists one form for both sexes: Polish -ski/-cki/-dzki take -ska/-cka/
 * -dzka, and in Greek the feminine forms are the genitive ones (ending in -ου, -η, -α), the masculine end in -ς.
 */
function femaleSurnames(spec: NationalitySpec, value: Gendered): string[] {
  if (value.female !== undefined) {
    return forSex(value, 'female');
  }
  const all = clean(value.generic ?? []);
  if (spec.locale === 'pl') {
    return clean(all.map((s) => s.replace(/(sk|ck|dzk)i$/u, '$1a')));
  }
  if (spec.locale === 'el') {
    return all.filter((s) => !/ς$/u.test(s));
  }
  return all;
}

function maleSurnames(spec: NationalitySpec, value: Gendered): string[] {
  if (value.male !== undefined) {
    return forSex(value, 'male');
  }
  const all = clean(value.generic ?? []);
  if (spec.locale === 'el') {
    // Patronymic genitives (Αθανασίου) are borne by men too; -ίδου and -πούλου are only feminine.
    return all.filter((s) => /ς$/u.test(s) || (/ου$/u.test(s) && !/(ίδου|πούλου|άδου)$/u.test(s)));
  }
  return all;
}

const poolCache = new Map<string, NamePools>();

/**
 * The romanised name and place lists of a nationality, drawn from its Faker locale.
 *
 * @throws AppError `IDENTITY_GENERATOR_NO_NAMES` when the locale lacks a list (a configuration error).
 */
export function namePools(spec: NationalitySpec): NamePools {
  const cached = poolCache.get(spec.code);
  if (cached !== undefined) {
    return cached;
  }
  const locale = locales()[spec.locale];
  const person = locale?.person;
  const given = gendered(person?.first_name);
  const surnames = gendered(person?.last_name);
  const part = (role: 'given' | 'surname') => (name: string) =>
    romanise(name, spec.script, role, spec.language);
  // A name that romanises to nothing (a script the romaniser does not know) cannot go into a document.
  const usable = (p: NamePart) => /^[A-Z]+( [A-Z]+)*$/.test(p.mrz);
  const pools: NamePools = {
    givenMale: forSex(given, 'male').map(part('given')).filter(usable),
    givenFemale: forSex(given, 'female').map(part('given')).filter(usable),
    surnameMale: maleSurnames(spec, surnames).map(part('surname')).filter(usable),
    surnameFemale: femaleSurnames(spec, surnames).map(part('surname')).filter(usable),
    places: spec.cities ?? clean(locale?.location?.city_name ?? []).map((c) => part('given')(c).latin),
  };
  for (const [name, list] of Object.entries(pools)) {
    if ((list as readonly unknown[]).length === 0) {
      throw invalid(
        'IDENTITY_GENERATOR_NO_NAMES',
        `The name lists of locale "${spec.locale}" for ${spec.code} have no ${name}: choose another locale or give a list.`,
        { nationality: spec.code, locale: spec.locale, list: name },
      );
    }
  }
  poolCache.set(spec.code, pools);
  return pools;
}
