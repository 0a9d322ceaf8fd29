import type { Actor } from '../../access/index.ts';
import { conflict, forbidden, invalid, unprocessable } from '../../../platform/errors.ts';
import {
  VERIFIED_COLORS,
  type LinkColor,
  type LinkEvidence,
  type MidLink,
  type VerifiedColor,
  type Verifier,
} from '../model.ts';
import { MID_VERIFICATION_ERRORS } from '../verification/errors.ts';

/** The longest reason a verifying authority may give (characters). */
export const MAX_REASON_LENGTH = 2000;

/**
 * What each colour says (arts. 30-33 of Regs. (EU) 2019/817 and 2019/818), as the screens, the notices and the
 * identity confirmation file put it.
 */
export const COLOR_MEANINGS: Readonly<Record<LinkColor, string>> = Object.freeze({
  yellow:
    'not yet verified: the linked data may belong to one person under several identities or to different people (art. 30)',
  white: 'the same person, lawfully: the linked data belong to one person legitimately (art. 33)',
  green: 'different people, lawfully: the linked data belong to two persons legitimately (art. 31)',
  red: 'unlawful: one person using several identities, or different people sharing identity or travel-document data (art. 32)',
});

/**
 * Art. 29: only the authority responsible for the manual verification (its type and member state, recorded in
 * the identity confirmation file, art. 34(d)) verifies a link. An authority of another type or state is told
 * who does.
 */
export function requireVerifier(actor: Actor, verifier: Verifier): void {
  if (actor.authorityType !== verifier.authorityType || actor.memberState !== verifier.memberState) {
    throw forbidden(
      MID_VERIFICATION_ERRORS.notVerifier,
      `This link is verified by the ${verifier.authorityType} authority of ${verifier.memberState} (${verifier.basis}); your authority (${actor.authorityType}, ${actor.memberState}) may not verify it.`,
      { verifier: { authorityType: verifier.authorityType, memberState: verifier.memberState } },
    );
  }
}

/** Whether the actor's authority is the link's verifying authority (art. 29). */
export const isVerifier = (actor: Actor, verifier: Verifier): boolean =>
  actor.authorityType === verifier.authorityType && actor.memberState === verifier.memberState;

/**
 * Art. 29: a yellow link is verified once, into white, green or red. A white link made by the automated
 * process (art. 33(1)(a)-(c)) needs no verification, and a verified colour is final here: correcting it is a
 * matter for the data-subject rights of art. 48 [K], not a second verification.
 */
export function requireYellow(link: Pick<MidLink, 'id' | 'color' | 'verification'>): void {
  if (link.color !== 'yellow') {
    throw conflict(
      MID_VERIFICATION_ERRORS.linkNotYellow,
      link.verification === undefined
        ? `Link ${link.id} is ${link.color} from the automated process (art. 33): only a yellow link is verified.`
        : `Link ${link.id} was verified ${link.verification.color} on ${link.verification.at.slice(0, 10)} by ${link.verification.authority}: a verified link is not verified again.`,
      { color: link.color },
    );
  }
}

/** A verification as asked for, checked field by field. */
export interface VerificationInput {
  color: VerifiedColor;
  /** The verifying authority's reasons, 1-2000 characters after trimming. */
  reason: string;
  /** Red only: the person is not informed (art. 32(4) [K]) because it would prejudice security or an investigation. */
  withholdNotice?: { reason: string };
}

/**
 * Checks the body of a verification: a colour among white, green and red (art. 29), a reason of 1-2000
 * characters (arts. 31-33: the authority's conclusion, kept in the identity confirmation file) and, for a red
 * link only, an optional reason not to inform the person (art. 32 [K]).
 */
export function parseVerification(body: {
  color: unknown;
  reason: unknown;
  withholdNotice?: { reason?: unknown } | null;
}): VerificationInput {
  const problems: Array<{ field: string; message: string }> = [];
  const color = VERIFIED_COLORS.find((c) => c === body.color);
  if (color === undefined) {
    problems.push({ field: 'color', message: `One of ${VERIFIED_COLORS.join(', ')} (art. 29).` });
  }
  const reasonProblem = reasonCheck(body.reason);
  if (reasonProblem !== null) {
    problems.push({ field: 'reason', message: reasonProblem });
  }
  let withhold: { reason: string } | undefined;
  if (body.withholdNotice !== undefined) {
    const w = body.withholdNotice;
    const wProblem = reasonCheck(w?.reason);
    if (wProblem !== null) {
      problems.push({ field: 'withholdNotice.reason', message: wProblem });
    } else if (color !== undefined && color !== 'red') {
      problems.push({
        field: 'withholdNotice',
        message:
          'Only a red link sends the person a notice (art. 32); leave withholdNotice out for other colours.',
      });
    } else {
      withhold = { reason: (w!.reason as string).trim() };
    }
  }
  if (problems.length > 0 || color === undefined) {
    throw invalid(MID_VERIFICATION_ERRORS.verificationInvalid, problems[0]!.message, { problems });
  }
  return {
    color,
    reason: (body.reason as string).trim(),
    ...(withhold === undefined ? {} : { withholdNotice: withhold }),
  };
}

