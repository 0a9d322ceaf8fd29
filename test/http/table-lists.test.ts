import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, SYSTEM_ACTOR } from '../../src/contexts/access/index.ts';
import { startTestServer } from '../support/server.ts';

/**
 * The server side of the list tables: sorting and paging of the audit log and the SIS alert list (whitelisted
 * columns, a complete order, totals; bad parameters a 400 with a stable code), and the log record of a CSV
 * export made in the browser.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(
  method: string,
  url: string,
  options: { user?: string; purpose?: string; body?: unknown } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.user !== undefined) {
    headers.authorization = `Bearer ${tokens.get(options.user) ?? ''}`;
  }
  if (options.purpose !== undefined) {
    headers['x-interlink-purpose'] = options.purpose;
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(`${server.url}${url}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const dpo = { user: 'dpo.de', purpose: 'data-protection-audit' };
const sirene = { user: 'sirene.it', purpose: 'alert-management' };

interface EventView {
  seq: number;
  operation: string;
  system: string;
  component: string | null;
  username: string;
  purpose: string | null;
  queryDataTypes: string[];
  resultSummary: string | null;
}
interface AlertItem {
  alert: { id: string; category: string; issuingState: string; reviewDue: string; createdAt: string };
}

beforeAll(async () => {
  server = await startTestServer();
  for (const username of ['dpo.de', 'sirene.it', 'border.fi', 'admin']) {
    const r = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    tokens.set(username, ((await r.json()) as { token: string }).token);
  }
  for (const [system, operation] of [
    ['sis', 'table.sample.b'],
    ['ees', 'table.sample.a'],
    ['sis', 'table.sample.c'],
    ['ees', 'table.sample.a'],
    ['hubs', 'table.sample.b'],
  ] as const) {
    await server.services.audit.recordNow({ actor: SYSTEM_ACTOR, system, operation, outcome: 'success' });
  }
  const plates = ['TBL-1', 'TBL-2', 'TBL-3', 'TBL-4', 'TBL-5'];
  for (const [i, plate] of plates.entries()) {
    const r = await call('POST', '/api/v1/sis/alerts', {
      ...sirene,
      body: {
        ...(i % 2 === 0
          ? {
              category: 'object-seizure',
              object: { type: 'number-plate', identifiers: [{ kind: 'plate', value: plate }] },
            }
          : {
              category: 'object-check',
              checkType: 'discreet',
              object: { type: 'motor-vehicle', identifiers: [{ kind: 'plate', value: plate }] },
            }),
        reason: `Table test ${i}`,
        decisionRef: `TBL-${i}`,
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
});
afterAll(async () => {
  await server.close();
});

describe('GET /api/v1/audit/events, sorted and paged', () => {
  const samples = '/api/v1/audit/events?user=system';

  it('counts every match and pages by offset in the order asked for, with no overlap', async () => {
    const all = await call('GET', `${samples}&sort=operation&order=asc&limit=100`, dpo);
    expect(all.status).toBe(200);
    const events = all.body.events as EventView[];
    const mine = events.filter((e) => e.operation.startsWith('table.sample.'));
    expect(mine.map((e) => e.operation)).toEqual([
      'table.sample.a',
      'table.sample.a',
      'table.sample.b',
      'table.sample.b',
      'table.sample.c',
    ]);
    // Equal operations keep the chain order, newest first: a complete, stable order.
    expect(mine[0]!.seq).toBeGreaterThan(mine[1]!.seq);
    expect(all.body.total).toBe(events.length);
    expect(all.body.nextBefore).toBeNull();

    const pages: EventView[] = [];
    for (let offset = 0; offset < events.length; offset += 2) {
      const page = await call('GET', `${samples}&sort=operation&order=asc&limit=2&offset=${offset}`, dpo);
      expect(page.body.total).toBe(events.length);
      pages.push(...(page.body.events as EventView[]));
    }
    expect(pages.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
  });

  it('sorts by time both ways, newest first by default', async () => {
    const desc = (await call('GET', `${samples}&limit=100`, dpo)).body.events as EventView[];
    const asc = (await call('GET', `${samples}&sort=time&order=asc&limit=100`, dpo)).body
      .events as EventView[];
    expect(desc.map((e) => e.seq)).toEqual([...desc.map((e) => e.seq)].sort((a, b) => b - a));
    expect(asc.map((e) => e.seq)).toEqual([...desc.map((e) => e.seq)].reverse());
  });

  it('names the newest match, so that pages bounded by it do not shift as reads of the log are logged', async () => {
    const first = await call('GET', `${samples}&sort=system&limit=2`, dpo);
    const events = first.body.events as EventView[];
    const bound = (first.body.latestSeq as number) + 1;
    expect(first.body.latestSeq).toBe(
      Math.max(
        ...((await call('GET', `${samples}&limit=500`, dpo)).body.events as EventView[]).map((e) => e.seq),
      ),
    );
    await server.services.audit.recordNow({
      actor: SYSTEM_ACTOR,
      system: 'sis',
      operation: 'table.sample.z',
      outcome: 'success',
    });
    const again = await call('GET', `${samples}&sort=system&limit=2&before=${bound}`, dpo);
    expect((again.body.events as EventView[]).map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    expect(again.body.total).toBe(first.body.total);
  });

  it('keeps the `before` cursor for newest-first paging', async () => {
    const first = await call('GET', `${samples}&limit=2`, dpo);
    const next = first.body.nextBefore as number;
    expect(next).toBe((first.body.events as EventView[])[1]!.seq);
    const second = await call('GET', `${samples}&limit=2&before=${next}`, dpo);
    expect((second.body.events as EventView[]).every((e) => e.seq < next)).toBe(true);
  });

  it.each([
    ['sort=hash', 'a column that is not offered'],
    ['sort=seq;drop table x', 'SQL in the column'],
    ['order=up', 'an unknown direction'],
    ['offset=-1', 'a negative offset'],
    ['offset=100001', 'an offset past the limit'],
    ['offset=12345678901234567890', 'a 20-digit offset'],
    ['offset=1.5', 'a fractional offset'],
    ['limit=0', 'an empty page'],
  ])('refuses %s (%s) with 400 REQUEST_INVALID', async (query) => {
    const r = await call('GET', `/api/v1/audit/events?${query}`, dpo);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('REQUEST_INVALID');
  });
});

describe('GET /api/v1/sis/alerts, sorted', () => {
  const list = '/api/v1/sis/alerts?q=Table%20test&limit=200';

  it('sorts by a whitelisted column, ties by id in the same direction, with the total', async () => {
    const r = await call('GET', `${list}&sort=category&order=asc`, sirene);
    expect(r.status).toBe(200);
    const items = r.body.alerts as AlertItem[];
    expect(r.body.total).toBe(5);
    const keys = items.map((i) => [i.alert.category, i.alert.id] as const);
    const sorted = [...keys].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
    expect(keys).toEqual(sorted);
    expect(items[0]!.alert.category).toBe('object-check');
  });

  it('is newest first by default and reverses with order=asc', async () => {
    const desc = ((await call('GET', list, sirene)).body.alerts as AlertItem[]).map((i) => i.alert.id);
    const asc = (
      (await call('GET', `${list}&sort=entered&order=asc`, sirene)).body.alerts as AlertItem[]
    ).map((i) => i.alert.id);
    expect(asc).toEqual([...desc].reverse());
  });

  it('pages without overlap in a sorted order', async () => {
    const all = (
      (await call('GET', `${list}&sort=reviewDue&order=desc`, sirene)).body.alerts as AlertItem[]
    ).map((i) => i.alert.id);
    const paged: string[] = [];
    for (let offset = 0; offset < 5; offset += 2) {
      const r = await call(
        'GET',
        `${list.replace('limit=200', 'limit=2')}&sort=reviewDue&order=desc&offset=${offset}`,
        sirene,
      );
      paged.push(...(r.body.alerts as AlertItem[]).map((i) => i.alert.id));
    }
    expect(paged).toEqual(all);
  });

  it.each(['sort=subject', 'sort=created_at', 'order=random', 'offset=-5', 'limit=201'])(
    'refuses %s with 400 REQUEST_INVALID',
    async (query) => {
      const r = await call('GET', `/api/v1/sis/alerts?${query}`, sirene);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('REQUEST_INVALID');
    },
  );
});

describe('POST /api/v1/audit/exports', () => {
  const body = {
    screen: 'sis-alerts',
    system: 'sis',
    filters: { status: 'review-due', q: 'Table test' },
    sort: 'entered desc',
    page: 1,
    columns: ['subject', 'category'],
    rows: 5,
  };

  it('logs an export of any signed-in user under the purpose the list was read for', async () => {
    const r = await call('POST', '/api/v1/audit/exports', { ...sirene, body });
    expect(r.status).toBe(201);
    expect(typeof r.body.id).toBe('string');
    expect(typeof r.body.seq).toBe('number');

    const log = await call('GET', '/api/v1/audit/events?operation=export&user=sirene.it', dpo);
    const [event] = log.body.events as EventView[];
    expect(event).toMatchObject({
      seq: r.body.seq,
      operation: 'export',
      system: 'sis',
      component: 'sis-alerts',
      username: 'sirene.it',
      purpose: 'alert-management',
      queryDataTypes: ['status', 'q'],
    });
    expect(event!.resultSummary).toBe(
      '5 row(s) of sis-alerts exported as CSV; columns subject, category; filters status=review-due, q=Table test; sorted by entered desc; page 1',
    );
  });

  it('needs a sign-in, a purpose, and a purpose of the user’s profile', async () => {
    const anonymous = await call('POST', '/api/v1/audit/exports', { body });
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'ACCESS_TOKEN_MISSING']);
    const noPurpose = await call('POST', '/api/v1/audit/exports', { user: 'sirene.it', body });
    expect([noPurpose.status, noPurpose.body.code]).toEqual([400, 'ACCESS_PURPOSE_REQUIRED']);
    const notHis = await call('POST', '/api/v1/audit/exports', {
      user: 'border.fi',
      purpose: 'alert-management',
      body,
    });
    expect([notHis.status, notHis.body.code]).toEqual([403, 'ACCESS_PURPOSE_DENIED']);
    const unknown = await call('POST', '/api/v1/audit/exports', {
      user: 'sirene.it',
      purpose: 'curiosity',
      body,
    });
    expect([unknown.status, unknown.body.code]).toEqual([403, 'ACCESS_PURPOSE_DENIED']);
  });

  it.each([
    ['an unknown system', { system: 'nope' }],
    ['a screen name with spaces', { screen: 'my screen' }],
    ['no columns', { columns: [] }],
    ['a negative row count', { rows: -1 }],
    ['more rows than a page holds', { rows: 1001 }],
    ['a filter name with symbols', { filters: { 'a b': 'x' } }],
    ['a filter value that is not text', { filters: { a: 1 } }],
    ['an unknown field', { extra: true }],
  ])('refuses %s with 400 REQUEST_INVALID', async (_what, patch) => {
    const r = await call('POST', '/api/v1/audit/exports', { ...sirene, body: { ...body, ...patch } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('REQUEST_INVALID');
  });
});
