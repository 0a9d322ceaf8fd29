// Type declarations for the two talisman metrics the comparators use; the package ships no types.
declare module 'talisman/metrics/jaro-winkler.js' {
  /** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, boost threshold 0.7). */
  export default function jaroWinkler(a: string, b: string): number;
}

declare module 'talisman/metrics/damerau-levenshtein.js' {
  /** Optimal-string-alignment (restricted Damerau-Levenshtein) distance. */
  export default function damerauLevenshtein(a: string, b: string): number;
}
