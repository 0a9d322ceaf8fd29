/**
 * Letter-correspondence tables behind transliteration equivalence. Each unit is a native letter (or a
 * letter group that schemes write as one) with every Latin spelling that a common scheme gives it. Two
 * Latin spellings are equivalent when one native spelling explains both, letter by letter.
 *
 * The spellings come from the schemes themselves, not from data: ICAO 9303 Part 3; BGN/PCGN; GOST 7.79 /
 * ISO 9 and the scholarly system with diacritics folded by ICAO Table A (Č → C, Š → S, Ž → Z); the
 * Ukrainian (2010), Bulgarian (2009) and Serbian/Macedonian national schemes; German (Duden: Ш SCH, Ж SCH,
 * Ч TSCH, В W, З S, Й/Е/Ю/Я J-), French (Ш CH, Ж J, Ч TCH, У OU, Щ CHTCH) and Polish (SZ, CZ, SZCZ)
 * renderings; for Arabic, ICAO's MRZ and visual-zone forms, UN/BGN, English, French and Maghreb
 * practice (ش CH, ج DJ, و OU, ة A/E/ET), Gulf and Egyptian (ق G, ج G) and the Arabic spelling of foreign
 * sounds (ب for P, ف for V, غ for G); for Greek, ELOT 743 and the older phonetic practice.
 */

/** A native letter (or letter group) and its Latin spellings; `''` means "may be left out". */
export interface Unit {
  readonly native: string;
  readonly latin: readonly string[];
  /** May be written doubled in Latin (Arabic shadda is not always written, and sometimes is). */
  readonly geminate?: boolean;
  /** Only at the start of a word. */
  readonly initialOnly?: boolean;
  /** Only at the end of a word. */
  readonly finalOnly?: boolean;
  /** May be absent from one spelling and present in the other (the word-initial Arabic article). */
  readonly elidable?: boolean;
  /** An unwritten short vowel: present in Latin, absent from the native spelling. */
  readonly unwritten?: boolean;
}

/** One family of schemes: the native script and the units that spell it. */
export interface SchemeFamily {
  readonly name: string;
  readonly script: 'Cyrillic' | 'Arabic' | 'Greek';
  readonly units: readonly Unit[];
}

function units(spec: string, extra: Partial<Unit> = {}): Unit[] {
  return spec
    .trim()
    .split('\n')
    .map((line) => {
      const [native = '', latin = ''] = line.trim().split(/\s*:\s*/);
      return { native, latin: latin.split(/\s+/).map((l) => (l === '-' ? '' : l)), ...extra };
    });
}

export const CYRILLIC_FAMILY: SchemeFamily = {
  name: 'Cyrillic',
  script: 'Cyrillic',
  units: units(`
    а: A
    б: B
    в: V W FF
    г: G H GH GU
    д: D
    е: E YE JE IE
    ё: E YO JO IO O YE
    ж: ZH J SCH Z
    з: Z S
    и: I Y
    й: I Y J
    ий: IY II IJ I Y YI YY
    ый: Y YY YI YJ IJ I IY
    к: K C
    кс: X KS
    л: L
    м: M
    н: N
    о: O
    п: P
    р: R
    с: S SS
    т: T
    у: U OU
    ф: F PH
    х: KH H CH
    ц: TS C Z TZ
    ч: CH TCH TSCH CZ C
    ш: SH CH SCH SZ S
    щ: SHCH SCHTSCH CHTCH SZCZ SHT SC SCH
    ъ: - IE A
    ъе: IEE YE JE IE E
    ы: Y I
    ь: - Y I
    э: E
    ю: IU YU JU IOU YOU JOU
    я: IA YA JA
    і: I
    ї: I YI JI
    є: IE YE JE E
    ґ: G
    ў: U W
    ђ: D DJ
    ѓ: G GJ
    ѕ: DZ
    ј: J Y I
    љ: LJ LY
    њ: NJ NY
    ћ: C CH
    ќ: K KJ
    џ: DZ DJ DZH
    дж: J DJ DZH DSCH
    ье: YE JE IE E
    ьи: YI JI I
    ья: YA JA IA
    ью: YU JU IU
    ьо: YO JO IO O
  `),
};

