import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../../test/support/db.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { isAppError } from '../../../platform/errors.ts';
import type { Actor } from '../../access/index.ts';
import { etiasApplication } from '../testing.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    if (isAppError(err)) {
      return err.code;
    }
    throw err;
  }
}

describeEachDatabase('EtiasManualService', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  let es: Actor;
  let de: Actor;
  let cu: Actor;
  const as = (actor: Actor) => ({ actor, purpose: 'etias-examination' });

  const SURNAMES = [
    'Abbott',
    'Barlow',
    'Carver',
    'Dalton',
    'Ellery',
    'Fenwick',
    'Garrick',
    'Hollis',
    'Irving',
    'Jarvis',
  ];
  let people = 0;

  /**
   * An application of a new person (no earlier refusal of the same person to hit) that goes to the Spanish
   * National Unit through a background answer (art. 26(4)); its id and document number.
   */
  async function toSpain(
    overrides: Parameters<typeof etiasApplication>[0] = {},
  ): Promise<{ id: string; doc: string }> {
    people += 1;
    const app = etiasApplication({
      surname: SURNAMES[people % SURNAMES.length]!,
      givenNames: ['Ann', 'Bruce', 'Clara', 'Dmitri', 'Edith'][people % 5]!,
      birthDate: `19${60 + people}-0${1 + (people % 9)}-1${people % 10}`,
      intendedFirstStay: { memberState: 'ESP' },
      background: { criminalConviction: false, conflictZoneStay: true, removalOrder: false },
      education: 'higher',
      ...overrides,
    });
    const { value } = await s.etias.submit({}, app);
    expect(value.status).toBe('manual');
    return { id: value.id, doc: app.document.number };
  }

  const queueOf = (actor: Actor, filter: { deadline?: 'overdue' | 'soon' } = {}) =>
    s.etiasManual.queue({
      ...as(actor),
      ...filter,
      sort: { field: 'dueAt', descending: false },
      limit: 100,
      offset: 0,
    });

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    es = await s.access.authenticate((await newUser(s, 'etias-national', { memberState: 'ES' })).token);
    de = await s.access.authenticate((await newUser(s, 'etias-national', { memberState: 'DE' })).token);
    cu = await s.access.authenticate((await newUser(s, 'etias-central')).token);
  });
  afterAll(async () => {
    await s.close();
  });

  describe('queue and decision deadline (art. 32)', () => {
    it("lists the state's own files, due 96 hours after the application, and says when they are due soon or overdue", async () => {
      clock.set('2026-06-01T08:00:00Z');
      const { id } = await toSpain();
      const mine = await queueOf(es);
      const item = mine.items.find((i) => i.applicationId === id);
      expect(item).toMatchObject({
        reason: 'assessment',
        dueAt: '2026-06-05T08:00:00.000Z',
        urgency: 'on-time',
      });
      expect(mine.total).toBeGreaterThanOrEqual(1);
      expect((await queueOf(de)).items.some((i) => i.applicationId === id)).toBe(false);
      clock.set('2026-06-04T09:00:00Z');
      expect((await queueOf(es, { deadline: 'soon' })).items.map((i) => i.applicationId)).toContain(id);
      clock.set('2026-06-05T08:00:01Z');
      const overdue = await queueOf(es, { deadline: 'overdue' });
      expect(overdue.items.find((i) => i.applicationId === id)?.urgency).toBe('overdue');
      const due = overdue.items.map((i) => i.dueAt);
      expect(due).toEqual([...due].sort());
    });

    it('moves the deadline to 96 hours after the reply to a request for information (art. 32(2) [K])', async () => {
      clock.set('2026-06-10T08:00:00Z');
      const { id, doc } = await toSpain();
      const { value: request } = await s.etiasManual.requestInformation({
        ...as(es),
        applicationId: id,
        input: { question: 'Proof of the purpose of the stay', documents: ['Hotel booking'] },
      });
      expect(request.replyDueAt).toBe('2026-06-20T08:00:00.000Z');
      let file = await s.etiasManual.file({ ...as(es), applicationId: id });
      expect(file.deadline).toMatchObject({
        dueAt: '2026-06-24T08:00:00.000Z',
        basis: 'information-awaited',
      });
      expect(file.notices.map((n) => n.kind)).toEqual(['information-request']);
      expect(
        await code(
          s.etiasManual.reply({
            applicationId: id,
            requestId: request.id,
            documentNumber: 'WRONG1',
            text: 'x',
          }),
        ),
      ).toBe('ETIAS_APPLICATION_NOT_FOUND');
      clock.set('2026-06-12T10:00:00Z');
      const replied = await s.etiasManual.reply({
        applicationId: id,
        requestId: request.id,
        documentNumber: doc.toLowerCase(),
        text: 'Attached.',
        attachments: [{ name: 'booking.pdf', mediaType: 'application/pdf', size: 1200 }],
      });
      expect(replied.receivedAt).toBe('2026-06-12T10:00:00.000Z');
      file = await s.etiasManual.file({ ...as(es), applicationId: id });
      expect(file.deadline).toMatchObject({
        dueAt: '2026-06-16T10:00:00.000Z',
        basis: 'information-received',
      });
      expect((await queueOf(es)).items.find((i) => i.applicationId === id)?.dueAt).toBe(
        '2026-06-16T10:00:00.000Z',
      );
      expect(
        await code(
          s.etiasManual.reply({
            applicationId: id,
            requestId: request.id,
            documentNumber: doc,
            text: 'again',
          }),
        ),
      ).toBe('ETIAS_REQUEST_ALREADY_ANSWERED');
    });
  });

  describe('refusal (art. 37)', () => {
    it('refuses on "no reply" only after the 10 days, and sends the notice with the grounds and the appeal', async () => {
      clock.set('2026-07-01T08:00:00Z');
      const { id, doc } = await toSpain();
      const { value: request } = await s.etiasManual.requestInformation({
        ...as(es),
        applicationId: id,
        input: { question: 'Means of subsistence' },
      });
      const refuse = {
        ...as(es),
        applicationId: id,
        input: {
          kind: 'refuse' as const,
          grounds: ['no-reply-to-request' as const],
          justification: 'No reply.',
        },
      };
      expect(await code(s.etiasManual.decide(refuse))).toBe('ETIAS_NO_UNANSWERED_REQUEST');
      expect(await code(s.etiasManual.decide({ ...refuse, actor: de }))).toBe('ETIAS_NOT_RESPONSIBLE_STATE');
      clock.set('2026-07-11T08:00:01Z');
      expect(
        await code(
          s.etiasManual.reply({
            applicationId: id,
            requestId: request.id,
            documentNumber: doc,
            text: 'late',
          }),
        ),
      ).toBe('ETIAS_REQUEST_PAST_DEADLINE');
      const { value: decision } = await s.etiasManual.decide(refuse);
      expect(decision).toMatchObject({ kind: 'refuse', grounds: ['no-reply-to-request'], memberState: 'ES' });
      const file = await s.etiasManual.file({ ...as(es), applicationId: id });
      expect(file).toMatchObject({ status: 'refused', queue: null, allowed: ['limited-validity'] });
      const notice = file.notices.find((n) => n.kind === 'refused')!;
      expect(notice.body).toContain('art. 37(1)(f)');
      expect(notice.body).toContain('right to appeal');
      expect(notice.body).toContain('Spain');
      const view = await s.etias.view({ ...as(es), id });
      expect(view.events.map((e) => e.kind)).toEqual(
        expect.arrayContaining(['information-requested', 'decision-refuse']),
      );
      const logged = await sql<{ operation: string }>`select operation from audit.event
        where system = 'etias' and record_refs ? ${id} order by seq`.execute(s.database.db);
      expect(logged.rows.map((r) => r.operation)).toEqual(
        expect.arrayContaining(['etias.manual.request', 'etias.manual.decision.refuse']),
      );
      expect((await queueOf(es)).items.some((i) => i.applicationId === id)).toBe(false);
      const pdf = await s.etiasManual.noticePdf({ ...as(es), applicationId: id, lang: 'de' });
      expect(pdf.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('refuses on "no show" only after a missed interview, and moves the deadline to 48 hours after it', async () => {
      clock.set('2026-08-01T08:00:00Z');
      const { id } = await toSpain();
      const { value: interview } = await s.etiasManual.inviteToInterview({
        ...as(es),
        applicationId: id,
        input: { scheduledAt: '2026-08-06T09:00:00Z', mode: 'video', place: 'https://meet.example/etias' },
      });
      expect((await s.etiasManual.file({ ...as(es), applicationId: id })).deadline).toMatchObject({
        dueAt: '2026-08-08T09:00:00.000Z',
        basis: 'interview',
      });
      const refuse = {
        ...as(es),
        applicationId: id,
        input: {
          kind: 'refuse' as const,
          grounds: ['no-show-at-interview' as const],
          justification: 'Absent.',
        },
      };
      expect(await code(s.etiasManual.decide(refuse))).toBe('ETIAS_NO_MISSED_INTERVIEW');
      const outcome = {
        ...as(es),
        applicationId: id,
        interviewId: interview.id,
        input: { outcome: 'no-show' as const },
      };
      expect(await code(s.etiasManual.recordInterviewOutcome(outcome))).toBe('ETIAS_INTERVIEW_NOT_YET_DUE');
      clock.set('2026-08-06T10:00:00Z');
      await s.etiasManual.recordInterviewOutcome(outcome);
      expect((await s.etiasManual.decide(refuse)).value.grounds).toEqual(['no-show-at-interview']);
    });
  });

  describe('consultations (arts. 28-29)', () => {
    it("records the consulted state's opinion, counts silence as positive after 60 hours, and never shows Europol the education", async () => {
      clock.set('2026-09-01T08:00:00Z');
      const { id } = await toSpain();
      const { value: toDe } = await s.etiasManual.consult({
        ...as(es),
        applicationId: id,
        input: { party: 'state', memberState: 'DE', question: 'Do you hold information?' },
      });
      const { value: toEuropol } = await s.etiasManual.consult({
        ...as(es),
        applicationId: id,
        input: { party: 'europol', question: 'Europol data?' },
      });
      expect(toDe).toMatchObject({
        consultedState: 'DE',
        dueAt: '2026-09-03T20:00:00.000Z',
        opinion: 'pending',
      });
      const forDe = await s.etiasManual.consultations({ ...as(de), limit: 10 });
      expect(forDe.find((c) => c.id === toDe.id)?.application.education).toBe('higher');
      const forEuropol = await s.etiasManual.consultations({ ...as(cu), limit: 10 });
      const europolItem = forEuropol.find((c) => c.id === toEuropol.id)!;
      expect(europolItem.application).not.toHaveProperty('education');
      expect(
        await code(
          s.etiasManual.giveOpinion({
            ...as(es),
            consultationId: toDe.id,
            input: { opinion: 'negative', reasons: 'x' },
          }),
        ),
      ).toBe('ETIAS_NOT_RESPONSIBLE_STATE');
      const { value: opinion } = await s.etiasManual.giveOpinion({
        ...as(de),
        consultationId: toDe.id,
        input: { opinion: 'negative', reasons: 'Known to the police.' },
      });
      expect(opinion.opinion).toBe('negative');
      clock.set('2026-09-03T20:00:00Z');
      expect(
        await code(
          s.etiasManual.giveOpinion({
            ...as(cu),
            consultationId: toEuropol.id,
            input: { opinion: 'negative', reasons: 'late' },
          }),
        ),
      ).toBe('ETIAS_OPINION_PAST_DEADLINE');
      const file = await s.etiasManual.file({ ...as(es), applicationId: id });
      expect(Object.fromEntries(file.consultations.map((c) => [c.party, c.opinion]))).toEqual({
        state: 'negative',
        europol: 'positive-by-silence',
      });
    });
  });

  describe('issue, revocation review, revocation and limited validity (arts. 36, 41, 44)', () => {
    it('issues with a second-line flag, valid 3 years or to the document expiry', async () => {
      clock.set('2026-10-01T08:00:00Z');
      const app = etiasApplication();
      const { id } = await toSpain({ document: { ...app.document, expiry: '2028-03-31' } });
      const { value } = await s.etiasManual.decide({
        ...as(es),
        applicationId: id,
        input: {
          kind: 'issue',
          flags: [{ flag: 'second-line-check', reason: 'Verify the stated employer' }],
        },
      });
      expect(value).toMatchObject({ validFrom: '2026-10-01', validUntil: '2028-03-31' });
      const view = await s.etias.view({ ...as(es), id });
      expect(view).toMatchObject({
        status: 'issued',
        flags: ['second-line-check'],
        validUntil: '2028-03-31',
      });
    });

    it('sends a valid authorisation to the alerting state for a revocation review; that state revokes', async () => {
      clock.set('2026-10-02T08:00:00Z');
      const { id } = await toSpain();
      await s.etiasManual.decide({ ...as(es), applicationId: id, input: { kind: 'issue' } });
      const trigger = {
        trigger: 'sis-refusal-alert' as const,
        recordRef: 'sis:SIS-TEST-1',
        memberState: 'DE',
      };
      expect(await s.etiasManual.reviewForRevocation(id, trigger)).toEqual({ opened: true });
      expect(await s.etiasManual.reviewForRevocation(id, trigger)).toEqual({ opened: false });
      const item = (await queueOf(de)).items.find((i) => i.applicationId === id);
      expect(item).toMatchObject({
        reason: 'revocation-review',
        status: 'issued',
        reviewRecordRef: 'sis:SIS-TEST-1',
      });
      expect((await s.etias.view({ ...as(de), id })).status).toBe('issued');
      expect(
        await code(
          s.etiasManual.decide({
            ...as(de),
            applicationId: id,
            input: { kind: 'revoke', grounds: ['doubts-on-data'], justification: 'x' },
          }),
        ),
      ).toBe('ETIAS_GROUND_NOT_APPLICABLE');
      await s.etiasManual.decide({
        ...as(de),
        applicationId: id,
        input: { kind: 'revoke', grounds: ['sis-refusal'], justification: 'New refusal alert SIS-TEST-1.' },
      });
      expect((await s.etias.view({ ...as(de), id })).status).toBe('revoked');
      expect((await queueOf(de)).items.some((i) => i.applicationId === id)).toBe(false);
      expect(
        await s.etiasManual.reviewForRevocation(id, { ...trigger, recordRef: 'sis:SIS-TEST-2' }),
      ).toEqual({
        opened: false,
      });
    });

    it('issues a limited territorial validity of at most 90 days after a refusal (art. 44)', async () => {
      clock.set('2026-11-01T08:00:00Z');
      const { id } = await toSpain();
      await s.etiasManual.decide({
        ...as(es),
        applicationId: id,
        input: { kind: 'refuse', grounds: ['security-risk'], justification: 'Assessment.' },
      });
      const ltv = (validUntil: string) =>
        s.etiasManual.decide({
          ...as(es),
          applicationId: id,
          input: {
            kind: 'limited-validity',
            basis: 'humanitarian',
            validUntil,
            justification: 'Funeral of a parent.',
          },
        });
      expect(await code(ltv('2027-01-30'))).toBe('ETIAS_LIMITED_VALIDITY_TOO_LONG');
      await ltv('2027-01-29');
      const view = await s.etias.view({ ...as(es), id });
      expect(view).toMatchObject({ status: 'issued', territorialValidity: ['ES'], validUntil: '2027-01-29' });
    });
  });
});
