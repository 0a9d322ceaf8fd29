import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { DEFAULT_ETIAS_SETTINGS as S } from '../model.ts';
import { decisionDeadline, effectiveOpinion, replyDueAt, requestStateOf, urgencyOf } from './deadlines.ts';
import { noticeEmail } from './notice.ts';
import { planDecision, validityUntil, type DecisionFacts, type DecisionInput } from './rules.ts';

const at = (iso: string) => new Date(iso);
const admitted = at('2026-12-01T10:00:00Z');

describe('decisionDeadline (art. 32)', () => {
  it('is 96 hours after the admissible application', () => {
    const d = decisionDeadline({ admittedAt: admitted, requests: [], interviews: [] }, S);
    expect(d).toEqual({ dueAt: at('2026-12-05T10:00:00Z'), basis: 'admissible' });
  });

  it('runs 96 hours from the reply after a request for information', () => {
    const sent = at('2026-12-02T10:00:00Z');
    const d = decisionDeadline(
      {
        admittedAt: admitted,
        requests: [{ sentAt: sent, replyDueAt: replyDueAt(sent, S), receivedAt: at('2026-12-04T08:00:00Z') }],
        interviews: [],
      },
      S,
    );
    expect(d).toEqual({ dueAt: at('2026-12-08T08:00:00Z'), basis: 'information-received' });
  });

  it('waits for the 10 days of the request while no reply came', () => {
    const sent = at('2026-12-02T10:00:00Z');
    const d = decisionDeadline(
      {
        admittedAt: admitted,
        requests: [{ sentAt: sent, replyDueAt: replyDueAt(sent, S), receivedAt: null }],
        interviews: [],
      },
      S,
    );
    expect(d).toEqual({ dueAt: at('2026-12-16T10:00:00Z'), basis: 'information-awaited' });
  });

  it('runs 48 hours from an interview [K]', () => {
    const d = decisionDeadline(
      {
        admittedAt: admitted,
        requests: [],
        interviews: [
          {
            scheduledAt: at('2026-12-10T09:00:00Z'),
            outcome: 'held',
            recordedAt: at('2026-12-10T11:00:00Z'),
          },
        ],
      },
      S,
    );
    expect(d).toEqual({ dueAt: at('2026-12-12T09:00:00Z'), basis: 'interview' });
  });
});

describe('urgency, requests and opinions', () => {
  const due = at('2026-12-05T10:00:00Z');
  it('says overdue, due soon (24 h) or on time', () => {
    expect(urgencyOf(due, at('2026-12-05T10:00:01Z'))).toBe('overdue');
    expect(urgencyOf(due, at('2026-12-04T10:00:00Z'))).toBe('due-soon');
    expect(urgencyOf(due, at('2026-12-04T09:59:59Z'))).toBe('on-time');
  });
  it('counts a request unanswered only after its 10 days', () => {
    const r = { sentAt: admitted, replyDueAt: replyDueAt(admitted, S), receivedAt: null };
    expect(requestStateOf(r, at('2026-12-11T10:00:00Z'))).toBe('awaiting-reply');
    expect(requestStateOf(r, at('2026-12-11T10:00:01Z'))).toBe('unanswered');
  });
  it('counts silence as a positive opinion once the 60 hours passed (arts. 28-29)', () => {
    const c = { opinion: null, dueAt: at('2026-12-03T22:00:00Z') };
    expect(effectiveOpinion(c, at('2026-12-03T21:59:59Z'))).toBe('pending');
    expect(effectiveOpinion(c, at('2026-12-03T22:00:00Z'))).toBe('positive-by-silence');
    expect(effectiveOpinion({ ...c, opinion: 'negative' }, at('2026-12-09T00:00:00Z'))).toBe('negative');
  });
});

