import { randomUUID } from 'node:crypto';
import type { IndexChange } from '../matching/index.ts';
import { requireAccess } from '../access/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import { conflict, forbidden, invalid, isAppError, notFound } from '../../platform/errors.ts';
import { plusDays } from '../../platform/dates.ts';
import {
  ALERT_MANAGEMENT,
  idempotency,
  log,
  plusMonths,
  plusYears,
  readThenLog,
  recordAlertChanges,
  recordHitChanges,
  today,
  type Call,
  type SisContext,
  type WriteCall,
} from './context.ts';
import { compactIdentifier } from './identifiers/fold.ts';
import { SIS_ERRORS } from './errors.ts';
import {
  CATEGORY_INFO,
  type AlertCategory,
  type AlertInput,
  type AlertSortColumn,
  type AlertStatus,
} from './model.ts';
import { presentAlert, type AlertView } from './present.ts';
import type { AlertRow } from './repository.ts';
import { reviewPeriod } from './settings.ts';
import { alertContentColumns, newAlertRow, prepareAlert, type PreparedAlert } from './validate.ts';
import type { Template, TemplateInput } from '../sbms/index.ts';

/** Only the issuing member state changes or deletes its alerts (2018/1862 art. 59 [K]). */
function assertIssuer(call: Call, row: AlertRow): void {
  if (call.actor.authorityType !== 'system' && row.issuing_state !== call.actor.memberState) {
    throw forbidden(
      SIS_ERRORS.notIssuingState,
      `Alert ${row.id} was issued by ${row.issuing_state}; only that state's authorities may change or delete it. Ask its SIRENE Bureau through a supplementary-information exchange.`,
      { issuingState: row.issuing_state },
    );
  }
}

export async function lockedAlert(ctx: SisContext, trx: Executor, id: string): Promise<AlertRow> {
  const row = await ctx.repo.lockAlert(trx, id);
  if (row === undefined) {
    throw notFound(SIS_ERRORS.alertNotFound, `There is no SIS alert "${id}".`, { alertId: id });
  }
  return row;
}

async function checkLinks(
  ctx: SisContext,
  trx: Executor,
  id: string,
  links: readonly string[],
): Promise<void> {
  if (links.includes(id)) {
    throw invalid(SIS_ERRORS.alertInvalid, 'An alert cannot be linked to itself.', {
      issues: [{ path: 'links', message: 'lists the alert itself' }],
    });
  }
  const found = new Set((await ctx.repo.findAlerts(trx, links)).map((r) => r.id));
  const missing = links.filter((l) => !found.has(l));
  if (missing.length > 0) {
    throw notFound(SIS_ERRORS.linkedAlertNotFound, `Linked alert(s) not found: ${missing.join(', ')}.`, {
      missing,
    });
  }
}

async function storeKeys(ctx: SisContext, trx: Executor, id: string, p: PreparedAlert): Promise<void> {
  await ctx.repo.replaceKeys(trx, id, p.names, p.identifiers);
  await ctx.repo.replaceLinks(trx, id, p.input.links ?? [], ctx.clock.now());
  await recordAlertChanges(ctx, trx, [id]);
}

async function view(ctx: SisContext, db: Executor, id: string): Promise<AlertView> {
  const row = await ctx.repo.findAlert(db, id);
  if (row === undefined) {
    throw new Error('alert vanished inside its own transaction');
  }
  return presentAlert(row, (await ctx.repo.linksOf(db, [id])).get(id) ?? []);
}

/** The confirmed identity of a person alert, as the identity index holds it (aliases stay in SQL). */
async function stageIdentity(
  ctx: SisContext,
  trx: Executor,
  id: string,
  input: AlertInput,
): Promise<IndexChange | null> {
  if (!ctx.identityIndex) {
    return null;
  }
  const p = input.person;
  if (!p?.surname) {
    return (await ctx.identityIndex.stageRemoval(trx, 'sis', [id])).change;
  }
  const identity = {
    system: 'sis',
    recordRef: id,
    surname: p.surname,
    givenNames: p.givenNames ?? '',
    birthDate: p.birthDate ?? '',
    sex: p.sex ?? '',
    nationalities: p.nationalities ?? [],
    placeOfBirth: p.placeOfBirth ?? '',
    documentNumber: p.documents?.[0]?.number ?? '',
  };
  try {
    return await ctx.identityIndex.stage(trx, identity);
  } catch (err) {
    // An identity the index cannot take (e.g. an unknown-suspect alert without names) stays findable in SQL.
    if (isAppError(err) && err.kind === 'Invalid') {
      return null;
    }
    throw err;
  }
}

/**
 * Decodes a person alert's templates with the quality gate of 2019/817 art. 13(3) (a template too poor to be
 * stored is refused with `SBMS_QUALITY_TOO_LOW`, naming it); undefined when the alert gives none.
 */