// ICAO's MRZ forms (XH, XKH ...) are listed so that an MRZ name can be matched against its common spelling.
const ARABIC_CONSONANTS = units(
  `
    ب: B P
    ت: T
    ث: TH S T XTH
    ج: J G DJ
    ح: H XH
    خ: KH CH H XKH
    د: D
    ذ: DH Z TH D XDH
    ر: R
    ز: Z
    س: S
    ش: SH CH SCH XSH
    ص: S XSS
    ض: D DH Z XDZ
    ط: T XTT
    ظ: Z DH XZZ
    غ: GH G
    ف: F V
    ق: Q K G
    ك: K C
    ل: L
    م: M
    ن: N
    ه: H
    پ: P
    چ: CH TCH TSCH XC
    ژ: ZH J XJ
    گ: G XGG
    ک: K C XKK
  `,
  { geminate: true },
);

const SUN_LETTERS = [...'تثدذرزسشصضطظلن'];

const ARABIC_OTHERS = units(`
    ا: A AA E
    أ: - XAE
    إ: I E
    آ: A AA XAA
    ء: - A E XE
    ؤ: U O W -
    ئ: I E Y - XI
    ع: - A E
    و: W U O OU OO V
    ي: Y I EE E IE II J
    ی: Y I EE E IE XYA
    ة: AT ET XTA
    ۀ: E EH A AH
    ال: AL EL UL IL OL L
    تش: CH TCH TSCH TSH
  `);

export const ARABIC_FAMILY: SchemeFamily = {
  name: 'Arabic',
  script: 'Arabic',
  units: [
    ...ARABIC_CONSONANTS,
    // Sun letters assimilate the article's L and are then doubled (ad-Din → ADDIN), which `geminate` covers.
    { native: 'و', latin: ['WW', 'UW', 'OW'] },
    { native: 'ي', latin: ['YY', 'IY', 'EY'] },
    ...ARABIC_OTHERS,
    // Names routinely drop the article (al-Qadhdhafi → GADDAFI), but only at the start of a word.
    { native: 'ال', latin: [''], initialOnly: true, elidable: true },
    // Alif maqsura and teh marbuta end a word, where they are written as a vowel (with or without H).
    ...units('ى: A Y I E XAY\nة: A AH E EH XAH', { finalOnly: true }),
    // The article assimilates to a following "sun letter", which is then doubled: ad-Din → ADDIN, UDDIN.
    ...SUN_LETTERS.flatMap((letter) => {
      const spellings = ARABIC_CONSONANTS.find((u) => u.native === letter)?.latin ?? [];
      return ['A', 'E', 'U', 'I'].map((vowel) => ({
        native: `ال${letter}`,
        latin: spellings.filter((sp) => !sp.startsWith('X')).map((sp) => vowel + sp + sp),
      }));
    }),
    // A word-initial bare alif only carries the (unwritten) first vowel: اسماعيل ISMAIL, ابراهيم IBRAHIM.
    { native: 'ا', latin: [''], initialOnly: true },
    // Short vowels are not written in Arabic script: fatha, kasra, damma and their usual spellings (E for
    // each, as Levantine and Maghrebi speech reduces them: YOUSSEF for Yusuf). A
    // hamza seat (أ) or ain (ع) is silent in most romanisations and the vowel after it is one of these.
    { native: 'َ', latin: ['A', 'E'], unwritten: true },
    { native: 'ِ', latin: ['I', 'E'], unwritten: true },
    { native: 'ُ', latin: ['U', 'O', 'OU', 'E'], unwritten: true },
  ],
};

export const GREEK_FAMILY: SchemeFamily = {
  name: 'Greek',
  script: 'Greek',
  units: units(`
    α: A
    αι: AI E
    αυ: AV AF AU
    β: V B
    γ: G Y GH J
    γι: GI Y YI J
    γγ: NG GG
    γκ: GK G NG
    γξ: NX
    γχ: NCH NKH NH
    δ: D DH
    ε: E
    ει: EI I
    ευ: EV EF EU
    ζ: Z
    η: I E
    ηυ: IV IF
    θ: TH
    ι: I Y J
    κ: K C
    λ: L
    μ: M
    μπ: MP B MB
    ν: N
    ντ: NT D ND
    ξ: X KS
    ο: O
    οι: OI I
    ου: OU U
    π: P
    ρ: R RH
    σ: S SS
    τ: T
    υ: Y I
    υι: YI I
    φ: F PH
    χ: CH H KH
    ψ: PS
    ω: O
  `),
};

/** The families tried when both spellings are Latin (no native script to say which applies). */
export const ALL_FAMILIES: readonly SchemeFamily[] = [CYRILLIC_FAMILY, ARABIC_FAMILY, GREEK_FAMILY];
