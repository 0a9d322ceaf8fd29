import { OCR_LOOKALIKE_PAIRS } from '../mrz/lookalikes.ts';
import { defaultNicknames } from '../names/index.ts';
import { addYears, buildDocument, civilFromDays, daysFromCivil, documentNumber } from './documents.ts';
import type { CivilDate, GeneratedDocument } from './documents.ts';
import { COMMON_SECOND_NATIONALITIES, nationalitySpec, type NationalitySpec } from './nationalities.ts';
import type { NamePools } from './pools.ts';
import type { SeededRandom } from './random.ts';
import { latinPart, titleCase, type NamePart } from './romanise.ts';

/**
 * How a record of a person differs from the person's original record: the ways records of one person really
 * differ between systems.
 */
export const VARIANT_KINDS = Object.freeze([
  'typo',
  'ocr',
  'translit-scheme',
  'swap-names',
  'missing-given',
  'missing-surname-part',
  'day-month-swap',
  'partial-date',
  'birth-name',
  'alias',
  'nickname',
  'second-nationality',
  'renewed-document',
  'missing-document',
] as const);

export type VariantKind = (typeof VARIANT_KINDS)[number];

/** The person behind a cluster of records, as the original record shows them. */
export interface Person {
  readonly spec: NationalitySpec;
  readonly pools: NamePools;
  readonly sex: 'M' | 'F' | 'X';
  readonly surname: readonly NamePart[];
  readonly given: readonly NamePart[];
  readonly birth: CivilDate;
  readonly place: string;
  readonly document: GeneratedDocument;
  /** Years the person's documents are valid for (5 for minors, otherwise 10). */
  readonly validity: number;
}

/** A record being built from a person; each variant kind changes some of it. */
export interface Draft {
  surname: NamePart[];
  given: NamePart[];
  birth: CivilDate;
  nationalities: string[];
  document: GeneratedDocument | null;
  documentNumber: string;
}

/**
 * Kinds are applied in this order: first what changes the name a person is known by, then the document
 * issued in that name, then how a system recorded it (structure, then keying and OCR errors, then dates).
 * Two kinds of one variant always come from different groups.
 */
const GROUPS: readonly (readonly VariantKind[])[] = [
  ['alias', 'birth-name', 'nickname', 'translit-scheme'],
  ['renewed-document', 'second-nationality', 'missing-document'],
  ['swap-names', 'missing-given', 'missing-surname-part'],
  ['typo', 'ocr'],
  ['day-month-swap', 'partial-date'],
];

const GROUP_OF = new Map<VariantKind, number>(
  GROUPS.flatMap((kinds, i) => kinds.map((k) => [k, i] as const)),
);

const BASE_WEIGHT: Readonly<Record<VariantKind, number>> = {
  typo: 3,
  ocr: 1.5,
  'translit-scheme': 2,
  'swap-names': 1.5,
  'missing-given': 1,
  'missing-surname-part': 1,
  'day-month-swap': 1,
  'partial-date': 1,
  'birth-name': 1,
  alias: 0.7,
  nickname: 1.5,
  'second-nationality': 0.7,
  'renewed-document': 1.5,
  'missing-document': 0.7,
};

const nicknameCache = new Map<string, readonly string[]>();

/** Familiar forms of a given name from the identity context's nickname groups, in title case. */
function nicknamesOf(latin: string): readonly string[] {
  let list = nicknameCache.get(latin);
  if (list === undefined) {
    list = defaultNicknames()
      .variantsOf(latin)
      .map((n) => titleCase(n));
    nicknameCache.set(latin, list);
  }
  return list;
}

function previousDocumentStart(person: Person): number {
  return daysFromCivil(person.document.issued) - Math.round(person.validity * 365.25);
}

