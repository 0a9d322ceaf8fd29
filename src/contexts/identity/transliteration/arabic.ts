/**
 * Arabic script → MRZ, ICAO Doc 9303 Part 3 section 6.C "Transliteration of Arabic script". The MRZ column
 * marks letters without a single Latin equivalent with a leading X (ح → XH, so that محمود → MXHMWD), which
 * keeps the MRZ form reversible. `common` drops those markers, giving the readable form also recommended
 * for the visual zone (ح → H, ش → SH, ة → A).
 */
export type ArabicScheme = 'icao' | 'common';

const ICAO_ARABIC: Readonly<Record<string, readonly [icao: string, common: string]>> = Object.freeze({
  ء: ['XE', ''],
  آ: ['XAA', 'A'],
  أ: ['XAE', 'A'],
  ؤ: ['U', 'U'],
  إ: ['I', 'I'],
  ئ: ['XI', 'I'],
  ا: ['A', 'A'],
  ب: ['B', 'B'],
  ت: ['T', 'T'],
  ث: ['XTH', 'TH'],
  ج: ['J', 'J'],
  ح: ['XH', 'H'],
  خ: ['XKH', 'KH'],
  د: ['D', 'D'],
  ذ: ['XDH', 'DH'],
  ر: ['R', 'R'],
  ز: ['Z', 'Z'],
  س: ['S', 'S'],
  ش: ['XSH', 'SH'],
  ص: ['XSS', 'S'],
  ض: ['XDZ', 'D'],
  ط: ['XTT', 'T'],
  ظ: ['XZZ', 'Z'],
  ع: ['E', 'A'],
  غ: ['G', 'GH'],
  ف: ['F', 'F'],
  ق: ['Q', 'Q'],
  ك: ['K', 'K'],
  ل: ['L', 'L'],
  م: ['M', 'M'],
  ن: ['N', 'N'],
  ه: ['H', 'H'],
  و: ['W', 'W'],
  ى: ['XAY', 'A'],
  ي: ['Y', 'Y'],
  // Letters of Persian, Urdu and Pashto in the same ICAO table.
  ٱ: ['XXA', 'A'],
  ٹ: ['XXT', 'T'],
  ټ: ['XRT', 'T'],
  پ: ['P', 'P'],
  ځ: ['XKE', 'Z'],
  څ: ['XXH', 'TS'],
  چ: ['XC', 'CH'],
  ڈ: ['XXD', 'D'],
  ډ: ['XDR', 'D'],
  ڑ: ['XXR', 'R'],
  ړ: ['XRR', 'R'],
  ږ: ['XRX', 'ZH'],
  ژ: ['XJ', 'ZH'],
  ښ: ['XXS', 'SH'],
  ک: ['XKK', 'K'],
  ګ: ['XXK', 'G'],
  ڭ: ['XNG', 'NG'],
  گ: ['XGG', 'G'],
  ں: ['XNN', 'N'],
  ڼ: ['XXN', 'N'],
  ھ: ['XDO', 'H'],
  ۀ: ['XYH', 'H'],
  ہ: ['XXG', 'H'],
  ۂ: ['XGE', 'H'],
  ۃ: ['XTG', 'T'],
  ی: ['XYA', 'Y'],
  ۍ: ['XXY', 'Y'],
  ې: ['Y', 'E'],
  ے: ['XYB', 'E'],
  ۓ: ['XBE', 'E'],
});

const TEH_MARBUTA = 'ة';

/**
 * Vowel signs, when a name is written with them: fatha A, damma U, kasra I, the tanwin forms AN/UN/IN;
 * sukun and shadda add no letter. (Both data copies we hold give F/N/K for tanwin and O for sukun, which
 * are not the sounds; we could not confirm those against the ICAO text and use the sounds instead.)
 */
const VOWEL_SIGNS: Readonly<Record<string, string>> = Object.freeze({
  '\u064E': 'A',
  '\u064F': 'U',
  '\u0650': 'I',
  '\u064B': 'AN',
  '\u064C': 'UN',
  '\u064D': 'IN',
  '\u0652': '',
  '\u0651': '',
});

/**
 * One Arabic-script word to MRZ letters (tatweel and other marks are ignored).
 *
 * Teh marbuta: the two copies of the table we hold map it to "P", which is the Persian پ; ICAO writes
 * ة as XTA, and XAH when it ends a name component (which it almost always does). Both are implemented.
 */
export function arabicWordToMrz(word: string, scheme: ArabicScheme): string {
  const letters = [...word].filter((c) => c === TEH_MARBUTA || c in ICAO_ARABIC || c in VOWEL_SIGNS);
  let out = '';
  letters.forEach((c, i) => {
    if (c === TEH_MARBUTA) {
      const final = letters.slice(i + 1).every((next) => next in VOWEL_SIGNS);
      out += scheme === 'icao' ? (final ? 'XAH' : 'XTA') : final ? 'A' : 'AT';
      return;
    }
    const sign = VOWEL_SIGNS[c];
    if (sign !== undefined) {
      out += sign;
      return;
    }
    const entry = ICAO_ARABIC[c];
    out += entry === undefined ? '' : scheme === 'icao' ? entry[0] : entry[1];
  });
  return out;
}

/** True for an Arabic-script letter that the table renders. */
export function isArabicLetter(ch: string): boolean {
  return ch === TEH_MARBUTA || ch in ICAO_ARABIC;
}
