import { latinToMrz } from './latin.ts';
import { ARABIC_FAMILY, CYRILLIC_FAMILY, type Unit } from './schemes.ts';
import { transliterateToMrz } from './to-mrz.ts';

/**
 * The transliteration fold: a coarse key of a name such that the ICAO 9303, BGN/PCGN, German, French and
 * Polish renderings of one Cyrillic name (and, where the tables allow, of one Greek or Arabic name) give the
 * same key, for blocking. It is derived from the letter-correspondence tables in `schemes.ts`:
 *
 * 1. Vowels, signs and glides (а е ё и й ы э ю я ь ъ і ї є ј ў and their digraphs) are dropped: the schemes
 *    disagree on them (IA/YA/JA, IU/YU/JU/IOU, II/IY/IJ/Y) and they carry little of a name's identity.
 * 2. Consonant letters that share a Latin spelling in the table are one class (union-find over the table):
 *    Z is з, ж (Polish Ż) and ц (German), CH is ч, ш (French) and х (German), C is ц (Polish), к and ч, H
 *    is х and г, so ж з с ц ч ш щ х к г form one class. Letters written as two letters of their own (кс
 *    KS, дж DZH, љ LJ…) and spellings with a vowel letter (г GU) are read as those letters.
 * 3. A Latin name is cut into the table's spellings, longest first (SCHTSCH before SCH before S), each
 *    replaced by its class; a class written twice in a row is one (SHCH, SZCZ, SS), and a T right before an
 *    affricate (whose spellings TS, TCH, TSCH begin with T) is part of it.
 * 4. A word ending in A keeps that A (every scheme writes а and я with a final A): IVANOVA is not IVANOV.
 * 5. J is the one letter the schemes use for a glide (German, Polish: й, я = JA) and for a consonant (French:
 *    ж = J): a name with J gets a second key, with J read as ж.
 *
 * Known collisions (the price of one key for all schemes): names differing only in vowels (IVANOV /
 * IVANAV) or within the large class (KOZLOV / SOKOLOV). Known misses: Greek β written B, μπ/ντ/γκ written
 * B/D/G, Arabic ث written S or T, Ukrainian г written H against a Russian-style G, Ъ between two letters of
 * one class. docs/decisions.md gives the measurements.
 */

const VOWEL_LETTERS = new Set([...'аеёиийоуыьъэюяіїєјў']);

const isVowelUnit = (u: Unit) => [...u.native].every((c) => VOWEL_LETTERS.has(c));

/**
 * Letters the schemes write as two letters that also spell two letters of their own: palatalised letters
 * (љ LJ/LY, њ NJ/NY, ѓ GJ, ќ KJ) and the voiced affricates (дж DZH/DSCH/DJ, џ, ђ, ѕ). Their spellings are left
 * to the letters they are made of, so that LY is L as in Ukrainian -LY- (ли) against German -LI-, and DZ
 * (дз, ICAO) is DS (German).
 */
const COMPOSED = new Set(['љ', 'њ', 'ѓ', 'ќ', 'дж', 'џ', 'ђ', 'ѕ', 'кс']);
/** A consonant spelling with a vowel letter (г GU, French before E and I) is read as the letters it has. */
const HAS_VOWEL = /[AEIOUY]/u;

/** The letter that stands for both a vowel-like sound (German, Polish) and a consonant (French ж). */
const AMBIGUOUS = 'J';

interface FoldTable {
  /** Latin spelling → class symbol ('' for a dropped vowel). */
  readonly classOf: ReadonlyMap<string, string>;
  readonly longest: number;
  /**
   * Class pairs `a→b` where a spelling of class b begins with a spelling of class a (ц TS, ч TCH begin with
   * T): an a written right before a b is part of it, so т+ч (ICAO TCH) folds like German TTSCH.
   */
  readonly absorbed: ReadonlySet<string>;
}

