import type { AlertCategory, AlertInput, MissingSubcategory } from './model.ts';

/**
 * Periods and deadlines of SIS. Values marked [K] come from general knowledge of the regulations and were not
 * checked against the texts (regulations digest §4.4 and §11.3): they are configuration, not code, so that a
 * member state or a legal review can change them without touching the rules.
 */
export interface SisSettings {
  /** Review periods of person alerts, in years (2018/1862 art. 53(2)-(4); 1861 art. 39 [K]; 1860 [K]). */
  readonly personReviewYears: {
    /** Art. 26 and 32(1)(a)-(b): 5 years (art. 53(2)). */
    readonly arrestAndMissingAdults: number;
    /** Art. 34 and art. 40: 3 years (art. 53(3)). */
    readonly judicialAndUnknownSuspects: number;
    /** Art. 32(1)(c)-(e), art. 36, art. 37a: 1 year (art. 53(4)). */
    readonly childrenVulnerableChecksInformation: number;
    /** Refusal alerts: 3 years (2018/1861 art. 39) [K]. */
    readonly refusal: number;
    /** Refusal alerts whose decision is valid longer than `refusal`: 5 years [K]. */
    readonly refusalLongDecision: number;
    /** Restrictive measures: reviewed like refusal alerts; deleted when the measure ends [K]. */
    readonly restrictiveMeasure: number;
    /** Return alerts: deleted on confirmed return or when the decision ends (1860 art. 14) [K]; review 3 years. */
    readonly return: number;
  };
  /** Review periods of object alerts, in years (2018/1862 art. 55) [K]. */
  readonly objectReviewYears: {
    /** Art. 36 object alerts: 1 year [K]. */
    readonly check: number;
    /** Art. 38 object alerts: up to 10 years [K]. */
    readonly seizure: number;
  };
  /** Advance warning to the issuing authority before automatic deletion (2018/1862 art. 53(7)): 4 months [K]. */
  readonly advanceWarningMonths: number;
  /** Deadline of a SIRENE reply to a request for supplementary information: 12 hours (2018/1862 art. 8(3)). */
  readonly supplementaryInfoHours: number;
  /** "Immediately" for terrorism and child alerts (art. 8(3)): 1 hour is our reading [K]. */
  readonly urgentReplyHours: number;
  /**
   * How long SIRENE files (hits and exchanged messages) are kept after their alert is deleted: at the latest
   * one year (2018/1862 art. 64(3)) [K].
   */
  readonly sireneFileYearsAfterDeletion: number;
}

export const DEFAULT_SIS_SETTINGS: SisSettings = Object.freeze({
  personReviewYears: Object.freeze({
    arrestAndMissingAdults: 5,
    judicialAndUnknownSuspects: 3,
    childrenVulnerableChecksInformation: 1,
    refusal: 3,
    refusalLongDecision: 5,
    restrictiveMeasure: 3,
    return: 3,
  }),
  objectReviewYears: Object.freeze({ check: 1, seizure: 10 }),
  advanceWarningMonths: 4,
  supplementaryInfoHours: 12,
  urgentReplyHours: 1,
  sireneFileYearsAfterDeletion: 1,
});

/** Which parts of the settings are unconfirmed ([K]), for display next to the values. */
export const UNCONFIRMED_SETTINGS: readonly string[] = Object.freeze([
  'personReviewYears.refusal',
  'personReviewYears.refusalLongDecision',
  'personReviewYears.restrictiveMeasure',
  'personReviewYears.return',
  'objectReviewYears.check',
  'objectReviewYears.seizure',
  'advanceWarningMonths',
  'urgentReplyHours',
  'sireneFileYearsAfterDeletion',
]);

const CHILD_OR_VULNERABLE: readonly MissingSubcategory[] = ['c', 'd', 'e'];

/**
 * The review period of an alert, in years, with the article it comes from.
 *
 * @param today `YYYY-MM-DD`, to judge whether a refusal decision outlasts the shorter period.
 */
export function reviewPeriod(
  alert: Pick<AlertInput, 'category' | 'missingSubcategory' | 'decisionValidUntil'>,
  today: string,
  settings: SisSettings = DEFAULT_SIS_SETTINGS,
): { years: number; basis: string } {
  const p = settings.personReviewYears;
  const category: AlertCategory = alert.category;
  switch (category) {
    case 'arrest':
      return { years: p.arrestAndMissingAdults, basis: 'Reg. (EU) 2018/1862 art. 53(2)' };
    case 'missing':
      return CHILD_OR_VULNERABLE.includes(alert.missingSubcategory ?? 'a')
        ? { years: p.childrenVulnerableChecksInformation, basis: 'Reg. (EU) 2018/1862 art. 53(4)' }
        : { years: p.arrestAndMissingAdults, basis: 'Reg. (EU) 2018/1862 art. 53(2)' };
    case 'judicial-procedure':
    case 'unknown-suspect':
      return { years: p.judicialAndUnknownSuspects, basis: 'Reg. (EU) 2018/1862 art. 53(3)' };
    case 'check':
    case 'information':
      return { years: p.childrenVulnerableChecksInformation, basis: 'Reg. (EU) 2018/1862 art. 53(4)' };
    case 'refusal': {
      const shortEnd = `${Number(today.slice(0, 4)) + p.refusal}${today.slice(4)}`;
      const long = alert.decisionValidUntil !== undefined && alert.decisionValidUntil > shortEnd;
      return {
        years: long ? p.refusalLongDecision : p.refusal,
        basis: 'Reg. (EU) 2018/1861 art. 39 [K]',
      };
    }
    case 'restrictive-measure':
      return { years: p.restrictiveMeasure, basis: 'Reg. (EU) 2018/1861 art. 39 [K]' };
    case 'return':
      return { years: p.return, basis: 'Reg. (EU) 2018/1860 art. 14 [K]' };
    case 'object-check':
      return { years: settings.objectReviewYears.check, basis: 'Reg. (EU) 2018/1862 art. 55 [K]' };
    case 'object-seizure':
      return { years: settings.objectReviewYears.seizure, basis: 'Reg. (EU) 2018/1862 art. 55 [K]' };
  }
}

/**
 * True when a request for supplementary information must be answered "immediately" rather than within the
 * 12 hours of 2018/1862 art. 8(3): alerts related to terrorist offences and alerts on children (art. 32(1)(c)
 * and (d)).
 */
export function isUrgentAlert(
  alert: Pick<AlertInput, 'category' | 'missingSubcategory' | 'warningMarkers' | 'offenceType'>,
): boolean {
  if (alert.warningMarkers?.includes('terrorist-activity') === true) {
    return true;
  }
  if (alert.offenceType !== undefined && /terror/iu.test(alert.offenceType)) {
    return true;
  }
  return (
    alert.category === 'missing' && (alert.missingSubcategory === 'c' || alert.missingSubcategory === 'd')
  );
}
