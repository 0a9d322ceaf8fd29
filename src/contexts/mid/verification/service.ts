import { randomUUID } from 'node:crypto';
import { requireAccess, type Actor } from '../../access/index.ts';
import type { AuditEntry, AuditLog } from '../../audit/index.ts';
import { cirRef, CirRepository, type CirFile, type CirRef, type CirSystem } from '../../cir/index.ts';
import { midVerdict, type IdentityData, type MidSettings } from '../../identity/index.ts';
import type { BiometricMatching } from '../../sbms/index.ts';
import {
  idempotency,
  type Call as PlatformCall,
  type WriteCall as PlatformWriteCall,
} from '../../../platform/calls.ts';
import type { Changes } from '../../../platform/changes/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database, Executor } from '../../../platform/database/index.ts';
import { isoDate, plusYears } from '../../../platform/dates.ts';
import { notFound } from '../../../platform/errors.ts';
import type { Writes } from '../../../platform/writes.ts';
import { LINKS_TOPIC, type LinkColor, type MidLink } from '../model.ts';
import {
  colorOptions,
  COLOR_MEANINGS,
  parseVerification,
  requireColorAllowed,
  requireVerifier,
  requireYellow,
  type ColorOption,
} from '../rules/verification.ts';
import { MID_VERIFICATION_ERRORS } from './errors.ts';
import { noticeLanguageOf, renderRedLinkNotice } from './notice.ts';
import {
  VerificationRepository,
  type QueueQuery,
  type StoredLink,
  type StoredVerification,
} from './repository.ts';

export type Call = PlatformCall<Actor>;
export type WriteCall = PlatformWriteCall<Actor>;

export interface MidVerificationDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  writes: Writes;
  /** The shared biometric matching service: which templates each record holds (never the templates). */
  biometrics: Pick<BiometricMatching, 'holdings'>;
  /** The MID rules' settings, as the detection uses them. */
  midSettings?: Partial<MidSettings>;
  /** The change feed: a verified link's id under `mid.links`. */
  changes?: Changes;
}

/** The legal bases logged with each operation. */
const LEGAL_BASIS = {
  verify:
    'Regs. (EU) 2019/817 and 2019/818 arts. 29-33 and 36; Del. Reg. (EU) 2023/333 art. 4 (log kept one year)',
  read: 'Regs. (EU) 2019/817 and 2019/818 arts. 21, 26(1), 29 and 36',
} as const;

/** Logs of the MID are kept one year (Del. Reg. (EU) 2023/333 art. 4 [K], with art. 36). */
const LOG_YEARS = 1;

const PURPOSES = ['identity-verification'] as const;

interface LogEntry {
  purpose: string | null;
  operation: string;
  legalBasis: string;
  recordRefs: readonly string[];
  resultSummary: string;
  linkChanges?: unknown;
}

export interface LinkView {
  id: string;
  icf: string;
  color: LinkColor;
  meaning: string;
  records: CirRef[];
  rules: string[];
  biometricScore?: number;
  falseMatchRate?: number;
  createdAt: string;
  updatedAt: string;
  verifyBy?: string;
  overdue: boolean;
  verifier: MidLink['verifier'];
  verification?: StoredVerification;
  reflectedInRecords: boolean;
}

type Names = string | string[];
interface IdentityFields {
  surname?: Names;
  givenNames?: Names;
  birthDate?: string;
  sex?: string;
  nationalities?: string[];
  placeOfBirth?: string;
  countryOfBirth?: string;
}

/** A record's identity data as the screen shows them (the MID rules' shape, arrays as plain lists). */
export interface IdentityView extends IdentityFields {
  surnameAtBirth?: Names;
  previousSurnames?: string[];
  previousGivenNames?: string[];
  aliases?: string[];
  aliasIdentities?: Array<IdentityFields & { qualification: string }>;
}

const systemOf = (ref: CirRef): CirSystem => ref.slice(0, ref.indexOf(':')) as CirSystem;
const nameOf = (v: IdentityData['surname']): string =>
  v === undefined ? '' : typeof v === 'string' ? v : v.join(' ');

/** The identity data are plain values (strings and lists of strings): a JSON copy is an exact, mutable one. */
const identityView = (d: IdentityData): IdentityView => JSON.parse(JSON.stringify(d)) as IdentityView;

export interface RecordSide {
  ref: CirRef;
  system: CirSystem;
  recordRef: string;
  identity: IdentityView | null;
  documents: CirFile['documents'];
  biometrics: {
    modalities: Array<'face' | 'finger'>;
    templates: Array<{ modality: 'face' | 'finger'; position: number; quality: number }>;
  } | null;
  memberState: string | null;
  sisCategory?: string;
}

