import { OCR_CONFUSIONS } from '../../identity/index.ts';

/**
 * Confusion folding for identifiers read by people, OCR engines and plate readers. Each confusable character
 * is replaced by one representative (a digit), so two readings that differ only by look-alikes share one
 * folded key. Folding is idempotent: a representative maps to itself.
 */

/**
 * Look-alikes of machine-readable documents: the identity context's OCR-B table, O/0, I/1, B/8, S/5, Z/2, G/6.
 */
export const DOCUMENT_CONFUSIONS: Readonly<Record<string, string>> = OCR_CONFUSIONS;

/**
 * Look-alikes of automatic number-plate readers: the document set plus Q and D read for O/0 and L read for
 * I/1 (plate fonts and dirt make these common; ISO 3779 leaves I, O and Q out of VINs for the same reason).
 */
export const PLATE_CONFUSIONS: Readonly<Record<string, string>> = Object.freeze({
  ...DOCUMENT_CONFUSIONS,
  Q: '0',
  D: '0',
  L: '1',
});

/** Upper case, Latin diacritics removed (Ö → O), every character that is not a letter or digit dropped. */
export function compactIdentifier(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/gu, '');
}

/**
 * The folded key of an identifier: compacted, then every look-alike replaced by its representative.
 *
 * @example foldConfusions('AB-123-CD', PLATE_CONFUSIONS) // '08123C0'
 */
export function foldConfusions(value: string, confusions: Readonly<Record<string, string>>): string {
  let out = '';
  for (const c of compactIdentifier(value)) {
    out += confusions[c] ?? c;
  }
  return out;
}

/** One position where two compacted identifiers differ by a look-alike, e.g. `{ position: 3, from: 'O', to: '0' }`. */
export interface Confusion {
  /** Zero-based position in the compacted identifier. */
  position: number;
  /** Character in the stored identifier. */
  stored: string;
  /** Character that was read or searched. */
  read: string;
}

/**
 * The look-alike substitutions between a stored and a read identifier whose folded keys are equal (both
 * compacted, same length). Empty when they are identical.
 */
export function confusionsBetween(stored: string, read: string): Confusion[] {
  const out: Confusion[] = [];
  const n = Math.min(stored.length, read.length);
  for (let i = 0; i < n; i += 1) {
    const s = stored[i] ?? '';
    const r = read[i] ?? '';
    if (s !== r) {
      out.push({ position: i, stored: s, read: r });
    }
  }
  return out;
}

/** `O/0 at 3, I/1 at 5`: the confusions in words, for explanations. */
export function describeConfusions(list: readonly Confusion[]): string {
  return list.map((c) => `${c.stored}/${c.read} at position ${c.position + 1}`).join(', ');
}
