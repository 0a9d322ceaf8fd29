import { randomBytes, randomUUID } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { createDecoder, createSigner, createVerifier } from 'fast-jwt';
import type { AuditLog } from '../audit/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import { conflict, forbidden, invalid, notFound, unauthenticated } from '../../platform/errors.ts';
import type { IdempotencyRequest, Writes } from '../../platform/writes.ts';
import {
  AUTHORITY_TYPES,
  DEFAULT_PROFILES,
  PERMISSIONS,
  type Actor,
  type AuthorityType,
  type Permission,
  type Purpose,
} from './model.ts';
import { lockedError, LoginThrottle, type LoginThrottleSettings } from './login-throttle.ts';
import { postgresRateLimitStore } from './rate-limit-store.ts';
import { AccessRepository, type UserWithAuthority } from './repository.ts';
import { requireAccess } from './require-access.ts';

export interface AccessServiceDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  writes: Writes;
  tokenTtlSeconds: number;
  /**
   * The token signing secret from the environment (`INTERLINK_TOKEN_SECRET`); rotated there, never here. When
   * null, signing keys are generated and kept in the database, and rotated with {@link AccessService.rotateTokenSecret}.
   */
  tokenSecret: string | null;
  /** Lockout and audit collapsing of failed logins. */
  loginThrottle: LoginThrottleSettings;
}

/**
 * Where a user stands: `active` signs in; `inactive` was deactivated by an administrator of its authority;
 * `pending` was requested by an administrator of another authority and awaits this authority's confirmation;
 * `rejected` was refused by it. Only `active` users sign in.
 */
export type UserStatus = 'active' | 'inactive' | 'pending' | 'rejected';

/** A user as shown to clients: never the password hash. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  status: UserStatus;
  /** Designated to confirm users requested for this authority by administrators of other authorities. */
  confirmsUsers: boolean;
  /** The request by another authority's administrator, for a user that needed confirmation. */
  request: {
    requestedBy: string | null;
    requestedAt: string | null;
    decidedBy: string | null;
    decidedAt: string | null;
    reason: string | null;
  } | null;
  authority: { id: string; name: string; type: AuthorityType; memberState: string };
  permissions: Permission[];
  purposes: Purpose[];
}

export interface AuthorityView {
  id: string;
  name: string;
  type: AuthorityType;
  memberState: string;
  /**
   * Empowered by national law to identify persons through the common identity repository (2019/817 and
   * 2019/818 art. 20(1)); only a police authority can be.
   */
  cirIdentification: boolean;
}

export interface NewUser {
  /** Lower-case letters, digits, dots, hyphens and underscores; 3 to 64 characters. */
  username: string;
  displayName: string;
  /** At least 12 characters. */
  password: string;
  authorityId: string;
  /** Designate the user to confirm requests for users of its authority (see {@link UserView.confirmsUsers}). */
  confirmsUsers?: boolean;
}

/** What each authority type may do: its default profile, read-only. */
export interface RoleView {
  authorityType: AuthorityType;
  profile: string;
  permissions: Permission[];
  purposes: Purpose[];
}

/** The outcome of a rotation of the token signing key. */
export interface RotationView {
  kid: string;
  rotatedAt: string;
  /** Tokens signed with the previous key stay valid until then; null after an emergency rotation. */
  previousKeyValidUntil: string | null;
  revokedExisting: boolean;
}

export interface NewAuthority {
  name: string;
  type: AuthorityType;
  /** ISO 3166-1 alpha-2 code of the member state, or `EU` for an EU agency. */
  memberState: string;
  /** Empowered by national law for the CIR's police identification (art. 20(1)); police only; default false. */
  cirIdentification?: boolean;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const MEMBER_STATE = /^[A-Z]{2}$/;
const MIN_PASSWORD = 12;
const KID = /^[A-Za-z0-9_-]{1,64}$/;
/** The key id of tokens signed with `INTERLINK_TOKEN_SECRET`, and of tokens from before key ids (no `kid`). */
const ENV_KID = 'env';
const INITIAL_KID = 'initial';
const MAX_REASON = 500;

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

function statusOf(u: UserWithAuthority): UserStatus {
  if (u.confirmation === 'pending' || u.confirmation === 'rejected') {
    return u.confirmation;
  }
  return u.active ? 'active' : 'inactive';
}

export function toUserView(u: UserWithAuthority): UserView {
  const type = u.authority_type as AuthorityType;
  const profile = DEFAULT_PROFILES[type];
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    active: u.active,
    status: statusOf(u),
    confirmsUsers: u.confirms_users,
    request:
      u.confirmation === null
        ? null
        : {
            requestedBy: u.requested_by,
            requestedAt: iso(u.requested_at),
            decidedBy: u.decided_by,
            decidedAt: iso(u.decided_at),
            reason: u.decision_reason,
          },
    authority: { id: u.authority_id, name: u.authority_name, type, memberState: u.member_state },
    permissions: [...profile.permissions],
    purposes: [...profile.purposes],
  };
}

