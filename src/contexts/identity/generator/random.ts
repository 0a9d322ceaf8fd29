/**
 * The seeded pseudo-random generator that every choice of the identity generator draws from. One stream is
 * passed along, so the same seed and count always give the same records, byte for byte, on every platform.
 *
 * The generator is SFC32 (Chris Doty-Humphrey's "small fast chaotic" generator, 128-bit state, period at
 * least 2^32 and in practice about 2^127); the seed text is spread into its state with the cyrb128 string
 * hash. Both use only 32-bit integer arithmetic (`Math.imul`, `>>>`), which JavaScript defines exactly.
 */
export class SeededRandom {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** A stream for the seed; numbers and their decimal text give the same stream. */
  constructor(seed: string | number) {
    const [a, b, c, d] = cyrb128(String(seed));
    this.#a = a;
    this.#b = b;
    this.#c = c;
    this.#d = d;
    // Discard the first outputs: SFC32 mixes a fresh state within a few rounds.
    for (let i = 0; i < 12; i += 1) {
      this.nextUint32();
    }
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) {
      throw new RangeError('pick() needs a non-empty array');
    }
    return item;
  }
}

/** Draws from a fixed set of items with fixed weights in O(log n) per draw. */
export class WeightedPicker<T> {
  readonly #items: readonly T[];
  readonly #cumulative: number[] = [];
  readonly #total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    let total = 0;
    for (const [, weight] of entries) {
      total += weight;
      this.#cumulative.push(total);
    }
    if (entries.length === 0 || total <= 0) {
      throw new RangeError('WeightedPicker needs at least one entry with a positive weight');
    }
    this.#items = entries.map(([item]) => item);
    this.#total = total;
  }

  pick(random: SeededRandom): T {
    const target = random.next() * this.#total;
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#cumulative[mid] ?? 0) > target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return this.#items[lo] as T;
  }
}

/** cyrb128 (bryc, public domain): a fast 128-bit string hash used to seed the generator. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i += 1) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
