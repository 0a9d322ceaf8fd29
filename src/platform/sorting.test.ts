import { describe, expect, it } from 'vitest';
import { direction, parseSort } from './sorting.ts';

describe('sorting', () => {
  describe('parseSort', () => {
    const fields = ['due', 'created'] as const;
    const fallback = { field: 'due', descending: true } as const;

    it('reads a field and its direction, ascending unless `desc` is asked for', () => {
      expect(parseSort('created', 'desc', fields, fallback)).toEqual({ field: 'created', descending: true });
      expect(parseSort('created', 'asc', fields, fallback)).toEqual({ field: 'created', descending: false });
      expect(parseSort('created', undefined, fields, fallback)).toEqual({
        field: 'created',
        descending: false,
      });
    });

    it("keeps the list's default order when no field is named", () => {
      expect(parseSort(undefined, undefined, fields, fallback)).toBe(fallback);
      expect(parseSort('other', undefined, fields, fallback)).toBe(fallback);
      expect(parseSort(undefined, 'asc', fields, fallback)).toEqual({ field: 'due', descending: false });
    });
  });

  describe('direction', () => {
    it('maps the order to the SQL keyword', () => {
      expect(direction({ field: 'x', descending: true })).toBe('desc');
      expect(direction({ field: 'x', descending: false })).toBe('asc');
    });
  });
});
