import { invalid } from '../../../platform/errors.ts';
import { formatDay, parseCalendarDate, type DayNumber } from './calendar.ts';
import {
  controlStayDays,
  parseStayRequest,
  presentStayControl,
  type StayControlReport,
  type StayRequest,
} from './calculator.ts';
import { STAY_ERRORS } from './errors.ts';
import { longestCompliantStay, MAX_STAY_DAYS } from './rule.ts';
import { checkStayRecord, countDays, stayDaysUntil, type DayStay, type StayDays } from './stay-days.ts';

/** A uniform short-stay visa as recorded at entry (EES art. 16(2)(d)-(f)). */
export interface ShortStayVisaInput {
  /** First day of the visa's period of validity, `YYYY-MM-DD`. */
  validFrom: string;
  /** Last day of the period of validity (the visa expiry date), `YYYY-MM-DD`. */
  validUntil: string;
  /** Duration of stay printed on the sticker: days of stay allowed during the validity, 1–90. */
  durationOfStay: number;
  /** Number of entries: single, double or multiple. */
  entries: 1 | 2 | 'multiple';
}

/** An extension of the authorised stay as recorded under EES art. 19 (visa or CISA art. 20(2) extension). */
export interface StayExtensionInput {
  /** New end date of the authorised stay, `YYYY-MM-DD`; the calculator uses it for the current stay. */
  newEndOfStay: string;
}

/** A request about a traveller's authorised stay: the 90/180 rule with the limits that apply on top. */
export interface AuthorisedStayRequest extends StayRequest {
  /**
   * Family member of a Union citizen (or of a free-movement beneficiary) without residence card: recorded
   * in EES but the calculator is not applied (EES art. 11(1)).
   */
  familyMemberOfUnionCitizen?: boolean;
  /** The short-stay visa the traveller holds, if any. */
  visa?: ShortStayVisaInput;
  /** Extensions of the current stay (EES art. 19), in any order. */
  extensions?: readonly StayExtensionInput[];
}

/** Which rule ends the authorised stay first. */
export type StayLimit = 'RULE_90_180' | 'VISA_ENTRIES' | 'VISA_VALIDITY' | 'VISA_DURATION' | 'EXTENSION';

/** How much of a visa is used on the date asked about. */
export interface VisaUse {
  entriesAllowed: 1 | 2 | 'multiple';
  /** Entries recorded within the period of validity up to the date. */
  entriesUsed: number;
  /** Entries left; null for a multiple-entry visa. */
  entriesRemaining: number | null;
  /** True when a single- or double-entry visa allows no further entry (EES art. 11(2)(a); carriers, art. 13(3)). */
  entriesExhausted: boolean;
  /** Stay days within the period of validity up to the date. */
  daysUsed: number;
  /** `max(0, durationOfStay − daysUsed)`. */
  daysRemaining: number;
  validUntil: string;
}

/** The calculator's answer about an authorised stay. */
export type AuthorisedStayAssessment =
  | {
      calculatorApplied: false;
      /** Why not: EES art. 11(1) excludes family members of Union citizens without residence card. */
      reason: 'FAMILY_MEMBER_OF_UNION_CITIZEN';
    }
  | {
      calculatorApplied: true;
      /** The 90/180 control report (the rule alone, without visa or extensions). */
      control: StayControlReport;
      /** True when the last stay is open or covers the date: the traveller is present. */
      present: boolean;
      /**
       * For a present traveller, the last authorised day of the current stay under every limit; null if
       * no day of it was authorised. Null for a traveller not present.
       */
      authorisedUntil: string | null;
      /** Days present after `authorisedUntil`, up to the date (0 when none). */
      overstayDays: number;
      /**
       * For a traveller not present: the longest stay that may begin on the date under every limit, and its
       * last day. Null for a present traveller.
       */
      plannedStay: { days: number; until: string | null } | null;
      /** The limit that ends the current or planned stay first; null when the stay is not limited (no record). */
      limitedBy: StayLimit | null;
      visa: VisaUse | null;
    };

interface Visa {
  validFrom: DayNumber;
  validUntil: DayNumber;
  durationOfStay: number;
  entries: 1 | 2 | 'multiple';
}

function parseVisa(v: ShortStayVisaInput): Visa {
  const validFrom = parseCalendarDate(v.validFrom, 'visa.validFrom');
  const validUntil = parseCalendarDate(v.validUntil, 'visa.validUntil');
  if (validUntil < validFrom) {
    throw invalid(
      STAY_ERRORS.badAuthorisation,
      'visa.validUntil lies before visa.validFrom; check the two dates',
    );
  }
  // A uniform visa allows at most 90 days in any 180-day period (Visa Code, Reg. (EC) 810/2009 art. 2(2)(a)).
  if (!Number.isInteger(v.durationOfStay) || v.durationOfStay < 1 || v.durationOfStay > MAX_STAY_DAYS) {
    throw invalid(
      STAY_ERRORS.badAuthorisation,
      'visa.durationOfStay must be a whole number of days from 1 to 90',
    );
  }
  if (v.entries !== 1 && v.entries !== 2 && v.entries !== 'multiple') {
    throw invalid(STAY_ERRORS.badAuthorisation, 'visa.entries must be 1, 2 or "multiple"');
  }
  return { validFrom, validUntil, durationOfStay: v.durationOfStay, entries: v.entries };
}

