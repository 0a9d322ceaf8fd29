/**
 * The OCR-B look-alikes of machine-readable zones (ICAO Doc 9303 prints MRZs in OCR-B): the letter and digit
 * pairs that optical character recognition confuses, O/0, I/1, S/5, B/8, Z/2, G/6. The one table behind MRZ
 * repair, document-number comparison, SIS identifier folding (plate readers add their own look-alikes to it)
 * and the identity generator's OCR noise.
 */
export const OCR_LOOKALIKE_PAIRS: readonly (readonly [letter: string, digit: string])[] = Object.freeze([
  ['O', '0'],
  ['I', '1'],
  ['S', '5'],
  ['B', '8'],
  ['Z', '2'],
  ['G', '6'],
] as const);

/** Each look-alike letter mapped to the digit it is taken for: folds two readings onto one key. */
export const OCR_CONFUSIONS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(OCR_LOOKALIKE_PAIRS),
);

/** Each look-alike character mapped to the one it is mistaken for, both ways (O → 0 and 0 → O). */
export const OCR_LOOKALIKES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    OCR_LOOKALIKE_PAIRS.flatMap(([letter, digit]) => [
      [letter, digit],
      [digit, letter],
    ]),
  ),
);
