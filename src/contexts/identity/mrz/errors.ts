/** Stable error codes of the MRZ part of the identity context. */
export const MRZ_ERRORS = Object.freeze({
  /** The lines have none of the ICAO shapes (3×30, 2×36, 2×44). */
  badLength: 'IDENTITY_MRZ_BAD_LENGTH',
  /** The requested format is not one of TD1, TD2, TD3, MRVA, MRVB. */
  unknownFormat: 'IDENTITY_MRZ_UNKNOWN_FORMAT',
  /** A field of the document data is missing or malformed. */
  invalidField: 'IDENTITY_MRZ_INVALID_FIELD',
  /** A field does not fit its MRZ positions. */
  tooLong: 'IDENTITY_MRZ_TOO_LONG',
  /** A name holds letters outside A–Z that must be transliterated first (Doc 9303 Part 3, section 6). */
  untransliterated: 'IDENTITY_MRZ_UNTRANSLITERATED',
});
