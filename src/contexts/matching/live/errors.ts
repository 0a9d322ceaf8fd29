import { invalid } from '../../../platform/errors.ts';

/** Stable error codes of the live identity index. */
export const IDENTITY_INDEX_ERRORS = Object.freeze({
  badIdentity: 'MATCHING_INDEX_BAD_IDENTITY',
  queryTooPartial: 'MATCHING_INDEX_QUERY_TOO_PARTIAL',
  noSystems: 'MATCHING_INDEX_NO_SYSTEMS',
  badLimit: 'MATCHING_INDEX_BAD_LIMIT',
});

/** An identity that cannot be indexed, with the fields at fault. */
export const badIdentity = (message: string, fields: readonly string[]) =>
  invalid(IDENTITY_INDEX_ERRORS.badIdentity, message, { fields });
