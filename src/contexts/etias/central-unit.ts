import { requireAccess } from '../access/index.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import type { SortOrder } from '../../platform/sorting.ts';
import {
  EXAMINATION_PURPOSE,
  LEGAL_BASIS,
  log,
  readThenLog,
  type Call,
  type EtiasContext,
  type WriteCall,
} from './context.ts';
import { ETIAS_ERRORS } from './errors.ts';
import { HIT_RULES, type Queue } from './model.ts';
import {
  DUE_SOON_HOURS,
  toFile,
  toSummary,
  type ApplicationFile,
  type ApplicationSummary,
} from './present.ts';
import { issueAuthorisation, moveToNationalUnit, recordEvent, responsibleState } from './processing.ts';
import type { QueueSortField } from './repository.ts';

/** Filters, order and page of a queue. */
export interface QueueOptions {
  deadline?: 'overdue' | 'soon';
  /** The "due soon" window in hours (default {@link DUE_SOON_HOURS}). */
  dueWithinHours?: number;
  nationality?: string;
  rule?: string;
  sort: SortOrder<QueueSortField>;
  limit: number;
  offset: number;
}

export interface QueuePage {
  items: Array<ApplicationSummary & { openHits: number; rules: string[] }>;
  total: number;
}

/**
 * A page of a queue of `manual` files with its total: the Central Unit's (art. 22, `etias:verify`) or a
 * National Unit's (art. 26, `etias:decide`: only the files of the officer's own state). Logged (art. 69).
 */
export async function listQueue(
  ctx: EtiasContext,
  call: Call & QueueOptions & { queue: Queue },
): Promise<QueuePage> {
  const purpose =
    call.queue === 'central-unit'
      ? requireAccess({ actor: call.actor, permission: 'etias:verify', purpose: call.purpose })
      : requireAccess({ actor: call.actor, permission: 'etias:decide', purpose: call.purpose });
  if (call.rule !== undefined && !(HIT_RULES as readonly string[]).includes(call.rule)) {
    throw invalid(ETIAS_ERRORS.requestInvalid, `rule must be one of ${HIT_RULES.join(', ')}.`);
  }
  const now = ctx.clock.now();
  return readThenLog(ctx, async (db, logs) => {
    const { rows, total } = await ctx.repo.queuePage(db, {
      queue: call.queue,
      responsibleState: call.queue === 'national-unit' ? call.actor.memberState : null,
      deadline: call.deadline ?? null,
      now,
      dueBefore: new Date(now.getTime() + (call.dueWithinHours ?? DUE_SOON_HOURS) * 3_600_000),
      nationality: call.nationality ?? null,
      rule: call.rule ?? null,
      sort: call.sort,
      limit: call.limit,
      offset: call.offset,
    });
    logs.add(call, {
      purpose,
      operation: `etias.queue.${call.queue}`,
      legalBasis: call.queue === 'central-unit' ? LEGAL_BASIS.verification : LEGAL_BASIS.manual,
      queryDataTypes: Object.keys({
        ...(call.nationality === undefined ? {} : { nationality: 1 }),
        ...(call.rule === undefined ? {} : { rule: 1 }),
        ...(call.deadline === undefined ? {} : { deadline: 1 }),
      }),
      recordRefs: rows.map((r) => r.id),
      resultSummary: `${rows.length} of ${total} files`,
    });
    return {
      items: rows.map((r) => ({ ...toSummary(r, now), openHits: r.open_hits, rules: r.rules })),
      total,
    };
  });
}

/**
 * The full file (`etias:read`): the application, each hit with the record it hit (for side-by-side
 * comparison), the history and the deadlines. Logged (art. 69).
 *
 * @throws AppError `ETIAS_APPLICATION_NOT_FOUND`
 */
export async function viewApplication(
  ctx: EtiasContext,
  call: Call & { id: string },
): Promise<ApplicationFile> {
  const purpose = requireAccess({ actor: call.actor, permission: 'etias:read', purpose: call.purpose });
  const now = ctx.clock.now();
  const file = await readThenLog(ctx, async (db, logs) => {
    const row = await ctx.repo.findApplication(db, call.id);
    if (row === undefined) {
      return null;
    }
    const [hits, events] = await Promise.all([ctx.repo.hitsOf(db, row.id), ctx.repo.eventsOf(db, row.id)]);
    logs.add(call, {
      purpose,
      operation: 'etias.application.view',
      legalBasis: LEGAL_BASIS.file,
      queryDataTypes: ['applicationId'],
      recordRefs: [row.id, ...new Set(hits.map((h) => h.record_ref))],
      resultSummary: `${row.status}${row.queue === null ? '' : ` (${row.queue})`}, ${hits.length} hit(s)`,
      dataEraseAfter: row.erase_after,
    });
    return toFile(row, hits, events, now);
  });
  if (file === null) {
    throw notFound(ETIAS_ERRORS.applicationNotFound, `No application ${call.id}.`);
  }
  return file;
}

