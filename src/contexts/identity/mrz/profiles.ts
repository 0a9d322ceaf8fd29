import type { MrzProfileId } from './types.ts';

/** A named, documented departure from the letter of ICAO Doc 9303 seen on real documents. */
export interface MrzProfile {
  readonly id: MrzProfileId;
  readonly title: string;
  /** What the deviation is and where it is seen. */
  readonly description: string;
  /** Issuing states the deviation is accepted for; `undefined` means any state. */
  readonly issuingStates?: readonly string[];
}

export const MRZ_PROFILES: Readonly<Record<MrzProfileId, MrzProfile>> = Object.freeze({
  'filler-check-digit': {
    id: 'filler-check-digit',
    title: '< as the check digit of an empty field',
    description:
      'Some states print < instead of 0 as the check digit of a field that is all fillers (an unknown date of ' +
      'birth). Doc 9303 Part 4 allows this only for an empty TD3 personal number, which is accepted without ' +
      'this profile.',
  },
  'long-number-filler-in-check': {
    id: 'long-number-filler-in-check',
    title: 'TD1 long document number checked with its filler',
    description:
      'Doc 9303 Part 5 (note to 4.2.2) computes the check digit of a document number longer than 9 characters ' +
      'over the number alone. Older Belgian identity cards (PRADO BEL-BO-03003) compute it over the number with ' +
      'the < at position 15 included, as if the filler were part of the number.',
    issuingStates: ['BEL'],
  },
  'germany-d': {
    id: 'germany-d',
    title: 'Germany as D',
    description:
      'Germany prints the one-letter code D (then two fillers) as issuing state and nationality instead of the ' +
      'ISO 3166-1 code DEU. Doc 9303 Part 3 lists D, so it is valid; the profile marks it and names the ISO code.',
    issuingStates: ['D'],
  },
  'sex-x': {
    id: 'sex-x',
    title: 'X for unspecified sex',
    description:
      'Doc 9303 Part 4 prints < for an unspecified sex in the MRZ; several states print X (the letter used in ' +
      'the visual zone).',
  },
});

/** Every known profile, the default set when parsing. */
export const ALL_MRZ_PROFILES: readonly MrzProfileId[] = Object.freeze(
  Object.keys(MRZ_PROFILES) as MrzProfileId[],
);

/** True when `profile` is enabled and, where it is limited to some states, applies to `issuingState`. */
export function profileApplies(
  enabled: ReadonlySet<MrzProfileId>,
  profile: MrzProfileId,
  issuingState: string,
): boolean {
  const states = MRZ_PROFILES[profile].issuingStates;
  return enabled.has(profile) && (states === undefined || states.includes(issuingState));
}
