import { describe, expect, it } from 'vitest';
import { memoByString, memoByStrings } from './memo.ts';

describe('memoByString', () => {
  it('computes a string once while it is kept, and again once it has been pushed out', () => {
    const seen: string[] = [];
    const upper = memoByString((v: string) => {
      seen.push(v);
      return v.toUpperCase();
    }, 2);
    expect([upper('a'), upper('a'), upper('b')]).toEqual(['A', 'A', 'B']);
    expect(seen).toEqual(['a', 'b']);
    upper('c'); // pushes out 'a', the least recently used
    expect(upper('a')).toBe('A');
    expect(seen).toEqual(['a', 'b', 'c', 'a']);
  });

  it('freezes the object results it shares between callers', () => {
    const box = memoByString((v: string) => ({ v }));
    const first = box('x');
    expect(box('x')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});

describe('memoByStrings', () => {
  it('keeps each ordered pair apart', () => {
    const calls: string[] = [];
    const join = memoByStrings((a: string, b: string) => {
      calls.push(`${a}|${b}`);
      return `${a}+${b}`;
    });
    expect(join('ab', 'c')).toBe('ab+c');
    expect(join('a', 'bc')).toBe('a+bc');
    expect(join('c', 'ab')).toBe('c+ab');
    expect(join('ab', 'c')).toBe('ab+c');
    expect(calls).toEqual(['ab|c', 'a|bc', 'c|ab']);
  });

  it('does not confuse pairs through the separator: a value holding it is computed every time', () => {
    const calls: string[] = [];
    const join = memoByStrings((a: string, b: string) => {
      calls.push(`${a}|${b}`);
      return [a, b].join('/');
    });
    expect(join('a\u0000b', 'c')).toBe('a\u0000b/c');
    expect(join('a', 'b\u0000c')).toBe('a/b\u0000c');
    expect(join('a\u0000b', 'c')).toBe('a\u0000b/c');
    expect(calls).toHaveLength(3);
  });
});
