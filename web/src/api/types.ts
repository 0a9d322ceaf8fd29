/** Authority types known to Interlink; navigation and screens are chosen by this value. */
export const AUTHORITY_TYPES = [
  'border',
  'visa',
  'immigration',
  'police',
  'sirene',
  'etias-central',
  'etias-national',
  'asylum',
  'carrier',
  'hub-operator',
  'analyst',
  'data-protection',
  'administrator',
] as const;

export type AuthorityType = (typeof AUTHORITY_TYPES)[number];

export interface Authority {
  id: string;
  name: string;
  type: AuthorityType;
  /** ISO 3166-1 alpha-2 code of the member state, or the code of the EU agency. */
  memberState: string;
}

/** The signed-in user as returned by `POST /auth/login` and `GET /auth/me`. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  authority: Authority;
  permissions: string[];
  /** Purpose codes this user may declare for a request. */
  purposes: string[];
}

export interface LoginResponse {
  token: string;
  /** ISO 8601 date-time after which the token is refused. */
  expiresAt: string;
  user: SessionUser;
}

export interface Purpose {
  code: string;
  label: string;
}

export interface PurposesResponse {
  purposes: Purpose[];
}

export type AuditOutcome = 'success' | 'denied' | 'error';

export interface AuditEvent {
  /** Position in the hash chain; larger is newer. */
  seq: number;
  id: string;
  at: string;
  userId: string;
  username: string;
  authorityName: string;
  authorityType: string;
  memberState: string;
  profile: string;
  /** Null for events without a declared purpose, such as signing in. */
  purpose: string | null;
  operation: string;
  system: string;
  queryDataTypes: string[];
  resultSummary: string | null;
  recordRefs: string[];
  outcome: AuditOutcome;
}

export interface AuditEventsResponse {
  events: AuditEvent[];
  /** The `before` value for the next page, or null when there is none. */
  nextBefore: number | null;
}

export interface AuditVerifyResponse {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  problem: string | null;
}

/** RFC 9457 problem details, as every error response of the API carries. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  requestId?: string;
}
