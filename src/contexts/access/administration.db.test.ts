import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { AccessService, SYSTEM_ACTOR, type Actor, type AuthorityType } from './index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const AUDITOR: Actor = {
  ...SYSTEM_ACTOR,
  profile: { ...SYSTEM_ACTOR.profile, permissions: ['audit:read'], purposes: ['data-protection-audit'] },
};

describeEachDatabase('Administration of users and token keys', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  let n = 0;

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
  });
  afterAll(async () => {
    await s.close();
  });

  /** An authority (created by the operator) and a user in it, signed in. */
  async function member(
    authority: { name: string; type: AuthorityType; memberState: string },
    options: { confirmsUsers?: boolean } = {},
  ) {
    n += 1;
    const a = await s.access.ensureAuthority(SYSTEM_ACTOR, authority);
    const username = `${authority.type}.${n}`;
    const { user } = await s.access.createUser({
      actor: SYSTEM_ACTOR,
      purpose: 'system-administration',
      user: {
        username,
        displayName: `User ${n}`,
        password: TEST_PASSWORD,
        authorityId: a.id,
        confirmsUsers: options.confirmsUsers ?? false,
      },
    });
    const { token } = await s.access.login({ username, password: TEST_PASSWORD });
    return { authority: a, user, token, actor: await s.access.authenticate(token) };
  }

  const OPS_EU = { name: 'Operations EU', type: 'administrator', memberState: 'EU' } as const;
  const OPS_IT = { name: 'Operations IT', type: 'administrator', memberState: 'IT' } as const;
  const SIRENE_IT = { name: 'SIRENE IT', type: 'sirene', memberState: 'IT' } as const;

  async function request(actor: Actor, authorityId: string) {
    n += 1;
    const username = `requested.${n}`;
    const { user } = await s.access.createUser({
      actor,
      purpose: 'system-administration',
      user: { username, displayName: `Requested ${n}`, password: TEST_PASSWORD, authorityId },
    });
    return { user, username };
  }

  async function auditOperations(operation: string, recordRef: string) {
    const { events } = await s.audit.list({
      actor: AUDITOR,
      purpose: 'data-protection-audit',
      filter: { operation, limit: 50 },
    });
    return events.filter((e) => e.recordRefs.includes(recordRef));
  }

  describe('users in another authority', () => {
    it('adds a user to the administrator’s own authority at once, logged', async () => {
      const admin = await member(OPS_EU);
      const { user, username } = await request(admin.actor, admin.authority.id);
      expect(user).toMatchObject({ status: 'active', active: true, request: null });
      await expect(s.access.login({ username, password: TEST_PASSWORD })).resolves.toBeDefined();
      expect(await auditOperations('users.create', user.id)).toHaveLength(1);
    });

    it('keeps a user requested for another authority pending until that authority confirms it', async () => {
      const admin = await member(OPS_EU);
      const other = await member(OPS_IT);
      const { user, username } = await request(admin.actor, other.authority.id);
      expect(user).toMatchObject({ status: 'pending', active: false });
      expect(user.request).toMatchObject({ requestedBy: admin.user.id, decidedBy: null });
      expect(await auditOperations('users.request', user.id)).toHaveLength(1);

      // Pending: cannot sign in (refused like a wrong password, nothing about the state leaks).
      await expect(s.access.login({ username, password: TEST_PASSWORD })).rejects.toMatchObject({
        code: 'ACCESS_INVALID_CREDENTIALS',
      });
      // The target authority's administrators see it; the requester's own authority does not.
      const seen = await s.access.listUserRequests(other.actor);
      expect(seen.mayConfirm).toBe(true);
      expect(seen.requests.map((u) => u.id)).toContain(user.id);
      expect((await s.access.listUserRequests(admin.actor)).requests.map((u) => u.id)).not.toContain(user.id);

      // Never by the one who asked, nor by anyone outside the target authority.
      await expect(
        s.access.decideUserRequest({ actor: admin.actor, userId: user.id, decision: 'approve' }),
      ).rejects.toMatchObject({ code: 'ACCESS_CONFIRMATION_OWN_REQUEST', kind: 'Forbidden' });
      const colleague = await member(OPS_EU);
      await expect(
        s.access.decideUserRequest({ actor: colleague.actor, userId: user.id, decision: 'approve' }),
      ).rejects.toMatchObject({ code: 'ACCESS_CONFIRMATION_OTHER_AUTHORITY' });

      const confirmed = await s.access.decideUserRequest({
        actor: other.actor,
        userId: user.id,
        decision: 'approve',
      });
      expect(confirmed).toMatchObject({ status: 'active', active: true });
      expect(confirmed.request).toMatchObject({ requestedBy: admin.user.id, decidedBy: other.user.id });
      await expect(s.access.login({ username, password: TEST_PASSWORD })).resolves.toBeDefined();
      expect(await auditOperations('users.confirm', user.id)).toHaveLength(1);
      await expect(
        s.access.decideUserRequest({ actor: other.actor, userId: user.id, decision: 'approve' }),
      ).rejects.toMatchObject({ code: 'ACCESS_USER_NOT_PENDING' });
      expect((await s.access.listUserRequests(other.actor)).requests.map((u) => u.id)).not.toContain(user.id);
    });

    it('lets a designated confirmer of a non-administrator authority decide, with a reason for a rejection', async () => {
      const admin = await member(OPS_EU);
      const confirmer = await member(SIRENE_IT, { confirmsUsers: true });
      const officer = await member(SIRENE_IT);
      const { user, username } = await request(admin.actor, confirmer.authority.id);

      // An ordinary SIRENE officer neither sees nor decides the request.
      expect(await s.access.listUserRequests(officer.actor)).toEqual({ mayConfirm: false, requests: [] });
      await expect(
        s.access.decideUserRequest({ actor: officer.actor, userId: user.id, decision: 'approve' }),
      ).rejects.toMatchObject({ code: 'ACCESS_CONFIRMATION_NOT_CONFIRMER' });

      await expect(
        s.access.decideUserRequest({
          actor: confirmer.actor,
          userId: user.id,
          decision: 'reject',
          reason: ' ',
        }),
      ).rejects.toMatchObject({ code: 'ACCESS_CONFIRMATION_REASON_REQUIRED', kind: 'Invalid' });
      const rejected = await s.access.decideUserRequest({
        actor: confirmer.actor,
        userId: user.id,
        decision: 'reject',
        reason: 'Not one of ours',
      });
      expect(rejected).toMatchObject({ status: 'rejected', active: false });
      expect(rejected.request?.reason).toBe('Not one of ours');
      await expect(s.access.login({ username, password: TEST_PASSWORD })).rejects.toMatchObject({
        code: 'ACCESS_INVALID_CREDENTIALS',
      });
      expect(await auditOperations('users.reject', user.id)).toHaveLength(1);
    });
  });

  describe('deactivation', () => {
    it('stops a live token at once and lets it work again after reactivation; own authority only', async () => {
      const admin = await member(OPS_EU);
      const officer = await member(OPS_EU);
      const stranger = await member(SIRENE_IT);
      await expect(s.access.authenticate(officer.token)).resolves.toMatchObject({ userId: officer.user.id });

      const off = await s.access.setUserActive({
        actor: admin.actor,
        purpose: 'system-administration',
        userId: officer.user.id,
        active: false,
      });
      expect(off.status).toBe('inactive');
      await expect(s.access.authenticate(officer.token)).rejects.toMatchObject({
        code: 'ACCESS_TOKEN_INVALID',
      });
      expect(await auditOperations('users.deactivate', officer.user.id)).toHaveLength(1);

      await s.access.setUserActive({
        actor: admin.actor,
        purpose: 'system-administration',
        userId: officer.user.id,
        active: true,
      });
      await expect(s.access.authenticate(officer.token)).resolves.toMatchObject({ userId: officer.user.id });

      await expect(
        s.access.setUserActive({
          actor: admin.actor,
          purpose: 'system-administration',
          userId: admin.user.id,
          active: false,
        }),
      ).rejects.toMatchObject({ code: 'ACCESS_USER_SELF', kind: 'Conflict' });
      await expect(
        s.access.setUserActive({
          actor: admin.actor,
          purpose: 'system-administration',
          userId: stranger.user.id,
          active: false,
        }),
      ).rejects.toMatchObject({ code: 'ACCESS_USER_OTHER_AUTHORITY', kind: 'Forbidden' });
      await expect(s.access.authenticate(stranger.token)).resolves.toBeDefined();
    });

    it('does not let a pending user be activated past its authority', async () => {
      const admin = await member(OPS_EU);
      const other = await member(OPS_IT);
      const { user } = await request(admin.actor, other.authority.id);
      await expect(
        s.access.setUserActive({
          actor: other.actor,
          purpose: 'system-administration',
          userId: user.id,
          active: true,
        }),
      ).rejects.toMatchObject({ code: 'ACCESS_USER_NOT_CONFIRMED' });
    });
  });

  describe('token key rotation', () => {
    /** A second API node over the same database (its own caches of keys and verifiers). */
    const secondNode = () =>
      new AccessService({
        database: s.database,
        clock,
        audit: s.audit,
        writes: s.writes,
        tokenTtlSeconds: s.config.tokenTtlSeconds,
        tokenSecret: null,
        loginThrottle: s.config.loginThrottle,
      });
    const kidOf = (token: string) =>
      (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid?: string }).kid;

    it('accepts a token without a key id from before key ids, signed with the first key', async () => {
      const officer = await member(SIRENE_IT);
      expect(kidOf(officer.token)).toBe('initial');
      const { secret } = await s.database.db
        .withTables<{ 'access.signing_key': { kid: string; secret: string } }>()
        .selectFrom('access.signing_key')
        .select('secret')
        .where('kid', '=', 'initial')
        .executeTakeFirstOrThrow();
      const legacy = createSigner({ key: secret, algorithm: 'HS256', expiresIn: 60_000 })({
        sub: officer.user.id,
        jti: 'legacy-1',
        iat: Math.floor(clock.now().getTime() / 1000),
      });
      expect(kidOf(legacy)).toBeUndefined();
      await expect(s.access.authenticate(legacy)).resolves.toMatchObject({ userId: officer.user.id });
      const forged = createSigner({
        key: 'x'.repeat(48),
        algorithm: 'HS256',
        kid: 'initial',
        expiresIn: 60_000,
      })({
        sub: officer.user.id,
        jti: 'forged-1',
        iat: Math.floor(clock.now().getTime() / 1000),
      });
      await expect(s.access.authenticate(forged)).rejects.toMatchObject({ code: 'ACCESS_TOKEN_INVALID' });
    });

    it('signs with a new key and keeps tokens of the previous key valid until they expire', async () => {
      const admin = await member(OPS_EU);
      const before = await member(SIRENE_IT);
      const node2 = secondNode();
      await expect(node2.authenticate(before.token)).resolves.toBeDefined();
      clock.advance(60_000);

      const rotation = await s.access.rotateTokenSecret({
        actor: admin.actor,
        purpose: 'system-administration',
        reason: 'Quarterly rotation',
        revokeExisting: false,
      });
      expect(rotation.revokedExisting).toBe(false);
      expect(rotation.kid).not.toBe(kidOf(before.token));
      expect(new Date(rotation.previousKeyValidUntil!).getTime()).toBe(
        clock.now().getTime() + s.config.tokenTtlSeconds * 1000,
      );
      const logged = await auditOperations('token-secret.rotate', rotation.kid);
      expect(logged).toHaveLength(1);
      expect(logged[0]!.resultSummary).toContain('Quarterly rotation');

      // Old tokens stay valid on every node; new logins on every node sign with the new key.
      await expect(s.access.authenticate(before.token)).resolves.toBeDefined();
      await expect(node2.authenticate(before.token)).resolves.toBeDefined();
      const fresh = await node2.login({ username: before.user.username, password: TEST_PASSWORD });
      expect(kidOf(fresh.token)).toBe(rotation.kid);
      await expect(s.access.authenticate(fresh.token)).resolves.toBeDefined();

      // Until the old token's own expiry, not beyond.
      clock.advance(s.config.tokenTtlSeconds * 1000 - 120_000);
      await expect(s.access.authenticate(before.token)).resolves.toBeDefined();
      clock.advance(60_000);
      await expect(s.access.authenticate(before.token)).rejects.toMatchObject({
        code: 'ACCESS_TOKEN_INVALID',
      });
      await expect(s.access.authenticate(fresh.token)).resolves.toBeDefined();
    });

    it('refuses every existing token at once after an emergency rotation, on every node', async () => {
      const admin = await member(OPS_EU);
      const officer = await member(SIRENE_IT);
      const node2 = secondNode();
      await expect(node2.authenticate(officer.token)).resolves.toBeDefined();
      const rotation = await s.access.rotateTokenSecret({
        actor: admin.actor,
        purpose: 'system-administration',
        reason: 'Secret leaked',
        revokeExisting: true,
      });
      expect(rotation).toMatchObject({ revokedExisting: true, previousKeyValidUntil: null });
      for (const node of [s.access, node2]) {
        await expect(node.authenticate(officer.token)).rejects.toMatchObject({
          code: 'ACCESS_TOKEN_INVALID',
        });
        await expect(node.authenticate(admin.token)).rejects.toMatchObject({ code: 'ACCESS_TOKEN_INVALID' });
      }
      const again = await s.access.login({ username: officer.user.username, password: TEST_PASSWORD });
      await expect(node2.authenticate(again.token)).resolves.toMatchObject({ userId: officer.user.id });
      expect(await auditOperations('token-secret.rotate-emergency', rotation.kid)).toHaveLength(1);
      // Retention forgets the keys that verify nothing any more; the current one stays.
      await s.database.db.transaction().execute((trx) => s.access.purgeRevokedTokens(trx));
      await expect(s.access.authenticate(again.token)).resolves.toBeDefined();
    });

    it('requires a reason and refuses anyone but an administrator', async () => {
      const admin = await member(OPS_EU);
      const officer = await member(SIRENE_IT);
      await expect(
        s.access.rotateTokenSecret({
          actor: admin.actor,
          purpose: 'system-administration',
          reason: '  ',
          revokeExisting: false,
        }),
      ).rejects.toMatchObject({ code: 'ACCESS_ROTATION_REASON_REQUIRED' });
      await expect(
        s.access.rotateTokenSecret({
          actor: officer.actor,
          purpose: 'sirene-exchange',
          reason: 'x',
          revokeExisting: true,
        }),
      ).rejects.toMatchObject({ code: 'ACCESS_PERMISSION_DENIED' });
      await expect(s.access.authenticate(officer.token)).resolves.toBeDefined();
    });

    it('refuses to rotate a secret set in the environment (409), which keeps working', async () => {
      const admin = await member(OPS_EU);
      const fromEnv = new AccessService({
        database: s.database,
        clock,
        audit: s.audit,
        writes: s.writes,
        tokenTtlSeconds: s.config.tokenTtlSeconds,
        tokenSecret: 'an environment secret of at least 32 characters',
        loginThrottle: s.config.loginThrottle,
      });
      const { token } = await fromEnv.login({ username: admin.user.username, password: TEST_PASSWORD });
      expect(kidOf(token)).toBe('env');
      await expect(
        fromEnv.rotateTokenSecret({
          actor: admin.actor,
          purpose: 'system-administration',
          reason: 'Quarterly rotation',
          revokeExisting: false,
        }),
      ).rejects.toMatchObject({ code: 'ACCESS_TOKEN_SECRET_FROM_ENVIRONMENT', kind: 'Conflict' });
      await expect(fromEnv.authenticate(token)).resolves.toMatchObject({ userId: admin.user.id });
      // A token of the database keys is not one of the environment's, and the reverse.
      await expect(fromEnv.authenticate(admin.token)).rejects.toMatchObject({ code: 'ACCESS_TOKEN_INVALID' });
      await expect(s.access.authenticate(token)).rejects.toMatchObject({ code: 'ACCESS_TOKEN_INVALID' });
    });
  });
});
