/**
 * Stable error codes of the Eurodac context, namespaced `EURODAC_*`. Bad templates answer with the matching
 * service's codes (`SBMS_TEMPLATE_INVALID`, `SBMS_QUALITY_TOO_LOW`).
 */
export const EURODAC_ERRORS = {
  /** A field of a dataset or request is not valid; `details.problems` lists each `{ field, message }`. */
  datasetInvalid: 'EURODAC_DATASET_INVALID',
  /** Art. 15(1) and parallel articles: biometric data are only taken from the age of six. */
  belowMinimumAge: 'EURODAC_BELOW_MINIMUM_AGE',
  /** An unknown dataset, or one of another member state (art. 40: the same answer, no enumeration). */
  datasetNotFound: 'EURODAC_DATASET_NOT_FOUND',
  /** An unknown hit, or one sent to another member state. */
  hitNotFound: 'EURODAC_HIT_NOT_FOUND',
  /** The hit was verified already. */
  hitAlreadyVerified: 'EURODAC_HIT_ALREADY_VERIFIED',
  /** Marking a dataset that is marked already, or that marking does not apply to (art. 31). */
  markingNotApplicable: 'EURODAC_MARKING_NOT_APPLICABLE',
  /** An unknown notice, or one addressed to another member state or about another dataset. */
  noticeNotFound: 'EURODAC_NOTICE_NOT_FOUND',
  /** A law-enforcement comparison without the conditions of art. 33; `details.missing` names them. */
  lawEnforcementConditions: 'EURODAC_LE_CONDITIONS_NOT_MET',
} as const;

export type EurodacErrorCode = (typeof EURODAC_ERRORS)[keyof typeof EURODAC_ERRORS];
