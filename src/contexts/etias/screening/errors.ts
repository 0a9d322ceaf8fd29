/** Stable error codes of ETIAS screening rules (art. 33) and the watchlist (arts. 34-35). */
export const RULES_ERRORS = {
  /** A rule's fields or predicates are not valid; `details.issues` lists each with its path. */
  ruleInvalid: 'ETIAS_RULE_INVALID',
  /** Art. 33(5): a rule based solely on sex or age. */
  ruleSexOrAgeAlone: 'ETIAS_RULE_SEX_OR_AGE_ALONE',
  ruleNotFound: 'ETIAS_RULE_NOT_FOUND',
  /** The rule is retired: it can no longer change or run. */
  ruleRetired: 'ETIAS_RULE_RETIRED',
  /** Only the latest version, a draft, can be activated. */
  ruleNotDraft: 'ETIAS_RULE_NOT_DRAFT',
  /** Activation needs the impact measured for the version being activated (art. 33(6), digest §3.1). */
  ruleImpactMissing: 'ETIAS_RULE_IMPACT_MISSING',
  /** The version asked for is not the rule's latest (someone changed it since it was read). */
  ruleVersionConflict: 'ETIAS_RULE_VERSION_CONFLICT',
  watchlistInvalid: 'ETIAS_WATCHLIST_INVALID',
  watchlistNotFound: 'ETIAS_WATCHLIST_NOT_FOUND',
  /** Art. 35(2)(c) [digest §3.2]: the data match a SIS alert, which has priority: not entered. */
  watchlistInSis: 'ETIAS_WATCHLIST_IN_SIS',
  /** Only the owner (its member state's National Unit; the Central Unit for Europol) manages an entry. */
  watchlistNotOwner: 'ETIAS_WATCHLIST_NOT_OWNER',
} as const;
