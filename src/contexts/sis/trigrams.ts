/**
 * The trigram similarity of PostgreSQL's `pg_trgm` (`similarity(a, b)`), for the person search of the SIS read
 * model, which must answer as the table search does.
 *
 * pg_trgm splits the text into words (runs of letters and digits), lower-cases them, pads each with two
 * spaces in front and one behind, and takes the set of its three-character windows; the similarity of two
 * texts is the number of trigrams they share divided by the number in either (`count / (len1 + len2 -
 * count)`, in single precision). Letters and digits here are Unicode's, as on a server with a UTF-8 locale;
 * a server in the `C` locale treats every non-ASCII character as a separator. Interlink's normalised names
 * are Latin capitals after diacritics are folded, where the two agree; other scripts in a name differ only
 * in which candidates a non-Latin name finds by similarity (an exact name still finds itself).
 */

const WORD = /[\p{L}\p{N}]+/gu;

/** The distinct trigrams of a text, sorted (pg_trgm's `show_trgm` without the sorting by bytes). */
export function trigrams(text: string): string[] {
  const out = new Set<string>();
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const chars = [' ', ' ', ...match[0], ' '];
    for (let i = 0; i + 3 <= chars.length; i += 1) {
      out.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
    }
  }
  return [...out].sort();
}

/** Shared trigrams of two sorted, distinct lists. */
function shared(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n += 1;
      i += 1;
      j += 1;
    } else if (a[i]! < b[j]!) {
      i += 1;
    } else {
      j += 1;
    }
  }
  return n;
}

/** `similarity(a, b)` of pg_trgm over trigram lists from {@link trigrams} (0 when both are empty). */
export function similarityOf(a: readonly string[], b: readonly string[]): number {
  const n = shared(a, b);
  const union = a.length + b.length - n;
  // pg_trgm divides in single precision (float4).
  return union === 0 ? 0 : Math.fround(n / union);
}

/** `similarity(a, b) >= threshold` as PostgreSQL compares it (the numeric constant becomes a float4). */
export function similarAtLeast(a: readonly string[], b: readonly string[], threshold: number): boolean {
  return similarityOf(a, b) >= Math.fround(threshold);
}

/**
 * The fewest trigrams a text with `size` trigrams must share with another for a similarity of at least
 * `threshold`: `count / (size + other - count) >= t` with `other >= count` needs `count >= t * size`.
 */
export function minimumShared(size: number, threshold: number): number {
  // Rounded down a little: a bound one too low only reads one more posting list; one too high misses texts.
  return Math.max(1, Math.ceil(size * threshold - 1e-6));
}

/** An inverted index of texts by trigram, answering "which texts have a similarity of at least t with q". */
export class TrigramIndex<T> {
  readonly #byGram = new Map<string, Set<TrigramEntry<T>>>();

  add(entry: TrigramEntry<T>): void {
    for (const g of entry.grams) {
      let set = this.#byGram.get(g);
      if (set === undefined) {
        set = new Set();
        this.#byGram.set(g, set);
      }
      set.add(entry);
    }
  }

  delete(entry: TrigramEntry<T>): void {
    for (const g of entry.grams) {
      const set = this.#byGram.get(g);
      set?.delete(entry);
      if (set?.size === 0) {
        this.#byGram.delete(g);
      }
    }
  }

  /**
   * Every entry with `similarity(entry, query) >= threshold`. Prefix filtering: an entry that shares at
   * least `m` of the query's `n` trigrams holds one of any `n - m + 1` of them, so only the postings of the
   * query's rarest `n - m + 1` trigrams are read, and each candidate that `accept`s and has a length that can
   * reach the threshold is then checked exactly.
   */
  similar(
    queryGrams: readonly string[],
    threshold: number,
    accept: (value: T) => boolean = () => true,
  ): TrigramEntry<T>[] {
    const n = queryGrams.length;
    if (n === 0) {
      return [];
    }
    const postings = queryGrams.map((g) => this.#byGram.get(g) ?? EMPTY).sort((a, b) => a.size - b.size);
    const prefix = n - minimumShared(n, threshold) + 1;
    // Length filter: `count <= min(n, m)` gives `m >= t * n` and `m <= n / t` for a similarity of at least t.
    const shortest = n * threshold - 1e-6;
    const longest = n / threshold + 1e-6;
    const seen = new Set<TrigramEntry<T>>();
    const out: TrigramEntry<T>[] = [];
    for (const set of postings.slice(0, prefix)) {
      for (const entry of set as Set<TrigramEntry<T>>) {
        if (seen.has(entry)) {
          continue;
        }
        seen.add(entry);
        const m = entry.grams.length;
        if (
          m >= shortest &&
          m <= longest &&
          accept(entry.value) &&
          similarAtLeast(queryGrams, entry.grams, threshold)
        ) {
          out.push(entry);
        }
      }
    }
    return out;
  }
}

export interface TrigramEntry<T> {
  /** From {@link trigrams}. */
  readonly grams: readonly string[];
  readonly value: T;
}

const EMPTY: ReadonlySet<never> = new Set();
