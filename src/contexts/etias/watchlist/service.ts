import { requireAccess, type Actor, type Purpose } from '../../access/index.ts';
import { normaliseName } from '../../identity/index.ts';
import type { IndexChange } from '../../matching/index.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { isoDate, plusDays, plusMonths } from '../../../platform/dates.ts';
import type { Executor } from '../../../platform/database/index.ts';
import type { CheckHit, CheckOutcome, CheckSubject, EtiasCheck } from '../model.ts';
import { log, newId, today, type Call, type RulesDeps } from '../screening/context.ts';
import { RULES_ERRORS } from '../screening/errors.ts';
import {
  EUROPOL,
  documentKey,
  emailKey,
  exactKeys,
  hasIdentity,
  matchEntry,
  phoneKey,
  surnameKey,
  validateWatchlistData,
  type WatchlistData,
} from './entry.ts';
import { WatchlistRepository, type EntryImpact, type StoredEntry } from './repository.ts';

const LEGAL = 'Reg. (EU) 2018/1240 arts. 34-35';
/** The identity index system the entries' identities are staged under. */
export const WATCHLIST_SYSTEM = 'etias-watchlist';

/** One entry as the interface shows it. */
export interface EntryView {
  id: string;
  /** `EUROPOL` or the member state's code (art. 34(4)). */
  owner: string;
  reason: string;
  data: WatchlistData;
  enteredBy: string;
  /** The authority whose user entered it: a Europol entry is entered by the Central Unit on its behalf. */
  enteredByAuthority: string;
  enteredAt: string;
  reviewDue: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  impact: EntryImpact | null;
  recordRef: string;
}

/** A valid authorisation that a new entry matches (art. 41(4)). */
export interface AuthorisationMatch {
  applicationId: string;
  entryId: string;
  /** Who entered the data: a member state, or `EUROPOL`. */
  owner: string;
  /**
   * The member state whose National Unit reviews the file for revocation (art. 41(4)): the owner, or for a
   * Europol entry the applicant's state of intended first stay (art. 25(2) [K]), else `EUROPOL`.
   */
  memberState: string;
  explanation: string[];
}

/**
 * Told, once the entry is committed, of each valid authorisation the new entry matches (art. 41(4)): manual
 * processing opens a revocation review in its own transaction (`EtiasManualService.reviewForRevocation` with
 * trigger `watchlist-entry` and record `watchlist:<entryId>`).
 */
export type WatchlistMatchListener = (match: AuthorisationMatch) => Promise<void>;

/** The SIS alert that has priority over a watchlist entry (art. 35(2)(c)). */
export interface SisPriority {
  recordRef: string;
  rule: string;
  explanation: string[];
}

/** What a preview of an entry tells before it is entered: the SIS check and the impact. */
export interface EntryPreview {
  /** Alerts the data match (same or similar identity, document): any means no entry (SIS has priority). */
  sisAlerts: SisPriority[];
  impact: EntryImpact;
}

export function presentEntry(r: StoredEntry): EntryView {
  return {
    id: r.id,
    owner: r.owner,
    reason: r.reason,
    data: r.data,
    enteredBy: r.entered_by,
    enteredByAuthority: r.entered_by_authority,
    enteredAt: r.entered_at.toISOString(),
    reviewDue: r.review_due,
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    reviewedBy: r.reviewed_by,
    impact: r.impact,
    recordRef: `watchlist:${r.id}`,
  };
}

/** The owner an actor enters for: the Central Unit enters Europol's data on its behalf, a National Unit its own. */
function ownerOf(actor: Actor): string {
  return actor.authorityType === 'etias-central' ? EUROPOL : actor.memberState;
}

/** The applicant-shaped subject of an entry's data, once per document (the SIS check's input). */
function subjectsOf(id: string, data: WatchlistData): CheckSubject[] {
  const docs = data.documents?.length ? data.documents : [undefined];
  return docs.map((d) => ({
    applicationId: id,
    surname: data.surname ?? data.surnameAtBirth ?? '',
    givenNames: data.givenNames ?? '',
    ...(data.surnameAtBirth !== undefined ? { surnameAtBirth: data.surnameAtBirth } : {}),
    otherNames: data.otherNames ?? [],
    birthDate: data.birthDate ?? '',
    sex: data.sex ?? 'X',
    nationalities: data.nationalities ?? [],
    placeOfBirth: data.placeOfBirth ?? '',
    countryOfBirth: data.countryOfBirth ?? '',
    document: {
      type: d?.type ?? '',
      number: d?.number ?? '',
      issuingState: d?.issuingState ?? '',
      expiry: '',
    },
    residence: { country: '', city: '' },
    email: data.email ?? '',
    ...(data.phone !== undefined ? { phone: data.phone } : {}),
  }));
}

