import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { Actor, AuthorityType } from '../access/index.ts';
import { personAlert, vehicleAlert } from './testing.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

describeEachDatabase('SisService alerts and searches', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  const actors = new Map<AuthorityType, Actor>();
  const as = (type: AuthorityType) => actors.get(type)!;

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    for (const type of ['sirene', 'police', 'border', 'visa', 'hub-operator'] as const) {
      actors.set(type, await s.access.authenticate((await newUser(s, type)).token));
    }
  });
  afterAll(async () => {
    await s.close();
  });

  const sirene = () => ({ actor: as('sirene'), purpose: 'alert-management' });

  describe('createAlert', () => {
    it('enters an arrest alert for the actor’s state with a 5-year review date and logs it in the same transaction', async () => {
      const { alert } = await s.sis.createAlert({ ...sirene(), alert: personAlert() });
      expect(alert).toMatchObject({
        category: 'arrest',
        issuingState: 'IT',
        reviewDue: '2031-06-01',
        reviewBasis: 'Reg. (EU) 2018/1862 art. 53(2)',
        warningMarkers: ['armed'],
        covert: false,
      });
      expect(alert.action).toContain('Arrest');
      const { events } = await s.audit.list({
        actor: {
          ...as('sirene'),
          profile: {
            ...as('sirene').profile,
            permissions: ['audit:read'],
            purposes: ['data-protection-audit'],
          },
        },
        purpose: 'data-protection-audit',
        filter: { operation: 'sis.alerts.create', limit: 50 },
      });
      expect(events.some((e) => e.recordRefs.includes(alert.id) && e.system === 'sis')).toBe(true);
    });

    it('uses the review periods of each category (1 year for children at risk and checks, 3 for refusals)', async () => {
      const child = await s.sis.createAlert({
        ...sirene(),
        alert: personAlert({ category: 'missing', missingSubcategory: 'c', warningMarkers: [] }),
      });
      expect(child.alert).toMatchObject({ reviewDue: '2027-06-01', urgent: true });
      const refusal = await s.sis.createAlert({
        ...sirene(),
        alert: personAlert({
          category: 'refusal',
          warningMarkers: [],
          person: { surname: 'PETROV', nationalities: ['RUS'] },
        }),
      });
      expect(refusal.alert.reviewDue).toBe('2029-06-01');
      const car = await s.sis.createAlert({ ...sirene(), alert: vehicleAlert() });
      expect(car.alert.reviewDue).toBe('2036-06-01');
    });

    it('refuses invalid fields with SIS_ALERT_INVALID and lists every issue with its path', async () => {
      const bad = personAlert({
        person: {
          surname: 'X1',
          birthDate: '1980-13-01',
          nationalities: ['XYZ'],
          documents: [{ type: 'passport', issuingCountry: 'DE', number: 'A1' }],
        },
      });
      const err = await s.sis.createAlert({ ...sirene(), alert: bad }).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'Invalid', code: 'SIS_ALERT_INVALID' });
      const paths = (err as { details: { issues: Array<{ path: string }> } }).details.issues.map(
        (i) => i.path,
      );
      expect(paths).toEqual(
        expect.arrayContaining([
          'person.birthDate',
          'person.nationalities[0]',
          'person.documents[0].issuingCountry',
        ]),
      );
    });

    it('refuses names on an unknown-suspect alert, which holds dactyloscopic data only (art. 40)', async () => {
      await expect(
        s.sis.createAlert({
          ...sirene(),
          alert: {
            category: 'unknown-suspect',
            person: { surname: 'DOE', dactyloscopicRef: 'latent:42' },
            reason: 'Crime scene latent',
            decisionRef: 'R-1',
          },
        }),
      ).rejects.toMatchObject({
        code: 'SIS_ALERT_INVALID',
        details: { issues: [{ path: 'person.surname' }] },
      });
      const ok = await s.sis.createAlert({
        ...sirene(),
        alert: {
          category: 'unknown-suspect',
          person: { dactyloscopicRef: 'latent:42' },
          reason: 'Crime scene latent',
          decisionRef: 'R-1',
        },
      });
      expect(ok.alert.reviewDue).toBe('2029-06-01');
    });

    it('refuses a North-American VIN with a wrong check digit and a container number with a wrong check digit', async () => {
      const err = await s.sis
        .createAlert({
          ...sirene(),
          alert: vehicleAlert({
            object: { type: 'motor-vehicle', identifiers: [{ kind: 'vin', value: '1M8GDM9A1KP042788' }] },
          }),
        })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'SIS_ALERT_INVALID' });
      await expect(
        s.sis.createAlert({
          ...sirene(),
          alert: vehicleAlert({
            object: { type: 'container', identifiers: [{ kind: 'container', value: 'CSQU3054384' }] },
          }),
        }),
      ).rejects.toMatchObject({ code: 'SIS_ALERT_INVALID' });
    });

    it('refuses a return alert on an EU citizen and a return alert without its art. 4 data', async () => {
      await expect(
        s.sis.createAlert({
          ...sirene(),
          alert: personAlert({
            category: 'return',
            warningMarkers: [],
            person: { surname: 'MEIER', nationalities: ['D'] },
          }),
        }),
      ).rejects.toMatchObject({ code: 'SIS_ALERT_INVALID' });
    });

    it('is refused to a border guard and to a hub operator', async () => {
      for (const type of ['border', 'hub-operator'] as const) {
        await expect(
          s.sis.createAlert({
            actor: as(type),
            purpose: as(type).profile.purposes[0]!,
            alert: personAlert(),
          }),
        ).rejects.toMatchObject({ code: 'ACCESS_PERMISSION_DENIED' });
      }
    });

    it('replays the first result for a repeated Idempotency-Key', async () => {
      const first = await s.sis.createAlert({ ...sirene(), idempotencyKey: 'k-1', alert: vehicleAlert() });
      const again = await s.sis.createAlert({ ...sirene(), idempotencyKey: 'k-1', alert: vehicleAlert() });
      expect(again).toMatchObject({ replayed: true, alert: { id: first.alert.id } });
    });
  });

  describe('updateAlert and deleteAlert', () => {
    it('lets only the issuing state change an alert and refuses a stale version', async () => {
      const { alert } = await s.sis.createAlert({ ...sirene(), alert: personAlert() });
      await expect(
        s.sis.updateAlert({
          actor: as('police'),
          purpose: 'alert-management',
          alertId: alert.id,
          alert: personAlert(),
        }),
      ).rejects.toMatchObject({ code: 'SIS_NOT_ISSUING_STATE' });
      const updated = await s.sis.updateAlert({
        ...sirene(),
        alertId: alert.id,
        version: 1,
        alert: personAlert({ warningMarkers: ['armed', 'violent'] }),
      });
      expect(updated.alert).toMatchObject({ version: 2, warningMarkers: ['armed', 'violent'] });
      await expect(
        s.sis.updateAlert({ ...sirene(), alertId: alert.id, version: 1, alert: personAlert() }),
      ).rejects.toMatchObject({ code: 'SIS_ALERT_VERSION_CONFLICT' });
    });

    it('links alerts both ways (art. 63) and refuses a link to a missing alert', async () => {
      const a = await s.sis.createAlert({ ...sirene(), alert: personAlert() });
      const b = await s.sis.createAlert({ ...sirene(), alert: vehicleAlert({ links: [a.alert.id] }) });
      expect(b.alert.links).toEqual([a.alert.id]);
      const readA = await s.sis.getAlert({ ...sirene(), alertId: a.alert.id });
      expect(readA.links).toEqual([b.alert.id]);
      await expect(
        s.sis.createAlert({ ...sirene(), alert: vehicleAlert({ links: ['sis_nothing'] }) }),
      ).rejects.toMatchObject({ code: 'SIS_LINKED_ALERT_NOT_FOUND' });
    });

    it('deletes an alert with a reason; reading it afterwards answers SIS_ALERT_NOT_FOUND', async () => {
      const { alert } = await s.sis.createAlert({ ...sirene(), alert: vehicleAlert() });
      const { deleted } = await s.sis.deleteAlert({
        ...sirene(),
        alertId: alert.id,
        reason: 'vehicle recovered',
      });
      expect(deleted).toEqual({ alertId: alert.id, deletedOn: '2026-06-01' });
      await expect(s.sis.getAlert({ ...sirene(), alertId: alert.id })).rejects.toMatchObject({
        code: 'SIS_ALERT_NOT_FOUND',
      });
    });
  });

  describe('searchPersons', () => {
    it('finds a misspelt surname within the birth year and explains the match with the MID rules', async () => {
      const { alert } = await s.sis.createAlert({
        ...sirene(),
        alert: personAlert({
          person: {
            surname: 'SCHWARZENEGGER',
            givenNames: 'ARNOLD',
            birthDate: '1947-07-30',
            sex: 'M',
            nationalities: ['AUT'],
          },
        }),
      });
      const { results } = await s.sis.searchPersons({
        actor: as('border'),
        purpose: 'border-control',
        query: { surname: 'Schwarzeneger', givenNames: 'Arnold', birthDate: '1947-07-30' },
      });
      const hit = results.find((r) => r.alert.alertId === alert.id);
      expect(hit?.alert).toMatchObject({
        action: expect.stringContaining('Arrest') as string,
        warningMarkers: ['armed'],
        category: 'arrest',
      });
      expect(hit?.why).toMatchObject({ verdict: 'similar', identity: 'confirmed' });
      expect(hit?.why.rules.length).toBeGreaterThan(0);
      const other = await s.sis.searchPersons({
        actor: as('border'),
        purpose: 'border-control',
        query: { surname: 'Schwarzenegger', birthDate: '1990-01-01' },
      });
      expect(other.results.map((r) => r.alert.alertId)).not.toContain(alert.id);
    });

    it('keeps an alert whose date of birth has an unknown day, as similar on the date, and only that', async () => {
      const { alert } = await s.sis.createAlert({
        ...sirene(),
        alert: personAlert({
          person: {
            surname: 'UNKNOWNDAY',
            givenNames: 'PAVEL',
            birthDate: '1979-11-00',
            sex: 'M',
            nationalities: ['CZE'],
          },
        }),
      });
      const search = async (birthDate: string) =>
        (
          await s.sis.searchPersons({
            actor: as('border'),
            purpose: 'border-control',
            query: {
              surname: 'UNKNOWNDAY',
              givenNames: 'PAVEL',
              birthDate,
              sex: 'M',
              nationalities: ['CZE'],
            },
          })
        ).results.find((r) => r.alert.alertId === alert.id);
      const hit = await search('1979-11-23');
      expect(hit?.why.verdict).toBe('similar');
      expect(hit?.why.explanation).toContainEqual(
        expect.stringMatching(/^date of birth: similar \(partial date: /),
      );
      // Another month is a difference, whatever the unknown day.
      expect(await search('1979-12-23')).toBeUndefined();
    });

    it('says when the match is on the misused identity of a victim (2018/1861 art. 47)', async () => {
      const { alert } = await s.sis.createAlert({
        ...sirene(),
        alert: personAlert({
          person: { surname: 'IMPOSTOR', birthDate: '1975-01-01' },
          misusedIdentity: {
            consentGiven: true,
            surname: 'VICTIMSON',
            givenNames: 'ANNA',
            birthDate: '1985-02-02',
          },
        }),
      });
      const { results } = await s.sis.searchPersons({
        actor: as('border'),
        purpose: 'border-control',
        query: { surname: 'VICTIMSON', givenNames: 'ANNA', birthDate: '1985-02-02' },
      });
      const hit = results.find((r) => r.alert.alertId === alert.id);
      expect(hit?.why.identity).toBe('misused');
      expect(hit?.why.explanation[0]).toContain('MISUSED');
    });

    it('shows a visa authority refusal alerts but not arrest alerts, and refuses a hub operator', async () => {
      await s.sis.createAlert({
        ...sirene(),
        alert: personAlert({ person: { surname: 'VISATEST', birthDate: '1970-01-01' } }),
      });
      await s.sis.createAlert({
        ...sirene(),
        alert: personAlert({
          category: 'refusal',
          warningMarkers: [],
          person: { surname: 'VISATEST', birthDate: '1970-01-01', nationalities: ['USA'] },
        }),
      });
      const { results } = await s.sis.searchPersons({
        actor: as('visa'),
        purpose: 'visa-examination',
        query: { surname: 'VISATEST' },
      });
      expect(results.map((r) => r.alert.category)).toEqual(['refusal']);
      await expect(
        s.sis.searchPersons({
          actor: as('hub-operator'),
          purpose: 'hub-vehicle-check',
          query: { surname: 'VISATEST' },
        }),
      ).rejects.toMatchObject({ code: 'ACCESS_PERMISSION_DENIED' });
    });

    it('marks a discreet-check alert “discreet: do not inform the person” and hides its category from a border guard', async () => {
      await s.sis.createAlert({
        ...sirene(),
        alert: personAlert({
          category: 'check',
          checkType: 'discreet',
          warningMarkers: [],
          person: { surname: 'QUIETMAN', birthDate: '1960-03-03' },
        }),
      });
      const guard = await s.sis.searchPersons({
        actor: as('border'),
        purpose: 'border-control',
        query: { surname: 'QUIETMAN' },
      });
      expect(guard.results[0]?.alert).toMatchObject({
        discreet: true,
        handling: 'discreet: do not inform the person',
        category: null,
      });
      const police = await s.sis.searchPersons({
        actor: as('police'),
        purpose: 'police-identity-check',
        query: { surname: 'QUIETMAN' },
      });
      expect(police.results[0]?.alert.category).toBe('check');
    });
  });

  describe('searchDocuments and searchVehicles', () => {
    it('finds a document despite OCR look-alikes and says which', async () => {
      const { alert } = await s.sis.createAlert({
        ...sirene(),
        alert: personAlert({
          person: {
            surname: 'DOCMAN',
            documents: [{ type: 'passport', issuingCountry: 'D', number: 'C01X00T47' }],
          },
        }),
      });
      const { results } = await s.sis.searchDocuments({
        actor: as('border'),
        purpose: 'border-control',
        query: { number: 'CO1XOOT47', issuingCountry: 'DEU' },
      });
      const r = results.find((x) => x.alert.alertId === alert.id);
      expect(r?.why).toMatchObject({ exact: false, field: 'person.documents.number' });
      expect(r?.why.explanation).toContain('0/O');
    });

    it('finds a vehicle by a misread plate, by VIN and a container by its ISO 6346 number, each with the reason', async () => {
      const car = await s.sis.createAlert({
        ...sirene(),
        alert: vehicleAlert({
          object: {
            type: 'motor-vehicle',
            identifiers: [
              { kind: 'plate', value: 'GH-456-JK', country: 'FRA' },
              { kind: 'vin', value: 'VF1AB000123456789' },
            ],
          },
        }),
      });
      const box = await s.sis.createAlert({
        ...sirene(),
        alert: vehicleAlert({
          object: { type: 'container', identifiers: [{ kind: 'container', value: 'CSQU3054383' }] },
        }),
      });
      const byPlate = await s.sis.searchVehicles({
        actor: as('border'),
        purpose: 'border-control',
        query: { plate: '6H 456 JK', country: 'FRA' },
      });
      expect(byPlate.results.find((r) => r.alert.alertId === car.alert.id)?.why).toMatchObject({
        field: 'plate',
        exact: false,
      });
      const byVin = await s.sis.searchVehicles({
        actor: as('border'),
        purpose: 'border-control',
        query: { vin: 'VF1AB000123456789' },
      });
      expect(byVin.results.map((r) => r.alert.alertId)).toContain(car.alert.id);
      expect(byVin.vinCheck).toMatchObject({ checkDigit: 'not-applicable' });
      const byBox = await s.sis.searchVehicles({
        actor: as('hub-operator'),
        purpose: 'hub-vehicle-check',
        query: { container: 'CSQU 305438 3' },
      });
      expect(byBox.results.map((r) => r.alert.alertId)).toEqual([box.alert.id]);
      expect(byBox.containerCheck).toMatchObject({ valid: true });
    });

    it('never shows a covert vehicle check alert to a hub operator', async () => {
      await s.sis.createAlert({
        ...sirene(),
        alert: vehicleAlert({
          category: 'object-check',
          checkType: 'discreet',
          object: {
            type: 'motor-vehicle',
            identifiers: [{ kind: 'plate', value: 'SECRET1', country: 'BEL' }],
          },
        }),
      });
      const hub = await s.sis.searchVehicles({
        actor: as('hub-operator'),
        purpose: 'hub-vehicle-check',
        query: { plate: 'SECRET1', country: 'BEL' },
      });
      expect(hub.results).toEqual([]);
      const police = await s.sis.searchVehicles({
        actor: as('police'),
        purpose: 'police-identity-check',
        query: { plate: 'SECRET1', country: 'BEL' },
      });
      expect(police.results[0]?.alert).toMatchObject({ discreet: true, category: 'object-check' });
    });
  });
});
