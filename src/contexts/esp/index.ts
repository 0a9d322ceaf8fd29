/**
 * The European Search Portal (2019/817 and 2019/818 arts. 6-11): search profiles as data, systems as
 * registered sources, one query fanned out to all of them at once.
 */
export {
  type BiometricMatch,
  ESP_ERRORS,
  type ExplanationLine,
  QUERY_FIELDS,
  QUERY_TYPES,
  type QueryField,
  type QueryType,
  queryTypesOf,
  type SearchProfile,
  type SearchQuery,
  type SearchSource,
  type SourceAnswer,
  type SourceContext,
  type SourceHit,
  type SourceStatus,
} from './model.ts';
export {
  DEFAULT_SEARCH_PROFILES,
  ESP_PROFILES_VERSION,
  findSearchProfile,
  validateSearchProfiles,
} from './profiles.ts';
export {
  allowanceFor,
  allowanceOf,
  explanationVisible,
  visibleExplanation,
  withholdFields,
  type FieldAllowance,
} from './allowance.ts';
export { EspService, type EspDeps, type PreparedSearch, type SearchSummary } from './service.ts';
export { espRoutes } from './routes.ts';
