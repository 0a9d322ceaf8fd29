/**
 * Stable error codes of the reference context. Each is namespaced `REFERENCE_*` so it can be grepped from a
 * log line or an HTTP response back to the rule that raised it.
 */
export const ReferenceErrorCode = {
  /** A country code that is neither ISO 3166-1 alpha-3 nor an ICAO Doc 9303 Part 3 special code. */
  unknownCountryCode: 'REFERENCE_UNKNOWN_COUNTRY_CODE',
  /** A border crossing point id that is not in the reference list. */
  unknownBcp: 'REFERENCE_UNKNOWN_BCP',
  /** An instant that is not a valid date (e.g. `new Date('nonsense')`) or lies outside years 0001–9999. */
  invalidInstant: 'REFERENCE_INVALID_INSTANT',
} as const;

export type ReferenceErrorCode = (typeof ReferenceErrorCode)[keyof typeof ReferenceErrorCode];
