import { createHash } from 'node:crypto';

import { requireAccess, type Actor } from '../../access/index.ts';
import type { AuditEntry, AuditLog } from '../../audit/index.ts';
import { findMemberState, visaRequirement } from '../../reference/index.ts';
import { midVerdict } from '../../identity/index.ts';
import type { IdentityIndexService } from '../../matching/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database, Executor } from '../../../platform/database/index.ts';
import { isoDate, plusYears } from '../../../platform/dates.ts';
import { forbidden, invalid } from '../../../platform/errors.ts';
import { DEFAULT_ETIAS_SETTINGS, type EtiasSettings } from '../model.ts';
import type { EtiasService } from '../service.ts';
import { answerFor, type AuthorisationAnswer } from './answer.ts';
import { QueriesRepository, type FileForQuery } from './repository.ts';

const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

/** Legal bases logged with each query (art. 69). */
const LEGAL_BASIS = {
  border: 'Reg. (EU) 2018/1240 art. 47',
  immigration: 'Reg. (EU) 2018/1240 art. 49',
  carrier: 'Reg. (EU) 2018/1240 art. 45',
  units: 'Reg. (EU) 2018/1240 arts. 20-26',
  portal: 'Reg. (EU) 2019/817 art. 9',
} as const;

/** The ETIAS data a portal profile may be given; the portal's field allowance cuts it to the profile. */
export interface PortalRecord {
  applicationId: string;
  probability: number;
  /** Why it matched; a line naming record fields is dropped for a profile that may not see them. */
  explanation: Array<string | { fields: string[]; text: string }>;
  fields: Record<string, unknown>;
}

/** The document a query is about (art. 47(1), art. 45(2): the data of the machine-readable zone). */
export interface QueryDocument {
  number: string;
  issuingState: string;
  nationality?: string;
  expiry?: string;
}

export interface EtiasQueriesDeps {
  /** The application files' own writes (the flag removal's history event). */
  etias?: Pick<EtiasService, 'lockApplication' | 'updateApplication' | 'recordEvent' | 'recordChanges'>;
  database: Database;
  clock: Clock;
  audit: AuditLog;
  settings?: EtiasSettings;
  /** The identity index, where the ETIAS context files its applicants under `etias`. */
  identityIndex?: IdentityIndexService;
}

interface Call {
  actor: Actor;
  purpose: string | null;
  requestId?: string;
  signal?: AbortSignal;
}

/**
 * ETIAS as the other authorities consult it: the border (art. 47), immigration authorities (art. 49) through the
 * search portal, carriers (art. 45), and the search portal for the ETIAS units. Each query is logged with the
 * data used, the data returned and the authority (art. 69); a log record is kept one year after the file it
 * concerns is erased (art. 69(4) [K]).
 */
export class EtiasQueries {
  readonly #deps: EtiasQueriesDeps;
  readonly #repo: QueriesRepository;
  readonly #settings: EtiasSettings;

  constructor(deps: EtiasQueriesDeps) {
    this.#deps = deps;
    this.#repo = new QueriesRepository();
    this.#settings = deps.settings ?? DEFAULT_ETIAS_SETTINGS;
  }

