/** Stable error codes of the network map, namespaced `NETWORK_*`. */
export const NETWORK_ERRORS = {
  /** `from` is after `to`, or the period is longer than {@link MAX_PERIOD_DAYS}. */
  periodInvalid: 'NETWORK_PERIOD_INVALID',
  /** The focus is none of: an alert id, a plate, an ISO 6346 container number, an IMO number. */
  focusInvalid: 'NETWORK_FOCUS_INVALID',
  /** A container number whose ISO 6346 check digit is wrong. */
  containerCheckDigit: 'NETWORK_CONTAINER_CHECK_DIGIT',
  /** An IMO ship identification number whose check digit is wrong. */
  imoCheckDigit: 'NETWORK_IMO_CHECK_DIGIT',
} as const;

export type NetworkErrorCode = (typeof NETWORK_ERRORS)[keyof typeof NETWORK_ERRORS];
