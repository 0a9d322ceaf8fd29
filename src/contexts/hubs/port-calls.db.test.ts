import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { sql } from '../../platform/database/index.ts';
import { SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import { containerCheckDigit } from '../sis/index.ts';
import type { HubInput, PlateRead } from './model.ts';
import { portCallsInPeriod, portCallsOfContainers, PORT_CALLS_TOPIC } from './port-calls.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;
const box = (first10: string) => `${first10}${containerCheckDigit(first10)}`;
const ALERTED = box('TGHU300112');
const OTHER = box('MSCU400223');
const LATER = box('CMAU500334');

describeEachDatabase('Port calls', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  let desk: Actor;
  let police: Actor;
  let otherDesk: Actor;
  const hubId = 'be-call-port';
  const deskCall = () => ({ actor: desk, purpose: 'hub-vehicle-check' });
  const portCall = (over: Record<string, unknown> = {}) => ({
    vessel: { imo: '9074729', name: 'MSC Aurora', flag: 'PA', type: 'container-ship' },
    arrivedAt: '2026-06-01T02:00:00Z',
    departedAt: '2026-06-01T20:00:00Z',
    previousPorts: ['MAPTM', 'SGSIN', 'CNSHA'],
    containersDischarged: [ALERTED, OTHER.toLowerCase()],
    ...over,
  });
  const hub = (over: Partial<HubInput> = {}): HubInput => ({
    id: hubId,
    name: 'Call port',
    kind: 'seaport',
    memberState: 'BE',
    operatorAuthorityId: desk.authorityId!,
    gates: [
      {
        id: 'box',
        name: 'Box gate',
        cameras: [
          { id: 'box-plate', kind: 'plate', direction: 'out' },
          { id: 'box-number', kind: 'container', direction: 'out' },
        ],
      },
    ],
    ...over,
  });
  const read = (container: string): PlateRead => ({
    at: clock.now().toISOString(),
    gateId: 'box',
    direction: 'out',
    country: 'BEL',
    plate: { text: '1-ABC-234', confidence: 0.95 },
    container: { text: container, confidence: 0.95 },
  });

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    desk = await s.access.authenticate((await newUser(s, 'hub-operator')).token);
    otherDesk = await s.access.authenticate((await newUser(s, 'hub-operator', { memberState: 'NL' })).token);
    police = await s.access.authenticate((await newUser(s, 'police', { memberState: 'BE' })).token);
    const admin = await s.access.authenticate((await newUser(s, 'administrator')).token);
    const sirene = await s.access.authenticate((await newUser(s, 'sirene')).token);
    await s.hubs.createHub({ actor: admin, purpose: null, hub: hub() });
    await s.hubs.createHub({
      actor: admin,
      purpose: null,
      hub: hub({ id: 'be-inland', name: 'Inland terminal', kind: 'freight-terminal' }),
    });
    for (const value of [ALERTED, LATER]) {
      await s.sis.createAlert({
        actor: sirene,
        purpose: 'alert-management',
        alert: {
          category: 'object-seizure',
          object: { type: 'container', identifiers: [{ kind: 'container', value }] },
          reason: 'Container used to smuggle cocaine',
          decisionRef: `PV-${value}`,
        },
      });
    }
  });
  afterAll(async () => {
    await s.close();
  });

  describe('recordPortCall', () => {
    it('records the vessel, its previous ports with their states and the containers, and announces the call', async () => {
      const { portCall: recorded } = await s.hubs.recordPortCall({
        ...deskCall(),
        hubId,
        portCall: portCall(),
      });
      expect(recorded).toMatchObject({
        hubId,
        vessel: { imo: '9074729', name: 'MSC Aurora', flag: 'PA', type: 'container-ship' },
        arrivedAt: '2026-06-01T02:00:00.000Z',
        departedAt: '2026-06-01T20:00:00.000Z',
        previousPorts: [
          { locode: 'MAPTM', state: 'MA' },
          { locode: 'SGSIN', state: 'SG' },
          { locode: 'CNSHA', state: 'CN' },
        ],
        containerCount: 2,
        containersDischarged: [OTHER, ALERTED].sort(),
      });
      const got = await s.hubs.getPortCall({ actor: police, purpose: null, hubId, portCallId: recorded.id });
      expect(got.containersDischarged).toEqual([OTHER, ALERTED].sort());
      const listed = await s.hubs.listPortCalls({ actor: desk, purpose: null, hubId });
      expect(listed.total).toBe(1);
      expect(listed.portCalls[0]).toMatchObject({ id: recorded.id, containerCount: 2 });
      const feed = await sql<{
        refs: string[];
      }>`select refs from platform.change where topic = ${PORT_CALLS_TOPIC}`.execute(s.database.db);
      expect(feed.rows.map((r) => r.refs)).toEqual([[recorded.id]]);
    });

    it('lists every invalid field: IMO check digit, flag, ports, container check digit, departure before arrival', async () => {
      const err = await s.hubs
        .recordPortCall({
          ...deskCall(),
          hubId,
          portCall: portCall({
            vessel: { imo: '9074728', name: 'X', flag: 'XX', type: 'submarine' },
            departedAt: '2026-05-31T00:00:00Z',
            previousPorts: ['CNSHA', 'QQ123', 'SG-SIN1'],
            containersDischarged: [ALERTED, 'MSCU1234560', 'NOTABOX'],
          }),
        })
        .catch((e: unknown) => e as { code: string; details: { issues: Array<{ path: string }> } });
      expect(err).toMatchObject({ code: 'HUBS_PORT_CALL_INVALID' });
      const paths = (err as { details: { issues: Array<{ path: string }> } }).details.issues.map(
        (i) => i.path,
      );
      expect(paths).toEqual([
        'vessel.imo',
        'vessel.name',
        'vessel.flag',
        'vessel.type',
        'departedAt',
        'previousPorts[1]',
        'previousPorts[2]',
        'containersDischarged[1]',
        'containersDischarged[2]',
      ]);
    });

    it('records port calls at seaports only, and only from the desk of the hub', async () => {
      await expect(
        s.hubs.recordPortCall({ ...deskCall(), hubId: 'be-inland', portCall: portCall() }),
      ).rejects.toMatchObject({ code: 'HUBS_NOT_A_PORT' });
      await expect(
        s.hubs.recordPortCall({
          actor: otherDesk,
          purpose: 'hub-vehicle-check',
          hubId,
          portCall: portCall(),
        }),
      ).rejects.toMatchObject({ code: 'HUBS_HUB_NOT_FOUND' });
      await expect(
        s.hubs.recordPortCall({ actor: police, purpose: 'hub-vehicle-check', hubId, portCall: portCall() }),
      ).rejects.toMatchObject({ code: 'ACCESS_PERMISSION_DENIED' });
    });
  });

  describe('container hits', () => {
    it('show the vessel that discharged the container, in the answer, the list and the live feed', async () => {
      const seen: Array<{ field: string; dischargedFrom: unknown }> = [];
      const grant = await s.hubs.openLive({ ...deskCall(), hubId });
      const stop = s.hubs.subscribe(grant, (hit) => seen.push(hit));
      const { result } = await s.hubs.ingestBatch({ ...deskCall(), hubId, reads: [read(ALERTED)] });
      stop();
      const hit = result.hits.find((h) => h.field === 'container')!;
      expect(hit.dischargedFrom).toMatchObject({
        hubId,
        vessel: { imo: '9074729', name: 'MSC Aurora', flag: 'PA' },
        previousPorts: [{ locode: 'MAPTM' }, { locode: 'SGSIN' }, { locode: 'CNSHA' }],
      });
      expect(seen.find((h) => h.field === 'container')?.dischargedFrom).toEqual(hit.dischargedFrom);
      const { hits } = await s.hubs.recentHits({ ...deskCall(), hubId, objectType: 'container' });
      expect(hits[0]?.dischargedFrom).toEqual(hit.dischargedFrom);
    });

    it('shows no vessel for a container no earlier call discharged', async () => {
      // A call that arrives after the read does not explain it.
      await s.hubs.recordPortCall({
        ...deskCall(),
        hubId,
        portCall: portCall({
          arrivedAt: '2026-06-01T09:00:00Z',
          departedAt: null,
          containersDischarged: [LATER],
        }),
      });
      const { result } = await s.hubs.ingestBatch({ ...deskCall(), hubId, reads: [read(LATER)] });
      expect(result.hits.find((h) => h.field === 'container')?.dischargedFrom).toBeNull();
    });
  });

  describe('queries for the network map', () => {
    it('finds the calls of containers and the calls in a period', async () => {
      const ofBoxes = await portCallsOfContainers(s.database.db, [ALERTED, LATER, box('ZZZU000000')]);
      expect(ofBoxes.map((c) => c.containersDischarged)).toEqual([[LATER], [ALERTED]]);
      expect(ofBoxes[1]).toMatchObject({ vessel: { imo: '9074729' }, containerCount: 2 });
      const inPeriod = await portCallsInPeriod(
        s.database.db,
        new Date('2026-06-01T00:00:00Z'),
        new Date('2026-06-01T05:00:00Z'),
      );
      expect(inPeriod.map((c) => c.containersDischarged)).toEqual([[OTHER, ALERTED].sort()]);
    });
  });

  describe('retention', () => {
    it("erases a call the hub's hit retention after its departure", async () => {
      const before = await portCallsInPeriod(s.database.db, new Date('2026-01-01'), new Date('2027-01-01'));
      expect(before).toHaveLength(2);
      clock.set(new Date('2027-06-03T08:00:00Z'));
      const report = await s.retention.run(SYSTEM_ACTOR);
      expect(report.rules.find((r) => r.id === 'hubs.port-calls')?.erased).toBe(2);
      expect(await portCallsOfContainers(s.database.db, [ALERTED])).toEqual([]);
    });
  });
});
