import type { ColumnType, Selectable } from 'kysely';
import type { FingerprintSet, RefusalReason, VisaInput } from './model.ts';

/** Row types of the `ees` schema (see migrations.ts). */

/** jsonb columns: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date, Date>;

export interface FileTable {
  id: string;
  kind: string;
  surname: string;
  given_names: string;
  surname_norm: string;
  given_names_norm: string;
  birth_date: string;
  birth_year: number | null;
  sex: string;
  nationalities: Json<string[]>;
  facial_image_ref: string | null;
  fingerprint_status: string;
  fingerprint_exemption: string | null;
  fingerprints: Json<FingerprintSet | null>;
  responsible_state: string;
  created_by_authority_id: string | null;
  created_by_authority: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  overstayer: boolean;
  erase_after: string;
}

interface DocumentTable {
  id: string;
  file_id: string;
  doc_type: string;
  number: string;
  number_norm: string;
  issuing_state: string;
  expiry: string;
  erase_after: string;
}

interface RecordTable {
  id: string;
  file_id: string;
  entry_at: Timestamp;
  entry_date: string;
  entry_bcp: string;
  entry_authority_id: string | null;
  entry_authority: string;
  entry_state: string;
  family_member: boolean;
  visa: Json<VisaInput | null>;
  authorised_until: string | null;
  limited_by: string | null;
  exit_at: Timestamp | null;
  exit_date: string | null;
  exit_bcp: string | null;
  exit_authority_id: string | null;
  exit_authority: string | null;
  exit_state: string | null;
  overstay_days: number | null;
  overstayer: boolean;
  overstayer_flagged_on: string | null;
  erase_after: string;
}

interface RefusalTable {
  id: string;
  file_id: string;
  refused_at: Timestamp;
  refusal_date: string;
  bcp: string;
  authority_id: string | null;
  authority: string;
  member_state: string;
  reasons: Json<RefusalReason[]>;
  erase_after: string;
}

interface DecisionTable {
  id: string;
  record_id: string;
  file_id: string;
  kind: string;
  authority_id: string | null;
  authority: string;
  member_state: string;
  place: string;
  decided_on: string;
  new_end_of_stay: string | null;
  new_sticker_number: string | null;
  new_sticker_state: string | null;
  /** Visa Code art. 33(1)-(2): why an extension was granted (`force-majeure` allows a late request). */
  ground: string | null;
  /** Day the extension was applied for (Visa Code art. 33: before the authorised stay ends). */
  requested_on: string | null;
  /** Issuing member state to be informed of another state's annulment or revocation (Visa Code art. 34). */
  notify_state: string | null;
  created_at: Timestamp;
  erase_after: string;
}

interface NoticeTable {
  id: string;
  record_id: string;
  file_id: string;
  responsible_state: string;
  planned_erasure: string;
  notified_on: string;
  erase_after: string;
}

export type EesTables = {
  'ees.individual_file': FileTable;
  'ees.travel_document': DocumentTable;
  'ees.entry_exit_record': RecordTable;
  'ees.refusal_record': RefusalTable;
  'ees.stay_decision': DecisionTable;
  'ees.erasure_notice': NoticeTable;
};

export type FileRow = Selectable<FileTable>;
export type DocumentRow = Selectable<DocumentTable>;
export type RecordRow = Selectable<RecordTable>;
export type RefusalRow = Selectable<RefusalTable>;
export type DecisionRow = Selectable<DecisionTable>;
export type NoticeRow = Selectable<NoticeTable>;

/** Insert shapes: jsonb values already serialised. */
export type NewFileRow = Omit<FileRow, 'nationalities' | 'fingerprints'> & {
  nationalities: string;
  fingerprints: string;
};
export type NewRecordRow = Omit<RecordRow, 'visa'> & { visa: string };
export type NewRefusalRow = Omit<RefusalRow, 'reasons'> & { reasons: string };

/** A file with everything linked to it. */
export interface FileBundle {
  file: FileRow;
  documents: DocumentRow[];
  records: RecordRow[];
  refusals: RefusalRow[];
  decisions: DecisionRow[];
}

/** An overstaying stay with the identity it belongs to. */
export type OverstayRow = RecordRow & {
  surname: string;
  given_names: string;
  birth_date: string;
  nationalities: string[];
  responsible_state: string;
};
