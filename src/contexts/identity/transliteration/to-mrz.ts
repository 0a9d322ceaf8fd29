import { arabicWordToMrz, isArabicLetter, type ArabicScheme } from './arabic.ts';
import { armenianWordToMrz, isArmenianLetter, type ArmenianScheme } from './armenian.ts';
import {
  CYRILLIC_LANGUAGES,
  cyrillicWordToMrz,
  detectCyrillicLanguage,
  isCyrillicLetter,
  plausibleCyrillicLanguages,
  type CyrillicLanguage,
  type CyrillicScheme,
} from './cyrillic.ts';
import { georgianWordToMrz, isGeorgianLetter } from './georgian.ts';
import { greekWordToMrz, isGreekLetter, type GreekScheme } from './greek.ts';
import { hanSurnameLength, hanSyllables, type HanReading, type HanUmlaut } from './han.ts';
import {
  conventionalKoreanSurname,
  hangulSurnameLength,
  hangulSyllables,
  type HangulScheme,
} from './hangul.ts';
import { hebrewWordToMrz, isHebrewLetter } from './hebrew.ts';
import { hasLatinAlternatives, latinToMrz, type LatinChoice } from './latin.ts';

/** Options of {@link transliterateToMrz}. */
export interface TransliterationOptions {
  /**
   * Language of the name (ISO 639-1 or 639-2, e.g. `uk`, `ukr`). It matters for Cyrillic, where ICAO and
   * the national schemes differ per language; without it the language is guessed from the letters. `ja`
   * marks Han characters as Japanese kanji, which are then left out rather than read as Chinese.
   */
  language?: string;
}

/** Result of {@link transliterateToMrz}. */
export interface MrzTransliteration {
  /** The primary MRZ form: A–Z, with `<` where the name had spaces or hyphens. */
  mrz: string;
  /** Other documented renderings of the same name (ICAO alternatives, national schemes), without `mrz`. */
  alternatives: string[];
  /**
   * Dominant script of the input: 'Latin', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Han', 'Hangul',
   * 'Georgian', 'Armenian', another script, or 'Unknown'.
   */
  script: string;
}

/** Language codes the `language` option understands, with their ISO 639-2 synonyms. */
export const LANGUAGE_CODES: Readonly<Record<string, string>> = Object.freeze({
  ru: 'ru',
  rus: 'ru',
  uk: 'uk',
  ukr: 'uk',
  be: 'be',
  bel: 'be',
  bg: 'bg',
  bul: 'bg',
  mk: 'mk',
  mkd: 'mk',
  mac: 'mk',
  sr: 'sr',
  srp: 'sr',
  el: 'el',
  ell: 'el',
  gre: 'el',
  ar: 'ar',
  ara: 'ar',
  fa: 'fa',
  fas: 'fa',
  per: 'fa',
  he: 'he',
  heb: 'he',
  ja: 'ja',
  jpn: 'ja',
});

/** The canonical language code for a user-given code, or undefined when it is not one we know. */
export function canonicalLanguage(code: string): string | undefined {
  return LANGUAGE_CODES[code.trim().toLowerCase()];
}

/**
 * How the syllables of one Han or Hangul word are laid out: joined into one word (the passport form of a
 * given name: XIAOMING, MINJUN), each syllable a word (XIAO<MING, as many registers abroad write them),
 * or, for a whole name written without a space (王小明, 김민준), the surname split from the given name.
 */
type SyllableLayout = 'joined' | 'split' | 'surname-first';

interface Plan {
  latin: LatinChoice;
  cyrillicLanguage: CyrillicLanguage;
  cyrillic: CyrillicScheme;
  greek: GreekScheme;
  arabic: ArabicScheme;
  /** Reading of the first Han word (names start with the surname); `none` for Japanese, see below. */
  hanReading: HanReading | 'none';
  hanUmlaut: HanUmlaut;
  hanLayout: SyllableLayout;
  hangul: HangulScheme;
  /** `conventional` writes the surname of the first Hangul word as passports usually do (KIM, LEE). */
  hangulSurname: 'rr' | 'conventional';
  hangulLayout: SyllableLayout;
  armenian: ArmenianScheme;
}

