import { useCallback, useMemo } from 'react';

import { setHashQuery, useHashQuery } from './hashQuery.ts';
import {
  parseTableQuery,
  tableQueryParams,
  type TableQuery,
  type TableQuerySpec,
  type TableSort,
} from './tableQuery.ts';

export interface TableState<F extends string> extends TableQuery<F> {
  /** Sets some filters; the list goes back to its first page. */
  setFilters: (patch: Partial<Record<F, string | null>>) => void;
  /** Sorts by another column or direction; the list goes back to its first page. */
  setSort: (sort: TableSort) => void;
  setPage: (page: number) => void;
}

/**
 * A list's filters, sort and page, kept in the URL fragment's query (`#/audit?operation=…&sort=time&order=asc`)
 * so a filtered list can be linked, reloaded and gone back in. `spec` should be a constant (module level).
 *
 * @example
 * const SPEC = { filters: ['user', 'system'], sortable: ['time'], defaultSort: { column: 'time', direction: 'desc' } } as const;
 * const table = useTableState(SPEC);
 * // table.filters.user, table.sort, table.page; table.setFilters({ user: 'anna' })
 */
export function useTableState<F extends string>(spec: TableQuerySpec<F>): TableState<F> {
  const params = useHashQuery();
  const key = params.toString();
  // Parsed again only when the URL changes, so the values are stable between renders.
  const query = useMemo(() => parseTableQuery(new URLSearchParams(key), spec), [key, spec]);

  const write = useCallback(
    (next: TableQuery<F>) => setHashQuery(tableQueryParams(next, spec, new URLSearchParams(key))),
    [key, spec],
  );
  const setFilters = useCallback(
    (patch: Partial<Record<F, string | null>>) =>
      write({ ...query, filters: { ...query.filters, ...patch }, page: 1 }),
    [query, write],
  );
  const setSort = useCallback((sort: TableSort) => write({ ...query, sort, page: 1 }), [query, write]);
  const setPage = useCallback((page: number) => write({ ...query, page }), [query, write]);

  return { ...query, setFilters, setSort, setPage };
}
