import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDUCATION_LEVELS, OCCUPATION_GROUPS } from '../model.ts';
import {
  agesOn,
  evaluateRule,
  isSexOrAgeAlone,
  PREDICATE_NAMES,
  validatePredicates,
  type RulePredicates,
  type ScreeningData,
} from './rule.ts';

const COUNTRIES = ['USA', 'CAN', 'BRA', 'JPN', 'GBR', 'ARG'];
const CITIES = ['Zürich', 'São Paulo', 'New York', 'Tokyo'];

const data: fc.Arbitrary<ScreeningData> = fc.record({
  birthDate: fc
    .date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  applicationDate: fc.constantFrom('2026-01-15', '2026-06-30', '2026-12-03'),
  sex: fc.constantFrom('M' as const, 'F' as const, 'X' as const),
  nationalities: fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 2 }),
  residence: fc.record({ country: fc.constantFrom(...COUNTRIES), city: fc.constantFrom(...CITIES) }),
  education: fc.option(fc.constantFrom(...EDUCATION_LEVELS), { nil: undefined }),
  occupation: fc.option(fc.constantFrom(...OCCUPATION_GROUPS), { nil: undefined }),
});

const sub = <T extends string>(all: readonly T[]) =>
  fc.uniqueArray(fc.constantFrom(...all), { minLength: 1, maxLength: all.length - 1 });

const predicates: fc.Arbitrary<RulePredicates> = fc.record(
  {
    ageRange: fc
      .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 30 }))
      .map(([min, span]) => ({ min: min + 1, max: Math.min(130, min + 1 + span) })),
    sex: fc.constantFrom('M' as const, 'F' as const, 'X' as const),
    nationalities: sub(COUNTRIES),
    residenceCountries: sub(COUNTRIES),
    residenceCities: sub(CITIES),
    educationLevels: sub(EDUCATION_LEVELS),
    occupationGroups: sub(OCCUPATION_GROUPS),
  },
  { requiredKeys: [] },
);

describe('screening rule', () => {
  describe('validatePredicates', () => {
    it('refuses a rule on sex alone, age alone, or sex and age alone (art. 33(5))', () => {
      fc.assert(
        fc.property(predicates, (p) => {
          const onlySexAge: RulePredicates = {
            ...(p.sex ? { sex: p.sex } : {}),
            ...(p.ageRange ? { ageRange: p.ageRange } : {}),
          };
          fc.pre(Object.keys(onlySexAge).length > 0);
          expect(isSexOrAgeAlone(onlySexAge)).toBe(true);
          expect(
            validatePredicates(onlySexAge)
              .map((i) => i.message)
              .join(),
          ).toMatch(/solely on sex or age/);
        }),
      );
    });

    it('accepts any well-formed rule with a predicate other than sex and age', () => {
      fc.assert(
        fc.property(predicates, (p) => {
          fc.pre(PREDICATE_NAMES.some((k) => k !== 'sex' && k !== 'ageRange' && p[k] !== undefined));
          expect(validatePredicates(p)).toEqual([]);
        }),
      );
    });

    it('refuses an empty rule, an unknown field, and a list that names every value', () => {
      expect(validatePredicates({})[0]?.message).toMatch(/at least one predicate/);
      const unknown = validatePredicates({ nationalities: ['USA'], religion: ['x'] } as RulePredicates);
      expect(unknown.map((i) => i.path)).toEqual(['religion']);
      expect(unknown[0]?.message).toMatch(/art\. 33\(4\)/);
      const all = validatePredicates({ sex: 'M', educationLevels: [...EDUCATION_LEVELS] });
      expect(all.map((i) => i.path)).toEqual(['educationLevels']);
      expect(validatePredicates({ nationalities: ['usa'] })[0]?.path).toBe('nationalities.0');
      expect(validatePredicates({ nationalities: ['USA'], ageRange: { min: 30, max: 20 } })[0]?.path).toBe(
        'ageRange',
      );
    });
  });

  describe('evaluateRule', () => {
    it('hits exactly when every present predicate holds, naming each with the applicant value', () => {
      fc.assert(
        fc.property(predicates, data, (p, d) => {
          const result = evaluateRule(p, d);
          const present = PREDICATE_NAMES.filter((k) => p[k] !== undefined);
          const each = present.map((k) => evaluateRule({ [k]: p[k] }, d));
          if (present.length === 0) {
            expect(result).toBeNull();
          } else if (each.every((e) => e !== null)) {
            expect(result?.map((m) => m.predicate)).toEqual(present);
            expect(result?.every((m) => m.value !== '')).toBe(true);
          } else {
            expect(result).toBeNull();
          }
        }),
      );
    });

    it('adding a predicate never widens the set of applications hit (a conjunction)', () => {
      fc.assert(
        fc.property(predicates, predicates, data, (p, q, d) => {
          const merged = { ...q, ...p };
          if (evaluateRule(merged, d) !== null) {
            expect(evaluateRule(p, d)).not.toBeNull();
          }
        }),
      );
    });

    it('reads the age on the application date and the city without case or diacritics', () => {
      const d: ScreeningData = {
        birthDate: '2000-12-04',
        applicationDate: '2026-12-03',
        sex: 'F',
        nationalities: ['BRA'],
        residence: { country: 'BRA', city: 'SAO  PAULO' },
      };
      expect(evaluateRule({ ageRange: { min: 26 }, nationalities: ['BRA'] }, d)).toBeNull();
      expect(evaluateRule({ ageRange: { max: 25 }, residenceCities: ['São Paulo'] }, d)).toEqual([
        { predicate: 'ageRange', condition: 'age 25 or less', value: '25 on 2026-12-03' },
        {
          predicate: 'residenceCities',
          condition: 'city of residence one of São Paulo',
          value: 'SAO  PAULO',
        },
      ]);
      expect(evaluateRule({ educationLevels: ['higher'] }, d)).toBeNull();
    });

    it('gives a partial birth date every age it may be', () => {
      expect(agesOn('1990-00-00', '2026-06-01')).toEqual({ min: 35, max: 36 });
      expect(agesOn('1990-06-15', '2026-06-15')).toEqual({ min: 36, max: 36 });
      expect(agesOn('1990-06-16', '2026-06-15')).toEqual({ min: 35, max: 35 });
    });
  });
});
