import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createDemoUsers, DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createServices, type Services } from '../../src/services.ts';
import {
  replicaUnavailable,
  startPrimaryWithReplica,
  type ReplicatedCluster,
} from '../support/postgres-cluster.ts';

/**
 * A primary and a streaming replica made with pg_basebackup (docs/operations.md): searches read from the
 * replica, a session reads its own writes from the primary, the replica's lag is in /metrics, and reads fall
 * back to the primary when the replica stops.
 */
const unavailable = inject('postgresUnavailable') ?? replicaUnavailable();
const suite = unavailable ? describe.skip : describe;
const METRICS_TOKEN = 'metrics-token-for-the-replica-tests-0123456789';

suite(`searches on a streaming replica${unavailable ? ` — SKIPPED: ${unavailable}` : ''}`, () => {
  let pair: ReplicatedCluster;
  let services: Services;
  let close: () => Promise<void>;
  let url: string;
  let replica: pg.Client;
  let dataDir: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    const started = await startPrimaryWithReplica();
    if ('unavailable' in started) {
      throw new Error(started.unavailable);
    }
    pair = started;
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'interlink-replica-test-'));
    services = await createServices(
      loadConfig({
        LOG_LEVEL: 'silent',
        INTERLINK_DEMO: '0',
        INTERLINK_MAX_EVENT_LOOP_DELAY_MS: '0',
        INTERLINK_DATA_DIR: dataDir,
        DATABASE_URL: pair.primaryUrl,
        DATABASE_READ_URL: pair.replicaUrl,
        DATABASE_READ_MAX_LAG_SECONDS: '60',
        INTERLINK_METRICS_TOKEN: METRICS_TOKEN,
      }),
    );
    await createDemoUsers(services.access);
    const { app } = await buildApp(services);
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    close = async () => {
      await app.close();
      await services.close();
    };
    replica = new pg.Client({ connectionString: pair.replicaUrl });
    await replica.connect();
    replica.on('error', () => undefined);
    for (const username of ['sirene.it', 'police.nl', 'dpo.de']) {
      const r = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      tokens.set(username, ((await r.json()) as { token: string }).token);
    }
    // The replica has replayed the demo users before the tests begin.
    await until(async () => {
      const r = await replica.query<{ n: string }>('select count(*) as n from access.user');
      return Number(r.rows[0]?.n) > 0;
    });
  });
  afterAll(async () => {
    await replica?.end().catch(() => undefined);
    await close?.();
    pair?.stop();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) {
        throw new Error('condition not met in time');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function call(user: string, purpose: string, method: string, route: string, body?: unknown) {
    const r = await fetch(url + route, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(user) ?? ''}`,
        'x-interlink-purpose': purpose,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  }

  const enter = (surname: string) =>
    call('sirene.it', 'alert-management', 'POST', '/api/v1/sis/alerts', {
      category: 'arrest',
      person: { surname, givenNames: 'Eva', birthDate: '1981-05-06', nationalities: ['SVK'] },
      reason: 'European Arrest Warrant',
      decisionRef: `EAW-${surname}`,
    });
  const search = async (user: 'sirene.it' | 'police.nl', surname: string) => {
    const r = await call(
      user,
      user === 'sirene.it' ? 'alert-management' : 'law-enforcement',
      'POST',
      '/api/v1/sis/search/persons',
      { surname, givenNames: 'Eva', birthDate: '1981-05-06' },
    );
    expect(r.status).toBe(200);
    return (r.body.results as Array<{ alert: { alertId: string } }>).map((x) => x.alert.alertId);
  };
  /** The data protection officer's view of the log records about an alert: a pure replica read. */
  const logged = async (alertId: string) => {
    const r = await call(
      'dpo.de',
      'data-protection-audit',
      'GET',
      `/api/v1/audit/events?record=${encodeURIComponent(alertId)}`,
    );
    expect(r.status).toBe(200);
    return (r.body.events as unknown[]).length;
  };
  async function metric(name: string): Promise<number> {
    const r = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const line = (await r.text()).split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? Number.NaN : Number(line.split(' ')[1]);
  }

  let paused: string;

  it('searches through the replica, and a write the replica has not replayed is still found', async () => {
    await replica.query('select pg_wal_replay_pause()');
    const created = await enter('Replicova');
    expect(created.status).toBe(201);
    paused = created.body.id as string;
    // The paused replica does not have the alert yet ...
    const onReplica = await replica.query<{ n: string }>(
      'select count(*) as n from sis.alert where id = $1',
      [paused],
    );
    expect(Number(onReplica.rows[0]?.n)).toBe(0);
    // ... and the police officer's search finds it all the same: the name block is read on the replica, but
    // the node's identity index and SIS read model follow the primary's change feed, so a lagging replica
    // cannot hide a fresh alert (a wrong "no hit" is the costly error).
    expect(await search('police.nl', 'REPLICOVA')).toEqual([paused]);
    // The access log is read on the replica only: the officer does not see the alert's records yet.
    expect(await logged(paused)).toBe(0);
    const readers = await replica.query<{ n: string }>(
      "select count(*) as n from pg_stat_activity where application_name = 'interlink-read'",
    );
    expect(Number(readers.rows[0]?.n)).toBeGreaterThan(0);
  });

  it('lets the session that wrote read its own write at once, from the primary', async () => {
    expect(await search('sirene.it', 'REPLICOVA')).toEqual([paused]);
  });

  it('reports the replica lag in /metrics, and catches up when replay resumes', async () => {
    expect(await metric('interlink_db_replica_in_use')).toBe(1);
    await until(async () => (await metric('interlink_db_replica_lag_seconds')) > 0);
    expect(await metric('interlink_db_replica_lag_bytes')).toBeGreaterThan(0);
    await replica.query('select pg_wal_replay_resume()');
    await until(async () => {
      const r = await replica.query<{ n: string }>('select count(*) as n from sis.alert where id = $1', [
        paused,
      ]);
      return Number(r.rows[0]?.n) === 1;
    });
    await until(async () => (await metric('interlink_db_replica_lag_seconds')) === 0);
  });

  it('falls back to the primary when the replica stops', async () => {
    await replica.end().catch(() => undefined);
    pair.stopReplica();
    const created = await enter('Fallbackova');
    expect(created.status).toBe(201);
    expect(await search('police.nl', 'FALLBACKOVA')).toEqual([created.body.id]);
    // The router's probe (every second) notices, whether or not a search has read the replica since.
    await until(async () => (await metric('interlink_db_replica_in_use')) === 0);
    expect(await metric('interlink_db_replica_lag_seconds')).toBe(-1);
  });
});
