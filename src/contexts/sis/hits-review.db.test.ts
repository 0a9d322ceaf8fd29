import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { SYSTEM_ACTOR, type Actor, type AuthorityType } from '../access/index.ts';
import { personAlert, vehicleAlert } from './testing.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;
const HOUR = 3_600_000;

describeEachDatabase('SisService hits, exchange, review and deletion', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  const actors = new Map<AuthorityType, Actor>();
  const as = (type: AuthorityType) => actors.get(type)!;
  const sirene = () => ({ actor: as('sirene'), purpose: 'sirene-exchange' });
  /** Entering alerts is alert management (see ALERT_MANAGEMENT in context.ts). */
  const manager = () => ({ actor: as('sirene'), purpose: 'alert-management' });
  const guard = () => ({ actor: as('border'), purpose: 'border-control' });
  const checked = { dataTypes: ['surname', 'birthDate'], matchedOn: 'surname' };

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    for (const type of ['sirene', 'border', 'hub-operator'] as const) {
      actors.set(type, await s.access.authenticate((await newUser(s, type)).token));
    }
  });
  afterAll(async () => {
    await s.close();
  });

  describe('reportHit', () => {
    it('answers with the action and warning markers first and opens an exchange due in 12 hours', async () => {
      clock.set('2026-06-01T08:00:00Z');
      const { alert } = await s.sis.createAlert({
        ...manager(),
        alert: personAlert({ warningMarkers: ['armed', 'violent'] }),
      });
      const { hit } = await s.sis.reportHit({
        ...guard(),
        alertId: alert.id,
        location: { place: 'FI-VAALIMAA' },
        checked,
      });
      expect(Object.keys(hit).slice(0, 3)).toEqual(['hitId', 'action', 'warningMarkers']);
      expect(hit).toMatchObject({
        warningMarkers: ['armed', 'violent'],
        discreet: false,
        urgent: false,
        replyDueAt: '2026-06-01T20:00:00.000Z',
      });
      const view = await s.sis.getHit({ ...sirene(), hitId: hit.hitId });
      expect(view.messages).toEqual([
        expect.objectContaining({ direction: 'request', fromState: 'FI', toState: 'IT' }),
      ]);
      expect(view).toMatchObject({
        reportingState: 'FI',
        issuingState: 'IT',
        place: 'FI-VAALIMAA',
        overdue: false,
      });
    });

    it('asks for an immediate reply on terrorism and child alerts ([K] 1 hour) and marks it overdue by the clock', async () => {
      clock.set('2026-06-02T08:00:00Z');
      const { alert } = await s.sis.createAlert({
        ...manager(),
        alert: personAlert({ warningMarkers: ['terrorist-activity'] }),
      });
      const { hit } = await s.sis.reportHit({
        ...guard(),
        alertId: alert.id,
        location: { place: 'FI-HEL' },
        checked,
      });
      expect(hit).toMatchObject({ urgent: true, replyDueAt: '2026-06-02T09:00:00.000Z' });
      clock.advance(2 * HOUR);
      const open = await s.sis.listHits({ ...sirene(), open: true, alertId: alert.id });
      expect(open.hits).toHaveLength(1);
      expect(open.hits[0]).toMatchObject({ overdue: true, repliedAt: null });
      const replied = await s.sis.addExchangeMessage({
        ...sirene(),
        hitId: hit.hitId,
        body: 'Subject is known; hold and contact SIRENE IT.',
      });
      expect(replied.hit).toMatchObject({ overdue: false, repliedAt: '2026-06-02T10:00:00.000Z' });
      expect(replied.hit.messages.map((m) => m.direction)).toEqual(['request', 'reply']);
      expect((await s.sis.listHits({ ...sirene(), open: true, alertId: alert.id })).hits).toEqual([]);
    });

    it('keeps a discreet check discreet: no category for the guard, the art. 37 list to collect, then the information stored', async () => {
      const { alert } = await s.sis.createAlert({
        ...manager(),
        alert: personAlert({ category: 'check', checkType: 'discreet', warningMarkers: [] }),
      });
      const { hit } = await s.sis.reportHit({
        ...guard(),
        alertId: alert.id,
        location: { place: 'FI-NUIJAMAA' },
        checked,
      });
      expect(hit).toMatchObject({
        discreet: true,
        handling: 'discreet: do not inform the person',
        alert: { category: null, categoryLabel: null },
      });
      expect(hit.informationToCollect).toHaveLength(9);
      const { hit: stored } = await s.sis.recordCheckInformation({
        ...guard(),
        hitId: hit.hitId,
        information: {
          located: true,
          routeAndDestination: 'to Helsinki by car',
          accompanyingPersons: 'one adult',
        },
      });
      expect(stored.information).toMatchObject({ located: true });
      const forSirene = await s.sis.getHit({ ...sirene(), hitId: hit.hitId });
      expect(forSirene.category).toBe('check');
    });

    it('answers SIS_ALERT_NOT_FOUND for a missing alert and refuses hits to a hub operator', async () => {
      await expect(
        s.sis.reportHit({ ...guard(), alertId: 'sis_missing', location: { place: 'x' }, checked }),
      ).rejects.toMatchObject({ code: 'SIS_ALERT_NOT_FOUND' });
      await expect(
        s.sis.reportHit({
          actor: as('hub-operator'),
          purpose: 'hub-vehicle-check',
          alertId: 'sis_missing',
          location: { place: 'x' },
          checked,
        }),
      ).rejects.toMatchObject({ code: 'ACCESS_PERMISSION_DENIED' });
    });
  });

  describe('review and deletion', () => {
    it('warns 4 months ahead, extends with a recorded assessment, deletes what is not extended, and erases SIRENE files a year later', async () => {
      clock.set('2026-07-01T08:00:00Z');
      const kept = await s.sis.createAlert({
        ...manager(),
        alert: personAlert({ category: 'check', checkType: 'inquiry', warningMarkers: [] }),
      });
      const dropped = await s.sis.createAlert({
        ...manager(),
        alert: vehicleAlert({ category: 'object-check', checkType: 'specific' }),
      });
      expect(kept.alert.reviewDue).toBe('2027-07-01');
      const { hit } = await s.sis.reportHit({
        ...guard(),
        alertId: dropped.alert.id,
        location: { place: 'FI-VAALIMAA' },
        checked: { dataTypes: ['plate'] },
      });

      clock.set('2027-03-15T08:00:00Z');
      await s.retention.run(SYSTEM_ACTOR);
      const queue = await s.sis.reviewQueue({ actor: as('sirene'), purpose: 'alert-management' });
      const item = queue.items.find((i) => i.alert.id === kept.alert.id);
      expect(item).toMatchObject({ daysLeft: 108 });
      expect(item?.noticeAt).toBe('2027-03-15T08:00:00.000Z');

      await expect(
        s.sis.extendAlert({
          actor: as('sirene'),
          purpose: 'alert-management',
          alertId: kept.alert.id,
          assessment: 'too short',
        }),
      ).rejects.toMatchObject({ code: 'SIS_EXTENSION_INVALID' });
      const extended = await s.sis.extendAlert({
        actor: as('sirene'),
        purpose: 'alert-management',
        alertId: kept.alert.id,
        assessment: 'Investigation ongoing; the person is still expected to travel through the region.',
      });
      expect(extended.alert.reviewDue).toBe('2028-03-15');

      clock.set('2027-07-02T08:00:00Z');
      const report = await s.retention.run(SYSTEM_ACTOR);
      expect(report.rules.find((r) => r.id === 'sis.alerts')?.erased).toBeGreaterThanOrEqual(1);
      await expect(
        s.sis.getAlert({ actor: as('sirene'), purpose: 'alert-management', alertId: dropped.alert.id }),
      ).rejects.toMatchObject({
        code: 'SIS_ALERT_NOT_FOUND',
      });
      expect(
        (await s.sis.getAlert({ actor: as('sirene'), purpose: 'alert-management', alertId: kept.alert.id }))
          .id,
      ).toBe(kept.alert.id);
      const file = await s.sis.getHit({ ...sirene(), hitId: hit.hitId });
      expect(file).toMatchObject({ alertDeletedOn: '2027-07-02', overdue: false });

      clock.set('2028-07-03T08:00:00Z');
      const later = await s.retention.run(SYSTEM_ACTOR);
      expect(later.rules.find((r) => r.id === 'sis.sirene-files')?.erased).toBeGreaterThanOrEqual(1);
      await expect(s.sis.getHit({ ...sirene(), hitId: hit.hitId })).rejects.toMatchObject({
        code: 'SIS_HIT_NOT_FOUND',
      });
    });
  });
});
