import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer } from '../support/server.ts';

/** With the token secret in the environment, the operator rotates it there: the API refuses with 409. */

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({
    env: { INTERLINK_TOKEN_SECRET: 'a token secret of at least thirty-two characters' },
  });
});
afterAll(async () => {
  await server.close();
});

it('refuses to rotate a token secret set by INTERLINK_TOKEN_SECRET, and tokens keep working', async () => {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'interlink-demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const r = await fetch(`${server.url}/api/v1/access/token-secret/rotation`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'x-interlink-purpose': 'system-administration',
      'content-type': 'application/json',
    },
    body: JSON.stringify({ reason: 'Quarterly rotation', revokeExisting: true }),
  });
  expect(r.status).toBe(409);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  const body = (await r.json()) as { code: string; detail: string };
  expect(body.code).toBe('ACCESS_TOKEN_SECRET_FROM_ENVIRONMENT');
  expect(body.detail).toContain('INTERLINK_TOKEN_SECRET');
  const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(me.status).toBe(200);
});
