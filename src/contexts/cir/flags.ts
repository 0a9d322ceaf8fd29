import { randomUUID } from 'node:crypto';
import { requireAccess, type Actor } from '../access/index.ts';
import type { AuditEntry } from '../audit/index.ts';
import type { Partition, TemplateInput } from '../sbms/index.ts';
import type { Call } from '../../platform/calls.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { isoDate, plusYears } from '../../platform/dates.ts';
import { CIR_QUERY_ERRORS } from './query-errors.ts';
import { CIR_QUERY_SYSTEMS, cirRef, type CirRef, type CirSystem } from './model.ts';
import {
  FlagQueryRepository,
  type FlagQueryRow,
  type FlagSortColumn,
  type StoredFollowUp,
} from './flag-repository.ts';
import { assertBornByToday, judgeIdentity, type IdentificationIdentity } from './identification.ts';
import type { CirQueriesDeps } from './queries.ts';

export const OFFENCES = ['terrorism', 'serious-crime'] as const;
export type Offence = (typeof OFFENCES)[number];

export interface FlagRequest {
  /** The specific case (art. 22(1)): the national file or Europol reference. */
  caseReference: string;
  /** The reasonable grounds to believe that consulting the systems will help (art. 22(1)). */
  grounds: string;
  offence: Offence;
  identity?: IdentificationIdentity;
  document?: { number: string; issuingState?: string };
  biometrics?: TemplateInput[];
}

/**
 * The whole answer of a flag search (art. 22(1)): which systems hold matching data, never the data and never
 * the records' references.
 */
export interface FlagAnswer {
  id: string;
  systems: CirSystem[];
  followUpRequired: boolean;
}

export type FollowUpRequest = { requested: CirSystem[] } | { notRequestedReason: string };

/** A flag query as its authority sees it (the screen of pending follow-ups). */
export interface FlagQueryView {
  id: string;
  caseReference: string;
  offence: Offence;
  grounds: string;
  systems: CirSystem[];
  followUpRequired: boolean;
  createdAt: string;
  username: string;
  followUp: StoredFollowUp | null;
}

const LEGAL_BASIS = 'Reg. (EU) 2019/817 and 2019/818 art. 22';
const CIR_PARTITIONS: readonly Partition[] = ['ees', 'eurodac'];
const MIN_GROUNDS = 10;
const MAX_REASON = 2000;
/**
 * Art. 24(4): the supervisory authority checks the flag-search logs at least every six months. How long they
 * are kept is not read from the text [K]: the platform's three years, which outlasts several such checks.
 */
const FLAG_LOG_YEARS = 3;
const CANDIDATES = 10;

const repo = new FlagQueryRepository();

function view(row: FlagQueryRow): FlagQueryView {
  return {
    id: row.id,
    caseReference: row.case_reference,
    offence: row.offence as Offence,
    grounds: row.grounds,
    systems: row.systems,
    followUpRequired: row.systems.length > 0 && row.follow_up === null,
    createdAt: new Date(row.created_at).toISOString(),
    username: row.username,
    followUp: row.follow_up,
  };
}

function dataTypes(request: FlagRequest): string[] {
  const types: string[] = [];
  const modalities = new Set((request.biometrics ?? []).map((t) => t.modality));
  if (modalities.has('face')) {
    types.push('facialImage');
  }
  if (modalities.has('finger')) {
    types.push('dactyloscopicData');
  }
  if (request.identity !== undefined) {
    types.push('surname', 'givenNames', 'birthDate');
    if (request.identity.sex !== undefined) {
      types.push('sex');
    }
    if (request.identity.nationality !== undefined) {
      types.push('nationality');
    }
  }
  if (request.document !== undefined) {
    types.push('documentNumber');
    if (request.document.issuingState !== undefined) {
      types.push('issuingState');
    }
  }
  return types;
}

const flagEntry = (
  call: Call<Actor>,
  purpose: string | null,
  e: Omit<AuditEntry, 'actor' | 'system'>,
  today: string,
) =>
  ({
    actor: call.actor,
    system: 'cir',
    purpose,
    legalBasis: LEGAL_BASIS,
    requestId: call.requestId ?? null,
    retainUntil: plusYears(today, FLAG_LOG_YEARS),
    ...e,
  }) satisfies AuditEntry;