function reasonCheck(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim().length === 0) {
    return 'Give the reasons for the decision (1-2000 characters).';
  }
  if (value.trim().length > MAX_REASON_LENGTH) {
    return `The reasons are at most ${MAX_REASON_LENGTH} characters (${value.trim().length} given).`;
  }
  return null;
}

/** Whether a colour fits the evidence, with the article point it rests on or the reason it is excluded. */
export interface ColorOption {
  color: VerifiedColor;
  allowed: boolean;
  /** The article point that allows it, or why the articles exclude it. */
  basis: string;
}

/**
 * The colours a verifying authority may give a link with this evidence (arts. 31-33). The articles list the
 * situations of green and red exhaustively ("shall be classified as … where"); white after manual
 * verification (art. 33(1)(d)) has no condition on the evidence.
 *
 * - White, art. 33(1)(d): the authority concluded the data refer to the same person legitimately.
 * - Green, art. 31(1): (a) different biometric data, the same identity data; (b) different biometric data,
 *   similar or different identity data, the same travel document; (c) different identity data, the same
 *   travel document, one system without biometric data on the person. In every case the biometric data do
 *   not match: a link with the same biometric data cannot be two different people.
 * - Red, art. 32(1): (a) the same biometric data, similar or different identity data (one person, several
 *   identities); (b) the same travel document, different biometric data (two people, at least one using the
 *   document unjustifiably); (c) the same identity data, different biometric data, different or no travel
 *   document (two people, unjustifiably); (d) different identity data, the same travel document, one system
 *   without biometric data (one person, unjustifiably).
 *
 * [K] "The same identity data" of arts. 31(1)(a) and 32(1)(c) is read as the acts' same or similar (Del.
 * Regs. 2023/333 and 2023/332, recital 3: the automated process treats both alike), so a namesake with a
 * spelling variant can be green or red like an exact one.
 */
export function colorOptions(evidence: LinkEvidence): ColorOption[] {
  const bioMatch = evidence.biometric === 'match';
  const bioDiffer = evidence.biometric === 'no-match';
  const noBio = evidence.biometric === 'not-compared';
  const idMatch = evidence.identity !== 'different';
  const doc = evidence.document;

  const green: ColorOption = bioMatch
    ? {
        color: 'green',
        allowed: false,
        basis:
          'the biometric data match: art. 31(1) makes a link green only where the biometric data differ or a system holds none, so a match cannot be two different people',
      }
    : bioDiffer && idMatch
      ? {
          color: 'green',
          allowed: true,
          basis: 'art. 31(1)(a): different biometric data, the same identity data',
        }
      : bioDiffer && doc
        ? {
            color: 'green',
            allowed: true,
            basis: 'art. 31(1)(b): different biometric data, the same travel document',
          }
        : noBio && doc && !idMatch
          ? {
              color: 'green',
              allowed: true,
              basis:
                'art. 31(1)(c): different identity data, the same travel document, no biometric data in one system',
            }
          : noBio && idMatch
            ? {
                color: 'green',
                allowed: true,
                basis:
                  'art. 31(1) [K]: the same or similar identity data where one system holds no biometric data; the authority concluded they are two people',
              }
            : {
                color: 'green',
                allowed: false,
                basis: 'none of the situations of art. 31(1) applies to this evidence',
              };

  const redBases: string[] = [];
  if (bioMatch && evidence.identity !== 'same') {
    redBases.push('art. 32(1)(a): the same biometric data with similar or different identity data');
  }
  if (doc && bioDiffer) {
    redBases.push('art. 32(1)(b): the same travel document with different biometric data');
  }
  if (idMatch && bioDiffer) {
    redBases.push('art. 32(1)(c): the same identity data with different biometric data');
  }
  if (!idMatch && doc && noBio) {
    redBases.push(
      'art. 32(1)(d): different identity data sharing a travel document, no biometric data in one system',
    );
  }
  const red: ColorOption =
    redBases.length > 0
      ? { color: 'red', allowed: true, basis: redBases.join('; ') }
      : {
          color: 'red',
          allowed: false,
          basis: noBio
            ? 'one system holds no biometric data and the travel documents differ: art. 32(1)(d) needs a shared travel document with different identity data, and (a)-(c) need a biometric comparison'
            : bioMatch
              ? 'the biometric data match and the identity data are the same: nothing is unjustified under art. 32(1)'
              : 'none of the situations of art. 32(1) applies to this evidence',
        };

  return [
    {
      color: 'white',
      allowed: true,
      basis:
        'art. 33(1)(d): the authority concluded that the linked data refer to the same person legitimately (e.g. a change of name, a transliteration)',
    },
    green,
    red,
  ];
}

/**
 * Refuses a colour the articles exclude for the link's evidence (422 `MID_COLOR_NOT_ALLOWED`), saying why and
 * which colours are possible.
 */
export function requireColorAllowed(evidence: LinkEvidence, color: VerifiedColor): ColorOption {
  const options = colorOptions(evidence);
  const option = options.find((o) => o.color === color)!;
  if (!option.allowed) {
    const allowed = options.filter((o) => o.allowed).map((o) => o.color);
    throw unprocessable(
      MID_VERIFICATION_ERRORS.colorNotAllowed,
      `This link cannot be ${color}: ${option.basis}. Possible: ${allowed.join(', ')}.`,
      { color, allowed, basis: option.basis },
    );
  }
  return option;
}
