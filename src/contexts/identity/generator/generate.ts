import { invalid } from '../../../platform/errors.ts';
import { civilFromDays, daysFromCivil, formatDate, type CivilDate } from './documents.ts';
import { makeRelated, pickHardNegativeKind, type HardNegativeKind } from './hard-negatives.ts';
import { makePerson } from './person.ts';
import { SeededRandom } from './random.ts';
import {
  applyKind,
  chooseKinds,
  orderKinds,
  type Draft,
  type Person,
  type VariantContext,
  type VariantKind,
} from './variants.ts';

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
  /**
   * Share of persons, 0–1, who get one related but different person right after their records: a hard
   * negative for matching (a namesake, twin, parent or child of the same name, or sibling; see
   * `HARD_NEGATIVE_KINDS` and `HARD_NEGATIVE_WEIGHTS`). Related persons get variant records like anyone. Default 0: no related persons, and the records of a seed are those of earlier versions.
   */
  readonly hardNegativeRate?: number;
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
  /**
   * How this record's person was made to resemble another, different person (a hard negative); null for an
   * ordinary person. All records of the related person carry it.
   */
  readonly relation: HardNegativeKind | null;
  /** The cluster of the person this one resembles; null for an ordinary person. */
  readonly relatedCluster: string | null;
}

const DEFAULTS = {
  variantRate: 0.3,
  maxVariantsPerPerson: 3,
  referenceDate: '2026-01-01',
  hardNegativeRate: 0,
};
const MAX_COUNT = 1_000_000_000;

interface Resolved {
  count: number;
  seed: string;
  variantRate: number;
  maxVariantsPerPerson: number;
  hardNegativeRate: number;
  reference: CivilDate;
}

function resolve(options: GenerateIdentitiesOptions): Resolved {
  const problems: string[] = [];
  const { count, seed } = options;
  const variantRate = options.variantRate ?? DEFAULTS.variantRate;
  const maxVariantsPerPerson = options.maxVariantsPerPerson ?? DEFAULTS.maxVariantsPerPerson;
  const referenceDate = options.referenceDate ?? DEFAULTS.referenceDate;
  const hardNegativeRate = options.hardNegativeRate ?? DEFAULTS.hardNegativeRate;
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
  if (!(typeof hardNegativeRate === 'number' && hardNegativeRate >= 0 && hardNegativeRate <= 1)) {
    problems.push(`hardNegativeRate must be between 0 and 1 (got ${String(hardNegativeRate)})`);
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
  return { count, seed: String(seed), variantRate, maxVariantsPerPerson, hardNegativeRate, reference };
}

const pad = (n: number): string => String(n).padStart(7, '0');

function toRecord(
  id: string,
  cluster: string,
  person: Person,
  draft: Draft,
  variantOf: string | null,
  kinds: readonly VariantKind[],
  labels: Labels,
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
    relation: labels.relation,
    relatedCluster: labels.relatedCluster,
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

interface Labels {
  readonly relation: HardNegativeKind | null;
  readonly relatedCluster: string | null;
}

const UNRELATED: Labels = { relation: null, relatedCluster: null };

interface StreamState {
  readonly count: number;
  readonly variantRate: number;
  readonly maxVariantsPerPerson: number;
  readonly ctx: VariantContext;
  produced: number;
}

/** A person's original record, then (with probability `variantRate`) their variant records. */
function* personRecords(
  person: Person,
  cluster: string,
  labels: Labels,
  state: StreamState,
): Generator<GeneratedIdentity> {
  const { count, variantRate, maxVariantsPerPerson, ctx } = state;
  const { random } = ctx;
  state.produced += 1;
  const originalId = `R${pad(state.produced)}`;
  yield toRecord(originalId, cluster, person, originalDraft(person), null, [], labels);
  if (!random.chance(variantRate)) {
    return;
  }
  const variants = random.between(1, maxVariantsPerPerson);
  const used = new Set<string>();
  for (let v = 0; v < variants && state.produced < count; v += 1) {
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
    state.produced += 1;
    yield toRecord(`R${pad(state.produced)}`, cluster, person, draft, originalId, applied, labels);
  }
}

/**
 * Generates identity records lazily, one at a time, so that millions can be streamed to a file. The same
 * options give the same sequence, and a smaller count gives a prefix of a larger one. A related person
 * (a hard negative) follows the records of the person they resemble.
 *
 * @throws AppError `IDENTITY_GENERATOR_BAD_OPTIONS` when an option is out of range.
 */
export function* generateIdentityStream(options: GenerateIdentitiesOptions): Generator<GeneratedIdentity> {
  const { count, seed, variantRate, maxVariantsPerPerson, hardNegativeRate, reference } = resolve(options);
  const random = new SeededRandom(seed);
  const referenceDays = daysFromCivil(reference);
  const state: StreamState = {
    count,
    variantRate,
    maxVariantsPerPerson,
    ctx: { random, referenceDays },
    produced: 0,
  };
  let persons = 0;
  while (state.produced < count) {
    persons += 1;
    const person = makePerson(random, referenceDays);
    const cluster = `C${pad(persons)}`;
    yield* personRecords(person, cluster, UNRELATED, state);
    // No draw at all when the rate is 0: the records of a seed stay the same as before hard negatives existed.
    if (hardNegativeRate > 0 && state.produced < count && random.chance(hardNegativeRate)) {
      const kind = pickHardNegativeKind(random);
      const related = makeRelated(kind, person, random, referenceDays);
      persons += 1;
      yield* personRecords(related, `C${pad(persons)}`, { relation: kind, relatedCluster: cluster }, state);
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
 * With `hardNegativeRate` > 0, that share of persons is followed by one related but different person (a new
 * cluster) built to look like them: a namesake (55 %: same names, nationality and sex, another birth date,
 * place and document), a sibling (20 %: same surname, other given names, born 1–12 years apart, mostly in
 * the same place), a parent or child of the same name (17 %: same names and sex, born 20–40 years earlier or
 * later) or a twin (8 %: same surname, birth date and place, other given names, the other sex one time in
 * three with the surname in that sex's form where the nationality has one). Each gets a document of their
 * own. `relation` and `relatedCluster` label every record of the related person; `negativeKindOf` tells the
 * kind linking two records of different clusters.
 *
 * @example
 * const records = generateIdentities({ count: 1000, seed: 42 });
 * records.filter((r) => r.variantKinds.includes('swap-names'));
 * const hard = generateIdentities({ count: 1000, seed: 42, hardNegativeRate: 0.5 });
 * hard.filter((r) => r.relation === 'twin');
 * @throws AppError `IDENTITY_GENERATOR_BAD_OPTIONS` when an option is out of range.
 */
export function generateIdentities(options: GenerateIdentitiesOptions): GeneratedIdentity[] {
  return [...generateIdentityStream(options)];
}
