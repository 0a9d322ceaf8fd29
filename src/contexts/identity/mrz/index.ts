/**
 * Machine-readable zones of travel documents (ICAO Doc 9303): parse and validate TD1, TD2, TD3, MRV-A and
 * MRV-B, repair OCR look-alikes with the check digits, and generate an MRZ from document data.
 */
export { parseMrz } from './parse.ts';
export { repairMrz } from './repair.ts';
export { OCR_CONFUSIONS, OCR_LOOKALIKE_PAIRS, OCR_LOOKALIKES } from './lookalikes.ts';
export type { MrzCorrection, MrzRepairOptions, MrzRepairResult, MrzRepairStatus } from './repair.ts';
export { generateMrz, generateMrzOrThrow } from './generate.ts';
export type { MrzDocumentData, MrzGenerateError, MrzGenerateResult } from './generate.ts';
export { computeCheckDigit } from './check-digit.ts';
export { MRZ_PROFILES, ALL_MRZ_PROFILES } from './profiles.ts';
export type { MrzProfile } from './profiles.ts';
export { MRZ_ERRORS } from './errors.ts';
export type {
  MrzDeviation,
  MrzFieldDetail,
  MrzFieldName,
  MrzFormat,
  MrzIssue,
  MrzParseOptions,
  MrzParseResult,
  MrzProfileId,
} from './types.ts';