  /**
   * The border query (art. 47): by the document read at the border, whether a valid travel authorisation exists,
   * its end and remaining days, the states of a limited territorial validity and its flags; `memberState` is the
   * state of the border crossing point, `today` its local date.
   */
  async borderQuery(
    input: Call & { document: QueryDocument; memberState: string; today: string },
  ): Promise<AuthorisationAnswer> {
    const purpose = requireAccess({
      actor: input.actor,
      permission: 'etias:border-query',
      purpose: input.purpose,
      forPurposes: ['border-control'],
    });
    const document = checkDocument(input.document);
    return this.#readThenLog(input, async (log) => {
      const files = await this.#repo.filesByDocument(this.#deps.database.db, document);
      const answer = answerFor(files, {
        today: input.today,
        memberStates: [input.memberState],
        expiryWarningDays: this.#settings.expiryWarningDays,
      });
      log({
        purpose,
        operation: 'etias.border-query',
        legalBasis: LEGAL_BASIS.border,
        queryDataTypes: ['documentNumber', 'issuingState', 'nationality', 'documentExpiry'],
        queryDataHash: hash(document),
        recordRefs: answer.applicationId === null ? [] : [answer.applicationId],
        resultSummary: summary(answer),
        files,
      });
      return answer;
    });
  }

  /**
   * Art. 36(2): the flag recommending a second-line check is removed automatically once the check has been made
   * and EES holds the entry record. The border check calls this in its own transaction when it finds the
   * traveller present in EES (the check after the entry was recorded, or a later exit); a flag already gone is
   * no error.
   */
  async secondLineCheckDone(trx: Executor, input: Call & { applicationId: string }): Promise<boolean> {
    const purpose = requireAccess({
      actor: input.actor,
      permission: 'etias:border-query',
      purpose: input.purpose,
      forPurposes: ['border-control'],
    });
    const etias = this.#deps.etias;
    const row = etias === undefined ? undefined : await etias.lockApplication(trx, input.applicationId);
    const flags = row === undefined ? [] : parsedFlags(row.flags);
    if (etias === undefined || row === undefined || !flags.includes('second-line-check')) {
      return false;
    }
    await etias.updateApplication(trx, row.id, {
      flags: JSON.stringify(flags.filter((f) => f !== 'second-line-check')),
    });
    await etias.recordEvent(trx, row.id, 'flag-removed', input.actor, {
      flag: 'second-line-check',
      reason: 'second-line check made and entry recorded in EES (art. 36(2))',
    });
    await etias.recordChanges(trx, [row.id]);
    await this.#deps.audit.record(
      trx,
      this.#entry(input, {
        purpose,
        operation: 'etias.flag-removed',
        legalBasis: 'Reg. (EU) 2018/1240 art. 36(2)',
        queryDataTypes: [],
        queryDataHash: '',
        recordRefs: [row.id],
        resultSummary: 'second-line-check flag removed',
        files: [],
      }),
    );
    return true;
  }

  /**
   * The carrier query (art. 45): OK when the traveller holds a travel authorisation valid on the day of arrival in
   * the member state of entry (limited territorial validity taken into account), NOT_OK otherwise, and nothing
   * else: an unknown document, a refusal and a revocation all answer NOT_OK. A national who needs no travel
   * authorisation (a visa holder, an EU, EEA or Swiss citizen) is OK for ETIAS: the carrier asks EES about visas
   * (EES art. 13(3)).
   */
  async carrierQuery(
    input: Call & {
      document: QueryDocument & { nationality: string };
      memberStateOfEntry: string;
      arrival: string;
    },
  ): Promise<{ status: 'OK' | 'NOT_OK' }> {
    const purpose = requireAccess({
      actor: input.actor,
      permission: 'etias:carrier-service',
      purpose: input.purpose,
      forPurposes: ['carrier-verification'],
    });
    const document = checkDocument(input.document);
    const state = findMemberState(input.memberStateOfEntry);
    if (state === undefined || state.schengen === null) {
      throw invalid(
        'ETIAS_CARRIER_STATE_UNKNOWN',
        `"${input.memberStateOfEntry}" is not a member state applying ETIAS: name the state of entry by its ISO code.`,
        { field: 'memberStateOfEntry' },
      );
    }
    const requirement = visaRequirement(input.document.nationality);
    return this.#readThenLog(input, async (log) => {
      const needed = requirement === 'exempt' || requirement === 'unknown';
      const files = needed ? await this.#repo.filesByDocument(this.#deps.database.db, document) : [];
      const answer = answerFor(files, {
        today: input.arrival,
        memberStates: [state.alpha3],
        expiryWarningDays: this.#settings.expiryWarningDays,
      });
      const status = !needed || answer.validHere ? 'OK' : 'NOT_OK';
      log({
        purpose,
        operation: 'etias.carrier-service',
        legalBasis: LEGAL_BASIS.carrier,
        queryDataTypes: ['documentNumber', 'issuingState', 'nationality', 'memberStateOfEntry', 'arrival'],
        queryDataHash: hash(document),
        recordRefs: answer.applicationId === null ? [] : [answer.applicationId],
        resultSummary: status,
        files,
      });
      return { status };
    });
  }

  /**
   * The search portal's query of ETIAS (2019/817 art. 9): by document (exact) or by identity (candidates of the
   * identity index under `etias`, kept when the MID rules find them the same or similar). The ETIAS units
   * (`etias:read`) see the file, the border (`etias:border-query`, art. 47) and immigration authorities
   * (`etias:immigration-query`, art. 49) its validity; the portal's profile cuts the fields further.
   */
  async portalSearch(
    input: Call & {
      query: {
        surname?: string;
        givenNames?: string;
        birthDate?: string;
        sex?: string;
        nationality?: string;
        documentNumber?: string;
        documentIssuingState?: string;
      };
      byDocument: boolean;
      byIdentity: boolean;
    },
  ): Promise<PortalRecord[]> {
    const held = (['etias:read', 'etias:border-query', 'etias:immigration-query'] as const).find((p) =>
      input.actor.profile.permissions.includes(p),
    );
    if (held === undefined) {
      throw forbidden(
        'ACCESS_PERMISSION_DENIED',
        `Your profile (${input.actor.profile.name}) does not allow ETIAS queries.`,
        { permission: 'etias:read', profile: input.actor.profile.name },
      );
    }
    const purpose = requireAccess({ actor: input.actor, permission: held, purpose: input.purpose });
    const { query } = input;
    const today = isoDate(this.#deps.clock.now());
    return this.#readThenLog(input, async (log) => {
      const db = this.#deps.database.db;
      const found = new Map<
        string,
        { file: FileForQuery; probability: number; explanation: PortalRecord['explanation'] }
      >();
      if (input.byDocument && query.documentNumber) {
        const document = checkDocument({
          number: query.documentNumber,
          issuingState: query.documentIssuingState ?? '',
        });
        for (const file of await this.#repo.filesByDocument(
          db,
          document,
          query.documentIssuingState !== undefined,
        )) {
          found.set(file.applicationId, {
            file,
            probability: 1,
            explanation: [
              {
                fields: ['documents'],
                text: `travel document ${file.document.issuingState} ${file.document.number}: exact`,
              },
            ],
          });
        }
      }
      if (input.byIdentity && query.surname && this.#deps.identityIndex !== undefined) {
        input.signal?.throwIfAborted();
        const identity = {
          surname: query.surname,
          ...(query.givenNames ? { givenNames: query.givenNames } : {}),
          ...(query.birthDate ? { birthDate: query.birthDate } : {}),
          ...(query.sex ? { sex: query.sex } : {}),
          ...(query.nationality ? { nationalities: [query.nationality] } : {}),
        };
        const candidates = this.#deps.identityIndex.propose(identity, 'etias', new Set(found.keys()), 50);
        const scored = this.#deps.identityIndex.score(identity, 'etias', candidates);
        for (const file of await this.#repo.filesByIds(db, candidates)) {
          // The MID rules (Del. Reg. (EU) 2023/333) decide which candidates are the same or a similar identity.
          // A field the officer leaves out is unknown, not different: it takes the record's value.
          const stored = {
            surname: file.surname,
            givenNames: file.givenNames,
            birthDate: file.birthDate,
            sex: file.sex,
            nationalities: file.nationalities,
          };
          const v = midVerdict(
            {
              ...stored,
              ...identity,
              ...(identity.birthDate === undefined
                ? {}
                : { birthDate: fillDate(identity.birthDate, file.birthDate) }),
            },
            stored,
          );
          if (v.verdict === 'different') {
            continue;
          }
          found.set(file.applicationId, {
            file,
            probability: scored.get(file.applicationId)?.probability ?? (v.verdict === 'same' ? 0.5 : 0.25),
            explanation: [
              {
                fields: ['surname', 'givenNames', 'birthDate', 'nationalities'],
                text: `identity: ${v.verdict} (MID rules ${v.rules.join(', ') || 'none'})`,
              },
            ],
          });
        }
      }
      const records = [...found.values()].map(({ file, probability, explanation }): PortalRecord => {
        const answer = answerFor([file], {
          today,
          memberStates: null,
          expiryWarningDays: this.#settings.expiryWarningDays,
        });
        return {
          applicationId: file.applicationId,
          probability,
          explanation,
          fields: {
            applicationId: file.applicationId,
            valid: answer.valid,
            validUntil: file.validUntil,
            remainingDays: answer.remainingDays,
            expiresSoon: answer.expiresSoon,
            territorialValidity: file.territorialValidity,
            flags: file.flags,
            status: file.status,
            decidedOn: file.decidedOn,
            familyMember: file.familyMember,
            surname: file.surname,
            givenNames: file.givenNames,
            birthDate: file.birthDate,
            sex: file.sex,
            nationalities: file.nationalities,
            documents: [file.document],
          },
        };
      });
      log({
        purpose,
        operation: 'etias.portal-search',
        legalBasis: `${held === 'etias:read' ? LEGAL_BASIS.units : held === 'etias:border-query' ? LEGAL_BASIS.border : LEGAL_BASIS.immigration}; ${LEGAL_BASIS.portal}`,
        queryDataTypes: Object.keys(query).sort(),
        queryDataHash: hash(query),
        recordRefs: records.map((r) => r.applicationId),
        resultSummary: `${records.length} application files`,
        files: [...found.values()].map((f) => f.file),
      });
      return records;
    });
  }

  /** Runs a read and writes its log record by group commit before the answer (no access without a record). */
  async #readThenLog<T>(call: Call, read: (log: (entry: LogEntry) => void) => Promise<T>): Promise<T> {
    const entries: AuditEntry[] = [];
    const value = await read((entry) => {
      call.signal?.throwIfAborted();
      entries.push(this.#entry(call, entry));
    });
    for (const entry of entries) {
      await this.#deps.audit.commit({ entries: [entry], read: true });
    }
    return value;
  }

  #entry(call: Call, e: LogEntry): AuditEntry {
    const today = isoDate(this.#deps.clock.now());
    // Art. 69(4) [K]: kept one year after the retention of the files concerned ends (art. 54); a query that
    // found no file is kept as long as a file created today could be.
    const eraseAfter = e.files
      .map((f) => f.eraseAfter)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1);
    return {
      actor: call.actor,
      system: 'etias',
      component: 'queries',
      operation: e.operation,
      outcome: 'success',
      purpose: e.purpose,
      legalBasis: e.legalBasis,
      queryDataTypes: e.queryDataTypes,
      queryDataHash: e.queryDataHash,
      recordRefs: e.recordRefs,
      resultSummary: e.resultSummary,
      requestId: call.requestId ?? null,
      retainUntil: plusYears(eraseAfter ?? plusYears(today, this.#settings.validityYears), 1),
    };
  }
}

