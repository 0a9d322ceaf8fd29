/**
 * Stable error codes of the SIS context, namespaced `SIS_*` so a log line or an HTTP answer can be grepped
 * back to the rule that raised it.
 */
export const SIS_ERRORS = {
  /** One or more fields of an alert are not valid; `details.issues` lists every one with its path. */
  alertInvalid: 'SIS_ALERT_INVALID',
  alertNotFound: 'SIS_ALERT_NOT_FOUND',
  /** A linked alert (art. 63) does not exist. */
  linkedAlertNotFound: 'SIS_LINKED_ALERT_NOT_FOUND',
  /** The alert was changed by someone else since it was read (optimistic concurrency). */
  alertVersionConflict: 'SIS_ALERT_VERSION_CONFLICT',
  /** Only the issuing member state may change or delete its alert (2018/1862 art. 59). */
  notIssuingState: 'SIS_NOT_ISSUING_STATE',
  /** A search without any usable criterion. */
  searchInvalid: 'SIS_SEARCH_INVALID',
  /** A VIN that is not ISO 3779 or whose North-American check digit is wrong. */
  vinInvalid: 'SIS_VIN_INVALID',
  /** A container number that is not ISO 6346 or whose check digit is wrong. */
  containerInvalid: 'SIS_CONTAINER_NUMBER_INVALID',
  hitInvalid: 'SIS_HIT_INVALID',
  hitNotFound: 'SIS_HIT_NOT_FOUND',
  /** The hit's alert does not allow this profile to see it (e.g. a covert alert for a hub operator). */
  hitNotAllowed: 'SIS_HIT_NOT_ALLOWED',
  messageInvalid: 'SIS_MESSAGE_INVALID',
  extensionInvalid: 'SIS_EXTENSION_INVALID',
  /** Biometric templates were given but this installation has no biometric matching service. */
  biometricsUnavailable: 'SIS_BIOMETRICS_UNAVAILABLE',
} as const;

export type SisErrorCode = (typeof SIS_ERRORS)[keyof typeof SIS_ERRORS];
