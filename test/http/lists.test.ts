import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { createDemoHubs, DEMO_HUB_ALERTS } from '../../src/contexts/hubs/index.ts';
import { newUser } from '../support/builders.ts';
import { startTestServer } from '../support/server.ts';

/**
 * Server-side sort, filters and paging of the SIRENE exchange queue, the review queue, the list of
 * overstayers and a hub's hit list: each filter narrows in SQL, each order is stable (ties broken by id), a
 * page carries the total, and a parameter outside the closed lists is refused with 400 and a stable code.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

async function login(username: string, password: string): Promise<string> {
  const r = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await r.json()) as { token: string }).token;
}

async function call(
  method: string,
  url: string,
  options: { user: string; purpose: string; body?: unknown },
): Promise<Reply> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${tokens.get(options.user) ?? ''}`,
    'x-interlink-purpose': options.purpose,
  };
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

const exchange = { user: 'sirene.it', purpose: 'sirene-exchange' };
const management = { user: 'sirene.it', purpose: 'alert-management' };
const immigration = { user: 'immigration', purpose: 'immigration-check' };
const desk = { user: 'desk', purpose: 'hub-vehicle-check' };

const get = (url: string, who: { user: string; purpose: string }) => call('GET', url, who);

function day(offset: number): string {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + offset))
    .toISOString()
    .slice(0, 10);
}

/** Every bad value of a list's parameters answers 400 with the code the client can act on. */
async function expectRefused(
  path: string,
  who: { user: string; purpose: string },
  cases: Array<[query: string, code: string]>,
): Promise<void> {
  const answers = await Promise.all(
    cases.map(async ([query]) => {
      const r = await get(`${path}?${query}`, who);
      return [query, r.status, r.body.code];
    }),
  );
  expect(answers).toEqual(cases.map(([query, code]) => [query, 400, code]));
}

const BAD_PAGING: Array<[string, string]> = [
  ['sort=bogus', 'REQUEST_INVALID'],
  ['sort=id', 'REQUEST_INVALID'],
  ['order=up', 'REQUEST_INVALID'],
  ['offset=-1', 'REQUEST_INVALID'],
  ['offset=100001', 'REQUEST_INVALID'],
  ['offset=12345678901234567890', 'REQUEST_INVALID'],
  ['limit=0', 'REQUEST_INVALID'],
  ['sort=a%00b', 'REQUEST_INVALID_TEXT'],
  ['sort=%ED%A0%80', 'REQUEST_INVALID_TEXT'],
  ['order=%00', 'REQUEST_INVALID_TEXT'],
];

beforeAll(async () => {
  server = await startTestServer();
  for (const username of ['sirene.it', 'border.fi', 'immigration']) {
    const name = username === 'immigration' ? 'immigration.de' : username;
    tokens.set(username, await login(name, DEMO_PASSWORD));
  }
  const german = await newUser(server.services, 'border', { memberState: 'DE' });
  tokens.set('border.de', german.token);
  tokens.set('desk', await login('hub.be', DEMO_PASSWORD));
});
afterAll(async () => {
  await server?.close();
});

