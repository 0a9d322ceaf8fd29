import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import type { Actor } from '../access/index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

describeEachDatabase('EES identity search through the identity index', (tier) => {
  let s: TestServices;
  let guard: Actor;
  const purpose = 'border-control';

  beforeEach(async () => {
    s = await createTestServices(tier);
    guard = await s.access.authenticate((await newUser(s, 'border')).token);
  });
  afterEach(async () => {
    await s.close();
  });

  async function file(
    surname: string,
    givenNames: string,
    birthDate: string,
    number: string,
  ): Promise<string> {
    const { value } = await s.ees.createFile({
      actor: guard,
      purpose,
      input: {
        kind: 'visa-holder',
        surname,
        givenNames,
        birthDate,
        nationalities: ['UKR'],
        sex: 'M',
        documents: [{ type: 'P', number, issuingState: 'UKR', expiry: '2031-01-01' }],
        facialImageRef: `face:${number}`,
      },
    });
    return value.id;
  }

  describe('searchByIdentity', () => {
    it('stages every new file in the index in the same transaction', async () => {
      const id = await file('SHEVCHENKO', 'TARAS', '1985-03-09', 'FA100001');
      const hits = s.identityIndex.search(
        { surname: 'SHEVCHENKO', givenNames: 'TARAS', birthDate: '1985-03-09' },
        { systems: ['ees'] },
      );
      expect(hits.map((h) => h.recordRef)).toContain(id);
      const rows = await s.identityIndex.sqlCandidates(
        { surname: 'SHEVCHENKO', givenNames: 'TARAS', birthDate: '1985-03-09' },
        ['ees'],
      );
      expect(rows.map((r) => r.recordRef)).toContain(id);
    });

    it('finds a file whose birth year was keyed one off, which the surname/birth-year SQL block misses', async () => {
      const id = await file('KOVALENKO', 'OLEKSANDR', '1979-11-23', 'FA100002');
      const found = await s.ees.searchByIdentity({
        actor: guard,
        purpose,
        query: {
          surname: 'KOVALENKO',
          givenNames: 'OLEKSANDR',
          birthDate: '1978-11-23',
          sex: 'M',
          nationalities: ['UKR'],
        },
      });
      expect(found.map((c) => c.file.id)).toContain(id);
      expect(found.find((c) => c.file.id === id)?.verdict).toBe('similar');
    });

    it('never returns another system’s identities from the index', async () => {
      await s.identityIndex.put({
        system: 'sis',
        recordRef: 'alert-1',
        surname: 'MELNYK',
        givenNames: 'ANDRII',
        birthDate: '1990-01-01',
        sex: 'M',
        nationalities: ['UKR'],
        placeOfBirth: '',
        documentNumber: '',
      });
      const found = await s.ees.searchByIdentity({
        actor: guard,
        purpose,
        query: { surname: 'MELNYK', givenNames: 'ANDRII', birthDate: '1990-01-01' },
      });
      expect(found).toEqual([]);
    });
  });
});
