import type { Actor } from '../access/index.ts';

/** What a use case tells the audit log about one operation (regulations digest §8.2, canonical superset). */
export interface AuditEntry {
  readonly actor: Actor;
  /** System whose data were processed, e.g. 'ees', 'sis', 'access'. */
  readonly system: string;
  /** Component inside it (e.g. 'esp', 'calculator'), when useful. */
  readonly component?: string | null;
  /** Dotted operation name, e.g. 'auth.login', 'ees.entry.create'. */
  readonly operation: string;
  readonly outcome: 'success' | 'denied' | 'error';
  readonly purpose?: string | null;
  readonly legalBasis?: string | null;
  /** Types of data used to query (never biometric data itself: SIS 2018/1862 art. 12(1)). */
  readonly queryDataTypes?: readonly string[];
  /** Hash of the query values, where a system's rule asks for a trace without storing the values. */
  readonly queryDataHash?: string | null;
  readonly resultSummary?: string | null;
  readonly recordRefs?: readonly string[];
  readonly linkChanges?: unknown;
  /** The server's id of the request; defaults to the one of the request being served. */
  readonly requestId?: string | null;
  /** The id the client sent in `X-Request-Id`, kept apart: a client chooses it, so it identifies nothing. */
  readonly clientRequestId?: string | null;
  /** Last day the record is kept; defaults to the log retention of the platform. */
  readonly retainUntil?: string;
}

export interface AuditEvent {
  seq: number;
  id: string;
  at: string;
  system: string;
  component: string | null;
  operation: string;
  outcome: 'success' | 'denied' | 'error';
  actorKind: 'user' | 'system';
  userId: string | null;
  username: string;
  authorityId: string | null;
  authorityName: string;
  authorityType: string;
  memberState: string;
  profile: string;
  purpose: string | null;
  legalBasis: string | null;
  queryDataTypes: string[];
  queryDataHash: string | null;
  resultSummary: string | null;
  recordRefs: string[];
  linkChanges: unknown;
  requestId: string | null;
  clientRequestId: string | null;
  retainUntil: string;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  username?: string;
  /** Records naming this reference (a person's record, a document, a file). */
  recordRef?: string;
  system?: string;
  purpose?: string;
  operation?: string;
  from?: string;
  to?: string;
  before?: number;
  /** Order of the page; ties fall back to the chain position, newest first. Default: time, newest first. */
  sort?: AuditSortColumn;
  order?: 'asc' | 'desc';
  offset?: number;
  limit: number;
}

/** Columns the log can be sorted by (`time` is the chain position, which is the order of recording). */
export const AUDIT_SORT_COLUMNS = ['time', 'user', 'operation', 'system', 'outcome', 'purpose'] as const;
export type AuditSortColumn = (typeof AUDIT_SORT_COLUMNS)[number];

export interface VerifyReport {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  problem: string | null;
  /** Signed checkpoints (published outside the database) the chain was checked against. */
  checkpoints: number;
}
