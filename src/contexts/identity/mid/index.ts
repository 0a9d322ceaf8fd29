export { midBirthDateOutcomes, midDifferentWithoutNames, midVerdict } from './verdict.ts';
export { DEFAULT_MID_SETTINGS, resolveMidSettings } from './settings.ts';
export { compareIdentityFields } from './fields.ts';
export { parseIdentityData } from './input.ts';
export type { IdentityInputResult, InputIssue } from './input.ts';
export { MID_RULES } from './types.ts';
export type {
  AliasIdentity,
  IdentityData,
  MidCalendar,
  MidCategories,
  MidCategoryResult,
  MidFieldComparisons,
  MidMatch,
  MidOutcome,
  MidRuleId,
  MidSettings,
  MidSystem,
  MidVerdict,
  NameField,
  ResolvedMidSettings,
  SisQualification,
} from './types.ts';