type Script =
  'Latin' | 'Cyrillic' | 'Greek' | 'Arabic' | 'Hebrew' | 'Han' | 'Hangul' | 'Georgian' | 'Armenian' | 'Other';

type Token =
  { kind: 'word'; runs: { script: Script; text: string }[] } | { kind: 'sep' } | { kind: 'filler' };

// Word separators become the MRZ filler `<` (ICAO 9303 Part 3 §4.6 / Part 4: spaces and hyphens in names).
const SEPARATOR = /[\s\-\u2010-\u2015\u2212,_/]/u;
// Characters that are dropped without separating (apostrophes, full stops, digits, joiners, bidi marks).
const IGNORABLE = /[\p{N}'’ʼʹʺ`´‘".\u200B-\u200F\u2060\uFEFF\u0640]/u;
// Middle dots separate the parts of a transcribed foreign or minority name in Chinese (马克·吐温) and
// Japanese; between Latin letters (Catalan l·l) they are left out as before.
const NAME_DOT = /[\u00B7\u2027\u30FB\u2022]/u;
const OTHER_SCRIPTS = ['Hiragana', 'Katakana', 'Devanagari', 'Thai', 'Ethiopic', 'Bengali', 'Tamil'] as const;

function scriptOf(ch: string): Script {
  if (/[A-Za-z]/.test(ch) || /\p{Script=Latin}/u.test(ch)) {
    return 'Latin';
  }
  if (/\p{Script=Cyrillic}/u.test(ch)) {
    return 'Cyrillic';
  }
  if (isGreekLetter(ch)) {
    return 'Greek';
  }
  if (/\p{Script=Arabic}/u.test(ch)) {
    return 'Arabic';
  }
  if (/\p{Script=Hebrew}/u.test(ch)) {
    return 'Hebrew';
  }
  if (/\p{Script=Han}/u.test(ch)) {
    return 'Han';
  }
  if (/\p{Script=Hangul}/u.test(ch)) {
    return 'Hangul';
  }
  if (/\p{Script=Georgian}/u.test(ch)) {
    return 'Georgian';
  }
  if (/\p{Script=Armenian}/u.test(ch)) {
    return 'Armenian';
  }
  return 'Other';
}

function tokenize(name: string): Token[] {
  const tokens: Token[] = [];
  let word: { script: Script; text: string }[] | undefined;
  const flush = () => {
    if (word !== undefined) {
      tokens.push({ kind: 'word', runs: word });
      word = undefined;
    }
  };
  for (const ch of name) {
    if (ch === '<') {
      flush();
      tokens.push({ kind: 'filler' });
    } else if (
      SEPARATOR.test(ch) ||
      (NAME_DOT.test(ch) && word !== undefined && word[word.length - 1]?.script !== 'Latin')
    ) {
      flush();
      if (tokens[tokens.length - 1]?.kind !== 'sep') {
        tokens.push({ kind: 'sep' });
      }
    } else if (!IGNORABLE.test(ch)) {
      // Combining marks belong to the run of the letter they follow.
      const last = word?.[word.length - 1];
      const script = /\p{M}/u.test(ch) && last !== undefined ? last.script : scriptOf(ch);
      word ??= [];
      if (last !== undefined && last.script === script) {
        last.text += ch;
      } else {
        word.push({ script, text: ch });
      }
    }
  }
  flush();
  return tokens;
}

/** Where a run stands in the name: only the first Han or Hangul word can be the surname. */
interface RenderState {
  hanWords: number;
  hangulWords: number;
}

function layOut(syllables: readonly string[], layout: SyllableLayout, surnameLength: number): string {
  const letters = syllables.filter((s) => s !== '');
  if (layout === 'split') {
    return letters.join('<');
  }
  if (layout === 'surname-first' && surnameLength > 0) {
    const surname = syllables.slice(0, surnameLength).join('');
    const given = syllables.slice(surnameLength).join('');
    if (surname !== '' && given !== '') {
      return `${surname}<${given}`;
    }
  }
  return letters.join('');
}

function hanToMrz(text: string, plan: Plan, first: boolean): string {
  if (plan.hanReading === 'none') {
    return '';
  }
  const reading = first ? plan.hanReading : 'plain';
  const syllables = cachedHanSyllables(text, reading, plan.hanUmlaut);
  // pinyin-pro gives one syllable per character; the surname split relies on that.
  const aligned = syllables.length === [...text].length;
  return layOut(syllables, plan.hanLayout, first && aligned ? hanSurnameLength(text) : 0);
}

function hangulToMrz(text: string, plan: Plan, first: boolean): string {
  const syllables = hangulSyllables(text, plan.hangul);
  const surnameLength = first ? hangulSurnameLength(text) : 0;
  if (first && plan.hangulSurname === 'conventional') {
    const chars = [...text];
    const conventional =
      chars.length === 1 || surnameLength === 1 ? conventionalKoreanSurname(chars[0] ?? '') : undefined;
    if (conventional !== undefined) {
      syllables[0] = conventional;
    }
  }
  return layOut(syllables, plan.hangulLayout, surnameLength);
}

const hanCache = new Map<string, string[]>();
const HAN_CACHE_SIZE = 10_000;

function cachedHanSyllables(text: string, reading: HanReading, umlaut: HanUmlaut): string[] {
  const key = `${reading}\u0000${umlaut}\u0000${text}`;
  let syllables = hanCache.get(key);
  if (syllables === undefined) {
    syllables = hanSyllables(text, reading, umlaut);
    if (hanCache.size >= HAN_CACHE_SIZE) {
      hanCache.clear();
    }
    hanCache.set(key, syllables);
  }
  return syllables;
}

function runToMrz(run: { script: Script; text: string }, plan: Plan, state: RenderState): string {
  switch (run.script) {
    case 'Latin':
      return [...run.text.toUpperCase()].map((c) => latinToMrz(c, plan.latin)).join('');
    case 'Cyrillic':
      return cyrillicWordToMrz(run.text.toUpperCase(), plan.cyrillicLanguage, plan.cyrillic);
    case 'Greek':
      return greekWordToMrz(run.text, plan.greek);
    case 'Arabic':
      return arabicWordToMrz(run.text, plan.arabic);
    case 'Hebrew':
      return hebrewWordToMrz(run.text);
    case 'Han':
      state.hanWords += 1;
      return hanToMrz(run.text, plan, state.hanWords === 1);
    case 'Hangul':
      state.hangulWords += 1;
      return hangulToMrz(run.text, plan, state.hangulWords === 1);
    case 'Georgian':
      return georgianWordToMrz(run.text);
    case 'Armenian':
      return armenianWordToMrz(run.text, plan.armenian);
    case 'Other':
      return '';
    default: {
      const exhausted: never = run.script;
      return exhausted;
    }
  }
}

function render(tokens: readonly Token[], plan: Plan): string {
  // `null` marks a separator run; it becomes one filler unless it ends the name.
  const parts: (string | null)[] = [];
  const state: RenderState = { hanWords: 0, hangulWords: 0 };
  for (const token of tokens) {
    if (token.kind === 'word') {
      const text = token.runs.map((r) => runToMrz(r, plan, state)).join('');
      if (text !== '') {
        parts.push(text);
      }
    } else if (token.kind === 'filler') {
      parts.push('<');
    } else if (parts.length > 0 && parts[parts.length - 1] !== null) {
      parts.push(null);
    }
  }
  while (parts.length > 0 && parts[parts.length - 1] === null) {
    parts.pop();
  }
  return parts.map((p) => p ?? '<').join('');
}

function dominantScript(tokens: readonly Token[]): string {
  const counts = new Map<string, number>();
  for (const token of tokens) {
    if (token.kind !== 'word') {
      continue;
    }
    for (const run of token.runs) {
      for (const ch of run.text) {
        if (!/\p{L}/u.test(ch)) {
          continue;
        }
        let script: string = run.script;
        if (script === 'Latin' && !/\p{Script=Latin}/u.test(ch)) {
          continue;
        }
        if (script === 'Other') {
          script = OTHER_SCRIPTS.find((s) => new RegExp(`\\p{Script=${s}}`, 'u').test(ch)) ?? 'Unknown';
        }
        counts.set(script, (counts.get(script) ?? 0) + 1);
      }
    }
  }
  let best = 'Unknown';
  let bestCount = 0;
  for (const [script, count] of counts) {
    if (count > bestCount) {
      best = script;
      bestCount = count;
    }
  }
  return best;
}

const MAX_ALTERNATIVES = 12;

/**
 * Transliterates a name from its native script into the form used in the MRZ name field
 * (ICAO Doc 9303 Part 3 section 6): upper-case A–Z, with `<` for spaces and hyphens, apostrophes and
 * other punctuation omitted. Latin letters with diacritics use ICAO Table A (Ä → AE, Ø → OE, ß → SS,
 * Þ → TH ...), Cyrillic Table B with its per-language notes, Arabic Table C. For the scripts ICAO has no
 * table for, Doc 9303 leaves the transliteration to the issuing State, and this follows what those States
 * print: Greek ELOT 743, Hebrew the common Israeli romanisation, Chinese Hanyu Pinyin without tones (ü as
 * YU), Korean the Revised Romanization, Georgian the national system of 2002, Armenian the common
 * (BGN/PCGN-style) romanisation. Input already in MRZ form is returned unchanged. Never throws: characters
 * of other scripts are left out and `script` names them.
 *
 * Chinese and Korean names: the syllables of one word are joined (小明 → XIAOMING, 민준 → MINJUN), as the
 * passports write a given name; words the input separates stay separate. The function does not know
 * whether it is given a surname, a given name or a whole name, so the first Han word is read with the
 * surname readings of polyphonic characters (曾 ZENG, 单 SHAN): surname fields and whole names, which start
 * with the surname, are then right, and a given name starting with such a character is wrong but has its
 * ordinary reading (曾 CENG) among the alternatives. The alternatives also hold the syllables split
 * (XIAO<MING), a whole name split after its surname (王小明 → WANG<XIAOMING), ü as U (older Chinese
 * passports), the conventional spellings of Korean surnames (김 → KIM besides GIM) and the section 8
 * transliteration of Korean. Han characters in a name that also has kana, or with `language: 'ja'`, are
 * Japanese, whose readings pinyin cannot give: they are left out.
 *
 * @example
 * transliterateToMrz('Юрий Гагарин')
 * // { mrz: 'IURII<GAGARIN', alternatives: ['YURIY<GAGARIN', ...], script: 'Cyrillic' }
 * transliterateToMrz('吕小明').mrz // 'LYUXIAOMING'
 */
export function transliterateToMrz(name: string, options?: { language?: string }): MrzTransliteration {
  const text = String(name).normalize('NFKC');
  const tokens = tokenize(text);
  const language = options?.language === undefined ? undefined : canonicalLanguage(options.language);
  const upper = text.toUpperCase();
  const givenCyrillic = CYRILLIC_LANGUAGES.find((l) => l === language);
  const cyrillicLanguage = givenCyrillic ?? detectCyrillicLanguage(upper);
  const japanese = language === 'ja' || /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text);
  const primaryPlan: Plan = {
    latin: 'primary',
    cyrillicLanguage,
    cyrillic: 'icao',
    greek: 'elot743',
    arabic: 'icao',
    hanReading: japanese ? 'none' : 'surname',
    hanUmlaut: 'yu',
    hanLayout: 'joined',
    hangul: 'rr',
    hangulSurname: 'rr',
    hangulLayout: 'joined',
    armenian: 'common',
  };
  const mrz = render(tokens, primaryPlan);

  const plans: Plan[] = [];
  if (hasLatinAlternatives(upper)) {
    plans.push({ ...primaryPlan, latin: 'short' }, { ...primaryPlan, latin: 'reversible' });
  }
  const hasCyrillic = [...upper].some(isCyrillicLetter);
  if (hasCyrillic) {
    plans.push({ ...primaryPlan, cyrillic: 'national' }, { ...primaryPlan, cyrillic: 'icao-literal' });
    if (givenCyrillic === undefined) {
      for (const other of plausibleCyrillicLanguages(upper)) {
        if (other !== cyrillicLanguage) {
          plans.push({ ...primaryPlan, cyrillicLanguage: other });
        }
      }
    }
  }
  if ([...text].some(isGreekLetter)) {
    plans.push({ ...primaryPlan, greek: 'common' });
  }
  if ([...text].some(isArabicLetter)) {
    plans.push({ ...primaryPlan, arabic: 'common' });
  }
  if (!japanese && /\p{Script=Han}/u.test(text)) {
    plans.push(
      { ...primaryPlan, hanLayout: 'split' },
      { ...primaryPlan, hanLayout: 'surname-first' },
      { ...primaryPlan, hanReading: 'plain' },
      { ...primaryPlan, hanReading: 'plain', hanLayout: 'split' },
      { ...primaryPlan, hanUmlaut: 'u' },
    );
  }
  if (/\p{Script=Hangul}/u.test(text)) {
    plans.push(
      { ...primaryPlan, hangulLayout: 'split' },
      { ...primaryPlan, hangulSurname: 'conventional' },
      { ...primaryPlan, hangulSurname: 'conventional', hangulLayout: 'surname-first' },
      { ...primaryPlan, hangulSurname: 'conventional', hangulLayout: 'split' },
      { ...primaryPlan, hangulLayout: 'surname-first' },
      { ...primaryPlan, hangul: 'transliteration' },
      { ...primaryPlan, hangul: 'transliteration', hangulLayout: 'split' },
    );
  }
  if ([...text].some(isArmenianLetter)) {
    plans.push(
      { ...primaryPlan, armenian: 'bgn' },
      { ...primaryPlan, armenian: 'iso9985' },
      { ...primaryPlan, armenian: 'diaspora' },
    );
  }
  const alternatives: string[] = [];
  for (const plan of plans) {
    const alt = render(tokens, plan);
    if (alt !== mrz && alt !== '' && !alternatives.includes(alt) && alternatives.length < MAX_ALTERNATIVES) {
      alternatives.push(alt);
    }
  }
  return { mrz, alternatives, script: dominantScript(tokens) };
}

/** True for text that already is in MRZ name form (only A–Z and `<`). */
export function isMrzForm(text: string): boolean {
  return /^[A-Z<]*$/.test(text);
}

/**
 * True for a letter of one of the native scripts handled here (Cyrillic, Greek, Arabic, Hebrew, Han,
 * Hangul, Georgian, Armenian).
 */
export function isNativeScriptLetter(ch: string): boolean {
  return (
    isCyrillicLetter(ch.toUpperCase()) ||
    isGreekLetter(ch) ||
    isArabicLetter(ch) ||
    isHebrewLetter(ch) ||
    isHanLetter(ch) ||
    isHangulLetter(ch) ||
    isGeorgianLetter(ch) ||
    isArmenianLetter(ch)
  );
}

/** True for a Han character (a Chinese character, also used in Japanese and Korean). */
export function isHanLetter(ch: string): boolean {
  return /\p{Script=Han}/u.test(ch) && /\p{L}/u.test(ch);
}

/** True for a Hangul syllable or letter (jamo). */
export function isHangulLetter(ch: string): boolean {
  return /\p{Script=Hangul}/u.test(ch) && /\p{L}/u.test(ch);
}
