import { describe, expect, it } from 'vitest';
import { direction, parseSort, sortValues } from './sorting.ts';

describe('sorting', () => {
  describe('sortValues', () => {
    it('offers each field ascending and, with a leading minus, descending', () => {
      expect(sortValues(['a', 'b'])).toEqual(['a', '-a', 'b', '-b']);
    });
  });

  describe('parseSort', () => {
    const fallback = { field: 'due', descending: false } as const;

    it('reads a field and its direction', () => {
      expect(parseSort('-created', ['due', 'created'], fallback)).toEqual({
        field: 'created',
        descending: true,
      });
      expect(parseSort('created', ['due', 'created'], fallback)).toEqual({
        field: 'created',
        descending: false,
      });
    });

    it('falls back to the default order when none or an unknown field is named', () => {
      expect(parseSort(undefined, ['due'], fallback)).toBe(fallback);
      expect(parseSort('-other', ['due'], fallback)).toBe(fallback);
    });
  });

  describe('direction', () => {
    it('maps the order to the SQL keyword', () => {
      expect(direction({ field: 'x', descending: true })).toBe('desc');
      expect(direction({ field: 'x', descending: false })).toBe('asc');
    });
  });
});
