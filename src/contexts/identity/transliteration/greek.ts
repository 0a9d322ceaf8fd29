/**
 * Greek → MRZ. ICAO Doc 9303 Part 3 has no Greek table; Greek passports use ELOT 743 (the Greek standard
 * equal to ISO 843, transcription type), which is what this module implements. `common` is the older,
 * looser practice found on earlier documents and in English (Χ → H, initial ΜΠ → B, ΝΤ → D, ΓΚ → G).
 */
export type GreekScheme = 'elot743' | 'common';

const SINGLE: Readonly<Record<string, string>> = Object.freeze({
  α: 'A',
  β: 'V',
  γ: 'G',
  δ: 'D',
  ε: 'E',
  ζ: 'Z',
  η: 'I',
  θ: 'TH',
  ι: 'I',
  κ: 'K',
  λ: 'L',
  μ: 'M',
  ν: 'N',
  ξ: 'X',
  ο: 'O',
  π: 'P',
  ρ: 'R',
  σ: 'S',
  ς: 'S',
  τ: 'T',
  υ: 'Y',
  φ: 'F',
  χ: 'CH',
  ψ: 'PS',
  ω: 'O',
  ϐ: 'V',
  ϑ: 'TH',
  ϕ: 'F',
  ϲ: 'S',
});

// Letters after which αυ/ευ/ηυ are pronounced (and written) AF/EF/IF rather than AV/EV/IV (ELOT 743).
const VOICELESS = new Set(['θ', 'κ', 'ξ', 'π', 'σ', 'ς', 'τ', 'φ', 'χ', 'ψ']);

/** One Greek word (any case, accents allowed) to MRZ letters. */
export function greekWordToMrz(word: string, scheme: GreekScheme): string {
  // Decompose to separate the accents; a diaeresis on ι/υ means the vowel is not part of a digraph.
  const decomposed = word.toLowerCase().normalize('NFD');
  const letters: string[] = [];
  const diaeresis: boolean[] = [];
  for (const ch of decomposed) {
    if (ch === '\u0308') {
      diaeresis[letters.length - 1] = true;
    } else if (!/\p{M}/u.test(ch)) {
      letters.push(ch);
      diaeresis.push(false);
    }
  }
  let out = '';
  let i = 0;
  while (i < letters.length) {
    const c = letters[i] ?? '';
    const n = letters[i + 1] ?? '';
    const after = letters[i + 2];
    const nextIsDigraphVowel = !(diaeresis[i + 1] ?? false);
    const initial = i === 0;
    const pair = c + n;
    if (nextIsDigraphVowel && (pair === 'αυ' || pair === 'ευ' || pair === 'ηυ')) {
      const voiceless = after === undefined || VOICELESS.has(after);
      out += (c === 'α' ? 'A' : c === 'ε' ? 'E' : 'I') + (voiceless ? 'F' : 'V');
      i += 2;
      continue;
    }
    if (nextIsDigraphVowel && pair === 'ου') {
      out += 'OU';
      i += 2;
      continue;
    }
    // ELOT 743 writes μπ, ντ, γκ letter by letter (MP, NT, GK); the looser practice follows pronunciation.
    if (scheme === 'common' && (pair === 'μπ' || pair === 'ντ' || pair === 'γκ')) {
      const sound = pair === 'μπ' ? ['B', 'MB'] : pair === 'ντ' ? ['D', 'ND'] : ['G', 'NG'];
      out += (initial ? sound[0] : sound[1]) ?? '';
      i += 2;
      continue;
    }
    if (pair === 'γγ' || pair === 'γξ' || pair === 'γχ') {
      out += 'N' + (n === 'γ' ? 'G' : n === 'ξ' ? 'X' : scheme === 'common' ? 'H' : 'CH');
      i += 2;
      continue;
    }
    if (c === 'χ' && scheme === 'common') {
      out += 'H';
    } else {
      out += SINGLE[c] ?? '';
    }
    i += 1;
  }
  return out;
}

/** True for a Greek letter (with or without accents). */
export function isGreekLetter(ch: string): boolean {
  return /\p{Script=Greek}/u.test(ch) && /\p{L}/u.test(ch);
}
