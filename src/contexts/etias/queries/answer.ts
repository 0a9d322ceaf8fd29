import { daysBetween } from '../../../platform/dates.ts';
import { findMemberState } from '../../reference/index.ts';
import type { ApplicationStatus, AuthorisationFlag } from '../model.ts';

/**
 * What the ETIAS central system holds for one travel document, as the border (art. 47), immigration (art. 49),
 * carrier (art. 45) and portal queries read it: one line per application file linked to the document.
 */
export interface AuthorisationOnFile {
  applicationId: string;
  status: ApplicationStatus;
  /** Art. 36(5): the first and last day of validity (calendar dates); null before issue. */
  validFrom: string | null;
  validUntil: string | null;
  /** Art. 36(2)-(3) flags still on the authorisation. */
  flags: readonly AuthorisationFlag[];
  /** Art. 44: the member states where a limited-territorial-validity authorisation is valid; null otherwise. */
  territorialValidity: readonly string[] | null;
  /** Art. 17(2)(l): the applicant declared to be a family member of a Union citizen (art. 47(2)(e)). */
  familyMember: boolean;
  /** Day of the last decision (issue, refusal, annulment, revocation), if any. */
  decidedOn: string | null;
}

/**
 * The answer to the border query (art. 47(2)): whether a valid travel authorisation exists, until when and how
 * many days remain, the states of a limited territorial validity, the flags, and whether it expires within the
 * warning period (the traveller must then be told, art. 47(2)(c)). When no authorisation is valid, `status`
 * says why: none on file, still in processing, expired, refused, annulled or revoked.
 */
export interface AuthorisationAnswer {
  valid: boolean;
  /** Valid, and valid in the member state asked about (art. 44 limited territorial validity). */
  validHere: boolean;
  status: 'valid' | 'none' | 'pending' | 'expired' | 'refused' | 'annulled' | 'revoked';
  applicationId: string | null;
  validUntil: string | null;
  /** Days of validity left, today included; 0 when not valid. */
  remainingDays: number;
  expiresSoon: boolean;
  territorialValidity: string[] | null;
  flags: AuthorisationFlag[];
  familyMember: boolean;
  /** Day of the refusal, annulment or revocation that `status` names. */
  decidedOn: string | null;
}

/** One spelling for a member state, whether a list names it by its alpha-2 or its alpha-3 code. */
const stateCode = (code: string): string => findMemberState(code)?.alpha3 ?? code.trim().toUpperCase();

const NOT_VALID_ORDER: Readonly<Partial<Record<ApplicationStatus, number>>> = {
  revoked: 0,
  annulled: 1,
  refused: 2,
};

/**
 * Reads the files of one document on `today` in `memberState` (ISO alpha-2 or alpha-3 codes; null when the
 * question is not about one state). A valid authorisation wins over any other file (a new application after a
 * refusal); without one, the most recent decision says why there is none.
 */
export function answerFor(
  files: readonly AuthorisationOnFile[],
  at: { today: string; memberStates: readonly string[] | null; expiryWarningDays: number },
): AuthorisationAnswer {
  const valid = files
    .filter(
      (f) =>
        f.status === 'issued' &&
        f.validUntil !== null &&
        f.validUntil >= at.today &&
        (f.validFrom === null || f.validFrom <= at.today),
    )
    // The one valid longest, and among those one valid everywhere before one of limited validity.
    .sort(
      (a, b) =>
        b.validUntil!.localeCompare(a.validUntil!) ||
        Number(a.territorialValidity !== null) - Number(b.territorialValidity !== null),
    );
  const asked = at.memberStates?.map(stateCode) ?? null;
  const here = (f: AuthorisationOnFile) =>
    f.territorialValidity === null ||
    asked === null ||
    f.territorialValidity.some((s) => asked.includes(stateCode(s)));
  const best = valid.find(here) ?? valid[0];
  if (best !== undefined) {
    const remainingDays = daysBetween(at.today, best.validUntil!) + 1;
    return {
      valid: true,
      validHere: here(best),
      status: 'valid',
      applicationId: best.applicationId,
      validUntil: best.validUntil,
      remainingDays,
      expiresSoon: remainingDays <= at.expiryWarningDays,
      territorialValidity: best.territorialValidity === null ? null : [...best.territorialValidity],
      flags: [...best.flags],
      familyMember: best.familyMember,
      decidedOn: best.decidedOn,
    };
  }
  const none = (status: AuthorisationAnswer['status'], f?: AuthorisationOnFile): AuthorisationAnswer => ({
    valid: false,
    validHere: false,
    status,
    applicationId: f?.applicationId ?? null,
    validUntil: f?.validUntil ?? null,
    remainingDays: 0,
    expiresSoon: false,
    territorialValidity: null,
    flags: [],
    familyMember: f?.familyMember ?? false,
    decidedOn: f?.decidedOn ?? null,
  });
  const latest = [...files].sort((a, b) => (b.decidedOn ?? '').localeCompare(a.decidedOn ?? ''));
  const decided = latest
    .filter((f) => NOT_VALID_ORDER[f.status] !== undefined)
    .sort(
      (a, b) =>
        (b.decidedOn ?? '').localeCompare(a.decidedOn ?? '') ||
        NOT_VALID_ORDER[a.status]! - NOT_VALID_ORDER[b.status]!,
    )[0];
  const pending = files.find((f) => f.status === 'pending' || f.status === 'manual');
  if (pending !== undefined) {
    return none('pending', pending);
  }
  const expired = latest.find((f) => f.status === 'issued');
  if (
    decided !== undefined &&
    (expired === undefined || (decided.decidedOn ?? '') >= (expired.decidedOn ?? ''))
  ) {
    return none(decided.status as 'refused' | 'annulled' | 'revoked', decided);
  }
  if (expired !== undefined) {
    return none('expired', expired);
  }
  return none('none');
}
