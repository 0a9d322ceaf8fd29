import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { parseMrz } from '../mrz/index.ts';
import {
  HARD_NEGATIVE_KINDS,
  HARD_NEGATIVE_WEIGHTS,
  IDENTITY_CSV_COLUMNS,
  generateIdentities,
  identitiesToCsv,
  negativeKindOf,
  type GeneratedIdentity,
  type HardNegativeKind,
} from './index.ts';

const REFERENCE = '2026-01-01';
const YEAR_DAYS = 365.2425;
const days = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const yearsApart = (a: GeneratedIdentity, b: GeneratedIdentity): number =>
  Math.abs(days(a.birthDate) - days(b.birthDate)) / YEAR_DAYS;
const firstGiven = (r: GeneratedIdentity): string => r.givenNames.split(' ')[0] ?? '';
const commonPrefix = (a: string, b: string): number => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) {
    i += 1;
  }
  return i;
};
/** The same surname, or (for a relative of the other sex) its form for that sex: Kowalski / Kowalska. */
const sameFamilyName = (a: GeneratedIdentity, b: GeneratedIdentity): boolean =>
  a.sex === b.sex
    ? a.surname === b.surname
    : a.surname.split(' ').every((part, i) => {
        const other = b.surname.split(' ')[i] ?? '';
        return commonPrefix(part, other) >= Math.min(part.length, other.length) - 3;
      });

const set = generateIdentities({
  count: 10_000,
  seed: 'hard-negatives',
  variantRate: 0.3,
  hardNegativeRate: 0.5,
});
const clusters = new Set(set.map((r) => r.cluster));
const originalOf = new Map(set.filter((r) => r.variantOf === null).map((r) => [r.cluster, r]));
/** Pairs of original records: the related person's and the one they resemble. */
const pairsOf = (kind: HardNegativeKind): [GeneratedIdentity, GeneratedIdentity][] => {
  const pairs = set
    .filter((r) => r.variantOf === null && r.relation === kind)
    .map((r): [GeneratedIdentity, GeneratedIdentity] => {
      const base = originalOf.get(r.relatedCluster ?? '');
      if (base === undefined) {
        throw new Error(`${r.id}: no original of ${String(r.relatedCluster)}`);
      }
      return [r, base];
    });
  if (pairs.length < 50) {
    throw new Error(`only ${pairs.length} ${kind} pairs`);
  }
  return pairs;
};
/** Whether a record belongs to a related person (a hard negative). */
const isRelated = (r: GeneratedIdentity): boolean => HARD_NEGATIVE_KINDS.some((k) => k === r.relation);

