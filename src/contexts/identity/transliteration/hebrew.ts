/**
 * Hebrew → MRZ. ICAO Doc 9303 Part 3 has no Hebrew table; this follows the common Israeli romanisation
 * used in passports (ח KH, צ TS, ש SH, the hard/soft pairs ב B/V, כ K/KH, פ P/F) and reads vowel points
 * (niqqud) when present. Unpointed Hebrew does not write most vowels, so the result then lacks them.
 */

const CONSONANTS: Readonly<Record<string, readonly [hard: string, soft: string]>> = Object.freeze({
  א: ['', ''],
  ב: ['B', 'V'],
  ג: ['G', 'G'],
  ד: ['D', 'D'],
  ה: ['H', 'H'],
  ז: ['Z', 'Z'],
  ח: ['KH', 'KH'],
  ט: ['T', 'T'],
  כ: ['K', 'KH'],
  ך: ['KH', 'KH'],
  ל: ['L', 'L'],
  מ: ['M', 'M'],
  ם: ['M', 'M'],
  נ: ['N', 'N'],
  ן: ['N', 'N'],
  ס: ['S', 'S'],
  ע: ['', ''],
  פ: ['P', 'F'],
  ף: ['F', 'F'],
  צ: ['TS', 'TS'],
  ץ: ['TS', 'TS'],
  ק: ['K', 'K'],
  ר: ['R', 'R'],
  ש: ['SH', 'SH'],
  ת: ['T', 'T'],
});

const VOWEL_POINTS: Readonly<Record<string, string>> = Object.freeze({
  '\u05B1': 'E',
  '\u05B2': 'A',
  '\u05B3': 'O',
  '\u05B4': 'I',
  '\u05B5': 'E',
  '\u05B6': 'E',
  '\u05B7': 'A',
  '\u05B8': 'A',
  '\u05B9': 'O',
  '\u05BA': 'O',
  '\u05BB': 'U',
});
const SHEVA = '\u05B0';
const DAGESH = '\u05BC';
const SIN_DOT = '\u05C2';
const HOLAM = '\u05B9';
const HIRIQ = '\u05B4';

interface Letter {
  base: string;
  marks: string;
}

/** One Hebrew word to MRZ letters. */
export function hebrewWordToMrz(word: string): string {
  const letters: Letter[] = [];
  for (const ch of word.normalize('NFD')) {
    if (ch in CONSONANTS || ch === 'ו' || ch === 'י') {
      letters.push({ base: ch, marks: '' });
    } else if (/\p{M}/u.test(ch) && letters.length > 0) {
      const last = letters[letters.length - 1];
      if (last !== undefined) {
        last.marks += ch;
      }
    }
  }
  let out = '';
  letters.forEach((l, i) => {
    const prev = letters[i - 1];
    const vowel = [...l.marks].map((m) => VOWEL_POINTS[m] ?? '').join('');
    // A sheva is sounded (E) under the first letter of a word and silent elsewhere, in the common reading.
    const sheva = l.marks.includes(SHEVA) && i === 0 ? 'E' : '';
    if (l.base === 'ו') {
      // Vav is a consonant (V) at the start of a word or when pointed with a vowel, otherwise a vowel letter.
      const consonant = i === 0 || (vowel !== '' && !l.marks.includes(HOLAM));
      out += consonant ? `V${vowel}${sheva}` : l.marks.includes(DAGESH) ? 'U' : 'O';
      return;
    }
    if (l.base === 'י') {
      // Yod after a hiriq only lengthens it; elsewhere it is Y (consonant) or I (vowel letter).
      const mater = prev !== undefined && prev.marks.includes(HIRIQ) && vowel === '';
      out += mater ? '' : i === 0 || vowel !== '' ? `Y${vowel}${sheva}` : 'I';
      return;
    }
    const forms = CONSONANTS[l.base] ?? ['', ''];
    // The begadkefat letters are hard at the start of a word or with a dagesh, soft elsewhere.
    const hard = i === 0 || l.marks.includes(DAGESH);
    let consonant = hard ? forms[0] : forms[1];
    if (l.base === 'ש' && l.marks.includes(SIN_DOT)) {
      consonant = 'S';
    }
    out += consonant + vowel + sheva;
  });
  return out;
}

/** True for a Hebrew letter. */
export function isHebrewLetter(ch: string): boolean {
  return ch in CONSONANTS || ch === 'ו' || ch === 'י';
}
