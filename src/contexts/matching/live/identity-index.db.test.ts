import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServices, describeEachDatabase } from '../../../../test/support/db.ts';
import { SYSTEM_ACTOR } from '../../access/index.ts';
import { generateIdentities } from '../../identity/index.ts';
import type { Executor } from '../../../platform/database/index.ts';
import { identityFromGenerated, queryFromGenerated } from './generated.ts';
import type { IndexedIdentity } from './identity.ts';
import { IdentityIndexService } from './service.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const key = (c: { system: string; recordRef: string }) => `${c.system}:${c.recordRef}`;

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

describeEachDatabase('IdentityIndexService', (tier) => {
  let s: TestServices;
  const restart = async (trainingMinimum?: number) => {
    const service = new IdentityIndexService({
      database: s.database,
      audit: s.audit,
      logger: s.logger,
      ...(trainingMinimum === undefined ? {} : { trainingMinimum }),
    });
    await service.start();
    return service;
  };

  beforeEach(async () => {
    s = await createTestServices(tier);
  });
  afterEach(async () => {
    await s.close();
  });

  describe('stage and apply', () => {
    it('writes the rows in the caller transaction and shows the identity once the change feed applied it after the commit', async () => {
      const change = await s.database.db.transaction().execute(async (trx) => {
        const staged = await s.identityIndex.stage(trx, identity());
        expect(s.identityIndex.index.has('ees', 'eesf_1')).toBe(false);
        return staged;
      });
      s.identityIndex.apply(change);
      // With the change feed, every node (this one too) applies the committed change from the feed.
      await s.changes.sync();
      expect(
        s.identityIndex.search({ documentNumber: 'AB1234567' }, { systems: ['ees'] })[0]?.recordRef,
      ).toBe('eesf_1');
      const stored = await s.identityIndex.stored('ees', 'eesf_1');
      expect(stored.identity).toMatchObject({ surname: 'Papadopoulos', nationalities: ['GRC'] });
      expect(stored.keys).toBeGreaterThan(0);
    });

    it('leaves neither rows nor index entries when the transaction rolls back', async () => {
      await expect(
        s.database.db.transaction().execute(async (trx) => {
          await s.identityIndex.stage(trx, identity());
          throw new Error('caller failed');
        }),
      ).rejects.toThrow('caller failed');
      expect(await s.identityIndex.stored('ees', 'eesf_1')).toEqual({ identity: null, keys: 0 });
      expect(s.identityIndex.index.size).toBe(0);
    });

    it('rejects an identity with a malformed birth date and system, naming both fields', async () => {
      await expect(
        s.identityIndex.put(identity({ system: 'EES!', birthDate: '14/03/1980' })),
      ).rejects.toMatchObject({
        code: 'MATCHING_INDEX_BAD_IDENTITY',
        details: { fields: ['system', 'birthDate'] },
      });
    });
  });

  describe('start', () => {
    it('rebuilds the same index from the tables: a restart gives the same candidates and scores', async () => {
      for (const r of generateIdentities({ count: 120, seed: 'restart' })) {
        await s.identityIndex.put(identityFromGenerated(r.id.endsWith('1') ? 'sis' : 'ees', r));
      }
      const again = await restart();
      expect(again.index.size).toBe(120);
      const query = { surname: 'Papp', givenNames: 'Norbert', birthDate: '2006-06-22' };
      const probe = queryFromGenerated(generateIdentities({ count: 1, seed: 'restart' })[0]!);
      for (const q of [query, probe]) {
        expect(again.search(q, { systems: ['ees', 'sis'] })).toEqual(
          s.identityIndex.search(q, { systems: ['ees', 'sis'] }),
        );
      }
    });

    it('trains on the stored identities when there are enough and no model, stores it, and reuses it', async () => {
      for (const r of generateIdentities({ count: 300, seed: 'train', variantRate: 0.5 })) {
        await s.identityIndex.put(identityFromGenerated('ees', r));
      }
      const trained = await restart(200);
      expect(trained.index.parameters.source).toBe('trained without labels on the stored identities');
      expect(trained.index.parameters.trainedOn).toBe(300);
      const reloaded = await restart(100_000);
      expect(reloaded.index.parameters).toEqual(trained.index.parameters);
      const q = queryFromGenerated(generateIdentities({ count: 5, seed: 'train', variantRate: 0.5 })[4]!);
      expect(reloaded.search(q, { systems: ['ees'] })).toEqual(trained.search(q, { systems: ['ees'] }));
    });
  });

  describe('erasure cascade', () => {
    it('removes erased identities from the tables and the index when a retention rule erases their records', async () => {
      await s.identityIndex.put(identity({ recordRef: 'eesf_old' }));
      await s.identityIndex.put(identity({ recordRef: 'eesf_new', documentNumber: 'CD7654321' }));
      await s.identityIndex.put(identity({ system: 'sis', recordRef: 'eesf_old', documentNumber: 'EF1' }));
      s.retention.register({
        id: 'test.ees-files',
        system: 'ees',
        description: 'test files',
        legalBasis: 'Reg. (EU) 2017/2226 art. 34(1)',
        erase: (_trx: Executor) => Promise.resolve({ erased: 1, refs: ['eesf_old'] }),
      });
      const report = await s.retention.run(SYSTEM_ACTOR);
      // Other cascades (e.g. the hubs' object index) may run too; this one removed the identity.
      expect(report.rules.find((r) => r.id === 'test.ees-files')?.cascaded['matching.identity-index']).toBe(
        1,
      );
      expect(await s.identityIndex.stored('ees', 'eesf_old')).toEqual({ identity: null, keys: 0 });
      const hits = s.identityIndex.search(
        { surname: 'Papadopoulos', givenNames: 'Georgios' },
        { systems: ['ees', 'sis'] },
      );
      expect(hits.map(key).sort()).toEqual(['ees:eesf_new', 'sis:eesf_old']);
      expect(s.identityIndex.search({ documentNumber: 'AB1234567' }, { systems: ['ees'] })).toEqual([]);
      expect(await s.identityIndex.sqlCandidates({ documentNumber: 'AB1234567' }, ['ees'])).toEqual([]);
      const restarted = await restart();
      expect(restarted.index.has('ees', 'eesf_old')).toBe(false);
    });
  });

  describe('sqlCandidates', () => {
    it('returns exactly the in-memory candidate set for generated identities and their variant queries', async () => {
      const records = generateIdentities({ count: 400, seed: 'sql-candidates', variantRate: 0.5 });
      const queries = records.filter((r, i) => r.variantOf !== null && i % 2 === 0);
      const held = new Set(queries.map((q) => q.id));
      const stored = records.filter((r) => !held.has(r.id));
      await s.database.db
        .transaction()
        .execute(async (trx) => {
          const changes = [];
          for (const [i, r] of stored.entries()) {
            changes.push(
              await s.identityIndex.stage(trx, identityFromGenerated(i % 3 === 0 ? 'sis' : 'ees', r)),
            );
          }
          return changes;
        })
        .then(async (changes) => {
          s.identityIndex.apply(...changes);
          await s.changes.sync();
        });
      const keyRows = await sql<{ n: number }>`select count(*)::int as n from matching.blocking_key`.execute(
        s.database.db,
      );
      expect(keyRows.rows[0]?.n).toBeGreaterThan(stored.length);
      let nonEmpty = 0;
      for (const q of queries) {
        for (const systems of [['ees', 'sis'], ['sis']]) {
          const query = queryFromGenerated(q);
          const memory = s.identityIndex.candidates(query, systems).map(key).sort();
          const fromSql = (await s.identityIndex.sqlCandidates(query, systems)).map(key).sort();
          expect(fromSql).toEqual(memory);
          nonEmpty += memory.length > 0 ? 1 : 0;
        }
      }
      expect(queries.length).toBeGreaterThan(50);
      expect(nonEmpty).toBeGreaterThan(queries.length);
    });
  });

  describe('the birth-date cap', () => {
    it('retrieves nothing through a birth date shared by more identities than the cap, in memory and in SQL alike', async () => {
      // 101 people born on one day (the identity configuration caps the birth-date rule at 100).
      const letters = [...'BDFLMNRT'];
      const crowd = Array.from({ length: 101 }, (_, i) =>
        identity({
          system: i % 2 === 0 ? 'ees' : 'sis',
          recordRef: `r${i}`,
          surname: `${letters[i % 8]}a${letters[Math.floor(i / 8) % 8]}o${letters[Math.floor(i / 64) % 8]}in`,
          givenNames: `${letters[Math.floor(i / 64) % 8]}e${letters[Math.floor(i / 8) % 8]}u${letters[i % 8]}a`,
          birthDate: '1970-01-01',
          placeOfBirth: '',
          documentNumber: `D${i}`,
        }),
      );
      const changes = await s.database.db
        .transaction()
        .execute(async (trx) => Promise.all(crowd.map((c) => s.identityIndex.stage(trx, c))));
      s.identityIndex.apply(...changes);
      await s.changes.sync();
      const systems = ['ees', 'sis'];
      const both = async (query: Parameters<IdentityIndexService['candidates']>[0]) => {
        const memory = s.identityIndex.candidates(query, systems).map(key).sort();
        const fromSql = (await s.identityIndex.sqlCandidates(query, systems)).map(key).sort();
        expect(fromSql).toEqual(memory);
        return memory;
      };
      expect(await both({ birthDate: '1970-01-01' })).toEqual([]);
      // The other rules still find a person born that day.
      expect(await both({ surname: crowd[5]?.surname, birthDate: '1970-01-01' })).toEqual(['sis:r5']);
      await s.identityIndex.remove('sis', ['r99']);
      const under = await both({ birthDate: '1970-01-01' });
      expect(under).toHaveLength(100);
      expect(under).not.toContain('sis:r99');
    });
  });

  describe('searchAs', () => {
    it('checks permission and purpose and logs the query data types and the references returned', async () => {
      await s.identityIndex.put(identity());
      const hits = await s.identityIndex.searchAs(
        {
          ...SYSTEM_ACTOR,
          profile: { ...SYSTEM_ACTOR.profile, permissions: ['esp:search'], purposes: ['border-control'] },
        },
        { purpose: 'border-control', query: { documentNumber: 'AB1234567' }, systems: ['ees'] },
      );
      expect(hits.map(key)).toEqual(['ees:eesf_1']);
      const log = await sql<{
        operation: string;
        record_refs: unknown;
      }>`select operation, record_refs from audit.event where operation = 'identity-index.search'`.execute(
        s.database.db,
      );
      expect(log.rows).toEqual([{ operation: 'identity-index.search', record_refs: ['ees:eesf_1'] }]);
      await expect(
        s.identityIndex.searchAs(
          { ...SYSTEM_ACTOR, profile: { ...SYSTEM_ACTOR.profile, permissions: [], purposes: [] } },
          { purpose: 'border-control', query: { documentNumber: 'AB1234567' }, systems: ['ees'] },
        ),
      ).rejects.toMatchObject({ code: 'ACCESS_PERMISSION_DENIED' });
    });
  });
});
