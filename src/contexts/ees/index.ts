/**
 * The Entry/Exit System context (Reg. (EU) 2017/2226): individual files, entry/exit and refusal records,
 * art. 19 decisions, searches, verification, the overstayer mechanism, the web services, retention, and the
 * 90/180 calculator.
 */
export {
  assessAuthorisedStay,
  type AuthorisedStayAssessment,
  type AuthorisedStayRequest,
  civilFromDay,
  controlStay,
  controlStayDays,
  type DayBreach,
  dayFromCivil,
  type DayNumber,
  type DayStay,
  type DayStayRequest,
  formatDay,
  latestLegalExit,
  MAX_STAY_DAYS,
  parseCalendarDate,
  parseStayRequest,
  planStay,
  presentStayControl,
  presentStayFigures,
  type ShortStayVisaInput,
  STAY_ERRORS,
  type StayControlDays,
  type StayControlReport,
  type StayExtensionInput,
  stayFigures,
  type StayFigures,
  stayFiguresDays,
  type StayFiguresReport,
  type StayInput,
  type StayLimit,
  type StayRequest,
  tryParseCalendarDate,
  type VisaUse,
  WINDOW_DAYS,
} from './stay/index.ts';
export { EesService } from './service.ts';
export {
  IMPORTED_CROSSING_BODIES,
  ImportedFileLine,
  type ImportedCrossing,
  type ImportedFile,
  type PreparedFile,
} from './bulk.ts';
export type { Call, EesServiceDeps, WriteCall } from './context.ts';
export { EES_SCHEMA, eesMigrations } from './migrations.ts';
export { eesRoutes } from './routes.ts';
export { CandidatesReply, FileDetailsReply } from './schemas.ts';
export { EES_ERRORS } from './errors.ts';
export type { RefusalNotice } from './notices.ts';
export {
  type AppealTexts,
  DEFAULT_APPEAL,
  NOTICE_LANGUAGES,
  type NoticeLanguage,
} from './refusal-notice/texts.ts';
export { TRAVELLER_ACTOR } from './checks.ts';
export type { OverstayerListOptions, OverstayerView, TravellerAnswer, VerificationResult } from './checks.ts';
export { OVERSTAY_SORT_FIELDS, type OverstaySortField } from './repository.ts';
export type { FileDetails, IdentityCandidate } from './files.ts';
export { EES_PARTITION, type BiometricCandidate } from './biometrics.ts';
export type {
  CrossingView,
  DecisionView,
  DocumentView,
  FileView,
  RecordView,
  RefusalView,
} from './present.ts';
export type { StaySummary } from './stay-view.ts';
export {
  BIOMETRIC_REFUSAL_REASONS,
  DECISION_KINDS,
  type DecisionInput,
  type DecisionKind,
  type DocumentQuery,
  type EntryInput,
  type ExitInput,
  EXTENSION_GROUNDS,
  type ExtensionGround,
  type FileBiometrics,
  FILE_KINDS,
  type FileKind,
  FINGERPRINT_EXEMPTIONS,
  type FingerprintExemption,
  type FingerprintSet,
  type FingerprintStatus,
  type IdentityInput,
  type IdentityQuery,
  type NewFileInput,
  REFUSAL_REASONS,
  type RefusalInput,
  type RefusalReason,
  type Sex,
  SEXES,
  type TravelDocumentInput,
  type VisaInput,
} from './model.ts';
export {
  erasureNoticeOn,
  fileEraseAfter,
  logRetainUntil,
  recordEraseAfter,
  refusalEraseAfter,
} from './retention-periods.ts';
export { eesCirRecords, eesCirScan, type EesCirRecord } from './cir-records.ts';
export { eesStatsRecords, type EesStatsRecord } from './stats-records.ts';
export { FILES_TOPIC } from './context.ts';