export function decodeAlertBiometrics(
  ctx: SisContext,
  inputs: readonly TemplateInput[] | undefined,
): Template[] | undefined {
  if (inputs === undefined) {
    return undefined;
  }
  if (ctx.biometrics === undefined) {
    throw invalid(
      SIS_ERRORS.biometricsUnavailable,
      'This installation has no biometric matching service: enter the alert without templates.',
      { issues: [{ path: 'biometrics', message: 'cannot be stored here' }] },
    );
  }
  return ctx.biometrics.decode(inputs, 'biometrics');
}

/** What the log says of enrolled templates: their kinds, never their content. */
export function describeTemplates(templates: readonly Template[]): string {
  const face = templates.some((t) => t.modality === 'face');
  const fingers = templates.filter((t) => t.modality === 'finger').length;
  const parts = [
    ...(face ? ['facial image'] : []),
    ...(fingers > 0 ? [`${fingers} fingerprint${fingers === 1 ? '' : 's'}`] : []),
  ];
  return parts.length === 0 ? 'no biometric data' : parts.join(' and ');
}

/**
 * Stores (or, given none, removes) an alert's templates in the `sis` partition of the biometric matching
 * service, in the alert's own transaction: the alert and its templates commit or fail together.
 */
async function storeBiometrics(
  ctx: SisContext,
  trx: Executor,
  id: string,
  templates: readonly Template[] | undefined,
): Promise<void> {
  if (templates === undefined || ctx.biometrics === undefined) {
    return;
  }
  if (templates.length === 0) {
    await ctx.biometrics.remove(trx, 'sis', [id]);
  } else {
    await ctx.biometrics.enrol(trx, 'sis', id, templates);
  }
}

/**
 * Enters an alert for the actor's member state and authority. Every field is validated; the review date
 * follows from the category (2018/1862 art. 53; 1861 art. 39; art. 55 for objects), counted from the day the
 * alert was entered. `enteredOn` (in-process callers only, never over HTTP) dates an alert entered earlier,
 * e.g. in a world made for training, whose review then falls due as it would have.
 */
export async function createAlert(
  ctx: SisContext,
  call: WriteCall & { alert: AlertInput; enteredOn?: string },
): Promise<{ alert: AlertView; replayed: boolean }> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'sis:alerts:write',
    purpose: call.purpose,
    forPurposes: ALERT_MANAGEMENT,
  });
  const day = today(ctx);
  const prepared = prepareAlert(call.alert, day);
  const templates = decodeAlertBiometrics(ctx, call.alert.biometrics);
  const entered = call.enteredOn ?? day;
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(entered) || entered > day) {
    throw new Error(`enteredOn must be a calendar date not after ${day}, not "${entered}"`);
  }
  const review = reviewPeriod(call.alert, entered, ctx.settings);
  let staged: IndexChange | null = null;
  const { value, replayed } = await ctx.writes.run(
    idempotency(call, 'sis.alerts.create', call.alert),
    async (trx) => {
      const id = `sis_${randomUUID()}`;
      await checkLinks(ctx, trx, id, prepared.input.links ?? []);
      const now = ctx.clock.now();
      const enteredAt = entered === day ? now : new Date(`${entered}T09:00:00Z`);
      const reviewDue = plusYears(entered, review.years);
      await ctx.repo.insertAlert(
        trx,
        newAlertRow({
          id,
          prepared,
          issuer: {
            memberState: call.actor.memberState,
            authority: call.actor.authorityName,
            authorityId: call.actor.authorityId,
          },
          createdBy: call.actor.username,
          enteredAt,
          review: { due: reviewDue, basis: review.basis },
        }),
      );
      await storeKeys(ctx, trx, id, prepared);
      await storeBiometrics(ctx, trx, id, templates);
      staged = await stageIdentity(ctx, trx, id, prepared.input);
      await log(ctx, trx, call, {
        purpose,
        operation: 'sis.alerts.create',
        legalBasis: CATEGORY_INFO[prepared.input.category].legalBasis,
        recordRefs: [id],
        resultSummary: `${prepared.input.category} alert entered${entered === day ? '' : ` as of ${entered}`}; review due ${reviewDue}${
          templates && templates.length > 0 ? `; ${describeTemplates(templates)} enrolled` : ''
        }`,
        alertReviewDue: reviewDue,
      });
      return view(ctx, trx, id);
    },
  );
  applyStaged(ctx, staged);
  return { alert: value, replayed };
}

/**
 * Replaces the content of an alert (the issuing state only). The category cannot change — that is a new
 * alert — and the review date stays. With `version`, a concurrent change by someone else is refused.
 */
