import { LRUCache } from 'lru-cache';

/**
 * A pure function of one string kept for the strings seen most recently: the name rules meet the same
 * names again and again (a trigger's name against each candidate, every candidate's name in each batch).
 * The results are shared, so they must not be changed by callers (objects are frozen).
 */
export function memoByString<T extends NonNullable<unknown>>(
  fn: (value: string) => T,
  max = 20_000,
): (value: string) => T {
  const cache = new LRUCache<string, T>({ max });
  return (value: string) => {
    let result = cache.get(value);
    if (result === undefined) {
      result = fn(value);
      if (typeof result === 'object') {
        Object.freeze(result);
      }
      cache.set(value, result);
    }
    return result;
  };
}

/** {@link memoByString} for a function of two strings (the key joins them with a character names never hold). */
export function memoByStrings<T extends NonNullable<unknown>>(
  fn: (a: string, b: string) => T,
  max = 50_000,
): (a: string, b: string) => T {
  const kept = memoByString((key: string) => {
    const at = key.indexOf('\u0000');
    return fn(key.slice(0, at), key.slice(at + 1));
  }, max);
  return (a: string, b: string) => (a.includes('\u0000') ? fn(a, b) : kept(`${a}\u0000${b}`));
}
