import { sql, type Executor } from '../../platform/database/index.ts';

type AuthorityRow = {
  id: string;
  name: string;
  type: string;
  member_state: string;
  created_at: Date;
  /** Empowered by national law to identify persons through the CIR (2019/817 and 2019/818 art. 20(1)). */
  cir_identification: boolean;
};

type UserRow = {
  id: string;
  username: string;
  display_name: string;
  authority_id: string;
  password_hash: string;
  active: boolean;
  created_at: Date;
  confirms_users: boolean;
  /** null for a user added directly; `pending`, `approved` or `rejected` for one requested by another authority. */
  confirmation: 'pending' | 'approved' | 'rejected' | null;
  requested_by: string | null;
  requested_at: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
};

export type SigningKeyRow = {
  kid: string;
  secret: string;
  created_at: Date;
  retired_at: Date | null;
  valid_until: Date | null;
  revoked_at: Date | null;
};

type SecretRow = {
  name: string;
  value: string;
};

type RevokedTokenRow = {
  jti: string;
  expires_at: Date;
};

type RateLimitCounterRow = {
  key: string;
  count: number;
  window_ends_at: Date;
};

export type LoginThrottleRow = {
  account: string;
  failures: number;
  lock_level: number;
  locked_until: Date | null;
  last_failure_at: Date;
  audit_window_ends_at: Date | null;
  unlogged: number;
  unlogged_since: Date | null;
};

export type AccessTables = {
  'access.revoked_token': RevokedTokenRow;
  'access.rate_limit_counter': RateLimitCounterRow;
  'access.login_throttle': LoginThrottleRow;
  'access.authority': AuthorityRow;
  'access.user': UserRow;
  'access.secret': SecretRow;
  'access.signing_key': SigningKeyRow;
};

export type UserWithAuthority = UserRow & {
  authority_name: string;
  authority_type: string;
  member_state: string;
  authority_cir_identification: boolean;
};

const q = (db: Executor) => db.withTables<AccessTables>();

export class AccessRepository {
  async findUserByUsername(db: Executor, username: string): Promise<UserWithAuthority | undefined> {
    return this.#userQuery(db).where('u.username', '=', username).executeTakeFirst();
  }

  async findUserById(db: Executor, id: string): Promise<UserWithAuthority | undefined> {
    return this.#userQuery(db).where('u.id', '=', id).executeTakeFirst();
  }

  /**
   * The user of a token together with whether the token was revoked, in one round trip: the check every
   * authenticated request makes against the primary, so that a logout on one API node holds on every node.
   */
  async findSession(
    db: Executor,
    userId: string,
    jti: string,
    /** The token's signing key, checked to be still valid at `now`; null when the key is not kept here. */
    key: { kid: string; now: Date } | null,
  ): Promise<{ user: UserWithAuthority | undefined; revoked: boolean }> {
    const row = await this.#userQuery(db)
      .select((eb) =>
        eb
          .exists(eb.selectFrom('access.revoked_token as r').select('r.jti').where('r.jti', '=', jti))
          .as('token_revoked'),
      )
      .select((eb) =>
        key === null
          ? eb.val(true).as('key_valid')
          : eb
              .exists(
                eb
                  .selectFrom('access.signing_key as k')
                  .select('k.kid')
                  .where('k.kid', '=', key.kid)
                  .where('k.revoked_at', 'is', null)
                  .where((w) => w.or([w('k.valid_until', 'is', null), w('k.valid_until', '>', key.now)])),
              )
              .as('key_valid'),
      )
      .where('u.id', '=', userId)
      .executeTakeFirst();
    if (row === undefined) {
      return { user: undefined, revoked: false };
    }
    const { token_revoked, key_valid, ...user } = row;
    return { user, revoked: Boolean(token_revoked) || !key_valid };
  }

  async listPendingUsers(db: Executor, authorityId: string): Promise<UserWithAuthority[]> {
    return this.#userQuery(db)
      .where('u.authority_id', '=', authorityId)
      .where('u.confirmation', '=', 'pending')
      .orderBy('u.requested_at')
      .execute();
  }

