/**
 * The sort order of a list as a client asks for it: `field` for ascending, `-field` for descending, from a
 * closed list of fields per list (the route's schema refuses any other value with 400 REQUEST_INVALID).
 * Repositories turn the field into a column and always add the row id in the same direction, so that pages
 * never skip or repeat a row whose sort value ties with another.
 */
export interface SortOrder<F extends string> {
  field: F;
  descending: boolean;
}

/** The values a sort parameter accepts for these fields: each field and each field with a leading `-`. */
export function sortValues<const F extends string>(fields: readonly F[]): Array<F | `-${F}`> {
  return fields.flatMap((f) => [f, `-${f}` as const]);
}

/**
 * The order named by `value` (already checked against {@link sortValues} by the route's schema), or
 * `fallback` when the client named none.
 *
 * @example parseSort('-createdAt', ['createdAt', 'replyDueAt'], { field: 'replyDueAt', descending: false })
 *   // → { field: 'createdAt', descending: true }
 */
export function parseSort<F extends string>(
  value: string | undefined,
  fields: readonly F[],
  fallback: SortOrder<F>,
): SortOrder<F> {
  if (value === undefined) {
    return fallback;
  }
  const descending = value.startsWith('-');
  const name = descending ? value.slice(1) : value;
  const field = fields.find((f) => f === name);
  return field === undefined ? fallback : { field, descending };
}

/** `asc` or `desc` for Kysely's `orderBy`. */
export function direction(order: SortOrder<string>): 'asc' | 'desc' {
  return order.descending ? 'desc' : 'asc';
}