/** The weight of a kind for this person; 0 when the kind cannot apply. */
function weightOf(kind: VariantKind, person: Person): number {
  const base = BASE_WEIGHT[kind];
  switch (kind) {
    case 'translit-scheme':
      return [...person.surname, ...person.given].some((p) => p.alternatives.length > 0)
        ? base * (person.spec.script === 'Latin' ? 1 : 2)
        : 0;
    case 'swap-names':
    case 'missing-given':
      return person.given.length > 0 ? base : 0;
    case 'missing-surname-part':
      return person.surname.length > 1 ? base * 2 : 0;
    case 'day-month-swap':
      return person.birth.day <= 12 && person.birth.day !== person.birth.month ? base * 2 : 0;
    case 'birth-name':
      // Mostly women who took a spouse's surname; men do too, less often.
      return person.sex === 'M' ? base * 0.2 : base;
    case 'nickname':
      return person.given[0] !== undefined && nicknamesOf(person.given[0].latin).length > 0 ? base : 0;
    case 'renewed-document':
      return previousDocumentStart(person) > daysFromCivil(person.birth) ? base : 0;
    case 'typo':
    case 'ocr':
    case 'partial-date':
    case 'alias':
    case 'second-nationality':
    case 'missing-document':
      return base;
    default: {
      const exhausted: never = kind;
      return exhausted;
    }
  }
}

/** One or two kinds for a variant of `person`, the second from another group. */
export function chooseKinds(person: Person, random: SeededRandom): VariantKind[] {
  const weights = VARIANT_KINDS.map((k) => [k, weightOf(k, person)] as const).filter(([, w]) => w > 0);
  const draw = (candidates: readonly (readonly [VariantKind, number])[]): VariantKind | undefined => {
    const total = candidates.reduce((sum, [, w]) => sum + w, 0);
    let target = random.next() * total;
    for (const [kind, w] of candidates) {
      target -= w;
      if (target < 0) {
        return kind;
      }
    }
    return candidates[candidates.length - 1]?.[0];
  };
  const first = draw(weights) ?? 'typo';
  if (!random.chance(0.3)) {
    return [first];
  }
  const second = draw(weights.filter(([k]) => GROUP_OF.get(k) !== GROUP_OF.get(first)));
  return second === undefined ? [first] : [first, second];
}

/** Sorts kinds into the order in which they are applied. */
export function orderKinds(kinds: readonly VariantKind[]): VariantKind[] {
  return [...kinds].sort((a, b) => (GROUP_OF.get(a) ?? 0) - (GROUP_OF.get(b) ?? 0));
}

// Neighbouring keys on a QWERTY/QWERTZ/AZERTY keyboard: the commonest keying slips.
const NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'qswz',
  b: 'vghn',
  c: 'xdfv',
  d: 'serfcx',
  e: 'wsdr',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  i: 'ujko',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  m: 'njk',
  n: 'bhjm',
  o: 'iklp',
  p: 'ol',
  q: 'wa',
  r: 'edft',
  s: 'awedxz',
  t: 'rfgy',
  u: 'yhji',
  v: 'cfgb',
  w: 'qase',
  x: 'zsdc',
  y: 'tghu',
  z: 'asx',
};

const isLetter = (ch: string): boolean => /\p{L}/u.test(ch);

/** One keying error: a neighbouring key, a dropped or doubled letter, or two letters swapped. */
export function typo(text: string, random: SeededRandom): string {
  const chars = [...text];
  const letters = chars.flatMap((ch, i) => (isLetter(ch) ? [i] : []));
  for (let attempt = 0; attempt < 6 && letters.length > 0; attempt += 1) {
    const i = random.pick(letters);
    const ch = chars[i] ?? '';
    const out = [...chars];
    const op = random.int(4);
    if (op === 0) {
      const lower = ch.toLowerCase();
      const near = NEIGHBOURS[lower];
      if (near === undefined) {
        continue;
      }
      const replacement = near.charAt(random.int(near.length));
      out[i] = ch === lower ? replacement : replacement.toUpperCase();
    } else if (op === 1) {
      // Keying errors rarely hit the first letter, which people check.
      if (letters.length < 3 || i === 0) {
        continue;
      }
      out.splice(i, 1);
    } else if (op === 2) {
      // A doubled letter (Cybulski → Cybullski); the first letter of a word is rarely doubled.
      if (i === 0) {
        continue;
      }
      out.splice(i, 0, ch);
    } else {
      const next = chars[i + 1];
      if (next === undefined || !isLetter(next) || next.toLowerCase() === ch.toLowerCase()) {
        continue;
      }
      // Keep the capital at the start of the word.
      const upperFirst = ch !== ch.toLowerCase();
      out[i] = upperFirst ? next.toUpperCase() : next;
      out[i + 1] = upperFirst ? ch.toLowerCase() : ch;
    }
    const result = out.join('');
    if (result !== text) {
      return result;
    }
  }
  return text;
}

