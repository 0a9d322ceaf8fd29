/**
 * The sort order of a list as a client asks for it: `sort` names a field from a closed list per list (the
 * route's schema refuses any other value with 400 REQUEST_INVALID) and `order` is `asc` or `desc`, as on every
 * sorted list of the API. Repositories turn the field into a column and always add the row id in the same
 * direction, so that pages never skip or repeat a row whose sort value ties with another.
 */
export interface SortOrder<F extends string> {
  field: F;
  descending: boolean;
}

/**
 * The order named by `sort` and `order` (already checked by the route's schema). Without either, the list's
 * `fallback`; a field without `order` is ascending; an `order` without a field turns the default field.
 *
 * @example parseSort('createdAt', 'desc', ['createdAt', 'replyDueAt'], { field: 'replyDueAt', descending: false })
 *   // → { field: 'createdAt', descending: true }
 */
export function parseSort<F extends string>(
  sort: string | undefined,
  order: 'asc' | 'desc' | undefined,
  fields: readonly F[],
  fallback: SortOrder<F>,
): SortOrder<F> {
  const field = sort === undefined ? undefined : fields.find((f) => f === sort);
  if (field === undefined) {
    return order === undefined ? fallback : { field: fallback.field, descending: order === 'desc' };
  }
  return { field, descending: order === 'desc' };
}

/** `asc` or `desc` for Kysely's `orderBy`. */
export function direction(order: SortOrder<string>): 'asc' | 'desc' {
  return order.descending ? 'desc' : 'asc';
}
