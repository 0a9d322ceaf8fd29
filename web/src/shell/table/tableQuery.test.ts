import { describe, expect, it } from 'vitest';

import { hashPathOf, hashQueryOf } from './hashQuery.ts';
import { parseTableQuery, tableQueryParams, type TableQuerySpec } from './tableQuery.ts';

const SPEC: TableQuerySpec<'user' | 'system'> = {
  filters: ['user', 'system'],
  sortable: ['time', 'user'],
  defaultSort: { column: 'time', direction: 'desc' },
};

describe('parseTableQuery', () => {
  it('reads filters, sort and page', () => {
    const q = parseTableQuery(new URLSearchParams('user=anna&sort=user&order=asc&page=3'), SPEC);
    expect(q).toEqual({
      filters: { user: 'anna', system: null },
      sort: { column: 'user', direction: 'asc' },
      page: 3,
    });
  });

  it('falls back to the defaults for a column the list cannot sort by, a bad order or a bad page', () => {
    for (const query of ['sort=hash&order=asc', 'page=0', 'page=-1', 'page=1.5', 'page=x', 'page=99999999']) {
      const q = parseTableQuery(new URLSearchParams(query), SPEC);
      expect(q.sort).toEqual(SPEC.defaultSort);
      expect(q.page).toBe(1);
    }
    expect(parseTableQuery(new URLSearchParams('sort=user&order=up'), SPEC).sort).toEqual({
      column: 'user',
      direction: 'desc',
    });
  });

  it('treats an empty filter as no filter', () => {
    expect(parseTableQuery(new URLSearchParams('user='), SPEC).filters.user).toBeNull();
  });
});

describe('tableQueryParams', () => {
  it('leaves out empty filters and defaults, and keeps parameters that are not the list’s', () => {
    const params = tableQueryParams(
      { filters: { user: 'anna', system: null }, sort: SPEC.defaultSort, page: 1 },
      SPEC,
      new URLSearchParams('other=1&system=sis&page=4'),
    );
    expect(params.toString()).toBe('other=1&user=anna');
  });

  it('round-trips through the parser', () => {
    const query = {
      filters: { user: 'a&b=c', system: 'sis' },
      sort: { column: 'user', direction: 'asc' as const },
      page: 2,
    };
    expect(parseTableQuery(tableQueryParams(query, SPEC), SPEC)).toEqual(query);
  });
});

describe('the fragment', () => {
  it('splits into the route and the list query', () => {
    expect(hashPathOf('#/audit?user=anna')).toBe('/audit');
    expect(hashPathOf('#/sis/alerts/sis_1')).toBe('/sis/alerts/sis_1');
    expect(hashPathOf('')).toBe('/');
    expect(hashQueryOf('#/audit?user=anna&page=2')).toBe('user=anna&page=2');
    expect(hashQueryOf('#/audit')).toBe('');
  });
});