describe('the SIRENE exchange queue (GET /sis/hits)', () => {
  const hits: Record<'overdue' | 'soon' | 'later' | 'replied', string> = {
    overdue: '',
    soon: '',
    later: '',
    replied: '',
  };
  const alerts: Record<'arrest' | 'vehicle', string> = { arrest: '', vehicle: '' };

  beforeAll(async () => {
    const arrest = await call('POST', '/api/v1/sis/alerts', {
      ...management,
      body: {
        category: 'arrest',
        person: {
          surname: 'Listenberg',
          givenNames: 'Otto',
          birthDate: '1971-03-04',
          nationalities: ['AUT'],
        },
        reason: 'European Arrest Warrant',
        decisionRef: 'EAW-LIST-1',
      },
    });
    const vehicle = await call('POST', '/api/v1/sis/alerts', {
      ...management,
      body: {
        category: 'object-seizure',
        object: {
          type: 'motor-vehicle',
          identifiers: [{ kind: 'plate', value: 'LI-555-ST', country: 'ITA' }],
        },
        reason: 'Stolen vehicle',
        decisionRef: 'PV-LIST-1',
      },
    });
    expect([arrest.status, vehicle.status]).toEqual([201, 201]);
    alerts.arrest = arrest.body.id as string;
    alerts.vehicle = vehicle.body.id as string;
    const report = async (user: string, alertId: string, place: string) => {
      const r = await call('POST', '/api/v1/sis/hits', {
        user,
        purpose: 'border-control',
        body: { alertId, location: { place }, checked: { dataTypes: ['surname'] } },
      });
      expect(r.status).toBe(201);
      return r.body.hitId as string;
    };
    hits.overdue = await report('border.fi', alerts.arrest, 'FI-VAALIMAA');
    hits.soon = await report('border.fi', alerts.vehicle, 'FI-HEL');
    hits.later = await report('border.de', alerts.arrest, 'DE-FRA');
    hits.replied = await report('border.fi', alerts.vehicle, 'FI-NUIJAMAA');
    const reply = await call('POST', `/api/v1/sis/hits/${hits.replied}/messages`, {
      ...exchange,
      body: { body: 'The vehicle is to be seized.' },
    });
    expect(reply.status).toBe(201);
    const hour = 3_600_000;
    const due: Array<[string, number]> = [
      [hits.overdue, -3 * hour],
      [hits.soon, hour],
      [hits.later, 10 * hour],
      [hits.replied, -hour],
    ];
    for (const [id, inMs] of due) {
      await sql`update sis.hit set reply_due_at = ${new Date(Date.now() + inMs)} where id = ${id}`.execute(
        server.services.database.db,
      );
    }
  });

  const ids = (r: Reply) => (r.body.hits as Array<{ id: string }>).map((h) => h.id);

  it('lists open exchanges first by due time, with the total, by default', async () => {
    const r = await get('/api/v1/sis/hits', exchange);
    expect(r.status).toBe(200);
    expect(ids(r)).toEqual([hits.overdue, hits.soon, hits.later, hits.replied]);
    expect(r.body.total).toBe(4);
  });

  it('filters open, closed, overdue and due-soon exchanges', async () => {
    expect(ids(await get('/api/v1/sis/hits?open=true', exchange))).toEqual([
      hits.overdue,
      hits.soon,
      hits.later,
    ]);
    expect(ids(await get('/api/v1/sis/hits?open=false', exchange))).toHaveLength(4);
    expect(ids(await get('/api/v1/sis/hits?status=closed', exchange))).toEqual([hits.replied]);
    const overdue = await get('/api/v1/sis/hits?deadline=overdue', exchange);
    expect(ids(overdue)).toEqual([hits.overdue]);
    expect(overdue.body.total).toBe(1);
    expect(ids(await get('/api/v1/sis/hits?deadline=soon', exchange))).toEqual([hits.soon]);
    expect(ids(await get('/api/v1/sis/hits?deadline=soon&dueWithinHours=12', exchange))).toEqual([
      hits.soon,
      hits.later,
    ]);
  });

  it('filters by alert category and by the member state that reported the hit', async () => {
    expect(ids(await get('/api/v1/sis/hits?category=object-seizure', exchange))).toEqual([
      hits.soon,
      hits.replied,
    ]);
    expect(ids(await get('/api/v1/sis/hits?reportingState=DE', exchange))).toEqual([hits.later]);
    expect(ids(await get('/api/v1/sis/hits?reportingState=FI&category=arrest', exchange))).toEqual([
      hits.overdue,
    ]);
    expect(ids(await get(`/api/v1/sis/hits?alertId=${alerts.vehicle}&open=true`, exchange))).toEqual([
      hits.soon,
    ]);
  });

  it('sorts by a whitelisted field in either direction', async () => {
    const newest = await get('/api/v1/sis/hits?sort=createdAt&order=desc', exchange);
    expect(ids(newest)).toEqual([hits.replied, hits.later, hits.soon, hits.overdue]);
    expect(ids(await get('/api/v1/sis/hits?sort=replyDueAt', exchange))).toEqual([
      hits.overdue,
      hits.replied,
      hits.soon,
      hits.later,
    ]);
    expect(ids(await get('/api/v1/sis/hits?sort=deadline&order=desc', exchange))).toEqual([
      hits.replied,
      hits.later,
      hits.soon,
      hits.overdue,
    ]);
    const byState = ids(await get('/api/v1/sis/hits?sort=reportingState', exchange));
    expect(byState[0]).toBe(hits.later);
  });

  it('pages with offset and limit without skipping or repeating a hit', async () => {
    const first = await get('/api/v1/sis/hits?sort=createdAt&limit=3', exchange);
    const second = await get('/api/v1/sis/hits?sort=createdAt&limit=3&offset=3', exchange);
    expect([first.body.total, second.body.total]).toEqual([4, 4]);
    expect([...ids(first), ...ids(second)]).toEqual([hits.overdue, hits.soon, hits.later, hits.replied]);
    expect(ids(await get('/api/v1/sis/hits?offset=10', exchange))).toEqual([]);
  });

  it('refuses unknown sort fields, bad paging and bad filter values with 400', async () => {
    await expectRefused('/api/v1/sis/hits', exchange, [
      ...BAD_PAGING,
      ['limit=201', 'REQUEST_INVALID'],
      ['deadline=late', 'REQUEST_INVALID'],
      ['status=pending', 'REQUEST_INVALID'],
      ['dueWithinHours=0', 'REQUEST_INVALID'],
      ['category=bogus', 'REQUEST_INVALID'],
      ['reportingState=fin', 'REQUEST_INVALID'],
      ['issuingState=I%00', 'REQUEST_INVALID_TEXT'],
    ]);
  });
});

