/**
 * The common identity repository (Regs. (EU) 2019/817 and 2019/818, arts. 17-24): individual files per person
 * per source system, kept in step with EES, ETIAS, Eurodac and SIS through the change feed; police
 * identification (art. 20) and the law-enforcement flag search (art. 22).
 */
export {
  CIR_QUERY_SYSTEMS,
  CIR_SYSTEMS,
  cirRef,
  type CirChangeListener,
  type CirDocument,
  type CirFile,
  type CirFilesChanged,
  type CirRef,
  type CirSource,
  type CirSystem,
} from './model.ts';
export { CIR_SCHEMA, cirMigrations } from './migrations.ts';
export { CirService, type CirServiceDeps, type CirSyncReport } from './service.ts';
export { aliasKeys, documentKey, identityKeys, sameDocument } from './keys.ts';
export { CirRepository } from './repository.ts';
// The CIR's own queries: police identification (art. 20), the law-enforcement flag search (art. 22).
export { CIR_QUERY_ERRORS, type CirQueryErrorCode } from './query-errors.ts';
export { cirQueryMigrations } from './query-migrations.ts';
export { cirLookup, type CirFiles, type CirLookup } from './lookup.ts';
export { CirQueries, type CirQueriesDeps } from './queries.ts';
export {
  IDENTIFICATION_SITUATIONS,
  isUnder12,
  type FoundBy,
  type IdentificationAnswer,
  type IdentificationMatch,
  type IdentificationRequest,
  type IdentificationSituation,
} from './identification.ts';
export {
  OFFENCES,
  type FlagAnswer,
  type FlagQueryView,
  type FlagRequest,
  type FollowUpRequest,
  type Offence,
} from './flags.ts';
export { cirQueryRoutes } from './routes.ts';