/**
 * The law-enforcement flag search (2019/817 and 2019/818 art. 22(1)): in a specific case, on reasonable grounds
 * that consulting the systems will help prevent, detect or investigate a terrorist offence or other serious
 * crime, a designated authority learns only **in which systems** data on the person are held (the art. 18(2)
 * references), never the data. The query is stored, so that the follow-up of art. 22(2) (a full-access
 * request under each system's own conditions, or the recorded reason why not) can be recorded against it,
 * and logged with what art. 24(4) lists: date and time, the data used (their types), the results (the
 * systems), the member state and authority.
 */
export async function flagSearch(
  deps: CirQueriesDeps,
  call: Call<Actor>,
  request: FlagRequest,
): Promise<FlagAnswer> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'cir:flags',
    purpose: call.purpose,
    forPurposes: ['law-enforcement'],
  });
  const caseReference = request.caseReference.trim();
  const grounds = request.grounds.trim();
  if (caseReference === '') {
    throw invalid(
      CIR_QUERY_ERRORS.queryDataMissing,
      'Name the case the flag search is made for (art. 22(1)).',
    );
  }
  if (grounds.length < MIN_GROUNDS) {
    throw invalid(
      CIR_QUERY_ERRORS.queryDataMissing,
      `State the reasonable grounds for the flag search in at least ${MIN_GROUNDS} characters (art. 22(1)).`,
    );
  }
  const hasBiometrics = (request.biometrics ?? []).length > 0;
  if (!hasBiometrics && request.identity === undefined && request.document === undefined) {
    throw invalid(
      CIR_QUERY_ERRORS.queryDataMissing,
      'Give the identity data, the travel document or biometric data of the person to search for.',
    );
  }
  assertBornByToday(request.identity?.birthDate, isoDate(deps.clock.now()));
  const probe = hasBiometrics
    ? deps.biometrics.decode(request.biometrics!, 'biometrics', { qualityGate: false })
    : [];
  const db = deps.database.read;
  const refs = new Set<CirRef>();
  if (probe.length > 0) {
    const candidates = await deps.biometrics.identify(probe, {
      partitions: CIR_PARTITIONS,
      limit: CANDIDATES,
      matchesOnly: true,
    });
    for (const c of candidates) {
      refs.add(cirRef(c.partition, c.recordRef));
    }
  }
  const byDocument =
    request.document === undefined
      ? []
      : await deps.lookup.byDocument(db, request.document, CIR_QUERY_SYSTEMS);
  for (const ref of byDocument) {
    refs.add(ref);
  }
  if (request.identity !== undefined) {
    const identity = request.identity;
    const candidates = await deps.lookup.files(
      db,
      await deps.lookup.identityCandidates(db, identity, CIR_QUERY_SYSTEMS),
    );
    for (const f of candidates) {
      if (judgeIdentity(identity, f.identity) !== null) {
        refs.add(cirRef(f.system, f.recordRef));
      }
    }
  }
  // Only files the CIR holds answer (SIS identities, there for the MID alone, never: art. 18(1)).
  const held = await deps.lookup.files(db, [...refs]);
  const present = new Set(held.map((f) => f.system));
  const systems = CIR_QUERY_SYSTEMS.filter((s) => present.has(s));
  const id = `cfq_${randomUUID()}`;
  const now = deps.clock.now();
  const today = isoDate(now);
  await deps.writes.run(null, async (trx) => {
    await repo.insert(trx, {
      id,
      authority_id: call.actor.authorityId ?? '',
      member_state: call.actor.memberState,
      user_id: call.actor.userId,
      username: call.actor.username,
      case_reference: caseReference.slice(0, 200),
      offence: request.offence,
      grounds: grounds.slice(0, MAX_REASON),
      systems: [...systems],
      created_at: now,
      follow_up: null,
    });
    await deps.audit.record(
      trx,
      flagEntry(
        call,
        purpose,
        {
          operation: 'cir.flags.query',
          outcome: 'success',
          queryDataTypes: dataTypes(request),
          recordRefs: [id],
          resultSummary: `case ${caseReference.slice(0, 200)}; ${request.offence}; ${
            systems.length > 0 ? `data held in ${systems.join(', ')}` : 'no data held'
          }; grounds: ${grounds.slice(0, 300)}`,
        },
        today,
      ),
    );
  });
  return { id, systems: [...systems], followUpRequired: systems.length > 0 };
}

