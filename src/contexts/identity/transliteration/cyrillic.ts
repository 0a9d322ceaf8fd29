/**
 * Cyrillic → MRZ, ICAO Doc 9303 Part 3 section 6.B "Transliteration of Cyrillic characters", with the
 * table's language-specific notes, plus the national passport schemes that the alternatives report.
 */

export const CYRILLIC_LANGUAGES = ['ru', 'uk', 'be', 'bg', 'mk', 'sr'] as const;
export type CyrillicLanguage = (typeof CYRILLIC_LANGUAGES)[number];

/**
 * `icao`: the ICAO table with its language notes (the primary MRZ form).
 * `national`: the issuing country's own passport scheme where it differs from ICAO.
 * `icao-literal`: the ICAO table read literally where we deliberately depart from it (Serbian Г).
 */
export type CyrillicScheme = 'icao' | 'national' | 'icao-literal';

/** ICAO 9303 Part 3, Table B, the general column. Ъ → IE and Ь omitted are from the table itself. */
const ICAO_GENERAL: Readonly<Record<string, string>> = Object.freeze({
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Д: 'D',
  Е: 'E',
  Ё: 'E',
  Ж: 'ZH',
  З: 'Z',
  И: 'I',
  Й: 'I',
  К: 'K',
  Л: 'L',
  М: 'M',
  Н: 'N',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  У: 'U',
  Ф: 'F',
  Х: 'KH',
  Ц: 'TS',
  Ч: 'CH',
  Ш: 'SH',
  Щ: 'SHCH',
  Ъ: 'IE',
  Ы: 'Y',
  Ь: '',
  Э: 'E',
  Ю: 'IU',
  Я: 'IA',
  І: 'I',
  Ї: 'I',
  Є: 'IE',
  Ґ: 'G',
  Ў: 'U',
  Ђ: 'D',
  Ѓ: 'G',
  Ѕ: 'DZ',
  Ј: 'J',
  Љ: 'LJ',
  Њ: 'NJ',
  Ћ: 'C',
  Ќ: 'K',
  Џ: 'DZ',
  Ѵ: 'Y',
  Ѫ: 'U',
  // Listed as "C" in the table (the row for Һ); kept as published.
  Һ: 'C',
  // Pre-1918 letters, absent from the ICAO table: rendered as the letters that replaced them.
  Ѣ: 'E',
  Ѳ: 'F',
});

/**
 * The table's language notes. Serbian Г is the exception: the ICAO note lists "H (Belorussian,
 * Serbian)", but Serbian Г is the Serbian Latin G (Горан = GORAN in Serbian passports); we keep G as the
 * primary form and offer the literal ICAO H as an alternative (scheme `icao-literal`).
 */
const ICAO_LANGUAGE_NOTES: Readonly<Record<CyrillicLanguage, Readonly<Record<string, string>>>> =
  Object.freeze({
    ru: {},
    uk: { И: 'Y' },
    be: { Г: 'H', Ё: 'IO' },
    // Bulgarian Ъ is a vowel; the ICAO Bulgarian column does not list it, and the Bulgarian
    // Transliteration Act (2009), used for Bulgarian passports, writes it A. The general IE is an alternative.
    bg: { Щ: 'SHT', Ъ: 'A' },
    mk: { Ѓ: 'GJ', Ќ: 'KJ', Џ: 'DJ', Х: 'H', Ц: 'C' },
    sr: { Ж: 'Z', Х: 'H', Ц: 'C', Ч: 'C', Ш: 'S' },
  });

const VOWELS = new Set(['А', 'Е', 'Ё', 'И', 'О', 'У', 'Ы', 'Э', 'Ю', 'Я', 'І', 'Ї', 'Є', 'Ъ', 'Ь']);

/** One upper-case Cyrillic word (a maximal run of Cyrillic letters) to MRZ letters. */
export function cyrillicWordToMrz(word: string, language: CyrillicLanguage, scheme: CyrillicScheme): string {
  const chars = [...word];
  let out = '';
  for (let i = 0; i < chars.length; i += 1) {
    const ch = chars[i] ?? '';
    const prev = i > 0 ? (chars[i - 1] ?? '') : '';
    const initial = i === 0;
    const special =
      scheme === 'icao' ? undefined : schemeRule(language, scheme, ch, prev, initial, i === chars.length - 1);
    if (special !== undefined) {
      out += special;
      continue;
    }
    out += ICAO_LANGUAGE_NOTES[language][ch] ?? ICAO_GENERAL[ch] ?? '';
  }
  return out;
}

