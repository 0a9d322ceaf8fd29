import { describe, expect, it } from 'vitest';
import { parseMrz } from '../../contexts/identity/index.ts';
import { isThirdCountry } from '../../contexts/reference/index.ts';
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
      expect(c.refusals).toBe(2);
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
