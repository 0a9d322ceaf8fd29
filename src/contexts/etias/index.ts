/**
 * The ETIAS context (Reg. (EU) 2018/1240): applications, their automated processing against every system
 * (each system plugs in an {@link EtiasCheck} through its adapter), screening rules and the watchlist, the
 * Central Unit's verification and the National Units' manual processing, and the authorisations they issue.
 */
export {
  APPLICATION_STATUSES,
  AUTHORISATION_FLAGS,
  DEFAULT_ETIAS_SETTINGS,
  EDUCATION_LEVELS,
  FEE_EXEMPTIONS,
  HIT_RULES,
  HIT_SOURCES,
  HIT_STATES,
  OCCUPATION_GROUPS,
  QUEUES,
  REFUSAL_GROUNDS,
  UNCONFIRMED_ETIAS_SETTINGS,
  type ApplicationInput,
  type ApplicationStatus,
  type AuthorisationFlag,
  type CheckHit,
  type CheckOutcome,
  type CheckSubject,
  type EducationLevel,
  type EtiasCheck,
  type EtiasSettings,
  type FeeExemption,
  type HitRule,
  type HitSource,
  type HitState,
  type OccupationGroup,
  type Queue,
  type RecordPresence,
  type RefusalGround,
} from './model.ts';
export { EtiasService, type ImpactApplication, type ValidAuthorisation } from './service.ts';
export type { EtiasServiceDeps, Call as EtiasCall, WriteCall as EtiasWriteCall } from './context.ts';
export { APPLICANT_ACTOR, APPLICATIONS_TOPIC, ETIAS_SYSTEM_ACTOR } from './context.ts';
export { ETIAS_SCHEMA, etiasMigrations } from './migrations.ts';
export { ETIAS_ERRORS, type EtiasErrorCode } from './errors.ts';
export { etiasRoutes } from './routes.ts';
export type { StatusAnswer, SubmitAnswer, SubmittedApplication } from './applications.ts';
export type { QueueOptions, QueuePage } from './central-unit.ts';
export {
  DUE_SOON_HOURS as ETIAS_DUE_SOON_HOURS,
  deadlineState,
  type ApplicationFile,
  type ApplicationSummary,
  type DeadlineState,
  type EventView,
  type HitView,
} from './present.ts';
export { QUEUE_SORT_FIELDS, type QueueSortField } from './repository.ts';
export type { ApplicationRow, EtiasTables, HitRow, EventRow } from './tables.ts';
export { birthDateBounds, feeFor, prepareApplication, type Fee, type FieldProblem } from './validate.ts';
export { midIdentity, responsibleState, subjectOf, validityOf } from './processing.ts';
export { etiasApplication, FakeEtiasCheck } from './testing.ts';
export {
  IMPORTED_STATUSES,
  ImportedApplicationLine,
  type ImportedApplication,
  type ImportedStatus,
  type PreparedImportedApplication,
} from './bulk.ts';
export {
  SubmittedApplicationLine,
  derivedApplicationId,
  type SubmittedApplicationImport,
  type PreparedImport,
  type ProcessedImport,
} from './bulk-processing.ts';
// National Units' manual processing (arts. 26-44).
export { EtiasManualService } from './manual/service.ts';
export { etiasManualRoutes } from './manual/routes.ts';
export { manualMigrations } from './migrations/manual.ts';
export { MANUAL_ERRORS } from './manual/errors.ts';
export type { RevocationTrigger } from './manual/decisions.ts';
export { createRulesParts } from './screening/parts.ts';
export { ScreeningRules, type RuleInput, type RuleView } from './screening/service.ts';
export { screeningRoutes } from './screening/routes.ts';
export { RULES_ERRORS } from './screening/errors.ts';
export {
  Watchlist,
  WATCHLIST_SYSTEM,
  type AuthorisationMatch,
  type EntryView,
  type WatchlistMatchListener,
} from './watchlist/service.ts';
export { watchlistRoutes } from './watchlist/routes.ts';
export { answerFor, type AuthorisationAnswer, type AuthorisationOnFile } from './queries/answer.ts';
export {
  EtiasQueries,
  type EtiasQueriesDeps,
  type PortalRecord,
  type QueryDocument,
} from './queries/service.ts';
export { etiasQueryRoutes } from './queries/routes.ts';
export { SourceDeletedRule } from './retention/source-deleted.ts';
export { RetentionConsent, MAX_CONSENT_YEARS } from './retention/consent.ts';
export { etiasCirRecords, etiasCirScan, type EtiasCirRecord } from './cir-records.ts';
export { etiasStatsRecords, type EtiasStatsEvent, type EtiasStatsRecord } from './stats-records.ts';
