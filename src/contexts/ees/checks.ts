import { createHash } from 'node:crypto';
import { requireAccess, type Actor } from '../access/index.ts';
import { invalid } from '../../platform/errors.ts';
import type { Executor } from '../../platform/database/index.ts';
import type { SortOrder } from '../../platform/sorting.ts';
import { LEGAL_BASIS, readThenLog, today, type Call, type EesContext } from './context.ts';
import { EES_ERRORS } from './errors.ts';
import type { DocumentQuery } from './model.ts';
import { toFileView, type FileView } from './present.ts';
import type { FileBundle, OverstaySortField } from './repository.ts';
import { lastRecord, staysUpTo, summariseStay, toCalculatorVisa, visaFor } from './stay-view.ts';
import { assessAuthorisedStay, parseCalendarDate } from './stay/index.ts';
import { checkCalendarDate, checkDocument } from './validate.ts';

const dayNumber = (date: string) => parseCalendarDate(date, 'date');
const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

/**
 * The actor of the traveller web service (EES art. 13(1)): travellers have no account, so the public route
 * acts under this profile, which allows that one service and nothing else; every call is logged with it.
 */
export const TRAVELLER_ACTOR: Actor = Object.freeze<Actor>({
  kind: 'user',
  userId: null,
  username: 'traveller',
  authorityId: null,
  authorityName: 'EES web service (traveller)',
  authorityType: 'system',
  memberState: 'EU',
  profile: {
    name: 'traveller',
    permissions: ['ees:traveller-service'],
    purposes: ['traveller-stay-check'],
    systems: { ees: { operations: ['traveller-service'], fields: ['status', 'remainingDays'] } },
  },
});

async function bundleByDocument(
  ctx: EesContext,
  trx: Executor,
  query: DocumentQuery,
): Promise<FileBundle | null> {
  const d = checkDocument(
    { type: 'P', number: query.number, issuingState: query.issuingState, expiry: '2000-01-01' },
    'document',
  );
  const id = await ctx.repo.findFileIdByDocument(trx, d.issuingState, d.numberNorm);
  const file = id === undefined ? undefined : await ctx.repo.findFile(trx, id);
  return file === undefined ? null : ctx.repo.bundle(trx, file);
}

/** The result of an in-country verification (EES art. 26). */
export interface VerificationResult {
  /**
   * `NO_FILE` / `NO_STAY`: no file or no current stay, so the authority may presume the conditions of stay
   * are not fulfilled (EES art. 20; SBC art. 12) unless the traveller rebuts it; `LAWFUL_STAY`; `OVERSTAY`;
   * `CALCULATOR_NOT_APPLIED` for a family member of a Union citizen (art. 11(1)).
   */
  status: 'NO_FILE' | 'NO_STAY' | 'LAWFUL_STAY' | 'OVERSTAY' | 'CALCULATOR_NOT_APPLIED';
  file: FileView | null;
  lastEntry: { date: string; bcp: string; memberState: string } | null;
  authorisedUntil: string | null;
  overstayDays: number;
}

