/** Stable error codes of the stay calculator (EES part of the border systems). */
export const STAY_ERRORS = Object.freeze({
  /** The request is not an object with a `stays` array and a `date`, or a stay is not `{entry, exit}`. */
  badRequest: 'EES_STAY_BAD_REQUEST',
  /** A date is not a real calendar date written `YYYY-MM-DD` (e.g. `2025-02-30`, `2025-2-3`). */
  badDate: 'EES_STAY_BAD_DATE',
  /** A stay's exit date lies before its entry date. */
  exitBeforeEntry: 'EES_STAY_EXIT_BEFORE_ENTRY',
  /** More than one stay has no exit: a traveller can be present on only one ongoing stay. */
  severalOpenStays: 'EES_STAY_SEVERAL_OPEN_STAYS',
  /** A stay without exit is followed by a later entry, or begins after the date of the request. */
  openStayNotCurrent: 'EES_STAY_OPEN_STAY_NOT_CURRENT',
  /** A visa or extension field is missing or out of range. */
  badAuthorisation: 'EES_STAY_BAD_AUTHORISATION',
});
