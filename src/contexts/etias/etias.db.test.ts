import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { isAppError } from '../../platform/errors.ts';
import { SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import { openBulkSession } from '../../platform/database/bulk.ts';
import { etiasApplication, FakeEtiasCheck } from './testing.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

/** The error an async call throws, or null. */
async function failure(p: Promise<unknown>) {
  try {
    await p;
    return null;
  } catch (err) {
    if (isAppError(err)) {
      return err;
    }
    throw err;
  }
}

describeEachDatabase('EtiasService', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  const check = new FakeEtiasCheck('fake');
  let cu: Actor;
  const central = () => ({ actor: cu, purpose: 'etias-examination' });

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    s.etias.addCheck(check);
    cu = await s.access.authenticate((await newUser(s, 'etias-central')).token);
  });
  afterAll(async () => {
    await s.close();
  });

  describe('submit', () => {
    it('issues a clean application at once, valid 3 years, and stages the identity under etias', async () => {
      const { value } = await s.etias.submit({}, etiasApplication(), { ip: '203.0.113.9' });
      expect(value).toMatchObject({
        status: 'issued',
        fee: { amountCents: 2000, currency: 'EUR', exemption: null },
        validFrom: '2026-06-01',
        validUntil: '2029-06-01',
      });
      expect(check.recorded).toContain(value.id);
      const stored = await s.identityIndex.stored('etias', value.id);
      expect(stored.identity).toMatchObject({ surname: 'Walker', birthDate: '1985-04-12' });
      const row = await s.etias.findApplication(null, value.id);
      expect(row).toMatchObject({ submitted_ip: '203.0.113.9', decided_by: null, erase_after: '2029-06-01' });
    });

    it('limits validity to the travel document expiry (art. 36(5))', async () => {
      const app = etiasApplication();
      const { value } = await s.etias.submit(
        {},
        { ...app, document: { ...app.document, expiry: '2027-02-28' } },
      );
      expect(value.validUntil).toBe('2027-02-28');
    });

    it('reports every bad field at once', async () => {
      const app = etiasApplication();
      const err = await failure(
        s.etias.submit(
          {},
          {
            ...app,
            surname: '---',
            nationalities: ['XYZ'],
            birthDate: '2027-01-01',
            email: 'not-an-address',
            phone: 'call me',
            intendedFirstStay: { memberState: 'GB' },
            document: { ...app.document, expiry: '2026-05-31', issuedOn: '2020-01-01' },
          },
        ),
      );
      expect(err?.code).toBe('ETIAS_APPLICATION_INVALID');
      const fields = (err?.details?.problems as Array<{ field: string }>).map((p) => p.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'surname',
          'nationalities[0]',
          'birthDate',
          'email',
          'phone',
          'intendedFirstStay.memberState',
          'document.expiry',
        ]),
      );
    });

    it('exempts from the fee under 18 and above 70 on the day of application, and family members', async () => {
      const fee = async (birthDate: string, family = false) =>
        (
          await s.etias.submit(
            {},
            etiasApplication({ birthDate, ...(family ? { familyMemberOfEuCitizen: true } : {}) }),
          )
        ).value.fee;
      expect(await fee('2008-06-02')).toMatchObject({ amountCents: 0, exemption: 'under-18' });
      expect(await fee('2008-06-01')).toMatchObject({ amountCents: 2000, exemption: null });
      expect(await fee('1956-06-01')).toMatchObject({ amountCents: 2000, exemption: null });
      expect(await fee('1956-05-31')).toMatchObject({ amountCents: 0, exemption: 'over-70' });
      expect(await fee('1990-01-01', true)).toMatchObject({ amountCents: 0, exemption: 'family-member' });
      // Unknown parts: an exemption only when it holds for every day the date can stand for.
      expect(await fee('2008-06-00')).toMatchObject({ amountCents: 2000, exemption: null });
      expect(await fee('2008-07-00')).toMatchObject({ amountCents: 0, exemption: 'under-18' });
      expect(await fee('1956-00-00')).toMatchObject({ amountCents: 2000, exemption: null });
    });

    it('refuses a second application for the same document and person while one is valid', async () => {
      const app = etiasApplication();
      const first = await s.etias.submit({}, app);
      const err = await failure(s.etias.submit({}, app));
      expect(err?.code).toBe('ETIAS_DUPLICATE_APPLICATION');
      expect(err?.details).toMatchObject({ applicationId: first.value.id });
    });

    it('sends the same document with other identity data to the Central Unit as a hit', async () => {
      const app = etiasApplication();
      await s.etias.submit({}, app);
      const { value } = await s.etias.submit({}, { ...app, surname: 'Walden', givenNames: 'Jon' });
      expect(value.status).toBe('manual');
      const file = await s.etias.view({ ...central(), id: value.id });
      expect(file.queue).toBe('central-unit');
      expect(file.hits.map((h) => h.rule)).toEqual(['ETIAS_DOCUMENT_OTHER_IDENTITY']);
      expect(file.centralDueAt).toBe('2026-06-01T20:00:00.000Z');
      expect(file.decisionDueAt).toBe('2026-06-05T08:00:00.000Z');
    });

    it('returns the first answer to a retry with the same Idempotency-Key', async () => {
      const app = etiasApplication();
      const a = await s.etias.submit({ idempotencyKey: 'k-1' }, app);
      const b = await s.etias.submit({ idempotencyKey: 'k-1' }, app);
      expect(b).toMatchObject({ replayed: true, value: { id: a.value.id } });
    });

    it('routes background answers to the National Unit of the intended first stay', async () => {
      const { value } = await s.etias.submit(
        {},
        etiasApplication({
          intendedFirstStay: { memberState: 'PRT' },
          background: { criminalConviction: false, conflictZoneStay: true, removalOrder: false },
        }),
      );
      const file = await s.etias.view({ ...central(), id: value.id });
      expect(file).toMatchObject({ status: 'manual', queue: 'national-unit', responsibleState: 'PT' });
      expect(file.hits).toEqual([expect.objectContaining({ rule: 'BACKGROUND_ANSWER', state: 'confirmed' })]);
    });

    it('leaves an application pending when a check fails, and processes it later', async () => {
      check.mode = 'fail';
      const { value } = await s.etias.submit({}, etiasApplication());
      expect(value.status).toBe('pending');
      check.mode = 'answer';
      const run = await s.etias.processPending();
      expect(run.concluded).toBeGreaterThanOrEqual(1);
      expect(
        (await s.etias.status(value.id, (await s.etias.findApplication(null, value.id))!.document_number))
          .status,
      ).toBe('issued');
    });
  });

  it('leaves an application pending when a check does not answer in time', async () => {
    check.mode = 'hang';
    try {
      const { value } = await s.etias.submit({}, etiasApplication());
      expect(value.status).toBe('pending');
      const file = await s.etias.view({ ...central(), id: value.id });
      expect(file.events.map((e) => e.kind)).toEqual(['submitted', 'checks-failed']);
      expect(file.events[1]?.details).toMatchObject({ systems: [{ system: 'fake' }] });
    } finally {
      check.mode = 'answer';
    }
  });

  describe('Central Unit', () => {
    const sisHit = (memberState: string) => (subject: { surname: string }) =>
      subject.surname === 'Suspect'
        ? [
            {
              source: 'sis' as const,
              recordRef: `sis:SIS-${memberState}-1`,
              rule: 'SIS_REFUSAL_ALERT' as const,
              explanation: ['surname equal', 'date of birth equal'],
              memberState,
              record: { surname: 'SUSPECT' },
            },
          ]
        : [];

    it('issues with the false-hit flag when every hit is false', async () => {
      check.hitsFor = sisHit('IT');
      const { value } = await s.etias.submit({}, etiasApplication({ surname: 'Suspect' }));
      expect(value.status).toBe('manual');
      const file = await s.etias.view({ ...central(), id: value.id });
      const queue = await s.etias.queue({
        ...central(),
        queue: 'central-unit',
        sort: { field: 'deadline', descending: false },
        limit: 50,
        offset: 0,
      });
      expect(queue.items.map((i) => i.id)).toContain(value.id);
      const done = await s.etias.verifyHit({
        ...central(),
        applicationId: value.id,
        hitId: file.hits[0]!.id,
        verdict: 'false',
        note: 'other person',
        version: file.version,
      });
      expect(done.value).toMatchObject({ status: 'issued', flags: ['false-hit-assessed'], queue: null });
      expect(done.value.hits[0]).toMatchObject({ state: 'false', note: 'other person' });
    });

    it('sends a confirmed hit to the National Unit of the state that entered the data (art. 25)', async () => {
      check.hitsFor = sisHit('IT');
      const { value } = await s.etias.submit({}, etiasApplication({ surname: 'Suspect' }));
      const file = await s.etias.view({ ...central(), id: value.id });
      const stale = await failure(
        s.etias.verifyHit({
          ...central(),
          applicationId: value.id,
          hitId: file.hits[0]!.id,
          verdict: 'confirmed',
          version: file.version + 5,
        }),
      );
      expect(stale?.code).toBe('ETIAS_VERSION_CONFLICT');
      const done = await s.etias.verifyHit({
        ...central(),
        applicationId: value.id,
        hitId: file.hits[0]!.id,
        verdict: 'confirmed',
      });
      expect(done.value).toMatchObject({ status: 'manual', queue: 'national-unit', responsibleState: 'IT' });
      const again = await failure(
        s.etias.verifyHit({
          ...central(),
          applicationId: value.id,
          hitId: file.hits[0]!.id,
          verdict: 'false',
        }),
      );
      expect(again?.code).toBe('ETIAS_HIT_NOT_OPEN');
    });

    it('stores notify-only hits without routing the file', async () => {
      check.hitsFor = (subject) =>
        subject.surname === 'Discreet'
          ? [
              {
                source: 'sis',
                recordRef: 'sis:SIS-DE-9',
                rule: 'SIS_DISCREET_CHECK',
                explanation: ['surname equal'],
                memberState: 'DE',
                notifyOnly: true,
              },
            ]
          : [];
      const { value } = await s.etias.submit({}, etiasApplication({ surname: 'Discreet' }));
      expect(value.status).toBe('issued');
      const file = await s.etias.view({ ...central(), id: value.id });
      expect(file.hits).toEqual([expect.objectContaining({ state: 'notified', notifyOnly: true })]);
      check.hitsFor = () => [];
    });

    it('finds a person refused earlier under a name variant (identity index and MID rules)', async () => {
      check.hitsFor = sisHit('IT');
      const first = await s.etias.submit({}, etiasApplication({ surname: 'Suspect', givenNames: 'Mario' }));
      check.hitsFor = () => [];
      await s.database.db
        .withTables<{ 'etias.application': { id: string; status: string; queue: string | null } }>()
        .updateTable('etias.application')
        .set({ status: 'refused', queue: null })
        .where('id', '=', first.value.id)
        .execute();
      const second = await s.etias.submit({}, etiasApplication({ surname: 'Suspekt', givenNames: 'Mario' }));
      expect(second.value.status).toBe('manual');
      const file = await s.etias.view({ ...central(), id: second.value.id });
      expect(file.hits).toEqual([
        expect.objectContaining({ rule: 'ETIAS_EARLIER_REFUSAL', recordRef: `etias:${first.value.id}` }),
      ]);
    });
  });

  describe('bulk import', () => {
    it('writes prepared applications with their identities, skips stored ids, and refuses a person', async () => {
      const app = etiasApplication();
      const issued = s.etias.prepareImport(
        { actor: SYSTEM_ACTOR },
        { id: 'app_import-1', application: app, submittedAt: '2026-01-10T10:00:00Z', status: 'issued' },
      );
      const pending = s.etias.prepareImport(
        { actor: SYSTEM_ACTOR },
        { id: 'app_import-2', application: etiasApplication() },
      );
      expect(issued.row).toMatchObject({
        valid_from: '2026-01-10',
        valid_until: '2029-01-10',
        erase_after: '2029-01-10',
      });
      expect(() => s.etias.prepareImport({ actor: cu }, { id: 'app_import-3', application: app })).toThrow(
        /system itself/,
      );
      const session = await openBulkSession(s.database, s.config.databaseUrl);
      try {
        await session.transaction(async (writer) => {
          expect(await s.etias.storedApplicationIds(writer.trx, ['app_import-1'])).toEqual(new Set());
          await s.etias.importBatch(
            writer,
            { actor: SYSTEM_ACTOR, purpose: null },
            [issued, pending],
            '2 applications',
          );
        });
      } finally {
        await session.close();
      }
      await s.changes.sync();
      const valid = await s.etias.findValidAuthorisations(null, {
        documentNumber: app.document.number,
        issuingState: 'USA',
      });
      expect(valid.map((v) => v.applicationId)).toEqual(['app_import-1']);
      expect((await s.identityIndex.stored('etias', 'app_import-1')).identity).not.toBeNull();
      expect(
        await s.etias.storedApplicationIds(s.database.db, ['app_import-1', 'app_import-2', 'x']),
      ).toEqual(new Set(['app_import-1', 'app_import-2']));
      // An imported pending file is examined by the pending run.
      await s.etias.processPending();
      expect((await s.etias.findApplication(null, 'app_import-2'))?.status).toBe('issued');
    });
  });

  it('erases files past their retention period with their identities (art. 54)', async () => {
    const old = s.etias.prepareImport(
      { actor: SYSTEM_ACTOR },
      {
        id: 'app_expired-1',
        application: etiasApplication(),
        submittedAt: '2022-01-10T10:00:00Z',
        status: 'issued',
      },
    );
    expect(old.row.erase_after).toBe('2025-01-10');
    const session = await openBulkSession(s.database, s.config.databaseUrl);
    try {
      await session.transaction((writer) =>
        s.etias.importBatch(writer, { actor: SYSTEM_ACTOR, purpose: null }, [old], '1 application'),
      );
    } finally {
      await session.close();
    }
    const report = await s.retention.run(SYSTEM_ACTOR);
    expect(report.rules.find((r) => r.id === 'etias.applications')?.erased).toBe(1);
    expect(await s.etias.findApplication(null, 'app_expired-1')).toBeUndefined();
    expect((await s.identityIndex.stored('etias', 'app_expired-1')).identity).toBeNull();
  });

  describe('findValidAuthorisations', () => {
    it('finds a valid authorisation by document and by a name variant of the person', async () => {
      const app = etiasApplication({
        surname: 'Okonkwo',
        givenNames: 'Adaeze',
        birthDate: '1990-03-15',
        sex: 'F',
      });
      const { value } = await s.etias.submit({}, app);
      const byDocument = await s.etias.findValidAuthorisations(null, {
        documentNumber: app.document.number.toLowerCase(),
        issuingState: 'USA',
      });
      expect(byDocument).toEqual([
        expect.objectContaining({ applicationId: value.id, validUntil: '2029-06-01', flags: [] }),
      ]);
      const byIdentity = await s.etias.findValidAuthorisations(null, {
        identity: { surname: 'Okonkow', givenNames: 'Adaeze', birthDate: '1990-03-15' },
      });
      expect(byIdentity.map((v) => v.applicationId)).toContain(value.id);
      const other = await s.etias.findValidAuthorisations(null, {
        identity: { surname: 'Okonkwo', givenNames: 'Adaeze', birthDate: '1961-11-02' },
      });
      expect(other.map((v) => v.applicationId)).not.toContain(value.id);
      const later = await s.etias.findValidAuthorisations(
        null,
        { documentNumber: app.document.number, issuingState: 'USA' },
        '2029-06-02',
      );
      expect(later).toEqual([]);
    });
  });

  describe('status', () => {
    it('answers only with the right document number, the same 404 otherwise', async () => {
      const app = etiasApplication();
      const { value } = await s.etias.submit({}, app);
      const ok = await s.etias.status(value.id, app.document.number.toLowerCase());
      expect(ok).toEqual({
        id: value.id,
        status: 'issued',
        submittedAt: '2026-06-01T08:00:00.000Z',
        validFrom: '2026-06-01',
        validUntil: '2029-06-01',
      });
      const wrong = await failure(s.etias.status(value.id, 'X0000000'));
      const unknown = await failure(s.etias.status('app_unknown', app.document.number));
      expect(wrong?.code).toBe('ETIAS_APPLICATION_NOT_FOUND');
      expect(unknown?.code).toBe(wrong?.code);
      expect(unknown?.message).toBe(wrong?.message);
    });
  });
});
