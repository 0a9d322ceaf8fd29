import damerauLevenshtein from 'talisman/metrics/damerau-levenshtein.js';
import { OCR_CONFUSIONS } from '../mrz/lookalikes.ts';
import type { Comparison } from './levels.ts';

/** Upper case with spaces, hyphens, slashes, dots and MRZ filler `<` removed. */
export function harmoniseDocumentNumber(value: string): string {
  return value.toUpperCase().replace(/[\s\-/.<]/gu, '');
}

/** The document number with every OCR-confusable letter replaced by its digit. */
export function foldOcrConfusions(value: string): string {
  return [...harmoniseDocumentNumber(value)].map((c) => OCR_CONFUSIONS[c] ?? c).join('');
}

/**
 * Compares document numbers: `exact` when identical after removing separators, `equivalent` when they
 * differ only by OCR look-alikes (O/0, I/1, B/8, S/5, Z/2, G/6), `close` when one more edit remains after
 * that, otherwise `different`.
 *
 * @example compareDocumentNumbers('L898902C3', 'L8989O2C3').level // 'equivalent'
 */
export function compareDocumentNumbers(a: string | undefined, b: string | undefined): Comparison {
  const ha = harmoniseDocumentNumber(a ?? '');
  const hb = harmoniseDocumentNumber(b ?? '');
  if (ha === '' || hb === '') {
    return { level: 'missing', explanation: 'a document number is missing on one side or both' };
  }
  if (ha === hb) {
    return { level: 'exact', explanation: 'identical document numbers' };
  }
  const fa = foldOcrConfusions(ha);
  const fb = foldOcrConfusions(hb);
  if (fa === fb) {
    const positions = [...ha].flatMap((c, i) => (c === hb[i] ? [] : [`${c}/${hb[i] ?? ''}`]));
    return { level: 'equivalent', explanation: `equal up to OCR look-alikes ${positions.join(', ')}` };
  }
  const [x, y] = fa <= fb ? [fa, fb] : [fb, fa];
  if (damerauLevenshtein(x, y) === 1) {
    return { level: 'close', explanation: 'one edit apart once OCR look-alikes are folded' };
  }
  return { level: 'different', explanation: 'different document numbers' };
}