function visaUse(visa: Visa, stays: readonly DayStay[], days: StayDays, date: DayNumber): VisaUse {
  const lastDay = Math.min(visa.validUntil, date);
  const entriesUsed = stays.filter((s) => s.entry >= visa.validFrom && s.entry <= lastDay).length;
  const daysUsed = countDays(days, visa.validFrom, lastDay);
  const entriesRemaining = visa.entries === 'multiple' ? null : Math.max(0, visa.entries - entriesUsed);
  return {
    entriesAllowed: visa.entries,
    entriesUsed,
    entriesRemaining,
    entriesExhausted: entriesRemaining === 0,
    daysUsed,
    daysRemaining: Math.max(0, visa.durationOfStay - daysUsed),
    validUntil: formatDay(visa.validUntil),
  };
}

/** Keeps the earliest end; on a tie the limit listed first stays (the 90/180 rule before the visa). */
class EarliestEnd {
  end: DayNumber;
  limit: StayLimit;
  constructor(end: DayNumber, limit: StayLimit) {
    this.end = end;
    this.limit = limit;
  }
  offer(end: DayNumber, limit: StayLimit): void {
    if (end < this.end) {
      this.end = end;
      this.limit = limit;
    }
  }
}

/** Last authorised day of a stay beginning on `start`, under the rule and the visa (`start − 1`: none). */
function endOfStay(
  start: DayNumber,
  stays: readonly DayStay[],
  days: StayDays,
  visa: Visa | null,
): EarliestEnd {
  const end = new EarliestEnd(start + longestCompliantStay(days, start) - 1, 'RULE_90_180');
  if (visa !== null) {
    const entriesBefore = stays.filter(
      (s) => s.entry >= visa.validFrom && s.entry <= visa.validUntil && s.entry < start,
    ).length;
    if (visa.entries !== 'multiple' && entriesBefore >= visa.entries) {
      end.offer(start - 1, 'VISA_ENTRIES');
    }
    end.offer(start < visa.validFrom ? start - 1 : visa.validUntil, 'VISA_VALIDITY');
    const durationLeft = visa.durationOfStay - countDays(days, visa.validFrom, start - 1);
    end.offer(start + Math.max(0, durationLeft) - 1, 'VISA_DURATION');
  }
  return end;
}

/**
 * The authorised stay under the 90/180 rule (SBC art. 6(1)) and the limits on top of it: a short-stay
 * visa's number of entries, validity and duration of stay (EES art. 11(2)(a), art. 16(2)), extensions of
 * the stay (EES art. 19), and family members of Union citizens, to whom the calculator is not applied
 * (EES art. 11(1)).
 *
 * @throws AppError `EES_STAY_*` for malformed dates, an impossible record or a malformed visa.
 */
export function assessAuthorisedStay(request: AuthorisedStayRequest): AuthorisedStayAssessment {
  const { stays, date } = parseStayRequest(request);
  const visa = request.visa === undefined ? null : parseVisa(request.visa);
  const extensionEnds = (request.extensions ?? []).map((e, i) =>
    parseCalendarDate(e.newEndOfStay, `extensions[${i}].newEndOfStay`),
  );
  if (request.familyMemberOfUnionCitizen === true) {
    return { calculatorApplied: false, reason: 'FAMILY_MEMBER_OF_UNION_CITIZEN' };
  }
  const control = presentStayControl(controlStayDays({ stays, date }));
  const last = checkStayRecord(stays, date);
  const days = stayDaysUntil(stays, date);
  const current = stays[last];
  const present =
    current !== undefined && current.entry <= date && (current.exit === null || current.exit >= date);
  const use = visa === null ? null : visaUse(visa, stays, days, date);

  if (present) {
    const end = endOfStay(current.entry, stays, days, visa);
    const extendedTo = Math.max(...extensionEnds);
    if (extensionEnds.length > 0 && extendedTo > end.end) {
      end.end = extendedTo;
      end.limit = 'EXTENSION';
    }
    const authorised = end.end >= current.entry;
    return {
      calculatorApplied: true,
      control,
      present,
      authorisedUntil: authorised ? formatDay(end.end) : null,
      overstayDays: Math.max(0, date - Math.max(end.end, current.entry - 1)),
      plannedStay: null,
      limitedBy: end.limit,
      visa: use,
    };
  }
  const end = endOfStay(date, stays, days, visa);
  const planned = Math.max(0, end.end - date + 1);
  return {
    calculatorApplied: true,
    control,
    present,
    authorisedUntil: null,
    overstayDays: 0,
    plannedStay: { days: planned, until: planned === 0 ? null : formatDay(end.end) },
    limitedBy: end.limit,
    visa: use,
  };
}
