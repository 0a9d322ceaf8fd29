/**
 * Stable error codes of the ETIAS context, namespaced `ETIAS_*` so a log line or an HTTP answer can be grepped
 * back to the rule that raised it.
 */
export const ETIAS_ERRORS = {
  /** One or more fields of an application are not valid; `details.problems` lists each `{ field, message }`. */
  applicationInvalid: 'ETIAS_APPLICATION_INVALID',
  /** Same document and identity as an application in progress or a valid authorisation; `details.applicationId`. */
  duplicateApplication: 'ETIAS_DUPLICATE_APPLICATION',
  /** An unknown application, or one whose document number does not match (the same answer: no enumeration). */
  applicationNotFound: 'ETIAS_APPLICATION_NOT_FOUND',
  hitNotFound: 'ETIAS_HIT_NOT_FOUND',
  /** The hit was verified already, or its file is not in the Central Unit's queue. */
  hitNotOpen: 'ETIAS_HIT_NOT_OPEN',
  /** The file was changed by someone else since it was read (optimistic `version`). */
  versionConflict: 'ETIAS_VERSION_CONFLICT',
  /** The operation does not fit the file's status or queue (e.g. moving an issued file to a National Unit). */
  wrongStatus: 'ETIAS_WRONG_STATUS',
  /** A National Unit acting on a file another member state is responsible for (art. 25). */
  notResponsibleState: 'ETIAS_NOT_RESPONSIBLE_STATE',
  /** A verification or a query with a bad field. */
  requestInvalid: 'ETIAS_REQUEST_INVALID',
} as const;

export type EtiasErrorCode = (typeof ETIAS_ERRORS)[keyof typeof ETIAS_ERRORS];
