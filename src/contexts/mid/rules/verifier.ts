import type { AuthorityType } from '../../access/index.ts';
import type { CirFile } from '../../cir/index.ts';
import type { Verifier } from '../model.ts';

/**
 * The SIS alert categories whose links the SIRENE Bureau of the issuing state verifies whatever record made
 * the link (2019/818 art. 29(2): arrest, missing or vulnerable persons, judicial procedure, discreet, inquiry
 * and specific checks, unknown suspects; 2019/817 analogous [K]).
 */
export const SIRENE_OVERRIDE_CATEGORIES: readonly string[] = Object.freeze([
  'arrest',
  'missing',
  'judicial-procedure',
  'check',
  'unknown-suspect',
]);

/**
 * The authority responsible for the manual verification of a link (art. 29(1)): the one responsible for the
 * record whose creation or update made the link (`trigger`), unless the link points to one of the SIS
 * alerts of art. 29(2), whose issuing state's SIRENE Bureau then verifies it. The MID records it in the
 * identity confirmation file (art. 34(d)).
 */
export function verifierOf(trigger: CirFile, other: CirFile): Verifier {
  for (const file of [trigger, other]) {
    if (file.system === 'sis' && SIRENE_OVERRIDE_CATEGORIES.includes(file.sisCategory ?? '')) {
      return {
        authorityType: 'sirene',
        memberState: file.memberState,
        system: 'sis',
        basis: `art. 29(2): the SIRENE Bureau of the state that issued the ${file.sisCategory ?? ''} alert`,
      };
    }
  }
  const by: Record<CirFile['system'], { type: AuthorityType; memberState: string; basis: string }> = {
    ees: {
      type: 'border',
      memberState: trigger.memberState,
      basis: 'art. 29(1)(a): the authority of EES art. 9(2) that created or updated the individual file',
    },
    etias: {
      type: 'etias-central',
      memberState: 'EU',
      // [K] art. 29(1)(c) names the Central Unit and the National Units; the Central Unit takes the queue.
      basis: 'art. 29(1)(c): the ETIAS Central Unit, for matches made by an application file',
    },
    eurodac: {
      type: 'asylum',
      memberState: trigger.memberState,
      basis: '2019/818 art. 29(1) [K]: the Eurodac authority of the state that recorded the dataset',
    },
    sis: {
      type: 'sirene',
      memberState: trigger.memberState,
      basis: 'art. 29(1)(d): the SIRENE Bureau of the state that created or updated the alert',
    },
  };
  const v = by[trigger.system];
  return { authorityType: v.type, memberState: v.memberState, system: trigger.system, basis: v.basis };
}

/**
 * Hours a verifying authority has for a yellow link. Art. 29 says "without delay"; at the border the person
 * present must be given the chance to explain (SBC art. 8(4a)). Explicit hour limits are unconfirmed
 * (regulations digest §11.1): these figures are [K], configuration, shown as `verifyBy`.
 */
export const DEFAULT_VERIFY_WITHIN_HOURS: Readonly<Partial<Record<AuthorityType, number>>> = Object.freeze({
  border: 12,
  sirene: 8,
  'etias-central': 8,
  'etias-national': 8,
  asylum: 8,
});

/** When a yellow link should be verified by, from its creation (ISO instant). */
export function verifyByOf(
  createdAt: Date,
  verifier: Verifier,
  hours: Readonly<Partial<Record<AuthorityType, number>>> = DEFAULT_VERIFY_WITHIN_HOURS,
): string {
  const h = hours[verifier.authorityType] ?? 8;
  return new Date(createdAt.getTime() + h * 3_600_000).toISOString();
}
