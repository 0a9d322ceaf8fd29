import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoHubs, DEMO_HUB_ALERTS } from '../../src/contexts/hubs/index.ts';
import { newUser, TEST_PASSWORD } from '../support/builders.ts';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let deskToken = '';
let policeToken = '';
let borderToken = '';
const HUB = 'be-antwerp-bruges';
const PURPOSE = 'hub-vehicle-check';
const ALERTED = DEMO_HUB_ALERTS.find((a) => a.kind === 'container' && !a.discreet)!.value;

async function login(username: string, password: string): Promise<string> {
  const r = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await r.json()) as { token: string }).token;
}

async function send(
  method: 'GET' | 'POST',
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const r = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(method === 'POST' ? { 'x-interlink-purpose': PURPOSE, 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown>, headers: r.headers };
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const portCall = (over: Record<string, unknown> = {}) => ({
  vessel: { imo: '9074729', name: 'MSC Aurora', flag: 'PA', type: 'container-ship' },
  arrivedAt: hoursAgo(6),
  previousPorts: ['MAPTM', 'SGSIN', 'CNSHA'],
  containersDischarged: [ALERTED],
  ...over,
});

beforeAll(async () => {
  server = await startTestServer();
  await createDemoHubs(server.services);
  deskToken = await login('hub.be', 'interlink-demo');
  policeToken = await login(
    (await newUser(server.services, 'police', { memberState: 'BE' })).user.username,
    TEST_PASSWORD,
  );
  borderToken = await login((await newUser(server.services, 'border')).user.username, TEST_PASSWORD);
});
afterAll(async () => {
  await server.close();
});

describe('port calls over HTTP', () => {
  it('records a port call from the desk, lists it for the police and gives it with its containers', async () => {
    const created = await send('POST', `/api/v1/hubs/${HUB}/port-calls`, deskToken, portCall());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      hubId: HUB,
      vessel: { imo: '9074729', flag: 'PA' },
      previousPorts: [{ locode: 'MAPTM', state: 'MA' }, { locode: 'SGSIN' }, { locode: 'CNSHA' }],
      containersDischarged: [ALERTED],
      departedAt: null,
    });
    const list = await send('GET', `/api/v1/hubs/${HUB}/port-calls?limit=5`, policeToken);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.portCalls).toEqual([
      expect.objectContaining({ id: created.body.id, containerCount: 1 }),
    ]);
    const one = await send('GET', `/api/v1/hubs/${HUB}/port-calls/${String(created.body.id)}`, deskToken);
    expect(one.body).toEqual(created.body);
  });

  it('shows the vessel on a container hit at the gate', async () => {
    const r = await send('POST', `/api/v1/hubs/${HUB}/reads`, deskToken, {
      reads: [
        {
          at: new Date().toISOString(),
          gateId: 'kallo',
          cameraId: 'kallo-out-box',
          direction: 'out',
          country: 'BEL',
          plate: { text: '1-XYZ-123', confidence: 0.95 },
          container: { text: ALERTED, confidence: 0.96 },
        },
      ],
    });
    expect(r.status).toBe(200);
    const hit = (r.body.hits as Array<Record<string, unknown>>).find((h) => h.field === 'container');
    expect(hit?.dischargedFrom).toMatchObject({
      vessel: { name: 'MSC Aurora', imo: '9074729', flag: 'PA' },
      previousPorts: [{ locode: 'MAPTM' }, { locode: 'SGSIN' }, { locode: 'CNSHA' }],
    });
  });

  it('answers a retry with the same Idempotency-Key with the first call', async () => {
    const headers = { 'idempotency-key': 'call-42' };
    const body = portCall({
      vessel: { imo: 'IMO 9074729', name: 'Maersk Elba', flag: 'DK', type: 'feeder' },
    });
    const first = await send('POST', `/api/v1/hubs/${HUB}/port-calls`, deskToken, body, headers);
    const again = await send('POST', `/api/v1/hubs/${HUB}/port-calls`, deskToken, body, headers);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers stable codes: invalid fields, unknown call, another hub, no permission, no token', async () => {
    const bad = await send(
      'POST',
      `/api/v1/hubs/${HUB}/port-calls`,
      deskToken,
      portCall({
        vessel: { imo: '9074720', name: 'Bad', flag: 'PA', type: 'feeder' },
        containersDischarged: ['MSCU1234567'],
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('HUBS_PORT_CALL_INVALID');
    expect((bad.body.details as { issues: Array<{ path: string }> }).issues.map((i) => i.path)).toEqual([
      'vessel.imo',
      'containersDischarged[0]',
    ]);
    const missing = await send('GET', `/api/v1/hubs/${HUB}/port-calls/portcall_missing`, deskToken);
    expect([missing.status, missing.body.code]).toEqual([404, 'HUBS_PORT_CALL_NOT_FOUND']);
    const other = await send('POST', '/api/v1/hubs/de-duisburg-gateway/port-calls', deskToken, portCall());
    expect([other.status, other.body.code]).toEqual([404, 'HUBS_HUB_NOT_FOUND']);
    const border = await send('GET', `/api/v1/hubs/${HUB}/port-calls`, borderToken);
    expect([border.status, border.body.code]).toEqual([403, 'ACCESS_PERMISSION_DENIED']);
    const anonymous = await send('GET', `/api/v1/hubs/${HUB}/port-calls`, null);
    expect(anonymous.status).toBe(401);
    const page = await send('GET', `/api/v1/hubs/${HUB}/port-calls?limit=100000000000000000000`, deskToken);
    expect(page.status).toBe(400);
  });

  it('never answers 5xx to odd port calls (NUL, lone surrogates, huge numbers, odd dates)', async () => {
    const odd = fc.oneof(
      fc.constantFrom(
        'x\u0000y',
        'x\ud800y',
        '\udc00',
        '12345678901234567890',
        '0000-01-01T00:00:00Z',
        '9999-12-31T23:59:59Z',
        '2026-02-30T10:00:00Z',
        '2026-06-01T25:61:00+14:00',
        'IMO 0000000',
        '',
      ),
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.constant(null),
      fc.constant(1e308),
    );
    const field = fc.constantFrom('imo', 'name', 'flag', 'type', 'arrivedAt', 'departedAt', 'port', 'box');
    await fc.assert(
      fc.asyncProperty(field, odd, async (which, value) => {
        const base = portCall();
        const body: Record<string, unknown> = { ...base, vessel: { ...base.vessel } };
        if (['imo', 'name', 'flag', 'type'].includes(which)) {
          (body.vessel as Record<string, unknown>)[which] = value;
        } else if (which === 'port') {
          body.previousPorts = [value];
        } else if (which === 'box') {
          body.containersDischarged = [value];
        } else {
          body[which] = value;
        }
        const r = await send('POST', `/api/v1/hubs/${HUB}/port-calls`, deskToken, body);
        expect(r.status, JSON.stringify(body)).toBeLessThan(500);
        if (r.status !== 201) {
          expect(typeof r.body.code).toBe('string');
        }
      }),
      { numRuns: 60 },
    );
    for (const raw of ['[]', '"call"', '{"vessel": null}', '{"x\\u0000": 1}']) {
      const r = await send('POST', `/api/v1/hubs/${HUB}/port-calls`, deskToken, raw);
      expect(r.status, raw).toBeGreaterThanOrEqual(400);
      expect(r.status, raw).toBeLessThan(500);
    }
  });
});
