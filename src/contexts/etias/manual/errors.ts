/** Stable error codes of the National Units' manual processing (Reg. (EU) 2018/1240 arts. 26-44). */
export const MANUAL_ERRORS = Object.freeze({
  /** No ETIAS application with this id (or the document number given with it does not match). */
  applicationNotFound: 'ETIAS_APPLICATION_NOT_FOUND',
  /** No request for information, interview or consultation with this id on this application. */
  requestNotFound: 'ETIAS_REQUEST_NOT_FOUND',
  interviewNotFound: 'ETIAS_INTERVIEW_NOT_FOUND',
  consultationNotFound: 'ETIAS_CONSULTATION_NOT_FOUND',
  /** The application is not in manual processing by a National Unit. */
  notInNationalUnitQueue: 'ETIAS_NOT_IN_NATIONAL_UNIT_QUEUE',
  /** Another state's National Unit is responsible (art. 25). */
  notResponsible: 'ETIAS_NOT_RESPONSIBLE_STATE',
  /** A refusal, annulment or revocation without a ground. */
  groundsRequired: 'ETIAS_GROUNDS_REQUIRED',
  /** A ground that cannot support this decision (e.g. "doubts on data" for a revocation). */
  groundNotApplicable: 'ETIAS_GROUND_NOT_APPLICABLE',
  /** "No reply to a request" given while no request is past its deadline unanswered (art. 37(1)(f)). */
  noUnansweredRequest: 'ETIAS_NO_UNANSWERED_REQUEST',
  /** "No show at interview" given while no interview was missed (art. 37(1)(g)). */
  noMissedInterview: 'ETIAS_NO_MISSED_INTERVIEW',
  /** Annulment, revocation and review need a valid travel authorisation. */
  noValidAuthorisation: 'ETIAS_NO_VALID_AUTHORISATION',
  justificationRequired: 'ETIAS_JUSTIFICATION_REQUIRED',
  flagReasonRequired: 'ETIAS_FLAG_REASON_REQUIRED',
  documentExpired: 'ETIAS_DOCUMENT_EXPIRED',
  limitedValidityNotApplicable: 'ETIAS_LIMITED_VALIDITY_NOT_APPLICABLE',
  /** Art. 44 [K]: at most 90 days. */
  limitedValidityTooLong: 'ETIAS_LIMITED_VALIDITY_TOO_LONG',
  decisionInvalid: 'ETIAS_DECISION_INVALID',
  /** The reply came after the request was answered already. */
  requestAlreadyAnswered: 'ETIAS_REQUEST_ALREADY_ANSWERED',
  /** The reply came after the 10 days of art. 27(2). */
  requestPastDeadline: 'ETIAS_REQUEST_PAST_DEADLINE',
  interviewAlreadyRecorded: 'ETIAS_INTERVIEW_ALREADY_RECORDED',
  /** A no-show recorded before the time of the interview. */
  interviewNotYetDue: 'ETIAS_INTERVIEW_NOT_YET_DUE',
  /** The consulted party already gave its opinion. */
  opinionAlreadyGiven: 'ETIAS_OPINION_ALREADY_GIVEN',
  /** The 60 hours passed: silence counted as a positive opinion (arts. 28(2), 29(2)). */
  opinionPastDeadline: 'ETIAS_OPINION_PAST_DEADLINE',
  /** A state consulting itself, or Europol consulted through a state. */
  consultationInvalid: 'ETIAS_CONSULTATION_INVALID',
  requestInvalid: 'ETIAS_REQUEST_INVALID',
  /** The notice exists only once a decision was taken. */
  noNotice: 'ETIAS_NO_NOTICE',
});