describe('planDecision', () => {
  const now = at('2026-12-03T12:00:00Z');
  const facts = (over: Partial<DecisionFacts> = {}): DecisionFacts => ({
    status: 'manual',
    queue: 'national-unit',
    responsibleState: 'ES',
    actorState: 'ES',
    reviewStates: [],
    documentExpiry: '2031-06-30',
    validUntil: null,
    requests: [],
    interviews: [],
    today: '2026-12-03',
    now,
    ...over,
  });
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as AppError).code;
    }
    return 'no error';
  };

  it('issues for three years, or until the document expires (art. 36(5))', () => {
    expect(validityUntil('2026-12-03', '2031-06-30', S)).toBe('2029-12-03');
    expect(validityUntil('2026-12-03', '2027-05-01', S)).toBe('2027-05-01');
    const effect = planDecision(
      facts(),
      { kind: 'issue', flags: [{ flag: 'second-line-check', reason: 'doubt' }] },
      S,
    );
    expect(effect).toMatchObject({ status: 'issued', validity: { from: '2026-12-03', until: '2029-12-03' } });
  });

  it('refuses only the responsible state, on at least one ground', () => {
    expect(code(() => planDecision(facts({ actorState: 'DE' }), { kind: 'issue' }, S))).toBe(
      'ETIAS_NOT_RESPONSIBLE_STATE',
    );
    expect(code(() => planDecision(facts(), { kind: 'refuse', grounds: [], justification: 'x' }, S))).toBe(
      'ETIAS_GROUNDS_REQUIRED',
    );
    expect(
      planDecision(facts(), { kind: 'refuse', grounds: ['security-risk'], justification: 'x' }, S).status,
    ).toBe('refused');
  });

  it('allows "no reply" only after a request went unanswered past its 10 days', () => {
    const refuse: DecisionInput = {
      kind: 'refuse',
      grounds: ['no-reply-to-request'],
      justification: 'silence',
    };
    const request = {
      sentAt: at('2026-11-20T10:00:00Z'),
      replyDueAt: at('2026-11-30T10:00:00Z'),
      receivedAt: null,
    };
    expect(code(() => planDecision(facts(), refuse, S))).toBe('ETIAS_NO_UNANSWERED_REQUEST');
    expect(
      code(() =>
        planDecision(
          facts({ requests: [{ ...request, replyDueAt: at('2026-12-04T10:00:00Z') }] }),
          refuse,
          S,
        ),
      ),
    ).toBe('ETIAS_NO_UNANSWERED_REQUEST');
    expect(planDecision(facts({ requests: [request] }), refuse, S).grounds).toEqual(['no-reply-to-request']);
    const noShow: DecisionInput = {
      kind: 'refuse',
      grounds: ['no-show-at-interview'],
      justification: 'absent',
    };
    expect(code(() => planDecision(facts({ interviews: [{ outcome: 'held' }] }), noShow, S))).toBe(
      'ETIAS_NO_MISSED_INTERVIEW',
    );
    expect(planDecision(facts({ interviews: [{ outcome: 'no-show' }] }), noShow, S).status).toBe('refused');
  });

  it('revokes a valid authorisation on art. 37(1) grounds only, for the reviewing state too', () => {
    const issued = facts({
      status: 'issued',
      queue: null,
      validUntil: '2029-01-01',
      responsibleState: 'FR',
      reviewStates: ['ES'],
    });
    expect(
      code(() =>
        planDecision(issued, { kind: 'revoke', grounds: ['doubts-on-data'], justification: 'x' }, S),
      ),
    ).toBe('ETIAS_GROUND_NOT_APPLICABLE');
    expect(
      planDecision(issued, { kind: 'revoke', grounds: ['sis-refusal'], justification: 'new alert' }, S)
        .status,
    ).toBe('revoked');
    expect(
      code(() =>
        planDecision(
          { ...issued, reviewStates: [] },
          { kind: 'annul', grounds: ['doubts-on-data'], justification: 'x' },
          S,
        ),
      ),
    ).toBe('ETIAS_NOT_RESPONSIBLE_STATE');
    expect(
      code(() => planDecision(facts(), { kind: 'revoke', grounds: ['sis-refusal'], justification: 'x' }, S)),
    ).toBe('ETIAS_NO_VALID_AUTHORISATION');
  });

  it('limits territorial validity to 90 days in the deciding state, even after a refusal (art. 44)', () => {
    const ltv = (validUntil: string): DecisionInput => ({
      kind: 'limited-validity',
      basis: 'humanitarian',
      validUntil,
      justification: 'funeral',
      memberStates: ['pt'],
    });
    expect(code(() => planDecision(facts({ status: 'refused', queue: null }), ltv('2027-03-03'), S))).toBe(
      'ETIAS_LIMITED_VALIDITY_TOO_LONG',
    );
    const effect = planDecision(facts({ status: 'refused', queue: null }), ltv('2027-03-02'), S);
    expect(effect).toMatchObject({
      status: 'issued',
      validity: { until: '2027-03-02', memberStates: ['ES', 'PT'] },
    });
    expect(planDecision(facts(), ltv('2026-12-20'), S)).toMatchObject({
      status: 'issued',
      keepInQueue: true,
    });
  });
});

describe('noticeEmail (art. 38)', () => {
  it('gives the grounds, the authority and the right of appeal in the deciding state', () => {
    const mail = noticeEmail({
      kind: 'refused',
      lang: 'de',
      applicationId: 'eta_1',
      person: { surname: 'Doe', givenNames: 'Jane', birthDate: '1990-01-01' },
      document: { number: 'X1', issuingState: 'USA' },
      authority: 'ETIAS National Unit Spain',
      state: 'Spanien',
      decidedAt: at('2026-12-03T12:00:00Z'),
      validity: null,
      grounds: ['security-risk'],
      justification: 'Reasons here',
    });
    expect(mail.subject).toContain('Verweigerung');
    expect(mail.body).toContain('Sicherheitsrisiko');
    expect(mail.body).toContain('Rechtsmittel');
    expect(mail.body).toContain('Spanien');
  });
});