export function actorOf(u: UserWithAuthority): Actor {
  const type = u.authority_type as AuthorityType;
  return {
    kind: 'user',
    userId: u.id,
    username: u.username,
    authorityId: u.authority_id,
    authorityName: u.authority_name,
    authorityType: type,
    memberState: u.member_state,
    profile: DEFAULT_PROFILES[type],
    cirIdentification: u.authority_cir_identification,
  };
}

/** Actor for work the system does by itself (retention, scheduled jobs) or an operator runs from the CLI. */
export const SYSTEM_ACTOR: Actor = Object.freeze<Actor>({
  kind: 'system',
  userId: null,
  username: 'system',
  authorityId: null,
  authorityName: 'Interlink',
  authorityType: 'system',
  memberState: 'EU',
  profile: {
    name: 'system',
    permissions: ['users:read', 'users:manage', 'retention:run', 'audit:verify', 'reference:read'],
    purposes: ['system-administration'],
    systems: {},
  },
});

/** The actor a failed login is logged under: the user's authority when the name is known, else none. */
function failureActor(username: string, user: UserWithAuthority | undefined): Actor {
  return {
    ...SYSTEM_ACTOR,
    kind: 'user',
    username: username.slice(0, 64),
    authorityName: user?.authority_name ?? 'unknown',
    authorityType: (user?.authority_type as AuthorityType | undefined) ?? 'system',
    memberState: user?.member_state ?? 'EU',
    userId: user?.id ?? null,
    authorityId: user?.authority_id ?? null,
    profile: { ...SYSTEM_ACTOR.profile, name: user?.authority_type ?? 'none', permissions: [] },
  };
}

/** Users, authorities, login and bearer tokens. */
export class AccessService {
  readonly #repo = new AccessRepository();
  readonly #deps: AccessServiceDeps;
  /** Signers and verifiers by key id; a key's secret never changes, whether it is still valid is asked per request. */
  readonly #signers = new Map<string, (payload: Record<string, unknown>) => string>();
  readonly #verifiers = new Map<string, (token: string) => Record<string, unknown>>();
  readonly #decode = createDecoder({ complete: true }) as (token: string) => { header?: { kid?: unknown } };
  /** Hash used to spend the same time on unknown user names as on known ones. */
  #dummyHash: Promise<string> | null = null;

  readonly #throttle: LoginThrottle;

