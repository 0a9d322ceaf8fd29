import { randomUUID } from 'node:crypto';
import { isoDate, plusYears } from '../../../platform/dates.ts';
import { notFound } from '../../../platform/errors.ts';
import { findMemberState } from '../../reference/index.ts';
import {
  APPLICANT_ACTOR,
  EXAMINATION_PURPOSE,
  ETIAS_SYSTEM_ACTOR,
  idempotency,
  log,
  readThenLog,
  recordApplicationChanges,
  type Call,
  type WriteCall,
} from '../context.ts';
import type { ApplicationStatus, Queue } from '../model.ts';
import { issueAuthorisation } from '../processing.ts';
import type { ApplicationRow } from '../tables.ts';
import {
  applicantsApplication,
  event,
  existingApplication,
  lockedApplication,
  MANUAL_BASIS,
  requireExamination,
  type ManualContext,
} from './context.ts';
import { MANUAL_ERRORS } from './errors.ts';
import { noticeEmail, renderNotice, type NoticeData } from './notice.ts';
import { isNoticeLanguage, type NoticeKind, type NoticeLanguage } from './notice-texts.ts';
import type { DecisionRow } from './repository.ts';
import { planDecision, type DecisionInput, type DecisionKind } from './rules.ts';

const BASIS: Record<DecisionKind, string> = {
  issue: MANUAL_BASIS.decision,
  refuse: MANUAL_BASIS.decision,
  annul: MANUAL_BASIS.annulment,
  revoke: MANUAL_BASIS.revocation,
  'limited-validity': MANUAL_BASIS.limited,
};

const NOTICE_OF: Record<DecisionKind, NoticeKind> = {
  issue: 'issued',
  refuse: 'refused',
  annul: 'annulled',
  revoke: 'revoked',
  'limited-validity': 'limited-validity',
};

export interface DecisionView {
  id: string;
  kind: DecisionKind;
  memberState: string;
  authority: string;
  decidedBy: string;
  decidedAt: string;
  grounds: string[];
  flags: Array<{ flag: string; reason: string }>;
  justification: string | null;
  basis: string | null;
  validFrom: string | null;
  validUntil: string | null;
  validStates: string[] | null;
}

export const toDecisionView = (d: DecisionRow): DecisionView => ({
  id: d.id,
  kind: d.kind as DecisionKind,
  memberState: d.member_state,
  authority: d.authority,
  decidedBy: d.decided_by,
  decidedAt: d.decided_at.toISOString(),
  grounds: d.grounds,
  flags: d.flags,
  justification: d.justification,
  basis: d.basis,
  validFrom: d.valid_from,
  validUntil: d.valid_until,
  validStates: d.valid_states,
});

const stateName = (code: string) => findMemberState(code)?.name ?? code;

function noticeData(app: ApplicationRow, d: DecisionRow, lang: NoticeLanguage): NoticeData {
  return {
    kind: NOTICE_OF[d.kind as DecisionKind],
    lang,
    applicationId: app.id,
    person: {
      surname: app.content.surname,
      givenNames: app.content.givenNames,
      birthDate: app.content.birthDate,
    },
    document: { number: app.content.document.number, issuingState: app.content.document.issuingState },
    authority: d.authority,
    state: stateName(d.member_state),
    decidedAt: d.decided_at,
    validity:
      d.valid_from === null || d.valid_until === null
        ? null
        : { from: d.valid_from, until: d.valid_until, memberStates: d.valid_states },
    grounds: d.grounds,
    justification: d.justification,
  };
}

/**
 * The National Unit's decision (arts. 36-44): issue (with an art. 36(2)-(3) flag and its reason), refuse on
 * art. 37 grounds, annul (art. 40) or revoke (art. 41) a valid authorisation, or issue a limited territorial
 * validity (art. 44). The rules are in {@link planDecision}. Writes the decision, closes any revocation
 * review, puts the notice (arts. 38, 42) in the file's outbox, appends the event and the log record.
 */
