import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { AUTHORITY_TYPES, DEFAULT_PROFILES, SYSTEMS, type Actor, type SystemCode } from '../access/index.ts';
import type { EesService } from '../ees/index.ts';
import { forbidden } from '../../platform/errors.ts';
import { eesSearchSource } from '../../systems/index.ts';
import { DEFAULT_SEARCH_PROFILES, EspService, type SearchSource, type SourceAnswer } from './index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

/** Every field any profile could ask for, plus some no profile may ever see. */
const EVERY_FIELD = [
  ...new Set([
    ...DEFAULT_SEARCH_PROFILES.flatMap((p) => Object.values(p.returnFields).flat()),
    'secretNote',
    'fingerprints',
    'internalScore',
  ]),
];

function fullSource(system: SystemCode, delayMs = 0): SearchSource {
  return {
    system,
    queryTypes: ['identity', 'document', 'vehicle'],
    async search({ signal }) {
      if (delayMs > 0) {
        await new Promise((resolve, reject) => {
          const t = setTimeout(resolve, delayMs);
          signal.addEventListener('abort', () => {
            clearTimeout(t);
            reject(new Error('aborted'));
          });
        });
      }
      return [
        {
          recordRef: `${system}:1`,
          probability: 0.97,
          explanation: [
            'surname equal after transliteration',
            // Lines that speak of a field: a profile that may not see it must not read them either.
            { fields: ['sex'], text: 'sex: same — both F' },
            'aliases: one alias equal',
            { fields: ['refusals'], text: 'refused before on ground C' },
          ],
          fields: Object.fromEntries(EVERY_FIELD.map((f) => [f, `${system}-${f}`])),
          warningMarkers: ['armed'],
        },
      ];
    },
  };
}

