/**
 * The Eurodac context (Reg. (EU) 2024/1358): datasets of applicants for international protection and of the
 * other categories of persons, compared one-to-many through the shared biometric matching service (partition
 * `eurodac`), hits verified by the member state of origin, marking, responsibility updates, retention and
 * erasure, and the law-enforcement comparison of art. 33.
 */
export {
  ADMISSION_STAGES,
  CATEGORIES,
  DEFAULT_EURODAC_SETTINGS,
  ERASURE_REASONS,
  HIT_STATES,
  OFFENCE_KINDS,
  RESPONSIBILITY_GROUNDS,
  type AdmissionStage,
  type Category,
  type DatasetInput,
  type DatasetView,
  type EurodacSettings,
  type HitListItem,
  type HitState,
  type HitView,
  type LawEnforcementAnswer,
  type LawEnforcementRequest,
  type NoticeView,
  type RegistrationAnswer,
} from './model.ts';
export {
  DATASETS_TOPIC,
  EURODAC_PARTITION,
  EurodacService,
  type Call as EurodacCall,
  type EurodacServiceDeps,
  type WriteCall as EurodacWriteCall,
} from './service.ts';
export { EURODAC_SCHEMA, eurodacMigrations } from './migrations.ts';
export { EURODAC_ERRORS, type EurodacErrorCode } from './errors.ts';
export { eurodacRoutes } from './routes.ts';
export { certainlyYoungerThan, earliestBirthDate } from './validate.ts';
export { eurodacCirRecords, eurodacCirScan, type EurodacCirRecord } from './cir-records.ts';
export { eurodacStatsRecords, type EurodacStatsRecord } from './stats-records.ts';
