import { alignLatinNative, alignLatinPair, type AlignmentStep } from './align.ts';
import { memoByStrings } from '../../../platform/memo.ts';
import { latinToMrz } from './latin.ts';
import { ALL_FAMILIES, ARABIC_FAMILY, CYRILLIC_FAMILY, GREEK_FAMILY, type SchemeFamily } from './schemes.ts';
import { transliterateToMrz } from './to-mrz.ts';

/** Result of {@link transliterationEquivalent}. */
export interface TransliterationEquivalence {
  /** True when one native spelling explains both names under the known schemes. */
  equivalent: boolean;
  /** Why, for logs and for the person verifying a link: the native spelling and the letter correspondences. */
  explanation: string;
}

/** Scripts with letter-correspondence tables (schemes.ts): compared letter by letter. */
type TabledScript = 'Cyrillic' | 'Arabic' | 'Greek';
/**
 * Scripts without such tables: the native name is romanised by transliterateToMrz (its MRZ form and the
 * alternatives of the other schemes) and compared as Latin.
 */
type RomanisedScript = 'Hebrew' | 'Han' | 'Hangul' | 'Georgian' | 'Armenian';
type NativeScript = TabledScript | RomanisedScript;

const NATIVE_SCRIPTS: readonly NativeScript[] = [
  'Cyrillic',
  'Arabic',
  'Greek',
  'Hebrew',
  'Han',
  'Hangul',
  'Georgian',
  'Armenian',
];

const isTabled = (script: NativeScript): script is TabledScript =>
  script === 'Cyrillic' || script === 'Arabic' || script === 'Greek';

const FAMILY_OF: Readonly<Record<TabledScript, SchemeFamily>> = {
  Cyrillic: CYRILLIC_FAMILY,
  Arabic: ARABIC_FAMILY,
  Greek: GREEK_FAMILY,
};

// Arabic marks that carry no letter: shadda, sukun, tanwin, superscript alef, Quranic marks, tatweel.
const ARABIC_SILENT_MARKS = /[\u0610-\u061A\u064B-\u064D\u0651-\u065F\u0670\u06D6-\u06ED\u0640]/gu;

const SCRIPT_PATTERNS: readonly (readonly [NativeScript, RegExp])[] = NATIVE_SCRIPTS.map((script) => [
  script,
  new RegExp(`\\p{Script=${script}}`, 'u'),
]);

function nativeScriptOf(text: string): NativeScript | undefined {
  const counts: Record<NativeScript, number> = {
    Cyrillic: 0,
    Arabic: 0,
    Greek: 0,
    Hebrew: 0,
    Han: 0,
    Hangul: 0,
    Georgian: 0,
    Armenian: 0,
  };
  let latin = 0;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) {
      continue;
    }
    const native = SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(ch));
    if (native !== undefined) {
      counts[native[0]] += 1;
    } else if (/\p{Script=Latin}/u.test(ch)) {
      latin += 1;
    }
  }
  let best: NativeScript | undefined;
  let bestCount = latin;
  for (const script of NATIVE_SCRIPTS) {
    if (counts[script] > bestCount) {
      best = script;
      bestCount = counts[script];
    }
  }
  return best;
}

/**
 * Latin spellings of a Latin name, letters only: the ICAO Table A primary form (Ä → AE) and, where the
 * table documents one, the short alternative (Ä → A). Word separators are removed: they carry no letters.
 */
function latinForms(text: string): string[] {
  const upper = text.normalize('NFKC').toUpperCase();
  const forms = new Set<string>();
  for (const choice of ['primary', 'short'] as const) {
    let out = '';
    for (const ch of upper) {
      out += latinToMrz(ch, choice);
    }
    forms.add(out);
  }
  return [...forms].filter((f) => f !== '');
}

interface NativeForm {
  readonly text: string;
  readonly wordStarts: ReadonlySet<number>;
}

/** Native text as the scheme units spell it: lower case, without accents or silent marks, words joined. */
function nativeForm(text: string, script: NativeScript): NativeForm {
  let normalised = text.normalize('NFKC').toLowerCase();
  if (script === 'Greek') {
    normalised = normalised.normalize('NFD').replace(/\p{M}/gu, '').replace(/ς/g, 'σ');
  } else if (script === 'Arabic') {
    normalised = normalised.replace(ARABIC_SILENT_MARKS, '');
  }
  const wordStarts = new Set<number>();
  let out = '';
  let atStart = true;
  for (const ch of normalised) {
    const isLetter = /\p{L}|\p{M}/u.test(ch);
    if (!isLetter) {
      atStart = true;
      continue;
    }
    if (atStart) {
      wordStarts.add(out.length);
      atStart = false;
    }
    out += ch;
  }
  return { text: out, wordStarts };
}

