import { invalid } from '../../../platform/errors.ts';
import { ReferenceErrorCode } from '../errors.ts';
import { localDateInZone } from '../local-date.ts';
import { borderCrossingPoints } from './data.ts';
import type { BorderCrossingPoint } from './types.ts';

export type { BcpKind, BorderCrossingPoint } from './types.ts';
export { borderCrossingPoints } from './data.ts';
export { bcpPositions, locodePositions, type BcpPosition } from './positions.ts';

const byId = new Map<string, BorderCrossingPoint>(borderCrossingPoints.map((b) => [b.id, b]));

/**
 * The border crossing point with this id (e.g. `FR-CDG`, `FI-VAALIMAA`), or undefined. Ids are matched
 * exactly: they are stable keys stored with every entry, exit and refusal record.
 */
export function lookupBcp(id: string): BorderCrossingPoint | undefined {
  return byId.get(id);
}

/**
 * The border crossing point with this id.
 *
 * @throws AppError `REFERENCE_UNKNOWN_BCP` (Invalid) for an id that is not in the reference list.
 */
export function getBcp(id: string): BorderCrossingPoint {
  const found = byId.get(id);
  if (found === undefined) {
    throw invalid(
      ReferenceErrorCode.unknownBcp,
      `"${id}" is not a known border crossing point id; use an id from the reference list, such as FR-CDG or FI-VAALIMAA.`,
      { bcpId: id },
    );
  }
  return found;
}

/**
 * The calendar date ('YYYY-MM-DD') of an instant at the BCP's local time. This is the date an entry or
 * exit at that BCP counts as for the 90/180-day rule.
 *
 * @throws AppError `REFERENCE_UNKNOWN_BCP` or `REFERENCE_INVALID_INSTANT` (Invalid).
 * @example localDateAt('FI-HEL', new Date('2026-03-28T23:30:00Z')) // '2026-03-29'
 * @example localDateAt('ES-TFS', new Date('2026-03-28T23:30:00Z')) // '2026-03-28'
 */
export function localDateAt(bcpId: string, instant: Date): string {
  return localDateInZone(getBcp(bcpId).timeZone, instant);
}
