import anyAscii from 'any-ascii';

/**
 * Armenian → MRZ. ICAO Doc 9303 Part 3 section 6 has no Armenian table and leaves the choice to the
 * issuing State. `common` is the usual romanisation of Eastern Armenian names in documents: BGN/PCGN 1981
 * without the apostrophes of the aspirates (թ T, փ P, ք K, չ CH, ց TS) and with ռ as R (Ռուզաննա
 * RUZANNA); its context rules are kept: ե is YE and և is YEV at the start of a word and after a vowel
 * (Երևան YEREVAN), ո is VO at the start of a word (Ոսկան VOSKAN) except in ով, ու is U (Թումանյան
 * TUMANYAN). `bgn` writes ռ as BGN/PCGN does (RR); `iso9985` is any-ascii's rendering of ISO 9985
 * without apostrophes (ու OW, ռ RR, no context rules); `diaspora` writes the -YAN of surnames as -IAN,
 * as French, Lebanese and American registers do (HOVHANNISIAN).
 */
export type ArmenianScheme = 'common' | 'bgn' | 'iso9985' | 'diaspora';

const LETTERS: Readonly<Record<string, string>> = Object.freeze({
  ա: 'A',
  բ: 'B',
  գ: 'G',
  դ: 'D',
  ե: 'E',
  զ: 'Z',
  է: 'E',
  ը: 'Y',
  թ: 'T',
  ժ: 'ZH',
  ի: 'I',
  լ: 'L',
  խ: 'KH',
  ծ: 'TS',
  կ: 'K',
  հ: 'H',
  ձ: 'DZ',
  ղ: 'GH',
  ճ: 'CH',
  մ: 'M',
  յ: 'Y',
  ն: 'N',
  շ: 'SH',
  ո: 'O',
  չ: 'CH',
  պ: 'P',
  ջ: 'J',
  ռ: 'R',
  ս: 'S',
  վ: 'V',
  տ: 'T',
  ր: 'R',
  ց: 'TS',
  ւ: 'V',
  փ: 'P',
  ք: 'K',
  օ: 'O',
  ֆ: 'F',
  և: 'EV',
});

const VOWELS = new Set(['ա', 'ե', 'է', 'ը', 'ի', 'ո', 'օ', 'ու']);

/** True for a letter of the Armenian script. */
export function isArmenianLetter(ch: string): boolean {
  return /\p{Script=Armenian}/u.test(ch) && /\p{L}/u.test(ch);
}

function common(word: string, scheme: 'common' | 'bgn' | 'diaspora'): string {
  const letters = [...word];
  let out = '';
  let previous = '';
  for (let i = 0; i < letters.length; i += 1) {
    const ch = letters[i] ?? '';
    const afterVowel = i === 0 || VOWELS.has(previous);
    if (ch === 'ո' && letters[i + 1] === 'ւ') {
      out += 'U';
      previous = 'ու';
      i += 1;
      continue;
    }
    if (ch === 'ե' || ch === 'և') {
      out += (afterVowel ? 'Y' : '') + (ch === 'ե' ? 'E' : 'EV');
    } else if (ch === 'ո' && i === 0 && word !== 'ով') {
      out += 'VO';
    } else if (ch === 'ռ' && scheme === 'bgn') {
      out += 'RR';
    } else {
      out += LETTERS[ch] ?? '';
    }
    previous = ch;
  }
  return scheme === 'diaspora' ? out.replace(/YAN$/u, 'IAN') : out;
}

/**
 * The MRZ form of a run of Armenian letters (one word) under a scheme.
 *
 * @example armenianWordToMrz('Հովհաննիսյան', 'common') // 'HOVHANNISYAN'
 */
export function armenianWordToMrz(text: string, scheme: ArmenianScheme): string {
  const word = text.normalize('NFKC').toLowerCase();
  if (scheme === 'iso9985') {
    // NFKC splits the ligature և into եւ, which any-ascii would write EW (classical ւ); it means EV.
    return anyAscii(word.replace(/եւ/gu, 'և'))
      .toUpperCase()
      .replace(/[^A-Z]/gu, '');
  }
  return common(word, scheme);
}
