import { randomBytes, randomUUID } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { createSigner, createVerifier } from 'fast-jwt';
import type { AuditLog } from '../audit/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import { conflict, invalid, notFound, unauthenticated } from '../../platform/errors.ts';
import type { IdempotencyRequest, Writes } from '../../platform/writes.ts';
import {
  AUTHORITY_TYPES,
  DEFAULT_PROFILES,
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
  /** When null, a secret is generated once and kept in the database. */
  tokenSecret: string | null;
  /** Lockout and audit collapsing of failed logins. */
  loginThrottle: LoginThrottleSettings;
}

/** A user as shown to clients: never the password hash. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  authority: { id: string; name: string; type: AuthorityType; memberState: string };
  permissions: Permission[];
  purposes: Purpose[];
}

export interface AuthorityView {
  id: string;
  name: string;
  type: AuthorityType;
  memberState: string;
}

export interface NewUser {
  /** Lower-case letters, digits, dots, hyphens and underscores; 3 to 64 characters. */
  username: string;
  displayName: string;
  /** At least 12 characters. */
  password: string;
  authorityId: string;
}

export interface NewAuthority {
  name: string;
  type: AuthorityType;
  /** ISO 3166-1 alpha-2 code of the member state, or `EU` for an EU agency. */
  memberState: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const MEMBER_STATE = /^[A-Z]{2}$/;
const MIN_PASSWORD = 12;

export function toUserView(u: UserWithAuthority): UserView {
  const type = u.authority_type as AuthorityType;
  const profile = DEFAULT_PROFILES[type];
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    active: u.active,
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
  #sign: ((payload: Record<string, unknown>) => string) | null = null;
  #verify: ((token: string) => Record<string, unknown>) | null = null;
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

  async #keys() {
    if (this.#sign === null || this.#verify === null) {
      const key =
        this.#deps.tokenSecret ??
        (await this.#repo.secret(
          this.#deps.database.db,
          'token-signing',
          randomBytes(48).toString('base64url'),
        ));
      this.#sign = createSigner({ key, algorithm: 'HS256', expiresIn: this.#deps.tokenTtlSeconds * 1000 });
      // Expiry is judged below against the injected clock, like every other rule.
      this.#verify = createVerifier({
        key,
        algorithms: ['HS256'],
        ignoreExpiration: true,
        cache: 10_000,
      }) as (token: string) => Record<string, unknown>;
    }
    return { sign: this.#sign, verify: this.#verify };
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
    const { sign } = await this.#keys();
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
    const { claims } = await this.#claims(token);
    const { user, revoked } = await this.#repo.findSession(this.#deps.database.db, claims.sub, claims.jti);
    if (!user?.active || revoked) {
      throw unauthenticated(
        'ACCESS_TOKEN_INVALID',
        'Your session has expired or is not valid: log in again.',
      );
    }
    return actorOf(user);
  }

  /** Verifies signature and expiry (by the injected clock) and returns the claims this service relies on. */
  async #claims(token: string): Promise<{ claims: { sub: string; jti: string; exp: number }; now: number }> {
    const { verify } = await this.#keys();
    const invalidToken = () =>
      unauthenticated('ACCESS_TOKEN_INVALID', 'Your session has expired or is not valid: log in again.');
    let claims: Record<string, unknown>;
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
    return { claims: { sub, jti, exp }, now };
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
    return this.#repo.purgeRevoked(trx, this.#deps.clock.now());
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
      await this.#repo.insertUser(trx, {
        id,
        username: u.username,
        display_name: u.displayName.trim(),
        authority_id: authority.id,
        password_hash: passwordHash,
        active: true,
        created_at: this.#deps.clock.now(),
      });
      await this.#deps.audit.record(trx, {
        actor: input.actor,
        system: 'access',
        operation: 'users.create',
        outcome: 'success',
        purpose,
        recordRefs: [id],
        resultSummary: `user ${u.username} created in ${authority.name} (${authority.member_state})`,
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
    return (await this.#repo.listAuthorities(this.#deps.database.db)).map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type as AuthorityType,
      memberState: a.member_state,
    }));
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
        if (existing) {
          return existing;
        }
        const row = {
          id: `auth_${randomUUID()}`,
          name: a.name,
          type: a.type,
          member_state: a.memberState,
          created_at: this.#deps.clock.now(),
        };
        await this.#repo.insertAuthority(trx, row);
        await this.#deps.audit.record(trx, {
          actor,
          system: 'access',
          operation: 'authorities.create',
          outcome: 'success',
          purpose: 'system-administration',
          recordRefs: [row.id],
          resultSummary: `authority ${a.name} (${a.memberState}, ${a.type}) created`,
        });
        return row;
      })
      .then(({ value: r }) => ({
        id: r.id,
        name: r.name,
        type: r.type as AuthorityType,
        memberState: r.member_state,
      }));
  }

  async userCount(): Promise<number> {
    return this.#repo.countUsers(this.#deps.database.db);
  }
}
