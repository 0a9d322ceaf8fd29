/**
 * The multiple-identity detector (Regs. (EU) 2019/817 and 2019/818, arts. 25-36): links between records of
 * different systems, their colours, manual verification, the identity confirmation files and their erasure.
 * The same/similar rules of Del. Regs. 2023/333 and 2023/332 are in the identity context (`identity/mid`).
 */
export {
  LINK_COLORS,
  LINKS_TOPIC,
  VERIFIED_COLORS,
  type LinkColor,
  type LinkEvidence,
  type LinkNotice,
  type LinkRule,
  type MidLink,
  type MidLinkNotices,
  type MidViewer,
  type VerifiedColor,
  type Verifier,
} from './model.ts';
export { automatedColor, linkRules } from './rules/color.ts';
export {
  DEFAULT_VERIFY_WITHIN_HOURS,
  SIRENE_OVERRIDE_CATEGORIES,
  verifierOf,
  verifyByOf,
} from './rules/verifier.ts';
export { MID_SCHEMA, midMigrations } from './migrations.ts';
export { MidService, type MidServiceDeps } from './service.ts';
export { Detection, MID_DETECTION_SETTINGS, type DetectionDeps, type DetectionReport } from './detection.ts';
export { MidRepository, linkOf, pairOf, type LinkRow, type LinkWrite } from './repository.ts';
export { isVerifierOf, mayView, noticeOf, viewerOf } from './rules/visibility.ts';
export { LinkNoticeSchema, LinkNoticesSchema, MidBorderDataSchema } from './notice-schemas.ts';
export { midNoticeRoutes } from './notice-routes.ts';
export { parseRecordRef } from './notices.ts';
export { midRoutes } from './routes.ts';
export { MID_VERIFICATION_ERRORS, type MidVerificationErrorCode } from './verification/errors.ts';
export { colorOptions, type ColorOption, MAX_REASON_LENGTH } from './rules/verification.ts';
export {
  MidVerification,
  type LinkDetailView,
  type LinkView,
  type MidVerificationDeps,
} from './verification/service.ts';
export { midStatsRecords, midStatsScan, type MidStatsRecord } from './stats-records.ts';
