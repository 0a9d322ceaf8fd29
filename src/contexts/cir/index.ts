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
