import { createRequire } from 'node:module';
import type * as PinyinPro from 'pinyin-pro';

/**
 * Han (Chinese) → MRZ. ICAO Doc 9303 Part 3 section 6 has tables for Latin, Cyrillic and Arabic only and
 * leaves other scripts to the issuing State. China writes names in Hanyu Pinyin without tone marks
 * (GB/T 28039-2011 "Chinese phonetic alphabet spelling rules for Chinese names"): surname and given name
 * are separate words, the syllables of one name are joined (王小明 → WANG XIAOMING), and ü, which the MRZ
 * cannot hold, is written YU on passports since 2012 (吕 LYU, 女 NYU); older documents wrote U.
 *
 * The readings come from pinyin-pro, whose dictionary knows the readings of polyphonic characters in
 * words and the special readings of characters used as surnames (曾 ZENG not CENG, 单 SHAN not DAN).
 */

/** How a character that reads differently as a surname is read. */
export type HanReading = 'surname' | 'plain';

/** How the ü of LÜ, NÜ is written: YU (passports since 2012) or U (earlier documents). */
export type HanUmlaut = 'yu' | 'u';

let pinyinPro: typeof PinyinPro | undefined;

// pinyin-pro's dictionary is large: it is loaded on the first Han name, not by every importer of the
// identity context.
function library(): typeof PinyinPro {
  pinyinPro ??= createRequire(import.meta.url)('pinyin-pro') as typeof PinyinPro;
  return pinyinPro;
}

/**
 * The toneless pinyin syllables of a run of Han characters, upper-case A–Z, one per character (`''` for a
 * character pinyin-pro does not know). `surname` reads the first characters with their surname readings
 * (pinyin-pro's `surname: 'head'`); `plain` reads them as ordinary words.
 *
 * @example hanSyllables('吕小明', 'surname', 'yu') // ['LYU', 'XIAO', 'MING']
 */
export function hanSyllables(text: string, reading: HanReading, umlaut: HanUmlaut): string[] {
  const syllables = library().pinyin(text, {
    toneType: 'none',
    type: 'array',
    surname: reading === 'surname' ? 'head' : 'off',
  });
  return syllables.map((syllable) =>
    syllable
      .normalize('NFC')
      .replace(/ü/gu, umlaut)
      .toUpperCase()
      .replace(/[^A-Z]/gu, ''),
  );
}

/**
 * Two-character (compound) Chinese surnames, simplified and traditional. A name written without a space
 * (欧阳修) then splits after the surname (OUYANG XIU), not after the first character.
 */
const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  ...['欧阳', '歐陽', '司马', '司馬', '诸葛', '諸葛', '上官', '东方', '東方', '皇甫', '尉迟', '尉遲'],
  ...['公孙', '公孫', '慕容', '令狐', '夏侯', '长孙', '長孫', '宇文', '司徒', '端木', '万俟', '萬俟'],
  ...['南宫', '南宮', '钟离', '鍾離', '轩辕', '軒轅', '西门', '西門', '独孤', '獨孤', '呼延', '申屠'],
]);

/** How many leading characters of a Han run are its surname when the run is a whole name (1 or 2). */
export function hanSurnameLength(text: string): number {
  const chars = [...text];
  return chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
}