/** Immigration authorities verify whether a traveller in the territory fulfils the conditions of stay (EES art. 26). */
export async function verifyInCountry(
  ctx: EesContext,
  call: Call & { query: DocumentQuery },
): Promise<VerificationResult> {
  const purpose = requireAccess({ actor: call.actor, permission: 'ees:verify', purpose: call.purpose });
  const value = await readThenLog(ctx, async (trx, logs) => {
    const b = await bundleByDocument(ctx, trx, call.query);
    const date = today(ctx);
    let result: VerificationResult;
    if (b === null) {
      result = { status: 'NO_FILE', file: null, lastEntry: null, authorisedUntil: null, overstayDays: 0 };
    } else {
      const last = lastRecord(b.records, date) ?? b.records.at(-1);
      const stayDate = last && last.entry_date > date ? last.entry_date : date;
      const s = summariseStay(b, stayDate);
      // Once an exit is recorded the traveller has left, even though the day of exit is a day of stay.
      const inTerritory = s.present && last?.exit_at === null;
      result = {
        status: !inTerritory
          ? 'NO_STAY'
          : !s.calculatorApplied
            ? 'CALCULATOR_NOT_APPLIED'
            : s.overstayDays > 0
              ? 'OVERSTAY'
              : 'LAWFUL_STAY',
        file: toFileView(b.file, b.documents),
        lastEntry: last
          ? { date: last.entry_date, bcp: last.entry_bcp, memberState: last.entry_state }
          : null,
        authorisedUntil: s.authorisedUntil,
        overstayDays: s.overstayDays,
      };
    }
    logs.add(call, {
      purpose,
      operation: 'ees.verification',
      legalBasis: LEGAL_BASIS.verification,
      queryDataTypes: ['documentNumber', 'issuingState'],
      queryDataHash: hash(call.query),
      recordRefs: b === null ? [] : [b.file.id],
      resultSummary: result.status,
      dataEraseAfter: b?.file.erase_after ?? null,
    });
    return result;
  });
  return value;
}

/**
 * The traveller web service's whole answer (EES art. 13(1)): nothing else is revealed, and every case has the
 * same shape. `CANNOT_ANSWER` stands both for "no file holds a document with this number, issuing state and
 * expiry date" and for "the calculator does not apply" (a family member of a Union citizen, art. 11(1)), so the
 * answer tells neither apart; `remainingDays` is then 0.
 */
export interface TravellerAnswer {
  status: 'OK' | 'NOT_OK' | 'CANNOT_ANSWER';
  /** Days of stay still authorised from the intended entry; 0 when the status is CANNOT_ANSWER. */
  remainingDays: number;
}

/** What a traveller gives the web service to identify the document (EES art. 13(1) with art. 16(1)(b)-(c)). */
export interface TravellerDocument {
  number: string;
  /** Three-letter code of the issuing country. */
  issuingState: string;
  /** Expiry date of the document, YYYY-MM-DD. */
  expiry: string;
}

/** How far ahead an intended entry or exit may lie (longest visa validity a traveller would plan with). */
export const TRAVELLER_MAX_DAYS_AHEAD = 365;

const CANNOT_ANSWER: TravellerAnswer = Object.freeze({ status: 'CANNOT_ANSWER', remainingDays: 0 });

/** The intended date must lie from today (in every time zone, so from yesterday UTC) to a year ahead. */
function checkIntendedDate(value: string, field: string, todayUtc: string): string {
  const date = checkCalendarDate(value, field);
  const first = dayNumber(todayUtc) - 1;
  const last = dayNumber(todayUtc) + TRAVELLER_MAX_DAYS_AHEAD;
  const day = dayNumber(date);
  if (day < first || day > last) {
    throw invalid(
      EES_ERRORS.travellerDateOutOfRange,
      `${field} must be an intended date from today to ${TRAVELLER_MAX_DAYS_AHEAD} days ahead: the web service answers for planned stays, not past ones.`,
      { field },
    );
  }
  return date;
}

/**
 * Traveller web service (EES art. 13(1)): from the travel document and the intended dates, whether the
 * intended stay respects the authorised stay, and how many days remain. Runs under {@link TRAVELLER_ACTOR}.
 *
 * The traveller gives the data of art. 16(1)(b) that art. 13(1) names (document number and the issuing
 * country's three-letter code; the document type plays no part in finding the file) and the document's expiry
 * date of art. 16(1)(c), which all have to match: the expiry date is printed on the document, so a guessed or
 * overheard number alone answers nothing. Only intended dates (today or later) are answered, so the service
 * cannot be used to read back when a person was in the area. Known and unknown documents take the same path:
 * the same statements and the same calculation run, and an unknown document gets the same shape of answer as a
 * family member of a Union citizen.
 */