  /** How many users wait for the confirmation of this authority (the administrator's home figure). */
  async countPendingUsers(db: Executor, authorityId: string): Promise<number> {
    const row = await q(db)
      .selectFrom('access.user')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('authority_id', '=', authorityId)
      .where('confirmation', '=', 'pending')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The user row locked until the transaction ends. */
  async lockUser(trx: Executor, id: string): Promise<UserWithAuthority | undefined> {
    await q(trx).selectFrom('access.user').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    return this.findUserById(trx, id);
  }

  async updateUser(
    trx: Executor,
    id: string,
    set: Partial<Omit<UserRow, 'id' | 'username' | 'authority_id' | 'created_at'>>,
  ): Promise<void> {
    await q(trx).updateTable('access.user').set(set).where('id', '=', id).execute();
  }

  /** The key that signs new tokens, if there is one. */
  async currentSigningKey(db: Executor): Promise<SigningKeyRow | undefined> {
    return q(db)
      .selectFrom('access.signing_key')
      .selectAll()
      .where('retired_at', 'is', null)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  async signingKey(db: Executor, kid: string): Promise<SigningKeyRow | undefined> {
    return q(db).selectFrom('access.signing_key').selectAll().where('kid', '=', kid).executeTakeFirst();
  }

  /** Adds a key unless one with that id exists (race-safe for the first key of an installation). */
  async insertSigningKey(db: Executor, row: SigningKeyRow): Promise<void> {
    await q(db)
      .insertInto('access.signing_key')
      .values(row)
      .onConflict((oc) => oc.column('kid').doNothing())
      .execute();
  }

  /** Locks every key that has not been revoked, for a rotation. */
  async lockLiveSigningKeys(trx: Executor): Promise<SigningKeyRow[]> {
    return q(trx)
      .selectFrom('access.signing_key')
      .selectAll()
      .where('revoked_at', 'is', null)
      .forUpdate()
      .execute();
  }

  async retireSigningKey(trx: Executor, kid: string, at: Date, validUntil: Date): Promise<void> {
    await q(trx)
      .updateTable('access.signing_key')
      .set({ retired_at: at, valid_until: validUntil })
      .where('kid', '=', kid)
      .execute();
  }

  async revokeSigningKeys(trx: Executor, at: Date): Promise<void> {
    await q(trx)
      .updateTable('access.signing_key')
      .set({ revoked_at: at, retired_at: sql<Date>`coalesce(retired_at, ${at})` })
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Forgets keys that verify nothing any more (revoked, or past the lifetime of the tokens they signed). */
  async purgeSigningKeys(trx: Executor, now: Date): Promise<number> {
    const r = await q(trx)
      .deleteFrom('access.signing_key')
      .where((eb) => eb.or([eb('revoked_at', 'is not', null), eb('valid_until', '<', now)]))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async listUsers(db: Executor): Promise<UserWithAuthority[]> {
    return this.#userQuery(db).orderBy('u.username').execute();
  }

  #userQuery(db: Executor) {
    return q(db)
      .selectFrom('access.user as u')
      .innerJoin('access.authority as a', 'a.id', 'u.authority_id')
      .selectAll('u')
      .select([
        'a.name as authority_name',
        'a.type as authority_type',
        'a.member_state',
        'a.cir_identification as authority_cir_identification',
      ]);
  }

  async insertUser(trx: Executor, row: UserRow): Promise<void> {
    await q(trx).insertInto('access.user').values(row).execute();
  }

  async findAuthority(db: Executor, id: string): Promise<AuthorityRow | undefined> {
    return q(db).selectFrom('access.authority').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findAuthorityByName(
    db: Executor,
    name: string,
    memberState: string,
  ): Promise<AuthorityRow | undefined> {
    return q(db)
      .selectFrom('access.authority')
      .selectAll()
      .where('name', '=', name)
      .where('member_state', '=', memberState)
      .executeTakeFirst();
  }

  async listAuthorities(db: Executor): Promise<AuthorityRow[]> {
    return q(db).selectFrom('access.authority').selectAll().orderBy('member_state').orderBy('name').execute();
  }

  async insertAuthority(trx: Executor, row: AuthorityRow): Promise<void> {
    await q(trx).insertInto('access.authority').values(row).execute();
  }

  /** The authority row locked until the transaction ends. */
  async lockAuthority(trx: Executor, id: string): Promise<AuthorityRow | undefined> {
    return q(trx)
      .selectFrom('access.authority')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  async setCirIdentification(trx: Executor, id: string, value: boolean): Promise<void> {
    await q(trx)
      .updateTable('access.authority')
      .set({ cir_identification: value })
      .where('id', '=', id)
      .execute();
  }

  async countUsers(db: Executor): Promise<number> {
    const r = await q(db)
      .selectFrom('access.user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async revoke(trx: Executor, jti: string, expiresAt: Date): Promise<void> {
    await q(trx)
      .insertInto('access.revoked_token')
      .values({ jti, expires_at: expiresAt })
      .onConflict((oc) => oc.column('jti').doNothing())
      .execute();
  }

  async purgeRevoked(trx: Executor, now: Date): Promise<number> {
    const r = await q(trx)
      .deleteFrom('access.revoked_token')
      .where('expires_at', '<', now)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /**
   * Counts one request against `key`: one upsert, so concurrent API nodes share the counter. A window that
   * has ended starts again at 1 with a new end.
   */
  async hitRateLimit(
    db: Executor,
    key: string,
    now: Date,
    windowMs: number,
  ): Promise<{ count: number; windowEndsAt: Date }> {
    const fresh = new Date(now.getTime() + windowMs);
    const r = await q(db)
      .insertInto('access.rate_limit_counter')
      .values({ key, count: 1, window_ends_at: fresh })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`case when access.rate_limit_counter.window_ends_at <= ${now} then 1 else access.rate_limit_counter.count + 1 end`,
          window_ends_at: sql<Date>`case when access.rate_limit_counter.window_ends_at <= ${now} then excluded.window_ends_at else access.rate_limit_counter.window_ends_at end`,
        }),
      )
      .returning(['count', 'window_ends_at'])
      .executeTakeFirstOrThrow();
    return { count: Number(r.count), windowEndsAt: new Date(r.window_ends_at) };
  }

  /** Reads a counter without counting (for the plugin's `increment: false`). */
  async readRateLimit(db: Executor, key: string): Promise<RateLimitCounterRow | undefined> {
    return q(db)
      .selectFrom('access.rate_limit_counter')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
  }

  async purgeRateLimits(trx: Executor, now: Date): Promise<number> {
    const r = await q(trx)
      .deleteFrom('access.rate_limit_counter')
      .where('window_ends_at', '<=', now)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async findThrottle(db: Executor, account: string): Promise<LoginThrottleRow | undefined> {
    return q(db)
      .selectFrom('access.login_throttle')
      .selectAll()
      .where('account', '=', account)
      .executeTakeFirst();
  }

  /** The account's throttle row, created if absent and locked until the transaction ends. */
  async lockThrottle(trx: Executor, account: string, now: Date): Promise<LoginThrottleRow> {
    await q(trx)
      .insertInto('access.login_throttle')
      .values({
        account,
        failures: 0,
        lock_level: 0,
        locked_until: null,
        last_failure_at: now,
        audit_window_ends_at: null,
        unlogged: 0,
        unlogged_since: null,
      })
      .onConflict((oc) => oc.column('account').doNothing())
      .execute();
    return q(trx)
      .selectFrom('access.login_throttle')
      .selectAll()
      .where('account', '=', account)
      .forUpdate()
      .executeTakeFirstOrThrow();
  }

  async saveThrottle(trx: Executor, row: LoginThrottleRow): Promise<void> {
    const { account, ...rest } = row;
    await q(trx).updateTable('access.login_throttle').set(rest).where('account', '=', account).execute();
  }

  async deleteThrottle(trx: Executor, account: string): Promise<void> {
    await q(trx).deleteFrom('access.login_throttle').where('account', '=', account).execute();
  }

  /** Rows whose audit window has closed with attempts not yet written to the audit log, locked. */
  async throttlesToFlush(trx: Executor, now: Date): Promise<LoginThrottleRow[]> {
    return q(trx)
      .selectFrom('access.login_throttle')
      .selectAll()
      .where('unlogged', '>', 0)
      .where((eb) => eb.or([eb('audit_window_ends_at', 'is', null), eb('audit_window_ends_at', '<=', now)]))
      .orderBy('account')
      .forUpdate()
      .execute();
  }

  /** Forgets accounts with nothing left to log, no lock running and no failure since `before`. */
  async purgeThrottles(trx: Executor, now: Date, before: Date): Promise<number> {
    const r = await q(trx)
      .deleteFrom('access.login_throttle')
      .where('unlogged', '=', 0)
      .where('last_failure_at', '<', before)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
