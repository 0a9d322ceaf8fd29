import type { ColumnType, Selectable } from 'kysely';
import type { ApplicationInput } from './model.ts';

/** Row types of the `etias` schema (see migrations/core.ts). */

/** jsonb columns: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date, Date>;

export interface ApplicationTable {
  id: string;
  status: string;
  queue: string | null;
  responsible_state: string | null;
  content: Json<ApplicationInput>;
  surname_norm: string;
  given_names_norm: string;
  birth_date: string;
  birth_year: number | null;
  sex: string;
  nationality: string;
  document_number: string;
  document_number_norm: string;
  document_issuing_state: string;
  document_expiry: string;
  email_norm: string;
  residence_country: string;
  intended_state: string | null;
  fee_cents: number;
  fee_exemption: string | null;
  payment_reference: string | null;
  submitted_at: Timestamp;
  submitted_ip: string | null;
  central_due_at: Timestamp | null;
  decision_due_at: Timestamp | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  valid_from: string | null;
  valid_until: string | null;
  flags: Json<string[]>;
  territorial_validity: Json<string[] | null>;
  erase_after: string | null;
  updated_at: Timestamp;
  version: number;
}

export interface HitTable {
  id: string;
  application_id: string;
  source: string;
  record_ref: string;
  rule: string;
  explanation: Json<string[]>;
  record: Json<Record<string, unknown> | null>;
  member_state: string | null;
  notify_only: boolean;
  refusal_ground: string | null;
  probability: number | null;
  state: string;
  verified_by: string | null;
  verified_at: Timestamp | null;
  note: string | null;
  created_at: Timestamp;
}

export interface EventTable {
  id: string;
  application_id: string;
  at: Timestamp;
  kind: string;
  authority: string;
  username: string;
  details: Json<Record<string, unknown>>;
}

export type EtiasTables = {
  'etias.application': ApplicationTable;
  'etias.hit': HitTable;
  'etias.event': EventTable;
};

export type ApplicationRow = Selectable<ApplicationTable>;
export type HitRow = Selectable<HitTable>;
export type EventRow = Selectable<EventTable>;
