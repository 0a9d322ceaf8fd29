import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/db.ts';
import { freePort } from '../support/postgres-cluster.ts';
import { login, startServerProcess, type Server } from '../support/server-process.ts';

function createUser(url: string, token: string, authorityId: string, i: number) {
  return fetch(`${url}/api/v1/access/users`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-interlink-purpose': 'system-administration',
      'idempotency-key': `burst-${i}`,
    },
    body: JSON.stringify({
      username: `burst.${i}`,
      displayName: `Burst ${i}`,
      password: 'a long password!',
      authorityId,
    }),
  });
}

describeEachDatabase('Acknowledged writes survive SIGKILL', (tier) => {
  let db: TestDatabase;
  let server: Server | null = null;

  beforeEach(async () => {
    db = await createTestDatabase(tier);
  });
  afterEach(async () => {
    server?.child.kill('SIGKILL');
    await db.drop();
  });

  it('keeps every acknowledged write, and no half-written one, after the process is killed mid-burst', async () => {
    const port = await freePort();
    server = await startServerProcess(db, port);
    const adminToken = await login(server.url, 'admin');
    const authorities = (await (
      await fetch(`${server.url}/api/v1/access/authorities`, {
        headers: { authorization: `Bearer ${adminToken}` },
      })
    ).json()) as { authorities: Array<{ id: string; name: string }> };
    // The administrator's own authority: users of another one would only be requested (and logged as such).
    const authorityId = authorities.authorities.find((a) => a.name === 'Interlink operations')!.id;

    const acknowledged = new Set<number>();
    const attempted: number[] = [];
    const total = 400;
    const concurrency = 6;
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < total && !killed) {
        const i = next++;
        attempted.push(i);
        try {
          const r = await createUser(server!.url, adminToken, authorityId, i);
          if (r.status === 201) {
            acknowledged.add(i);
            if (acknowledged.size === 25 && !killed) {
              killed = true;
              server!.child.kill('SIGKILL');
            }
          }
        } catch {
          // connection cut by the kill: not acknowledged
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    expect(killed).toBe(true);
    const dead = server.child;
    if (dead.exitCode === null && dead.signalCode === null) {
      await new Promise((resolve) => dead.once('exit', resolve));
    }

    server = await startServerProcess(db, port);
    const token = await login(server.url, 'admin');
    const users = (await (
      await fetch(`${server.url}/api/v1/access/users`, {
        headers: { authorization: `Bearer ${token}`, 'x-interlink-purpose': 'system-administration' },
      })
    ).json()) as { users: Array<{ id: string; username: string }> };
    const present = new Set(
      users.users.filter((u) => u.username.startsWith('burst.')).map((u) => Number(u.username.slice(6))),
    );
    for (const i of acknowledged) {
      expect(present.has(i), `acknowledged write burst.${i} lost`).toBe(true);
    }

    // No half-written operation: every user has its audit record and every audit record its user.
    const dpo = await login(server.url, 'dpo.de');
    const audit = (await (
      await fetch(`${server.url}/api/v1/audit/events?operation=users.create&limit=500`, {
        headers: { authorization: `Bearer ${dpo}`, 'x-interlink-purpose': 'data-protection-audit' },
      })
    ).json()) as { events: Array<{ recordRefs: string[] }> };
    const audited = new Set(audit.events.flatMap((e) => e.recordRefs));
    const burstUsers = users.users.filter((u) => u.username.startsWith('burst.'));
    for (const u of burstUsers) {
      expect(audited.has(u.id), `user ${u.username} has no audit record`).toBe(true);
    }
    const allIds = new Set(users.users.map((u) => u.id));
    for (const ref of audited) {
      expect(allIds.has(ref), `audit record for missing user ${ref}`).toBe(true);
    }

    // Retrying every attempted request with its key creates nothing twice.
    for (const i of attempted) {
      const r = await createUser(server.url, token, authorityId, i);
      expect(r.status, `retry of burst.${i}`).toBe(201);
    }
    const after = (await (
      await fetch(`${server.url}/api/v1/access/users`, {
        headers: { authorization: `Bearer ${token}`, 'x-interlink-purpose': 'system-administration' },
      })
    ).json()) as { users: Array<{ username: string }> };
    const names = after.users.map((u) => u.username).filter((n) => n.startsWith('burst.'));
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(new Set(attempted).size);

    const verify = (await (
      await fetch(`${server.url}/api/v1/audit/verify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${dpo}`, 'x-interlink-purpose': 'data-protection-audit' },
      })
    ).json()) as { ok: boolean };
    expect(verify.ok).toBe(true);
  }, 480_000);
});
