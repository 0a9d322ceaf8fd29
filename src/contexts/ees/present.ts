import type {
  FileKind,
  FingerprintExemption,
  FingerprintSet,
  FingerprintStatus,
  RefusalReason,
  VisaInput,
} from './model.ts';
import type { DecisionRow, DocumentRow, FileBundle, FileRow, RecordRow, RefusalRow } from './repository.ts';

/** Outbound shapes of the EES context: explicit mappings from rows, never raw rows. */

const iso = (d: Date | string): string => new Date(d).toISOString();

export interface DocumentView {
  type: string;
  number: string;
  issuingState: string;
  expiry: string;
}

export interface FileView {
  id: string;
  kind: FileKind;
  surname: string;
  givenNames: string;
  birthDate: string;
  nationalities: string[];
  sex: string;
  documents: DocumentView[];
  facialImageRef: string | null;
  fingerprints: {
    status: FingerprintStatus;
    exemption: FingerprintExemption | null;
    /** `not applicable` is what EES art. 17(5) stores for an exempt traveller. */
    value: 'not applicable' | null;
    set: FingerprintSet | null;
  };
  responsibleState: string;
  createdBy: string;
  createdAt: string;
  overstayer: boolean;
  eraseAfter: string;
}

export interface CrossingView {
  at: string;
  date: string;
  bcp: string;
  authority: string;
  memberState: string;
}

export interface DecisionView {
  id: string;
  kind: string;
  authority: string;
  memberState: string;
  place: string;
  decidedOn: string;
  newEndOfStay: string | null;
  newStickerNumber: string | null;
  newStickerState: string | null;
  ground: string | null;
  requestedOn: string | null;
  issuingStateToInform: string | null;
}

export interface RecordView {
  id: string;
  fileId: string;
  entry: CrossingView;
  familyMember: boolean;
  visa: VisaInput | null;
  authorisedUntil: string | null;
  limitedBy: string | null;
  exit: CrossingView | null;
  overstayDays: number | null;
  overstayer: boolean;
  overstayerFlaggedOn: string | null;
  decisions: DecisionView[];
  eraseAfter: string;
}

export interface RefusalView {
  id: string;
  fileId: string;
  at: string;
  date: string;
  bcp: string;
  authority: string;
  memberState: string;
  reasons: RefusalReason[];
  eraseAfter: string;
}

export function toDocumentView(d: DocumentRow): DocumentView {
  return { type: d.doc_type, number: d.number, issuingState: d.issuing_state, expiry: d.expiry };
}

export function toFileView(f: FileRow, documents: readonly DocumentRow[]): FileView {
  const status = f.fingerprint_status as FingerprintStatus;
  return {
    id: f.id,
    // Written only from a validated file body (schemas.ts), like the fingerprint status above.
    kind: f.kind as FileKind,
    surname: f.surname,
    givenNames: f.given_names,
    birthDate: f.birth_date,
    nationalities: [...f.nationalities],
    sex: f.sex,
    documents: documents.map(toDocumentView),
    facialImageRef: f.facial_image_ref,
    fingerprints: {
      status,
      exemption: f.fingerprint_exemption as FingerprintExemption | null,
      value: status === 'not-applicable' ? 'not applicable' : null,
      set: f.fingerprints ?? null,
    },
    responsibleState: f.responsible_state,
    createdBy: f.created_by_authority,
    createdAt: iso(f.created_at),
    overstayer: f.overstayer,
    eraseAfter: f.erase_after,
  };
}

export function toDecisionView(d: DecisionRow): DecisionView {
  return {
    id: d.id,
    kind: d.kind,
    authority: d.authority,
    memberState: d.member_state,
    place: d.place,
    decidedOn: d.decided_on,
    newEndOfStay: d.new_end_of_stay,
    newStickerNumber: d.new_sticker_number,
    newStickerState: d.new_sticker_state,
    ground: d.ground,
    requestedOn: d.requested_on,
    issuingStateToInform: d.notify_state,
  };
}

export function toRecordView(r: RecordRow, decisions: readonly DecisionRow[]): RecordView {
  return {
    id: r.id,
    fileId: r.file_id,
    entry: {
      at: iso(r.entry_at),
      date: r.entry_date,
      bcp: r.entry_bcp,
      authority: r.entry_authority,
      memberState: r.entry_state,
    },
    familyMember: r.family_member,
    visa: r.visa ?? null,
    authorisedUntil: r.authorised_until,
    limitedBy: r.limited_by,
    exit:
      r.exit_at === null || r.exit_date === null
        ? null
        : {
            at: iso(r.exit_at),
            date: r.exit_date,
            bcp: r.exit_bcp ?? '',
            authority: r.exit_authority ?? '',
            memberState: r.exit_state ?? '',
          },
    overstayDays: r.overstay_days,
    overstayer: r.overstayer,
    overstayerFlaggedOn: r.overstayer_flagged_on,
    decisions: decisions.filter((d) => d.record_id === r.id).map(toDecisionView),
    eraseAfter: r.erase_after,
  };
}

export function toRefusalView(r: RefusalRow): RefusalView {
  return {
    id: r.id,
    fileId: r.file_id,
    at: iso(r.refused_at),
    date: r.refusal_date,
    bcp: r.bcp,
    authority: r.authority,
    memberState: r.member_state,
    reasons: [...r.reasons],
    eraseAfter: r.erase_after,
  };
}

/** The travel history of a file, oldest first. */
export function toHistory(b: FileBundle): { records: RecordView[]; refusals: RefusalView[] } {
  return {
    records: b.records.map((r) => toRecordView(r, b.decisions)),
    refusals: b.refusals.map(toRefusalView),
  };
}