describeEachDatabase('EspService', (tier) => {
  let s: TestServices;
  // A portal of its own, with fake sources only: the installation's portal has the real systems plugged in.
  let esp: EspService;
  beforeEach(async () => {
    s = await createTestServices(tier);
    esp = new EspService({
      audit: s.audit,
      logger: s.logger,
      profiles: DEFAULT_SEARCH_PROFILES,
      sourceTimeoutMs: 300,
    });
  });
  afterEach(async () => {
    await s.close();
  });

  async function actorOf(type: (typeof AUTHORITY_TYPES)[number]): Promise<Actor> {
    return s.access.authenticate((await newUser(s, type)).token);
  }

  describe('search', () => {
    it('answers per system as each arrives; a slow source times out without holding the others', async () => {
      esp.register(fullSource('ees', 50));
      esp.register(fullSource('sis', 5_000));
      esp.register({
        system: 'etias',
        queryTypes: ['identity'],
        search: () => Promise.reject(new Error('down')),
      });
      esp.register({
        system: 'mid',
        queryTypes: ['identity'],
        search: () => Promise.reject(forbidden('MID_NOT_ALLOWED', 'no MID access for this user')),
      });
      const guard = await actorOf('border');
      const order: SourceAnswer[] = [];
      const started = Date.now();
      await esp.search({
        actor: guard,
        purpose: 'border-control',
        query: { surname: 'IVANOV', birthDate: '1980-03-00' },
        onAnswer: (a) => order.push(a),
      });
      expect(Date.now() - started).toBeLessThan(3_000);
      const bySystem = Object.fromEntries(order.map((a) => [a.system, a]));
      expect(bySystem.ees?.status).toBe('ok');
      expect(bySystem.sis?.status).toBe('timeout');
      expect(bySystem.etias?.status).toBe('error');
      expect(bySystem.mid?.status).toBe('not-permitted');
      expect(order.findIndex((a) => a.system === 'ees')).toBeLessThan(
        order.findIndex((a) => a.system === 'sis'),
      );
      expect(bySystem.ees?.results[0]).toMatchObject({
        system: 'ees',
        recordRef: 'ees:1',
        probability: 0.97,
      });
    });

    it('logs the profile, purpose, systems, data types and counts — never the values', async () => {
      esp.register(fullSource('ees'));
      esp.register(fullSource('sis'));
      const guard = await actorOf('border');
      await esp.search({
        actor: guard,
        purpose: 'border-control',
        query: { surname: 'PETROVA', nationality: 'UKR' },
        onAnswer: () => undefined,
      });
      const rows = await sql<{
        purpose: string;
        query_data_types: string[];
        result_summary: string;
        legal_basis: string;
      }>`
        select purpose, query_data_types, result_summary, legal_basis from audit.event where operation = 'esp.search'`.execute(
        s.database.db,
      );
      expect(rows.rows).toHaveLength(1);
      const row = rows.rows[0]!;
      expect(row.purpose).toBe('border-control');
      expect(row.query_data_types).toEqual(['nationality', 'surname']);
      expect(row.result_summary).toContain('ees: 1');
      expect(row.result_summary).toContain('sis: 1');
      expect(row.result_summary).toContain('etias: 0');
      expect(JSON.stringify(row)).not.toContain('PETROVA');
      expect(row.legal_basis).toContain('2019/817');
    });

    it('decides access once per query: a system the officer may not read is not asked at all', async () => {
      let asked = 0;
      esp.register(fullSource('ees'));
      esp.register({
        ...fullSource('mid'),
        // A border guard's profile holds no hub management: the portal refuses MID before it is asked.
        permissions: ['hubs:manage'],
        search: () => {
          asked += 1;
          return Promise.resolve([]);
        },
      });
      const guard = await actorOf('border');
      const answers: SourceAnswer[] = [];
      await esp.search({
        actor: guard,
        purpose: 'border-control',
        query: { surname: 'IVANOV' },
        onAnswer: (a) => answers.push(a),
      });
      const mid = answers.find((a) => a.system === 'mid');
      expect(mid?.status).toBe('not-permitted');
      expect(mid?.message).toContain('hubs:manage');
      expect(asked).toBe(0);
      expect(answers.find((a) => a.system === 'ees')?.status).toBe('ok');
    });

    it('stops a source past its timeout: its late read writes no log record', async () => {
      // The real EES source over the real EES service, with a slow link in front of the document search.
      const reads = (fast: boolean) => {
        const settled: Array<Promise<unknown>> = [];
        const ees = {
          searchByDocument: (call: Parameters<EesService['searchByDocument']>[0]) => {
            const read = new Promise((resolve) => setTimeout(resolve, fast ? 0 : 600)).then(() =>
              s.ees.searchByDocument(call),
            );
            settled.push(read.catch(() => undefined));
            return read;
          },
          matchProbabilities: (call: Parameters<EesService['matchProbabilities']>[0]) =>
            s.ees.matchProbabilities(call),
          searchByIdentity: (call: Parameters<EesService['searchByIdentity']>[0]) =>
            s.ees.searchByIdentity(call),
        } as unknown as EesService;
        return { ees, settled };
      };
      const logged = async () =>
        (
          await sql<{ n: number }>`
            select count(*)::int as n from audit.event where operation = 'ees.search.document'`.execute(
            s.database.db,
          )
        ).rows[0]!.n;
      const guard = await actorOf('border');
      const search = async (ees: EesService) => {
        const portal = new EspService({
          audit: s.audit,
          logger: s.logger,
          profiles: DEFAULT_SEARCH_PROFILES,
          sourceTimeoutMs: 300,
        });
        portal.register(eesSearchSource(ees));
        const answers: SourceAnswer[] = [];
        await portal.search({
          actor: guard,
          purpose: 'border-control',
          query: { documentNumber: 'X1234567', documentIssuingState: 'UKR' },
          onAnswer: (a) => answers.push(a),
        });
        return answers.find((a) => a.system === 'ees')?.status;
      };
      const slow = reads(false);
      expect(await search(slow.ees)).toBe('timeout');
      await Promise.all(slow.settled);
      await s.audit.flush();
      expect(await logged()).toBe(0);
      // The same read in time is logged as always.
      const fast = reads(true);
      expect(await search(fast.ees)).toBe('ok');
      await s.audit.flush();
      expect(await logged()).toBe(1);
    });

    it('refuses a field the profile may not query by, an empty query, and authorities without a profile', async () => {
      const visa = await actorOf('visa');
      await expect(
        esp.search({
          actor: visa,
          purpose: 'visa-examination',
          query: { plate: 'AB-123-CD' },
          onAnswer: () => undefined,
        }),
      ).rejects.toMatchObject({ code: 'ESP_QUERY_FIELD_NOT_ALLOWED' });
      await expect(
        esp.search({
          actor: visa,
          purpose: 'visa-examination',
          query: { sex: 'F' },
          onAnswer: () => undefined,
        }),
      ).rejects.toMatchObject({ code: 'ESP_QUERY_EMPTY' });
      const analyst = await actorOf('analyst');
      await expect(
        esp.search({
          actor: analyst,
          purpose: 'statistics',
          query: { surname: 'X' },
          onAnswer: () => undefined,
        }),
      ).rejects.toMatchObject({ code: 'ACCESS_PERMISSION_DENIED' });
    });
  });

  describe('profiles never leak', () => {
    it('returns, for every profile, only systems it consults and only fields it may receive', async () => {
      for (const system of SYSTEMS) {
        esp.register(fullSource(system));
      }
      for (const profile of DEFAULT_SEARCH_PROFILES) {
        const actor = await actorOf(profile.authorityType);
        const answers: SourceAnswer[] = [];
        await esp.search({
          actor,
          purpose: profile.purpose,
          query: { surname: 'DOE', documentNumber: 'X1' },
          onAnswer: (a) => answers.push(a),
        });
        const consulted = new Set([...profile.shall, ...profile.may]);
        expect(new Set(answers.map((a) => a.system)), profile.id).toEqual(consulted);
        for (const a of answers) {
          const allowed = new Set(profile.returnFields[a.system] ?? []);
          for (const r of a.results) {
            for (const f of Object.keys(r.fields)) {
              expect(allowed.has(f), `${profile.id} received ${a.system}.${f}`).toBe(true);
            }
            expect(r.fields).not.toHaveProperty('secretNote');
            expect(r.explanation).toContain('surname equal after transliteration');
            if (!allowed.has('sex')) {
              expect(r.explanation.join('\n'), `${profile.id} read about ${a.system}.sex`).not.toMatch(
                /sex/u,
              );
            }
            if (!allowed.has('refusals')) {
              expect(r.explanation.join('\n'), `${profile.id} read about refusals`).not.toMatch(/refus/u);
            }
            if (a.system === 'sis' && !allowed.has('aliases')) {
              expect(r.explanation.join('\n'), `${profile.id} read about aliases`).not.toMatch(/alias/u);
            }
            if (!allowed.has('warningMarkers')) {
              expect(r.warningMarkers, `${profile.id} got ${a.system} warning markers`).toEqual([]);
            }
          }
        }
      }
    });

    it('gives every authority type with search permission exactly the profiles of its purposes', () => {
      for (const type of AUTHORITY_TYPES) {
        const hasSearch = DEFAULT_PROFILES[type].permissions.includes('esp:search');
        const profiles = DEFAULT_SEARCH_PROFILES.filter((p) => p.authorityType === type);
        expect(profiles.length > 0, type).toBe(hasSearch);
      }
    });
  });
});