describe('hard negatives of the identity generator', () => {
  describe('without the option', () => {
    it('gives the records of earlier versions for a seed, with empty labels', () => {
      const plain = generateIdentities({ count: 3000, seed: 'hard-negative-golden', variantRate: 0.5 });
      expect(
        generateIdentities({
          count: 3000,
          seed: 'hard-negative-golden',
          variantRate: 0.5,
          hardNegativeRate: 0,
        }),
      ).toEqual(plain);
      expect(plain.every((r) => r.relation === null && r.relatedCluster === null)).toBe(true);
      // The digest of these records as generated before hard negatives existed.
      const digest = createHash('sha256')
        .update(JSON.stringify(plain.map(({ relation: _r, relatedCluster: _c, ...rest }) => rest)))
        .digest('hex');
      expect(digest).toBe('d6308e0f8525fb145ba5b56caf08ae27e2ac2309a563f0a64b56593beabc9bff');
    });
  });

  describe('kinds', () => {
    it('makes every kind, namesakes most often and twins least', () => {
      const counts = Object.fromEntries(HARD_NEGATIVE_KINDS.map((k) => [k, pairsOf(k).length]));
      const related = Object.values(counts).reduce((a, b) => a + b, 0);
      for (const kind of HARD_NEGATIVE_KINDS) {
        expect(counts[kind], kind).toBeGreaterThan(50);
        expect(Math.abs(counts[kind]! / related - HARD_NEGATIVE_WEIGHTS[kind]), kind).toBeLessThan(0.05);
      }
      expect(Math.max(...Object.values(counts))).toBe(counts.namesake);
      expect(Math.min(...Object.values(counts))).toBe(counts.twin);
      // About half of the ordinary persons get a related person.
      const ordinary = [...originalOf.values()].filter((r) => r.relation === null).length;
      expect(related / ordinary).toBeGreaterThan(0.45);
      expect(related / ordinary).toBeLessThan(0.55);
    });

    it('gives a namesake the same names, nationality and sex, another birth date and document', () => {
      for (const [r, base] of pairsOf('namesake')) {
        expect([r.surname, r.givenNames, r.surnameNative, r.givenNamesNative, r.nationality, r.sex]).toEqual([
          base.surname,
          base.givenNames,
          base.surnameNative,
          base.givenNamesNative,
          base.nationality,
          base.sex,
        ]);
        expect(r.birthDate, r.id).not.toBe(base.birthDate);
        expect(r.documentNumber, r.id).not.toBe(base.documentNumber);
      }
    });

    it('gives a twin the same surname, birth date, place and nationality, another first given name', () => {
      const pairs = pairsOf('twin');
      for (const [r, base] of pairs) {
        expect([r.birthDate, r.placeOfBirth, r.nationality]).toEqual([
          base.birthDate,
          base.placeOfBirth,
          base.nationality,
        ]);
        expect(sameFamilyName(r, base), `${r.surname} / ${base.surname}`).toBe(true);
        expect(firstGiven(r), r.id).not.toBe(firstGiven(base));
        expect(r.documentNumber, r.id).not.toBe(base.documentNumber);
      }
      // Twins are of the same sex about two times in three.
      const sameSex = pairs.filter(([r, base]) => r.sex === base.sex).length / pairs.length;
      expect(sameSex).toBeGreaterThan(0.5);
      expect(sameSex).toBeLessThan(0.8);
    });

    it('writes the surname of a twin of the other sex in that sex form where the language has one', () => {
      const twins = generateIdentities({ count: 20_000, seed: 'twins', variantRate: 0, hardNegativeRate: 1 });
      const byCluster = new Map(twins.map((r) => [r.cluster, r]));
      const formsOf = (nationality: string) =>
        twins
          .filter((r) => r.relation === 'twin' && r.nationality === nationality)
          .map((r) => [r, byCluster.get(r.relatedCluster ?? '')!] as const)
          .filter(([r, base]) => r.sex !== base.sex && /(sk|ck)[ia]$/.test(base.surname));
      const polish = formsOf('POL');
      expect(polish.length).toBeGreaterThan(0);
      for (const [r, base] of polish) {
        expect(r.surname.slice(0, -1)).toBe(base.surname.slice(0, -1));
        expect(r.surname.endsWith(r.sex === 'F' ? 'a' : 'i')).toBe(true);
      }
    });

    it('gives a parent or child the same names and sex, born 20 to 40 years apart', () => {
      const pairs = pairsOf('parent-child');
      for (const [r, base] of pairs) {
        expect([r.surname, r.givenNames, r.sex, r.nationality]).toEqual([
          base.surname,
          base.givenNames,
          base.sex,
          base.nationality,
        ]);
        const apart = yearsApart(r, base);
        expect(apart, r.id).toBeGreaterThanOrEqual(20);
        expect(apart, r.id).toBeLessThanOrEqual(40);
        expect(r.birthDate < REFERENCE).toBe(true);
        expect(r.documentNumber, r.id).not.toBe(base.documentNumber);
      }
      // Both directions: the related person is the parent as well as the child.
      expect(pairs.some(([r, base]) => r.birthDate < base.birthDate)).toBe(true);
      expect(pairs.some(([r, base]) => r.birthDate > base.birthDate)).toBe(true);
    });

    it('gives a sibling the family name and nationality, other given names, born 1 to 12 years apart', () => {
      const pairs = pairsOf('sibling');
      for (const [r, base] of pairs) {
        expect(r.nationality).toBe(base.nationality);
        expect(sameFamilyName(r, base), `${r.surname} / ${base.surname}`).toBe(true);
        expect(firstGiven(r), r.id).not.toBe(firstGiven(base));
        const apart = yearsApart(r, base);
        expect(apart, r.id).toBeGreaterThanOrEqual(1);
        expect(apart, r.id).toBeLessThanOrEqual(12);
        expect(r.birthDate < REFERENCE).toBe(true);
      }
      const samePlace =
        pairs.filter(([r, base]) => r.placeOfBirth === base.placeOfBirth).length / pairs.length;
      expect(samePlace).toBeGreaterThan(0.6);
    });

    it('gives every related person a valid document of their own', () => {
      const related = [...originalOf.values()].filter(isRelated);
      expect(related.length).toBeGreaterThan(1000);
      for (const r of related) {
        const parsed = parseMrz(r.mrz);
        expect(parsed.valid, r.id).toBe(true);
        expect(parsed.documentNumber).toBe(r.documentNumber);
        expect(parsed.birthDate).toBe(r.birthDate.replace(/-/g, '').slice(2));
        expect(r.expiryDate > REFERENCE).toBe(true);
      }
    });

    it('gives related persons variant records like anyone', () => {
      const variants = set.filter((r) => isRelated(r) && r.variantOf !== null);
      expect(variants.length).toBeGreaterThan(200);
      for (const v of variants) {
        const original = set.find((r) => r.id === v.variantOf);
        expect(original?.cluster).toBe(v.cluster);
        expect([original?.relation, original?.relatedCluster]).toEqual([v.relation, v.relatedCluster]);
      }
    });
  });

  describe('labels', () => {
    it('labels every record of a related person with the kind and the cluster it resembles', () => {
      const labelsOf = new Map<string, string>();
      const relatedTo = new Map<string, number>();
      for (const r of set) {
        expect(r.relation === null).toBe(r.relatedCluster === null);
        const labels = `${String(r.relation)}|${String(r.relatedCluster)}`;
        expect(labelsOf.get(r.cluster) ?? labels, r.id).toBe(labels);
        labelsOf.set(r.cluster, labels);
        if (r.relatedCluster === null) {
          continue;
        }
        expect(HARD_NEGATIVE_KINDS).toContain(r.relation);
        expect(clusters.has(r.relatedCluster), r.id).toBe(true);
        expect(r.relatedCluster).not.toBe(r.cluster);
        // The person resembled is an ordinary one.
        expect(originalOf.get(r.relatedCluster)?.relation).toBeNull();
        if (r.variantOf === null) {
          relatedTo.set(r.relatedCluster, (relatedTo.get(r.relatedCluster) ?? 0) + 1);
        }
      }
      // One related person at most per person.
      expect(Math.max(...relatedTo.values())).toBe(1);
    });

    it('tells the kind linking two records of different clusters, in either direction', () => {
      const [r, base] = pairsOf('twin')[0]!;
      expect(negativeKindOf(r, base)).toBe('twin');
      expect(negativeKindOf(base, r)).toBe('twin');
      const variantOfBase = set.find((x) => x.cluster === base.cluster && x.variantOf !== null);
      if (variantOfBase !== undefined) {
        expect(negativeKindOf(variantOfBase, r)).toBe('twin');
      }
      expect(negativeKindOf(r, r)).toBeNull();
      const stranger = [...originalOf.values()].find(
        (x) => x.cluster !== base.cluster && x.cluster !== r.cluster && x.relation === null,
      )!;
      expect(negativeKindOf(stranger, r)).toBeNull();
      expect(negativeKindOf(base, stranger)).toBeNull();
      expect(
        negativeKindOf(
          { cluster: 'C1', relation: null, relatedCluster: null },
          { cluster: 'C2', relation: 'sibling', relatedCluster: 'C1' },
        ),
      ).toBe('sibling');
    });

    it('writes the labels as the last two CSV columns, empty for ordinary persons', () => {
      expect(IDENTITY_CSV_COLUMNS.slice(-2)).toEqual(['relation', 'related_cluster']);
      expect(IDENTITY_CSV_COLUMNS.indexOf('variant_kinds')).toBe(16);
      const [r, base] = pairsOf('namesake')[0]!;
      const lines = identitiesToCsv([base, r]).trimEnd().split('\n');
      expect(lines[0]?.endsWith(',variant_kinds,relation,related_cluster')).toBe(true);
      expect(lines[1]?.endsWith(',,')).toBe(true);
      expect(lines[2]?.endsWith(`,namesake,${base.cluster}`)).toBe(true);
    });
  });

  describe('the set', () => {
    it('is the same for the same options, and a smaller count gives a prefix', () => {
      const options = { seed: 'hard-prefix', variantRate: 0.4, hardNegativeRate: 0.7 };
      const long = generateIdentities({ count: 3000, ...options });
      expect(long.filter(isRelated).length).toBeGreaterThan(500);
      expect(generateIdentities({ count: 3000, ...options })).toEqual(long);
      for (const count of [1, 2, 7, 1201]) {
        expect(generateIdentities({ count, ...options })).toEqual(long.slice(0, count));
      }
    });

    it('holds many different persons with the same names at a rate of 0.5', () => {
      const shareOfNamesakePairs = (records: readonly GeneratedIdentity[]) => {
        const byName = new Map<string, GeneratedIdentity[]>();
        for (const r of records) {
          const name = `${r.surname}|${r.givenNames}`;
          byName.set(name, [...(byName.get(name) ?? []), r]);
        }
        let pairs = 0;
        let different = 0;
        for (const group of byName.values()) {
          for (let i = 0; i < group.length; i += 1) {
            for (let j = i + 1; j < group.length; j += 1) {
              pairs += 1;
              different += group[i]!.cluster === group[j]!.cluster ? 0 : 1;
            }
          }
        }
        return different / pairs;
      };
      // 0.63 with this seed (0.03 without hard negatives): most same-name pairs are different persons.
      expect(shareOfNamesakePairs(set)).toBeGreaterThan(0.5);
      const plain = generateIdentities({ count: 10_000, seed: 'hard-negatives', variantRate: 0.3 });
      expect(shareOfNamesakePairs(plain)).toBeLessThan(0.1);
    });
  });

  describe('options', () => {
    it.each([[1.5], [-0.1], [Number.NaN], ['0.5' as unknown as number]])(
      'rejects hardNegativeRate %j with IDENTITY_GENERATOR_BAD_OPTIONS',
      (hardNegativeRate) => {
        let error: unknown;
        try {
          generateIdentities({ count: 10, seed: 1, hardNegativeRate });
        } catch (err) {
          error = err;
        }
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('IDENTITY_GENERATOR_BAD_OPTIONS');
        expect((error as AppError).message).toContain('hardNegativeRate');
      },
    );

    it('alternates ordinary and related persons at rate 1', () => {
      const all = generateIdentities({
        count: 400,
        seed: 'all-related',
        variantRate: 0,
        hardNegativeRate: 1,
      });
      // Ordinary and related persons alternate: a related person gets no related person of their own.
      all.forEach((r, i) => {
        expect(r.relation === null).toBe(i % 2 === 0);
      });
    });
  });
});