describe('the review queue (GET /sis/review-queue)', () => {
  const due: Record<'passed' | 'soon' | 'later', string> = { passed: '', soon: '', later: '' };

  beforeAll(async () => {
    const create = async (category: string, ref: string) => {
      const r = await call('POST', '/api/v1/sis/alerts', {
        ...management,
        body:
          category === 'arrest'
            ? {
                category,
                person: { surname: `Review${ref}`, birthDate: '1980-01-01' },
                reason: 'European Arrest Warrant',
                decisionRef: ref,
              }
            : {
                category,
                object: { type: 'number-plate', identifiers: [{ kind: 'plate', value: `RV-${ref}` }] },
                reason: 'Stolen plate',
                decisionRef: ref,
              },
      });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    due.passed = await create('object-seizure', 'R1');
    due.soon = await create('arrest', 'R2');
    due.later = await create('object-seizure', 'R3');
    const days: Array<[string, number]> = [
      [due.passed, -1],
      [due.soon, 10],
      [due.later, 60],
    ];
    for (const [id, offset] of days) {
      await sql`update sis.alert set review_due = ${day(offset)} where id = ${id}`.execute(
        server.services.database.db,
      );
    }
  });

  const ids = (r: Reply) => (r.body.items as Array<{ alert: { id: string } }>).map((i) => i.alert.id);

  it('lists the queue soonest first with the total, and sorts the other way on request', async () => {
    const r = await get('/api/v1/sis/review-queue', management);
    expect(r.status).toBe(200);
    expect(ids(r)).toEqual([due.passed, due.soon, due.later]);
    expect(r.body.total).toBe(3);
    expect(ids(await get('/api/v1/sis/review-queue?sort=reviewDue&order=desc', management))).toEqual([
      due.later,
      due.soon,
      due.passed,
    ]);
    expect(ids(await get('/api/v1/sis/review-queue?sort=createdAt&order=desc', management))).toEqual([
      due.later,
      due.soon,
      due.passed,
    ]);
  });

  it('filters by category, by due soon or overdue, and by a day the review is due before', async () => {
    expect(ids(await get('/api/v1/sis/review-queue?category=arrest', management))).toEqual([due.soon]);
    expect(ids(await get('/api/v1/sis/review-queue?due=soon', management))).toEqual([due.soon, due.later]);
    const overdue = await get('/api/v1/sis/review-queue?due=overdue', management);
    expect(ids(overdue)).toEqual([due.passed]);
    expect(overdue.body.total).toBe(1);
    expect(ids(await get(`/api/v1/sis/review-queue?dueBefore=${day(30)}`, management))).toEqual([
      due.passed,
      due.soon,
    ]);
    expect(ids(await get(`/api/v1/sis/review-queue?due=soon&dueBefore=${day(30)}`, management))).toEqual([
      due.soon,
    ]);
  });

  it('pages with offset and limit', async () => {
    const page = await get('/api/v1/sis/review-queue?limit=1&offset=1', management);
    expect(ids(page)).toEqual([due.soon]);
    expect(page.body.total).toBe(3);
  });

  it('refuses unknown sort fields, bad paging and bad filter values with 400', async () => {
    await expectRefused('/api/v1/sis/review-queue', management, [
      ...BAD_PAGING,
      ['limit=501', 'REQUEST_INVALID'],
      ['due=later', 'REQUEST_INVALID'],
      ['dueBefore=2025-02-30', 'REQUEST_INVALID'],
      ['dueBefore=9999-12-31', 'REQUEST_INVALID'],
      ['category=bogus', 'REQUEST_INVALID'],
    ]);
  });
});

describe('the list of overstayers (GET /ees/overstayers)', () => {
  beforeAll(async () => {
    const seed = async (
      memberState: string,
      bcpId: string,
      surname: string,
      nationality: string,
      daysAgo: number,
    ) => {
      const guard = await server.services.access.authenticate(
        (await newUser(server.services, 'border', { memberState })).token,
      );
      const { value: file } = await server.services.ees.createFile({
        actor: guard,
        purpose: 'border-control',
        input: {
          kind: 'visa-exempt',
          surname,
          givenNames: 'ALEX',
          birthDate: '1984-07-21',
          nationalities: [nationality],
          sex: 'M',
          documents: [
            {
              type: 'P',
              number: `LS${daysAgo}${memberState}`,
              issuingState: nationality,
              expiry: '2034-01-01',
            },
          ],
          facialImageRef: `face:${surname}`,
          fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
        },
      });
      const today = new Date();
      const at = new Date(
        Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - daysAgo, 12),
      );
      await server.services.ees.recordEntry({
        actor: guard,
        purpose: 'border-control',
        fileId: file.id,
        input: { at: at.toISOString(), bcpId },
      });
    };
    await seed('FI', 'FI-HEL', 'CARTER', 'USA', 120);
    await seed('FI', 'FI-HEL', 'ABBOTT', 'CAN', 100);
    await seed('DE', 'DE-FRA', 'BAKER', 'USA', 95);
    await seed('FI', 'FI-HEL', 'WITHIN', 'USA', 20);
  });

  const names = (r: Reply) => (r.body.overstayers as Array<{ surname: string }>).map((o) => o.surname);

  it('lists the longest overstay first, with the total', async () => {
    const r = await get('/api/v1/ees/overstayers', immigration);
    expect(r.status).toBe(200);
    expect(names(r)).toEqual(['CARTER', 'ABBOTT', 'BAKER']);
    expect(r.body.total).toBe(3);
  });

  it('sorts by days overstayed, expected exit date, entry date and surname', async () => {
    expect(names(await get('/api/v1/ees/overstayers?sort=overstayDays', immigration))).toEqual([
      'BAKER',
      'ABBOTT',
      'CARTER',
    ]);
    expect(names(await get('/api/v1/ees/overstayers?sort=authorisedUntil&order=desc', immigration))).toEqual([
      'BAKER',
      'ABBOTT',
      'CARTER',
    ]);
    expect(names(await get('/api/v1/ees/overstayers?order=asc', immigration))).toEqual([
      'BAKER',
      'ABBOTT',
      'CARTER',
    ]);
    expect(names(await get('/api/v1/ees/overstayers?sort=entryDate', immigration))).toEqual([
      'CARTER',
      'ABBOTT',
      'BAKER',
    ]);
    expect(names(await get('/api/v1/ees/overstayers?sort=surname', immigration))).toEqual([
      'ABBOTT',
      'BAKER',
      'CARTER',
    ]);
  });

  it('filters by member state of entry and by nationality', async () => {
    expect(names(await get('/api/v1/ees/overstayers?memberState=FI', immigration))).toEqual([
      'CARTER',
      'ABBOTT',
    ]);
    const canadians = await get('/api/v1/ees/overstayers?nationality=CAN', immigration);
    expect(names(canadians)).toEqual(['ABBOTT']);
    expect(canadians.body.total).toBe(1);
    expect(names(await get('/api/v1/ees/overstayers?memberState=FI&nationality=USA', immigration))).toEqual([
      'CARTER',
    ]);
  });

  it('pages with offset and limit', async () => {
    const page = await get('/api/v1/ees/overstayers?limit=1&offset=1', immigration);
    expect(names(page)).toEqual(['ABBOTT']);
    expect(page.body.total).toBe(3);
  });

  it('refuses unknown sort fields, bad paging and bad filter values with 400', async () => {
    await expectRefused('/api/v1/ees/overstayers', immigration, [
      ...BAD_PAGING,
      ['limit=1001', 'REQUEST_INVALID'],
      ['nationality=US', 'REQUEST_INVALID'],
      ['memberState=fin', 'REQUEST_INVALID'],
      ['nationality=U%00A', 'REQUEST_INVALID_TEXT'],
    ]);
  });
});

