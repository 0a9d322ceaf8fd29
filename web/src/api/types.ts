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

/** A border crossing point (`GET /reference/bcps`). */
export interface Bcp {
  id: string;
  name: string;
  memberStateAlpha2: string;
  memberStateAlpha3: string;
  kind: 'air' | 'sea' | 'land' | 'rail';
  timeZone: string;
}

export interface BcpsResponse {
  borderCrossingPoints: Bcp[];
}

export type FindingLevel = 'stop' | 'attention' | 'info';

export interface Finding {
  system: string;
  level: FindingLevel;
  code: string;
  message: string;
  /** Annex V Part B letter this finding would support if the guard refuses entry. */
  refusalGround?: string;
}

export interface DocumentHolder {
  surname: string;
  givenNames: string;
  nationality: string;
  birthDate: string;
  sex: string;
  documentType: string;
  documentNumber: string;
  issuingState: string;
  expiryDate: string;
}

export interface Crossing {
  at: string;
  /** Local calendar date at the border crossing point. */
  date: string;
  bcp: string;
  authority: string;
  memberState: string;
}

export interface VisaData {
  stickerNumber: string;
  issuingState: string;
  type: 'C' | 'LTV';
  entries: 1 | 2 | 'multiple';
  durationOfStay: number;
  validFrom: string;
  validUntil: string;
}

export interface EesRecord {
  id: string;
  entry: Crossing;
  familyMember: boolean;
  visa: VisaData | null;
  authorisedUntil: string | null;
  exit: Crossing | null;
  overstayDays: number | null;
}

export interface EesRefusal {
  id: string;
  at: string;
  date: string;
  bcp: string;
  memberState: string;
  reasons: string[];
}

export interface StayControl {
  date: string;
  windowStart: string;
  daysUsed: number;
  daysRemaining: number;
  overstayDays: number;
  breaches: Array<{ from: string; to: string; days: number }>;
}

export interface StayFigures {
  date: string;
  calculatorApplied: boolean;
  control: StayControl | null;
  present: boolean;
  authorisedUntil: string | null;
  overstayDays: number;
  plannedStay: { days: number; until: string | null } | null;
  limitedBy: string | null;
}

export interface EesFileView {
  id: string;
  kind: 'visa-holder' | 'visa-exempt';
  surname: string;
  givenNames: string;
  birthDate: string;
  nationalities: string[];
  sex: string;
}

export interface EesFileDetails {
  file: EesFileView;
  history: { records: EesRecord[]; refusals: EesRefusal[] };
  stay: StayFigures | null;
  stayProblem: string | null;
}

export type Verdict = 'proceed' | 'attention' | 'refusal-suggested';

/** The answer of `POST /border-check`. */
export interface BorderCheckResult {
  checkedAt: string;
  bcp: { id: string; localDate: string };
  document: {
    valid: boolean;
    format: string | null;
    corrections: Array<{ field: string; from: string; to: string }>;
    problems: Array<{ field: string; message: string }>;
  };
  holder: DocumentHolder | null;
  ees: { file: EesFileDetails | null; candidates: unknown[] };
  extra: Record<string, unknown>;
  findings: Finding[];
  verdict: Verdict;
}

export type SourceStatus = 'ok' | 'timeout' | 'error' | 'not-permitted';

export interface SearchResult {
  system: string;
  recordRef: string;
  probability: number;
  explanation: string[];
  warningMarkers: string[];
  fields: Record<string, unknown>;
}

/** One system's answer in the search portal's stream. */
export interface SourceAnswer {
  system: string;
  status: SourceStatus;
  tookMs: number;
  message?: string;
  results: SearchResult[];
}