export async function decide(
  ctx: ManualContext,
  call: WriteCall & { applicationId: string; input: DecisionInput },
): Promise<{ value: DecisionView; replayed: boolean }> {
  requireExamination(call, 'etias:decide');
  const request = { applicationId: call.applicationId, ...call.input };
  return ctx.writes.run(idempotency(call, 'etias.decision.create', request), async (trx) => {
    const app = await lockedApplication(ctx, trx, call.applicationId);
    const bundle = await ctx.manual.bundle(trx, app.id);
    const now = ctx.clock.now();
    const today = isoDate(now);
    const effect = planDecision(
      {
        status: app.status as ApplicationStatus,
        queue: app.queue as Queue | null,
        responsibleState: app.responsible_state,
        actorState: call.actor.memberState,
        reviewStates: bundle.reviews.filter((r) => r.closed_at === null).map((r) => r.member_state),
        documentExpiry: app.document_expiry,
        validUntil: app.valid_until,
        requests: bundle.requests.map((r) => ({
          sentAt: r.sent_at,
          replyDueAt: r.reply_due_at,
          receivedAt: r.received_at,
        })),
        interviews: bundle.interviews.map((i) => ({ outcome: i.outcome })),
        today,
        now,
      },
      call.input,
      ctx.settings,
    );
    let validity = effect.validity;
    if (effect.status === 'issued' && effect.validity !== null) {
      const limited = effect.validity.memberStates !== null;
      // Art. 36(5) validity is computed where every authorisation is issued; art. 44 sets its own end.
      const issued = await issueAuthorisation(ctx, trx, app, {
        decidedBy: call.actor,
        flags: effect.flags.map((f) => f.flag),
        territorialValidity: effect.validity.memberStates,
        ...(limited ? { validUntil: effect.validity.until } : {}),
      });
      const from = limited ? effect.validity.from : (issued.valid_from ?? effect.validity.from);
      validity = {
        from,
        until: issued.valid_until ?? effect.validity.until,
        memberStates: effect.validity.memberStates,
      };
      await ctx.repo.updateApplication(trx, app.id, {
        valid_from: from,
        ...(effect.keepInQueue ? { queue: 'national-unit' } : {}),
      });
    } else {
      await ctx.repo.updateApplication(trx, app.id, {
        status: effect.status,
        queue: null,
        decided_at: now,
        decided_by: call.actor.username,
        // Art. 54(1)(b): kept five years from the last refusal, annulment or revocation.
        erase_after: plusYears(today, ctx.settings.refusedRetentionYears),
        updated_at: now,
      });
      await event(ctx, trx, app.id, effect.status, call.actor, { grounds: effect.grounds });
    }
    if (call.input.kind !== 'limited-validity') {
      await ctx.manual.closeReviews(trx, app.id, now, call.actor.username);
    }
    const input = call.input;
    const row: DecisionRow = {
      id: `ede_${randomUUID()}`,
      application_id: app.id,
      kind: input.kind,
      member_state: call.actor.memberState,
      authority: call.actor.authorityName,
      decided_by: call.actor.username,
      decided_at: now,
      grounds: effect.grounds,
      flags: effect.flags.map((f) => ({ flag: f.flag, reason: f.reason.trim() })),
      justification: input.justification?.trim() ?? null,
      basis: input.kind === 'limited-validity' ? input.basis : null,
      valid_from: validity?.from ?? null,
      valid_until: validity?.until ?? null,
      valid_states: validity?.memberStates ?? null,
    };
    await ctx.manual.insertDecision(trx, row);
    const mail = noticeEmail(noticeData(app, row, 'en'));
    await ctx.manual.insertNotice(trx, {
      id: `eno_${randomUUID()}`,
      application_id: app.id,
      decision_id: row.id,
      kind: effect.notice,
      recipient: app.content.email,
      lang: 'en',
      subject: mail.subject,
      body: mail.body,
      created_at: now,
    });
    await event(ctx, trx, app.id, `decision-${input.kind}`, call.actor, {
      decisionId: row.id,
      grounds: row.grounds,
      flags: row.flags.map((f) => f.flag),
      ...(row.valid_until === null ? {} : { validUntil: row.valid_until, validStates: row.valid_states }),
    });
    await recordApplicationChanges(ctx, trx, [app.id]);
    await log(ctx, trx, call, {
      purpose: EXAMINATION_PURPOSE,
      operation: `etias.manual.decision.${input.kind}`,
      legalBasis: BASIS[input.kind],
      recordRefs: [app.id, row.id],
      resultSummary: `${effect.status}${row.grounds.length > 0 ? ` (${row.grounds.join(', ')})` : ''}`,
      dataEraseAfter: effect.status === 'issued' ? (validity?.until ?? null) : null,
    });
    return toDecisionView(row);
  });
}

/** The decision the notice is about: the last one taken on the file. */
function lastDecision(decisions: readonly DecisionRow[]): DecisionRow {
  const last = decisions.at(-1);
  if (last === undefined) {
    throw notFound(
      MANUAL_ERRORS.noNotice,
      'No decision was taken on this application yet: there is no notice.',
    );
  }
  return last;
}

function pickLanguage(lang: string | undefined): NoticeLanguage {
  return lang !== undefined && isNoticeLanguage(lang) ? lang : 'en';
}

export interface NoticePdf {
  pdf: Buffer;
  lang: NoticeLanguage;
  applicationId: string;
  kind: NoticeKind;
}

