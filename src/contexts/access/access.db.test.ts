import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUser, TEST_PASSWORD } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { DEMO_USERS, SYSTEM_ACTOR, createDemoUsers } from './index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

describeEachDatabase('AccessService', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2026-06-01T08:00:00Z');

  beforeEach(async () => {
    clock.set('2026-06-01T08:00:00Z');
    s = await createTestServices(tier, { clock });
  });
  afterEach(async () => {
    await s.close();
  });

  describe('login', () => {
    it('returns a token that authenticates the user, and logs the login', async () => {
      const { user, token } = await newUser(s, 'border', { username: 'guard.one' });
      const actor = await s.access.authenticate(token);
      expect(actor).toMatchObject({ username: 'guard.one', authorityType: 'border', userId: user.id });
      const { events } = await s.audit.list({
        actor: {
          ...SYSTEM_ACTOR,
          profile: {
            ...SYSTEM_ACTOR.profile,
            permissions: ['audit:read'],
            purposes: ['data-protection-audit'],
          },
        },
        purpose: 'data-protection-audit',
        filter: { operation: 'auth.login', username: 'guard.one', limit: 5 },
      });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ outcome: 'success', authorityType: 'border' });
    });

    it('refuses a wrong password with a stable code and logs the denial', async () => {
      await newUser(s, 'police', { username: 'officer.x' });
      await expect(
        s.access.login({ username: 'officer.x', password: 'wrong password!' }),
      ).rejects.toMatchObject({
        kind: 'Unauthenticated',
        code: 'ACCESS_INVALID_CREDENTIALS',
      });
      await expect(s.access.login({ username: 'nobody', password: TEST_PASSWORD })).rejects.toMatchObject({
        code: 'ACCESS_INVALID_CREDENTIALS',
      });
      const v = await s.audit.verify();
      expect(v.ok).toBe(true);
    });

    it('refuses a token after it expires (judged by the injected clock)', async () => {
      const { token } = await newUser(s, 'border');
      clock.advance(s.config.tokenTtlSeconds * 1000 + 1000);
      await expect(s.access.authenticate(token)).rejects.toMatchObject({ code: 'ACCESS_TOKEN_INVALID' });
    });

    it('refuses a forged token', async () => {
      const { token } = await newUser(s, 'border');
      const [h, p] = token.split('.');
      await expect(s.access.authenticate(`${h}.${p}.AAAA`)).rejects.toMatchObject({
        code: 'ACCESS_TOKEN_INVALID',
      });
    });
  });

  describe('createUser', () => {
    it('is refused to a border guard', async () => {
      const { token } = await newUser(s, 'border');
      const actor = await s.access.authenticate(token);
      await expect(
        s.access.createUser({
          actor,
          purpose: 'border-control',
          user: { username: 'x.y', displayName: 'X', password: TEST_PASSWORD, authorityId: 'auth_x' },
        }),
      ).rejects.toMatchObject({ code: 'ACCESS_PERMISSION_DENIED' });
    });

    it('returns the first result when an idempotency key is replayed, and writes once', async () => {
      const admin = await s.access.authenticate((await newUser(s, 'administrator')).token);
      const authority = await s.access.ensureAuthority(SYSTEM_ACTOR, {
        name: 'Polícia Judiciária',
        type: 'police',
        memberState: 'PT',
      });
      const input = {
        actor: admin,
        purpose: 'system-administration',
        user: {
          username: 'ana.silva',
          displayName: 'Ana Silva',
          password: TEST_PASSWORD,
          authorityId: authority.id,
        },
        idempotencyKey: 'k-1',
      };
      const first = await s.access.createUser(input);
      const second = await s.access.createUser(input);
      expect(first.replayed).toBe(false);
      expect(second.replayed).toBe(true);
      expect(second.user).toEqual(first.user);
      await expect(
        s.access.createUser({ ...input, user: { ...input.user, displayName: 'Other' } }),
      ).rejects.toMatchObject({
        code: 'REQUEST_IDEMPOTENCY_KEY_REUSED',
      });
      const users = await s.access.listUsers({ actor: admin, purpose: 'system-administration' });
      expect(users.filter((u) => u.username === 'ana.silva')).toHaveLength(1);
    });

    it('rejects bad input with actionable codes and writes nothing', async () => {
      const admin = await s.access.authenticate((await newUser(s, 'administrator')).token);
      const authority = await s.access.ensureAuthority(SYSTEM_ACTOR, {
        name: 'A',
        type: 'police',
        memberState: 'PT',
      });
      const base = {
        username: 'valid.name',
        displayName: 'V',
        password: TEST_PASSWORD,
        authorityId: authority.id,
      };
      const attempt = (user: typeof base) =>
        s.access.createUser({ actor: admin, purpose: 'system-administration', user });
      await expect(attempt({ ...base, username: 'Bad Name' })).rejects.toMatchObject({
        code: 'ACCESS_USERNAME_INVALID',
      });
      await expect(attempt({ ...base, password: 'short' })).rejects.toMatchObject({
        code: 'ACCESS_PASSWORD_TOO_SHORT',
      });
      await expect(attempt({ ...base, authorityId: 'auth_missing' })).rejects.toMatchObject({
        code: 'ACCESS_AUTHORITY_NOT_FOUND',
      });
      await attempt(base);
      await expect(attempt(base)).rejects.toMatchObject({ code: 'ACCESS_USERNAME_TAKEN' });
      const users = await s.access.listUsers({ actor: admin, purpose: 'system-administration' });
      expect(users.filter((u) => u.username === 'valid.name')).toHaveLength(1);
    });
  });

  describe('createDemoUsers', () => {
    it('creates one user per authority type, and is idempotent', async () => {
      const first = await createDemoUsers(s.access);
      const second = await createDemoUsers(s.access);
      expect(first.every((u) => u.created)).toBe(true);
      expect(second.every((u) => !u.created)).toBe(true);
      expect(new Set(DEMO_USERS.map((u) => u.authority.type)).size).toBe(13);
      const { user } = await s.access.login({ username: 'dpo.de', password: 'interlink-demo' });
      expect(user.permissions).toContain('audit:read');
    });
  });
});
