import { describe, expect, it } from 'vitest';
import { clusterRecords } from './cluster.ts';

describe('clusterRecords', () => {
  it('forms the connected components and names each person after its smallest record id', () => {
    const persons = clusterRecords(
      ['r5', 'r2', 'r9', 'r7'],
      [
        [0, 1],
        [1, 2],
      ],
    );
    expect(Object.fromEntries(persons)).toEqual({ r5: 'r2', r2: 'r2', r9: 'r2', r7: 'r7' });
  });

  it('gives the same ids for the same input in any pair order', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const one = clusterRecords(ids, [
      [0, 1],
      [3, 4],
    ]);
    const two = clusterRecords(ids, [
      [4, 3],
      [1, 0],
    ]);
    expect(two).toEqual(one);
  });

  it('keeps every existing id when a record that matches no one is added', () => {
    const before = clusterRecords(['m', 'n', 'o'], [[0, 1]]);
    const after = clusterRecords(['m', 'n', 'o', 'a'], [[0, 1]]);
    for (const [id, person] of before) {
      expect(after.get(id)).toBe(person);
    }
    expect(after.get('a')).toBe('a');
  });

  it('keeps the earlier person id when a new record with a smaller id joins a person', () => {
    const before = clusterRecords(['m', 'n'], [[0, 1]]);
    const after = clusterRecords(
      ['m', 'n', 'a'],
      [
        [0, 1],
        [2, 0],
      ],
      before,
    );
    expect(after.get('a')).toBe('m');
    expect(after.get('n')).toBe('m');
  });

  it('lets the larger part keep the id when a person splits, and the merged person the majority id', () => {
    const previous = new Map([
      ['a', 'a'],
      ['b', 'a'],
      ['c', 'a'],
      ['d', 'd'],
    ]);
    const split = clusterRecords(['a', 'b', 'c', 'd'], [[1, 2]], previous);
    expect(split.get('b')).toBe('a');
    expect(split.get('c')).toBe('a');
    expect(split.get('a')).not.toBe('a');
    expect(split.get('d')).toBe('d');
    const merged = clusterRecords(
      ['a', 'b', 'c', 'd'],
      [
        [0, 1],
        [1, 2],
        [2, 3],
      ],
      previous,
    );
    expect(new Set(merged.values())).toEqual(new Set(['a']));
  });
});
