import { describe, expect, it } from 'vitest';
import { generateIdentities } from '../../identity/index.ts';
import { identityConfig } from '../default-config.ts';
import { compileModel } from '../model.ts';
import { identityFromGenerated, queryFromGenerated } from './generated.ts';
import type { IndexedIdentity } from './identity.ts';
import { IndexKeys } from './keys.ts';
import { IdentityIndex } from './memory.ts';
import { defaultParameters, priorFor } from './parameters.ts';

const model = compileModel(identityConfig());
const keys = new IndexKeys(model);
const newIndex = () => new IdentityIndex(model, keys, defaultParameters(model));

function identity(overrides: Partial<IndexedIdentity> = {}): IndexedIdentity {
  return {
    system: 'ees',
    recordRef: 'eesf_1',
    surname: 'Papadopoulos',
    givenNames: 'Georgios',
    birthDate: '1980-03-14',
    sex: 'M',
    nationalities: ['GRC'],
    placeOfBirth: 'Thessaloniki',
    documentNumber: 'AB1234567',
    ...overrides,
  };
}

describe('IdentityIndex', () => {
  describe('search', () => {
    it('finds a typo of a stored identity first, with every comparison explained', () => {
      const index = newIndex();
      index.put(identity());
      index.put(
        identity({
          recordRef: 'eesf_2',
          surname: 'Nowak',
          givenNames: 'Anna',
          sex: 'F',
          birthDate: '1991-07-02',
          documentNumber: 'X1',
        }),
      );
      const [best, ...rest] = index.search(
        { surname: 'Papadopulos', givenNames: 'Georgios', birthDate: '1980-03-14' },
        { systems: ['ees'] },
      );
      expect(best).toMatchObject({ system: 'ees', recordRef: 'eesf_1', form: 'as-given' });
      expect(best?.probability).toBeGreaterThan(0.9);
      expect(rest).toEqual([]);
      const surname = best?.comparisons.find((c) => c.comparison === 'surname');
      expect(surname?.level).toBe('Jaro-Winkler >= 0.92');
      expect(surname?.weight).toBeGreaterThan(0);
      expect(best?.comparisons.find((c) => c.comparison === 'document_number')?.level).toBe('null');
      expect(best?.comparisons.map((c) => c.comparison)).toEqual(model.comparisons.map((c) => c.name));
    });

    it('finds an identity from a document number alone', () => {
      const index = newIndex();
      index.put(identity());
      expect(
        index.search({ documentNumber: 'AB1234567' }, { systems: ['ees'] }).map((c) => c.recordRef),
      ).toEqual(['eesf_1']);
    });

    it('finds a Latin-script identity from a query in the native script, and a native form from Latin', () => {
      const index = newIndex();
      index.put(
        identity({
          recordRef: 'sisa_1',
          system: 'sis',
          surname: 'Poliakov',
          givenNames: 'Terentii',
          surnameNative: 'Поляков',
          givenNamesNative: 'Терентий',
          nationalities: ['RUS'],
        }),
      );
      const hit = index.search(
        { surname: 'Поляков', givenNames: 'Терентий', birthDate: '1980-03-14' },
        { systems: ['sis'] },
      );
      expect(hit[0]?.recordRef).toBe('sisa_1');
      expect(hit[0]?.probability).toBeGreaterThan(0.9);
      const other = index.search(
        { surname: 'Polyakov', givenNames: 'Terentiy', birthDate: '1980-03-14' },
        { systems: ['sis'] },
      );
      expect(other[0]?.recordRef).toBe('sisa_1');
    });

    it('never returns an identity of a system the caller may not see', () => {
      const index = newIndex();
      index.put(identity({ system: 'ees', recordRef: 'a' }));
      index.put(identity({ system: 'sis', recordRef: 'b' }));
      index.put(identity({ system: 'etias', recordRef: 'c' }));
      const query = { surname: 'Papadopoulos', givenNames: 'Georgios' };
      expect(index.search(query, { systems: ['sis'] }).map((c) => c.system)).toEqual(['sis']);
      expect(
        index
          .search(query, { systems: ['ees', 'etias'] })
          .map((c) => c.system)
          .sort(),
      ).toEqual(['ees', 'etias']);
      expect(index.search(query, { systems: ['eurodac'] })).toEqual([]);
      expect(index.candidates(query, ['sis'])).toEqual([{ system: 'sis', recordRef: 'b' }]);
    });

    it('returns at most the limit, best first', () => {
      const index = newIndex();
      for (let i = 0; i < 15; i += 1) {
        index.put(identity({ recordRef: `r${i}`, birthDate: `19${60 + i}-03-14`, documentNumber: `D${i}` }));
      }
      const hits = index.search(
        { surname: 'Papadopoulos', givenNames: 'Georgios', birthDate: '1965-03-14' },
        { systems: ['ees'], limit: 5 },
      );
      expect(hits).toHaveLength(5);
      expect(hits[0]?.recordRef).toBe('r5');
      const weights = hits.map((h) => h.weight);
      expect([...weights].sort((a, b) => b - a)).toEqual(weights);
    });

    it("retrieves nothing through a key whose stored block is over its rule's cap", () => {
      const index = newIndex();
      const letters = [...'BDFLMNRT'];
      const put = (i: number) =>
        index.put(
          identity({
            recordRef: `r${i}`,
            surname: `${letters[i % 8]}a${letters[Math.floor(i / 8) % 8]}o${letters[Math.floor(i / 64) % 8]}in`,
            givenNames: `${letters[Math.floor(i / 64) % 8]}e${letters[Math.floor(i / 8) % 8]}u${letters[i % 8]}a`,
            birthDate: '1970-01-01',
            placeOfBirth: '',
            documentNumber: `D${i}`,
          }),
        );
      for (let i = 0; i < 100; i += 1) {
        put(i);
      }
      // The identity configuration caps the birth-date rule at 100 identities.
      expect(index.candidates({ birthDate: '1970-01-01' }, ['ees'])).toHaveLength(100);
      put(100);
      expect(index.candidates({ birthDate: '1970-01-01' }, ['ees'])).toEqual([]);
      expect(
        index
          .search({ surname: 'FaBoBin', birthDate: '1970-01-01' }, { systems: ['ees'] })
          .map((c) => c.recordRef),
      ).toEqual(['r2']);
    });

    it('finds a German rendering of a stored ICAO name born the same day', () => {
      const index = newIndex();
      index.put(
        identity({
          surname: 'Zhukov',
          givenNames: 'Georgii',
          nationalities: ['RUS'],
          placeOfBirth: 'Strelkovka',
          documentNumber: '751234567',
        }),
      );
      const hits = index.search(
        { surname: 'Schukow', givenNames: 'Georgij', birthDate: '1980-03-14' },
        { systems: ['ees'] },
      );
      expect(hits.map((c) => c.recordRef)).toEqual(['eesf_1']);
    });

    it('rejects a query that gives no blocking key, saying what to give', () => {
      const index = newIndex();
      index.put(identity());
      expect(() => index.search({ sex: 'M', nationalities: ['GRC'] }, { systems: ['ees'] })).toThrow(
        expect.objectContaining({ code: 'MATCHING_INDEX_QUERY_TOO_PARTIAL' }),
      );
      // The birth date alone is a capped, broad key: it would list whoever was born that day.
      expect(() => index.search({ birthDate: identity().birthDate, sex: 'M' }, { systems: ['ees'] })).toThrow(
        expect.objectContaining({ code: 'MATCHING_INDEX_QUERY_TOO_PARTIAL' }),
      );
      expect(() => index.search({ documentNumber: 'X' }, { systems: ['ees'], limit: 0 })).toThrow(
        expect.objectContaining({ code: 'MATCHING_INDEX_BAD_LIMIT' }),
      );
    });
  });

  describe('put', () => {
    it('replaces the identity with the same system and reference', () => {
      const index = newIndex();
      index.put(identity());
      index.put(identity({ surname: 'Georgiou', documentNumber: 'ZZ9' }));
      expect(index.size).toBe(1);
      expect(index.search({ documentNumber: 'AB1234567' }, { systems: ['ees'] })).toEqual([]);
      expect(index.search({ documentNumber: 'ZZ9' }, { systems: ['ees'] })[0]?.recordRef).toBe('eesf_1');
    });
  });

  describe('remove', () => {
    it('leaves no key, record or count behind: the index is as if the identity had never been added', () => {
      const index = newIndex();
      index.put(identity({ recordRef: 'keep', surname: 'Nowak', givenNames: 'Anna', documentNumber: 'K1' }));
      const keysBefore = index.keyCount;
      const before = index.search({ surname: 'Nowak', givenNames: 'Anna' }, { systems: ['ees'] });
      index.put(identity());
      expect(index.remove('ees', ['eesf_1', 'unknown'])).toBe(1);
      expect(index.size).toBe(1);
      expect(index.keyCount).toBe(keysBefore);
      expect(index.has('ees', 'eesf_1')).toBe(false);
      expect(index.search({ documentNumber: 'AB1234567' }, { systems: ['ees'] })).toEqual([]);
      expect(index.candidates({ surname: 'Papadopoulos', givenNames: 'Georgios' }, ['ees'])).toEqual([]);
      expect(index.search({ surname: 'Nowak', givenNames: 'Anna' }, { systems: ['ees'] })).toEqual(before);
    });
  });

  describe('with generated identities', () => {
    it('ranks a record of the true person in the top 10 for nearly every labelled variant', () => {
      const records = generateIdentities({ count: 3000, seed: 'memory-test', variantRate: 0.5 });
      const index = newIndex();
      const queries = records.filter((r, i) => r.variantOf !== null && i % 3 === 0);
      const held = new Set(queries.map((q) => q.id));
      const clusterOf = new Map(records.map((r) => [r.id, r.cluster]));
      for (const r of records) {
        if (!held.has(r.id)) {
          index.put(identityFromGenerated('ees', r));
        }
      }
      const found = queries.filter((q) =>
        index
          .search(queryFromGenerated(q), { systems: ['ees'], limit: 10 })
          .some((c) => clusterOf.get(c.recordRef) === q.cluster),
      );
      expect(queries.length).toBeGreaterThan(200);
      expect(found.length / queries.length).toBeGreaterThanOrEqual(0.98);
    });
  });
});

describe('priorFor', () => {
  it('rescales λ to the number of identities searched, so each identity keeps its expected matches', () => {
    const stored = { ...defaultParameters(model), prior: 1e-4, trainedOn: 1001 };
    expect(priorFor(stored, 1001)).toBeCloseTo(1e-4, 12);
    expect(priorFor(stored, 10_001)).toBeCloseTo(1e-5, 12);
    expect(priorFor(stored, 1)).toBe(0.1);
  });
});
