import { forbidden, invalid } from '../../platform/errors.ts';
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
      `"${purpose}" is not a purpose of this operation: name ${forPurposes.map((p) => `"${p}"`).join(' or ')}.`,
      { allowed: forPurposes },
    );
  }
  return purpose;
}