const ARABIC_MRZ_CODES: readonly (readonly [string, string])[] = [
  ['XKH', 'خ'],
  ['XTH', 'ث'],
  ['XDH', 'ذ'],
  ['XSH', 'ش'],
  ['XSS', 'ص'],
  ['XDZ', 'ض'],
  ['XTT', 'ط'],
  ['XZZ', 'ظ'],
  ['XAA', 'آ'],
  ['XAE', 'أ'],
  ['XAY', 'ى'],
  ['XAH', 'ة'],
  ['XTA', 'ة'],
  ['XH', 'ح'],
  ['XE', 'ء'],
  ['XI', 'ئ'],
];
const ARABIC_MRZ_LETTERS: Readonly<Record<string, string>> = {
  A: 'ا',
  B: 'ب',
  T: 'ت',
  J: 'ج',
  D: 'د',
  R: 'ر',
  Z: 'ز',
  S: 'س',
  E: 'ع',
  G: 'غ',
  F: 'ف',
  Q: 'ق',
  K: 'ك',
  L: 'ل',
  M: 'م',
  N: 'ن',
  H: 'ه',
  W: 'و',
  Y: 'ي',
  U: 'ؤ',
  I: 'إ',
  P: 'پ',
};

/**
 * ICAO's Arabic MRZ form is reversible by design (ICAO 9303 Part 3 section 6.C): a Latin name that
 * contains its X codes (MXHMWD) is read back into Arabic letters, so it can be compared as Arabic.
 */
function arabicFromMrz(latin: string): string | undefined {
  if (!latin.includes('X')) {
    return undefined;
  }
  let out = '';
  let i = 0;
  while (i < latin.length) {
    const code = ARABIC_MRZ_CODES.find(([c]) => latin.startsWith(c, i));
    if (code !== undefined) {
      out += code[1];
      i += code[0].length;
      continue;
    }
    const letter = ARABIC_MRZ_LETTERS[latin[i] ?? ''];
    if (letter === undefined) {
      return undefined;
    }
    out += letter;
    i += 1;
  }
  return out;
}

function describe(steps: readonly AlignmentStep[], mode: 'pair' | 'native'): string {
  return steps
    .map((s) => {
      const show = (x: string) => (x === '' ? '∅' : x);
      return mode === 'pair' ? `${s.native}=${show(s.left)}|${show(s.right)}` : `${s.native}=${show(s.left)}`;
    })
    .join(' ');
}

function compareLatinNative(
  latinText: string,
  native: string,
  script: NativeScript,
): TransliterationEquivalence {
  if (script !== 'Hebrew' && !isTabled(script)) {
    return compareRomanised(latinText, native, script);
  }
  if (script === 'Hebrew') {
    // No correspondence table for Hebrew: compare with the Hebrew romanisation as two Latin spellings.
    const { mrz, alternatives } = transliterateToMrz(native);
    for (const form of [mrz, ...alternatives]) {
      const result = compareLatinLatin(latinText, form);
      if (result.equivalent) {
        return {
          equivalent: true,
          explanation: `Hebrew '${native}' romanises as ${form}; ${result.explanation}`,
        };
      }
    }
    return {
      equivalent: false,
      explanation: `no known romanisation of the Hebrew '${native}' matches '${latinText}'`,
    };
  }
  const family = FAMILY_OF[script];
  const form = nativeForm(native, script);
  if (form.text === '') {
    return { equivalent: false, explanation: `'${native}' has no letters to compare` };
  }
  for (const latin of latinForms(latinText)) {
    const steps = alignLatinNative(latin, form.text, form.wordStarts, family);
    if (steps !== undefined) {
      return {
        equivalent: true,
        explanation: `${latin} is a romanisation of the ${script} '${form.text}': ${describe(steps, 'native')}`,
      };
    }
  }
  return {
    equivalent: false,
    explanation: `no ${script} romanisation scheme we know (ICAO 9303, BGN/PCGN, national, German, French, common) writes '${form.text}' as '${latinText}'`,
  };
}

const SCHEMES_OF: Readonly<Record<Exclude<RomanisedScript, 'Hebrew'>, string>> = {
  Han: 'Hanyu Pinyin (GB/T 28039-2011)',
  Hangul: 'Revised Romanization of Korean and the conventional surname spellings',
  Georgian: 'the Georgian national romanisation (2002)',
  Armenian: 'the common, BGN/PCGN, ISO 9985 and diaspora romanisations of Armenian',
};

/**
 * Chinese, Korean, Georgian and Armenian names: the Latin name must be one of the romanisations of the
 * native name letter for letter (word breaks aside). Unlike Hebrew, the Latin side is not also read
 * through the Cyrillic, Arabic and Greek tables: those would let ZANG (臧) pass for a romanisation of
 * 张 (ZHANG), because ж is written ZH and Z. Other romanisations (Wade–Giles CHANG, Cantonese CHEUNG,
 * McCune–Reischauer given names) are not known here.
 */