  constructor(deps: AccessServiceDeps) {
    this.#deps = deps;
    this.#throttle = new LoginThrottle({
      database: deps.database,
      clock: deps.clock,
      audit: deps.audit,
      repo: this.#repo,
      settings: deps.loginThrottle,
      anonymousActor: (account) => failureActor(account, undefined),
    });
  }

  /**
   * The key that signs new tokens. From the environment it is fixed; otherwise it is read from the database at
   * every login (after a rotation on any API node, every node signs with the new key at once), and created the
   * first time.
   */
  async #currentKey(): Promise<{ kid: string; sign: (payload: Record<string, unknown>) => string }> {
    let kid = ENV_KID;
    let secret = this.#deps.tokenSecret;
    if (secret === null) {
      const { db } = this.#deps.database;
      let key = await this.#repo.currentSigningKey(db);
      if (key === undefined) {
        await this.#repo.insertSigningKey(db, {
          kid: INITIAL_KID,
          secret: randomBytes(48).toString('base64url'),
          created_at: this.#deps.clock.now(),
          retired_at: null,
          valid_until: null,
          revoked_at: null,
        });
        key = await this.#repo.currentSigningKey(db);
      }
      if (key === undefined) {
        throw new Error('no current token signing key');
      }
      kid = key.kid;
      secret = key.secret;
    }
    let sign = this.#signers.get(kid);
    if (sign === undefined) {
      sign = createSigner({
        key: secret,
        algorithm: 'HS256',
        kid,
        expiresIn: this.#deps.tokenTtlSeconds * 1000,
      });
      this.#signers.set(kid, sign);
    }
    return { kid, sign };
  }

  /** The verifier of a key id, or null when no such key exists. */
  async #verifierOf(kid: string): Promise<((token: string) => Record<string, unknown>) | null> {
    const known = this.#verifiers.get(kid);
    if (known !== undefined) {
      return known;
    }
    let secret: string | null;
    if (this.#deps.tokenSecret !== null) {
      secret = kid === ENV_KID ? this.#deps.tokenSecret : null;
    } else {
      secret = (await this.#repo.signingKey(this.#deps.database.db, kid))?.secret ?? null;
    }
    if (secret === null) {
      return null;
    }
    // Expiry is judged in #claims against the injected clock, like every other rule.
    const verify = createVerifier({
      key: secret,
      algorithms: ['HS256'],
      ignoreExpiration: true,
      cache: 10_000,
    }) as (token: string) => Record<string, unknown>;
    this.#verifiers.set(kid, verify);
    return verify;
  }

  /**
   * Checks a user name and password; on success returns a short-lived bearer token. A locked account name is
   * refused before the password is looked at (429, whether or not the account exists); failures count towards
   * the lock and are logged collapsed per account and window (see {@link LoginThrottle}); successes are logged.
   */
  async login(input: { username: string; password: string; requestId?: string }): Promise<{
    token: string;
    expiresAt: string;
    user: UserView;
  }> {
    const { db } = this.#deps.database;
    const requestId = input.requestId ?? null;
    await this.#throttle.refuseIfLocked(input.username, requestId);
    const user = await this.#repo.findUserByUsername(db, input.username);
    const ok =
      user !== undefined && user.active
        ? await argonVerify(user.password_hash, input.password)
        : (await argonVerify(await this.#dummy(), input.password), false);
    if (!ok || user === undefined) {
      const lockedUntil = await db.transaction().execute((trx) =>
        this.#throttle.failed(trx, {
          username: input.username,
          actor: failureActor(input.username, user),
          requestId,
        }),
      );
      if (lockedUntil !== null) {
        throw lockedError(lockedUntil, this.#deps.clock.now());
      }
      throw unauthenticated('ACCESS_INVALID_CREDENTIALS', 'The user name or password is not correct.');
    }
    const { sign } = await this.#currentKey();
    const now = this.#deps.clock.now();
    const token = sign({ sub: user.id, iat: Math.floor(now.getTime() / 1000), jti: randomUUID() });
    await db.transaction().execute(async (trx) => {
      await this.#throttle.succeeded(trx, input.username, requestId);
      await this.#deps.audit.record(trx, {
        actor: actorOf(user),
        system: 'access',
        operation: 'auth.login',
        outcome: 'success',
        resultSummary: 'logged in',
        requestId,
      });
    });
    return {
      token,
      expiresAt: new Date(now.getTime() + this.#deps.tokenTtlSeconds * 1000).toISOString(),
      user: toUserView(user),
    };
  }

  /**
   * The store of the HTTP rate limits, in this context's schema, so that several API nodes share the counters.
   */
  rateLimitStore() {
    return postgresRateLimitStore({ db: this.#deps.database.db, clock: this.#deps.clock, repo: this.#repo });
  }

  /**
   * Retention: writes the collapsed audit records of failed logins whose window has closed, forgets throttle
   * rows with nothing pending and rate-limit counters whose window has ended.
   */
  async purgeLoginThrottles(trx: Executor): Promise<number> {
    const forgotten = await this.#throttle.flushClosedWindows(trx);
    return forgotten + (await this.#repo.purgeRateLimits(trx, this.#deps.clock.now()));
  }

  #dummy(): Promise<string> {
    this.#dummyHash ??= argonHash(randomBytes(16).toString('hex'));
    return this.#dummyHash;
  }

  /**
   * Resolves a bearer token to the acting user; refuses expired, forged or revoked tokens. The user and the
   * revocation are looked up on the primary on every request (one round trip, nothing cached in the process),
   * so a logout or a deactivated user is refused at once by every API node.
   */
  async authenticate(token: string): Promise<Actor> {
    const { claims, now } = await this.#claims(token);
    const { user, revoked } = await this.#repo.findSession(
      this.#deps.database.db,
      claims.sub,
      claims.jti,
      // Keys from the environment are not kept in the database; the others must not be revoked or past the
      // lifetime of the tokens they signed before a rotation.
      this.#deps.tokenSecret === null ? { kid: claims.kid, now: new Date(now) } : null,
    );
    if (!user?.active || revoked) {
      throw unauthenticated(
        'ACCESS_TOKEN_INVALID',
        'Your session has expired or is not valid: log in again.',
      );
    }
    return actorOf(user);
  }

  /** Verifies signature and expiry (by the injected clock) and returns the claims this service relies on. */
  async #claims(
    token: string,
  ): Promise<{ claims: { sub: string; jti: string; exp: number; kid: string }; now: number }> {
    const invalidToken = () =>
      unauthenticated('ACCESS_TOKEN_INVALID', 'Your session has expired or is not valid: log in again.');
    let claims: Record<string, unknown>;
    let kid: unknown;
    try {
      // The header names the key (`kid`); tokens from before key ids were signed with the first key.
      kid = this.#decode(token).header?.kid ?? (this.#deps.tokenSecret === null ? INITIAL_KID : ENV_KID);
    } catch {
      throw invalidToken();
    }
    const verify = typeof kid === 'string' && KID.test(kid) ? await this.#verifierOf(kid) : null;
    if (verify === null) {
      throw invalidToken();
    }
    try {
      claims = verify(token);
    } catch {
      throw invalidToken();
    }
    const now = this.#deps.clock.now().getTime();
    const { sub, exp, jti } = claims;
    if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number' || exp * 1000 <= now) {
      throw invalidToken();
    }
    return { claims: { sub, jti, exp, kid: kid as string }, now };
  }

  /**
   * Ends a session before its token expires: the token is refused from now on by every API node (the
   * revocation is in the database, which each request consults). The logout is logged.
   */
  async logout(input: { actor: Actor; token: string; requestId?: string }): Promise<void> {
    const { claims } = await this.#claims(input.token);
    await this.#deps.writes.run(null, async (trx) => {
      await this.#repo.revoke(trx, claims.jti, new Date(claims.exp * 1000));
      await this.#deps.audit.record(trx, {
        actor: input.actor,
        system: 'access',
        operation: 'auth.logout',
        outcome: 'success',
        resultSummary: 'logged out',
        requestId: input.requestId ?? null,
      });
    });
  }

  /** Forgets revocations of tokens that have expired anyway. */
  async purgeRevokedTokens(trx: Executor): Promise<number> {
    const now = this.#deps.clock.now();
    return (await this.#repo.purgeRevoked(trx, now)) + (await this.#repo.purgeSigningKeys(trx, now));
  }

  /**
   * A new token signing key (administrators, logged). Tokens signed with the previous key stay valid until they
   * expire (the previous key is kept for the token lifetime), unless `revokeExisting`: an emergency rotation,
   * after which every existing token is refused and everyone signs in again. Refused with 409 when the secret
   * comes from the environment: it is rotated there.
   */
  async rotateTokenSecret(input: {
    actor: Actor;
    purpose: string | null;
    reason: string;
    revokeExisting: boolean;
    requestId?: string;
  }): Promise<RotationView> {
    const purpose = requireAccess({ actor: input.actor, permission: 'users:manage', purpose: input.purpose });
    if (this.#deps.tokenSecret !== null) {
      throw conflict(
        'ACCESS_TOKEN_SECRET_FROM_ENVIRONMENT',
        'The token signing secret is set by INTERLINK_TOKEN_SECRET: rotate it in the environment and restart every API node (every token is then refused).',
      );
    }
    const reason = checkedReason(
      input.reason,
      'ACCESS_ROTATION_REASON_REQUIRED',
      'Say why the secret is rotated.',
    );
    await this.#currentKey();
    const { value } = await this.#deps.writes.run(null, async (trx) => {
      const now = this.#deps.clock.now();
      const live = await this.#repo.lockLiveSigningKeys(trx);
      const current = live.find((k) => k.retired_at === null);
      if (current === undefined) {
        throw conflict(
          'ACCESS_ROTATION_CONCURRENT',
          'Another rotation has just run: look at the result and try again.',
        );
      }
      let previousKeyValidUntil: Date | null = null;
      if (input.revokeExisting) {
        await this.#repo.revokeSigningKeys(trx, now);
      } else {
        previousKeyValidUntil = new Date(now.getTime() + this.#deps.tokenTtlSeconds * 1000);
        await this.#repo.retireSigningKey(trx, current.kid, now, previousKeyValidUntil);
      }
      const kid = `k-${randomUUID().slice(0, 8)}`;
      await this.#repo.insertSigningKey(trx, {
        kid,
        secret: randomBytes(48).toString('base64url'),
        created_at: now,
        retired_at: null,
        valid_until: null,
        revoked_at: null,
      });
      await this.#deps.audit.record(trx, {
        actor: input.actor,
        system: 'access',
        operation: input.revokeExisting ? 'token-secret.rotate-emergency' : 'token-secret.rotate',
        outcome: 'success',
        purpose,
        recordRefs: [kid],
        resultSummary: input.revokeExisting
          ? `token signing key ${kid}; every existing token revoked: ${reason}`
          : `token signing key ${kid}; ${current.kid} verifies until ${previousKeyValidUntil!.toISOString()}: ${reason}`,
        requestId: input.requestId ?? null,
      });
      return {
        kid,
        rotatedAt: now.toISOString(),
        previousKeyValidUntil: iso(previousKeyValidUntil),
        revokedExisting: input.revokeExisting,
      };
    });
    return value;
  }

  async me(actor: Actor): Promise<UserView> {
    const user =
      actor.userId === null ? undefined : await this.#repo.findUserById(this.#deps.database.db, actor.userId);
    if (!user) {
      throw notFound('ACCESS_USER_NOT_FOUND', 'The user of this session no longer exists.');
    }
    return toUserView(user);
  }

  /** Adds a user to an authority (administrators only); logged in the same transaction. */
  async createUser(input: {
    actor: Actor;
    purpose: string | null;
    user: NewUser;
    idempotencyKey?: string | null;
    requestId?: string;
  }): Promise<{ user: UserView; replayed: boolean }> {
    const purpose = requireAccess({ actor: input.actor, permission: 'users:manage', purpose: input.purpose });
    const u = input.user;
    if (!USERNAME.test(u.username)) {
      throw invalid(
        'ACCESS_USERNAME_INVALID',
        'A user name has 3 to 64 characters: lower-case letters, digits, dots, hyphens or underscores, starting with a letter or digit.',
      );
    }
    if (u.password.length < MIN_PASSWORD) {
      throw invalid('ACCESS_PASSWORD_TOO_SHORT', `A password needs at least ${MIN_PASSWORD} characters.`);
    }
    if (u.displayName.trim() === '') {
      throw invalid('ACCESS_DISPLAY_NAME_REQUIRED', 'Give the user a display name.');
    }
    const idem: IdempotencyRequest | null =
      input.idempotencyKey === null || input.idempotencyKey === undefined
        ? null
        : {
            scope: `${input.actor.userId ?? 'system'}:users.create`,
            key: input.idempotencyKey,
            request: { ...u, password: undefined },
          };
    const passwordHash = await argonHash(u.password);
    const { value, replayed } = await this.#deps.writes.run(idem, async (trx) => {
      const authority = await this.#repo.findAuthority(trx, u.authorityId);
      if (!authority) {
        throw notFound('ACCESS_AUTHORITY_NOT_FOUND', `There is no authority with id "${u.authorityId}".`);
      }
      if (await this.#repo.findUserByUsername(trx, u.username)) {
        throw conflict('ACCESS_USERNAME_TAKEN', `The user name "${u.username}" is already taken.`);
      }
      const id = `usr_${randomUUID()}`;
      const now = this.#deps.clock.now();
      // An administrator adds users to their own authority. A user of another authority is only requested:
      // it cannot sign in until that authority confirms it, so that no administrator gives itself another
      // authority's access (SIRENE, say) silently. The operator's own tools (the system actor) add directly.
      const requested = input.actor.kind === 'user' && input.actor.authorityId !== authority.id;
      await this.#repo.insertUser(trx, {
        id,
        username: u.username,
        display_name: u.displayName.trim(),
        authority_id: authority.id,
        password_hash: passwordHash,
        active: !requested,
        created_at: now,
        confirms_users: u.confirmsUsers ?? false,
        confirmation: requested ? 'pending' : null,
        requested_by: requested ? input.actor.userId : null,
        requested_at: requested ? now : null,
        decided_by: null,
        decided_at: null,
        decision_reason: null,
      });
      await this.#deps.audit.record(trx, {
        actor: input.actor,
        system: 'access',
        operation: requested ? 'users.request' : 'users.create',
        outcome: 'success',
        purpose,
        recordRefs: [id],
        resultSummary: requested
          ? `user ${u.username} requested in ${authority.name} (${authority.member_state}); awaits that authority's confirmation`
          : `user ${u.username} created in ${authority.name} (${authority.member_state})`,
        requestId: input.requestId ?? null,
      });
      const created = await this.#repo.findUserById(trx, id);
      if (!created) {
        throw new Error('user vanished inside its own transaction');
      }
      return toUserView(created);
    });
    return { user: value, replayed };
  }

  /**
   * Confirms or rejects a user that an administrator of another authority requested for the actor's authority.
   * Only an administrator or a designated confirmer of that authority decides, never the one who asked; a
   * rejection needs a reason. The decision is logged with the request it closes.
   */
  async decideUserRequest(input: {
    actor: Actor;
    userId: string;
    decision: 'approve' | 'reject';
    reason?: string | null;
    requestId?: string;
  }): Promise<UserView> {
    const { actor } = input;
    const reason =
      input.decision === 'reject'
        ? checkedReason(
            input.reason ?? '',
            'ACCESS_CONFIRMATION_REASON_REQUIRED',
            'Say why the user is rejected.',
          )
        : optionalReason(input.reason);
    const { value } = await this.#deps.writes.run(null, async (trx) => {
      const user = await this.#repo.lockUser(trx, input.userId);
      if (!user) {
        throw notFound('ACCESS_USER_NOT_FOUND', `There is no user with id "${input.userId}".`);
      }
      if (user.confirmation !== 'pending') {
        throw conflict(
          'ACCESS_USER_NOT_PENDING',
          `The user "${user.username}" is not waiting for a confirmation.`,
        );
      }
      if (actor.userId !== null && user.requested_by === actor.userId) {
        throw forbidden(
          'ACCESS_CONFIRMATION_OWN_REQUEST',
          'You asked for this user: an administrator or confirmer of its authority decides.',
        );
      }
      await this.#requireConfirmer(trx, actor, user.authority_id);
      const now = this.#deps.clock.now();
      const approve = input.decision === 'approve';
      await this.#repo.updateUser(trx, user.id, {
        active: approve,
        confirmation: approve ? 'approved' : 'rejected',
        decided_by: actor.userId,
        decided_at: now,
        decision_reason: reason,
      });
      await this.#deps.audit.record(trx, {
        actor,
        system: 'access',
        operation: approve ? 'users.confirm' : 'users.reject',
        outcome: 'success',
        purpose: 'system-administration',
        recordRefs: [user.id, ...(user.requested_by === null ? [] : [user.requested_by])],
        resultSummary: `request for user ${user.username} in ${user.authority_name} ${approve ? 'confirmed' : 'rejected'}${reason === null ? '' : `: ${reason}`}`,
        requestId: input.requestId ?? null,
      });
      const updated = await this.#repo.findUserById(trx, user.id);
      return toUserView(updated!);
    });
    return value;
  }

  /** Refuses unless the actor confirms users for this authority: one of its administrators or designated confirmers. */
  async #requireConfirmer(db: Executor, actor: Actor, authorityId: string): Promise<void> {
    if (actor.authorityId !== authorityId) {
      throw forbidden(
        'ACCESS_CONFIRMATION_OTHER_AUTHORITY',
        "Only an administrator or a designated confirmer of the user's own authority decides on it.",
      );
    }
    if (!(await this.#confirms(db, actor))) {
      throw forbidden(
        'ACCESS_CONFIRMATION_NOT_CONFIRMER',
        'You are not designated to confirm users of your authority.',
      );
    }
  }

  async #confirms(db: Executor, actor: Actor): Promise<boolean> {
    if (actor.userId === null || actor.authorityId === null) {
      return false;
    }
    if (actor.profile.permissions.includes('users:manage')) {
      return true;
    }
    return (await this.#repo.findUserById(db, actor.userId))?.confirms_users === true;
  }

  /**
   * The users requested for the actor's authority that wait for its confirmation: the notification list of its
   * administrators and designated confirmers (empty for everyone else).
   */
  async listUserRequests(actor: Actor): Promise<{ mayConfirm: boolean; requests: UserView[] }> {
    const { db } = this.#deps.database;
    if (!(await this.#confirms(db, actor))) {
      return { mayConfirm: false, requests: [] };
    }
    const pending = await this.#repo.listPendingUsers(db, actor.authorityId!);
    return { mayConfirm: true, requests: pending.map(toUserView) };
  }

  /**
   * How many requested users wait for the actor's authority to confirm them: the administrator's home figure
   * (a count names nobody, so it is not logged; the list behind it is {@link listUserRequests}). Zero for
   * whoever may not confirm for their authority.
   */
  async countUserRequests(actor: Actor): Promise<number> {
    const { db } = this.#deps.database;
    if (!(await this.#confirms(db, actor))) {
      return 0;
    }
    return this.#repo.countPendingUsers(db, actor.authorityId!);
  }

  /**
   * Deactivates or reactivates a user of the administrator's own authority (logged). A deactivated user's
   * tokens are refused at once: every request looks the user up. Nobody deactivates themselves, and a user
   * waiting for (or refused) confirmation is decided through the confirmation, not here.
   */
  async setUserActive(input: {
    actor: Actor;
    purpose: string | null;
    userId: string;
    active: boolean;
    requestId?: string;
  }): Promise<UserView> {
    const purpose = requireAccess({ actor: input.actor, permission: 'users:manage', purpose: input.purpose });
    const { value } = await this.#deps.writes.run(null, async (trx) => {
      const user = await this.#repo.lockUser(trx, input.userId);
      if (!user) {
        throw notFound('ACCESS_USER_NOT_FOUND', `There is no user with id "${input.userId}".`);
      }
      if (user.id === input.actor.userId) {
        throw conflict('ACCESS_USER_SELF', 'You cannot deactivate or reactivate yourself.');
      }
      if (user.authority_id !== input.actor.authorityId) {
        throw forbidden(
          'ACCESS_USER_OTHER_AUTHORITY',
          'You can deactivate or reactivate users of your own authority only.',
        );
      }
      if (user.confirmation === 'pending' || user.confirmation === 'rejected') {
        throw conflict(
          'ACCESS_USER_NOT_CONFIRMED',
          `The user "${user.username}" has not been confirmed by its authority.`,
        );
      }
      if (user.active !== input.active) {
        await this.#repo.updateUser(trx, user.id, { active: input.active });
        await this.#deps.audit.record(trx, {
          actor: input.actor,
          system: 'access',
          operation: input.active ? 'users.reactivate' : 'users.deactivate',
          outcome: 'success',
          purpose,
          recordRefs: [user.id],
          resultSummary: `user ${user.username} ${input.active ? 'reactivated' : 'deactivated'}`,
          requestId: input.requestId ?? null,
        });
      }
      const updated = await this.#repo.findUserById(trx, user.id);
      return toUserView(updated!);
    });
    return value;
  }

  /** What each authority type may do (its default profile); configuration, nothing personal. */
  listRoles(actor: Actor): { roles: RoleView[]; permissions: Permission[] } {
    requireAccess({ actor, permission: 'users:read' });
    return {
      roles: AUTHORITY_TYPES.map((type) => ({
        authorityType: type,
        profile: DEFAULT_PROFILES[type].name,
        permissions: [...DEFAULT_PROFILES[type].permissions],
        purposes: [...DEFAULT_PROFILES[type].purposes],
      })),
      permissions: [...PERMISSIONS],
    };
  }

  async listUsers(input: { actor: Actor; purpose: string | null; requestId?: string }): Promise<UserView[]> {
    const purpose = requireAccess({ actor: input.actor, permission: 'users:read', purpose: input.purpose });
    const users = (await this.#repo.listUsers(this.#deps.database.db)).map(toUserView);
    await this.#deps.audit.recordNow({
      actor: input.actor,
      system: 'access',
      operation: 'users.list',
      outcome: 'success',
      purpose,
      resultSummary: `${users.length} users`,
      requestId: input.requestId ?? null,
    });
    return users;
  }

  async listAuthorities(actor: Actor): Promise<AuthorityView[]> {
    requireAccess({ actor, permission: 'reference:read' });
    return (await this.#repo.listAuthorities(this.#deps.database.db)).map(authorityView);
  }

  /**
   * Records whether national law empowers a police authority to identify persons through the common identity
   * repository (2019/817 and 2019/818 art. 20(1)); logged. An administrator of an EU body sets it for any
   * authority, a national administrator for the authorities of its own member state only [K].
   */
  async setCirIdentification(input: {
    actor: Actor;
    purpose: string | null;
    authorityId: string;
    cirIdentification: boolean;
    requestId?: string;
  }): Promise<AuthorityView> {
    const purpose = requireAccess({ actor: input.actor, permission: 'users:manage', purpose: input.purpose });
    const { value } = await this.#deps.writes.run(null, async (trx) => {
      const row = await this.#repo.lockAuthority(trx, input.authorityId);
      if (row === undefined) {
        throw notFound('ACCESS_AUTHORITY_NOT_FOUND', `There is no authority with id "${input.authorityId}".`);
      }
      if (input.actor.memberState !== 'EU' && input.actor.memberState !== row.member_state) {
        throw forbidden(
          'ACCESS_AUTHORITY_OTHER_STATE',
          'You can set the powers of the authorities of your own member state only.',
        );
      }
      if (input.cirIdentification && row.type !== 'police') {
        throw conflict(
          'ACCESS_AUTHORITY_NOT_POLICE',
          `Only a police authority can be empowered to identify persons through the CIR; "${row.name}" is of type ${row.type}.`,
        );
      }
      if (row.cir_identification !== input.cirIdentification) {
        await this.#repo.setCirIdentification(trx, row.id, input.cirIdentification);
        await this.#deps.audit.record(trx, {
          actor: input.actor,
          system: 'access',
          operation: 'authorities.cir-identification',
          outcome: 'success',
          purpose,
          legalBasis: 'Reg. (EU) 2019/817 and 2019/818 art. 20(1)',
          recordRefs: [row.id],
          resultSummary: `authority ${row.name} (${row.member_state}) ${input.cirIdentification ? 'empowered' : 'no longer empowered'} to identify persons through the CIR`,
          requestId: input.requestId ?? null,
        });
      }
      return authorityView({ ...row, cir_identification: input.cirIdentification });
    });
    return value;
  }

  /** Creates the authority if it does not exist yet (by name and member state); returns its id. */
  async ensureAuthority(actor: Actor, a: NewAuthority): Promise<AuthorityView> {
    requireAccess({ actor, permission: 'users:manage' });
    if (!AUTHORITY_TYPES.includes(a.type)) {
      throw invalid('ACCESS_AUTHORITY_TYPE_UNKNOWN', `"${String(a.type)}" is not an authority type.`, {
        known: AUTHORITY_TYPES,
      });
    }
    if (!MEMBER_STATE.test(a.memberState)) {
      throw invalid(
        'ACCESS_MEMBER_STATE_INVALID',
        'Give the member state as a two-letter code, e.g. FI, or EU.',
      );
    }
    return this.#deps.writes
      .run(null, async (trx) => {
        const existing = await this.#repo.findAuthorityByName(trx, a.name, a.memberState);
        if (existing && (a.cirIdentification !== true || existing.cir_identification)) {
          return existing;
        }
        if (a.cirIdentification === true && (existing?.type ?? a.type) !== 'police') {
          throw invalid(
            'ACCESS_AUTHORITY_NOT_POLICE',
            'Only a police authority can be empowered to identify persons through the CIR.',
          );
        }
        if (existing) {
          // Asked to exist empowered (e.g. the demo police): an authority created before the flag gets it.
          await this.#repo.setCirIdentification(trx, existing.id, true);
          await this.#deps.audit.record(trx, {
            actor,
            system: 'access',
            operation: 'authorities.cir-identification',
            outcome: 'success',
            purpose: 'system-administration',
            legalBasis: 'Reg. (EU) 2019/817 and 2019/818 art. 20(1)',
            recordRefs: [existing.id],
            resultSummary: `authority ${existing.name} (${existing.member_state}) empowered to identify persons through the CIR`,
          });
          return { ...existing, cir_identification: true };
        }
        const row = {
          id: `auth_${randomUUID()}`,
          name: a.name,
          type: a.type,
          member_state: a.memberState,
          created_at: this.#deps.clock.now(),
          cir_identification: a.cirIdentification === true,
        };
        await this.#repo.insertAuthority(trx, row);
        await this.#deps.audit.record(trx, {
          actor,
          system: 'access',
          operation: 'authorities.create',
          outcome: 'success',
          purpose: 'system-administration',
          recordRefs: [row.id],
          resultSummary: `authority ${a.name} (${a.memberState}, ${a.type}) created${row.cir_identification ? ', empowered for CIR identification (art. 20(1))' : ''}`,
        });
        return row;
      })
      .then(({ value: r }) => authorityView(r));
  }

  async userCount(): Promise<number> {
    return this.#repo.countUsers(this.#deps.database.db);
  }
}

function authorityView(a: {
  id: string;
  name: string;
  type: string;
  member_state: string;
  cir_identification: boolean;
}): AuthorityView {
  return {
    id: a.id,
    name: a.name,
    type: a.type as AuthorityType,
    memberState: a.member_state,
    cirIdentification: a.cir_identification,
  };
}

/** A required free-text reason, trimmed; NUL and lone surrogates are refused at the edge already. */
function checkedReason(text: string, code: string, message: string): string {
  const t = text.trim();
  if (t === '') {
    throw invalid(code, message);
  }
  if (t.length > MAX_REASON) {
    throw invalid('ACCESS_REASON_TOO_LONG', `Keep the reason under ${MAX_REASON} characters.`);
  }
  return t;
}

function optionalReason(text: string | null | undefined): string | null {
  const t = (text ?? '').trim();
  if (t.length > MAX_REASON) {
    throw invalid('ACCESS_REASON_TOO_LONG', `Keep the reason under ${MAX_REASON} characters.`);
  }
  return t === '' ? null : t;
}
