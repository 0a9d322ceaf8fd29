/** Stable error codes of the shared biometric matching service, namespaced `SBMS_*`. */
export const SBMS_ERRORS = {
  /**
   * A template that cannot be read: not base64, not the configured number of float32 values, a value that is
   * not finite, a zero vector, an unknown modality or finger position. `details.problems[{ field, message }]`.
   */
  templateInvalid: 'SBMS_TEMPLATE_INVALID',
  /** A template below the minimum quality of art. 13(3): `details.problems` names it and the minimum. */
  qualityTooLow: 'SBMS_QUALITY_TOO_LOW',
  /** A record or template that the service does not hold. */
  recordNotFound: 'SBMS_RECORD_NOT_FOUND',
} as const;

export type SbmsErrorCode = (typeof SBMS_ERRORS)[keyof typeof SBMS_ERRORS];
