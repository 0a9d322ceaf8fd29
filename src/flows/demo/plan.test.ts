import { describe, expect, it } from 'vitest';
import { parseMrz } from '../../contexts/identity/index.ts';
import { isThirdCountry, visaRequirement } from '../../contexts/reference/index.ts';
import { alertIssues } from '../../contexts/sis/index.ts';
import { describePlan, planDemoWorld, thingsToTry } from './plan.ts';

const today = '2026-05-15';
const plan = planDemoWorld({ seed: 'interlink-demo', today });

describe('planDemoWorld', () => {
  describe('determinism', () => {
    it('gives the same world for the same seed and day', () => {
      expect(planDemoWorld({ seed: 'interlink-demo', today })).toEqual(plan);
    });

    it('gives another world for another seed', () => {
      const other = planDemoWorld({ seed: 'another seed', today });
      expect(other.travellers.map((t) => t.identity.documentNumber)).not.toEqual(
        plan.travellers.map((t) => t.identity.documentNumber),
      );
    });
  });

  describe('travellers', () => {
    it('are third-country nationals with unique, MRZ-valid documents', () => {
      const numbers = plan.travellers.map((t) => `${t.identity.issuingState}:${t.identity.documentNumber}`);
      expect(new Set(numbers).size).toBe(numbers.length);
      for (const t of plan.travellers) {
        expect(isThirdCountry(t.identity.nationality)).toBe(true);
        const parsed = parseMrz(t.identity.mrz.join('\n'));
        expect(parsed.valid, t.ref).toBe(true);
      }
    });

    it('crossed only in the 180 days before today, in time order, never in the future', () => {
      const earliest = '2025-11-16';
      for (const t of plan.travellers) {
        const times = t.events.map((e) => e.at);
        expect(times).toEqual([...times].sort());
        expect(times[0]!.slice(0, 10) >= earliest, t.ref).toBe(true);
        expect(times.at(-1)!.slice(0, 10) < today, t.ref).toBe(true);
      }
    });

    it('holds every situation the demo shows', () => {
      const c = describePlan(plan).ees;
      expect(c.travellers).toBeGreaterThanOrEqual(150);
      expect(c.travellers).toBeLessThanOrEqual(300);
      expect(c.overstayers).toBe(2);
      expect(c.nearTheLimit).toBe(2);
      expect(c.familyMembers).toBe(1);
      expect(c.refusals).toBe(3);
      expect(c.presentNow).toBeGreaterThan(10);
      expect(c.visaExempt).toBeGreaterThan(30);
      expect(c.visaHolders).toBeGreaterThan(30);
      expect(c.memberStates).toEqual(['DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HU', 'IT', 'NL', 'PL']);
    });
  });

  describe('alerts', () => {
    it('are valid field by field', () => {
      for (const a of plan.alerts) {
        expect(alertIssues(a.input, today), a.ref).toEqual([]);
      }
    });

    it('are mostly on objects, with refusal and return alerts a third each of the person alerts', () => {
      const c = describePlan(plan).sis;
      expect(c.objects / c.alerts).toBeGreaterThan(0.7);
      expect(c.byObjectType['issued-document']).toBeGreaterThan(c.alerts / 3);
      expect(c.byCategory.refusal! / c.persons).toBeCloseTo(1 / 3, 1);
      expect(c.byCategory.return! / c.persons).toBeCloseTo(1 / 3, 1);
      for (const category of ['arrest', 'missing', 'check']) {
        expect(c.byCategory[category], category).toBeGreaterThan(0);
      }
      expect(c.issuingStates.length).toBeGreaterThanOrEqual(5);
      expect(c.linked).toBeGreaterThanOrEqual(3);
    });

    it('link only to alerts entered before them', () => {
      const seen = new Set<string>();
      for (const a of plan.alerts) {
        for (const l of a.linkRefs) {
          expect(seen.has(l), `${a.ref} -> ${l}`).toBe(true);
        }
        seen.add(a.ref);
      }
    });

    it('include a missing child', () => {
      const children = plan.alerts.filter(
        (a) => a.input.category === 'missing' && Number(a.input.person!.birthDate!.slice(0, 4)) >= 2008,
      );
      expect(children.length).toBeGreaterThanOrEqual(1);
    });
  });

  describe('ETIAS applications', () => {
    const apps = plan.etias.applications;

    it('come from visa-exempt nationals only (Reg. (EU) 2018/1806 Annex II), one per travel document', () => {
      for (const a of apps) {
        expect(visaRequirement(a.input.nationalities[0]!), a.ref).toBe('exempt');
        // Those waiting for the Central Unit are submitted as the world is made; the others before.
        expect(a.submittedAt === undefined, a.ref).toBe(a.expect.queue === 'central-unit');
        expect((a.submittedAt ?? '0000').slice(0, 10) < today, a.ref).toBe(true);
      }
      const docs = apps.map((a) => `${a.input.document.issuingState}:${a.input.document.number}`);
      expect(new Set(docs).size).toBe(docs.length);
      const exempt = plan.travellers.filter((t) => visaRequirement(t.identity.nationality) === 'exempt');
      // Every visa-exempt traveller applies, but the one under a discreet check alert (it would tell them).
      expect(apps.filter((a) => a.travellerRef !== undefined).length).toBe(
        exempt.filter((t) => !t.roles.includes('sis-discreet-check')).length,
      );
    });

    it('are mostly issued, with each planted case sent to manual processing', () => {
      const c = describePlan(plan).etias;
      expect(c.byStatus.issued! / c.applications).toBeGreaterThan(0.8);
      expect(c.byCase).toMatchObject({
        'sis-refusal-variant': 1,
        'sis-document': 1,
        'ees-overstay': 1,
        'ees-refused': 1,
        watchlist: 1,
        'screening-rule': 3,
      });
      expect(c.byStatus.manual).toBe(8);
      expect(c.centralUnitQueue).toBeGreaterThanOrEqual(3);
      expect(c.nationalUnitQueue).toBeGreaterThanOrEqual(3);
      expect(
        apps.filter((a) => a.expect.queue === 'national-unit').map((a) => a.expect.nationalUnit),
      ).toEqual(Array(c.nationalUnitQueue).fill('ES'));
    });

    it('plant the SIS refusal alert’s subject under another spelling of the name, same birth date', () => {
      const app = apps.find((a) => a.case === 'sis-refusal-variant')!;
      const alert = plan.alerts.find((a) => a.ref === app.alertRef)!;
      expect(alert.input.category).toBe('refusal');
      expect(app.input.birthDate).toBe(alert.input.person!.birthDate);
      expect(`${app.input.surname} ${app.input.givenNames}`).not.toBe(
        `${alert.input.person!.surname} ${alert.input.person!.givenNames}`,
      );
    });

    it('plant the EES overstayer and the refused traveller, and the traveller with the stolen passport', () => {
      const byCase = (k: string) =>
        plan.travellers.find((t) => t.ref === apps.find((a) => a.case === k)!.travellerRef)!;
      expect(byCase('ees-overstay').roles).toContain('overstayer');
      expect(byCase('ees-refused').events.some((e) => e.kind === 'refusal')).toBe(true);
      const stolen = byCase('sis-document');
      expect(stolen.roles).toContain('sis-document-alert');
      expect(apps.find((a) => a.case === 'sis-document')!.input.document.number).toBe(
        stolen.identity.documentNumber,
      );
    });

    it('fit the screening rule only where planted', () => {
      const r = plan.etias.rule;
      const fits = (a: (typeof apps)[number]) =>
        r.residenceCountries.includes(a.input.residence.country) &&
        r.occupations.includes(a.input.occupation!);
      expect(apps.filter(fits).map((a) => a.case)).toEqual([
        'screening-rule',
        'screening-rule',
        'screening-rule',
      ]);
    });
  });

  describe('thingsToTry', () => {
    it('gives an MRZ and a user for each border check, with the user of the crossing point’s state', () => {
      const tries = thingsToTry(plan);
      const checks = tries.filter((t) => t.mrz !== undefined);
      expect(checks.length).toBeGreaterThanOrEqual(7);
      for (const t of checks) {
        expect(parseMrz(t.mrz!).valid).toBe(true);
        expect(t.user).toBe(`border.${t.bcpId!.slice(0, 2).toLowerCase()}`);
      }
    });
  });
});
