/** Sort order of a list: a column the server can sort by and a direction. */
export interface TableSort {
  column: string;
  direction: 'asc' | 'desc';
}

/** What a list's URL holds: its filters, the sort and the page (1-based). */
export interface TableQuery<F extends string = string> {
  filters: Readonly<Record<F, string | null>>;
  sort: TableSort;
  page: number;
}

/** The shape of a list's URL state: its filter names, the columns it sorts by and its default order. */
export interface TableQuerySpec<F extends string = string> {
  filters: readonly F[];
  sortable: readonly string[];
  defaultSort: TableSort;
}

/** Parameter names the table itself uses; filters must not take them. */
export const RESERVED_PARAMS = ['sort', 'order', 'page'] as const;

/** Highest page number the URL may ask for (servers refuse deeper offsets anyway). */
const MAX_PAGE = 10_000;

/**
 * Reads a list's state from URL parameters. Anything the list does not know (a column it cannot sort by, a
 * page that is not a positive number) falls back to the default: a hand-edited link shows the list, never an
 * error.
 */
export function parseTableQuery<F extends string>(
  params: URLSearchParams,
  spec: TableQuerySpec<F>,
): TableQuery<F> {
  const filters = Object.fromEntries(
    spec.filters.map((name) => {
      const value = params.get(name);
      return [name, value === null || value === '' ? null : value];
    }),
  ) as Record<F, string | null>;
  const column = params.get('sort');
  const order = params.get('order');
  const sort: TableSort =
    column !== null && spec.sortable.includes(column)
      ? { column, direction: order === 'asc' || order === 'desc' ? order : spec.defaultSort.direction }
      : spec.defaultSort;
  const page = Number(params.get('page') ?? '1');
  return { filters, sort, page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1 };
}

/**
 * Writes a list's state as URL parameters, leaving out empty filters and defaults so links stay short.
 * Parameters that are not the list's (another component's) are kept.
 */
export function tableQueryParams<F extends string>(
  query: TableQuery<F>,
  spec: TableQuerySpec<F>,
  base: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const name of [...spec.filters, ...RESERVED_PARAMS]) {
    params.delete(name);
  }
  for (const name of spec.filters) {
    const value = query.filters[name];
    if (value !== null && value !== '') {
      params.set(name, value);
    }
  }
  const isDefault =
    query.sort.column === spec.defaultSort.column && query.sort.direction === spec.defaultSort.direction;
  if (!isDefault) {
    params.set('sort', query.sort.column);
    params.set('order', query.sort.direction);
  }
  if (query.page > 1) {
    params.set('page', String(query.page));
  }
  return params;
}
