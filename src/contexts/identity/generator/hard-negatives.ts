import { civilFromDays, daysFromCivil } from './documents.ts';
import type { NamePools } from './pools.ts';
import { distinctParts, drawAgeDays, issueDocument, YEAR_DAYS } from './person.ts';
import { WeightedPicker, type SeededRandom } from './random.ts';
import type { NamePart } from './romanise.ts';
import type { Person } from './variants.ts';

/**
 * How a generated person was made to look like another, different person (a hard negative for matching):
 *
 * - `namesake`: the same names, nationality and sex, another birth date (any age), place and document;
 * - `twin`: the same surname, nationality, birth date and place, other given names, own document;
 * - `parent-child`: the same names, sex and nationality, born 20–40 years earlier or later, own document;
 * - `sibling`: the same surname and nationality, other given names, born 1–12 years apart, own document.
 */
export const HARD_NEGATIVE_KINDS = Object.freeze(['namesake', 'twin', 'parent-child', 'sibling'] as const);

export type HardNegativeKind = (typeof HARD_NEGATIVE_KINDS)[number];

/**
 * Shares of the kinds among related persons. Namesakes are the commonest look-alikes in real border data
 * (small name pools, hundreds of bearers of a common name at a million travellers); then siblings and
 * parents and children with the same name (Jr./Sr., a son named after his father). Twins are about one
 * birth in sixty; they are kept at 8 % so that an evaluation still sees enough of them.
 */
export const HARD_NEGATIVE_WEIGHTS: Readonly<Record<HardNegativeKind, number>> = Object.freeze({
  namesake: 0.55,
  sibling: 0.2,
  'parent-child': 0.17,
  twin: 0.08,
});

const KIND_PICKER = new WeightedPicker(
  HARD_NEGATIVE_KINDS.map((k) => [k, HARD_NEGATIVE_WEIGHTS[k]] as const),
);

/** One kind, drawn with {@link HARD_NEGATIVE_WEIGHTS}. */
export function pickHardNegativeKind(random: SeededRandom): HardNegativeKind {
  return KIND_PICKER.pick(random);
}

/** Twins are of the same sex about two times in three (all identical twins, half of the others). */
const TWIN_SAME_SEX = 0.65;
/** Shares of parent and child, and of siblings, born in the same place. */
const PARENT_CHILD_SAME_PLACE = 0.6;
const SIBLING_SAME_PLACE = 0.8;
/** The oldest a parent (or an elder sibling) may be on the reference date, in years. */
const OLDEST = 100;
/** A person born later is born at least this many days before the reference date. */
const NEWBORN_DAYS = 30;

const key = (native: string): string => native.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The women's forms of a men's surname (keys without accents): Polish -ski/-cki/-dzki → -ska/-cka/-dzka,
 * Czech and Slovak -ý → -á and -ová (with the mobile e: Adamec → Adamcová), Latvian -s/-š/-is → -a/-e,
 * Russian, Ukrainian, Bulgarian, Macedonian, Azerbaijani and Uzbek -ov/-ev/-in + a, -ский → -ская/-ська,
 * Greek -ος → -ου, -ης → -η/-ου, -ας → -α.
 */
const FEMININE: readonly (readonly [RegExp, string])[] = [
  [/(sk|ck|dzk)i$/u, '$1a'],
  [/y$/u, 'a'],
  [/([^aeiouy])$/u, '$1ova'],
  [/[ao]$/u, 'ova'],
  [/e([^aeiouy])$/u, '$1ova'],
  [/is$/u, 'e'],
  [/s$/u, 'e'],
  [/s$/u, 'a'],
  [/$/u, 'a'],
  [/(ск|цк|зк)и$/u, '$1а'],
  [/$/u, 'а'],
  [/[иы]и$/u, 'а'],
  [/[иыо]и$/u, 'ая'],
  [/ος$/u, 'ου'],
  [/ης$/u, 'η'],
  [/ης$/u, 'ου'],
  [/ας$/u, 'α'],
];