/** The notice of the last decision as PDF, for the National Unit (`etias:decide`) that took it. */
export async function noticePdf(
  ctx: ManualContext,
  call: Call & { applicationId: string; lang?: string },
): Promise<NoticePdf> {
  requireExamination(call, 'etias:decide');
  const lang = pickLanguage(call.lang);
  const { app, decision } = await readThenLog(ctx, async (db, logs) => {
    const found = await existingApplication(ctx, db, call.applicationId);
    const bundle = await ctx.manual.bundle(db, found.id);
    const last = lastDecision(bundle.decisions);
    if (last.member_state !== call.actor.memberState && found.responsible_state !== call.actor.memberState) {
      throw notFound(MANUAL_ERRORS.noNotice, 'Your National Unit took no decision on this application.');
    }
    logs.add(call, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.manual.notice',
      legalBasis: MANUAL_BASIS.notice,
      recordRefs: [found.id, last.id],
      resultSummary: `notice ${last.kind} (${lang})`,
      dataEraseAfter: found.erase_after,
    });
    return { app: found, decision: last };
  });
  const data = noticeData(app, decision, lang);
  return { pdf: await renderNotice(data), lang, applicationId: app.id, kind: data.kind };
}

/** The same notice for the applicant, with the application id and the travel document's number. */
export async function applicantNoticePdf(
  ctx: ManualContext,
  input: { applicationId: string; documentNumber: string; lang?: string; requestId?: string },
): Promise<NoticePdf> {
  const call: Call = {
    actor: APPLICANT_ACTOR,
    purpose: EXAMINATION_PURPOSE,
    ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
  };
  const lang = pickLanguage(input.lang);
  const { app, decision } = await readThenLog(ctx, async (db, logs) => {
    const found = await applicantsApplication(ctx, db, input.applicationId, input.documentNumber);
    const last = lastDecision((await ctx.manual.bundle(db, found.id)).decisions);
    logs.add(call, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.manual.notice.read-by-applicant',
      legalBasis: MANUAL_BASIS.notice,
      queryDataTypes: ['applicationId', 'documentNumber'],
      recordRefs: [found.id, last.id],
      resultSummary: `notice ${last.kind} (${lang})`,
      dataEraseAfter: found.erase_after,
    });
    return { app: found, decision: last };
  });
  const data = noticeData(app, decision, lang);
  return { pdf: await renderNotice(data), lang, applicationId: app.id, kind: data.kind };
}

/** What sends a valid authorisation to a National Unit for a revocation review (art. 41(3)-(4)). */
export interface RevocationTrigger {
  trigger: 'sis-refusal-alert' | 'watchlist-entry';
  /** The record behind it: `sis:SIS-…` or `watchlist:wl_…`. */
  recordRef: string;
  /** The state that entered the alert or the watchlist entry: its National Unit reviews (art. 41(3)-(4)). */
  memberState: string;
}

/**
 * Art. 41(3)-(4): a new SIS refusal alert or watchlist entry matching a valid authorisation puts it in the
 * National Unit queue of the state that entered the data, as a "revocation review". Nothing is revoked
 * here: a person of that National Unit decides. The same record opens one review per file only. Returns
 * whether a review was opened (false when the authorisation is not valid any more, or already under review
 * for this record).
 */
export async function reviewForRevocation(
  ctx: ManualContext,
  applicationId: string,
  trigger: RevocationTrigger,
  options: { requestId?: string } = {},
): Promise<{ opened: boolean }> {
  const call: Call = {
    actor: ETIAS_SYSTEM_ACTOR,
    purpose: EXAMINATION_PURPOSE,
    ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
  };
  const state = findMemberState(trigger.memberState)?.alpha2 ?? trigger.memberState.toUpperCase();
  const { value } = await ctx.writes.run(null, async (trx) => {
    const app = await ctx.repo.lockApplication(trx, applicationId);
    const now = ctx.clock.now();
    if (
      app === undefined ||
      app.status !== 'issued' ||
      app.valid_until === null ||
      app.valid_until < isoDate(now)
    ) {
      return false;
    }
    const opened = await ctx.manual.openReview(trx, {
      id: `erv_${randomUUID()}`,
      application_id: app.id,
      member_state: state,
      trigger: trigger.trigger,
      record_ref: trigger.recordRef,
      opened_at: now,
      closed_at: null,
      closed_by: null,
    });
    if (!opened) {
      return false;
    }
    await event(ctx, trx, app.id, 'revocation-review', ETIAS_SYSTEM_ACTOR, {
      trigger: trigger.trigger,
      recordRef: trigger.recordRef,
      memberState: state,
    });
    await recordApplicationChanges(ctx, trx, [app.id]);
    await log(ctx, trx, call, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.manual.revocation-review',
      legalBasis: MANUAL_BASIS.revocation,
      recordRefs: [app.id, trigger.recordRef],
      resultSummary: `sent to the National Unit of ${state} for a revocation review (${trigger.trigger})`,
      dataEraseAfter: app.erase_after,
    });
    return true;
  });
  return { opened: value };
}
