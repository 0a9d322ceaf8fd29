/**
 * Hangul (Korean) → MRZ. ICAO Doc 9303 Part 3 section 6 has no Korean table and leaves the choice to the
 * issuing State. Korean passports use the Revised Romanization of Korean (Ministry of Culture and Tourism
 * notice 2000-8), which for personal names (section 3, clause 4) writes each syllable as it is spelt,
 * without the sound changes between syllables (its examples: 한복남 HAN BOKNAM, 홍빛나 HONG BITNA):
 * initial ㄱ ㄷ ㅂ ㄹ are G D B R, final ones K T P L. Section 8, the transliteration for reversing to
 * Hangul (final ㄱ G, ㄹ always L), is an alternative: registers built with it write 박 BAG.
 *
 * The holder chooses the spelling of the surname, and for the common surnames the traditional forms
 * (KIM, LEE, PARK, CHOI) far outnumber the Revised Romanization (GIM, I, BAK, CHOE).
 */

/** Conventional passport spellings of Korean surnames (one syllable), upper case. */
export const KOREAN_SURNAMES: Readonly<Record<string, string>> = Object.freeze({
  김: 'KIM',
  이: 'LEE',
  박: 'PARK',
  최: 'CHOI',
  정: 'JUNG',
  강: 'KANG',
  조: 'CHO',
  윤: 'YOON',
  장: 'JANG',
  임: 'LIM',
  한: 'HAN',
  오: 'OH',
  서: 'SEO',
  신: 'SHIN',
  권: 'KWON',
  황: 'HWANG',
  안: 'AHN',
  송: 'SONG',
  류: 'RYU',
  유: 'YOO',
  홍: 'HONG',
  전: 'JEON',
  고: 'KO',
  문: 'MOON',
  양: 'YANG',
  손: 'SON',
  배: 'BAE',
  백: 'BAEK',
  허: 'HEO',
  노: 'NOH',
  남: 'NAM',
  심: 'SHIM',
  하: 'HA',
  곽: 'KWAK',
  성: 'SUNG',
  차: 'CHA',
  주: 'JOO',
  우: 'WOO',
  구: 'KOO',
  민: 'MIN',
  진: 'JIN',
  지: 'JI',
  엄: 'UM',
  채: 'CHAE',
  원: 'WON',
  천: 'CHUN',
  방: 'BANG',
  공: 'KONG',
  현: 'HYUN',
  함: 'HAM',
  변: 'BYUN',
  염: 'YEOM',
  여: 'YEO',
  추: 'CHOO',
  도: 'DO',
  석: 'SEOK',
  선: 'SUN',
  설: 'SEOL',
  길: 'GIL',
  연: 'YEON',
  표: 'PYO',
  명: 'MYUNG',
  기: 'KI',
  반: 'BAN',
  왕: 'WANG',
  금: 'KEUM',
  옥: 'OK',
  육: 'YOOK',
  인: 'IN',
  맹: 'MAENG',
  탁: 'TAK',
  국: 'KOOK',
  은: 'EUN',
  편: 'PYUN',
  용: 'YONG',
  예: 'YE',
  경: 'KYUNG',
  봉: 'BONG',
  가: 'KA',
  복: 'BOK',
  태: 'TAE',
  목: 'MOK',
  형: 'HYUNG',
  피: 'PI',
  두: 'DOO',
  감: 'KAM',
  호: 'HO',
});

/** Two-syllable Korean surnames: a name written without a space (남궁민수) splits after them. */
const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '남궁',
  '제갈',
  '선우',
  '황보',
  '독고',
  '사공',
  '서문',
  '동방',
]);

/** How a Hangul syllable is romanised: Revised Romanization for names, or its section 8 transliteration. */
export type HangulScheme = 'rr' | 'transliteration';