// Characters and groups that optical character recognition confuses in printed names.
const OCR_NAME: readonly (readonly [string, string])[] = [
  ['rn', 'm'],
  ['m', 'rn'],
  ['cl', 'd'],
  ['d', 'cl'],
  ['li', 'h'],
  ['vv', 'w'],
  ['w', 'vv'],
  ['l', '1'],
  ['I', '1'],
  ['i', 'l'],
  ['O', '0'],
  ['o', '0'],
  ['S', '5'],
  ['B', '8'],
  ['e', 'c'],
  ['c', 'e'],
  ['u', 'v'],
  ['n', 'h'],
  ['E', 'F'],
  ['G', 'C'],
  ['Z', '2'],
];

// Look-alikes in document numbers (the ones MRZ check digits exist to catch).
const OCR_DIGITS: readonly (readonly [string, string])[] = OCR_LOOKALIKE_PAIRS.flatMap(([letter, digit]) => [
  [digit, letter],
  [letter, digit],
]);

function ocrReplace(
  text: string,
  table: readonly (readonly [string, string])[],
  random: SeededRandom,
): string {
  const options: { at: number; from: string; to: string }[] = [];
  for (const [from, to] of table) {
    let at = text.indexOf(from);
    while (at >= 0) {
      options.push({ at, from, to });
      at = text.indexOf(from, at + 1);
    }
  }
  if (options.length === 0) {
    return text;
  }
  const { at, from, to } = random.pick(options);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** One OCR confusion in a name (rn → m, l → 1, O → 0, …). */
export function ocrName(text: string, random: SeededRandom): string {
  return ocrReplace(text, OCR_NAME, random);
}

/** One OCR confusion in a document number (0 ↔ O, 1 ↔ I, 5 ↔ S, 8 ↔ B, 2 ↔ Z, 6 ↔ G). */
export function ocrDocumentNumber(text: string, random: SeededRandom): string {
  return ocrReplace(text, OCR_DIGITS, random);
}

/** Context a variant needs besides the person: the stream and the reference date. */
export interface VariantContext {
  readonly random: SeededRandom;
  readonly referenceDays: number;
}

const mrzName = (parts: readonly NamePart[]): string => parts.map((p) => p.mrz).join(' ');

function otherPart(pool: readonly NamePart[], current: readonly NamePart[], random: SeededRandom): NamePart {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const candidate = random.pick(pool);
    if (!current.some((p) => p.native === candidate.native)) {
      return candidate;
    }
  }
  return random.pick(pool);
}

function modifyPart(
  draft: Draft,
  random: SeededRandom,
  change: (latin: string) => string,
  surnameShare = 0.6,
): boolean {
  const useSurname = draft.given.length === 0 || random.chance(surnameShare);
  const parts = useSurname ? draft.surname : draft.given;
  if (parts.length === 0) {
    return false;
  }
  const index = random.int(parts.length);
  const part = parts[index] as NamePart;
  const latin = change(part.latin);
  if (latin === part.latin) {
    return false;
  }
  parts[index] = { ...part, latin, alternatives: [] };
  return true;
}

function newDocument(
  person: Person,
  draft: Draft,
  ctx: VariantContext,
  state: string,
  issuedDays: number,
): GeneratedDocument {
  const spec = nationalitySpec(state);
  const issued = civilFromDays(issuedDays);
  const expiry = civilFromDays(daysFromCivil(addYears(issued, person.validity)) - 1);
  const type = state === person.spec.code ? person.document.type : 'P';
  const pattern = type === 'P' ? (spec?.passportNumber ?? 'AA9999999') : 'XXXXXXXXX';
  return buildDocument({
    type,
    number: documentNumber(pattern, ctx.random),
    issuingState: state,
    nationality: state,
    surname: mrzName(draft.surname),
    givenNames: mrzName(draft.given),
    birthDate: person.birth,
    sex: person.sex,
    issued,
    expiry,
  });
}

