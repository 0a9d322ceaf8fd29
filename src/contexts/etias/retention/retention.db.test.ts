import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { newUser } from '../../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../../test/support/db.ts';
import { seedEtiasFile } from '../../../../test/support/etias.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { SYSTEM_ACTOR, type Actor } from '../../access/index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

/**
 * ETIAS retention (Reg. (EU) 2018/1240 art. 54) on a clock the test moves: files kept for the validity, refused
 * ones 5 years, the 7-day rule when the record behind a refusal disappears, the applicant's consent to keep a
 * file longer, and erasure reaching the identity index.
 */
describeEachDatabase('ETIAS retention', (tier) => {
  let s: TestServices;
  let sirene: Actor;
  const clock = new ManualClock('2026-06-01T08:00:00Z');

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    sirene = await s.access.authenticate((await newUser(s, 'sirene')).token);
  });
  afterAll(async () => {
    await s.close();
  });

  const exists = async (id: string) =>
    (
      await sql<{ n: number }>`select count(*)::int as n from etias.application where id = ${id}`.execute(
        s.database.db,
      )
    ).rows[0]!.n === 1;

  /** A SIS refusal alert, and a refused ETIAS file whose decision rests on a confirmed hit on it. */
  async function refusedOnAlert(documentNumber: string, surname: string) {
    const { alert } = await s.sis.createAlert({
      actor: sirene,
      purpose: 'alert-management',
      alert: {
        category: 'refusal',
        person: { surname, givenNames: 'JANE', birthDate: '1988-03-05', sex: 'F', nationalities: ['USA'] },
        warningMarkers: [],
        reason: 'Refusal of entry: return decision',
        decisionRef: `RD-${documentNumber}`,
      },
    });
    const file = await seedEtiasFile(s, {
      documentNumber,
      issuingState: 'USA',
      status: 'refused',
      decidedOn: '2026-06-01',
    });
    await sql`insert into etias.hit (id, application_id, source, record_ref, rule, explanation, notify_only,
        state, created_at)
      values (${`eht_${documentNumber}`}, ${file.applicationId}, 'sis', ${`sis:${alert.id}`},
        'SIS_REFUSAL_ALERT', '[]'::jsonb, false, 'confirmed', now())`.execute(s.database.db);
    return { file, alertId: alert.id };
  }

  const run = () => s.retention.run(SYSTEM_ACTOR);

  it('erases a refused file once the SIS alert behind the refusal is deleted, and its identity with it', async () => {
    const kept = await refusedOnAlert('RT100001', 'KEPTALERT');
    const gone = await refusedOnAlert('RT100002', 'GONEALERT');
    expect((await s.identityIndex.stored('etias', gone.file.applicationId)).identity).not.toBeNull();

    clock.set('2026-09-01T08:00:00Z');
    await s.sis.deleteAlert({
      actor: sirene,
      purpose: 'alert-management',
      alertId: gone.alertId,
      reason: 'The return decision was annulled',
    });
    const report = await run();

    // The next daily run after the deletion erases the file: within the 7 days of art. 54(1)(b).
    expect(report.rules.find((r) => r.id === 'etias.source-deleted')).toMatchObject({ erased: 1 });
    expect(await exists(gone.file.applicationId)).toBe(false);
    expect(await s.identityIndex.stored('etias', gone.file.applicationId)).toEqual({
      identity: null,
      keys: 0,
    });
    const hits = await sql<{ n: number }>`select count(*)::int as n from etias.hit
      where application_id = ${gone.file.applicationId}`.execute(s.database.db);
    expect(hits.rows[0]!.n).toBe(0);
    // The other refusal still rests on its alert: kept for its 5 years.
    expect(await exists(kept.file.applicationId)).toBe(true);
  });

  it('keeps an issued file for its validity, or up to 3 years longer with the applicant’s consent', async () => {
    const plain = await seedEtiasFile(s, {
      documentNumber: 'RT300001',
      issuingState: 'USA',
      validUntil: '2027-06-01',
      decidedOn: '2026-06-01',
    });
    const consented = await seedEtiasFile(s, {
      documentNumber: 'RT300002',
      issuingState: 'USA',
      validUntil: '2027-06-01',
      decidedOn: '2026-06-01',
    });
    await expect(
      s.etiasRetentionConsent.consent({ id: consented.applicationId, documentNumber: 'RT300002', years: 4 }),
    ).rejects.toMatchObject({ code: 'ETIAS_REQUEST_INVALID' });
    await expect(
      s.etiasRetentionConsent.consent({ id: consented.applicationId, documentNumber: 'RT399999', years: 2 }),
    ).rejects.toMatchObject({ code: 'ETIAS_APPLICATION_NOT_FOUND' });
    expect(
      await s.etiasRetentionConsent.consent({
        id: consented.applicationId,
        documentNumber: 'RT300002',
        years: 2,
      }),
    ).toEqual({ id: consented.applicationId, eraseAfter: '2029-06-01' });

    clock.set('2027-06-02T08:00:00Z');
    await run();
    expect(await exists(plain.applicationId)).toBe(false);
    expect(await exists(consented.applicationId)).toBe(true);
    clock.set('2029-06-02T08:00:00Z');
    await run();
    expect(await exists(consented.applicationId)).toBe(false);
  });
  it('keeps a refused file 5 years after the decision, then erases it', async () => {
    const file = await seedEtiasFile(s, {
      documentNumber: 'RT200001',
      issuingState: 'USA',
      status: 'refused',
      decidedOn: '2026-06-01',
    });
    clock.set('2031-06-01T08:00:00Z');
    await run();
    expect(await exists(file.applicationId)).toBe(true);
    clock.set('2031-06-02T08:00:00Z');
    await run();
    expect(await exists(file.applicationId)).toBe(false);
  });

  it('runs the validity and 5-year rule first, then the 7-day rule', () => {
    const ids = s.retention.rules.filter((r) => r.system === 'etias').map((r) => r.id);
    expect(ids).toEqual(['etias.applications', 'etias.source-deleted']);
  });
});
