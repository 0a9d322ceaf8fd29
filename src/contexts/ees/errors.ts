/** Stable error codes of the EES context (the calculator's own codes are in `stay/errors.ts`). */
export const EES_ERRORS = Object.freeze({
  /** No individual file with this id (it may have been erased at the end of its retention period). */
  fileNotFound: 'EES_FILE_NOT_FOUND',
  /** No entry/exit record with this id. */
  recordNotFound: 'EES_RECORD_NOT_FOUND',
  /** The travel document is already part of another individual file. */
  documentRegistered: 'EES_DOCUMENT_ALREADY_REGISTERED',
  /** An entry was asked for while the traveller's last stay has no exit yet. */
  stayAlreadyOpen: 'EES_STAY_ALREADY_OPEN',
  /** An exit was asked for but the traveller has no stay without exit. */
  noOpenStay: 'EES_NO_OPEN_STAY',
  /** An entry lies before the exit of the previous stay. */
  entryBeforeLastExit: 'EES_ENTRY_BEFORE_LAST_EXIT',
  /** An exit lies before the entry of the stay it closes. */
  exitBeforeEntry: 'EES_EXIT_BEFORE_ENTRY',
  /** The calculator authorises no day of stay from this entry: record a refusal (ground F) instead. */
  noAuthorisedStay: 'EES_NO_AUTHORISED_STAY',
  /** A border crossing point id that is not in the reference list. */
  unknownBcp: 'EES_UNKNOWN_BCP',
  /** A border crossing point of another member state than the acting authority's. */
  bcpOfAnotherState: 'EES_BCP_OF_ANOTHER_STATE',
  /** A nationality or issuing-state code that is not a travel-document country code. */
  badCountryCode: 'EES_BAD_COUNTRY_CODE',
  /** A date or time that is not a real calendar date / ISO 8601 instant. */
  badDate: 'EES_BAD_DATE',
  /** A crossing time later than now. */
  timeInFuture: 'EES_TIME_IN_FUTURE',
  /** A name that is empty once harmonised. */
  badName: 'EES_BAD_NAME',
  /** A field outside its allowed values (sex, document number, biometric reference). */
  badField: 'EES_BAD_FIELD',
  /** A visa-exempt traveller's file needs four fingerprints or an exemption (EES art. 17). */
  fingerprintsRequired: 'EES_FINGERPRINTS_REQUIRED',
  /** Visa holders' fingerprints are verified against VIS, not stored in EES (EES art. 16(1)). */
  fingerprintsNotStored: 'EES_FINGERPRINTS_NOT_STORED_FOR_VISA_HOLDERS',
  /** An exemption that does not apply (e.g. under-12 claimed for an adult) or prints given with it. */
  fingerprintExemptionInvalid: 'EES_FINGERPRINT_EXEMPTION_INVALID',
  /** An entry of a visa holder (not a family member of a Union citizen) without visa data. */
  visaRequired: 'EES_VISA_REQUIRED',
  /** Visa data given for a visa-exempt traveller. */
  visaNotExpected: 'EES_VISA_NOT_EXPECTED',
  /** Visa data out of range (dates, entries, duration). */
  visaInvalid: 'EES_VISA_INVALID',
  /** The visa is not valid on the day of entry: refuse entry (ground C) instead. */
  visaNotValidOnEntry: 'EES_VISA_NOT_VALID_ON_ENTRY',
  /** A refusal for reasons B, D or H needs biometric data in the file (EES art. 18(2)). */
  refusalNeedsBiometrics: 'EES_REFUSAL_NEEDS_BIOMETRICS',
  /** A refusal without reason, or with a reason twice. */
  refusalReasons: 'EES_REFUSAL_REASONS_INVALID',
  /** An art. 19 decision that does not fit its kind (e.g. an extension without new end date). */
  decisionInvalid: 'EES_DECISION_INVALID',
  /** This authority type may not take this kind of decision (Visa Code arts. 33(5)-(6), 34). */
  decisionAuthorityNotCompetent: 'EES_DECISION_AUTHORITY_NOT_COMPETENT',
  /** An extension of a stay that has an exit: the person is no longer present (Visa Code art. 33(1)-(2)). */
  extensionNotPresent: 'EES_EXTENSION_PERSON_NOT_PRESENT',
  /** An extension applied for after the stay ended, without force majeure (Visa Code art. 33(1)). */
  extensionAfterExpiry: 'EES_EXTENSION_AFTER_EXPIRY',
  /** An extension past the last day the 90/180 rule allows (Visa Code art. 33; SBC art. 6(1)). */
  extensionBeyond90in180: 'EES_EXTENSION_BEYOND_90_IN_180',
  /** An extension of a stay the calculator does not apply to (EES art. 11(1): family members). */
  extensionNotApplicable: 'EES_EXTENSION_NOT_APPLICABLE',
  /** An identity search without surname or birth year. */
  searchTooBroad: 'EES_SEARCH_TOO_BROAD',
  /** A traveller web service date in the past or too far ahead (EES art. 13(1): intended dates only). */
  travellerDateOutOfRange: 'EES_TRAVELLER_DATE_OUT_OF_RANGE',
  /** No refusal record with this id (it may have been erased at the end of its retention period). */
  refusalNotFound: 'EES_REFUSAL_NOT_FOUND',
  /** A refusal notice asked for in a language the form is not printed in (yet). */
  noticeLanguage: 'EES_NOTICE_LANGUAGE_UNSUPPORTED',
  /** A refusal notice asked for by another authority than the one that refused entry (SBC art. 14(2)). */
  refusalOfAnotherAuthority: 'EES_REFUSAL_OF_ANOTHER_AUTHORITY',
  /** A file without any travel document. */
  documentRequired: 'EES_DOCUMENT_REQUIRED',
  /**
   * Finger templates that are not the file's fingerprint data: another finger than the four of the hand
   * recorded (EES art. 17(1)(b)), or fingers for a file without fingerprint data.
   */
  biometricsInconsistent: 'EES_BIOMETRICS_INCONSISTENT',
  /**
   * Templates given with an update leave out a template the file holds: they replace the file's templates, so
   * give every one it keeps (`details.missing`).
   */
  biometricsIncomplete: 'EES_BIOMETRICS_INCOMPLETE',
  /** Templates given, but this installation has no biometric matching service connected (503). */
  biometricsUnavailable: 'EES_BIOMETRICS_UNAVAILABLE',
});
