import { afterAll, beforeAll, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { sql } from '../../platform/database/index.ts';
import type { Actor } from '../access/index.ts';
import { etiasApplication } from '../etias/index.ts';
import { aliasKeys, CirRepository, documentKey, type CirFile } from './index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

describeEachDatabase('CIR files following the sources', (tier) => {
  let s: TestServices;
  let sirene: Actor;
  const clock = new ManualClock('2026-09-01T08:00:00Z');
  const asSirene = () => ({ actor: sirene, purpose: 'alert-management' });

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    sirene = await s.access.authenticate((await newUser(s, 'sirene')).token);
  });
  afterAll(async () => {
    await s.close();
  });

  it('holds an ETIAS application, a SIS person alert with its aliases, never an object alert; erased with the source', async () => {
    const { value: application } = await s.etias.submit(
      {},
      etiasApplication({
        surname: 'Ortega',
        surnameAtBirth: 'Ruiz',
        otherNames: ['Pepe Ortega'],
        givenNames: 'José',
        birthDate: '1982-02-14',
        nationalities: ['MEX'],
        document: { type: 'P', number: 'G 123-456 78', issuingState: 'MEX', expiry: '2033-05-01' },
        intendedFirstStay: { memberState: 'FR' },
      }),
    );
    expect(await s.cir.file(`etias:${application.id}`)).toMatchObject({
      system: 'etias',
      identity: {
        system: 'ETIAS',
        surname: 'Ortega',
        surnameAtBirth: 'Ruiz',
        aliases: ['Pepe Ortega'],
        givenNames: 'José',
        birthDate: '1982-02-14',
      },
      documents: [{ number: 'G 123-456 78', issuingState: 'MEX' }],
      biometrics: null,
      memberState: 'FR',
    });

    const { alert } = await s.sis.createAlert({
      ...asSirene(),
      alert: {
        category: 'arrest',
        person: {
          surname: 'NOVAK',
          givenNames: 'MILAN',
          birthDate: '1977-08-09',
          sex: 'M',
          nationalities: ['SRB'],
          aliases: ['PETAR JOVIC', 'KOVAC, ZORAN'],
          documents: [{ type: 'passport', issuingCountry: 'SRB', number: '009988776' }],
        },
        reason: 'European Arrest Warrant',
        decisionRef: 'EAW-2026-16',
      },
    });
    const { alert: vehicle } = await s.sis.createAlert({
      ...asSirene(),
      alert: {
        category: 'object-seizure',
        object: {
          type: 'motor-vehicle',
          identifiers: [{ kind: 'plate', value: 'BG1234AA', country: 'SRB' }],
        },
        reason: 'Stolen vehicle',
        decisionRef: 'SV-2026-1',
      },
    });
    const file = await s.cir.file(`sis:${alert.id}`);
    expect(file).toMatchObject({
      system: 'sis',
      sisCategory: 'arrest',
      documents: [{ number: '009988776', issuingState: 'SRB' }],
      identity: {
        aliasIdentities: [
          { qualification: 'alias', surname: 'JOVIC', givenNames: 'PETAR', birthDate: '1977-08-09' },
          { qualification: 'alias', surname: 'KOVAC', givenNames: 'ZORAN', birthDate: '1977-08-09' },
        ],
      },
    });
    expect(await s.cir.file(`sis:${vehicle.id}`)).toBeNull();

    await s.sis.deleteAlert({ ...asSirene(), alertId: alert.id, reason: 'Person arrested' });
    expect(await s.cir.file(`sis:${alert.id}`)).toBeNull();
  });

  it('handles each change once: replaying the feed or rebuilding changes no file and duplicates no link', async () => {
    const count = await s.cir.count();
    const links = await sql<{ n: number }>`select count(*)::int as n from mid.link`.execute(s.database.db);
    // Another node (or a retry) asking again finds the position advanced.
    expect(await s.cir.sync(s.changes.position)).toMatchObject({ upserted: 0, removed: 0, rebuilt: false });
    // Replaying every change from the start: the sources answer what is stored already.
    await sql`update cir.sync_state set position = 0`.execute(s.database.db);
    expect(await s.cir.sync(s.changes.position)).toMatchObject({ upserted: 0, removed: 0, rebuilt: false });
    // A position never set: every file read again from the sources' scans, links upserted on their pairs.
    await sql`update cir.sync_state set position = null`.execute(s.database.db);
    const rebuilt = await s.cir.sync(s.changes.position);
    expect(rebuilt).toMatchObject({ rebuilt: true, upserted: count, removed: 0 });
    expect(await s.cir.count()).toBe(count);
    const after = await sql<{ n: number }>`select count(*)::int as n from mid.link`.execute(s.database.db);
    expect(after.rows).toEqual(links.rows);
  });

  it("keeps a file's document and alias keys to what it holds now when it is written again", async () => {
    const repo = new CirRepository();
    const file = (
      number: string,
      alias: { surname: string; givenNames: string; birthDate: string },
    ): CirFile => ({
      system: 'sis',
      recordRef: 'sis_keys-test',
      identity: {
        system: 'SIS',
        surname: 'KOVAC',
        givenNames: 'IVAN',
        birthDate: '1979-03-02',
        aliasIdentities: [{ qualification: 'alias', ...alias }],
      },
      documents: [{ number, issuingState: 'HRV' }],
      biometrics: null,
      memberState: 'HR',
      sisCategory: 'arrest',
      recordedAt: '2026-09-01T08:00:00.000Z',
    });
    const keysOf = (f: CirFile) => aliasKeys(f.identity);
    const first = file('AB123456', { surname: 'HORVAT', givenNames: 'IVO', birthDate: '1979-03-02' });
    const second = file('CD987654', { surname: 'BABIC', givenNames: 'TOMISLAV', birthDate: '1981-11-20' });
    const held = async (f: CirFile) =>
      s.database.db.transaction().execute(async (trx) => ({
        documents: (await repo.byDocumentKeys(trx, [documentKey(f.documents[0]!.number)])).map((r) => r.ref),
        aliases: [...new Set((await repo.byAliasKeys(trx, keysOf(f))).map((r) => r.ref))],
      }));
    await s.database.db.transaction().execute((trx) => repo.upsert(trx, [first]));
    expect(await held(first)).toEqual({ documents: ['sis:sis_keys-test'], aliases: ['sis:sis_keys-test'] });
    await s.database.db.transaction().execute((trx) => repo.upsert(trx, [second]));
    expect(await held(second)).toEqual({ documents: ['sis:sis_keys-test'], aliases: ['sis:sis_keys-test'] });
    expect(await held(first)).toEqual({ documents: [], aliases: [] });
    // The same file given twice in one call is written once, its keys once.
    await s.database.db.transaction().execute((trx) => repo.upsert(trx, [second, second]));
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from cir.document_key
      where ref = 'sis:sis_keys-test'`.execute(s.database.db);
    expect(rows[0]!.n).toBe(1);
    await s.database.db.transaction().execute((trx) => repo.remove(trx, ['sis:sis_keys-test']));
  });
});
