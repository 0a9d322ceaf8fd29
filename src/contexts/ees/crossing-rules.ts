import { conflict, invalid } from '../../platform/errors.ts';
import { EES_ERRORS } from './errors.ts';
import {
  BIOMETRIC_REFUSAL_REASONS,
  REFUSAL_REASONS,
  type FingerprintSet,
  type RefusalInput,
  type VisaInput,
} from './model.ts';
import type { FileRow, RecordRow } from './repository.ts';
import { staysUpTo, toCalculatorVisa } from './stay-view.ts';
import { assessAuthorisedStay, parseCalendarDate } from './stay/index.ts';

/**
 * The rules of a crossing against the file's stored records (EES arts. 16(2)-(3), 18), as pure functions:
 * the services apply them inside the transaction that locks the file, the bulk import to the records of a
 * file it builds in memory. Each throws the same `EES_*` error.
 */

const dayNumber = (date: string) => parseCalendarDate(date, 'date');

/** A new entry: no stay open, not before the last exit, the visa as the file kind asks; the authorised stay. */
export function entryRules(
  file: Pick<FileRow, 'kind'>,
  records: readonly RecordRow[],
  entry: { at: Date; entryDate: string; visa: VisaInput | null; familyMember: boolean },
): { authorisedUntil: string | null; limitedBy: string | null } {
  const { at, entryDate, visa, familyMember } = entry;
  const open = records.find((r) => r.exit_at === null);
  if (open !== undefined) {
    throw conflict(
      EES_ERRORS.stayAlreadyOpen,
      `The traveller entered on ${open.entry_date} at ${open.entry_bcp} and has no exit yet: record that exit first (or correct the record).`,
      { recordId: open.id },
    );
  }
  const last = records.at(-1);
  if (last?.exit_at && new Date(last.exit_at).getTime() > at.getTime()) {
    throw conflict(
      EES_ERRORS.entryBeforeLastExit,
      `This entry lies before the last exit (${new Date(last.exit_at).toISOString()}); check the time of entry.`,
      { recordId: last.id },
    );
  }
  if (file.kind === 'visa-holder' && visa === null && !familyMember) {
    throw invalid(
      EES_ERRORS.visaRequired,
      'A visa holder enters with a visa: give the visa data (EES art. 16(2)(d)).',
    );
  }
  if (file.kind === 'visa-exempt' && visa !== null) {
    throw invalid(
      EES_ERRORS.visaNotExpected,
      'This traveller is visa-exempt: leave the visa data out or correct the file kind.',
    );
  }
  if (visa !== null && (entryDate < visa.validFrom || entryDate > visa.validUntil)) {
    throw invalid(
      EES_ERRORS.visaNotValidOnEntry,
      `The visa is valid from ${visa.validFrom} to ${visa.validUntil}, not on ${entryDate}: refuse entry (ground C) instead.`,
    );
  }
  if (familyMember) {
    return { authorisedUntil: null, limitedBy: null };
  }
  const a = assessAuthorisedStay({
    stays: [...staysUpTo(records, entryDate), { entry: entryDate, exit: null }],
    date: entryDate,
    ...(visa === null ? {} : { visa: toCalculatorVisa(visa) }),
  });
  if (!a.calculatorApplied) {
    return { authorisedUntil: null, limitedBy: null };
  }
  if (a.authorisedUntil === null) {
    throw conflict(
      EES_ERRORS.noAuthorisedStay,
      `No day of stay is authorised from ${entryDate} (limited by ${a.limitedBy ?? 'the 90/180 rule'}): record a refusal of entry instead.`,
      { limitedBy: a.limitedBy },
    );
  }
  return { authorisedUntil: a.authorisedUntil, limitedBy: a.limitedBy };
}

/** An exit: the open stay it closes and the days of overstay, if any. */
export function exitRules(
  records: readonly RecordRow[],
  exit: { at: Date; exitDate: string },
): { open: RecordRow; overstayDays: number | null } {
  const open = records.find((r) => r.exit_at === null);
  if (open === undefined) {
    throw conflict(EES_ERRORS.noOpenStay, 'The traveller has no entry without exit; record the entry first.');
  }
  if (exit.at.getTime() < new Date(open.entry_at).getTime() || exit.exitDate < open.entry_date) {
    throw invalid(
      EES_ERRORS.exitBeforeEntry,
      `The exit lies before the entry of ${new Date(open.entry_at).toISOString()}; check the time of exit.`,
    );
  }
  const overstayDays =
    open.authorised_until === null
      ? null
      : Math.max(0, dayNumber(exit.exitDate) - dayNumber(open.authorised_until));
  return { open, overstayDays };
}

/** The grounds of refusal, each once, sorted (SBC Annex V Part B). */
export function checkReasons(reasons: readonly string[]): RefusalInput['reasons'] {
  if (reasons.length === 0 || new Set(reasons).size !== reasons.length) {
    throw invalid(
      EES_ERRORS.refusalReasons,
      'Give each ground of refusal (Annex V Part B letter) once, at least one.',
    );
  }
  for (const r of reasons) {
    if (!(REFUSAL_REASONS as readonly string[]).includes(r)) {
      throw invalid(
        EES_ERRORS.refusalReasons,
        `"${r}" is not a ground of refusal; use ${REFUSAL_REASONS.join(', ')}.`,
      );
    }
  }
  return [...reasons].sort() as RefusalInput['reasons'];
}

/** A refusal: nobody in the territory is refused; grounds B, D and H need biometrics (art. 18(2)). */
export function refusalRules(
  file: Pick<FileRow, 'kind' | 'facial_image_ref' | 'fingerprint_status'>,
  records: readonly RecordRow[],
  refusal: { reasons: RefusalInput['reasons']; face: string | null; prints: FingerprintSet | null },
): void {
  const open = records.find((r) => r.exit_at === null);
  if (open !== undefined) {
    throw conflict(
      EES_ERRORS.stayAlreadyOpen,
      `The traveller entered on ${open.entry_date} and has no exit yet; a person in the territory cannot be refused entry.`,
      { recordId: open.id },
    );
  }
  if (refusal.reasons.some((r) => BIOMETRIC_REFUSAL_REASONS.includes(r))) {
    const hasFace = file.facial_image_ref !== null || refusal.face !== null;
    const hasPrints =
      file.kind === 'visa-holder' ||
      file.fingerprint_status === 'captured' ||
      file.fingerprint_status === 'not-applicable' ||
      refusal.prints !== null;
    if (!hasFace || !hasPrints) {
      throw invalid(
        EES_ERRORS.refusalNeedsBiometrics,
        'A refusal on grounds B, D or H needs the facial image and, for a visa-exempt traveller, the fingerprints (EES art. 18(2)); capture them with the refusal.',
      );
    }
  }
}
