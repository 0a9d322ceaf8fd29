import type { Actor, AuthorityType } from '../access/index.ts';
import type { CirRef, CirSystem } from '../cir/index.ts';
import type { MidOutcome, MidRuleId } from '../identity/index.ts';

/**
 * The multiple-identity detector (Regs. (EU) 2019/817 and 2019/818, arts. 25-36): on every create or update
 * of a CIR file or SIS person alert it compares the record with the other systems' records (biometrics
 * through sBMS, identity data with the same/similar rules of Del. Regs. 2023/333 and 2023/332, travel
 * documents) and stores a link for every match, in an identity confirmation file (art. 34).
 */

/** Link colours (arts. 30-33). Automated detection makes only yellow and white; green and red need a person. */
export const LINK_COLORS = ['yellow', 'white', 'green', 'red'] as const;
export type LinkColor = (typeof LINK_COLORS)[number];

/** The colours a verifying authority may give (art. 29: yellow becomes white, green or red). */
export const VERIFIED_COLORS = ['white', 'green', 'red'] as const;
export type VerifiedColor = (typeof VERIFIED_COLORS)[number];

/**
 * What fired, in a link's `rules` (art. 27 steps): `biometric` (sBMS match), `identity-same` /
 * `identity-similar` (the acts' verdict, with the Annex II rule ids that decided it, e.g. `N-b`), `document`
 * (the same travel document number and issuing state).
 */
export type LinkRule = 'biometric' | 'identity-same' | 'identity-similar' | 'document' | MidRuleId;

/** The evidence of one pair of records, from which the automated colour follows (arts. 30 and 33). */
export interface LinkEvidence {
  /**
   * `match` / `no-match` when both records hold templates of a common modality and sBMS compared them;
   * `not-compared` when at least one record holds none (ETIAS never does).
   */
  biometric: 'match' | 'no-match' | 'not-compared';
  /** The fused score (log-likelihood ratio) and its false-match rate, when compared. */
  biometricScore?: number;
  falseMatchRate?: number;
  /** The identity-data verdict of the same/similar rules. */
  identity: MidOutcome;
  /** The Annex II rules behind a `similar` verdict. */
  identityRules: readonly MidRuleId[];
  /** Both records hold the same travel document (number and, where both know it, issuing state). */
  document: boolean;
}

/**
 * The authority that verifies a yellow link (art. 29): the authority type and member state responsible for
 * the record whose creation or update made the link, or the SIRENE Bureau of the issuing state when the link
 * points to one of the SIS alerts of art. 29(2).
 */
export interface Verifier {
  authorityType: AuthorityType;
  memberState: string;
  /** The system of the record that decided it. */
  system: CirSystem;
  /** Why this authority, with the article (for the identity confirmation file and the screen). */
  basis: string;
}

/** One link as stored (the identity confirmation file holds it, art. 34). */
export interface MidLink {
  id: string;
  /** The single identification number of the identity confirmation file (art. 34(c)). */
  icf: string;
  color: LinkColor;
  /** The two records, the one whose creation or update made the link first. */
  records: readonly [CirRef, CirRef];
  rules: readonly LinkRule[];
  evidence: LinkEvidence;
  verifier: Verifier;
  createdAt: string;
  updatedAt: string;
  /** Yellow only: by when the verifying authority should decide (art. 29; hours [K], see settings). */
  verifyBy?: string;
  /** Set once verified (arts. 31-33): who, when and why. */
  verification?: {
    color: VerifiedColor;
    reason: string;
    by: string;
    authority: string;
    at: string;
  };
}

/**
 * Who is looking at links (art. 26): the authority and the systems it has access to. Derived from the actor's
 * permissions (`viewerOf`).
 */
export interface MidViewer {
  authorityType: AuthorityType | 'system';
  memberState: string;
  /** CIR systems and SIS the authority has access to. */
  systems: ReadonlySet<CirSystem>;
}

/**
 * What a query result, the border check or a SIS search shows of the links of a record it returned
 * (art. 26(2)-(4) and SBC art. 8(4a)): the colour, the other record where the viewer may see it, and the
 * identity confirmation file's number and responsible authority.
 */
export interface LinkNotice {
  linkId: string;
  icf: string;
  color: LinkColor;
  /** The record of the query's result this notice is about. */
  record: CirRef;
  /** The linked record, when the viewer has access to its system; otherwise only its system. */
  other: CirRef | { system: CirSystem };
  verifier: Verifier;
  /** `not yet verified` for yellow (art. 30), else the verified colour's meaning. */
  meaning: string;
}

/**
 * The part of the MID other contexts and flows use (the border check, the portal, the SIS search): the
 * notices of the links of the given records that the actor may see under art. 26. `matched` are the records
 * the same query returned (a green link is shown only when the query matched both of its records).
 */
export interface MidLinkNotices {
  noticesFor(
    actor: Actor,
    records: readonly CirRef[],
    options?: { matched?: readonly CirRef[] },
  ): Promise<Map<CirRef, LinkNotice[]>>;
}

/** The change-feed topic of every created, recoloured, verified or removed link (refs: link ids). */
export const LINKS_TOPIC = 'mid.links';
