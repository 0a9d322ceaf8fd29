import { arabicWordToMrz, isArabicLetter, type ArabicScheme } from './arabic.ts';
import {
  CYRILLIC_LANGUAGES,
  cyrillicWordToMrz,
  detectCyrillicLanguage,
  isCyrillicLetter,
  plausibleCyrillicLanguages,
  type CyrillicLanguage,
  type CyrillicScheme,
} from './cyrillic.ts';
import { greekWordToMrz, isGreekLetter, type GreekScheme } from './greek.ts';
import { hebrewWordToMrz, isHebrewLetter } from './hebrew.ts';
import { hasLatinAlternatives, latinToMrz, type LatinChoice } from './latin.ts';

/** Options of {@link transliterateToMrz}. */
export interface TransliterationOptions {
  /**
   * Language of the name (ISO 639-1 or 639-2, e.g. `uk`, `ukr`). It matters for Cyrillic, where ICAO and
   * the national schemes differ per language; without it the language is guessed from the letters.
   */
  language?: string;
}

/** Result of {@link transliterateToMrz}. */
export interface MrzTransliteration {
  /** The primary MRZ form: A–Z, with `<` where the name had spaces or hyphens. */
  mrz: string;
  /** Other documented renderings of the same name (ICAO alternatives, national schemes), without `mrz`. */
  alternatives: string[];
  /** Dominant script of the input: 'Latin', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', another script, or 'Unknown'. */
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
});

/** The canonical language code for a user-given code, or undefined when it is not one we know. */
export function canonicalLanguage(code: string): string | undefined {
  return LANGUAGE_CODES[code.trim().toLowerCase()];
}

interface Plan {
  latin: LatinChoice;
  cyrillicLanguage: CyrillicLanguage;
  cyrillic: CyrillicScheme;
  greek: GreekScheme;
  arabic: ArabicScheme;
}

type Script = 'Latin' | 'Cyrillic' | 'Greek' | 'Arabic' | 'Hebrew' | 'Other';

type Token =
  { kind: 'word'; runs: { script: Script; text: string }[] } | { kind: 'sep' } | { kind: 'filler' };

// Word separators become the MRZ filler `<` (ICAO 9303 Part 3 §4.6 / Part 4: spaces and hyphens in names).
const SEPARATOR = /[\s\-\u2010-\u2015\u2212,_/]/u;
// Characters that are dropped without separating (apostrophes, full stops, digits, joiners, bidi marks).
const IGNORABLE = /[\p{N}'’ʼʹʺ`´‘".\u200B-\u200F\u2060\uFEFF\u0640]/u;
const OTHER_SCRIPTS = [
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Armenian',
  'Georgian',
  'Devanagari',
  'Thai',
  'Ethiopic',
  'Bengali',
  'Tamil',
] as const;

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
    } else if (SEPARATOR.test(ch)) {
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

function runToMrz(run: { script: Script; text: string }, plan: Plan): string {
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
  for (const token of tokens) {
    if (token.kind === 'word') {
      const text = token.runs.map((r) => runToMrz(r, plan)).join('');
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
 * Þ → TH ...), Cyrillic Table B with its per-language notes, Arabic Table C; Greek follows ELOT 743 and
 * Hebrew the common Israeli romanisation (ICAO has no table for either). Input already in MRZ form is
 * returned unchanged. Never throws: characters of other scripts are left out and `script` names them.
 *
 * @example
 * transliterateToMrz('Юрий Гагарин')
 * // { mrz: 'IURII<GAGARIN', alternatives: ['YURIY<GAGARIN', ...], script: 'Cyrillic' }
 */
export function transliterateToMrz(name: string, options?: { language?: string }): MrzTransliteration {
  const text = String(name).normalize('NFKC');
  const tokens = tokenize(text);
  const language = options?.language === undefined ? undefined : canonicalLanguage(options.language);
  const upper = text.toUpperCase();
  const givenCyrillic = CYRILLIC_LANGUAGES.find((l) => l === language);
  const cyrillicLanguage = givenCyrillic ?? detectCyrillicLanguage(upper);
  const primaryPlan: Plan = {
    latin: 'primary',
    cyrillicLanguage,
    cyrillic: 'icao',
    greek: 'elot743',
    arabic: 'icao',
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

/** True for a letter of one of the native scripts handled here (Cyrillic, Greek, Arabic, Hebrew). */
export function isNativeScriptLetter(ch: string): boolean {
  return isCyrillicLetter(ch.toUpperCase()) || isGreekLetter(ch) || isArabicLetter(ch) || isHebrewLetter(ch);
}
