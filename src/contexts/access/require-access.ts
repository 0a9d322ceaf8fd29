import { forbidden, invalid, type AppError } from '../../platform/errors.ts';
import { isPurpose, PURPOSES, type Actor, type Permission, type Purpose } from './model.ts';

/**
 * The first line of every use case: the actor must hold the permission, and where personal data are
 * touched, name a purpose that their profile allows. Returns the checked purpose.
 */
export function requireAccess(input: {
  actor: Actor;
  permission: Permission;
  purpose?: string | null;
  /**
   * The purposes this operation serves, when it serves fewer than the profile allows: entering an alert is
   * alert management, never a police identity check, even for a profile allowed both.
   */
  forPurposes?: readonly Purpose[];
}): Purpose | null {
  const { actor, permission, purpose, forPurposes } = input;
  const grant = GRANTS.get(actor);
  if (
    grant !== undefined &&
    grant.permissions.has(permission) &&
    (purpose === undefined || purpose === grant.purpose) &&
    (forPurposes === undefined || forPurposes.includes(grant.purpose))
  ) {
    // Decided once for the whole operation by grantAccess (a portal query reaching several systems).
    return purpose === undefined ? null : grant.purpose;
  }
  if (!actor.profile.permissions.includes(permission)) {
    throw forbidden(
      'ACCESS_PERMISSION_DENIED',
      `Your profile (${actor.profile.name}) does not allow "${permission}".`,
      { permission, profile: actor.profile.name },
    );
  }
  if (purpose === undefined) {
    return null;
  }
  if (purpose === null || purpose === '') {
    throw invalid(
      'ACCESS_PURPOSE_REQUIRED',
      'This operation touches personal data: name a purpose in the X-Interlink-Purpose header.',
      { allowed: actor.profile.purposes },
    );
  }
  if (!isPurpose(purpose)) {
    throw invalid('ACCESS_PURPOSE_UNKNOWN', `"${purpose}" is not a known purpose.`, {
      known: Object.keys(PURPOSES),
    });
  }
  if (!actor.profile.purposes.includes(purpose)) {
    throw forbidden(
      'ACCESS_PURPOSE_DENIED',
      `Your profile (${actor.profile.name}) may not act for the purpose "${purpose}".`,
      {
        allowed: actor.profile.purposes,
      },
    );
  }
  if (forPurposes !== undefined && !forPurposes.includes(purpose)) {
    throw forbidden(
      'ACCESS_PURPOSE_NOT_FOR_OPERATION',
      `"${purpose}" is not a purpose of this operation: send ${forPurposes.map((p) => `"${p}"`).join(' or ')} in the X-Interlink-Purpose header.`,
      { allowed: forPurposes },
    );
  }
  return purpose;
}

/** Access decided once for an operation that spans several use cases (see {@link grantAccess}). */
export interface AccessGrant {
  /** The same actor, carrying the decision: pass it to the use cases the operation calls. */
  readonly actor: Actor;
  readonly purpose: Purpose;
  /** The permissions asked for that the actor's profile does not hold, with the refusal to report. */
  readonly refused: ReadonlyMap<Permission, AppError>;
}

const GRANTS = new WeakMap<Actor, { purpose: Purpose; permissions: ReadonlySet<Permission> }>();

/**
 * One access decision for an operation that calls several use cases, e.g. a portal query that reaches EES
 * and SIS (2019/817 art. 9): the purpose is checked once and each permission once; the actor returned carries
 * the decision, so that {@link requireAccess} in the use cases it is passed to does not decide again. The
 * first permission is the operation's own: without it (or without a valid purpose) nothing is granted and the
 * refusal is thrown. The others are granted where the profile holds them and listed in `refused` otherwise.
 */
export function grantAccess(input: {
  actor: Actor;
  purpose: string | null;
  permissions: readonly [Permission, ...Permission[]];
}): AccessGrant {
  const [own, ...others] = input.permissions;
  const purpose = requireAccess({ actor: input.actor, permission: own, purpose: input.purpose })!;
  const granted = new Set<Permission>([own]);
  const refused = new Map<Permission, AppError>();
  for (const permission of others) {
    try {
      requireAccess({ actor: input.actor, permission });
      granted.add(permission);
    } catch (err) {
      refused.set(permission, err as AppError);
    }
  }
  const actor: Actor = Object.freeze({ ...input.actor });
  GRANTS.set(actor, { purpose, permissions: granted });
  return { actor, purpose, refused };
}