function buildTable(): FoldTable {
  const consonants = CYRILLIC_FAMILY.units.filter(
    (u) => !isVowelUnit(u) && u.native !== 'ў' && !COMPOSED.has(u.native),
  );
  // Union-find over the consonant units, joined when they share a spelling.
  const parent = consonants.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const owner = new Map<string, number>();
  consonants.forEach((u, i) => {
    for (const spelling of u.latin) {
      if (spelling === '' || spelling === AMBIGUOUS || HAS_VOWEL.test(spelling)) {
        continue;
      }
      const j = owner.get(spelling);
      if (j === undefined) {
        owner.set(spelling, i);
      } else {
        parent[find(i)] = find(j);
      }
    }
  });
  // A class is written as its shortest, then alphabetically first, spelling.
  const symbol = new Map<number, string>();
  for (const [spelling, i] of owner) {
    const root = find(i);
    const current = symbol.get(root);
    if (
      current === undefined ||
      spelling.length < current.length ||
      (spelling.length === current.length && spelling < current)
    ) {
      symbol.set(root, spelling);
    }
  }
  const classOf = new Map<string, string>();
  for (const [spelling, i] of owner) {
    classOf.set(spelling, symbol.get(find(i)) as string);
  }
  // Vowel spellings are dropped, unless a consonant owns the same spelling (none does but J, handled apart).
  for (const u of CYRILLIC_FAMILY.units) {
    if (isVowelUnit(u) || u.native === 'ў') {
      for (const spelling of u.latin) {
        if (spelling !== '' && spelling !== AMBIGUOUS && !classOf.has(spelling)) {
          classOf.set(spelling, '');
        }
      }
    }
  }
  // A spelling that is a spelling of its own class followed by a letter of another class (щ SHT, the
  // Bulgarian form, is SH + T) is read as those letters: ШТ, which ICAO writes SHT too, is German SCHT.
  for (const [spelling, cls] of [...classOf]) {
    for (let cut = 1; cut < spelling.length; cut += 1) {
      const rest = classOf.get(spelling.slice(cut));
      if (classOf.get(spelling.slice(0, cut)) === cls && rest !== undefined && rest !== '' && rest !== cls) {
        classOf.delete(spelling);
        break;
      }
    }
  }
  const absorbed = new Set<string>();
  for (const [spelling, cls] of classOf) {
    for (let cut = 1; cut < spelling.length; cut += 1) {
      const head = classOf.get(spelling.slice(0, cut));
      if (head !== undefined && head !== '' && head !== cls && cls !== '') {
        absorbed.add(`${head}>${cls}`);
      }
    }
  }
  // Letters left without a class: a letter written for a composed one (X for кс) folds like its other
  // spelling (KS); a letter no Cyrillic scheme writes (Q) like another spelling of the same Arabic letter.
  const partial: FoldTable = { classOf, longest: 0, absorbed };
  for (let letter = 65; letter <= 90; letter += 1) {
    const ch = String.fromCharCode(letter);
    if (classOf.has(ch) || ch === AMBIGUOUS) {
      continue;
    }
    const composed = CYRILLIC_FAMILY.units.find((u) => COMPOSED.has(u.native) && u.latin.includes(ch));
    const other = composed?.latin.find((l) => l.length > 1 && !HAS_VOWEL.test(l));
    if (other !== undefined) {
      classOf.set(ch, foldWord(other, { ...partial, longest: other.length }));
      continue;
    }
    const unit = ARABIC_FAMILY.units.find((u) => u.latin.includes(ch));
    const sibling = unit?.latin.find((l) => classOf.has(l));
    classOf.set(ch, sibling === undefined ? ch : (classOf.get(sibling) as string));
  }
  classOf.set(AMBIGUOUS, '');
  return { classOf, absorbed, longest: Math.max(...[...classOf.keys()].map((k) => k.length)) };
}

let table: FoldTable | undefined;

function foldTable(): FoldTable {
  table ??= buildTable();
  return table;
}

/** The consonant classes of one upper-case A–Z word, with the final-A mark. */
function foldWord(word: string, t: FoldTable): string {
  // Classes in order; '' where a vowel stood (a class repeated across a vowel is kept twice).
  const classes: string[] = [];
  let i = 0;
  while (i < word.length) {
    let len = Math.min(t.longest, word.length - i);
    let cls: string | undefined;
    for (; len > 0; len -= 1) {
      cls = t.classOf.get(word.slice(i, i + len));
      if (cls !== undefined) {
        break;
      }
    }
    if (cls === undefined || len === 0) {
      // Not a letter of the table (cannot happen for A–Z): a break, like a vowel.
      classes.push('');
      i += 1;
      continue;
    }
    const last = classes[classes.length - 1];
    if (cls !== '' && last !== undefined && last !== '' && t.absorbed.has(`${last}>${cls}`)) {
      classes.pop();
    }
    if (cls === '' || classes[classes.length - 1] !== cls) {
      classes.push(cls);
    }
    i += len;
  }
  const out = classes.join('');
  return word.endsWith('A') ? `${out}A` : out;
}

/** Upper-case A–Z words of a Latin name (ICAO Table A for letters with diacritics). */
function latinWords(latin: string): string[] {
  let out = '';
  for (const ch of latin.normalize('NFC').toUpperCase()) {
    const mrz = latinToMrz(ch, 'short');
    out += mrz === '' ? ' ' : mrz;
  }
  return out.split(/\s+/u).filter((w) => w !== '');
}

function foldLatin(latin: string): string[] {
  const t = foldTable();
  const words = latinWords(latin);
  if (words.length === 0) {
    return [];
  }
  const key = (ws: readonly string[]) => ws.map((w) => foldWord(w, t)).join(' ');
  const keys = new Set([key(words)]);
  if (words.some((w) => w.includes(AMBIGUOUS))) {
    // The French reading: J is ж (ZH).
    keys.add(key(words.map((w) => w.replaceAll(AMBIGUOUS, 'ZH'))));
  }
  return [...keys].filter((k) => k.replaceAll(' ', '') !== '');
}

const NATIVE = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{Script=Hebrew}]/u;
const ARABIC = /\p{Script=Arabic}/u;

/**
 * Transliteration-folded keys of a name (see the module comment): usually one, two when the name has a J.
 * A name in its native script folds to the key of its romanisations (ICAO for Cyrillic and Greek, the
 * common form for Arabic, whose ICAO MRZ form marks letters with X).
 *
 * @example
 * transliterationFold('IVANOV') // ['VNV']
 * transliterationFold('Иванов') // ['VNV']
 * transliterationFold('IWANOW') // ['VNV']
 */
export function transliterationFold(name: string): string[] {
  if (!NATIVE.test(name)) {
    return foldLatin(name);
  }
  const { mrz, alternatives } = transliterateToMrz(name);
  const forms = ARABIC.test(name) ? alternatives : [mrz];
  const keys = new Set<string>();
  for (const form of forms.length > 0 ? forms : [mrz]) {
    for (const k of foldLatin(form.replace(/<+/gu, ' '))) {
      keys.add(k);
    }
  }
  return [...keys];
}
