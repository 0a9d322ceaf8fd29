import { Type } from 'typebox';
import { sortValues } from '../platform/sorting.ts';

/** Rows a list skips before its page; a bound keeps a client from asking the database to walk millions. */
export const MAX_OFFSET = 100_000;

/**
 * The `sort` query parameter of a list: one of `fields`, ascending, or with a leading `-`, descending. Any
 * other value is refused with 400 REQUEST_INVALID before the service sees it.
 */
export function SortParam<const F extends string>(fields: readonly F[], defaultOrder: string) {
  return Type.Optional(
    Type.Enum(sortValues(fields), {
      description: `Sort order: a field for ascending, \`-field\` for descending (ties broken by id); default \`${defaultOrder}\``,
    }),
  );
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
