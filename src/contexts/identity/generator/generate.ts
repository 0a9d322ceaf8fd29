import { invalid } from '../../../platform/errors.ts';
import {
  addYears,
  buildDocument,
  civilFromDays,
  daysFromCivil,
  documentNumber,
  formatDate,
  type CivilDate,
} from './documents.ts';
import { NATIONALITIES, type NationalitySpec } from './nationalities.ts';
import { namePools } from './pools.ts';
import { SeededRandom, WeightedPicker } from './random.ts';
import type { NamePart } from './romanise.ts';
import { applyKind, chooseKinds, orderKinds, type Draft, type Person, type VariantKind } from './variants.ts';

/** Options of {@link generateIdentities}. */
export interface GenerateIdentitiesOptions {
  /** Number of records to produce (originals and variants together). */
  readonly count: number;
  /** Any text or number; the same seed and options always give the same records. */
  readonly seed: string | number;
  /** Share of persons that get variant records, 0–1. Default 0.3. */
  readonly variantRate?: number;
  /** Most variant records per person, at least 1. Default 3. */
  readonly maxVariantsPerPerson?: number;
  /**
   * The day the data describes (`YYYY-MM-DD`): ages and document validity are counted back from it.
   * Default `2026-01-01`, a fixed day so that output never depends on when it is generated.
   */
  readonly referenceDate?: string;
}

/** One generated identity record. */
export interface GeneratedIdentity {
  /** Record identifier, unique within one generated set. */
  readonly id: string;
  /** The person the record belongs to: the ground truth for deduplication and matching. */
  readonly cluster: string;
  /** Surname(s) in Latin script: the native spelling for Latin-script names, else the romanisation. */
  readonly surname: string;
  readonly givenNames: string;
  /** `YYYY-MM-DD`; `00` for an unknown month or day. */
  readonly birthDate: string;
  readonly sex: 'M' | 'F' | 'X';
  /** ICAO alpha-3 codes, `;`-separated. */
  readonly nationality: string;
  readonly placeOfBirth: string;
  /** As recorded (may hold an OCR error); empty when the record has no document. */
  readonly documentNumber: string;
  /** Surname(s) in the native script; empty for Latin-script names. */
  readonly surnameNative: string;
  readonly givenNamesNative: string;
  /** ICAO document code: `P`, `I` or `ID`; empty without a document. */
  readonly documentType: string;
  /** Alpha-3 code of the issuing state. */
  readonly issuingState: string;
  /** `YYYY-MM-DD`. */
  readonly expiryDate: string;
  /** The document's MRZ lines (valid check digits); empty without a document. */
  readonly mrz: readonly string[];
  /** Id of the original record this one is a variant of; null for an original. */
  readonly variantOf: string | null;
  /** How this record differs from the original; empty for an original. */
  readonly variantKinds: readonly VariantKind[];
}

const DEFAULTS = { variantRate: 0.3, maxVariantsPerPerson: 3, referenceDate: '2026-01-01' };
const MAX_COUNT = 1_000_000_000;

interface Resolved {
  count: number;
  seed: string;
  variantRate: number;
  maxVariantsPerPerson: number;
  reference: CivilDate;
}

