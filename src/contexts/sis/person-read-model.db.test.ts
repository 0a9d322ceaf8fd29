import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { writeScaledWorld } from '../../flows/demo/scale.ts';
import { ManualClock } from '../../platform/clock.ts';
import { sql } from '../../platform/database/index.ts';
import type { Actor } from '../access/index.ts';
import { SisReadModel } from './read-model.ts';
import { SisRepository } from './repository.ts';
import { personAlert } from './testing.ts';
import { similarityOf, trigrams } from './trigrams.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

/** Normalised names as the search stores them: Latin capitals, digits, single spaces. */
const nameText = fc
  .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789  '.split('')), {
    minLength: 0,
    maxLength: 24,
  })
  .map((cs) => cs.join('').replace(/\s+/g, ' ').trim());

/** Names near a stored one: a letter changed, dropped or doubled, a word dropped, the words swapped. */
function variants(name: string, year: number | null): Array<{ nameNorm: string; birthYear: number | null }> {
  const words = name.split(' ');
  const out = [
    name,
    name.slice(1),
    `${name.slice(0, 2)}X${name.slice(3)}`,
    `${name.slice(0, 4)}${name.slice(3)}`,
    words[0] ?? name,
    words.slice(1).join(' ') || name,
    [...words].reverse().join(' '),
  ];
  const years = year === null ? [null, 1980] : [year, year + 1, year - 2, null];
  return out
    .filter((n) => n.trim() !== '')
    .flatMap((nameNorm) => years.map((birthYear) => ({ nameNorm, birthYear })));
}

describeEachDatabase('SIS person search from the read model (pg_trgm similarity in memory)', (tier) => {
  let s: TestServices;
  let sirene: Actor;
  let police: Actor;
  const clock = new ManualClock('2026-06-01T08:00:00Z');

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    sirene = await s.access.authenticate((await newUser(s, 'sirene')).token);
    police = await s.access.authenticate((await newUser(s, 'police')).token);
    // Realistic alerts (the demo world's mix of categories, names and birth dates), through the importer.
    await writeScaledWorld(s, {
      seed: 'person-read-model',
      today: '2026-06-01',
      travellers: 50,
      alerts: 400,
    });
  }, 300_000);
  afterAll(async () => {
    await s.close();
  });

  it('extracts the trigrams and computes the similarity exactly as pg_trgm does', async () => {
    await fc.assert(
      fc.asyncProperty(nameText, nameText, async (a, b) => {
        const { rows } = await sql<{ grams: string[]; sim: number }>`
          select show_trgm(${a}) as grams, similarity(${a}, ${b}) as sim`.execute(s.database.db);
        expect([...rows[0]!.grams].sort()).toEqual(trigrams(a));
        expect(Math.fround(Number(rows[0]!.sim))).toBe(similarityOf(trigrams(a), trigrams(b)));
      }),
      { numRuns: 150, seed: 4711 },
    );
  });

  it('answers every name block exactly as the table search does', async () => {
    const repo = new SisRepository();
    const model = new SisReadModel(repo, s.database.db);
    expect(await model.build()).toBeGreaterThanOrEqual(400);
    const { rows: names } = await sql<{ name_norm: string; birth_year: number | null }>`
      select name_norm, birth_year from sis.alert_name order by md5(alert_id || name_norm) limit 60`.execute(
      s.database.db,
    );
    expect(names.length).toBe(60);
    let found = 0;
    for (const n of names) {
      for (const query of variants(n.name_norm, n.birth_year)) {
        const fromTables = await repo.personCandidates(s.database.db, { ...query, limit: 50 });
        const fromMemory = await model.personCandidates(s.database.db, { ...query, limit: 50 });
        expect(
          fromMemory.map((r) => r.id),
          JSON.stringify(query),
        ).toEqual(fromTables.map((r) => r.id));
        found += fromTables.length;
      }
    }
    // The comparison is not between empty answers.
    expect(found).toBeGreaterThan(500);
  });

  it('finds a new alert by a misspelt name at once, and no longer once it is deleted', async () => {
    const search = () =>
      s.sis.searchPersons({
        actor: police,
        purpose: 'law-enforcement',
        query: { surname: 'KOWALSKY', givenNames: 'JAN', birthDate: '1980-05-12' },
      });
    const before = (await search()).results.map((r) => r.alert.alertId);
    const { alert } = await s.sis.createAlert({
      actor: sirene,
      purpose: 'alert-management',
      alert: personAlert({
        person: { ...personAlert().person!, surname: 'KOWALSKIJ' },
      }),
    });
    expect((await search()).results.map((r) => r.alert.alertId)).toEqual(
      expect.arrayContaining([...before, alert.id]),
    );
    await s.sis.deleteAlert({
      actor: sirene,
      purpose: 'alert-management',
      alertId: alert.id,
      reason: 'purpose achieved',
    });
    expect((await search()).results.map((r) => r.alert.alertId)).not.toContain(alert.id);
  });
});