export interface LinkDetailView extends Omit<LinkView, 'records'> {
  records: RecordSide[];
  comparison: {
    verdict: 'same' | 'similar' | 'different';
    rules: string[];
    categories: Record<
      'names' | 'birthDate' | 'sex' | 'nationalityAndPlaceOfBirth',
      { outcome: 'same' | 'similar' | 'different'; rules: string[]; explanation: string }
    >;
  } | null;
  evidence: Omit<MidLink['evidence'], 'identityRules'> & { identityRules: string[] };
  options: ColorOption[];
  history: Array<{
    at: string;
    event: string;
    color: LinkColor;
    by: string | null;
    authority: string | null;
    reason: string | null;
  }>;
  notices: Array<{
    id: string;
    recordRef: string;
    lang: string;
    subject: string;
    text: string;
    createdAt: string;
  }>;
}

/**
 * The manual verification of links (Regs. (EU) 2019/817 and 2019/818, arts. 21, 26(1), 29-33 and 36): the
 * verifying authority's queue, the link with both records side by side, and the verification into white,
 * green or red with its history, the notice to the person of a red link (art. 32) and the log.
 */
export class MidVerification {
  readonly #deps: MidVerificationDeps;
  readonly #repo = new VerificationRepository();
  readonly #cir = new CirRepository();

  constructor(deps: MidVerificationDeps) {
    this.#deps = deps;
  }

  #entry(call: Call, e: LogEntry): AuditEntry {
    return {
      actor: call.actor,
      system: 'mid',
      operation: e.operation,
      outcome: 'success',
      purpose: e.purpose,
      legalBasis: e.legalBasis,
      recordRefs: e.recordRefs,
      queryDataTypes: ['link-id'],
      resultSummary: e.resultSummary,
      ...(e.linkChanges === undefined ? {} : { linkChanges: e.linkChanges }),
      requestId: call.requestId ?? null,
      retainUntil: plusYears(isoDate(this.#deps.clock.now()), LOG_YEARS),
    };
  }

  #view(link: StoredLink): LinkView {
    const now = this.#deps.clock.now().getTime();
    return {
      id: link.id,
      icf: link.icf,
      color: link.color,
      meaning: COLOR_MEANINGS[link.color],
      records: [...link.records],
      rules: [...link.rules],
      ...(link.evidence.biometricScore === undefined ? {} : { biometricScore: link.evidence.biometricScore }),
      ...(link.evidence.falseMatchRate === undefined ? {} : { falseMatchRate: link.evidence.falseMatchRate }),
      createdAt: link.createdAt,
      updatedAt: link.updatedAt,
      ...(link.verifyBy === undefined || link.color !== 'yellow' ? {} : { verifyBy: link.verifyBy }),
      overdue: link.color === 'yellow' && link.verifyBy !== undefined && Date.parse(link.verifyBy) < now,
      verifier: link.verifier,
      ...(link.verification === undefined ? {} : { verification: link.verification }),
      reflectedInRecords: link.reflectedInRecords,
    };
  }

