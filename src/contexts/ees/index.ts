/**
 * The Entry/Exit System context (Reg. (EU) 2017/2226): individual files, entry/exit and refusal records,
 * art. 19 decisions, searches, verification, the overstayer mechanism, the web services, retention, and the
 * 90/180 calculator.
 */
export * from './stay/index.ts';
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
export { EES_ERRORS } from './errors.ts';
export { TRAVELLER_ACTOR } from './checks.ts';
export type { OverstayerView, TravellerAnswer, VerificationResult } from './checks.ts';
export type { FileDetails, IdentityCandidate } from './files.ts';
export type {
  CrossingView,
  DecisionView,
  DocumentView,
  FileView,
  RecordView,
  RefusalView,
} from './present.ts';
export type { StaySummary } from './stay-view.ts';
export * from './model.ts';
export {
  erasureNoticeOn,
  fileEraseAfter,
  logRetainUntil,
  recordEraseAfter,
  refusalEraseAfter,
} from './retention-periods.ts';
