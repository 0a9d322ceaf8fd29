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
export { answerFor, type AuthorisationAnswer, type AuthorisationOnFile } from './queries/answer.ts';
export {
  EtiasQueries,
  type EtiasQueriesDeps,
  type PortalRecord,
  type QueryDocument,
} from './queries/service.ts';
export { etiasQueryRoutes } from './queries/routes.ts';
