import type { DecisionRow, FileBundle, RecordRow } from './repository.ts';
import type { VisaInput } from './model.ts';
import {
  assessAuthorisedStay,
  parseCalendarDate,
  type AuthorisedStayAssessment,
  type ShortStayVisaInput,
  type StayControlReport,
  type StayInput,
  type VisaUse,
} from './stay/index.ts';

/** The calculator's figures for a file on one day, as the file view, verification and web services use them. */
export interface StaySummary {
  date: string;
  /** False for a family member of a Union citizen without residence card (EES art. 11(1)). */
  calculatorApplied: boolean;
  /** The 90/180 control report; null when the calculator is not applied. */
  control: StayControlReport | null;
  present: boolean;
  /** Last authorised day of the current stay, art. 19 decisions included. */
  authorisedUntil: string | null;
  overstayDays: number;
  /** For a traveller not present: the longest stay that may start on `date`. */
  plannedStay: { days: number; until: string | null } | null;
  limitedBy: string | null;
  visa: VisaUse | null;
}

const dayOf = (date: string) => parseCalendarDate(date, 'date');

export const toCalculatorVisa = (v: VisaInput): ShortStayVisaInput => ({
  validFrom: v.validFrom,
  validUntil: v.validUntil,
  durationOfStay: v.durationOfStay,
  entries: v.entries,
});

/** Stays recorded up to `date` (entries after it do not exist yet on that day). */
export function staysUpTo(records: readonly RecordRow[], date: string): StayInput[] {
  return records.filter((r) => r.entry_date <= date).map((r) => ({ entry: r.entry_date, exit: r.exit_date }));
}

/** The latest record (by entry) up to `date`. */
export function lastRecord(records: readonly RecordRow[], date: string): RecordRow | undefined {
  return records.filter((r) => r.entry_date <= date).at(-1);
}

/**
 * The visa that bounds the stay on `date`: the one recorded with the current stay, or the latest recorded
 * visa still valid on `date` (planning). Visas EES has not seen yet are unknown to it.
 */
export function visaFor(records: readonly RecordRow[], date: string): VisaInput | null {
  const last = lastRecord(records, date);
  if (last?.visa && (last.exit_date === null || last.exit_date >= date)) {
    return last.visa;
  }
  const valid = records.filter((r) => r.visa !== null && r.entry_date <= date && r.visa.validUntil >= date);
  return valid.at(-1)?.visa ?? null;
}

const extensionsOf = (record: RecordRow | undefined, decisions: readonly DecisionRow[]) =>
  record === undefined
    ? []
    : decisions
        .filter((d) => d.record_id === record.id && d.kind === 'extended' && d.new_end_of_stay !== null)
        .map((d) => ({ newEndOfStay: d.new_end_of_stay! }));

/**
 * The calculator on a file (EES art. 11): 90/180 rule with the visa's limits and art. 19 extensions; a stored
 * end of stay that a revocation or annulment brought forward takes precedence over the calculator's.
 */
export function summariseStay(b: FileBundle, date: string): StaySummary {
  const records = b.records;
  const last = lastRecord(records, date);
  const present = last !== undefined && (last.exit_date === null || last.exit_date >= date);
  const visa = visaFor(records, date);
  const a: AuthorisedStayAssessment = assessAuthorisedStay({
    stays: staysUpTo(records, date),
    date,
    ...(visa === null ? {} : { visa: toCalculatorVisa(visa) }),
    extensions: present ? extensionsOf(last, b.decisions) : [],
    familyMemberOfUnionCitizen: present && last.family_member,
  });
  if (!a.calculatorApplied) {
    return {
      date,
      calculatorApplied: false,
      control: null,
      present,
      authorisedUntil: null,
      overstayDays: 0,
      plannedStay: null,
      limitedBy: null,
      visa: null,
    };
  }
  let authorisedUntil = a.authorisedUntil;
  let overstayDays = a.overstayDays;
  let limitedBy: string | null = a.limitedBy;
  const stored = present ? last.authorised_until : null;
  if (
    stored !== null &&
    (authorisedUntil === null || stored < authorisedUntil) &&
    last?.limited_by === 'DECISION'
  ) {
    authorisedUntil = stored;
    limitedBy = 'DECISION';
    overstayDays = Math.max(0, dayOf(date) - dayOf(stored));
  }
  return {
    date,
    calculatorApplied: true,
    control: a.control,
    present: a.present,
    authorisedUntil,
    overstayDays,
    plannedStay: a.plannedStay,
    limitedBy,
    visa: a.visa,
  };
}
