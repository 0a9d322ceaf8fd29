import {
  addYears,
  buildDocument,
  civilFromDays,
  daysFromCivil,
  documentNumber,
  type GeneratedDocument,
} from './documents.ts';
import { NATIONALITIES, type NationalitySpec } from './nationalities.ts';
import { namePools } from './pools.ts';
import { SeededRandom, WeightedPicker } from './random.ts';
import type { NamePart } from './romanise.ts';
import type { Person } from './variants.ts';

const NATIONALITY_PICKER = new WeightedPicker(NATIONALITIES.map((n) => [n, n.weight] as const));

/** Mean length of a year in days (Gregorian calendar). */
export const YEAR_DAYS = 365.2425;

// Age bands of travellers (share, youngest, oldest).
const AGE_BANDS = new WeightedPicker<readonly [number, number]>([
  [[0, 17], 12],
  [[18, 30], 25],
  [[31, 50], 35],
  [[51, 70], 22],
  [[71, 90], 6],
]);

/** A traveller's age in days, drawn from the age bands. */
export function drawAgeDays(random: SeededRandom): number {
  const [youngest, oldest] = AGE_BANDS.pick(random);
  return Math.floor((youngest + random.next() * (oldest - youngest + 1)) * YEAR_DAYS);
}

/** Up to `n` different name parts from a pool. */
export function distinctParts(pool: readonly NamePart[], n: number, random: SeededRandom): NamePart[] {
  const parts: NamePart[] = [];
  for (let attempt = 0; parts.length < n && attempt < n * 4; attempt += 1) {
    const part = random.pick(pool);
    if (!parts.some((p) => p.native === part.native)) {
      parts.push(part);
    }
  }
  return parts;
}

const mrzName = (parts: readonly NamePart[]): string => parts.map((p) => p.mrz).join(' ');

/** What a person's current document needs to know about them. */
export interface DocumentHolder {
  readonly spec: NationalitySpec;
  readonly sex: 'M' | 'F' | 'X';
  readonly surname: readonly NamePart[];
  readonly given: readonly NamePart[];
  readonly birthDays: number;
}

/**
 * The current document of a person, valid on the reference date: a national identity card or a passport,
 * 5 years valid for minors, otherwise 10. `avoid` is a number the document must not carry (a relative's).
 */
export function issueDocument(
  holder: DocumentHolder,
  random: SeededRandom,
  referenceDays: number,
  avoid?: string,
): { document: GeneratedDocument; validity: number } {
  const { spec, birthDays } = holder;
  const ageDays = referenceDays - birthDays;
  const validity = ageDays < 18 * YEAR_DAYS ? 5 : 10;
  const idCard = random.chance(spec.idCardShare);
  const type = idCard ? (spec.code === 'DEU' ? 'ID' : 'I') : 'P';
  const issuedDays = Math.max(birthDays + 14, referenceDays - random.between(14, validity * 365 - 30));
  const issued = civilFromDays(issuedDays);
  const expiry = civilFromDays(daysFromCivil(addYears(issued, validity)) - 1);
  const pattern = idCard ? 'XXXXXXXXX' : spec.passportNumber;
  let number = documentNumber(pattern, random);
  for (let attempt = 0; number === avoid && attempt < 8; attempt += 1) {
    number = documentNumber(pattern, random);
  }
  const document = buildDocument({
    type,
    number,
    issuingState: spec.code,
    nationality: spec.code,
    surname: mrzName(holder.surname),
    givenNames: mrzName(holder.given),
    birthDate: civilFromDays(birthDays),
    sex: holder.sex,
    issued,
    expiry,
  });
  return { document, validity };
}

/** A new, unrelated person: nationality, sex, names, birth date and place, and a current document. */
export function makePerson(random: SeededRandom, referenceDays: number): Person {
  const spec: NationalitySpec = NATIONALITY_PICKER.pick(random);
  const pools = namePools(spec);
  const roll = random.next();
  // ICAO Doc 9303 Part 4 §4.2.2: sex is F, M or < (unspecified, shown as X in the visual zone).
  const sex = roll < 0.001 ? 'X' : roll < 0.5005 ? 'F' : 'M';
  const female = sex === 'F' || (sex === 'X' && random.chance(0.5));
  const given = distinctParts(
    female ? pools.givenFemale : pools.givenMale,
    random.chance(spec.twoGivenNames) ? 2 : 1,
    random,
  );
  const surnamePool = female ? pools.surnameFemale : pools.surnameMale;
  const surname = distinctParts(surnamePool, random.chance(spec.twoSurnames) ? 2 : 1, random);

  const birthDays = referenceDays - drawAgeDays(random);
  const place = random.pick(pools.places);
  const { document, validity } = issueDocument(
    { spec, sex, surname, given, birthDays },
    random,
    referenceDays,
  );
  return { spec, pools, sex, surname, given, birth: civilFromDays(birthDays), place, document, validity };
}