export async function travellerService(
  ctx: EesContext,
  input: {
    document: TravellerDocument;
    intendedEntry: string;
    intendedExit?: string;
    requestId?: string;
  },
): Promise<TravellerAnswer> {
  const call: Call = {
    actor: TRAVELLER_ACTOR,
    purpose: 'traveller-stay-check',
    ...(input.requestId ? { requestId: input.requestId } : {}),
  };
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'ees:traveller-service',
    purpose: call.purpose,
  });
  const d = checkDocument({ type: 'P', ...input.document }, 'document');
  const now = today(ctx);
  const entry = checkIntendedDate(input.intendedEntry, 'intendedEntry', now);
  const exit =
    input.intendedExit === undefined ? entry : checkIntendedDate(input.intendedExit, 'intendedExit', now);
  if (exit < entry) {
    throw invalid(EES_ERRORS.badDate, 'intendedExit lies before intendedEntry.');
  }
  const wanted = dayNumber(exit) - dayNumber(entry) + 1;
  const value = await readThenLog(ctx, async (trx, logs) => {
    const b = await ctx.repo.bundleForTravellerService(trx, d);
    // From here on every case runs the same code: an unknown document is a file without records.
    const records = b?.records ?? [];
    const last = lastRecord(records, entry);
    const present = last !== undefined && (last.exit_date === null || last.exit_date >= entry);
    const visa = visaFor(records, entry);
    const a = assessAuthorisedStay({
      stays: staysUpTo(records, entry),
      date: entry,
      ...(visa === null ? {} : { visa: toCalculatorVisa(visa) }),
    });
    const remaining = present
      ? last.authorised_until === null
        ? 0
        : Math.max(0, dayNumber(last.authorised_until) - dayNumber(entry) + 1)
      : a.calculatorApplied
        ? (a.plannedStay?.days ?? 0)
        : 0;
    // The calculator does not apply to a family member of a Union citizen (art. 11(1)); the last record says
    // whether the traveller is one.
    const applies = b !== null && last?.family_member !== true && (present || a.calculatorApplied);
    const answer: TravellerAnswer = applies
      ? { status: remaining >= wanted ? 'OK' : 'NOT_OK', remainingDays: remaining }
      : CANNOT_ANSWER;
    logs.add(call, {
      purpose,
      operation: 'ees.traveller-service',
      legalBasis: LEGAL_BASIS.traveller,
      queryDataTypes: ['documentNumber', 'issuingState', 'documentExpiry', 'intendedEntry', 'intendedExit'],
      queryDataHash: hash({ number: d.numberNorm, issuingState: d.issuingState, expiry: d.expiry }),
      recordRefs: b === null ? [] : [b.file.id],
      resultSummary: answer.status,
      dataEraseAfter: b?.file.erase_after ?? null,
    });
    return answer;
  });
  return value;
}

/**
 * Carrier web service (EES art. 13(3)): whether a holder of a single- or double-entry visa has used the
 * entries it allows. The answer is OK or NOT_OK and nothing else (Impl. Reg. (EU) 2022/1409).
 */
export async function carrierService(
  ctx: EesContext,
  call: Call & { document: DocumentQuery; intendedEntry: string; visaStickerNumber?: string },
): Promise<{ status: 'OK' | 'NOT_OK' }> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'ees:carrier-service',
    purpose: call.purpose,
  });
  const entry = checkCalendarDate(call.intendedEntry, 'intendedEntry');
  const sticker = call.visaStickerNumber?.trim().toUpperCase();
  const value = await readThenLog(ctx, async (trx, logs) => {
    const b = await bundleByDocument(ctx, trx, call.document);
    const withVisa = (b?.records ?? []).filter((r) => r.visa !== null);
    const visa =
      sticker === undefined
        ? withVisa.filter((r) => r.visa!.validUntil >= entry).at(-1)?.visa
        : withVisa.find((r) => r.visa!.stickerNumber === sticker)?.visa;
    let status: 'OK' | 'NOT_OK' = 'OK';
    if (visa && visa.entries !== 'multiple') {
      const used = withVisa.filter((r) => r.visa!.stickerNumber === visa.stickerNumber).length;
      status = used >= visa.entries ? 'NOT_OK' : 'OK';
    }
    logs.add(call, {
      purpose,
      operation: 'ees.carrier-service',
      legalBasis: LEGAL_BASIS.carrier,
      queryDataTypes: [
        'documentNumber',
        'issuingState',
        'intendedEntry',
        ...(sticker ? ['visaStickerNumber'] : []),
      ],
      queryDataHash: hash(call.document),
      recordRefs: b === null ? [] : [b.file.id],
      resultSummary: status,
      dataEraseAfter: b?.file.erase_after ?? null,
    });
    return { status };
  });
  return value;
}