describe("a hub's hit list (GET /hubs/{hubId}/hits)", () => {
  const HUB = 'be-antwerp-bruges';
  const hits: Record<'first' | 'container' | 'last', string> = { first: '', container: '', last: '' };

  beforeAll(async () => {
    await createDemoHubs(server.services);
    const demo = (ref: string) => DEMO_HUB_ALERTS.find((a) => a.ref === ref)!;
    const read = async (extra: Record<string, unknown>) => {
      const r = await call('POST', `/api/v1/hubs/${HUB}/reads`, {
        ...desk,
        body: {
          reads: [
            {
              at: new Date().toISOString(),
              gateId: 'kallo',
              cameraId: 'kallo-in-plate',
              direction: 'in',
              ...extra,
            },
          ],
        },
      });
      expect(r.status).toBe(200);
      const [hit] = r.body.hits as Array<{ hitId: string }>;
      return hit!.hitId;
    };
    const car = (ref: string) => ({
      country: demo(ref).country,
      plate: { text: demo(ref).value, confidence: 0.93 },
    });
    hits.first = await read(car('V01'));
    hits.container = await read({
      plate: { text: '9-ZZZ-999', confidence: 0.9 },
      container: { text: demo('C01').value },
    });
    hits.last = await read(car('V02'));
    const ack = await call('POST', `/api/v1/hubs/${HUB}/hits/${hits.first}/actions`, {
      ...desk,
      body: { action: 'acknowledge' },
    });
    expect(ack.status).toBe(200);
  });

  const ids = (r: Reply) => (r.body.hits as Array<{ hitId: string }>).map((h) => h.hitId);
  const path = `/api/v1/hubs/${HUB}/hits`;

  it('lists the newest hit first, with the total, and the oldest first on request', async () => {
    const r = await get(path, desk);
    expect(r.status).toBe(200);
    expect(ids(r)).toEqual([hits.last, hits.container, hits.first]);
    expect(r.body.total).toBe(3);
    expect(ids(await get(`${path}?sort=receivedAt`, desk))).toEqual([hits.first, hits.container, hits.last]);
    expect(ids(await get(`${path}?sort=lastReadAt&order=desc`, desk))).toEqual([
      hits.last,
      hits.container,
      hits.first,
    ]);
  });

  it('filters hits the desk has or has not acknowledged, and by object type', async () => {
    const open = await get(`${path}?acknowledged=false`, desk);
    expect(ids(open)).toEqual([hits.last, hits.container]);
    expect(open.body.total).toBe(2);
    expect(ids(await get(`${path}?acknowledged=true`, desk))).toEqual([hits.first]);
    expect(ids(await get(`${path}?objectType=container`, desk))).toEqual([hits.container]);
    expect(ids(await get(`${path}?status=acknowledged`, desk))).toEqual([hits.first]);
  });

  it('pages with offset and limit', async () => {
    const page = await get(`${path}?limit=1&offset=1`, desk);
    expect(ids(page)).toEqual([hits.container]);
    expect(page.body.total).toBe(3);
  });

  it('refuses unknown sort fields, bad paging and bad filter values with 400', async () => {
    await expectRefused(path, desk, [
      ...BAD_PAGING,
      ['limit=501', 'REQUEST_INVALID'],
      ['acknowledged=maybe', 'REQUEST_INVALID'],
      ['objectType=spaceship', 'REQUEST_INVALID'],
      ['status=closed', 'REQUEST_INVALID'],
    ]);
  });
});