export async function updateAlert(
  ctx: SisContext,
  call: WriteCall & { alertId: string; alert: AlertInput; version?: number },
): Promise<{ alert: AlertView; replayed: boolean }> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'sis:alerts:write',
    purpose: call.purpose,
    forPurposes: ALERT_MANAGEMENT,
  });
  const prepared = prepareAlert(call.alert, today(ctx));
  const templates = decodeAlertBiometrics(ctx, call.alert.biometrics);
  const request = { alertId: call.alertId, alert: call.alert, version: call.version };
  let staged: IndexChange | null = null;
  const { value, replayed } = await ctx.writes.run(
    idempotency(call, 'sis.alerts.update', request),
    async (trx) => {
      const row = await lockedAlert(ctx, trx, call.alertId);
      assertIssuer(call, row);
      if (call.version !== undefined && call.version !== row.version) {
        throw conflict(
          SIS_ERRORS.alertVersionConflict,
          `Alert ${row.id} is at version ${row.version}, not ${call.version}: reload it and apply your change again.`,
          { version: row.version },
        );
      }
      if (row.category !== prepared.input.category) {
        throw invalid(
          SIS_ERRORS.alertInvalid,
          'The category of an alert cannot change: delete it and enter a new one.',
          {
            issues: [{ path: 'category', message: `must stay ${row.category}` }],
          },
        );
      }
      await checkLinks(ctx, trx, row.id, prepared.input.links ?? []);
      await ctx.repo.updateAlert(trx, row.id, {
        ...alertContentColumns(prepared),
        updated_at: ctx.clock.now(),
        version: row.version + 1,
      });
      await storeKeys(ctx, trx, row.id, prepared);
      await storeBiometrics(ctx, trx, row.id, templates);
      staged = await stageIdentity(ctx, trx, row.id, prepared.input);
      await log(ctx, trx, call, {
        purpose,
        operation: 'sis.alerts.update',
        legalBasis: CATEGORY_INFO[prepared.input.category].legalBasis,
        recordRefs: [row.id],
        resultSummary: `alert updated to version ${row.version + 1}${
          templates === undefined ? '' : `; biometric data replaced by ${describeTemplates(templates)}`
        }`,
        alertReviewDue: row.review_due,
      });
      return view(ctx, trx, row.id);
    },
  );
  applyStaged(ctx, staged);
  return { alert: value, replayed };
}

/**
 * Deletes alerts inside the caller's transaction and starts the art. 64 clock of their SIRENE files: hits
 * and exchanged messages stay, without the alert, for `sireneFileYearsAfterDeletion` and are then erased.
 * Names, identifiers, links, notices and extensions go with the alert.
 */
export async function eraseAlerts(
  ctx: SisContext,
  trx: Executor,
  ids: readonly string[],
  day: string,
): Promise<number> {
  const hits = await ctx.repo.markHitsOfDeletedAlerts(
    trx,
    ids,
    day,
    plusYears(day, ctx.settings.sireneFileYearsAfterDeletion),
  );
  if (ctx.identityIndex) {
    // Rows go now; the in-memory index follows after commit (retention's cascade, or deleteAlert below).
    await ctx.identityIndex.stageRemoval(trx, 'sis', ids);
  }
  const deleted = await ctx.repo.deleteAlerts(trx, ids);
  await recordAlertChanges(ctx, trx, ids);
  // Their open exchanges close with them (the statistics' hits awaiting a reply follow this topic).
  if (hits.length > 0) {
    await recordHitChanges(ctx, trx, hits);
  }
  return deleted;
}

function applyStaged(ctx: SisContext, change: IndexChange | null): void {
  if (change !== null) {
    ctx.identityIndex?.apply(change);
  }
}

/** Deletes an alert (the issuing state only), e.g. when its decision is withdrawn or its action was taken. */
export async function deleteAlert(
  ctx: SisContext,
  call: WriteCall & { alertId: string; reason: string },
): Promise<{ deleted: { alertId: string; deletedOn: string }; replayed: boolean }> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'sis:alerts:write',
    purpose: call.purpose,
    forPurposes: ALERT_MANAGEMENT,
  });
  if (call.reason.trim() === '') {
    throw invalid(
      SIS_ERRORS.alertInvalid,
      'Give the reason for deleting the alert (e.g. the decision was withdrawn).',
      {
        issues: [{ path: 'reason', message: 'is required' }],
      },
    );
  }
  const request = { alertId: call.alertId, reason: call.reason };
  const { value, replayed } = await ctx.writes.run(
    idempotency(call, 'sis.alerts.delete', request),
    async (trx) => {
      const row = await lockedAlert(ctx, trx, call.alertId);
      assertIssuer(call, row);
      const day = today(ctx);
      await eraseAlerts(ctx, trx, [row.id], day);
      // The templates go with the alert (2019/817 art. 15 [K]); the retention run's erasure removes them
      // through the biometric service's cascade instead.
      await ctx.biometrics?.remove(trx, 'sis', [row.id]);
      await log(ctx, trx, call, {
        purpose,
        operation: 'sis.alerts.delete',
        legalBasis: 'Reg. (EU) 2018/1862 art. 55; Reg. (EU) 2018/1861 art. 40',
        recordRefs: [row.id],
        resultSummary: `${row.category} alert deleted: ${call.reason.slice(0, 200)}`,
        alertReviewDue: day,
      });
      return { alertId: row.id, deletedOn: day };
    },
  );
  applyStaged(ctx, { kind: 'remove', system: 'sis', recordRefs: [value.alertId] });
  return { deleted: value, replayed };
}

