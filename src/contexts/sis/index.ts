/**
 * The SIS context (Regulations (EU) 2018/1860, 2018/1861, 2018/1862): alerts on persons and objects,
 * searches with explained matches, the hit procedure with the SIRENE supplementary-information exchange,
 * review and automatic deletion. `object-index.ts` is the pure in-memory index for gate readers.
 */
export { SisService, type AlertChange } from './service.ts';
export { ImportedAlertLine, type ImportedAlert, type PreparedImportedAlert } from './bulk.ts';
export type { SisServiceDeps, Call as SisCall, WriteCall as SisWriteCall } from './context.ts';
export { SIS_SCHEMA, sisMigrations } from './migrations.ts';
export { sisRoutes } from './routes.ts';
export { SIS_ERRORS, type SisErrorCode } from './errors.ts';
export {
  DEFAULT_SIS_SETTINGS,
  UNCONFIRMED_SETTINGS,
  isUrgentAlert,
  reviewPeriod,
  type SisSettings,
} from './settings.ts';
export {
  ALERT_CATEGORIES,
  ALERT_STATUSES,
  type AlertCategory,
  type AlertId,
  type AlertInput,
  type AlertKind,
  type AlertStatus,
  CATEGORY_INFO,
  type CategoryInfo,
  CHECK_TYPES,
  CHECKABLE_OBJECT_TYPES,
  type CheckInformation,
  type CheckType,
  type HitId,
  type HitLocation,
  IDENTIFIER_KINDS,
  type IdentifierKind,
  isCovert,
  MISSING_SUBCATEGORIES,
  type MissingSubcategory,
  type MisusedIdentity,
  OBJECT_IDENTIFIER_KINDS,
  OBJECT_TYPES,
  type ObjectData,
  type ObjectIdentifier,
  type ObjectType,
  type PersonDocument,
  type PersonIdentity,
  type ReturnData,
  TCN_CATEGORIES,
  WARNING_MARKERS,
  type WarningMarker,
} from './model.ts';
export {
  ObjectIndex,
  type GateRead,
  type IndexedKind,
  type ObjectIndexEntry,
  type ObjectMatch,
  type ReadCandidate,
} from './object-index.ts';
export {
  checkContainerNumber,
  checkVin,
  compactIdentifier,
  type Confusion,
  confusionsBetween,
  type ContainerCheck,
  containerCheckDigit,
  describeConfusions,
  DOCUMENT_CONFUSIONS,
  foldConfusions,
  type NormalisedPlate,
  normalisePlate,
  PLATE_CONFUSIONS,
  type VinCheck,
  vinCheckDigit,
  type VinCheckDigit,
  vinCheckDigitApplies,
} from './identifiers/index.ts';
export { canSeeAlert, HUB_OBJECT_TYPES, type AlertScope } from './visibility.ts';
export { DISCREET_NOTICE, type AlertSummary, type AlertView, type HitView } from './present.ts';
export {
  ARTICLE_37_INFORMATION,
  ARTICLE_37B_INFORMATION,
  HIT_DUE_SOON_HOURS,
  type HitAnswer,
  type HitChecked,
  type HitListOptions,
} from './hits.ts';
export {
  HIT_SORT_FIELDS,
  REVIEW_SORT_FIELDS,
  type HitSortField,
  type ReviewSortField,
} from './repository.ts';
export type { PersonQuery, PersonSearchResult } from './search-persons.ts';
export {
  biometricDataTypes,
  type BiometricMatchReason,
  type BiometricSearchResult,
} from './search-biometric.ts';
export type { VehicleQuery, ObjectSearchResult } from './search-objects.ts';
export type { ReviewItem, ReviewQueueOptions } from './review.ts';
export { DUE_SOON_HOURS } from './counts.ts';
export { alertIssues, prepareAlert } from './validate.ts';
export { SEX_CODES, sisCatalogue, type SisCatalogue } from './catalogue.ts';
export { sisCirRecords, sisCirScan, type SisCirRecord } from './cir-records.ts';
export { ALERTS_TOPIC } from './context.ts';
export {
  NETWORK_FACT_LIMIT,
  type NetworkAlertFact,
  type NetworkHitFact,
  type SisNetworkFacts,
} from './network.ts';
