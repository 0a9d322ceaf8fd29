import type { Executor } from '../../platform/database/index.ts';

type AuthorityRow = {
  id: string;
  name: string;
  type: string;
  member_state: string;
  created_at: Date;
};

type UserRow = {
  id: string;
  username: string;
  display_name: string;
  authority_id: string;
  password_hash: string;
  active: boolean;
  created_at: Date;
};

type SecretRow = {
  name: string;
  value: string;
};

type RevokedTokenRow = {
  jti: string;
  expires_at: Date;
};

export type AccessTables = {
  'access.revoked_token': RevokedTokenRow;
  'access.authority': AuthorityRow;
  'access.user': UserRow;
  'access.secret': SecretRow;
};

export type UserWithAuthority = UserRow & {
  authority_name: string;
  authority_type: string;
  member_state: string;
};

const q = (db: Executor) => db.withTables<AccessTables>();

export class AccessRepository {
  async findUserByUsername(db: Executor, username: string): Promise<UserWithAuthority | undefined> {
    return this.#userQuery(db).where('u.username', '=', username).executeTakeFirst();
  }

  async findUserById(db: Executor, id: string): Promise<UserWithAuthority | undefined> {
    return this.#userQuery(db).where('u.id', '=', id).executeTakeFirst();
  }

  async listUsers(db: Executor): Promise<UserWithAuthority[]> {
    return this.#userQuery(db).orderBy('u.username').execute();
  }

  #userQuery(db: Executor) {
    return q(db)
      .selectFrom('access.user as u')
      .innerJoin('access.authority as a', 'a.id', 'u.authority_id')
      .selectAll('u')
      .select(['a.name as authority_name', 'a.type as authority_type', 'a.member_state']);
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

  async isRevoked(db: Executor, jti: string): Promise<boolean> {
    const r = await q(db)
      .selectFrom('access.revoked_token')
      .select('jti')
      .where('jti', '=', jti)
      .executeTakeFirst();
    return r !== undefined;
  }

  async purgeRevoked(trx: Executor, now: Date): Promise<number> {
    const r = await q(trx)
      .deleteFrom('access.revoked_token')
      .where('expires_at', '<', now)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Returns the named secret, creating it with `fresh` the first time (race-safe). */
  async secret(db: Executor, name: string, fresh: string): Promise<string> {
    await q(db)
      .insertInto('access.secret')
      .values({ name, value: fresh })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const r = await q(db)
      .selectFrom('access.secret')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return r.value;
  }
}
