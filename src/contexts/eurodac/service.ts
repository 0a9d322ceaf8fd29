import { randomUUID } from 'node:crypto';
import { requireAccess, type Actor } from '../access/index.ts';
import type { AuditEntry, AuditLog } from '../audit/index.ts';
import type { IdentityIndexService } from '../matching/index.ts';
import {
  type BiometricMatching,
  type Candidate,
  type Partition,
  type Template,
  type TemplateInput,
} from '../sbms/index.ts';
import {
  idempotency,
  type Call as PlatformCall,
  type WriteCall as PlatformWriteCall,
} from '../../platform/calls.ts';
import type { Changes } from '../../platform/changes/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import { isoDate, plusYears } from '../../platform/dates.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import type { RetentionRule } from '../../platform/retention.ts';
import type { Writes } from '../../platform/writes.ts';
import { EURODAC_ERRORS } from './errors.ts';
import {
  DEFAULT_EURODAC_SETTINGS,
  ERASURE_REASONS,
  HIT_STATES,
  RESPONSIBILITY_GROUNDS,
  type Category,
  type DatasetInput,
  type DatasetView,
  type ErasureReason,
  type EurodacSettings,
  type HitDatasetView,
  type HitListItem,
  type HitState,
  type HitView,
  type LawEnforcementAnswer,
  type LawEnforcementRequest,
  type NoticeView,
  type RegistrationAnswer,
  type ResponsibilityGround,
} from './model.ts';
import { EurodacRepository, type DatasetRow, type HitRow, type NoticeRow } from './repository.ts';
import {
  memberStateCode,
  missingLawEnforcementConditions,
  prepareDataset,
  probeProblems,
  type PreparedDataset,
} from './validate.ts';

export type Call = PlatformCall<Actor>;
export type WriteCall = PlatformWriteCall<Actor>;

export interface EurodacServiceDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  writes: Writes;
  /** The shared biometric matching service: Eurodac's templates live in its partition `eurodac`. */
  biometrics: BiometricMatching;
  settings?: EurodacSettings;
  /** The change feed: every write of a dataset appends `eurodac.datasets` (the CIR follows it). */
  changes?: Changes;
  /** The identity index: each dataset's identity data stand in it under `eurodac`. */
  identityIndex?: IdentityIndexService;
}

/** Topic of every change to a dataset; refs are dataset ids. */
export const DATASETS_TOPIC = 'eurodac.datasets';

/** The partition of the matching service that holds Eurodac's templates (2019/818 art. 13(1)). */
export const EURODAC_PARTITION: Partition = 'eurodac';

/** Legal bases logged with each operation (art. 41). */
const LEGAL_BASIS = {
  applicant: 'Reg. (EU) 2024/1358 arts. 15-17',
  resettlement: 'Reg. (EU) 2024/1358 arts. 18-19',
  'irregular-crossing': 'Reg. (EU) 2024/1358 arts. 20-21',
  'illegal-stay': 'Reg. (EU) 2024/1358 art. 22 [K]',
  disembarkation: 'Reg. (EU) 2024/1358 arts. 23-24 [K]',
  'temporary-protection': 'Reg. (EU) 2024/1358 art. 26',
  access: 'Reg. (EU) 2024/1358 art. 40',
  hit: 'Reg. (EU) 2024/1358 art. 38 [K]',
  marking: 'Reg. (EU) 2024/1358 art. 31',
  responsibility: 'Reg. (EU) 2024/1358 art. 16',
  erasure: 'Reg. (EU) 2024/1358 art. 29 [K] (advance erasure on naturalisation)',
  'law-enforcement': 'Reg. (EU) 2024/1358 art. 33',
} as const satisfies Record<Category, string> & Record<string, string>;

interface LogEntry {
  purpose: string | null;
  operation: string;
  legalBasis: string;
  recordRefs?: readonly string[];
  queryDataTypes?: readonly string[];
  resultSummary: string;
  outcome?: 'success' | 'denied';
}

type Holdings = Array<{ modality: 'face' | 'finger'; position: number; quality: number }>;

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/**
 * Eurodac (Reg. (EU) 2024/1358): registration of datasets with the one-to-many comparison through the shared
 * biometric matching service, the hits and their verification by the member state of origin, marking with the
 * notice to other states, responsibility updates, erasure and the law-enforcement comparison. Every operation
 * is logged with what art. 41 lists: purpose, date and time, data transmitted, data used to query, the unit
 * and the person (the audit record's actor).
 */
export class EurodacService {
  readonly #deps: EurodacServiceDeps;
  readonly #repo = new EurodacRepository();
  readonly settings: EurodacSettings;

