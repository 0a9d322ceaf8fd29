import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR, type AuthorityType, type UserView } from '../../src/contexts/access/index.ts';
import type { Services } from '../../src/services.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

const STATES: Record<AuthorityType, string> = {
  border: 'FI',
  visa: 'FR',
  immigration: 'DE',
  police: 'NL',
  sirene: 'IT',
  'etias-central': 'EU',
  'etias-national': 'ES',
  asylum: 'GR',
  carrier: 'DE',
  'hub-operator': 'BE',
  analyst: 'EU',
  'data-protection': 'DE',
  administrator: 'EU',
};

/** A user of the given authority type with a fresh name; returns the user and a logged-in token. */
export async function newUser(
  s: Services,
  type: AuthorityType,
  options: { username?: string; memberState?: string } = {},
): Promise<{ user: UserView; token: string }> {
  const memberState = options.memberState ?? STATES[type];
  const authority = await s.access.ensureAuthority(SYSTEM_ACTOR, {
    name: `Test ${type} authority`,
    type,
    memberState,
  });
  const username = options.username ?? `${type}.${randomUUID().slice(0, 8)}`;
  await s.access.createUser({
    actor: SYSTEM_ACTOR,
    purpose: 'system-administration',
    user: { username, displayName: `Test ${type}`, password: TEST_PASSWORD, authorityId: authority.id },
  });
  const { token, user } = await s.access.login({ username, password: TEST_PASSWORD });
  return { user, token };
}
