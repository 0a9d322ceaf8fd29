import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/db.ts';
import { freePort } from '../support/postgres-cluster.ts';
import { login, startServerProcess, type Server } from '../support/server-process.ts';

function searchDocument(url: string, token: string, i: number) {
  return fetch(`${url}/api/v1/ees/search/document`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-interlink-purpose': 'border-control',
    },
    body: JSON.stringify({ number: `KILL${String(i).padStart(5, '0')}`, issuingState: 'DEU' }),
  });
}

describeEachDatabase('Answered reads keep their audit records after SIGKILL', (tier) => {
  let db: TestDatabase;
  let server: Server | null = null;

  beforeAll(async () => {
    db = await createTestDatabase(tier);
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await db.drop();
  });

  it('has a committed log record for every read answered before the process was killed mid-burst', async () => {
    const port = await freePort();
    server = await startServerProcess(db, port);
    const token = await login(server.url, 'border.fi');
    // Request ids of the reads that were answered (the server's own id, sent back in X-Request-Id).
    const answered: string[] = [];
    const statuses = new Map<number, number>();
    const total = 2000;
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < total && !killed) {
        const i = next++;
        try {
          const r = await searchDocument(server!.url, token, i);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status === 200) {
            await r.json();
            answered.push(r.headers.get('x-request-id')!);
            if (answered.length === 60 && !killed) {
              killed = true;
              server!.child.kill('SIGKILL');
            }
          }
        } catch {
          // connection cut by the kill: not answered
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(killed, `answers by status: ${JSON.stringify([...statuses])}`).toBe(true);
    const dead = server.child;
    if (dead.exitCode === null && dead.signalCode === null) {
      await new Promise((resolve) => dead.once('exit', resolve));
    }

    server = await startServerProcess(db, port);
    const dpo = await login(server.url, 'dpo.de');
    const logged = new Set<string>();
    let before: number | null = null;
    for (;;) {
      const page = (await (
        await fetch(
          `${server.url}/api/v1/audit/events?operation=ees.search.document&limit=500${before === null ? '' : `&before=${before}`}`,
          { headers: { authorization: `Bearer ${dpo}`, 'x-interlink-purpose': 'data-protection-audit' } },
        )
      ).json()) as { events: Array<{ requestId: string | null }>; nextBefore: number | null };
      for (const e of page.events) {
        if (e.requestId !== null) {
          logged.add(e.requestId);
        }
      }
      if (page.nextBefore === null) {
        break;
      }
      before = page.nextBefore;
    }
    expect(answered.length).toBeGreaterThanOrEqual(60);
    for (const id of answered) {
      expect(logged.has(id), `answered read ${id} has no audit record`).toBe(true);
    }
    const verify = (await (
      await fetch(`${server.url}/api/v1/audit/verify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${dpo}`, 'x-interlink-purpose': 'data-protection-audit' },
      })
    ).json()) as { ok: boolean };
    expect(verify.ok).toBe(true);
  }, 480_000);
});
