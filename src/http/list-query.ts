import { Type } from 'typebox';

/** Rows a list skips before its page; a bound keeps a client from asking the database to walk millions. */
export const MAX_OFFSET = 100_000;

/**
 * The `sort` and `order` query parameters of a sorted list (the same pair on every list of the API): a field
 * from the list's closed list and a direction. Any other value is refused with 400 REQUEST_INVALID before the
 * service sees it.
 */
export function SortParams<const F extends string>(fields: readonly F[], defaultOrder: string) {
  return {
    sort: Type.Optional(
      Type.Enum(fields, { description: `Field to sort by (default: ${defaultOrder}); ties broken by id` }),
    ),
    order: Type.Optional(
      Type.Enum(['asc', 'desc'], {
        description: 'Sort direction: `asc` (the default with `sort`) or `desc`',
      }),
    ),
  };
}

/** The `offset` query parameter of a paged list. */
export const OffsetParam = Type.Optional(
  Type.Integer({ minimum: 0, maximum: MAX_OFFSET, description: 'Rows to skip before the page (paging)' }),
);

/** The `total` field of a paged list's reply. */
export const TotalField = Type.Integer({
  minimum: 0,
  description: 'How many rows match the filters in all (the page holds at most `limit`)',
});