/**
 * The ETIAS watchlist (arts. 34-35): entries of Europol and the member states, checked against SIS before
 * they are entered (SIS has priority), with the share of past applications they would hit; reviewed at least
 * yearly; compared with every application in automated processing and, when new, with every valid
 * authorisation (art. 41(4)).
 */
export class Watchlist {
  readonly #deps: RulesDeps;
  readonly #repo = new WatchlistRepository();
  readonly #listeners = new Set<WatchlistMatchListener>();

  constructor(deps: RulesDeps) {
    this.#deps = deps;
  }

  /**
   * The hook of art. 41(4): `listener` is told, after a new entry is committed, of every valid authorisation
   * the entry matches, with the state whose National Unit reviews it for revocation. Returns the unsubscribe
   * function. A listener that fails does not undo the entry; the failure reaches the caller.
   */
  onWatchlistMatchOfValidAuthorisation(listener: WatchlistMatchListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #access(call: Call): Purpose | null {
    return requireAccess({
      actor: call.actor,
      permission: 'etias:watchlist',
      purpose: call.purpose,
      forPurposes: ['etias-examination'],
    });
  }

  /** The owner whose entries the actor sees: all for the Central Unit, its own state's for a National Unit. */
  #visibleOwner(actor: Actor): string | null {
    return actor.authorityType === 'etias-central' || actor.authorityType === 'system'
      ? null
      : actor.memberState;
  }

  /** One page of the entries the actor may see, soonest review first; `dueBy` keeps those due by that day. */
  async list(
    call: Call & { dueBy?: string; limit?: number; offset?: number },
  ): Promise<{ items: EntryView[]; total: number }> {
    const purpose = this.#access(call);
    return this.#deps.database.db.transaction().execute(async (trx) => {
      const { rows, total } = await this.#repo.page(trx, {
        owner: this.#visibleOwner(call.actor),
        dueBy: call.dueBy ?? null,
        limit: Math.min(Math.max(call.limit ?? 50, 1), 500),
        offset: Math.max(call.offset ?? 0, 0),
      });
      await log(this.#deps, trx, call, {
        purpose,
        operation: 'etias.watchlist.list',
        legalBasis: LEGAL,
        recordRefs: rows.map((r) => `watchlist:${r.id}`),
        resultSummary: `${rows.length} of ${total} entries${call.dueBy ? ` due by ${call.dueBy}` : ''}`,
      });
      return { items: rows.map(presentEntry), total };
    });
  }

  /**
   * What entering the data would do, without entering them (art. 35(2)): the SIS alerts they match (any of
   * them stops the entry) and the share of past applications they would hit.
   */
  async preview(call: Call & { data: WatchlistData }): Promise<EntryPreview> {
    const purpose = this.#access(call);
    this.#check(call.data, 'reason');
    const preview = await this.#preview(call, call.data);
    await this.#deps.database.db.transaction().execute((trx) =>
      log(this.#deps, trx, call, {
        purpose,
        operation: 'etias.watchlist.preview',
        legalBasis: 'Reg. (EU) 2018/1240 art. 35(2)',
        queryDataTypes: Object.keys(call.data),
        recordRefs: preview.sisAlerts.map((a) => a.recordRef),
        resultSummary: `${preview.sisAlerts.length} SIS alert(s); impact ${preview.impact.matched}/${preview.impact.total}`,
      }),
    );
    return preview;
  }

  /**
   * Enters an entry for the actor's owner (a National Unit for its state; the Central Unit for Europol). Its
   * data are first checked against SIS: a match refuses the entry with `ETIAS_WATCHLIST_IN_SIS` naming the
   * alert (art. 35(2)(c)). The review falls a year later (art. 35(5)). The new entry is then compared with
   * every valid authorisation and each match is handed to the listeners (art. 41(4)).
   */
  async create(
    call: Call & { reason: string; data: WatchlistData },
  ): Promise<{ entry: EntryView; authorisationMatches: AuthorisationMatch[] }> {
    const purpose = this.#access(call);
    this.#check(call.data, call.reason);
    const preview = await this.#preview(call, call.data);
    const owner = ownerOf(call.actor);
    if (preview.sisAlerts.length > 0) {
      await this.#deps.database.db.transaction().execute((trx) =>
        log(this.#deps, trx, call, {
          purpose,
          operation: 'etias.watchlist.create',
          legalBasis: 'Reg. (EU) 2018/1240 art. 35(2)',
          outcome: 'denied',
          recordRefs: preview.sisAlerts.map((a) => a.recordRef),
          resultSummary: 'not entered: the data match a SIS alert, which has priority',
        }),
      );
      throw conflict(
        RULES_ERRORS.watchlistInSis,
        `The data match SIS alert ${preview.sisAlerts.map((a) => a.recordRef.replace(/^sis:/u, '')).join(', ')}: a SIS alert has priority, the entry is not made (art. 35).`,
        { alerts: preview.sisAlerts },
      );
    }
    const now = this.#deps.clock.now();
    const id = newId('wl');
    const row: StoredEntry = {
      id,
      owner,
      reason: call.reason.trim(),
      data: call.data,
      surname_norm: surnameKey(call.data),
      entered_by: call.actor.username,
      entered_by_authority:
        owner === EUROPOL ? `${call.actor.authorityName} on behalf of Europol` : call.actor.authorityName,
      entered_at: now,
      review_due: plusMonths(isoDate(now), this.#deps.watchlistReviewMonths),
      reviewed_at: null,
      reviewed_by: null,
      impact: preview.impact,
    };
    let staged: IndexChange | null = null;
    const matches = await this.#deps.database.db.transaction().execute(async (trx) => {
      await this.#repo.insert(trx, row, exactKeys(call.data));
      if (this.#deps.identityIndex !== undefined && hasIdentity(call.data)) {
        staged = await this.#deps.identityIndex.stage(trx, {
          system: WATCHLIST_SYSTEM,
          recordRef: id,
          surname: call.data.surname ?? call.data.surnameAtBirth ?? call.data.otherNames?.[0] ?? '',
          givenNames: call.data.givenNames ?? '',
          birthDate: call.data.birthDate ?? '',
          sex: call.data.sex ?? '',
          nationalities: call.data.nationalities ?? [],
          placeOfBirth: call.data.placeOfBirth ?? '',
          documentNumber: call.data.documents?.[0]?.number ?? '',
        });
      }
      const found = await this.#validMatches(trx, row);
      await log(this.#deps, trx, call, {
        purpose,
        operation: 'etias.watchlist.create',
        legalBasis: LEGAL,
        recordRefs: [`watchlist:${id}`, ...found.map((m) => `etias:${m.applicationId}`)],
        resultSummary: `entry for ${owner}, review due ${row.review_due}; impact ${preview.impact.matched}/${preview.impact.total}; ${found.length} valid authorisation(s) matched (art. 41(4))`,
      });
      return found;
    });
    if (staged !== null) {
      this.#deps.identityIndex?.apply(staged);
    }
    // After the commit: the revocation review runs in a transaction of its own (manual processing).
    for (const m of matches) {
      for (const listener of this.#listeners) {
        await listener(m);
      }
    }
    return { entry: presentEntry(row), authorisationMatches: matches };
  }

  /**
   * The yearly review (art. 35(5)): `keep` sets the next review a year from today; `remove` deletes the entry
   * (its grounds no longer hold). Only the owner reviews.
   */
  async review(
    call: Call & { id: string; decision: 'keep' | 'remove'; note?: string },
  ): Promise<EntryView | null> {
    const purpose = this.#access(call);
    let removal: IndexChange | null = null;
    const result = await this.#deps.database.db.transaction().execute(async (trx) => {
      const row = await this.#owned(trx, call.actor, call.id);
      const now = this.#deps.clock.now();
      let out: StoredEntry | null = null;
      if (call.decision === 'keep') {
        const due = plusMonths(isoDate(now), this.#deps.watchlistReviewMonths);
        await this.#repo.setReviewed(trx, row.id, due, call.actor.username, now);
        out = { ...row, review_due: due, reviewed_at: now, reviewed_by: call.actor.username };
      } else {
        await this.#repo.remove(trx, row.id);
        if (this.#deps.identityIndex !== undefined) {
          removal = (await this.#deps.identityIndex.stageRemoval(trx, WATCHLIST_SYSTEM, [row.id])).change;
        }
      }
      await log(this.#deps, trx, call, {
        purpose,
        operation: call.decision === 'keep' ? 'etias.watchlist.review' : 'etias.watchlist.remove',
        legalBasis: 'Reg. (EU) 2018/1240 art. 35(5)',
        recordRefs: [`watchlist:${row.id}`],
        resultSummary:
          (call.decision === 'keep' ? `kept, next review ${out?.review_due ?? ''}` : 'removed') +
          (call.note ? `: ${call.note.slice(0, 200)}` : ''),
      });
      return out === null ? null : presentEntry(out);
    });
    if (removal !== null) {
      this.#deps.identityIndex?.apply(removal);
    }
    return result;
  }

  /** Removes an entry whose grounds no longer hold (art. 35(5)); only the owner. */
  async remove(call: Call & { id: string; note?: string }): Promise<void> {
    await this.review({ ...call, decision: 'remove' });
  }

  /**
   * The check automated processing runs (art. 20(4)): candidates by the exact keys (document, e-mail, phone)
   * and by identity (the identity index's proposals under `etias-watchlist` and the same normalised
   * surname), each confirmed by {@link matchEntry}. Hit rule `WATCHLIST`, member state = the owner (Europol:
   * the Central Unit decides whom to involve, art. 25 [K]).
   */
  check(): EtiasCheck {
    return {
      system: 'etias-watchlist',
      run: async (subject: CheckSubject): Promise<CheckOutcome> => {
        const entries = await this.#candidates(this.#deps.database.db, subject);
        return { hits: entries.flatMap((e) => entryHit(e, subject)) };
      },
    };
  }

  async #candidates(db: Executor, subject: CheckSubject): Promise<StoredEntry[]> {
    const keys = [
      { kind: 'document', key: documentKey(subject.document.number) },
      { kind: 'email', key: emailKey(subject.email) },
      ...(subject.phone ? [{ kind: 'phone', key: phoneKey(subject.phone) }] : []),
    ].filter((k) => k.key !== '');
    const surnames = [subject.surname, subject.surnameAtBirth ?? '', ...subject.otherNames].map(
      normaliseName,
    );
    const ids = new Set(await this.#repo.candidates(db, keys, surnames));
    for (const ref of this.#deps.identityIndex?.propose(
      { surname: subject.surname, givenNames: subject.givenNames, birthDate: subject.birthDate },
      WATCHLIST_SYSTEM,
      ids,
    ) ?? []) {
      ids.add(ref);
    }
    return this.#repo.findMany(db, [...ids]);
  }

  #check(data: WatchlistData, reason: string): void {
    const issues = validateWatchlistData(data);
    if (reason.trim() === '') {
      issues.push({ path: 'reason', message: 'every entry states its reason (art. 34(2))' });
    }
    if (issues.length > 0) {
      throw invalid(
        RULES_ERRORS.watchlistInvalid,
        `The watchlist entry is not valid: ${issues.map((i) => `${i.path || 'entry'} ${i.message}`).join('; ')}.`,
        { issues },
      );
    }
  }

  async #owned(trx: Executor, actor: Actor, id: string): Promise<StoredEntry> {
    const row = await this.#repo.find(trx, id, true);
    if (row === undefined || (this.#visibleOwner(actor) !== null && row.owner !== actor.memberState)) {
      throw notFound(RULES_ERRORS.watchlistNotFound, `There is no watchlist entry ${id}.`);
    }
    if (row.owner !== ownerOf(actor) && actor.authorityType !== 'system') {
      throw forbidden(
        RULES_ERRORS.watchlistNotOwner,
        `Entry ${id} belongs to ${row.owner}: only its owner reviews or removes it (art. 35(5)).`,
      );
    }
    return row;
  }

  async #preview(call: Call, data: WatchlistData): Promise<EntryPreview> {
    const sis = (this.#deps.checks?.() ?? []).filter((c) => c.system === 'sis');
    if (sis.length === 0) {
      throw new AppError(
        'Unavailable',
        'ETIAS_WATCHLIST_SIS_UNAVAILABLE',
        'The SIS check is not available: an entry cannot be checked against SIS, so it cannot be entered (art. 35(2)).',
      );
    }
    const hits: CheckHit[] = [];
    for (const check of sis) {
      for (const subject of subjectsOf('watchlist-preview', data)) {
        const outcome = await check.run(subject, {
          ...(call.requestId !== undefined ? { requestId: call.requestId } : {}),
        });
        hits.push(...outcome.hits);
      }
    }
    const unique = (list: CheckHit[]) =>
      [...new Map(list.map((h) => [h.recordRef, h])).values()].map((h) => ({
        recordRef: h.recordRef,
        rule: h.rule,
        explanation: h.explanation,
      }));
    // Any alert the SIS check finds counts, a similar identity too: the SIS alert has priority, and data a
    // person would have to tell apart from an alert's do not belong on the watchlist (art. 35(2)(c)).
    return { sisAlerts: unique(hits), impact: await this.#impact(data) };
  }

  async #impact(data: WatchlistData): Promise<EntryImpact> {
    const now = this.#deps.clock.now();
    const to = today(this.#deps.clock);
    const from = plusDays(to, -this.#deps.impactDays);
    let total = 0;
    let matched = 0;
    let after: string | null = null;
    for (;;) {
      const page = await this.#deps.applications.page(this.#deps.database.db, {
        from: new Date(`${from}T00:00:00Z`),
        after,
        limit: 2000,
      });
      for (const a of page) {
        total += 1;
        if (matchEntry(data, a.subject) !== null) {
          matched += 1;
        }
      }
      if (page.length < 2000) {
        break;
      }
      after = page[page.length - 1]!.id;
    }
    return {
      computedAt: now.toISOString(),
      from,
      to,
      total,
      matched,
      share: total === 0 ? 0 : matched / total,
    };
  }

  /**
   * Valid authorisations the entry matches (art. 41(4)): candidates by the entry's exact keys, its surnames
   * and the identity index's proposals among the applicants (system `etias`), each confirmed by
   * {@link matchEntry} (the same comparison as automated processing).
   */
  async #validMatches(trx: Executor, row: StoredEntry): Promise<AuthorisationMatch[]> {
    const keys = exactKeys(row.data);
    const data = row.data;
    const names = [data.surname, data.surnameAtBirth, ...(data.otherNames ?? [])]
      .filter((n): n is string => n !== undefined && n.trim() !== '')
      .map(normaliseName);
    let proposed: string[] = [];
    if (this.#deps.identityIndex !== undefined && hasIdentity(data)) {
      proposed = this.#deps.identityIndex.propose(
        {
          surname: data.surname ?? data.surnameAtBirth ?? data.otherNames?.[0] ?? '',
          ...(data.givenNames ? { givenNames: data.givenNames } : {}),
          ...(data.birthDate ? { birthDate: data.birthDate } : {}),
        },
        'etias',
        new Set(),
        200,
      );
    }
    const candidates = await this.#deps.applications.validCandidates(trx, {
      documents: keys.filter((k) => k.kind === 'document').map((k) => k.key),
      emails: keys.filter((k) => k.kind === 'email').map((k) => k.key),
      phones: keys.filter((k) => k.kind === 'phone').map((k) => k.key),
      surnames: names,
      ids: proposed,
    });
    const out: AuthorisationMatch[] = [];
    for (const a of candidates) {
      const m = matchEntry(row.data, a.subject);
      if (m !== null) {
        out.push({
          applicationId: a.id,
          entryId: row.id,
          owner: row.owner,
          memberState: row.owner === EUROPOL ? (a.intendedState ?? EUROPOL) : row.owner,
          explanation: m.explanation,
        });
      }
    }
    return out;
  }
}

/** The hit of one entry on one application, or none. */
export function entryHit(entry: StoredEntry, subject: CheckSubject): CheckHit[] {
  const m = matchEntry(entry.data, subject);
  if (m === null) {
    return [];
  }
  return [
    {
      source: 'watchlist',
      recordRef: `watchlist:${entry.id}`,
      rule: 'WATCHLIST',
      explanation: [
        `ETIAS watchlist entry of ${entry.owner === EUROPOL ? 'Europol (the Central Unit decides whom to involve)' : entry.owner} (art. 34): ${entry.reason}`,
        ...m.explanation,
      ],
      memberState: entry.owner,
      record: {
        owner: entry.owner,
        reason: entry.reason,
        enteredAt: entry.entered_at.toISOString(),
        ...entry.data,
      },
    },
  ];
}
