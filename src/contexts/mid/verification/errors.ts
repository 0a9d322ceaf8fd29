/** Stable error codes of the manual verification of links (Regs. (EU) 2019/817 and 2019/818, arts. 29-33). */
export const MID_VERIFICATION_ERRORS = {
  /** No such link, or one the caller's authority does not verify (art. 26(1): the same answer, no enumeration). */
  linkNotFound: 'MID_LINK_NOT_FOUND',
  /** The caller's authority is not the link's verifying authority (art. 29: its type and member state). */
  notVerifier: 'MID_NOT_VERIFIER',
  /** Only a yellow link is verified (art. 29); a verified link's colour is final here. */
  linkNotYellow: 'MID_LINK_NOT_YELLOW',
  /** A verification body that is not valid (colour, reason); `details.problems` lists each `{ field, message }`. */
  verificationInvalid: 'MID_VERIFICATION_INVALID',
  /** The colour is excluded for this link's evidence by arts. 31-33; `details.allowed` names the possible ones. */
  colorNotAllowed: 'MID_COLOR_NOT_ALLOWED',
} as const;

export type MidVerificationErrorCode = (typeof MID_VERIFICATION_ERRORS)[keyof typeof MID_VERIFICATION_ERRORS];