/** Applies one kind to the draft; false when it could not change anything (the kind is then not claimed). */
export function applyKind(kind: VariantKind, person: Person, draft: Draft, ctx: VariantContext): boolean {
  const { random } = ctx;
  switch (kind) {
    case 'alias': {
      // A name a person uses besides their own is rarely backed by a document in that name.
      draft.document = null;
      draft.documentNumber = '';
      const pool = person.sex === 'F' ? person.pools.givenFemale : person.pools.givenMale;
      draft.given = [otherPart(pool, person.given, random)];
      if (random.chance(0.5)) {
        const surnames = person.sex === 'F' ? person.pools.surnameFemale : person.pools.surnameMale;
        draft.surname = [otherPart(surnames, person.surname, random)];
      }
      return true;
    }
    case 'birth-name': {
      const surnames = person.sex === 'M' ? person.pools.surnameMale : person.pools.surnameFemale;
      draft.surname = [otherPart(surnames, person.surname, random)];
      return true;
    }
    case 'nickname': {
      const first = draft.given[0];
      const nicknames = first === undefined ? [] : nicknamesOf(first.latin);
      if (first === undefined || nicknames.length === 0) {
        return false;
      }
      const nick = latinPart(random.pick(nicknames));
      draft.given[0] = { ...nick, native: first.native };
      return true;
    }
    case 'translit-scheme': {
      const candidates = [
        ...draft.surname.map((p, i) => ({ parts: draft.surname, i, p })),
        ...draft.given.map((p, i) => ({ parts: draft.given, i, p })),
      ].filter((c) => c.p.alternatives.length > 0);
      if (candidates.length === 0) {
        return false;
      }
      const { parts, i, p } = random.pick(candidates);
      parts[i] = { ...p, latin: random.pick(p.alternatives), alternatives: [] };
      return true;
    }
    case 'renewed-document': {
      // The record holds the previous document: issued one validity period before the current one.
      const start = previousDocumentStart(person) - random.between(0, 300);
      if (start <= daysFromCivil(person.birth)) {
        return false;
      }
      draft.document = newDocument(person, draft, ctx, person.spec.code, start);
      draft.documentNumber = draft.document.number;
      return true;
    }
    case 'second-nationality': {
      const own = person.spec.code;
      const list = (person.spec.secondNationalities ?? COMMON_SECOND_NATIONALITIES).filter((c) => c !== own);
      const second = random.pick(
        list.length > 0 ? list : COMMON_SECOND_NATIONALITIES.filter((c) => c !== own),
      );
      draft.nationalities = [own, second];
      const birthDays = daysFromCivil(person.birth);
      const issued = Math.max(
        birthDays + 30,
        ctx.referenceDays - random.between(30, person.validity * 365 - 30),
      );
      draft.document = newDocument(person, draft, ctx, second, issued);
      draft.documentNumber = draft.document.number;
      return true;
    }
    case 'missing-document':
      draft.document = null;
      draft.documentNumber = '';
      return true;
    case 'swap-names': {
      if (draft.given.length === 0) {
        return false;
      }
      [draft.surname, draft.given] = [draft.given, draft.surname];
      return true;
    }
    case 'missing-given':
      if (draft.given.length === 0) {
        return false;
      }
      draft.given = [];
      return true;
    case 'missing-surname-part':
      if (draft.surname.length < 2) {
        return false;
      }
      draft.surname = draft.surname.slice(0, -1);
      return true;
    case 'typo':
      return modifyPart(draft, random, (latin) => typo(latin, random));
    case 'ocr': {
      if (draft.documentNumber !== '' && random.chance(0.35)) {
        const misread = ocrDocumentNumber(draft.documentNumber, random);
        if (misread !== draft.documentNumber) {
          draft.documentNumber = misread;
          return true;
        }
      }
      return modifyPart(draft, random, (latin) => ocrName(latin, random));
    }
    case 'day-month-swap': {
      const { year, month, day } = draft.birth;
      if (day > 12 || day === month || day === 0 || month === 0) {
        return false;
      }
      draft.birth = { year, month: day, day: month };
      return true;
    }
    case 'partial-date':
      draft.birth = random.chance(0.65)
        ? { ...draft.birth, day: 0 }
        : { year: draft.birth.year, month: 0, day: 0 };
      return true;
    default: {
      const exhausted: never = kind;
      return exhausted;
    }
  }
}