function resolve(options: GenerateIdentitiesOptions): Resolved {
  const problems: string[] = [];
  const { count, seed } = options;
  const variantRate = options.variantRate ?? DEFAULTS.variantRate;
  const maxVariantsPerPerson = options.maxVariantsPerPerson ?? DEFAULTS.maxVariantsPerPerson;
  const referenceDate = options.referenceDate ?? DEFAULTS.referenceDate;
  if (!Number.isInteger(count) || count < 0 || count > MAX_COUNT) {
    problems.push(`count must be a whole number from 0 to ${MAX_COUNT} (got ${String(count)})`);
  }
  if (!(typeof seed === 'string' || (typeof seed === 'number' && Number.isFinite(seed)))) {
    problems.push('seed must be text or a finite number');
  }
  if (!(typeof variantRate === 'number' && variantRate >= 0 && variantRate <= 1)) {
    problems.push(`variantRate must be between 0 and 1 (got ${String(variantRate)})`);
  }
  if (!Number.isInteger(maxVariantsPerPerson) || maxVariantsPerPerson < 1 || maxVariantsPerPerson > 50) {
    problems.push(
      `maxVariantsPerPerson must be a whole number from 1 to 50 (got ${String(maxVariantsPerPerson)})`,
    );
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(referenceDate);
  const reference = match
    ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
    : { year: 0, month: 0, day: 0 };
  const roundTrip = formatDate(civilFromDays(daysFromCivil(reference)));
  if (!match || roundTrip !== referenceDate || reference.year < 1950) {
    problems.push(
      `referenceDate must be a real date YYYY-MM-DD from 1950 on (got ${JSON.stringify(referenceDate)})`,
    );
  }
  if (problems.length > 0) {
    throw invalid('IDENTITY_GENERATOR_BAD_OPTIONS', `Cannot generate identities: ${problems.join('; ')}.`, {
      problems,
    });
  }
  return { count, seed: String(seed), variantRate, maxVariantsPerPerson, reference };
}

const NATIONALITY_PICKER = new WeightedPicker(NATIONALITIES.map((n) => [n, n.weight] as const));

// Age bands of travellers (share, youngest, oldest).
const AGE_BANDS = new WeightedPicker<readonly [number, number]>([
  [[0, 17], 12],
  [[18, 30], 25],
  [[31, 50], 35],
  [[51, 70], 22],
  [[71, 90], 6],
]);

function distinctParts(pool: readonly NamePart[], n: number, random: SeededRandom): NamePart[] {
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

function makePerson(random: SeededRandom, referenceDays: number): Person {
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

  const [youngest, oldest] = AGE_BANDS.pick(random);
  const ageDays = Math.floor((youngest + random.next() * (oldest - youngest + 1)) * 365.2425);
  const birthDays = referenceDays - ageDays;
  const birth = civilFromDays(birthDays);
  const place = random.pick(pools.places);

  const validity = ageDays < 18 * 365.2425 ? 5 : 10;
  const idCard = random.chance(spec.idCardShare);
  const type = idCard ? (spec.code === 'DEU' ? 'ID' : 'I') : 'P';
  const issuedDays = Math.max(birthDays + 14, referenceDays - random.between(14, validity * 365 - 30));
  const issued = civilFromDays(issuedDays);
  const expiry = civilFromDays(daysFromCivil(addYears(issued, validity)) - 1);
  const document = buildDocument({
    type,
    number: documentNumber(idCard ? 'XXXXXXXXX' : spec.passportNumber, random),
    issuingState: spec.code,
    nationality: spec.code,
    surname: mrzName(surname),
    givenNames: mrzName(given),
    birthDate: birth,
    sex,
    issued,
    expiry,
  });
  return { spec, pools, sex, surname, given, birth, place, document, validity };
}

const pad = (n: number): string => String(n).padStart(7, '0');

function toRecord(
  id: string,
  cluster: string,
  person: Person,
  draft: Draft,
  variantOf: string | null,
  kinds: readonly VariantKind[],
): GeneratedIdentity {
  const native = person.spec.script !== 'Latin';
  const doc = draft.document;
  return {
    id,
    cluster,
    surname: draft.surname.map((p) => p.latin).join(' '),
    givenNames: draft.given.map((p) => p.latin).join(' '),
    birthDate: formatDate(draft.birth),
    sex: person.sex,
    nationality: draft.nationalities.join(';'),
    placeOfBirth: person.place,
    documentNumber: draft.documentNumber,
    surnameNative: native ? draft.surname.map((p) => p.native).join(' ') : '',
    givenNamesNative: native ? draft.given.map((p) => p.native).join(' ') : '',
    documentType: doc?.type ?? '',
    issuingState: doc?.issuingState ?? '',
    expiryDate: doc === null ? '' : formatDate(doc.expiry),
    mrz: doc?.mrz ?? [],
    variantOf,
    variantKinds: kinds,
  };
}

function originalDraft(person: Person): Draft {
  return {
    surname: [...person.surname],
    given: [...person.given],
    birth: person.birth,
    nationalities: [person.spec.code],
    document: person.document,
    documentNumber: person.document.number,
  };
}

/**
 * Generates identity records lazily, one at a time, so that millions can be streamed to a file. The same
 * options give the same sequence, and a smaller count gives a prefix of a larger one.
 *
 * @throws AppError `IDENTITY_GENERATOR_BAD_OPTIONS` when an option is out of range.
 */
export function* generateIdentityStream(options: GenerateIdentitiesOptions): Generator<GeneratedIdentity> {
  const { count, seed, variantRate, maxVariantsPerPerson, reference } = resolve(options);
  const random = new SeededRandom(seed);
  const referenceDays = daysFromCivil(reference);
  const ctx = { random, referenceDays };
  let produced = 0;
  let persons = 0;
  while (produced < count) {
    persons += 1;
    const person = makePerson(random, referenceDays);
    const cluster = `C${pad(persons)}`;
    produced += 1;
    const originalId = `R${pad(produced)}`;
    yield toRecord(originalId, cluster, person, originalDraft(person), null, []);
    if (!random.chance(variantRate)) {
      continue;
    }
    const variants = random.between(1, maxVariantsPerPerson);
    const used = new Set<string>();
    for (let v = 0; v < variants && produced < count; v += 1) {
      const draft = originalDraft(person);
      const applied: VariantKind[] = [];
      // Prefer a combination of kinds this person has not had yet: two identical swaps add nothing.
      let kinds = orderKinds(chooseKinds(person, random));
      for (let attempt = 0; attempt < 3 && used.has(kinds.join()); attempt += 1) {
        kinds = orderKinds(chooseKinds(person, random));
      }
      used.add(kinds.join());
      for (const kind of kinds) {
        if (applyKind(kind, person, draft, ctx)) {
          applied.push(kind);
        }
      }
      // Should nothing apply (a one-letter name has no typo to make), fall back to kinds that always do.
      for (const fallback of ['typo', 'partial-date'] as const) {
        if (applied.length === 0 && applyKind(fallback, person, draft, ctx)) {
          applied.push(fallback);
        }
      }
      produced += 1;
      yield toRecord(`R${pad(produced)}`, cluster, person, draft, originalId, applied);
    }
  }
}

/**
 * Generates `count` realistic, seeded identity records: persons of many nationalities with native-script
 * names, their romanised and MRZ forms, dates and places of birth, sex and a document with a valid MRZ,
 * plus labelled variant records of the same persons (typos, OCR errors, other transliteration schemes,
 * swapped or missing names, day/month swaps, partial dates, birth names, aliases, nicknames, a second
 * nationality, a previous document). `cluster` holds the truth: records of one person share it.
 *
 * @example
 * const records = generateIdentities({ count: 1000, seed: 42 });
 * records.filter((r) => r.variantKinds.includes('swap-names'));
 * @throws AppError `IDENTITY_GENERATOR_BAD_OPTIONS` when an option is out of range.
 */
export function generateIdentities(options: GenerateIdentitiesOptions): GeneratedIdentity[] {
  return [...generateIdentityStream(options)];
}