function feminineKeys(masculine: string): string[] {
  const k = key(masculine);
  return FEMININE.filter(([pattern]) => pattern.test(k)).map(([pattern, to]) => k.replace(pattern, to));
}

interface SurnameForms {
  /** Key of a men's surname → the women's form in the pool. */
  readonly toFemale: Map<string, NamePart>;
  /** Key of a women's surname → the men's form in the pool. */
  readonly toMale: Map<string, NamePart>;
}

const formsCache = new WeakMap<NamePools, SurnameForms>();

/** Pairs the men's and women's surname pools of a nationality where the pools have gendered forms. */
function surnameForms(pools: NamePools): SurnameForms {
  let forms = formsCache.get(pools);
  if (forms === undefined) {
    const female = new Map(pools.surnameFemale.map((p) => [key(p.native), p] as const));
    forms = { toFemale: new Map(), toMale: new Map() };
    for (const male of pools.surnameMale) {
      for (const candidate of feminineKeys(male.native)) {
        const match = female.get(candidate);
        if (match !== undefined && match.native !== male.native) {
          forms.toFemale.set(key(male.native), match);
          forms.toMale.set(candidate, male);
          break;
        }
      }
    }
    formsCache.set(pools, forms);
  }
  return forms;
}

/**
 * The surname a relative of sex `female` bears: the same parts, each in that sex's form where the name
 * pools of the nationality have gendered forms (Nowak stays Nowak; Kowalski becomes Kowalska, Иванов
 * Иванова, Παπαδόπουλος Παπαδοπούλου). A part without a counterpart in the pool keeps its spelling.
 */
export function surnameForSex(surname: readonly NamePart[], pools: NamePools, female: boolean): NamePart[] {
  const target = female ? pools.surnameFemale : pools.surnameMale;
  const forms = surnameForms(pools);
  return surname.map((part) => {
    if (target.some((p) => p.native === part.native)) {
      return part;
    }
    return (female ? forms.toFemale : forms.toMale).get(key(part.native)) ?? part;
  });
}

/** Given names from the pool of the sex, the first never beginning with the first word of `avoid`. */
function otherGivenNames(
  pools: NamePools,
  female: boolean,
  count: number,
  avoid: NamePart | undefined,
  random: SeededRandom,
): NamePart[] {
  const pool = female ? pools.givenFemale : pools.givenMale;
  // Pool entries may be compound ("Juan Carlos"): the first word is what must differ.
  const firstWord = (text: string | undefined) => text?.split(/[\s-]/u)[0]?.toLowerCase();
  const allowed = (p: NamePart) =>
    firstWord(p.native) !== firstWord(avoid?.native) && firstWord(p.latin) !== firstWord(avoid?.latin);
  let first = random.pick(pool);
  for (let attempt = 0; !allowed(first) && attempt < 8; attempt += 1) {
    first = random.pick(pool);
  }
  if (!allowed(first)) {
    const rest = pool.filter(allowed);
    first = rest.length > 0 ? random.pick(rest) : first;
  }
  const given = [first];
  if (count > 1) {
    const second = distinctParts(pool, 2, random).find((p) => p.native !== first.native);
    if (second !== undefined) {
      given.push(second);
    }
  }
  return given;
}

/** Whether a person's names come from the women's pools (sex X persons carry either). */
function bearsFemaleNames(person: Person): boolean {
  if (person.sex !== 'X') {
    return person.sex === 'F';
  }
  const first = person.given[0];
  return first !== undefined && person.pools.givenFemale.some((p) => p.native === first.native);
}

