import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { startTestServer } from '../support/server.ts';

/**
 * The administration routes over real HTTP: users requested for another authority wait for its confirmation,
 * deactivation, the roles, and the rotation of the token signing key.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
const ADMIN = { purpose: 'system-administration' };

async function call(
  method: string,
  path: string,
  options: { token?: string; purpose?: string; body?: unknown; rawBody?: string } = {},
): Promise<{ status: number; body: Record<string, unknown>; type: string }> {
  const headers: Record<string, string> = {};
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  if (options.purpose) {
    headers['x-interlink-purpose'] = options.purpose;
  }
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await r.text();
  return {
    status: r.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    type: r.headers.get('content-type') ?? '',
  };
}

async function login(username: string, password = DEMO_PASSWORD) {
  return call('POST', '/api/v1/auth/login', { body: { username, password } });
}
async function tokenOf(username: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await login(username, password);
  expect(r.status, username).toBe(200);
  return r.body.token as string;
}

let admin = '';
let adminIt = '';
let authorities: Array<{ id: string; name: string; type: string }> = [];
const authorityId = (name: string) => authorities.find((a) => a.name === name)!.id;

beforeAll(async () => {
  server = await startTestServer();
  admin = await tokenOf('admin');
  adminIt = await tokenOf('admin.it');
  authorities = (await call('GET', '/api/v1/access/authorities', { token: admin })).body
    .authorities as typeof authorities;
});
afterAll(async () => {
  await server.close();
});

async function createUser(token: string, username: string, authority: string) {
  return call('POST', '/api/v1/access/users', {
    token,
    ...ADMIN,
    body: {
      username,
      displayName: username,
      password: 'a long password 1',
      authorityId: authorityId(authority),
    },
  });
}

describe('administration over HTTP', () => {
  it('keeps a user requested for another authority pending until that authority’s administrator confirms it', async () => {
    const created = await createUser(admin, 'new.it', 'Interlink operations Italy');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', active: false });
    const id = created.body.id as string;
    expect((await login('new.it', 'a long password 1')).status).toBe(401);

    const queue = await call('GET', '/api/v1/access/user-requests', { token: adminIt });
    expect(queue.status).toBe(200);
    expect(queue.body.mayConfirm).toBe(true);
    expect((queue.body.requests as Array<{ id: string }>).map((u) => u.id)).toEqual([id]);

    const own = await call('POST', `/api/v1/access/users/${id}/confirmation`, {
      token: admin,
      body: { decision: 'approve' },
    });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('ACCESS_CONFIRMATION_OWN_REQUEST');
    expect(own.type).toContain('application/problem+json');

    const sirene = await call('POST', `/api/v1/access/users/${id}/confirmation`, {
      token: await tokenOf('sirene.it'),
      body: { decision: 'approve' },
    });
    expect(sirene.status).toBe(403);
    expect(sirene.body.code).toBe('ACCESS_CONFIRMATION_OTHER_AUTHORITY');

    const ok = await call('POST', `/api/v1/access/users/${id}/confirmation`, {
      token: adminIt,
      body: { decision: 'approve' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'active', active: true });
    expect((await login('new.it', 'a long password 1')).status).toBe(200);
    const again = await call('POST', `/api/v1/access/users/${id}/confirmation`, {
      token: adminIt,
      body: { decision: 'approve' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ACCESS_USER_NOT_PENDING');
  });

  it('lets the designated SIRENE confirmer reject a SIRENE user an administrator asked for', async () => {
    const created = await createUser(admin, 'sirene.shadow', 'SIRENE Italia');
    expect(created.body.status).toBe('pending');
    const sireneIt = await tokenOf('sirene.it');
    const noReason = await call('POST', `/api/v1/access/users/${String(created.body.id)}/confirmation`, {
      token: sireneIt,
      body: { decision: 'reject' },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('ACCESS_CONFIRMATION_REASON_REQUIRED');
    const rejected = await call('POST', `/api/v1/access/users/${String(created.body.id)}/confirmation`, {
      token: sireneIt,
      body: { decision: 'reject', reason: 'Nobody asked for this account' },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    expect((await login('sirene.shadow', 'a long password 1')).status).toBe(401);
    // The data protection officer sees the request and its outcome in the user list and the audit log.
    const dpo = await tokenOf('dpo.de');
    const users = await call('GET', '/api/v1/access/users', { token: dpo, purpose: 'data-protection-audit' });
    const row = (users.body.users as Array<{ username: string; status: string }>).find(
      (u) => u.username === 'sirene.shadow',
    );
    expect(row?.status).toBe('rejected');
    const log = await call('GET', '/api/v1/audit/events?operation=users.reject&limit=5', {
      token: dpo,
      purpose: 'data-protection-audit',
    });
    expect((log.body.events as unknown[]).length).toBe(1);
  });

  it('adds a user to the administrator’s own authority at once, and deactivation stops its live token', async () => {
    const created = await createUser(admin, 'ops.second', 'Interlink operations');
    expect(created.body.status).toBe('active');
    const token = await tokenOf('ops.second', 'a long password 1');
    expect((await call('GET', '/api/v1/auth/me', { token })).status).toBe(200);

    const off = await call('PATCH', `/api/v1/access/users/${String(created.body.id)}`, {
      token: admin,
      ...ADMIN,
      body: { active: false },
    });
    expect(off.status).toBe(200);
    expect(off.body.status).toBe('inactive');
    const me = await call('GET', '/api/v1/auth/me', { token });
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('ACCESS_TOKEN_INVALID');

    const on = await call('PATCH', `/api/v1/access/users/${String(created.body.id)}`, {
      token: admin,
      ...ADMIN,
      body: { active: true },
    });
    expect(on.body.status).toBe('active');
    expect((await call('GET', '/api/v1/auth/me', { token })).status).toBe(200);

    const adminId = ((await call('GET', '/api/v1/auth/me', { token: admin })).body as { id: string }).id;
    const self = await call('PATCH', `/api/v1/access/users/${adminId}`, {
      token: admin,
      ...ADMIN,
      body: { active: false },
    });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('ACCESS_USER_SELF');
    const itId = ((await call('GET', '/api/v1/auth/me', { token: adminIt })).body as { id: string }).id;
    const other = await call('PATCH', `/api/v1/access/users/${itId}`, {
      token: admin,
      ...ADMIN,
      body: { active: false },
    });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('ACCESS_USER_OTHER_AUTHORITY');
  });

  it('shows what each authority type may do', async () => {
    const r = await call('GET', '/api/v1/access/roles', { token: admin });
    expect(r.status).toBe(200);
    const roles = r.body.roles as Array<{ authorityType: string; permissions: string[] }>;
    expect(roles.find((x) => x.authorityType === 'sirene')?.permissions).toContain('sis:exchange');
    expect(roles.find((x) => x.authorityType === 'administrator')?.permissions).not.toContain('sis:exchange');
    expect((await call('GET', '/api/v1/access/roles', { token: await tokenOf('border.fi') })).status).toBe(
      403,
    );
  });

  it('answers bad input with 4xx problem+json and stable codes', async () => {
    const cases: Array<[string, string, Record<string, unknown>, number, string]> = [
      ['PATCH', '/api/v1/access/users/usr_missing', { active: false }, 404, 'ACCESS_USER_NOT_FOUND'],
      ['PATCH', '/api/v1/access/users/x', { active: 'no' }, 400, 'REQUEST_INVALID'],
      ['PATCH', '/api/v1/access/users/x', { active: true, role: 'x' }, 400, 'REQUEST_INVALID'],
      ['PATCH', '/api/v1/access/users/x%00y', { active: true }, 400, 'REQUEST_INVALID_TEXT'],
      ['POST', '/api/v1/access/users/x/confirmation', { decision: 'maybe' }, 400, 'REQUEST_INVALID'],
      ['POST', '/api/v1/access/users/x/confirmation', { decision: 'approve' }, 404, 'ACCESS_USER_NOT_FOUND'],
      [
        'POST',
        '/api/v1/access/users/x/confirmation',
        { decision: 'reject', reason: 'a\u0000b' },
        400,
        'REQUEST_INVALID_TEXT',
      ],
      ['POST', '/api/v1/access/token-secret/rotation', { reason: '' }, 400, 'REQUEST_INVALID'],
      ['POST', '/api/v1/access/token-secret/rotation', { reason: 'x\ud800' }, 400, 'REQUEST_INVALID_TEXT'],
      [
        'POST',
        '/api/v1/access/token-secret/rotation',
        { reason: 'x', revokeExisting: 12345678901234567890 },
        400,
        'REQUEST_INVALID',
      ],
      [
        'POST',
        '/api/v1/access/token-secret/rotation',
        { reason: ' ' },
        400,
        'ACCESS_ROTATION_REASON_REQUIRED',
      ],
    ];
    for (const [method, path, body, status, code] of cases) {
      const r = await call(method, path, { token: admin, ...ADMIN, body });
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      expect(r.body.code, `${method} ${path}`).toBe(code);
      expect(r.type).toContain('application/problem+json');
    }
    const noPurpose = await call('POST', '/api/v1/access/token-secret/rotation', {
      token: admin,
      body: { reason: 'x' },
    });
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.code).toBe('ACCESS_PURPOSE_REQUIRED');
  });

  it('rotates the token key: tokens already issued keep working; an emergency rotation ends them all', async () => {
    const border = await tokenOf('border.fi');
    const normal = await call('POST', '/api/v1/access/token-secret/rotation', {
      token: admin,
      ...ADMIN,
      body: { reason: 'Quarterly rotation' },
    });
    expect(normal.status).toBe(200);
    expect(normal.body).toMatchObject({ revokedExisting: false });
    expect(normal.body.previousKeyValidUntil).toEqual(expect.any(String));
    expect((await call('GET', '/api/v1/auth/me', { token: border })).status).toBe(200);
    const after = await tokenOf('border.fi');
    const header = JSON.parse(Buffer.from(after.split('.')[0]!, 'base64url').toString()) as { kid: string };
    expect(header.kid).toBe(normal.body.kid);

    const emergency = await call('POST', '/api/v1/access/token-secret/rotation', {
      token: admin,
      ...ADMIN,
      body: { reason: 'Secret leaked', revokeExisting: true },
    });
    expect(emergency.status).toBe(200);
    expect(emergency.body).toMatchObject({ revokedExisting: true, previousKeyValidUntil: null });
    for (const token of [border, after, admin, adminIt]) {
      const r = await call('GET', '/api/v1/auth/me', { token });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('ACCESS_TOKEN_INVALID');
    }
    admin = await tokenOf('admin');
    adminIt = await tokenOf('admin.it');
    expect((await call('GET', '/api/v1/auth/me', { token: admin })).status).toBe(200);
  });

  it('leaves an audit chain that verifies', async () => {
    expect(await server.services.audit.verify()).toMatchObject({ ok: true });
  });
});