/**
 * The Central Unit's verification of one hit (art. 22): `false` (the data do not correspond) or `confirmed`
 * (they do, or doubt remains, art. 22(4)-(5)). Once every routing hit of the file is verified: all false →
 * the authorisation is issued with the flag `false-hit-assessed` (art. 36(3)); any confirmed → the file goes to
 * the National Unit of the responsible state (art. 25, {@link responsibleState}). With `version` the write is
 * refused when the file changed since it was read.
 *
 * @throws AppError `ETIAS_APPLICATION_NOT_FOUND`, `ETIAS_HIT_NOT_FOUND`, `ETIAS_HIT_NOT_OPEN`,
 *   `ETIAS_VERSION_CONFLICT`, `ETIAS_REQUEST_INVALID`
 */
export async function verifyHit(
  ctx: EtiasContext,
  call: WriteCall & {
    applicationId: string;
    hitId: string;
    verdict: 'false' | 'confirmed';
    note?: string;
    version?: number;
  },
): Promise<{ value: ApplicationFile; replayed: boolean }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'etias:verify', purpose: call.purpose });
  if (call.verdict !== 'false' && call.verdict !== 'confirmed') {
    throw invalid(ETIAS_ERRORS.requestInvalid, 'verdict must be false or confirmed.', { field: 'verdict' });
  }
  const note = call.note?.trim() ?? '';
  if (note.length > 2000) {
    throw invalid(ETIAS_ERRORS.requestInvalid, 'note must have at most 2000 characters.', { field: 'note' });
  }
  const idem =
    call.idempotencyKey === null || call.idempotencyKey === undefined
      ? null
      : {
          scope: `${call.actor.userId ?? call.actor.username}:etias.hit.verify`,
          key: call.idempotencyKey,
          request: {
            a: call.applicationId,
            h: call.hitId,
            v: call.verdict,
            n: note,
            ver: call.version ?? null,
          },
        };
  return ctx.writes.run(idem, async (trx) => {
    const app = await ctx.repo.lockApplication(trx, call.applicationId);
    if (app === undefined) {
      throw notFound(ETIAS_ERRORS.applicationNotFound, `No application ${call.applicationId}.`);
    }
    if (call.version !== undefined && call.version !== app.version) {
      throw conflict(
        ETIAS_ERRORS.versionConflict,
        `The file was changed since it was read (version ${app.version}, not ${call.version}): reload it.`,
        { version: app.version },
      );
    }
    const hits = await ctx.repo.hitsOf(trx, app.id);
    const hit = hits.find((h) => h.id === call.hitId);
    if (hit === undefined) {
      throw notFound(ETIAS_ERRORS.hitNotFound, `Application ${app.id} has no hit ${call.hitId}.`);
    }
    if (hit.state !== 'open' || app.status !== 'manual' || app.queue !== 'central-unit') {
      throw conflict(
        ETIAS_ERRORS.hitNotOpen,
        hit.state !== 'open'
          ? `Hit ${hit.id} was verified already (${hit.state}).`
          : `Application ${app.id} is not in the Central Unit's queue (${app.status}${app.queue === null ? '' : `, ${app.queue}`}).`,
        { state: hit.state, status: app.status },
      );
    }
    const now = ctx.clock.now();
    await ctx.repo.updateHit(trx, hit.id, {
      state: call.verdict,
      verified_by: call.actor.username,
      verified_at: now,
      note: note === '' ? null : note,
    });
    hit.state = call.verdict;
    await recordEvent(ctx, trx, app.id, 'hit-verified', call.actor, {
      hitId: hit.id,
      rule: hit.rule,
      verdict: call.verdict,
      ...(note === '' ? {} : { note }),
    });
    const routing = hits.filter((h) => !h.notify_only);
    let row = app;
    if (routing.every((h) => h.state !== 'open')) {
      if (routing.every((h) => h.state === 'false')) {
        row = await issueAuthorisation(ctx, trx, app, {
          decidedBy: call.actor,
          flags: ['false-hit-assessed'],
        });
      } else {
        row = await moveToNationalUnit(ctx, trx, app, {
          state: responsibleState(app, routing),
          actor: call.actor,
          reason: 'hit confirmed by the Central Unit (art. 22(5))',
        });
      }
    } else {
      const bumped = await ctx.repo.updateApplication(trx, app.id, { updated_at: now });
      row = bumped ?? app;
    }
    await log(ctx, trx, call, {
      purpose,
      operation: 'etias.hit.verify',
      legalBasis: LEGAL_BASIS.verification,
      recordRefs: [app.id, hit.record_ref],
      resultSummary: `hit ${hit.rule} ${call.verdict}; file ${row.status}${row.queue === null ? '' : ` (${row.queue})`}`,
      dataEraseAfter: row.erase_after,
    });
    const [allHits, events] = await Promise.all([
      ctx.repo.hitsOf(trx, app.id),
      ctx.repo.eventsOf(trx, app.id),
    ]);
    return toFile(row, allHits, events, now);
  });
}

export { EXAMINATION_PURPOSE };