const INITIALS = [
  'G',
  'KK',
  'N',
  'D',
  'TT',
  'R',
  'M',
  'B',
  'PP',
  'S',
  'SS',
  '',
  'J',
  'JJ',
  'CH',
  'K',
  'T',
  'P',
  'H',
];
const INITIALS_TRANSLITERATION = INITIALS.map((c, i) => (i === 5 ? 'L' : c));
const MEDIALS = [
  ...['A', 'AE', 'YA', 'YAE', 'EO', 'E', 'YEO', 'YE', 'O', 'WA', 'WAE', 'OE', 'YO', 'U', 'WO', 'WE', 'WI'],
  ...['YU', 'EU', 'UI', 'I'],
];
// Index 0 is "no final". Section 1, clause 2 (final consonants are written as pronounced at the end of a
// syllable) for names; section 8 writes the letters as spelt.
const FINALS = [
  ...['', 'K', 'K', 'K', 'N', 'N', 'N', 'T', 'L', 'K', 'M', 'L', 'L', 'L', 'P', 'L', 'M', 'P', 'P', 'T'],
  ...['T', 'NG', 'T', 'T', 'K', 'T', 'P', 'T'],
];
const FINALS_TRANSLITERATION = [
  ...['', 'G', 'KK', 'GS', 'N', 'NJ', 'NH', 'D', 'L', 'LG', 'LM', 'LB', 'LS', 'LT', 'LP', 'LH', 'M', 'B'],
  ...['BS', 'S', 'SS', 'NG', 'J', 'CH', 'K', 'T', 'P', 'H'],
];

const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;

/** Initial, medial and final index of a precomposed syllable, or undefined for another character. */
function decompose(ch: string): readonly [number, number, number] | undefined {
  const code = ch.codePointAt(0) ?? 0;
  if (code < SYLLABLE_FIRST || code > SYLLABLE_LAST) {
    return undefined;
  }
  const index = code - SYLLABLE_FIRST;
  return [Math.floor(index / 588), Math.floor((index % 588) / 28), index % 28];
}

/** A lone jamo (conjoining or, after NFKC, compatibility): its letters as an initial, vowel or final. */
function jamoToLatin(ch: string, scheme: HangulScheme): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x1100 && code <= 0x1112) {
    return (scheme === 'rr' ? INITIALS : INITIALS_TRANSLITERATION)[code - 0x1100] ?? '';
  }
  if (code >= 0x1161 && code <= 0x1175) {
    return MEDIALS[code - 0x1161] ?? '';
  }
  if (code >= 0x11a8 && code <= 0x11c2) {
    return (scheme === 'rr' ? FINALS : FINALS_TRANSLITERATION)[code - 0x11a7] ?? '';
  }
  return '';
}

/**
 * The romanised syllables of a run of Hangul, upper-case A–Z, one per syllable (`''` for a character
 * that is no Korean letter).
 *
 * @example hangulSyllables('김민준', 'rr') // ['GIM', 'MIN', 'JUN']
 */
export function hangulSyllables(text: string, scheme: HangulScheme): string[] {
  const out: string[] = [];
  let previousFinal = 0;
  for (const ch of text) {
    const parts = decompose(ch);
    if (parts === undefined) {
      out.push(jamoToLatin(ch, scheme));
      previousFinal = 0;
      continue;
    }
    const [initial, medial, final] = parts;
    // Section 3, clause 1 note: ㄹㄹ is written LL.
    const onset =
      initial === 5 && previousFinal === 8
        ? 'L'
        : ((scheme === 'rr' ? INITIALS : INITIALS_TRANSLITERATION)[initial] ?? '');
    const coda = (scheme === 'rr' ? FINALS : FINALS_TRANSLITERATION)[final] ?? '';
    out.push(onset + (MEDIALS[medial] ?? '') + coda);
    previousFinal = final;
  }
  return out;
}

/** The conventional passport spelling of a one-syllable Korean surname, if it is a common one. */
export function conventionalKoreanSurname(syllable: string): string | undefined {
  return Object.hasOwn(KOREAN_SURNAMES, syllable) ? KOREAN_SURNAMES[syllable] : undefined;
}

/**
 * How many leading syllables of a Hangul run are its surname when the run looks like a whole name
 * written without a space (three or more syllables, Korean order), else 0.
 */
export function hangulSurnameLength(text: string): number {
  const chars = [...text];
  if (chars.length < 3) {
    return 0;
  }
  if (chars.length > 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join(''))) {
    return 2;
  }
  return conventionalKoreanSurname(chars[0] ?? '') === undefined ? 0 : 1;
}
