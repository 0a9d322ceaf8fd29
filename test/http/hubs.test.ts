import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoHubs, DEMO_HUB_ALERTS } from '../../src/contexts/hubs/index.ts';
import { newUser, TEST_PASSWORD } from '../support/builders.ts';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let deskToken = '';
let policeToken = '';
const HUB = 'be-antwerp-bruges';
const DESK = { purpose: 'hub-vehicle-check' };

async function login(username: string, password: string): Promise<string> {
  const r = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await r.json()) as { token: string }).token;
}

async function post(
  path: string,
  token: string,
  purpose: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const r = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'x-interlink-purpose': purpose,
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown>, headers: r.headers };
}

const demo = (ref: string) => DEMO_HUB_ALERTS.find((a) => a.ref === ref)!;
const plateRead = (text: string, country: string | null, extra: Record<string, unknown> = {}) => ({
  at: new Date().toISOString(),
  gateId: 'kallo',
  cameraId: 'kallo-in-plate',
  direction: 'in',
  ...(country === null ? {} : { country }),
  plate: { text, confidence: 0.93 },
  ...extra,
});

/** Opens the live feed and resolves with the events read until `until` says stop. */
function liveEvents(
  token: string,
  purpose: string,
  until: (events: Array<{ event: string; data: unknown }>) => boolean,
) {
  const controller = new AbortController();
  const events: Array<{ event: string; data: unknown }> = [];
  const opened = fetch(`${server.url}/api/v1/hubs/${HUB}/hits/live`, {
    headers: {
      authorization: `Bearer ${token}`,
      'x-interlink-purpose': purpose,
      accept: 'text/event-stream',
    },
    signal: controller.signal,
  });
  const done = (async () => {
    const r = await opened;
    expect(r.headers.get('content-type')).toContain('text/event-stream');
    const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) {
        break;
      }
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/mu.exec(block)?.[1];
        const data = /^data: (.*)$/mu.exec(block)?.[1];
        if (event !== undefined && data !== undefined) {
          events.push({ event, data: JSON.parse(data) as unknown });
        }
      }
      if (until(events)) {
        controller.abort();
        break;
      }
    }
    return events;
  })();
  return { done, events, ready: () => events.some((e) => e.event === 'ready') };
}

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) {
      throw new Error('timed out');
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  server = await startTestServer();
  await createDemoHubs(server.services);
  deskToken = await login('hub.be', 'interlink-demo');
  const police = await newUser(server.services, 'police', { memberState: 'BE' });
  policeToken = await login(police.user.username, TEST_PASSWORD);
});
afterAll(async () => {
  await server.close();
});