function compareRomanised(
  latinText: string,
  native: string,
  script: Exclude<RomanisedScript, 'Hebrew'>,
): TransliterationEquivalence {
  const { mrz, alternatives } = transliterateToMrz(native);
  const latin = latinForms(latinText);
  for (const form of [mrz, ...alternatives]) {
    const letters = form.replace(/</gu, '');
    if (letters !== '' && latin.includes(letters)) {
      return {
        equivalent: true,
        explanation: `${script} '${native}' romanises as ${form} under ${SCHEMES_OF[script]}`,
      };
    }
  }
  return {
    equivalent: false,
    explanation: `'${latinText}' is none of the romanisations of the ${script} '${native}' under ${SCHEMES_OF[script]} (${[mrz, ...alternatives].filter((f) => f !== '').join(', ') || 'none'})`,
  };
}

function compareLatinLatin(a: string, b: string): TransliterationEquivalence {
  const formsA = latinForms(a);
  const formsB = latinForms(b);
  if (formsA.length === 0 || formsB.length === 0) {
    return { equivalent: false, explanation: 'one of the names has no Latin letters' };
  }
  for (const fa of formsA) {
    if (formsB.includes(fa)) {
      return {
        equivalent: true,
        explanation: `both are ${fa} after ICAO 9303 Latin transliteration (Table A)`,
      };
    }
  }
  for (const [mrzSide, other] of [
    [formsA, formsB],
    [formsB, formsA],
  ] as const) {
    for (const f of mrzSide) {
      const arabic = arabicFromMrz(f);
      if (arabic !== undefined) {
        for (const o of other) {
          const steps = alignLatinNative(o, arabic, new Set([0]), ARABIC_FAMILY);
          if (steps !== undefined) {
            return {
              equivalent: true,
              explanation: `${f} is the ICAO MRZ form of the Arabic '${arabic}', which ${o} also renders: ${describe(steps, 'native')}`,
            };
          }
        }
      }
    }
  }
  for (const family of ALL_FAMILIES) {
    for (const fa of formsA) {
      for (const fb of formsB) {
        const steps = alignLatinPair(fa, fb, family);
        if (steps !== undefined) {
          const native = steps.map((s) => s.native).join('');
          return {
            equivalent: true,
            explanation: `${fa} and ${fb} can both render the ${family.name} '${native}': ${describe(steps, 'pair')}`,
          };
        }
      }
    }
  }
  return {
    equivalent: false,
    explanation: `no Cyrillic, Arabic or Greek spelling is rendered as both ${formsA[0] ?? ''} and ${formsB[0] ?? ''} by the schemes we know`,
  };
}

/**
 * Tells whether two spellings of a name can be transliterations of the same native name under the
 * common schemes: ICAO 9303 Part 3, BGN/PCGN, national passport schemes, German and French renderings of
 * Cyrillic, and the usual romanisations of Arabic and Greek (see `schemes.ts`). Either side may be in its
 * native script; Hebrew, Chinese (Han), Korean (Hangul), Georgian and Armenian names are compared through
 * their romanisations by {@link transliterateToMrz}. This is the closed, table-based test of MID "known transliteration" (Annex II 3.1(a)),
 * not a phonetic similarity: `YURIY`/`IURII`/`JURIJ`/`JOURI` and `MOHAMMED`/`MUHAMMAD` are equivalent,
 * `IVANOV`/`IVANOVA` are not.
 *
 * @example
 * transliterationEquivalent('YURIY', 'IURII').equivalent // true
 * transliterationEquivalent('Юрий', 'JOURI').equivalent // true
 * transliterationEquivalent('김민준', 'KIM MIN JUN').equivalent // true
 */
export function transliterationEquivalent(a: string, b: string): TransliterationEquivalence {
  return equivalenceOf(String(a), String(b));
}

/** The MID compares the same names again and again (a trigger's name with each candidate, and per rule). */
const equivalenceOf = memoByStrings(equivalenceNow);

function equivalenceNow(left: string, right: string): TransliterationEquivalence {
  const scriptA = nativeScriptOf(left);
  const scriptB = nativeScriptOf(right);
  if (scriptA === undefined && scriptB === undefined) {
    return compareLatinLatin(left, right);
  }
  if (scriptA === undefined && scriptB !== undefined) {
    return compareLatinNative(left, right, scriptB);
  }
  if (scriptB === undefined && scriptA !== undefined) {
    return compareLatinNative(right, left, scriptA);
  }
  // Both native: identical letters are trivially equivalent; otherwise romanise one side and compare.
  if (scriptA === scriptB && scriptA !== undefined && scriptA !== 'Hebrew') {
    if (nativeForm(left, scriptA).text === nativeForm(right, scriptA).text) {
      return { equivalent: true, explanation: `same ${scriptA} letters` };
    }
  }
  const { mrz, alternatives } = transliterateToMrz(left);
  for (const form of [mrz, ...alternatives]) {
    const result =
      scriptB === undefined ? compareLatinLatin(form, right) : compareLatinNative(form, right, scriptB);
    if (result.equivalent) {
      return { equivalent: true, explanation: `'${left}' romanises as ${form}; ${result.explanation}` };
    }
  }
  return { equivalent: false, explanation: `no romanisation of '${left}' is a romanisation of '${right}'` };
}
