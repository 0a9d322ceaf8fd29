import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import type { AlertInput } from '../sis/index.ts';
import type { HubHitEvent, HubInput, PlateRead } from './model.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;
const DAY = 86_400_000;

/** A valid object alert on a French car, any field overridable. */
function vehicleAlert(over: Partial<AlertInput> = {}): AlertInput {
  return {
    category: 'object-seizure',
    object: {
      type: 'motor-vehicle',
      identifiers: [{ kind: 'plate', value: 'AB-123-CD', country: 'FRA' }],
      make: 'Peugeot',
      model: '308',
    },
    reason: 'Stolen vehicle',
    decisionRef: 'PV-2026-1',
    ...over,
  };
}

describeEachDatabase('HubsService', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  let desk: Actor;
  let otherDesk: Actor;
  let police: Actor;
  let sirene: Actor;
  let admin: Actor;
  const hubId = 'be-test-port';
  const deskCall = () => ({ actor: desk, purpose: 'hub-vehicle-check' });
  const alertCall = () => ({ actor: sirene, purpose: 'alert-management' });
  let n = 0;
  const read = (over: Partial<PlateRead> = {}): PlateRead => ({
    id: `r${++n}`,
    at: clock.now().toISOString(),
    gateId: 'north',
    cameraId: 'north-in',
    direction: 'in',
    country: 'FRA',
    plate: { text: 'ZZ-999-ZZ', confidence: 0.95 },
    ...over,
  });
  const hub = (over: Partial<HubInput> = {}): HubInput => ({
    id: hubId,
    name: 'Test port',
    kind: 'seaport',
    memberState: 'BE',
    operatorAuthorityId: desk.authorityId!,
    gates: [
      {
        id: 'north',
        name: 'North gate',
        cameras: [
          { id: 'north-in', kind: 'plate', direction: 'in' },
          { id: 'north-out', kind: 'plate', direction: 'out' },
        ],
      },
    ],
    ...over,
  });

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    desk = await s.access.authenticate((await newUser(s, 'hub-operator')).token);
    otherDesk = await s.access.authenticate((await newUser(s, 'hub-operator', { memberState: 'NL' })).token);
    police = await s.access.authenticate((await newUser(s, 'police', { memberState: 'BE' })).token);
    sirene = await s.access.authenticate((await newUser(s, 'sirene')).token);
    admin = await s.access.authenticate((await newUser(s, 'administrator')).token);
    await s.hubs.createHub({ actor: admin, purpose: null, hub: hub() });
  });
  afterAll(async () => {
    await s.close();
  });

  describe('createHub', () => {
    it('refuses an invalid hub with every issue and a second hub with the same id', async () => {
      const bad = s.hubs.createHub({
        actor: admin,
        purpose: null,
        hub: hub({ id: 'X', memberState: 'Belgium', gates: [] }),
      });
      await expect(bad).rejects.toMatchObject({
        code: 'HUBS_HUB_INVALID',
        details: {
          issues: expect.arrayContaining([
            expect.objectContaining({ path: 'id' }),
            expect.objectContaining({ path: 'memberState' }),
            expect.objectContaining({ path: 'gates' }),
          ]) as unknown,
        },
      });
      await expect(s.hubs.createHub({ actor: admin, purpose: null, hub: hub() })).rejects.toMatchObject({
        code: 'HUBS_HUB_EXISTS',
      });
    });

    it('lists a hub to its own operator and the police of its state only', async () => {
      expect((await s.hubs.listHubs({ actor: desk, purpose: null })).hubs.map((h) => h.id)).toEqual([hubId]);
      expect((await s.hubs.listHubs({ actor: police, purpose: null })).hubs.map((h) => h.id)).toEqual([
        hubId,
      ]);
      expect((await s.hubs.listHubs({ actor: otherDesk, purpose: null })).hubs).toEqual([]);
    });
  });

  describe('the live object index', () => {
    it('finds an alert entered after the start in the next read, follows a changed plate, and forgets a deleted one', async () => {
      const plate = { text: 'AB-123-CD', confidence: 0.95 };
      const before = await s.hubs.ingestBatch({ ...deskCall(), hubId, reads: [read({ plate })] });
      expect(before.result.hits).toEqual([]);
      const { alert } = await s.sis.createAlert({ ...alertCall(), alert: vehicleAlert() });
      const after = await s.hubs.ingestBatch({ ...deskCall(), hubId, reads: [read({ plate })] });
      expect(after.result.hits).toEqual([
        expect.objectContaining({
          alertId: alert.id,
          strength: 'strong',
          exact: true,
          matchedText: 'AB123CD',
        }),
      ]);
      await s.sis.updateAlert({
        ...alertCall(),
        alertId: alert.id,
        alert: vehicleAlert({
          object: {
            type: 'motor-vehicle',
            identifiers: [{ kind: 'plate', value: 'EF-456-GH', country: 'FRA' }],
          },
        }),
      });
      expect(
        (await s.hubs.ingestBatch({ ...deskCall(), hubId, reads: [read({ plate })] })).result.hits,
      ).toEqual([]);
      const moved = await s.hubs.ingestBatch({
        ...deskCall(),
        hubId,
        reads: [read({ plate: { text: 'EF456GH', confidence: 0.9 } })],
      });
      expect(moved.result.hits.map((h) => h.alertId)).toEqual([alert.id]);
      await s.sis.deleteAlert({ ...alertCall(), alertId: alert.id, reason: 'vehicle recovered' });
      const gone = await s.hubs.ingestBatch({
        ...deskCall(),
        hubId,
        reads: [read({ plate: { text: 'EF456GH', confidence: 0.9 } })],
      });
      expect(gone.result.hits).toEqual([]);
    });

    it('forgets an alert erased by the retention rules', async () => {
      clock.set('2026-06-01T08:00:00Z');
      const { alert } = await s.sis.createAlert({
        ...alertCall(),
        alert: vehicleAlert({
          category: 'object-check',
          checkType: 'discreet',
          object: {
            type: 'motor-vehicle',
            identifiers: [{ kind: 'plate', value: 'RT-404-XX', country: 'FRA' }],
          },
        }),
      });
      const lookup = () => s.hubs.matcher.match(read({ plate: { text: 'RT404XX' } })).map((m) => m.alertId);
      expect(lookup()).toEqual([alert.id]);
      clock.set('2027-06-03T08:00:00Z');
      await s.retention.run(SYSTEM_ACTOR);
      expect(lookup()).toEqual([]);
      clock.set('2026-06-01T08:00:00Z');
    });
  });

  describe('ingestBatch', () => {
    it('uses every candidate and never turns a weak read into a strong hit', async () => {
      const { alert } = await s.sis.createAlert({
        ...alertCall(),
        alert: vehicleAlert({
          object: { type: 'trailer', identifiers: [{ kind: 'plate', value: 'KL-808-MN', country: 'FRA' }] },
        }),
      });
      const r = await s.hubs.ingestBatch({
        ...deskCall(),
        hubId,
        reads: [
          // The true plate only as the reader's third candidate, with a low confidence.
          read({
            plate: {
              text: 'KL-BOB-MN',
              confidence: 0.6,
              candidates: [
                { text: 'KL-8O8-NN', confidence: 0.3 },
                { text: 'KL-808-MN', confidence: 0.25 },
              ],
            },
          }),
          // A look-alike misread without a country.
          read({ country: undefined, plate: { text: 'KL8O8MN', confidence: 0.9 } }),
        ],
      });
      const [a, b] = r.result.hits;
      expect(r.result.hits).toHaveLength(2);
      expect(a).toMatchObject({ alertId: alert.id, field: 'plate' });
      expect(b).toMatchObject({ alertId: alert.id });
      const weak = r.result.hits.find((h) => h.readId === `r${n - 1}`)!;
      expect(weak.strength).not.toBe('strong');
      expect(weak.confidence).toBeLessThan(0.7);
      const folded = r.result.hits.find((h) => h.readId === `r${n}`)!;
      expect(folded).toMatchObject({ exact: false, strength: 'possible' });
      expect(folded.why).toMatch(/look-alikes/u);
      expect(folded.why).toMatch(/registration state not read/u);
      expect(folded.whatToDo).toMatch(/^Verify the plate/u);
    });

    it('matches trailer plates and container numbers too', async () => {
      const { alert } = await s.sis.createAlert({
        ...alertCall(),
        alert: vehicleAlert({
          object: { type: 'container', identifiers: [{ kind: 'container', value: 'CSQU3054383' }] },
        }),
      });
      const r = await s.hubs.ingestBatch({
        ...deskCall(),
        hubId,
        reads: [read({ container: { text: 'CSQU 305438 3', confidence: 0.97 } })],
      });
      expect(r.result.hits).toEqual([
        expect.objectContaining({ alertId: alert.id, field: 'container', strength: 'strong' }),
      ]);
    });

    it('never shows a discreet-check hit to the desk, pushes it to the police feed and reports it to SIS', async () => {
      const { alert } = await s.sis.createAlert({
        ...alertCall(),
        alert: vehicleAlert({
          category: 'object-check',
          checkType: 'discreet',
          object: {
            type: 'motor-vehicle',
            identifiers: [{ kind: 'plate', value: 'QS-111-QS', country: 'FRA' }],
          },
        }),
      });
      const deskFeed: HubHitEvent[] = [];
      const policeFeed: HubHitEvent[] = [];
      const deskGrant = await s.hubs.openLive({ ...deskCall(), hubId });
      const policeGrant = await s.hubs.openLive({ actor: police, purpose: 'law-enforcement', hubId });
      expect(policeGrant.police).toBe(true);
      const offDesk = s.hubs.subscribe(deskGrant, (e) => deskFeed.push(e));
      const offPolice = s.hubs.subscribe(policeGrant, (e) => policeFeed.push(e));
      const r = await s.hubs.ingestBatch({
        ...deskCall(),
        hubId,
        reads: [read({ plate: { text: 'QS-111-QS', confidence: 0.99 } })],
      });
      offDesk();
      offPolice();
      expect(r.result).toMatchObject({ accepted: 1, hits: [] });
      expect(deskFeed).toEqual([]);
      expect(policeFeed).toEqual([
        expect.objectContaining({
          alertId: alert.id,
          discreet: true,
          policeOnly: true,
          handling: 'discreet: do not inform the person',
        }),
      ]);
      expect(policeFeed[0]!.whatToDo).toMatch(/Do not stop or alert the driver/u);
      const deskList = await s.hubs.recentHits({ ...deskCall(), hubId });
      expect(deskList.hits.some((h) => h.alertId === alert.id)).toBe(false);
      const policeList = await s.hubs.recentHits({ actor: police, purpose: 'law-enforcement', hubId });
      expect(policeList.hits.some((h) => h.alertId === alert.id)).toBe(true);
      // Reported through the SIS hit procedure: the SIRENE exchange of the issuing state holds it.
      const exchange = await s.sis.listHits({
        actor: sirene,
        purpose: 'sirene-exchange',
        open: true,
        alertId: alert.id,
      });
      expect(exchange.hits).toEqual([
        expect.objectContaining({ alertId: alert.id, reportingState: 'BE', discreet: true }),
      ]);
      expect(exchange.hits[0]!.place).toContain('Test port');
    });

    it('refuses bad reads with their index and path and records nothing', async () => {
      const bad = s.hubs.ingestBatch({
        ...deskCall(),
        hubId,
        reads: [
          read(),
          { ...read(), gateId: 'nowhere' },
          { ...read(), direction: 'sideways' },
          { ...read(), plate: { text: '--', confidence: 2 } },
          { ...read(), at: '2026-06-01T09:00:00Z' },
        ],
      });
      await expect(bad).rejects.toMatchObject({
        code: 'HUBS_READ_INVALID',
        details: {
          issues: expect.arrayContaining([
            expect.objectContaining({ index: 1, path: 'gateId' }),
            expect.objectContaining({ index: 2, path: 'direction' }),
            expect.objectContaining({ index: 3, path: 'plate.confidence' }),
            expect.objectContaining({ index: 4, path: 'at' }),
          ]) as unknown,
        },
      });
      await expect(s.hubs.ingestBatch({ ...deskCall(), hubId, reads: [] })).rejects.toMatchObject({
        code: 'HUBS_BATCH_SIZE',
      });
      await expect(
        s.hubs.ingestBatch({ ...deskCall(), hubId, reads: Array.from({ length: 1001 }, () => read()) }),
      ).rejects.toMatchObject({ code: 'HUBS_BATCH_SIZE' });
    });

    it("answers another authority's hub as not found", async () => {
      await expect(
        s.hubs.ingestBatch({ actor: otherDesk, purpose: 'hub-vehicle-check', hubId, reads: [read()] }),
      ).rejects.toMatchObject({ code: 'HUBS_HUB_NOT_FOUND' });
    });

    it('replays a batch sent again with the same Idempotency-Key without matching it twice', async () => {
      await s.sis.createAlert({
        ...alertCall(),
        alert: vehicleAlert({
          object: {
            type: 'number-plate',
            identifiers: [{ kind: 'plate', value: 'ID-777-EM', country: 'FRA' }],
          },
        }),
      });
      const reads = [read({ plate: { text: 'ID-777-EM', confidence: 0.9 } })];
      const first = await s.hubs.ingestBatch({ ...deskCall(), hubId, reads, idempotencyKey: 'batch-1' });
      const second = await s.hubs.ingestBatch({ ...deskCall(), hubId, reads, idempotencyKey: 'batch-1' });
      expect(second.replayed).toBe(true);
      expect(second.result).toEqual(first.result);
      const list = await s.hubs.recentHits({ ...deskCall(), hubId, limit: 500 });
      expect(list.hits.filter((h) => h.matchedText === 'ID777EM')).toHaveLength(1);
    });
  });

  describe('the no-hit read policy', () => {
    it('stores no plain no-hit read by default, and keeps them for the policy period when the hub says so', async () => {
      await s.hubs.ingestBatch({ ...deskCall(), hubId, reads: [read(), read()] });
      expect(await s.hubs.storedReadCount(hubId)).toBe(0);
      await s.hubs.createHub({
        actor: admin,
        purpose: null,
        hub: hub({ id: 'be-keeping-terminal', policy: { storeNoHitReads: true, noHitReadRetentionDays: 2 } }),
      });
      await s.hubs.ingestBatch({
        ...deskCall(),
        hubId: 'be-keeping-terminal',
        reads: [read(), read(), read()],
      });
      expect(await s.hubs.storedReadCount('be-keeping-terminal')).toBe(3);
      clock.advance(2 * DAY);
      await s.retention.run(SYSTEM_ACTOR);
      expect(await s.hubs.storedReadCount('be-keeping-terminal')).toBe(3);
      clock.advance(DAY);
      const report = await s.retention.run(SYSTEM_ACTOR);
      expect(report.rules.find((r) => r.id === 'hubs.plate-reads')?.erased).toBe(3);
      expect(await s.hubs.storedReadCount('be-keeping-terminal')).toBe(0);
      clock.set('2026-06-01T08:00:00Z');
    });
  });
});