describe('logistics hubs over HTTP', () => {
  it('creates the demo hubs idempotently and shows the desk its own hub with gates and cameras', async () => {
    const again = await createDemoHubs(server.services);
    expect(again).toEqual({
      hubs: [
        { id: 'be-antwerp-bruges', created: false },
        { id: 'de-duisburg-gateway', created: false },
      ],
      alertsCreated: 0,
      portCallsCreated: 0,
    });
    const r = await fetch(`${server.url}/api/v1/hubs`, { headers: { authorization: `Bearer ${deskToken}` } });
    const body = (await r.json()) as { hubs: Array<{ id: string; gates: Array<{ cameras: unknown[] }> }> };
    expect(body.hubs.map((h) => h.id)).toEqual([HUB]);
    expect(body.hubs[0]!.gates.length).toBeGreaterThan(1);
  });

  it('answers a batch with the hits the desk may see and pushes them live, discreet checks to the police only', async () => {
    const stolen = demo('V01');
    const discreet = demo('D02');
    const deskFeed = liveEvents(deskToken, DESK.purpose, (ev) => ev.some((e) => e.event === 'hit'));
    const policeFeed = liveEvents(
      policeToken,
      'law-enforcement',
      (ev) => ev.filter((e) => e.event === 'hit').length >= 2,
    );
    await waitFor(() => deskFeed.ready() && policeFeed.ready());
    const r = await post(`/api/v1/hubs/${HUB}/reads`, deskToken, DESK.purpose, {
      reads: [
        plateRead('1-ABC-123', 'BEL'),
        plateRead(discreet.value, discreet.country),
        plateRead(stolen.value.replace('8', 'B'), stolen.country, {
          plate: {
            text: stolen.value.replace('8', 'B'),
            confidence: 0.8,
            candidates: [{ text: stolen.value, confidence: 0.6 }],
          },
        }),
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(3);
    const hits = r.body.hits as Array<{
      alertId: string;
      discreet: boolean;
      matchedText: string;
      action: string;
      confidence: number;
      why: string;
    }>;
    expect(hits).toHaveLength(1);
    expect(hits[0]!.discreet).toBe(false);
    expect(hits[0]!.action).toMatch(/Seize/u);
    expect(hits[0]!.confidence).toBeLessThan(1);
    expect(JSON.stringify(r.body)).not.toContain('VBN');
    const deskEvents = await deskFeed.done;
    const policeEvents = await policeFeed.done;
    const deskHits = deskEvents.filter((e) => e.event === 'hit').map((e) => e.data as { alertId: string });
    expect(deskHits.map((h) => h.alertId)).toEqual([hits[0]!.alertId]);
    const policeHits = policeEvents
      .filter((e) => e.event === 'hit')
      .map((e) => e.data as { discreet: boolean; whatToDo: string });
    expect(policeHits.map((h) => h.discreet).sort()).toEqual([false, true]);
    expect(policeHits.find((h) => h.discreet)!.whatToDo).toMatch(/Do not stop/u);
  });

  it('refuses bad reads with HUBS_* codes', async () => {
    const bad = await post(`/api/v1/hubs/${HUB}/reads`, deskToken, DESK.purpose, {
      reads: [plateRead('1-ABC-123', 'BEL'), { ...plateRead('X', 'XXQ'), gateId: 'nowhere' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('HUBS_READ_INVALID');
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const issues = (bad.body.details as { issues: Array<{ index: number; path: string }> }).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, path: 'gateId' }),
        expect.objectContaining({ index: 1, path: 'country' }),
      ]),
    );
    const empty = await post(`/api/v1/hubs/${HUB}/reads`, deskToken, DESK.purpose, { reads: [] });
    expect([empty.status, empty.body.code]).toEqual([400, 'HUBS_BATCH_SIZE']);
    const shape = await post(`/api/v1/hubs/${HUB}/reads`, deskToken, DESK.purpose, {
      reads: [{ plate: 'AB' }],
    });
    expect([shape.status, shape.body.code]).toEqual([400, 'HUBS_READ_INVALID']);
    const other = await post('/api/v1/hubs/de-duisburg-gateway/reads', deskToken, DESK.purpose, {
      reads: [plateRead('1-ABC-123', 'BEL')],
    });
    expect([other.status, other.body.code]).toEqual([404, 'HUBS_HUB_NOT_FOUND']);
    const json = await post(
      `/api/v1/hubs/${HUB}/reads/stream`,
      deskToken,
      DESK.purpose,
      plateRead('1-ABC-123', 'BEL'),
    );
    expect([json.status, json.body.code]).toEqual([400, 'HUBS_STREAM_MEDIA_TYPE']);
  });

  it('takes a continuous NDJSON stream and answers each group of lines as it is processed', async () => {
    const container = demo('C01');
    const url = new URL(`${server.url}/api/v1/hubs/${HUB}/reads/stream`);
    const lines: Array<Record<string, unknown>> = [];
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${deskToken}`,
            'x-interlink-purpose': DESK.purpose,
            'content-type': 'application/x-ndjson',
          },
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          res.setEncoding('utf8');
          let buffer = '';
          res.on('data', (chunk: string) => {
            buffer += chunk;
            const parts = buffer.split('\n');
            buffer = parts.pop() ?? '';
            for (const p of parts) {
              const line = JSON.parse(p) as Record<string, unknown>;
              lines.push(line);
              // The first answer arrives while the request is still open; only then is the rest sent.
              if (line.type === 'ack' && lines.filter((l) => l.type === 'ack').length === 1) {
                req.write('{"not": "a read"}\n');
                req.end(
                  `${JSON.stringify({ ...plateRead('9-ZZZ-999', 'BEL'), container: { text: container.value } })}\n`,
                );
              }
            }
          });
          res.on('end', () => resolve());
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.write(`${JSON.stringify(plateRead('2-ABC-234', 'BEL'))}\n`);
    });
    expect(lines.map((l) => l.type)).toEqual(['ack', 'error', 'ack', 'done']);
    expect(lines[1]).toMatchObject({ code: 'HUBS_READ_INVALID', line: 2 });
    expect((lines[2]!.hits as Array<{ field: string }>).map((h) => h.field)).toEqual(['container']);
    expect(lines[3]).toMatchObject({ reads: 3, accepted: 2, rejected: 1, hits: 1 });
  });

  it('answers the live feed probe with a ready event and closes it', async () => {
    const r = await fetch(`${server.url}/api/v1/hubs/${HUB}/hits/live?once=true`, {
      headers: { authorization: `Bearer ${deskToken}`, 'x-interlink-purpose': DESK.purpose },
    });
    expect(r.status).toBe(200);
    expect(await r.text()).toMatch(/^event: ready\ndata: \{"hubId":"be-antwerp-bruges","feed":"desk"\}/u);
  });

  it('folds the same vehicle read seconds apart into one hit, counted, and a read minutes later into a new one', async () => {
    const car = demo('V03');
    const base = Date.now() - 700_000;
    const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();
    const read = (id: string, seconds: number) => ({
      ...plateRead(car.value, car.country),
      id,
      at: at(seconds),
    });
    const first = await post(`/api/v1/hubs/${HUB}/reads`, deskToken, DESK.purpose, {
      reads: [read('fold-1', 0), read('fold-2', 4)],
    });
    expect(first.status).toBe(200);
    const hits = first.body.hits as Array<{
      hitId: string;
      readCount: number;
      lastReadAt: string;
      status: string;
    }>;
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ readCount: 2, lastReadAt: at(4), status: 'open' });
    // A third read 30 s later, in another batch, still the same vehicle; one 10 minutes later is a new hit.
    const again = await post(`/api/v1/hubs/${HUB}/reads`, deskToken, DESK.purpose, {
      reads: [read('fold-3', 34)],
    });
    expect(again.body.hits).toMatchObject([{ hitId: hits[0]!.hitId, readCount: 3, lastReadAt: at(34) }]);
    const later = await post(`/api/v1/hubs/${HUB}/reads`, deskToken, DESK.purpose, {
      reads: [read('fold-4', 600)],
    });
    const laterHits = later.body.hits as Array<{ hitId: string; readCount: number }>;
    expect(laterHits).toHaveLength(1);
    expect(laterHits[0]!.hitId).not.toBe(hits[0]!.hitId);
    expect(laterHits[0]!.readCount).toBe(1);

    const list = await fetch(`${server.url}/api/v1/hubs/${HUB}/hits?limit=500`, {
      headers: { authorization: `Bearer ${deskToken}`, 'x-interlink-purpose': DESK.purpose },
    });
    const listed = ((await list.json()) as { hits: Array<{ hitId: string; readCount: number }> }).hits.filter(
      (h) => h.hitId === hits[0]!.hitId || h.hitId === laterHits[0]!.hitId,
    );
    expect(listed.map((h) => h.readCount).sort()).toEqual([1, 3]);
    // One SIS hit for the folded reads: the repeat reads did not report the vehicle again.
    const rows = await server.services.database.db
      .withTables<{ 'sis.hit': { alert_id: string } }>()
      .selectFrom('sis.hit')
      .select('alert_id')
      .where('alert_id', '=', (first.body.hits as Array<{ alertId: string }>)[0]!.alertId)
      .execute();
    expect(rows).toHaveLength(2);
  });

  it('lets the desk acknowledge, assign and dismiss a hit with a reason, logged and pushed live', async () => {
    const car = demo('V04');
    const made = await post(`/api/v1/hubs/${HUB}/reads`, deskToken, DESK.purpose, {
      reads: [plateRead(car.value, car.country)],
    });
    const hitId = (made.body.hits as Array<{ hitId: string }>)[0]!.hitId;
    const act = (body: unknown, token = deskToken) =>
      post(`/api/v1/hubs/${HUB}/hits/${hitId}/actions`, token, DESK.purpose, body);
    const feed = liveEvents(deskToken, DESK.purpose, (ev) =>
      ev.some((e) => e.event === 'hit' && (e.data as { status: string }).status === 'dismissed'),
    );
    await waitFor(feed.ready);

    const ack = await act({ action: 'acknowledge' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ hitId, status: 'acknowledged', handledBy: 'hub.be' });

    const users = await fetch(`${server.url}/api/v1/hubs/${HUB}/desk-users`, {
      headers: { authorization: `Bearer ${deskToken}` },
    });
    const desk = ((await users.json()) as { users: Array<{ username: string }> }).users.map(
      (u) => u.username,
    );
    expect(desk).toContain('hub.be');
    expect(desk).not.toContain('police.nl');
    const badAssign = await act({ action: 'assign', assignee: 'police.nl' });
    expect(badAssign.status).toBe(400);
    expect(badAssign.body.code).toBe('HUBS_HIT_ACTION_INVALID');
    const assigned = await act({ action: 'assign', assignee: 'hub.be' });
    expect(assigned.body).toMatchObject({ status: 'assigned', assignedTo: 'hub.be' });

    const noReason = await act({ action: 'dismiss' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('HUBS_HIT_ACTION_INVALID');
    expect((await act({ action: 'dismiss', reason: '  ' })).status).toBe(400);
    expect((await act({ action: 'delete' })).status).toBe(400);
    const dismissed = await act({ action: 'dismiss', reason: 'Plate misread: the car is a different model' });
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      dismissReason: 'Plate misread: the car is a different model',
    });
    const closed = await act({ action: 'acknowledge' });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('HUBS_HIT_CLOSED');

    // The police of the state see the hub's hits but do not work its desk; an unknown hit is 404.
    expect((await act({ action: 'acknowledge' }, policeToken)).status).toBe(403);
    const unknown = await post(`/api/v1/hubs/${HUB}/hits/hubhit_none/actions`, deskToken, DESK.purpose, {
      action: 'acknowledge',
    });
    expect(unknown.status).toBe(404);

    const events = await feed.done;
    const statuses = events
      .filter((e) => e.event === 'hit' && (e.data as { hitId: string }).hitId === hitId)
      .map((e) => (e.data as { status: string }).status);
    expect(statuses).toEqual(['acknowledged', 'assigned', 'dismissed']);

    const audit = await server.services.database.db
      .withTables<{ 'audit.event': { operation: string; record_refs: unknown; result_summary: string } }>()
      .selectFrom('audit.event')
      .select(['operation', 'result_summary'])
      .where('operation', 'like', 'hubs.hits.%')
      .where('operation', '<>', 'hubs.hits.list')
      .where('operation', '<>', 'hubs.hits.live')
      .orderBy('operation')
      .execute();
    expect(audit.map((a) => a.operation)).toEqual([
      'hubs.hits.acknowledge',
      'hubs.hits.assign',
      'hubs.hits.dismiss',
    ]);
    expect(audit.find((a) => a.operation === 'hubs.hits.dismiss')?.result_summary).toContain('Plate misread');

    // After a dismissal the same vehicle read again is a new hit.
    const again = await post(`/api/v1/hubs/${HUB}/reads`, deskToken, DESK.purpose, {
      reads: [plateRead(car.value, car.country)],
    });
    expect((again.body.hits as Array<{ hitId: string }>)[0]!.hitId).not.toBe(hitId);
  });

  it('gives each hub its time zone', async () => {
    const r = await fetch(`${server.url}/api/v1/hubs/${HUB}`, {
      headers: { authorization: `Bearer ${deskToken}` },
    });
    expect(((await r.json()) as { timeZone: string }).timeZone).toBe('Europe/Brussels');
  });
});
