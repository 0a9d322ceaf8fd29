import { appendFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { Actor, AuthorityType } from '../../contexts/access/index.ts';
import type { AlertInput } from '../../contexts/sis/index.ts';
import type { Counter, CounterId } from './counters.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;
const HOUR = 3_600_000;

const arrestAlert = (surname: string): AlertInput => ({
  category: 'arrest',
  person: {
    surname,
    givenNames: 'JAN',
    birthDate: '1980-05-12',
    sex: 'M',
    nationalities: ['POL'],
    documents: [{ type: 'passport', issuingCountry: 'POL', number: `EK${surname.length}234567` }],
  },
  warningMarkers: [],
  reason: 'European Arrest Warrant',
  decisionRef: 'EAW-2026-0001',
});

const vehicleAlert = (plate: string): AlertInput => ({
  category: 'object-seizure',
  object: { type: 'motor-vehicle', identifiers: [{ kind: 'plate', value: plate, country: 'FRA' }] },
  reason: 'Stolen vehicle',
  decisionRef: 'PV-2026-1',
});

describeEachDatabase('HomeCounters', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  const actors = new Map<string, Actor>();
  const as = (name: string) => actors.get(name)!;
  const counters = async (name: string): Promise<Map<CounterId, Counter>> =>
    new Map((await s.home.countersFor(as(name))).map((c) => [c.id, c]));
  const value = async (name: string, id: CounterId) => (await counters(name)).get(id)?.value;

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    const users: Array<[string, AuthorityType, string]> = [
      ['sirene', 'sirene', 'IT'],
      ['border', 'border', 'FI'],
      ['germanBorder', 'border', 'DE'],
      ['police', 'police', 'NL'],
      ['desk', 'hub-operator', 'BE'],
      ['otherDesk', 'hub-operator', 'NL'],
      ['immigration', 'immigration', 'DE'],
      ['dpo', 'data-protection', 'DE'],
      ['admin', 'administrator', 'EU'],
      ['analyst', 'analyst', 'EU'],
    ];
    for (const [name, type, memberState] of users) {
      actors.set(name, await s.access.authenticate((await newUser(s, type, { memberState })).token));
    }
  });
  afterAll(async () => {
    await s.close();
  });

  describe('countersFor', () => {
    it("gives each role its own counters and never another role's", async () => {
      const ids = async (name: string) => (await s.home.countersFor(as(name))).map((c) => c.id);
      expect(await ids('sirene')).toEqual([
        'sis.hits.open',
        'sis.hits.overdue',
        'sis.hits.dueSoon',
        'sis.review.due',
      ]);
      expect(await ids('police')).toEqual(['sis.alerts.own', 'sis.alerts.reviewDue']);
      expect(await ids('desk')).toEqual(['hubs.hits.unacknowledged']);
      expect(await ids('immigration')).toEqual(['ees.overstayers']);
      expect(await ids('dpo')).toEqual(['audit.chain', 'audit.events24h']);
      for (const name of ['border', 'germanBorder', 'admin', 'analyst']) {
        expect(await ids(name)).toEqual([]);
      }
    });

    it('writes no access record: a count names nobody', async () => {
      await s.audit.flush();
      const before = (await s.audit.verify()).checked;
      for (const name of ['sirene', 'police', 'desk', 'immigration', 'dpo']) {
        await s.home.countersFor(as(name));
      }
      await s.audit.flush();
      expect((await s.audit.verify()).checked).toBe(before);
    });
  });

  describe('SIRENE exchanges', () => {
    it('counts open exchanges of its state, those due within 2 hours and those overdue, as the clock moves', async () => {
      clock.set('2026-06-01T08:00:00Z');
      const mine = await s.sis.createAlert({
        actor: as('sirene'),
        purpose: 'alert-management',
        alert: arrestAlert('KOWALSKI'),
      });
      // An exchange between two other states is not Italy's.
      const theirs = await s.sis.createAlert({
        actor: as('police'),
        purpose: 'alert-management',
        alert: arrestAlert('NOWAK'),
      });
      const report = (alertId: string) =>
        s.sis.reportHit({
          actor: as('border'),
          purpose: 'border-control',
          alertId,
          location: { place: 'FI-VAALIMAA' },
          checked: { dataTypes: ['surname'] },
        });
      expect(await value('sirene', 'sis.hits.open')).toBe(0);
      const { hit } = await report(mine.alert.id);
      await report(theirs.alert.id);

      let c = await counters('sirene');
      expect(c.get('sis.hits.open')).toEqual({
        id: 'sis.hits.open',
        value: 1,
        severity: 'info',
        href: '#/sis/hits?open=true',
      });
      // Due at 20:00: not yet within the two hours of "due soon".
      expect(c.get('sis.hits.dueSoon')).toMatchObject({
        value: 0,
        severity: 'info',
        href: '#/sis/hits?deadline=soon',
      });
      expect(c.get('sis.hits.overdue')).toMatchObject({
        value: 0,
        severity: 'info',
        href: '#/sis/hits?deadline=overdue',
      });

      clock.advance(10.5 * HOUR);
      c = await counters('sirene');
      expect(c.get('sis.hits.dueSoon')).toMatchObject({ value: 1, severity: 'warning' });
      expect(c.get('sis.hits.overdue')?.value).toBe(0);

      clock.advance(2.5 * HOUR);
      c = await counters('sirene');
      expect(c.get('sis.hits.open')?.value).toBe(1);
      expect(c.get('sis.hits.dueSoon')?.value).toBe(0);
      expect(c.get('sis.hits.overdue')).toMatchObject({ value: 1, severity: 'danger' });

      // The issuing state's reply closes the exchange.
      await s.sis.addExchangeMessage({
        actor: as('sirene'),
        purpose: 'sirene-exchange',
        hitId: hit.hitId,
        body: 'Arrest the person; a European Arrest Warrant follows.',
      });
      c = await counters('sirene');
      expect([...c.values()].filter((x) => x.id.startsWith('sis.hits')).map((x) => x.value)).toEqual([
        0, 0, 0,
      ]);
    });
  });

  describe('alerts due for review', () => {
    it("counts the state's alerts due within the advance-warning window, and the police's own alerts", async () => {
      clock.set('2026-06-01T08:00:00Z');
      const dueBefore = await value('sirene', 'sis.review.due');
      const ownBefore = await value('police', 'sis.alerts.own');
      // Entered five years less two months ago: its review date falls within the four-month window.
      await s.sis.createAlert({
        actor: as('sirene'),
        purpose: 'alert-management',
        alert: arrestAlert('REVIEWSOON'),
        enteredOn: '2021-08-01',
      });
      await s.sis.createAlert({
        actor: as('sirene'),
        purpose: 'alert-management',
        alert: arrestAlert('REVIEWLATER'),
      });
      // Its review date has passed: it goes with the next retention run, not into "due soon".
      await s.sis.createAlert({
        actor: as('sirene'),
        purpose: 'alert-management',
        alert: arrestAlert('REVIEWPAST'),
        enteredOn: '2021-05-01',
      });
      expect(await value('sirene', 'sis.review.due')).toBe(dueBefore! + 1);
      expect((await counters('sirene')).get('sis.review.due')).toMatchObject({
        severity: 'warning',
        href: '#/sis/review?due=soon',
      });

      await s.sis.createAlert({
        actor: as('police'),
        purpose: 'alert-management',
        alert: arrestAlert('POLICEDUE'),
        enteredOn: '2021-07-15',
      });
      expect(await value('police', 'sis.alerts.own')).toBe(ownBefore! + 1);
      expect(await value('police', 'sis.alerts.reviewDue')).toBe(1);
      // Italy's alerts are not the Dutch police's, nor the Dutch ones Italy's to review.
      expect(await value('sirene', 'sis.review.due')).toBe(dueBefore! + 1);
    });
  });

  describe('hub desk', () => {
    it('counts the hits not acknowledged at the hubs of its own authority only', async () => {
      clock.set('2026-06-02T08:00:00Z');
      const desk = as('desk');
      await s.hubs.createHub({
        actor: as('admin'),
        purpose: null,
        hub: {
          id: 'be-home-port',
          name: 'Home port',
          kind: 'seaport',
          memberState: 'BE',
          operatorAuthorityId: desk.authorityId!,
          gates: [{ id: 'g', name: 'Gate', cameras: [{ id: 'g-in', kind: 'plate', direction: 'in' }] }],
        },
      });
      for (const plate of ['AB-123-CD', 'EF-456-GH']) {
        await s.sis.createAlert({
          actor: as('sirene'),
          purpose: 'alert-management',
          alert: vehicleAlert(plate),
        });
      }
      expect(await value('desk', 'hubs.hits.unacknowledged')).toBe(0);
      const reads = ['AB123CD', 'EF456GH'].map((text, i) => ({
        id: `home-${i}`,
        at: clock.now().toISOString(),
        gateId: 'g',
        cameraId: 'g-in',
        direction: 'in' as const,
        country: 'FRA',
        plate: { text, confidence: 0.95 },
      }));
      const { result } = await s.hubs.ingestBatch({
        actor: desk,
        purpose: 'hub-vehicle-check',
        hubId: 'be-home-port',
        reads,
      });
      expect(result.hits).toHaveLength(2);
      expect((await counters('desk')).get('hubs.hits.unacknowledged')).toEqual({
        id: 'hubs.hits.unacknowledged',
        value: 2,
        severity: 'warning',
        href: '#/hub-desk?acknowledged=false',
      });
      expect(await value('otherDesk', 'hubs.hits.unacknowledged')).toBe(0);

      await s.hubs.handleHit({
        actor: desk,
        purpose: 'hub-vehicle-check',
        hubId: 'be-home-port',
        hitId: result.hits[0]!.hitId,
        action: 'acknowledge',
      });
      expect(await value('desk', 'hubs.hits.unacknowledged')).toBe(1);
    });
  });

  describe('overstayers', () => {
    it('counts the overstayers who entered through the authority’s own member state', async () => {
      clock.set('2026-06-01T08:00:00Z');
      const stay = async (bcpId: string, number: string, at: string) => {
        const guard = as(bcpId.startsWith('DE') ? 'germanBorder' : 'border');
        const { value: file } = await s.ees.createFile({
          actor: guard,
          purpose: 'border-control',
          input: {
            kind: 'visa-exempt',
            surname: 'TRAVELLER',
            givenNames: 'JOHN',
            birthDate: '1984-07-21',
            nationalities: ['USA'],
            sex: 'M',
            documents: [{ type: 'P', number, issuingState: 'USA', expiry: '2034-01-01' }],
            facialImageRef: `face:${number}`,
            fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
          },
        });
        await s.ees.recordEntry({
          actor: guard,
          purpose: 'border-control',
          fileId: file.id,
          input: { at, bcpId },
        });
      };
      expect(await value('immigration', 'ees.overstayers')).toBe(0);
      await stay('DE-FRA', 'US8000001', '2026-01-15T12:00:00Z');
      await stay('FI-HEL', 'US8000002', '2026-01-15T12:00:00Z');
      await stay('DE-FRA', 'US8000003', '2026-05-15T12:00:00Z');
      expect((await counters('immigration')).get('ees.overstayers')).toEqual({
        id: 'ees.overstayers',
        value: 1,
        severity: 'warning',
        href: '#/ees/overstayers?memberState=DE',
      });
    });
  });

  describe('audit', () => {
    it("counts the day's records and reports the chain verified, then broken once a forged checkpoint is written", async () => {
      clock.set('2026-06-03T08:00:00Z');
      await s.audit.flush();
      const recent = await value('dpo', 'audit.events24h');
      expect(recent).toBeGreaterThan(0);
      clock.advance(48 * HOUR);
      expect(await value('dpo', 'audit.events24h')).toBe(0);
      await s.sis.listHits({ actor: as('sirene'), purpose: 'sirene-exchange', open: true });
      expect(await value('dpo', 'audit.events24h')).toBe(1);

      await s.audit.checkpoint();
      expect((await counters('dpo')).get('audit.chain')).toMatchObject({
        status: 'verified',
        severity: 'info',
        href: '#/audit',
      });
      await appendFile(
        s.config.auditCheckpointFile,
        `${JSON.stringify({ seq: 1, hash: 'x', anchorSeq: 0, keyedFrom: 1, at: '2026-06-05T00:00:00Z', reason: 'writes', hmac: 'forged' })}\n`,
      );
      expect((await counters('dpo')).get('audit.chain')).toMatchObject({
        status: 'broken',
        severity: 'danger',
      });
    });
  });
});
