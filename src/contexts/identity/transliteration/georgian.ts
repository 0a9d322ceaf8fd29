import anyAscii from 'any-ascii';

/**
 * Georgian → MRZ. ICAO Doc 9303 Part 3 section 6 has no Georgian table and leaves the choice to the
 * issuing State. Georgia uses its national romanisation of 2002 (also BGN/PCGN's since 2009): თ T, ტ T',
 * ფ P, პ P', ქ K, კ K', ყ Q', ღ GH, ხ KH, შ SH, ჩ CH, ჭ CH', ც TS, წ TS', ძ DZ, ჟ ZH, ჯ J. Documents leave
 * out the apostrophes that mark the ejectives (სააკაშვილი SAAKASHVILI). any-ascii writes exactly this
 * system, apostrophes included, for Mkhedruli and for the Mtavruli and Asomtavruli capitals.
 */

/** True for a letter of the Georgian script (Mkhedruli, Mtavruli, Asomtavruli, Nuskhuri). */
export function isGeorgianLetter(ch: string): boolean {
  return /\p{Script=Georgian}/u.test(ch) && /\p{L}/u.test(ch);
}

/**
 * The MRZ form of a run of Georgian letters: the national system of 2002 without apostrophes.
 *
 * @example georgianWordToMrz('შევარდნაძე') // 'SHEVARDNADZE'
 */
export function georgianWordToMrz(text: string): string {
  return anyAscii(text)
    .toUpperCase()
    .replace(/[^A-Z]/gu, '');
}