/** One alert in full, for SIRENE and the police; the read is logged (2018/1862 art. 12). */
export async function getAlert(ctx: SisContext, call: Call & { alertId: string }): Promise<AlertView> {
  const purpose = requireAccess({ actor: call.actor, permission: 'sis:alerts:read', purpose: call.purpose });
  return readThenLog(ctx, async (trx, logs) => {
    const row = await ctx.repo.findAlert(trx, call.alertId);
    if (row === undefined) {
      throw notFound(SIS_ERRORS.alertNotFound, `There is no SIS alert "${call.alertId}".`, {
        alertId: call.alertId,
      });
    }
    logs.add(call, {
      purpose,
      operation: 'sis.alerts.read',
      legalBasis: CATEGORY_INFO[row.category as AlertInput['category']].legalBasis,
      recordRefs: [row.id],
      resultSummary: 'alert read',
      alertReviewDue: row.review_due,
    });
    return presentAlert(row, (await ctx.repo.linksOf(trx, [row.id])).get(row.id) ?? []);
  });
}

/** Filters of {@link listAlerts}; each one left out means "any". */
export interface AlertListQuery {
  category?: AlertCategory;
  issuingState?: string;
  status?: AlertStatus;
  /** Free text: names, reasons, references, identifiers (compact or as typed) or the alert id. */
  text?: string;
  /** Sort column (default: when entered) and direction (default: descending); ties by alert id. */
  sort?: AlertSortColumn;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/** An alert in the list, with where it stands in its life. */
export interface AlertListItem {
  alert: AlertView;
  status: AlertStatus;
}

function statusOf(reviewDue: string, day: string, until: string): AlertStatus {
  if (reviewDue < day) {
    return 'review-overdue';
  }
  return reviewDue <= until ? 'review-due' : 'active';
}

/**
 * The alerts of every member state, newest first or sorted by a column, filtered by category, issuing state, status and free text
 * (SIRENE and the police; 2018/1862 art. 44). The read is logged with the alerts shown (art. 12).
 */
export async function listAlerts(
  ctx: SisContext,
  call: Call & { query: AlertListQuery },
): Promise<{ alerts: AlertListItem[]; total: number; today: string; reviewWindowEnds: string }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'sis:alerts:read', purpose: call.purpose });
  const q = call.query;
  const day = today(ctx);
  const until = plusMonths(day, ctx.settings.advanceWarningMonths);
  const text = q.text?.trim() ?? '';
  const range: Record<AlertStatus, [string | null, string | null]> = {
    active: [plusDays(until, 1), null],
    'review-due': [day, until],
    'review-overdue': [null, plusDays(day, -1)],
  };
  const [from, to] = q.status === undefined ? [null, null] : range[q.status];
  return readThenLog(ctx, async (trx, logs) => {
    const { rows, total } = await ctx.repo.listAlerts(trx, {
      category: q.category ?? null,
      issuingState: q.issuingState ?? null,
      reviewDueFrom: from,
      reviewDueTo: to,
      text: text === '' ? null : text,
      compactText: compactIdentifier(text),
      sort: q.sort ?? 'entered',
      order: q.order ?? 'desc',
      limit: Math.min(Math.max(q.limit ?? 50, 1), 200),
      offset: Math.max(q.offset ?? 0, 0),
    });
    const ids = rows.map((r) => r.id);
    const links = await ctx.repo.linksOf(trx, ids);
    const filters = [
      q.category && `category ${q.category}`,
      q.issuingState && `issued by ${q.issuingState}`,
      q.status && `status ${q.status}`,
      text !== '' && 'text',
    ].filter(Boolean);
    logs.add(call, {
      purpose,
      operation: 'sis.alerts.list',
      legalBasis: 'Reg. (EU) 2018/1862 art. 44; Reg. (EU) 2018/1861 art. 34',
      recordRefs: ids,
      resultSummary: `${rows.length} of ${total} alert(s) listed${filters.length > 0 ? ` (${filters.join(', ')})` : ''}`,
    });
    return {
      alerts: rows.map((r) => ({
        alert: presentAlert(r, links.get(r.id) ?? []),
        status: statusOf(r.review_due, day, until),
      })),
      total,
      today: day,
      reviewWindowEnds: until,
    };
  });
}