  constructor(deps: EurodacServiceDeps) {
    this.#deps = deps;
    this.settings = deps.settings ?? DEFAULT_EURODAC_SETTINGS;
  }

  #today(): string {
    return isoDate(this.#deps.clock.now());
  }

  #entry(call: Call, entry: LogEntry): AuditEntry {
    return {
      actor: call.actor,
      system: 'eurodac',
      operation: entry.operation,
      outcome: entry.outcome ?? 'success',
      purpose: entry.purpose,
      legalBasis: entry.legalBasis,
      recordRefs: entry.recordRefs ?? [],
      queryDataTypes: entry.queryDataTypes ?? [],
      resultSummary: entry.resultSummary,
      requestId: call.requestId ?? null,
    };
  }

  async #log(trx: Executor, call: Call, entry: LogEntry): Promise<void> {
    await this.#deps.audit.record(trx, this.#entry(call, entry));
  }

  /** Runs a read and writes its log record before answering: no access without a log (art. 41). */
  #read<T>(call: Call, read: (db: Executor) => Promise<{ value: T; log: LogEntry }>): Promise<T> {
    return this.#deps.audit.readThenLog(
      this.#deps.database.db,
      (c: Call, e: LogEntry) => this.#entry(c, e),
      async (db, logs) => {
        const { value, log } = await read(db);
        logs.add(call, log);
        return value;
      },
    );
  }

  /** Decodes the fingerprints and the face of a request (the matching service's codes on a bad template). */
  #templates(
    fingerprints: readonly TemplateInput[],
    face: TemplateInput | undefined,
    gate: boolean,
  ): Template[] {
    const options = { qualityGate: gate };
    const fingers = this.#deps.biometrics.decode(fingerprints, 'fingerprints', options);
    return face === undefined
      ? fingers
      : [...fingers, ...this.#deps.biometrics.decode([face], 'face', options)];
  }

  /**
   * 1:N against the stored datasets; each candidate carries its per-template scores for the expert. A
   * candidate erased since the search is dropped when the datasets are read in the write transaction.
   */
  #compare(probe: readonly Template[]): Promise<Candidate[]> {
    return this.#deps.biometrics.identify(probe, {
      partitions: [EURODAC_PARTITION],
      limit: this.settings.candidateLimit,
      matchesOnly: true,
    });
  }

  #eraseAfter(prepared: PreparedDataset, today: string): string {
    const years = this.settings.retentionYears;
    const n =
      prepared.category === 'resettlement'
        ? prepared.admission === 'refused'
          ? years['resettlement-refused']
          : years['resettlement-granted']
        : years[prepared.category];
    return plusYears(today, n);
  }

  /**
   * Registers a dataset (arts. 15-26): the biometric data are compared one-to-many with the stored datasets
   * first, then the dataset and its templates are stored in one transaction with the hits, which go to the
   * member state of origin (the caller's) for verification. A person registered for a resettlement procedure
   * is compared but not recorded (art. 18(1)): the answer says `recorded: false` and no hit is kept.
   */
  async register(
    call: WriteCall,
    input: DatasetInput,
  ): Promise<{ value: RegistrationAnswer; replayed: boolean }> {
    const purpose = requireAccess({
      actor: call.actor,
      permission: 'eurodac:register',
      purpose: call.purpose,
      forPurposes: ['asylum-procedure'],
    });
    const today = this.#today();
    const prepared = prepareDataset(input, today, this.settings.minimumAge);
    // Enrolment applies the quality gate of 2019/818 art. 13(3); a dataset kept for comparison only does not.
    const recorded = !(prepared.category === 'resettlement' && prepared.admission === 'registered');
    const probe = this.#templates(input.fingerprints, input.face, recorded);
    const found = await this.#compare(probe);
    const idem = idempotency(call, 'eurodac.dataset.register', input);
    return this.#deps.writes.run(idem, async (trx) => {
      const now = this.#deps.clock.now();
      const held = new Map(
        (
          await this.#repo.findDatasets(
            trx,
            found.map((f) => f.recordRef),
          )
        ).map((d) => [d.id, d]),
      );
      const hits = found.filter((f) => held.has(f.recordRef));
      const id = recorded ? `edd_${randomUUID()}` : `edc_${randomUUID()}`;
      const queryDataTypes = [
        'fingerprints',
        ...(input.face === undefined ? [] : ['face']),
        ...(prepared.identity === null ? [] : ['identity']),
        ...(prepared.document === null ? [] : ['document']),
      ];
      const summaries = hits.map((candidate) => {
        const other = held.get(candidate.recordRef)!;
        return {
          datasetId: other.id,
          memberState: other.member_state,
          category: other.category as Category,
          score: candidate.score,
          falseMatchRate: candidate.falseMatchRate,
        };
      });
      if (!recorded) {
        await this.#log(trx, call, {
          purpose,
          operation: 'eurodac.comparison',
          legalBasis: LEGAL_BASIS.resettlement,
          recordRefs: [id, ...summaries.map((s) => s.datasetId)],
          queryDataTypes,
          resultSummary: `resettlement registration compared, not recorded (art. 18(1)): ${summaries.length} hit(s)`,
        });
        return { id, recorded: false, hits: summaries };
      }
      await this.#repo.insertDataset(trx, {
        id,
        category: prepared.category,
        admission: prepared.admission,
        member_state: call.actor.memberState,
        authority_id: call.actor.authorityId,
        authority_name: call.actor.authorityName,
        registered_by: call.actor.username,
        registered_at: now,
        identity: JSON.stringify(prepared.identity),
        document: JSON.stringify(prepared.document),
        marked_at: null,
        marked_by: null,
        marking_basis: null,
        responsible_state: null,
        responsibility_ground: null,
        responsibility_updated_at: null,
        erase_after: this.#eraseAfter(prepared, today),
      });
      await this.#deps.biometrics.enrol(trx, EURODAC_PARTITION, id, probe);
      if (prepared.identity !== null) {
        await this.#deps.identityIndex?.stage(trx, {
          system: 'eurodac',
          recordRef: id,
          surname: prepared.identity.surname,
          givenNames: prepared.identity.givenNames,
          birthDate: prepared.identity.birthDate,
          sex: prepared.identity.sex,
          nationalities: prepared.identity.nationalities,
          placeOfBirth: '',
          documentNumber: prepared.document?.number ?? '',
        });
      }
      await this.#deps.changes?.record(trx, DATASETS_TOPIC, [id]);
      const rows = hits.map((candidate) => ({
        id: `edh_${randomUUID()}`,
        dataset_id: id,
        matched_dataset_id: candidate.recordRef,
        origin_state: call.actor.memberState,
        score: candidate.score,
        false_match_rate: candidate.falseMatchRate,
        decision: candidate.decision,
        comparison: JSON.stringify(candidate.scores),
        state: 'pending',
        verified_by: null,
        verified_at: null,
        reason: null,
        created_at: now,
      }));
      await this.#repo.insertHits(trx, rows);
      await this.#log(trx, call, {
        purpose,
        operation: 'eurodac.dataset.register',
        legalBasis: LEGAL_BASIS[prepared.category],
        recordRefs: [id, ...summaries.map((s) => s.datasetId)],
        queryDataTypes,
        resultSummary: `${prepared.category} dataset registered; ${rows.length} hit(s) sent to ${call.actor.memberState} for verification`,
      });
      return {
        id,
        recorded: true,
        hits: summaries.map((s, i) => ({ hitId: rows[i]!.id, ...s })),
      };
    });
  }

  /** Which templates the matching service holds for a dataset; asked outside any write transaction. */
  async #holdings(id: string): Promise<Holdings> {
    return (await this.#deps.biometrics.holdings(EURODAC_PARTITION, [id])).get(id) ?? [];
  }

  async #view(db: Executor, row: DatasetRow, holdings: Holdings): Promise<DatasetView> {
    const face = holdings.find((h) => h.modality === 'face');
    const hits = await this.#repo.hitsOfDataset(db, row.id);
    const others = new Map(
      (
        await this.#repo.findDatasets(
          db,
          hits.map((h) => (h.dataset_id === row.id ? h.matched_dataset_id : h.dataset_id)),
        )
      ).map((d) => [d.id, d]),
    );
    return {
      id: row.id,
      category: row.category as Category,
      admission: (row.admission as DatasetView['admission']) ?? null,
      memberState: row.member_state,
      authorityName: row.authority_name,
      registeredAt: row.registered_at.toISOString(),
      identity: row.identity,
      document: row.document,
      holdings: {
        face: face === undefined ? null : { quality: face.quality },
        fingers: holdings
          .filter((h) => h.modality === 'finger')
          .map((h) => ({ position: h.position, quality: h.quality }))
          .sort((a, b) => a.position - b.position),
      },
      marking:
        row.marked_at === null
          ? null
          : {
              markedAt: row.marked_at.toISOString(),
              basis: row.marking_basis as 'protection-granted' | 'notice',
              markedBy: row.marked_by ?? '',
            },
      responsibility:
        row.responsible_state === null
          ? null
          : {
              state: row.responsible_state,
              ground: row.responsibility_ground as ResponsibilityGround,
              updatedAt: iso(row.responsibility_updated_at) ?? '',
            },
      eraseAfter: row.erase_after,
      hits: hits.map((h) => {
        const otherId = h.dataset_id === row.id ? h.matched_dataset_id : h.dataset_id;
        return {
          id: h.id,
          state: h.state as HitState,
          otherDatasetId: otherId,
          otherMemberState: others.get(otherId)?.member_state ?? '',
        };
      }),
    };
  }

  /** The member state's own dataset (art. 40): another state's answers as an unknown one. */
  #own(call: Call, row: DatasetRow | undefined, id: string): DatasetRow {
    if (row === undefined || row.member_state !== call.actor.memberState) {
      throw notFound(EURODAC_ERRORS.datasetNotFound, `No dataset ${id} of ${call.actor.memberState}.`);
    }
    return row;
  }

  /** A dataset of the caller's member state, with which fingers and face it holds and its hits (art. 40). */
  async dataset(call: Call & { id: string }): Promise<DatasetView> {
    const purpose = requireAccess({ actor: call.actor, permission: 'eurodac:read', purpose: call.purpose });
    return this.#read(call, async (db) => {
      const row = this.#own(call, await this.#repo.findDataset(db, call.id), call.id);
      return {
        value: await this.#view(db, row, await this.#holdings(row.id)),
        log: {
          purpose,
          operation: 'eurodac.dataset.read',
          legalBasis: LEGAL_BASIS.access,
          recordRefs: [row.id],
          queryDataTypes: ['dataset-id'],
          resultSummary: `${row.category} dataset viewed`,
        },
      };
    });
  }

  /** The hits sent to the caller's member state (its new datasets' hits), oldest first. */
  async hits(
    call: Call & { state?: HitState; limit?: number; offset?: number },
  ): Promise<{ hits: HitListItem[]; total: number }> {
    const purpose = requireAccess({ actor: call.actor, permission: 'eurodac:read', purpose: call.purpose });
    if (call.state !== undefined && !HIT_STATES.includes(call.state)) {
      throw invalid(EURODAC_ERRORS.datasetInvalid, `state is one of ${HIT_STATES.join(', ')}.`, {
        problems: [{ field: 'state', message: `One of ${HIT_STATES.join(', ')}.` }],
      });
    }
    return this.#read(call, async (db) => {
      const { rows, total } = await this.#repo.hitsOfState(db, call.actor.memberState, {
        state: call.state ?? null,
        limit: call.limit ?? 50,
        offset: call.offset ?? 0,
      });
      const matched = new Map(
        (
          await this.#repo.findDatasets(
            db,
            rows.map((r) => r.matched_dataset_id),
          )
        ).map((d) => [d.id, d]),
      );
      return {
        value: {
          total,
          hits: rows.map((h) => ({
            id: h.id,
            state: h.state as HitState,
            createdAt: h.created_at.toISOString(),
            score: h.score,
            falseMatchRate: h.false_match_rate,
            decision: h.decision as 'match' | 'no-match',
            datasetId: h.dataset_id,
            matchedDatasetId: h.matched_dataset_id,
            matchedMemberState: matched.get(h.matched_dataset_id)?.member_state ?? '',
            matchedCategory: (matched.get(h.matched_dataset_id)?.category ?? 'applicant') as Category,
          })),
        },
        log: {
          purpose,
          operation: 'eurodac.hits.list',
          legalBasis: LEGAL_BASIS.hit,
          recordRefs: rows.map((r) => r.id),
          queryDataTypes: call.state === undefined ? [] : ['hit-state'],
          resultSummary: `${rows.length} of ${total} hit(s) listed`,
        },
      };
    });
  }

  #hitDataset(row: DatasetRow): HitDatasetView {
    return {
      id: row.id,
      memberState: row.member_state,
      category: row.category as Category,
      registeredAt: row.registered_at.toISOString(),
      identity: row.identity,
      document: row.document,
      marked: row.marked_at !== null,
    };
  }

  async #hitView(db: Executor, hit: HitRow): Promise<HitView> {
    const [dataset, matched] = await Promise.all([
      this.#repo.findDataset(db, hit.dataset_id),
      this.#repo.findDataset(db, hit.matched_dataset_id),
    ]);
    return {
      id: hit.id,
      state: hit.state as HitState,
      createdAt: hit.created_at.toISOString(),
      score: hit.score,
      falseMatchRate: hit.false_match_rate,
      decision: hit.decision as 'match' | 'no-match',
      comparison: hit.comparison,
      dataset: this.#hitDataset(dataset!),
      matched: this.#hitDataset(matched!),
      verification:
        hit.verified_at === null
          ? null
          : {
              outcome: hit.state as 'confirmed' | 'rejected',
              reason: hit.reason ?? '',
              by: hit.verified_by ?? '',
              at: hit.verified_at.toISOString(),
            },
    };
  }

  #ownHit(call: Call, hit: HitRow | undefined, id: string): HitRow {
    if (hit === undefined || hit.origin_state !== call.actor.memberState) {
      throw notFound(EURODAC_ERRORS.hitNotFound, `No hit ${id} sent to ${call.actor.memberState}.`);
    }
    return hit;
  }

  /**
   * A hit as the fingerprint expert of the member state of origin examines it: both datasets' data and the
   * score of each finger and of the face with both qualities (art. 38 [K]).
   */
  async hit(call: Call & { id: string }): Promise<HitView> {
    const purpose = requireAccess({ actor: call.actor, permission: 'eurodac:read', purpose: call.purpose });
    return this.#read(call, async (db) => {
      const hit = this.#ownHit(call, await this.#repo.findHit(db, call.id), call.id);
      return {
        value: await this.#hitView(db, hit),
        log: {
          purpose,
          operation: 'eurodac.hit.read',
          legalBasis: LEGAL_BASIS.hit,
          recordRefs: [hit.id, hit.dataset_id, hit.matched_dataset_id],
          queryDataTypes: ['hit-id'],
          resultSummary: `hit viewed (${hit.state})`,
        },
      };
    });
  }

  /**
   * The fingerprint expert's verification of a hit (art. 38 [K]): confirmed, or rejected — a rejected hit is
   * kept as such and acted on nowhere (no marking notice follows it).
   */
  async verifyHit(
    call: WriteCall & { id: string; outcome: 'confirmed' | 'rejected'; reason: string },
  ): Promise<{ value: HitView; replayed: boolean }> {
    const purpose = requireAccess({ actor: call.actor, permission: 'eurodac:verify', purpose: call.purpose });
    if (call.outcome !== 'confirmed' && call.outcome !== 'rejected') {
      throw invalid(EURODAC_ERRORS.datasetInvalid, 'The outcome is confirmed or rejected.', {
        problems: [{ field: 'outcome', message: 'confirmed or rejected' }],
      });
    }
    const reason = call.reason.trim();
    if (reason === '') {
      throw invalid(EURODAC_ERRORS.datasetInvalid, 'Give the reason of the verification.', {
        problems: [{ field: 'reason', message: 'Required.' }],
      });
    }
    const idem = idempotency(call, 'eurodac.hit.verify', { id: call.id, o: call.outcome, r: reason });
    return this.#deps.writes.run(idem, async (trx) => {
      const hit = this.#ownHit(call, await this.#repo.lockHit(trx, call.id), call.id);
      if (hit.state !== 'pending') {
        throw conflict(
          EURODAC_ERRORS.hitAlreadyVerified,
          `Hit ${hit.id} was verified already (${hit.state}).`,
          {
            state: hit.state,
          },
        );
      }
      const now = this.#deps.clock.now();
      await this.#repo.updateHit(trx, hit.id, {
        state: call.outcome,
        verified_by: call.actor.username,
        verified_at: now,
        reason,
      });
      await this.#log(trx, call, {
        purpose,
        operation: 'eurodac.hit.verify',
        legalBasis: LEGAL_BASIS.hit,
        recordRefs: [hit.id, hit.dataset_id, hit.matched_dataset_id],
        queryDataTypes: ['hit-id'],
        resultSummary: `hit ${call.outcome} by the fingerprint expert`,
      });
      return this.#hitView(trx, {
        ...hit,
        state: call.outcome,
        verified_by: call.actor.username,
        verified_at: now,
        reason,
      });
    });
  }

  /**
   * Marking (art. 31): the member state that granted international protection marks its applicant's dataset,
   * and Eurodac informs every member state of origin of a dataset with a (not rejected) hit on that person
   * within 72 hours — a notice each sees in its list — so that they mark theirs too, naming the notice.
   */
  async mark(call: WriteCall & { id: string; noticeId?: string }): Promise<{
    value: { dataset: DatasetView; noticesSent: Array<{ memberState: string; dueBy: string }> };
    replayed: boolean;
  }> {
    const purpose = requireAccess({ actor: call.actor, permission: 'eurodac:mark', purpose: call.purpose });
    const idem = idempotency(call, 'eurodac.dataset.mark', { id: call.id, n: call.noticeId ?? null });
    // Marking changes no template: the holdings are read before the write transaction.
    const holdings = await this.#holdings(call.id);
    return this.#deps.writes.run(idem, async (trx) => {
      const row = this.#own(call, await this.#repo.lockDataset(trx, call.id), call.id);
      if (row.marked_at !== null) {
        throw conflict(EURODAC_ERRORS.markingNotApplicable, `Dataset ${row.id} is marked already.`);
      }
      const now = this.#deps.clock.now();
      let notice: NoticeRow | undefined;
      if (call.noticeId !== undefined) {
        notice = await this.#repo.lockNotice(trx, call.noticeId);
        if (
          notice === undefined ||
          notice.member_state !== call.actor.memberState ||
          notice.dataset_id !== row.id
        ) {
          throw notFound(
            EURODAC_ERRORS.noticeNotFound,
            `No notice ${call.noticeId} about dataset ${row.id}.`,
          );
        }
      } else if (row.category !== 'applicant') {
        throw conflict(
          EURODAC_ERRORS.markingNotApplicable,
          'Only an applicant granted international protection is marked on a decision (art. 31(1)); mark other datasets on the notice that asks for it.',
          { category: row.category },
        );
      }
      const basis = notice === undefined ? 'protection-granted' : 'notice';
      await this.#repo.updateDataset(trx, row.id, {
        marked_at: now,
        marked_by: call.actor.username,
        marking_basis: basis,
      });
      await this.#deps.changes?.record(trx, DATASETS_TOPIC, [row.id]);
      // Every open notice about this dataset is answered by the marking.
      for (const open of await this.#repo.noticesOfState(trx, call.actor.memberState, true)) {
        if (open.dataset_id === row.id) {
          await this.#repo.updateNotice(trx, open.id, { acted_at: now, acted_by: call.actor.username });
        }
      }
      const sent: Array<{ memberState: string; dueBy: string }> = [];
      if (basis === 'protection-granted') {
        const hits = (await this.#repo.hitsOfDataset(trx, row.id)).filter((h) => h.state !== 'rejected');
        const others = await this.#repo.findDatasets(trx, [
          ...new Set(hits.map((h) => (h.dataset_id === row.id ? h.matched_dataset_id : h.dataset_id))),
        ]);
        const dueBy = new Date(now.getTime() + this.settings.markingNoticeHours * 3_600_000);
        const notices = others
          .filter((o) => o.marked_at === null)
          .map((o) => ({
            id: `edn_${randomUUID()}`,
            kind: 'marking',
            member_state: o.member_state,
            dataset_id: o.id,
            marked_dataset_id: row.id,
            marked_by_state: call.actor.memberState,
            sent_at: now,
            due_by: dueBy,
            acted_at: null,
            acted_by: null,
          }));
        await this.#repo.insertNotices(trx, notices);
        sent.push(...notices.map((n) => ({ memberState: n.member_state, dueBy: dueBy.toISOString() })));
      }
      await this.#log(trx, call, {
        purpose,
        operation: 'eurodac.dataset.mark',
        legalBasis: LEGAL_BASIS.marking,
        recordRefs: [row.id, ...(notice === undefined ? [] : [notice.id])],
        queryDataTypes: ['dataset-id'],
        resultSummary:
          basis === 'notice'
            ? `dataset marked on the notice of ${notice!.marked_by_state}`
            : `dataset marked (protection granted); ${sent.length} member state notice(s) sent`,
      });
      const updated = (await this.#repo.findDataset(trx, row.id))!;
      return { dataset: await this.#view(trx, updated, holdings), noticesSent: sent };
    });
  }

  /** The marking notices sent to the caller's member state (art. 31); `open` only those not acted on yet. */
  async notices(call: Call & { open?: boolean }): Promise<{ notices: NoticeView[] }> {
    const purpose = requireAccess({ actor: call.actor, permission: 'eurodac:read', purpose: call.purpose });
    return this.#read(call, async (db) => {
      const rows = await this.#repo.noticesOfState(db, call.actor.memberState, call.open ?? null);
      return {
        value: {
          notices: rows.map((n) => ({
            id: n.id,
            kind: 'marking' as const,
            datasetId: n.dataset_id,
            markedDatasetId: n.marked_dataset_id,
            markedBy: n.marked_by_state,
            sentAt: n.sent_at.toISOString(),
            dueBy: n.due_by.toISOString(),
            actedAt: iso(n.acted_at),
          })),
        },
        log: {
          purpose,
          operation: 'eurodac.notices.list',
          legalBasis: LEGAL_BASIS.marking,
          recordRefs: rows.map((n) => n.id),
          resultSummary: `${rows.length} notice(s) listed`,
        },
      };
    });
  }

  /** Art. 16: the member state responsible, once determined, recorded in the dataset. */
  async updateResponsibility(
    call: WriteCall & { id: string; responsibleState: string; ground: ResponsibilityGround },
  ): Promise<{ value: DatasetView; replayed: boolean }> {
    const purpose = requireAccess({
      actor: call.actor,
      permission: 'eurodac:register',
      purpose: call.purpose,
    });
    const state = memberStateCode(call.responsibleState);
    const problems = [
      ...(state === null
        ? [{ field: 'responsibleState', message: 'A member state applying Eurodac (e.g. DE, GR).' }]
        : []),
      ...(RESPONSIBILITY_GROUNDS.includes(call.ground)
        ? []
        : [{ field: 'ground', message: `One of ${RESPONSIBILITY_GROUNDS.join(', ')}.` }]),
    ];
    if (problems.length > 0) {
      throw invalid(EURODAC_ERRORS.datasetInvalid, problems[0]!.message, { problems });
    }
    const idem = idempotency(call, 'eurodac.dataset.responsibility', {
      id: call.id,
      s: state,
      g: call.ground,
    });
    const holdings = await this.#holdings(call.id);
    return this.#deps.writes.run(idem, async (trx) => {
      const row = this.#own(call, await this.#repo.lockDataset(trx, call.id), call.id);
      const now = this.#deps.clock.now();
      await this.#repo.updateDataset(trx, row.id, {
        responsible_state: state,
        responsibility_ground: call.ground,
        responsibility_updated_at: now,
      });
      await this.#deps.changes?.record(trx, DATASETS_TOPIC, [row.id]);
      await this.#log(trx, call, {
        purpose,
        operation: 'eurodac.dataset.responsibility',
        legalBasis: LEGAL_BASIS.responsibility,
        recordRefs: [row.id],
        queryDataTypes: ['dataset-id'],
        resultSummary: `responsible member state ${state} (${call.ground})`,
      });
      return this.#view(trx, (await this.#repo.findDataset(trx, row.id))!, holdings);
    });
  }

  /**
   * Advance erasure (art. 29 [K]): a person who acquired the citizenship of a member state is erased at once,
   * with the hits and notices of the dataset and its templates in the matching service.
   */
  async erase(
    call: WriteCall & { id: string; reason: ErasureReason },
  ): Promise<{ value: { id: string; erased: true; templatesRemoved: number }; replayed: boolean }> {
    const purpose = requireAccess({
      actor: call.actor,
      permission: 'eurodac:register',
      purpose: call.purpose,
    });
    if (!ERASURE_REASONS.includes(call.reason)) {
      throw invalid(EURODAC_ERRORS.datasetInvalid, `The reason is one of ${ERASURE_REASONS.join(', ')}.`, {
        problems: [{ field: 'reason', message: `One of ${ERASURE_REASONS.join(', ')}.` }],
      });
    }
    const idem = idempotency(call, 'eurodac.dataset.erase', { id: call.id, r: call.reason });
    return this.#deps.writes.run(idem, async (trx) => {
      const row = this.#own(call, await this.#repo.lockDataset(trx, call.id), call.id);
      const templatesRemoved = await this.#deps.biometrics.remove(trx, EURODAC_PARTITION, [row.id]);
      await this.#repo.deleteDataset(trx, row.id);
      await this.#deps.identityIndex?.stageRemoval(trx, 'eurodac', [row.id]);
      await this.#deps.changes?.record(trx, DATASETS_TOPIC, [row.id]);
      await this.#log(trx, call, {
        purpose,
        operation: 'eurodac.dataset.erase',
        legalBasis: LEGAL_BASIS.erasure,
        recordRefs: [row.id],
        queryDataTypes: ['dataset-id'],
        resultSummary: `${row.category} dataset erased (${call.reason}); ${templatesRemoved} template(s) removed`,
      });
      return { id: row.id, erased: true as const, templatesRemoved };
    });
  }

  /**
   * Art. 33: a designated authority's comparison for a terrorist offence or other serious crime, only on a
   * reasoned request that names the case, the offence, the reasons and the prior checks, checked by the
   * verifying authority. The answer is hit or no hit with the references of the datasets hit and their
   * member states of origin, whom the follow-up goes to [K]. The request is logged whatever the answer,
   * with the conditions as given (art. 41); a request without its conditions is refused and logged as such.
   */
  async lawEnforcementComparison(call: Call, request: LawEnforcementRequest): Promise<LawEnforcementAnswer> {
    const purpose = requireAccess({
      actor: call.actor,
      permission: 'eurodac:law-enforcement',
      purpose: call.purpose,
      forPurposes: ['law-enforcement'],
    });
    const caseReference = typeof request.caseReference === 'string' ? request.caseReference.trim() : '';
    const missing = missingLawEnforcementConditions(request);
    const conditions = `case ${caseReference || '(none)'}; offence ${request.offence?.kind ?? '(none)'}; verifying authority ${request.verifyingAuthority?.trim() || '(none)'}`;
    const queryDataTypes = ['fingerprints', ...(request.face === undefined ? [] : ['face'])];
    if (missing.length > 0) {
      await this.#deps.audit.append(
        this.#entry(call, {
          purpose,
          operation: 'eurodac.law-enforcement.comparison',
          legalBasis: LEGAL_BASIS['law-enforcement'],
          queryDataTypes,
          resultSummary: `refused: conditions of art. 33 not met (${missing.join(', ')}); ${conditions}`,
          outcome: 'denied',
        }),
      );
      throw invalid(
        EURODAC_ERRORS.lawEnforcementConditions,
        `A law-enforcement comparison needs a reasoned request meeting art. 33(1): missing ${missing.join(', ')}.`,
        { missing },
      );
    }
    const problems = probeProblems(request.fingerprints, request.face);
    if (problems.length > 0) {
      throw invalid(EURODAC_ERRORS.datasetInvalid, problems[0]!.message, { problems });
    }
    // A probe from a crime scene is compared whatever its quality; it is never stored.
    const probe = this.#templates(request.fingerprints, request.face, false);
    const candidates = await this.#deps.biometrics.identify(probe, {
      partitions: [EURODAC_PARTITION],
      limit: this.settings.candidateLimit,
      matchesOnly: true,
    });
    const id = `edl_${randomUUID()}`;
    return this.#read(call, async (db) => {
      const held = await this.#repo.findDatasets(
        db,
        candidates.map((c) => c.recordRef),
      );
      const state = new Map(held.map((d) => [d.id, d.member_state]));
      const hits = candidates
        .filter((c) => state.has(c.recordRef))
        .map((c) => ({ datasetId: c.recordRef, memberState: state.get(c.recordRef)! }));
      return {
        value: { id, result: hits.length > 0 ? ('hit' as const) : ('no-hit' as const), hits },
        log: {
          purpose,
          operation: 'eurodac.law-enforcement.comparison',
          legalBasis: LEGAL_BASIS['law-enforcement'],
          recordRefs: [id, ...hits.map((h) => h.datasetId)],
          queryDataTypes,
          resultSummary: `${hits.length > 0 ? 'hit' : 'no hit'} (${hits.length}); ${conditions}; offence: ${(request.offence?.description ?? '').trim().slice(0, 200)}; prior checks: national databases, Prüm fingerprints, VIS`,
        },
      };
    });
  }

  /**
   * Art. 29: the retention rules, one per period; each erases the datasets of its categories whose erasure day
   * (computed at registration from the category's period) has passed, and returns their ids so that the
   * retention run's cascades remove their templates from the matching service.
   */
  retentionRules(): RetentionRule[] {
    const years = this.settings.retentionYears;
    const rule = (
      id: string,
      categories: Category[],
      description: string,
      legalBasis: string,
    ): RetentionRule => ({
      id: `eurodac.${id}`,
      system: 'eurodac',
      description,
      legalBasis,
      erase: async (trx, today) => {
        const refs = await this.#repo.eraseExpired(trx, today, categories);
        await this.#deps.changes?.record(trx, DATASETS_TOPIC, refs);
        return { erased: refs.length, refs };
      },
    });
    return [
      rule(
        'applicant',
        ['applicant'],
        `Datasets of applicants for international protection, ${years.applicant} years after registration`,
        'Reg. (EU) 2024/1358 art. 29(1)',
      ),
      rule(
        'apprehended-and-staying',
        ['irregular-crossing', 'illegal-stay', 'disembarkation'],
        `Datasets of persons apprehended crossing irregularly, illegally staying or disembarked, ${years['irregular-crossing']} years after registration`,
        'Reg. (EU) 2024/1358 art. 29(3), (5)-(8) (category mapping [K])',
      ),
      rule(
        'resettlement',
        ['resettlement'],
        `Resettlement and humanitarian admission datasets: ${years['resettlement-granted']} years when admitted, ${years['resettlement-refused']} when refused or discontinued`,
        'Reg. (EU) 2024/1358 art. 29(4)-(5)',
      ),
      rule(
        'temporary-protection',
        ['temporary-protection'],
        `Datasets of beneficiaries of temporary protection, ${years['temporary-protection']} year(s) after registration [K]`,
        'Reg. (EU) 2024/1358 art. 29(9) [K]',
      ),
    ];
  }
}