interface LogEntry {
  purpose: string | null;
  operation: string;
  legalBasis: string;
  queryDataTypes: string[];
  queryDataHash: string;
  recordRefs: string[];
  resultSummary: string;
  files: readonly FileForQuery[];
}

const parsedFlags = (v: unknown): string[] =>
  typeof v === 'string' ? (JSON.parse(v) as string[]) : (v as string[]);

/** What the border was told, for the log (art. 69(2): the data returned). */
function summary(a: AuthorisationAnswer): string {
  if (!a.valid) {
    return `not valid: ${a.status}`;
  }
  return [
    `valid until ${a.validUntil} (${a.remainingDays} days)`,
    a.validHere ? '' : 'not in this state',
    a.territorialValidity === null ? '' : `LTV ${a.territorialValidity.join(',')}`,
    a.flags.length === 0 ? '' : `flags ${a.flags.join(',')}`,
  ]
    .filter((s) => s !== '')
    .join('; ');
}

/** A partial date of the query (`1988-00-00`) completed from the record's where it says nothing. */
function fillDate(partial: string, stored: string): string {
  const [y, m, d] = partial.split('-');
  const [, sm, sd] = stored.split('-');
  return `${y}-${m === '00' ? sm : m}-${d === '00' ? sd : d}`;
}

function checkDocument(d: QueryDocument): { number: string; issuingState: string } {
  const number = d.number.trim().toUpperCase();
  if (number === '' || number.length > 30) {
    throw invalid('ETIAS_QUERY_DOCUMENT_INVALID', 'Give the travel document number (1 to 30 characters).', {
      field: 'documentNumber',
    });
  }
  return { number, issuingState: d.issuingState.trim().toUpperCase() };
}