/** Rules of the non-primary schemes; undefined where the scheme agrees with ICAO. */
function schemeRule(
  language: CyrillicLanguage,
  scheme: Exclude<CyrillicScheme, 'icao'>,
  ch: string,
  prev: string,
  initial: boolean,
  last: boolean,
): string | undefined {
  if (scheme === 'icao-literal') {
    if (language === 'sr' && ch === 'Г') {
      return 'H';
    }
    return undefined;
  }
  switch (language) {
    case 'ru':
      // BGN/PCGN (1947) without diacritics, the spelling of most pre-2013 Russian passports and of English
      // usage: Й Y, Ю YU, Я YA, Е YE at the start of a word and after a vowel, hard/soft signs omitted.
      return (
        {
          Й: 'Y',
          Ю: 'YU',
          Я: 'YA',
          Ъ: '',
          Е: initial || VOWELS.has(prev) ? 'YE' : undefined,
          Ё: initial || VOWELS.has(prev) ? 'YE' : undefined,
        } as Record<string, string | undefined>
      )[ch];
    case 'uk':
      // Resolution of the Cabinet of Ministers of Ukraine No. 55 of 27 January 2010 (Ukrainian passports).
      if (ch === 'Г') {
        return prev === 'З' ? 'GH' : 'H';
      }
      return (
        {
          Є: initial ? 'YE' : 'IE',
          Ї: initial ? 'YI' : 'I',
          Й: initial ? 'Y' : 'I',
          Ю: initial ? 'YU' : 'IU',
          Я: initial ? 'YA' : 'IA',
        } as Record<string, string | undefined>
      )[ch];
    case 'bg':
      // Bulgarian Transliteration Act (2009): Х H, Й Y, Ь Y, Ю YU, Я YA, but word-final -ИЯ is -IA.
      if (ch === 'Я' && last && prev === 'И') {
        return 'A';
      }
      return ({ Х: 'H', Й: 'Y', Ь: 'Y', Ю: 'YU', Я: 'YA', Ъ: 'A' } as Record<string, string | undefined>)[ch];
    case 'be':
      // Belarusian passports follow the ICAO column; the common alternative is the Russian-style G for Г.
      return ch === 'Г' ? 'G' : undefined;
    case 'sr':
      // Serbian Latin alphabet Đ is very often written DJ (ĐOKOVIĆ → DJOKOVIC).
      return ch === 'Ђ' ? 'DJ' : undefined;
    case 'mk':
      // The general ICAO rows for Ѓ, Ќ and Џ, which some documents use instead of GJ, KJ, DJ.
      return ({ Ѓ: 'G', Ќ: 'K', Џ: 'DZ' } as Record<string, string | undefined>)[ch];
    default: {
      const exhausted: never = language;
      return exhausted;
    }
  }
}

const ALPHABETS: Readonly<Record<CyrillicLanguage, ReadonlySet<string>>> = Object.freeze({
  ru: new Set('АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ'),
  uk: new Set('АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ'),
  be: new Set('АБВГДЕЁЖЗІЙКЛМНОПРСТУЎФХЦЧШЫЬЭЮЯ'),
  bg: new Set('АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЬЮЯ'),
  mk: new Set('АБВГДЃЕЖЗЅИЈКЛЉМНЊОПРСТЌУФХЦЧЏШ'),
  sr: new Set('АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ'),
});

/** Languages whose alphabet contains every Cyrillic letter of the (upper-case) text. */
export function plausibleCyrillicLanguages(upperText: string): CyrillicLanguage[] {
  const letters = [...upperText].filter((c) => c in ICAO_GENERAL);
  return CYRILLIC_LANGUAGES.filter((lang) => letters.every((c) => ALPHABETS[lang].has(c)));
}

/**
 * Guesses the language from letters that only some Cyrillic alphabets have; Russian otherwise, since
 * nothing in the letters alone tells Russian from Bulgarian.
 */
export function detectCyrillicLanguage(upperText: string): CyrillicLanguage {
  const has = (letters: string) => [...letters].some((c) => upperText.includes(c));
  if (has('ҐЄЇ')) {
    return 'uk';
  }
  if (has('Ў')) {
    return 'be';
  }
  if (has('І')) {
    return has('ЫЭЁ') ? 'be' : 'uk';
  }
  if (has('ЃЌЅ')) {
    return 'mk';
  }
  if (has('ЂЋЈЉЊЏ')) {
    return 'sr';
  }
  return 'ru';
}

/** True for a character the Cyrillic table renders (upper case). */
export function isCyrillicLetter(upperChar: string): boolean {
  return upperChar in ICAO_GENERAL;
}
