import { invalid } from '../../platform/errors.ts';

/** Stable error codes of the matching context. */
export const MATCHING_ERRORS = Object.freeze({
  badConfig: 'MATCHING_BAD_CONFIG',
  missingColumn: 'MATCHING_MISSING_COLUMN',
  duplicateId: 'MATCHING_DUPLICATE_ID',
  emptyInput: 'MATCHING_EMPTY_INPUT',
  badCsv: 'MATCHING_BAD_CSV',
});

/** A configuration that does not describe a usable model. */
export const badConfig = (message: string, details?: Record<string, unknown>) =>
  invalid(MATCHING_ERRORS.badConfig, message, details);

/** An input table that lacks a column the configuration uses. */
export const missingColumn = (message: string, details?: Record<string, unknown>) =>
  invalid(MATCHING_ERRORS.missingColumn, message, details);