  /**
   * The links the caller's authority verifies (art. 29: its type and member state), sorted by deadline by
   * default, with the total; logged (art. 36).
   */
  async links(
    call: Call & {
      color?: LinkColor;
      system?: CirSystem;
      sort?: QueueQuery['sort'];
      order?: QueueQuery['order'];
      limit?: number;
      offset?: number;
    },
  ): Promise<{ links: LinkView[]; total: number }> {
    const purpose = requireAccess({
      actor: call.actor,
      permission: 'mid:verify',
      purpose: call.purpose,
      forPurposes: PURPOSES,
    });
    return this.#deps.audit.readThenLog(
      this.#deps.database.db,
      (c: Call, e: LogEntry) => this.#entry(c, e),
      async (db, logs) => {
        const { links, total } = await this.#repo.queue(db, {
          authorityType: call.actor.authorityType,
          memberState: call.actor.memberState,
          ...(call.color === undefined ? {} : { color: call.color }),
          ...(call.system === undefined ? {} : { system: call.system }),
          ...(call.sort === undefined ? {} : { sort: call.sort }),
          ...(call.order === undefined ? {} : { order: call.order }),
          limit: call.limit ?? 50,
          offset: call.offset ?? 0,
        });
        logs.add(call, {
          purpose,
          operation: 'mid.links.list',
          legalBasis: LEGAL_BASIS.read,
          recordRefs: links.map((l) => l.id),
          resultSummary: `${links.length} of ${total} link(s) listed${call.color === undefined ? '' : ` (${call.color})`}`,
        });
        return { links: links.map((l) => this.#view(l)), total };
      },
    );
  }

  /**
   * A link for its verifying authority (arts. 21 and 26(1): the authority responsible for the manual
   * verification sees the linked data): both records side by side from the CIR (identity, documents, the
   * biometric modalities held, member state), the identity comparison per category (the same/similar rules of
   * Del. Regs. 2023/333 and 2023/332), the evidence, the colours it allows, the history and the notices;
   * logged (art. 36).
   */
  async linkDetail(call: Call & { id: string }): Promise<LinkDetailView> {
    const purpose = requireAccess({
      actor: call.actor,
      permission: 'mid:verify',
      purpose: call.purpose,
      forPurposes: PURPOSES,
    });
    return this.#deps.audit.readThenLog(
      this.#deps.database.db,
      (c: Call, e: LogEntry) => this.#entry(c, e),
      async (db, logs) => {
        const link = await this.#repo.find(db, call.id);
        if (link === undefined) {
          throw notFound(MID_VERIFICATION_ERRORS.linkNotFound, `No link ${call.id}.`);
        }
        requireVerifier(call.actor, link.verifier);
        const detail = await this.#detail(db, link);
        logs.add(call, {
          purpose,
          operation: 'mid.link.read',
          legalBasis: LEGAL_BASIS.read,
          recordRefs: [link.id, link.icf, ...link.records],
          resultSummary: `${link.color} link read with both records`,
        });
        return detail;
      },
    );
  }

  async #detail(db: Executor, link: StoredLink): Promise<LinkDetailView> {
    const files = new Map(
      (await this.#cir.files(db, link.records)).map((f) => [cirRef(f.system, f.recordRef), f]),
    );
    const records: RecordSide[] = [];
    for (const ref of link.records) {
      const system = systemOf(ref);
      const recordRef = ref.slice(ref.indexOf(':') + 1);
      const file = files.get(ref);
      let biometrics: RecordSide['biometrics'] = null;
      if (file?.biometrics !== null && file?.biometrics !== undefined) {
        const held =
          (await this.#deps.biometrics.holdings(file.biometrics, [recordRef])).get(recordRef) ?? [];
        biometrics = {
          modalities: [...new Set(held.map((h) => h.modality))].sort(),
          templates: held.map((h) => ({ modality: h.modality, position: h.position, quality: h.quality })),
        };
      }
      records.push({
        ref,
        system,
        recordRef,
        identity: file === undefined ? null : identityView(file.identity),
        documents: file?.documents ?? [],
        biometrics,
        memberState: file?.memberState ?? null,
        ...(file?.sisCategory === undefined ? {} : { sisCategory: file.sisCategory }),
      });
    }
    let comparison: LinkDetailView['comparison'] = null;
    const fa = files.get(link.records[0]);
    const fb = files.get(link.records[1]);
    if (fa !== undefined && fb !== undefined) {
      const v = midVerdict(fa.identity, fb.identity, { eurodac: true, ...this.#deps.midSettings });
      const cat = (c: (typeof v.categories)['names']) => ({
        outcome: c.outcome,
        rules: [...c.rules],
        explanation: c.explanation,
      });
      comparison = {
        verdict: v.verdict,
        rules: [...v.rules],
        categories: {
          names: cat(v.categories.names),
          birthDate: cat(v.categories.birthDate),
          sex: cat(v.categories.sex),
          nationalityAndPlaceOfBirth: cat(v.categories.nationalityAndPlaceOfBirth),
        },
      };
    }
    const events = await this.#repo.events(db, link.id);
    const notices = await this.#repo.notices(db, link.id);
    const createdColor: LinkColor = link.verification === undefined ? link.color : 'yellow';
    return {
      ...this.#view(link),
      records,
      comparison,
      evidence: { ...link.evidence, identityRules: [...link.evidence.identityRules] },
      options: link.color === 'yellow' ? colorOptions(link.evidence) : [],
      history: [
        {
          at: link.createdAt,
          event: 'created',
          color: createdColor,
          by: null,
          authority: null,
          reason: null,
        },
        ...events.map((e) => ({
          at: e.at.toISOString(),
          event: e.event,
          color: e.color as LinkColor,
          by: e.by,
          authority: e.authority,
          reason: e.reason,
        })),
      ],
      notices: notices.map((n) => ({
        id: n.id,
        recordRef: n.record_ref,
        lang: n.lang,
        subject: n.subject,
        text: n.text,
        createdAt: n.created_at.toISOString(),
      })),
    };
  }

  /**
   * Art. 29: the verifying authority turns a yellow link into white (the same person, lawfully, art. 33),
   * green (different people, lawfully, art. 31) or red (unlawful, art. 32) with its reasons, for a colour the
   * evidence allows. In one transaction: the link, its history, for red the notice to each person concerned
   * (art. 32: the single identification number and the responsible authority, unless the authority records
   * why informing would prejudice security or an investigation) and the mark that the records now show the
   * red link, and the log record (art. 36; kept one year, Del. Reg. 2023/333 art. 4).
   */
  async verify(
    call: WriteCall & {
      id: string;
      color: unknown;
      reason: unknown;
      withholdNotice?: { reason?: unknown } | null;
    },
  ): Promise<{ value: LinkView; replayed: boolean }> {
    const purpose = requireAccess({
      actor: call.actor,
      permission: 'mid:verify',
      purpose: call.purpose,
      forPurposes: PURPOSES,
    });
    const input = parseVerification(call);
    const idem = idempotency(call, 'mid.link.verify', { id: call.id, ...input });
    return this.#deps.writes.run(idem, async (trx) => {
      const link = await this.#repo.lock(trx, call.id);
      if (link === undefined) {
        throw notFound(MID_VERIFICATION_ERRORS.linkNotFound, `No link ${call.id}.`);
      }
      requireVerifier(call.actor, link.verifier);
      requireYellow(link);
      requireColorAllowed(link.evidence, input.color);
      const now = this.#deps.clock.now();
      const verification = {
        color: input.color,
        reason: input.reason,
        by: call.actor.username,
        authority: call.actor.authorityName,
        at: now.toISOString(),
        ...(input.withholdNotice === undefined ? {} : { noticeWithheld: input.withholdNotice }),
      };
      const red = input.color === 'red';
      await this.#repo.saveVerification(trx, link.id, {
        color: input.color,
        verification,
        reflectedInRecords: red,
        at: now,
      });
      await this.#repo.appendEvent(trx, {
        id: `mle_${randomUUID()}`,
        link_id: link.id,
        at: now,
        event: 'verified',
        color: input.color,
        by: call.actor.username,
        authority: call.actor.authorityName,
        reason: input.reason,
      });
      let notices = 0;
      if (red && input.withholdNotice === undefined) {
        notices = await this.#writeNotices(trx, link, call.actor, now);
      }
      await this.#deps.changes?.record(trx, LINKS_TOPIC, [link.id]);
      await this.#deps.audit.record(
        trx,
        this.#entry(call, {
          purpose,
          operation: 'mid.link-verified',
          legalBasis: LEGAL_BASIS.verify,
          recordRefs: [link.id, link.icf, ...link.records],
          resultSummary:
            `yellow link verified ${input.color} by ${call.actor.authorityName} (${call.actor.memberState})` +
            (red
              ? input.withholdNotice === undefined
                ? `; ${notices} notice(s) to the person written (art. 32)`
                : `; notice withheld: ${input.withholdNotice.reason}`
              : ''),
          linkChanges: { link: link.id, icf: link.icf, from: link.color, to: input.color },
        }),
      );
      return this.#view({
        ...link,
        color: input.color,
        verification,
        reflectedInRecords: red,
        updatedAt: now.toISOString(),
      });
    });
  }

  /** Art. 32: one notice per record of the link, to the person as that record holds them. */
  async #writeNotices(trx: Executor, link: StoredLink, actor: Actor, at: Date): Promise<number> {
    const files = await this.#cir.files(trx, link.records);
    const lang = noticeLanguageOf(link.verifier.memberState);
    const rows = files.map((file) => {
      const ref = cirRef(file.system, file.recordRef);
      const other = systemOf(link.records[0] === ref ? link.records[1] : link.records[0]);
      const { subject, text } = renderRedLinkNotice({
        lang,
        icf: link.icf,
        person: { surname: nameOf(file.identity.surname), givenNames: nameOf(file.identity.givenNames) },
        system: file.system,
        otherSystem: other,
        authority: actor.authorityName,
        memberState: link.verifier.memberState,
        verifiedAt: at,
      });
      return {
        id: `mln_${randomUUID()}`,
        link_id: link.id,
        record_ref: ref,
        lang,
        subject,
        text,
        created_at: at,
      };
    });
    await this.#repo.insertNotices(trx, rows);
    return rows.length;
  }
}