/** A day count `min`–`max` days away from `base`, earlier or later, within the plausible range. */
function apart(
  baseDays: number,
  minDays: number,
  maxDays: number,
  referenceDays: number,
  random: SeededRandom,
): number {
  const latest = referenceDays - NEWBORN_DAYS;
  const earliest = referenceDays - Math.floor(OLDEST * YEAR_DAYS);
  const laterMax = Math.min(maxDays, latest - baseDays);
  const earlierMax = Math.min(maxDays, baseDays - earliest);
  const canLater = laterMax >= minDays;
  const canEarlier = earlierMax >= minDays;
  const later = canLater && (!canEarlier || random.chance(0.5));
  if (later) {
    return baseDays + random.between(minDays, laterMax);
  }
  // The age bands end at 90, so an earlier date up to OLDEST years of age is always open for minDays ≤ 10 y.
  return baseDays - random.between(minDays, Math.max(minDays, earlierMax));
}

/**
 * A different person who looks like `base` in the way `kind` describes, with a document of their own. The
 * result is an ordinary person: its records get variants like anyone's.
 */
export function makeRelated(
  kind: HardNegativeKind,
  base: Person,
  random: SeededRandom,
  referenceDays: number,
): Person {
  const { spec, pools } = base;
  const baseDays = daysFromCivil(base.birth);
  const baseFemale = bearsFemaleNames(base);
  let sex = base.sex;
  let surname: NamePart[] = [...base.surname];
  let given: NamePart[] = [...base.given];
  let birthDays = baseDays;
  let place = base.place;
  switch (kind) {
    case 'namesake': {
      birthDays = referenceDays - drawAgeDays(random);
      for (let attempt = 0; birthDays === baseDays && attempt < 4; attempt += 1) {
        birthDays = referenceDays - drawAgeDays(random);
      }
      if (birthDays === baseDays) {
        birthDays -= Math.round(YEAR_DAYS);
      }
      place = random.pick(pools.places);
      break;
    }
    case 'twin':
    case 'sibling': {
      if (kind === 'twin' ? !random.chance(TWIN_SAME_SEX) : random.chance(0.5)) {
        sex = base.sex === 'F' ? 'M' : base.sex === 'M' ? 'F' : random.chance(0.5) ? 'F' : 'M';
      }
      const female = sex === base.sex ? baseFemale : sex === 'F';
      surname = female === baseFemale ? surname : surnameForSex(base.surname, pools, female);
      given = otherGivenNames(
        pools,
        female,
        random.chance(spec.twoGivenNames) ? 2 : 1,
        base.given[0],
        random,
      );
      if (kind === 'sibling') {
        birthDays = apart(baseDays, Math.ceil(YEAR_DAYS), Math.floor(12 * YEAR_DAYS), referenceDays, random);
        place = random.chance(SIBLING_SAME_PLACE) ? base.place : random.pick(pools.places);
      }
      break;
    }
    case 'parent-child': {
      birthDays = apart(
        baseDays,
        Math.ceil(20 * YEAR_DAYS),
        Math.floor(40 * YEAR_DAYS),
        referenceDays,
        random,
      );
      place = random.chance(PARENT_CHILD_SAME_PLACE) ? base.place : random.pick(pools.places);
      break;
    }
    default: {
      const exhausted: never = kind;
      throw new Error(`unknown hard-negative kind ${String(exhausted)}`);
    }
  }
  const { document, validity } = issueDocument(
    { spec, sex, surname, given, birthDays },
    random,
    referenceDays,
    base.document.number,
  );
  return { spec, pools, sex, surname, given, birth: civilFromDays(birthDays), place, document, validity };
}

/** The labels {@link negativeKindOf} reads. */
export interface HardNegativeLabels {
  readonly cluster: string;
  readonly relation: HardNegativeKind | null;
  readonly relatedCluster: string | null;
}

/**
 * The hard-negative kind that links the persons of two records of different clusters (in either direction),
 * or null when they are not related or are the same person. For evaluations: precision per kind.
 */
export function negativeKindOf(a: HardNegativeLabels, b: HardNegativeLabels): HardNegativeKind | null {
  if (a.cluster === b.cluster) {
    return null;
  }
  if (a.relation !== null && a.relatedCluster === b.cluster) {
    return a.relation;
  }
  if (b.relation !== null && b.relatedCluster === a.cluster) {
    return b.relation;
  }
  return null;
}
