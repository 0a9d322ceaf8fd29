import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { isAppError } from '../../platform/errors.ts';
import { SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import { SyntheticBiometrics } from '../sbms/index.ts';
import type { DatasetInput } from './index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const gen = new SyntheticBiometrics({ seed: 1358 });

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

/** A dataset of a synthetic person: ten fingers and a face of the given capture. */
function dataset(person: string, capture: number, extra: Partial<DatasetInput> = {}): DatasetInput {
  return {
    category: 'applicant',
    fingerprints: gen.fingers(person, undefined, { capture }),
    face: gen.face(person, { capture }),
    identity: {
      surname: 'Haddad',
      givenNames: 'Omar',
      birthDate: '1990-00-00',
      sex: 'M',
      nationalities: ['SYR'],
    },
    ...extra,
  };
}

describeEachDatabase('EurodacService', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2026-07-01T08:00:00Z');
  let gr: Actor;
  let de: Actor;
  let police: Actor;
  const asGr = () => ({ actor: gr, purpose: 'asylum-procedure' });
  const asDe = () => ({ actor: de, purpose: 'asylum-procedure' });
  const asPolice = () => ({ actor: police, purpose: 'law-enforcement' });
  const register = async (who: () => { actor: Actor; purpose: string }, input: DatasetInput) =>
    (await s.eurodac.register(who(), input)).value;

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    gr = await s.access.authenticate((await newUser(s, 'asylum')).token);
    de = await s.access.authenticate((await newUser(s, 'asylum', { memberState: 'DE' })).token);
    police = await s.access.authenticate((await newUser(s, 'police')).token);
  });
  afterAll(async () => {
    await s.close();
  });

  describe('register', () => {
    it('hits the same person registered again with new captures, and sends the hit to the new dataset’s state', async () => {
      const first = await register(asGr, dataset('omar', 0));
      expect(first.id).toMatch(/^edd_/);
      expect(first).toMatchObject({ recorded: true, hits: [] });
      const second = await register(asDe, dataset('omar', 1, { category: 'irregular-crossing' }));
      expect(second.hits).toEqual([
        expect.objectContaining({
          hitId: expect.stringMatching(/^edh_/) as string,
          datasetId: first.id,
          memberState: 'GR',
          category: 'applicant',
        }),
      ]);
      expect(second.hits[0]!.score).toBeGreaterThan(0);
      const pending = await s.eurodac.hits({ ...asDe(), state: 'pending' });
      expect(pending.hits.map((h) => h.id)).toEqual([second.hits[0]!.hitId]);
      // The hit goes to the state of origin of the new dataset only.
      expect((await s.eurodac.hits({ ...asGr(), state: 'pending' })).hits).toEqual([]);
    });

    it('gives no hit for a different person', async () => {
      const other = await register(asDe, dataset('leila', 0));
      expect(other.hits).toEqual([]);
    });

    it('refuses a child of five and accepts one of six (art. 15(1))', async () => {
      const child = (birthDate: string) =>
        dataset('child', 0, {
          identity: { surname: 'Haddad', givenNames: 'Sami', birthDate, sex: 'M', nationalities: ['SYR'] },
        });
      const five = await failure(s.eurodac.register(asGr(), child('2021-01-01')));
      expect(five?.code).toBe('EURODAC_BELOW_MINIMUM_AGE');
      // Born in 2020 with an unknown day: possibly six already, so not refused on a guess.
      const six = await register(asGr, child('2020-07-00'));
      expect(six.recorded).toBe(true);
    });

    it('refuses bad fields and bad templates with stable codes', async () => {
      const bad = await failure(
        s.eurodac.register(asGr(), dataset('x', 0, { category: 'applicant', admission: 'granted' })),
      );
      expect(bad?.code).toBe('EURODAC_DATASET_INVALID');
      const noFingers = await failure(
        s.eurodac.register(asGr(), { category: 'applicant', fingerprints: [] }),
      );
      expect(noFingers?.code).toBe('EURODAC_DATASET_INVALID');
      const short = await failure(
        s.eurodac.register(asGr(), {
          category: 'applicant',
          fingerprints: [{ modality: 'finger', position: 1, template: 'AAAA', quality: 80 }],
        }),
      );
      expect(short?.code).toBe('SBMS_TEMPLATE_INVALID');
      const blurred = await failure(
        s.eurodac.register(asGr(), {
          category: 'applicant',
          fingerprints: gen.fingers('blur', [1], { quality: 5 }),
        }),
      );
      expect(blurred?.code).toBe('SBMS_QUALITY_TOO_LOW');
    });

    it('compares a person registered for resettlement without recording them (art. 18(1))', async () => {
      const r = await register(asGr, dataset('omar', 2, { category: 'resettlement' }));
      expect(r.recorded).toBe(false);
      expect(r.id).toMatch(/^edc_/);
      expect(r.hits.length).toBeGreaterThan(0);
      expect(r.hits.every((h) => h.hitId === undefined)).toBe(true);
      // Nothing was kept: a later registration of a person only seen there hits nothing.
      await register(asGr, dataset('ahmad', 0, { category: 'resettlement' }));
      expect((await register(asDe, dataset('ahmad', 1))).hits).toEqual([]);
    });
  });

  describe('retention periods (art. 29)', () => {
    it('keeps an admitted resettled person 5 years and a refused admission 3 years', async () => {
      const granted = await register(
        asGr,
        dataset('selam', 0, { category: 'resettlement', admission: 'granted' }),
      );
      const refused = await register(
        asGr,
        dataset('dawit', 0, { category: 'resettlement', admission: 'refused' }),
      );
      expect(granted.recorded && refused.recorded).toBe(true);
      expect((await s.eurodac.dataset({ ...asGr(), id: granted.id })).eraseAfter).toBe('2031-07-01');
      expect((await s.eurodac.dataset({ ...asGr(), id: refused.id })).eraseAfter).toBe('2029-07-01');
    });
  });

  describe('dataset and hits', () => {
    it('shows the own state’s dataset with its holdings and hides it from another state (art. 40)', async () => {
      const r = await register(
        asGr,
        dataset('nadia', 0, { fingerprints: gen.fingers('nadia', [1, 2, 6, 7]) }),
      );
      const view = await s.eurodac.dataset({ ...asGr(), id: r.id });
      expect(view).toMatchObject({
        memberState: 'GR',
        category: 'applicant',
        eraseAfter: '2036-07-01',
        holdings: {
          face: { quality: 80 },
          fingers: [1, 2, 6, 7].map((position) => ({ position, quality: 80 })),
        },
      });
      expect((await failure(s.eurodac.dataset({ ...asDe(), id: r.id })))?.code).toBe(
        'EURODAC_DATASET_NOT_FOUND',
      );
    });

    it('shows the expert both datasets and the score of each finger and the face; verification is once', async () => {
      const first = await register(asGr, dataset('yusuf', 0));
      const second = await register(asDe, dataset('yusuf', 1));
      const hitId = second.hits[0]!.hitId!;
      const hit = await s.eurodac.hit({ ...asDe(), id: hitId });
      expect(hit).toMatchObject({
        state: 'pending',
        dataset: { id: second.id },
        matched: { id: first.id, memberState: 'GR' },
      });
      expect(hit.matched.identity).toMatchObject({ surname: 'Haddad' });
      expect(hit.comparison).toHaveLength(11);
      expect(hit.comparison.find((c) => c.modality === 'face')).toMatchObject({
        probeQuality: 80,
        storedQuality: 80,
      });
      expect((await failure(s.eurodac.hit({ ...asGr(), id: hitId })))?.code).toBe('EURODAC_HIT_NOT_FOUND');
      const verified = await s.eurodac.verifyHit({
        ...asDe(),
        id: hitId,
        outcome: 'confirmed',
        reason: 'Ten fingers agree',
      });
      expect(verified.value).toMatchObject({
        state: 'confirmed',
        verification: { outcome: 'confirmed', reason: 'Ten fingers agree' },
      });
      const again = await failure(
        s.eurodac.verifyHit({ ...asDe(), id: hitId, outcome: 'rejected', reason: 'x' }),
      );
      // The hit is kept with both datasets: each state sees it in its own dataset's view.
      const greek = await s.eurodac.dataset({ ...asGr(), id: first.id });
      expect(greek.hits).toEqual([
        { id: hitId, state: 'confirmed', otherDatasetId: second.id, otherMemberState: 'DE' },
      ]);
      expect(again?.code).toBe('EURODAC_HIT_ALREADY_VERIFIED');
    });
  });

  describe('marking (art. 31)', () => {
    it('notifies the states with hits on the person, which mark theirs on the notice; a rejected hit is not acted on', async () => {
      const gr1 = await register(asGr, dataset('amina', 0));
      const de1 = await register(asDe, dataset('amina', 1));
      const de2 = await register(asDe, dataset('amina', 2));
      // DE's expert rejects the hit of its second dataset: nothing follows from it.
      const rejected = de2.hits.find((h) => h.datasetId === gr1.id)!;
      await s.eurodac.verifyHit({
        ...asDe(),
        id: rejected.hitId!,
        outcome: 'rejected',
        reason: 'Poor prints',
      });
      const marked = await s.eurodac.mark({ ...asGr(), id: gr1.id });
      expect(marked.value.dataset.marking).toMatchObject({ basis: 'protection-granted' });
      expect(marked.value.noticesSent).toEqual([{ memberState: 'DE', dueBy: '2026-07-04T08:00:00.000Z' }]);
      const { notices } = await s.eurodac.notices({ ...asDe(), open: true });
      const notice = notices.find((n) => n.markedDatasetId === gr1.id)!;
      expect(notice).toMatchObject({ datasetId: de1.id, markedBy: 'GR', actedAt: null });
      const again = await failure(s.eurodac.mark({ ...asGr(), id: gr1.id }));
      expect(again?.code).toBe('EURODAC_MARKING_NOT_APPLICABLE');
      const theirs = await s.eurodac.mark({ ...asDe(), id: de1.id, noticeId: notice.id });
      expect(theirs.value.dataset.marking).toMatchObject({ basis: 'notice' });
      expect(
        (await s.eurodac.notices({ ...asDe(), open: true })).notices.some((n) => n.id === notice.id),
      ).toBe(false);
    });
  });

  describe('responsibility (art. 16)', () => {
    it('records the responsible member state', async () => {
      const r = await register(asGr, dataset('karim', 0));
      const { value } = await s.eurodac.updateResponsibility({
        ...asGr(),
        id: r.id,
        responsibleState: 'de',
        ground: 'criteria',
      });
      expect(value.responsibility).toMatchObject({ state: 'DE', ground: 'criteria' });
      const bad = await failure(
        s.eurodac.updateResponsibility({ ...asGr(), id: r.id, responsibleState: 'US', ground: 'criteria' }),
      );
      expect(bad?.code).toBe('EURODAC_DATASET_INVALID');
    });
  });

  describe('erasure', () => {
    it('erases a naturalised person with their templates: a new capture no longer hits', async () => {
      const r = await register(asGr, dataset('farid', 0));
      const { value } = await s.eurodac.erase({ ...asGr(), id: r.id, reason: 'naturalisation' });
      expect(value).toEqual({ id: r.id, erased: true, templatesRemoved: 11 });
      expect((await s.sbms.holdings('eurodac', [r.id])).get(r.id) ?? []).toEqual([]);
      expect((await register(asDe, dataset('farid', 1))).hits).toEqual([]);
    });

    it('erases the datasets whose period ended in the retention run, with their templates (art. 29)', async () => {
      const crosser = await register(asGr, dataset('tarek', 0, { category: 'irregular-crossing' }));
      const applicant = await register(asGr, dataset('rania', 0));
      expect((await s.eurodac.dataset({ ...asGr(), id: crosser.id })).eraseAfter).toBe('2031-07-01');
      clock.set('2031-07-02T08:00:00Z');
      try {
        const report = await s.retention.run(SYSTEM_ACTOR);
        const rule = report.rules.find((x) => x.id === 'eurodac.apprehended-and-staying')!;
        expect(rule.erased).toBeGreaterThanOrEqual(1);
        expect((await failure(s.eurodac.dataset({ ...asGr(), id: crosser.id })))?.code).toBe(
          'EURODAC_DATASET_NOT_FOUND',
        );
        expect((await s.sbms.holdings('eurodac', [crosser.id])).get(crosser.id) ?? []).toEqual([]);
        expect((await s.eurodac.dataset({ ...asGr(), id: applicant.id })).holdings.fingers).toHaveLength(10);
        expect((await register(asDe, dataset('tarek', 1))).hits).toEqual([]);
      } finally {
        clock.set('2026-07-01T08:00:00Z');
      }
    });
  });

  describe('law-enforcement comparison (art. 33)', () => {
    const request = (person: string) => ({
      caseReference: 'NL-2026-0042',
      offence: { kind: 'serious-crime' as const, description: 'Armed robbery' },
      reasons: 'Latent prints at the scene; no match in the national and Prüm systems',
      priorChecks: { nationalDatabases: true, prumFingerprints: true, vis: true },
      verifyingAuthority: 'Officier van justitie Rotterdam',
      fingerprints: gen.fingers(person, [2, 3, 7], { capture: 7, quality: 60 }),
    });

    it('refuses a request without its conditions and logs the refusal', async () => {
      const { priorChecks: _omitted, ...withoutChecks } = request('omar');
      const refused = await failure(s.eurodac.lawEnforcementComparison(asPolice(), withoutChecks));
      expect(refused?.code).toBe('EURODAC_LE_CONDITIONS_NOT_MET');
      expect(refused?.details).toMatchObject({
        missing: expect.arrayContaining(['priorChecks.nationalDatabases']) as string[],
      });
      const dpo = await s.access.authenticate((await newUser(s, 'data-protection')).token);
      const { events } = await s.audit.list({
        actor: dpo,
        purpose: 'data-protection-audit',
        filter: { operation: 'eurodac.law-enforcement.comparison', limit: 5 },
      });
      expect(events[0]).toMatchObject({ outcome: 'denied', purpose: 'law-enforcement', system: 'eurodac' });
      expect(events[0]!.resultSummary).toContain('NL-2026-0042');
    });

    it('answers hit with the references only, and logs the request with its conditions (art. 41)', async () => {
      const answer = await s.eurodac.lawEnforcementComparison(asPolice(), request('omar'));
      expect(answer.result).toBe('hit');
      expect(answer.hits.length).toBeGreaterThan(0);
      expect(Object.keys(answer.hits[0]!).sort()).toEqual(['datasetId', 'memberState']);
      const none = await s.eurodac.lawEnforcementComparison(asPolice(), request('nobody-at-all'));
      expect(none).toMatchObject({ result: 'no-hit', hits: [] });
      const dpo = await s.access.authenticate((await newUser(s, 'data-protection')).token);
      const { events } = await s.audit.list({
        actor: dpo,
        purpose: 'data-protection-audit',
        filter: { operation: 'eurodac.law-enforcement.comparison', recordRef: answer.id, limit: 5 },
      });
      expect(events[0]).toMatchObject({
        outcome: 'success',
        legalBasis: 'Reg. (EU) 2024/1358 art. 33',
        queryDataTypes: ['fingerprints'],
      });
      expect(events[0]!.resultSummary).toContain('serious-crime');
      expect(events[0]!.recordRefs).toEqual(expect.arrayContaining(answer.hits.map((h) => h.datasetId)));
    });

    it('refuses a request without a fingerprint', async () => {
      const refused = await failure(
        s.eurodac.lawEnforcementComparison(asPolice(), { ...request('omar'), fingerprints: [] }),
      );
      expect(refused?.code).toBe('EURODAC_DATASET_INVALID');
    });

    it('is refused to an asylum authority', async () => {
      const refused = await failure(
        s.eurodac.lawEnforcementComparison({ actor: gr, purpose: 'asylum-procedure' }, request('omar')),
      );
      expect(refused?.code).toBe('ACCESS_PERMISSION_DENIED');
    });
  });

  describe('log (art. 41)', () => {
    it('logs a registration with its purpose, the data used and the datasets concerned', async () => {
      const r = await register(asGr, dataset('hassan', 0));
      const dpo = await s.access.authenticate((await newUser(s, 'data-protection')).token);
      const { events } = await s.audit.list({
        actor: dpo,
        purpose: 'data-protection-audit',
        filter: { operation: 'eurodac.dataset.register', recordRef: r.id, limit: 5 },
      });
      expect(events[0]).toMatchObject({
        system: 'eurodac',
        purpose: 'asylum-procedure',
        memberState: 'GR',
        queryDataTypes: ['fingerprints', 'face', 'identity'],
        legalBasis: 'Reg. (EU) 2024/1358 arts. 15-17',
      });
    });
  });
});