/** One line of the list of overstayers (EES art. 12(3)). */
export interface OverstayerView {
  fileId: string;
  recordId: string;
  surname: string;
  givenNames: string;
  birthDate: string;
  nationalities: string[];
  entryDate: string;
  entryBcp: string;
  entryState: string;
  authorisedUntil: string;
  overstayDays: number;
  flaggedOn: string | null;
}

/** Filters, order and page of {@link listOverstayers}; each filter left out means "any". */
export interface OverstayerListOptions {
  /** Member state of entry. */
  memberState?: string;
  /** A nationality of the traveller (ISO 3166-1 alpha-3). */
  nationality?: string;
  /** Default: the longest overstay first. */
  sort?: SortOrder<OverstaySortField>;
  limit: number;
  offset?: number;
}

/**
 * The list of overstayers for national authorities (EES art. 12(3)), longest overstay first unless another
 * order is asked for; one page of it with the number of all that match.
 */
export async function listOverstayers(
  ctx: EesContext,
  call: Call & OverstayerListOptions,
): Promise<{ overstayers: OverstayerView[]; total: number }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'ees:overstayers', purpose: call.purpose });
  const date = today(ctx);
  const value = await readThenLog(ctx, async (trx, logs) => {
    const { rows, total } = await ctx.repo.overstays(trx, {
      today: date,
      memberState: call.memberState ?? null,
      nationality: call.nationality ?? null,
      sort: call.sort ?? { field: 'overstayDays', descending: true },
      limit: Math.min(Math.max(call.limit, 1), 1000),
      offset: Math.max(call.offset ?? 0, 0),
    });
    logs.add(call, {
      purpose,
      operation: 'ees.overstayers.list',
      legalBasis: LEGAL_BASIS.overstayers,
      queryDataTypes: [
        ...(call.memberState ? ['memberState'] : []),
        ...(call.nationality ? ['nationality'] : []),
      ],
      recordRefs: rows.map((r) => r.id),
      resultSummary: `${rows.length} of ${total} overstayers`,
      dataEraseAfter: rows
        .map((r) => r.erase_after)
        .reduce<string | null>((a, b) => (a === null || b > a ? b : a), null),
    });
    const overstayers = rows.map((r): OverstayerView => ({
      fileId: r.file_id,
      recordId: r.id,
      surname: r.surname,
      givenNames: r.given_names,
      birthDate: r.birth_date,
      nationalities: [...r.nationalities],
      entryDate: r.entry_date,
      entryBcp: r.entry_bcp,
      entryState: r.entry_state,
      authorisedUntil: r.authorised_until!,
      overstayDays: dayNumber(date) - dayNumber(r.authorised_until!),
      flaggedOn: r.overstayer_flagged_on,
    }));
    return { overstayers, total };
  });
  return value;
}

/**
 * How many overstayers the list of art. 12(3) holds for a member state of entry today: the immigration
 * authority's home counter. A count names nobody, so it needs no purpose and writes no log record
 * (docs/decisions.md, "Counters on the home screen"); the permission is the list's own.
 */
export async function countOverstayers(ctx: EesContext, actor: Actor, memberState: string): Promise<number> {
  requireAccess({ actor, permission: 'ees:overstayers' });
  return ctx.repo.countOverstays(ctx.database.db, today(ctx), memberState);
}
