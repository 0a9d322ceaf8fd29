import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { createServices } from '../../src/services.ts';
import { NODE_HEADER, startApiCluster, type ApiCluster } from '../support/cluster.ts';
import { testConfig } from '../support/db.ts';

/**
 * Two API nodes on one PostgreSQL database behind a load balancer (docs/operations.md): what one node decides
 * about a client or a session holds on the other at once — rate-limit counters, login locks, token revocation —
 * and the audit chain written by both verifies as one chain.
 */
const unavailable = inject('postgresUnavailable');
const suite = unavailable ? describe.skip : describe;

suite(
  `two API nodes share state through PostgreSQL${unavailable ? ` — SKIPPED: ${unavailable}` : ''}`,
  () => {
    let cluster: ApiCluster;

    beforeAll(async () => {
      cluster = await startApiCluster({
        env: {
          INTERLINK_RATE_LIMIT_LOGIN: '4',
          INTERLINK_LOGIN_LOCK_AFTER_FAILURES: '3',
        },
      });
    });
    afterAll(async () => {
      await cluster?.close();
    });

    /** A request through the load balancer, pinned to one node, as the given client address. */
    async function call(
      node: 'a' | 'b',
      method: string,
      url: string,
      options: { token?: string; body?: unknown; client: string; purpose?: string },
    ): Promise<{ status: number; body: Record<string, unknown> }> {
      const headers: Record<string, string> = {
        [NODE_HEADER]: node,
        'x-forwarded-for': options.client,
      };
      if (options.token) {
        headers.authorization = `Bearer ${options.token}`;
      }
      if (options.purpose) {
        headers['x-interlink-purpose'] = options.purpose;
      }
      if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
      }
      const res = await fetch(cluster.url + url, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
    }

    const login = (node: 'a' | 'b', username: string, password: string, client: string) =>
      call(node, 'POST', '/api/v1/auth/login', { body: { username, password }, client });

    it('refuses on node B a token logged out on node A, at once', async () => {
      const client = '198.51.100.10';
      const ok = await login('a', 'border.fi', DEMO_PASSWORD, client);
      expect(ok.status).toBe(200);
      const token = ok.body.token as string;
      // Node B has served this token (and could have remembered it) before the logout.
      expect((await call('b', 'GET', '/api/v1/auth/me', { token, client })).status).toBe(200);
      expect((await call('a', 'POST', '/api/v1/auth/logout', { token, client })).status).toBe(204);

      const onB = await call('b', 'GET', '/api/v1/auth/me', { token, client });
      expect(onB.status).toBe(401);
      expect(onB.body.code).toBe('ACCESS_TOKEN_INVALID');
      expect((await call('a', 'GET', '/api/v1/auth/me', { token, client })).status).toBe(401);
    });

    it('locks an account name after failures spread over both nodes', async () => {
      const client = '198.51.100.20';
      const wrong = 'not the password of this user';
      // Three failures (the lock threshold), alternating nodes: the third locks although node A saw only two.
      expect((await login('a', 'police.nl', wrong, client)).status).toBe(401);
      expect((await login('b', 'police.nl', wrong, client)).status).toBe(401);
      expect((await login('a', 'police.nl', wrong, client)).status).toBe(429);
      // Locked on the node that saw only one failure, even with the right password.
      const locked = await login('b', 'police.nl', DEMO_PASSWORD, '198.51.100.21');
      expect(locked.status).toBe(429);
      expect(locked.body.code).toMatch(/LOCKED/);
    });

    it('counts one client against one rate limit across both nodes, and other clients apart', async () => {
      const client = '198.51.100.30';
      const statuses: number[] = [];
      // Unknown account names: no lock interferes, each attempt is a 401 until the client's budget (4) is spent.
      for (let i = 0; i < 6; i += 1) {
        statuses.push((await login(i % 2 === 0 ? 'a' : 'b', `nobody.${i}`, 'wrong password', client)).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
      // Another client behind the same load balancer has its own budget (X-Forwarded-For from a trusted proxy).
      expect((await login('b', 'nobody.x', 'wrong password', '198.51.100.31')).status).toBe(401);
    });

    it('keeps one audit chain that verifies, written by both nodes with the shared key', async () => {
      const client = '198.51.100.40';
      const dpo = await login('b', 'dpo.de', DEMO_PASSWORD, client);
      expect(dpo.status).toBe(200);
      const token = dpo.body.token as string;
      const verify = await call('a', 'POST', '/api/v1/audit/verify', {
        token,
        client,
        purpose: 'data-protection-audit',
      });
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ ok: true });
      expect(cluster.forwarded.a).toBeGreaterThan(0);
      expect(cluster.forwarded.b).toBeGreaterThan(0);
    });

    it('refuses to start a third node whose audit key differs from the one the chain is written with', async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'interlink-node-x-'));
      try {
        // INTERLINK_AUDIT_KEY left out would do the same: the node would generate a key of its own.
        const started = createServices(
          testConfig(cluster.database, {
            INTERLINK_DATA_DIR: dataDir,
            INTERLINK_AUDIT_KEY: randomBytes(32).toString('base64url'),
          }),
        );
        await expect(started).rejects.toThrow(/verifies with this node's audit key/);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  },
);