/**
 * Records the follow-up of a flag query (art. 22(2)): the systems whose full access the authority requests
 * under each system's own conditions (at least one of those that answered), or, exceptionally, why it
 * requests none, recorded traceably. Only the authority that searched, and once.
 */
export async function recordFollowUp(
  deps: CirQueriesDeps,
  call: Call<Actor>,
  id: string,
  request: FollowUpRequest,
): Promise<FlagQueryView> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'cir:flags',
    purpose: call.purpose,
    forPurposes: ['law-enforcement'],
  });
  const now = deps.clock.now();
  const today = isoDate(now);
  const { value } = await deps.writes.run(null, async (trx) => {
    const row = await repo.lock(trx, id);
    if (row === undefined || row.authority_id !== call.actor.authorityId) {
      throw notFound(CIR_QUERY_ERRORS.flagQueryNotFound, `There is no flag query "${id}" of your authority.`);
    }
    if (row.follow_up !== null) {
      throw conflict(
        CIR_QUERY_ERRORS.followUpRecorded,
        `The follow-up of flag query "${id}" was recorded already, on ${row.follow_up.at}.`,
      );
    }
    if (row.systems.length === 0) {
      throw invalid(
        CIR_QUERY_ERRORS.followUpInvalid,
        'No system holds data on this person: there is nothing to follow up (art. 22(2)).',
      );
    }
    let followUp: StoredFollowUp;
    if ('requested' in request) {
      const requested = [...new Set(request.requested)];
      const strangers = requested.filter((s) => !row.systems.includes(s));
      if (requested.length === 0 || strangers.length > 0) {
        throw invalid(
          CIR_QUERY_ERRORS.followUpInvalid,
          `Request full access from at least one of the systems that answered (${row.systems.join(', ')})${
            strangers.length > 0 ? `; ${strangers.join(', ')} did not` : ''
          }.`,
          { systems: row.systems },
        );
      }
      followUp = { requested, at: now.toISOString(), by: call.actor.username };
    } else {
      const reason = request.notRequestedReason.trim();
      if (reason.length < MIN_GROUNDS || reason.length > MAX_REASON) {
        throw invalid(
          CIR_QUERY_ERRORS.followUpInvalid,
          `Say why no full access is requested, in ${MIN_GROUNDS} to ${MAX_REASON} characters (art. 22(2)).`,
        );
      }
      followUp = { notRequestedReason: reason, at: now.toISOString(), by: call.actor.username };
    }
    await repo.setFollowUp(trx, id, followUp);
    await deps.audit.record(
      trx,
      flagEntry(
        call,
        purpose,
        {
          operation: 'cir.flags.follow-up',
          outcome: 'success',
          recordRefs: [id],
          resultSummary:
            'requested' in followUp
              ? `full access requested from ${followUp.requested.join(', ')} (art. 22(2)); case ${row.case_reference}`
              : `no full access requested (art. 22(2)): ${followUp.notRequestedReason.slice(0, 300)}; case ${row.case_reference}`,
        },
        today,
      ),
    );
    return view({ ...row, follow_up: followUp });
  });
  return value;
}

/** The actor's authority's flag queries (pending: answered with systems and not followed up yet), logged. */
export async function listFlagQueries(
  deps: CirQueriesDeps,
  call: Call<Actor>,
  filter: { pending: boolean; sort: FlagSortColumn; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ flagQueries: FlagQueryView[]; total: number }> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'cir:flags',
    purpose: call.purpose,
    forPurposes: ['law-enforcement'],
  });
  const { rows, total } = await repo.list(deps.database.db, {
    ...filter,
    authorityId: call.actor.authorityId ?? '',
  });
  await deps.audit.append(
    flagEntry(
      call,
      purpose,
      {
        operation: 'cir.flags.list',
        outcome: 'success',
        recordRefs: rows.map((r) => r.id),
        resultSummary: `${rows.length} of ${total} flag queries${filter.pending ? ' awaiting follow-up' : ''}`,
      },
      isoDate(deps.clock.now()),
    ),
  );
  return { flagQueries: rows.map(view), total };
}
