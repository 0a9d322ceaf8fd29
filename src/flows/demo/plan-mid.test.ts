import { describe, expect, it } from 'vitest';
import { midVerdict, type IdentityData } from '../../contexts/identity/index.ts';
import { PlanCalendar } from './calendar.ts';
import { DEMO_MID_CASES, distantBirthDate, planMid, type MidPlan } from './plan-mid.ts';

const plan: MidPlan = planMid('interlink-demo', new PlanCalendar('2026-12-03'));

/** A planned record's identity data as the MID rules read them (Del. Reg. 2023/333 Annex I §1). */
function identityOf(system: string, ref: string): IdentityData {
  if (system === 'ees') {
    const f = plan.travellers.find((t) => t.ref === ref)!.file;
    return {
      surname: f.surname,
      givenNames: f.givenNames,
      birthDate: f.birthDate,
      sex: f.sex,
      nationalities: f.nationalities,
    };
  }
  if (system === 'etias') {
    const a = plan.applications.find((x) => x.ref === ref)!.input;
    return {
      surname: a.surname,
      givenNames: a.givenNames,
      birthDate: a.birthDate,
      sex: a.sex,
      nationalities: a.nationalities,
    };
  }
  if (system === 'eurodac') {
    const d = plan.datasets.find((x) => x.ref === ref)!.identity;
    return { ...d };
  }
  const p = plan.alerts.find((x) => x.ref === ref)!.input.person!;
  return {
    surname: p.surname!,
    givenNames: p.givenNames!,
    birthDate: p.birthDate!,
    sex: p.sex!,
    nationalities: p.nationalities!,
    // An alias `SURNAME, GIVEN NAMES` is an alias identity with the alert's birth date, sex and nationalities.
    aliasIdentities: (p.aliases ?? []).map((a) => ({
      qualification: 'alias' as const,
      surname: a.split(', ')[0]!,
      givenNames: a.split(', ')[1]!,
      birthDate: p.birthDate!,
      sex: p.sex!,
      nationalities: p.nationalities!,
    })),
  };
}

const verdict = (id: string, i = 0, j = 1) => {
  const c = DEMO_MID_CASES.find((x) => x.id === id)!;
  const [x, y] = [c.records[i]!, c.records[j]!];
  return midVerdict(identityOf(x.system, x.ref), identityOf(y.system, y.ref)).verdict;
};

describe('the MID cases of the demo world', () => {
  it('plant identity data the MID rules judge as each case needs', () => {
    expect(verdict('face-two-names')).toBe('different');
    expect(verdict('shared-passport')).toBe('different');
    expect(verdict('sis-alias')).toBe('similar');
    expect(verdict('same-person')).toBe('same');
    expect(verdict('homonyms')).toBe('same');
    expect([verdict('namesakes', 0, 1), verdict('namesakes', 0, 2), verdict('namesakes', 1, 2)]).toEqual([
      'different',
      'different',
      'different',
    ]);
    expect(verdict('twins')).toBe('different');
  });

  it('give the namesakes the same names and sex, and the twins the same surname and birth date', () => {
    const ees = identityOf('ees', 'MT5');
    for (const [system, ref] of [
      ['etias', 'M04'],
      ['sis', 'MA2'],
    ] as const) {
      expect(identityOf(system, ref)).toMatchObject({
        surname: ees.surname,
        givenNames: ees.givenNames,
        sex: ees.sex,
      });
      expect(identityOf(system, ref).birthDate).not.toBe(ees.birthDate);
    }
    const [a, b] = [identityOf('ees', 'MT6'), identityOf('eurodac', 'MD3')];
    expect(b).toMatchObject({ surname: a.surname, birthDate: a.birthDate });
    expect(b.givenNames).not.toBe(a.givenNames);
  });

  it('share one passport between the EES traveller and another person’s application', () => {
    const file = plan.travellers.find((t) => t.ref === 'MT2')!.file.documents[0]!;
    const doc = plan.applications.find((a) => a.ref === 'M01')!.input.document;
    expect({ number: doc.number, issuingState: doc.issuingState }).toEqual({
      number: file.number,
      issuingState: file.issuingState,
    });
  });

  it('give one person two captures under two names, and the twins two persons', () => {
    const face = plan.eesCaptures.find((c) => c.travellerRef === 'MT1')!.capture;
    const dataset = plan.datasets.find((d) => d.ref === 'MD1')!.capture;
    expect(face.person).toBe(dataset.person);
    expect(face.capture).not.toBe(dataset.capture);
    const twin = plan.datasets.find((d) => d.ref === 'MD3')!.capture;
    expect(twin.twinOf?.person).toBe(plan.eesCaptures.find((c) => c.travellerRef === 'MT6')!.capture.person);
    expect(twin.person).not.toBe(twin.twinOf?.person);
  });

  it('moves a birth date so that no similarity rule of Annex II 3.2 explains the difference', () => {
    for (const d of ['1980-01-01', '1975-12-31', '1990-06-15', '2000-02-29']) {
      const other = distantBirthDate(d, 7);
      expect(
        midVerdict(
          { birthDate: d, surname: 'A', givenNames: 'B' },
          { birthDate: other, surname: 'A', givenNames: 'B' },
        ).categories.birthDate.outcome,
      ).toBe('different');
    }
  });

  it('is the same plan for the same seed and day', () => {
    expect(planMid('interlink-demo', new PlanCalendar('2026-12-03'))).toEqual(plan);
  });
});
