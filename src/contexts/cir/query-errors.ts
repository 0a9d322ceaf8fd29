/**
 * Stable error codes of the CIR's own queries (police identification, art. 20; the law-enforcement flag
 * search, art. 22), namespaced `CIR_*`. Bad templates answer with the matching service's codes
 * (`SBMS_TEMPLATE_INVALID`).
 */
export const CIR_QUERY_ERRORS = {
  /** The actor's authority is not empowered by national law to identify persons through the CIR (art. 20(1)). */
  notEmpowered: 'CIR_NOT_EMPOWERED',
  /** The person is under 12 and the query does not state the child's best interests (art. 20(2)). */
  childUnder12: 'CIR_CHILD_UNDER_12',
  /** No live biometrics and no reason why they cannot be used (art. 20(1): biometrics first). */
  biometricsFirst: 'CIR_BIOMETRICS_FIRST',
  /** The identity queried with was born after today: a typing error, not a child under 12. */
  birthDateInFuture: 'CIR_BIRTH_DATE_IN_FUTURE',
  /** Neither biometrics nor identity or document data to query with. */
  queryDataMissing: 'CIR_QUERY_DATA_MISSING',
  /** An unknown flag query, or one of another authority. */
  flagQueryNotFound: 'CIR_FLAG_QUERY_NOT_FOUND',
  /** The flag query's follow-up was recorded already (it is recorded once). */
  followUpRecorded: 'CIR_FOLLOW_UP_RECORDED',
  /** The follow-up names no system, a system that did not answer, or neither systems nor a reason. */
  followUpInvalid: 'CIR_FOLLOW_UP_INVALID',
} as const;

export type CirQueryErrorCode = (typeof CIR_QUERY_ERRORS)[keyof typeof CIR_QUERY_ERRORS];
