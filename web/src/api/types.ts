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
  /** Readable name of the operation code. */
  operationLabel: string;
  system: string;
  legalBasis: string | null;
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
  /** Signed checkpoints kept outside the database that the chain was checked against. */
  checkpoints: number;
}

/** RFC 9457 problem details, as every error response of the API carries. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  requestId?: string;
  details?: Record<string, unknown>;
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
  /** The figures of `message`, for the translated text. */
  params?: Record<string, string | number>;
  alertId?: string;
  /** A SIS discreet or specific check (2018/1862 arts. 36-37): never shown to the person, never a ground. */
  discreet?: boolean;
  informationToCollect?: string[];
  hitId?: string;
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

export type Verdict = 'proceed' | 'attention' | 'refusal-suggested' | 'unreadable';

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

export type SourceStatus = 'ok' | 'timeout' | 'error' | 'not-permitted' | 'too-broad';

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

/** SIS alert categories (Regulations (EU) 2018/1860-1862), persons first, as the API names them. */
export const SIS_PERSON_CATEGORIES = [
  'arrest',
  'missing',
  'judicial-procedure',
  'check',
  'information',
  'unknown-suspect',
  'refusal',
  'restrictive-measure',
  'return',
] as const;
export const SIS_OBJECT_CATEGORIES = ['object-check', 'object-seizure'] as const;
export type SisCategory = (typeof SIS_PERSON_CATEGORIES)[number] | (typeof SIS_OBJECT_CATEGORIES)[number];

export interface SisPersonDocument {
  type: string;
  issuingCountry: string;
  number: string;
  issueDate?: string;
}

export interface SisPerson {
  surname?: string;
  givenNames?: string;
  namesAtBirth?: string[];
  aliases?: string[];
  physicalCharacteristics?: string;
  placeOfBirth?: string;
  birthDate?: string;
  sex?: string;
  nationalities?: string[];
  nationalRegistrationNumber?: string;
  documents?: SisPersonDocument[];
  dactyloscopicRef?: string;
}

export interface SisObjectIdentifier {
  kind: string;
  value: string;
  country?: string;
}

export interface SisObject {
  type: string;
  identifiers: SisObjectIdentifier[];
  make?: string;
  model?: string;
  colour?: string;
  description?: string;
}

export interface SisReturnData {
  returnDecisionRef: string;
  publicSecurityThreat: boolean;
  voluntaryDepartureEnds?: string;
  suspended: boolean;
  entryBanWithRefusalAlert: boolean;
}

/** An alert as entered (`POST /sis/alerts`). */
export interface SisAlertInput {
  category: SisCategory;
  missingSubcategory?: string;
  checkType?: string;
  person?: SisPerson;
  object?: SisObject;
  warningMarkers?: string[];
  reason: string;
  decisionRef: string;
  decisionValidUntil?: string;
  action?: string;
  offenceType?: string;
  links?: string[];
  returnData?: SisReturnData;
}

/** An alert in full, as SIRENE and the police see it. */
export interface SisAlert {
  id: string;
  kind: 'person' | 'object';
  category: SisCategory;
  categoryLabel: string;
  legalBasis: string;
  missingSubcategory?: string;
  checkType?: string;
  action: string;
  warningMarkers: string[];
  covert: boolean;
  urgent: boolean;
  person?: SisPerson;
  object?: SisObject;
  returnData?: SisReturnData;
  /** Withheld from profiles that may not see them (the field allowance of the search profiles). */
  reason?: string;
  decisionRef?: string;
  decisionValidUntil?: string;
  offenceType?: string;
  links?: string[];
  issuingState: string;
  issuingAuthority?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Calendar date of the next review. */
  reviewDue: string;
  reviewBasis: string;
}

/** A page of the SIS alert list, with the number of all alerts that match the filters. */
export interface SisAlertList {
  alerts: Array<{ alert: SisAlert; status: 'active' | 'review-due' | 'review-overdue' }>;
  total: number;
  today: string;
  reviewWindowEnds: string;
}

export interface SisReviewQueue {
  until: string;
  items: Array<{ alert: SisAlert; noticeAt: string | null; daysLeft: number }>;
}

export interface SisExchangeMessage {
  id: string;
  direction: 'request' | 'reply';
  fromState: string;
  toState: string;
  author: string;
  body: string;
  createdAt: string;
}

/** A hit with its supplementary-information exchange (2018/1862 arts. 7-8). */
export interface SisHit {
  id: string;
  alertId: string;
  category: SisCategory | null;
  discreet: boolean;
  handling: string | null;
  issuingState: string;
  reportedBy: string;
  reportingAuthority: string;
  reportingState: string;
  place: string;
  checked: { dataTypes?: string[]; matchedOn?: string } | null;
  information: Record<string, unknown> | null;
  createdAt: string;
  urgent: boolean;
  replyDueAt: string;
  repliedAt: string | null;
  overdue: boolean;
  alertDeletedOn: string | null;
  messages: SisExchangeMessage[];
}

export interface SisHitsResponse {
  hits: SisHit[];
}

/** One problem of an alert as the API reports it (`details.issues` of `SIS_ALERT_INVALID`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface Hub {
  id: string;
  name: string;
  kind: string;
  memberState: string;
  locode: string | null;
  gates: Array<{ id: string; name: string }>;
  /** IANA time zone of the hub, for its local time. */
  timeZone: string;
}

export interface HubsResponse {
  hubs: Hub[];
}

export type HitStrength = 'strong' | 'possible' | 'weak';

/** A hit of a hub's plate readers as the desk receives it. */
export interface HubHit {
  hitId: string;
  hubId: string;
  gateId: string;
  cameraId: string | null;
  direction: 'in' | 'out';
  readId: string | null;
  readAt: string;
  receivedAt: string;
  alertId: string;
  field: 'plate' | 'trailer-plate' | 'container' | 'vin';
  matchedText: string;
  storedText: string;
  exact: boolean;
  confidence: number;
  strength: HitStrength;
  why: string;
  whatToDo: string;
  action: string;
  warningMarkers: string[];
  objectType: string;
  vehicle: { make?: string; model?: string; colour?: string; description?: string } | null;
  issuingState: string;
  discreet: boolean;
  handling: string | null;
  policeOnly: boolean;
  /** The desk's handling: new, seen by an officer, given to a colleague, or closed with a reason. */
  status: 'open' | 'acknowledged' | 'assigned' | 'dismissed';
  /** Reads of the same vehicle folded into this hit, and the latest of them. */
  readCount: number;
  lastReadAt: string;
  assignedTo: string | null;
  handledBy: string | null;
  handledAt: string | null;
  dismissReason: string | null;
}

export interface HubDeskUsersResponse {
  users: Array<{ username: string; displayName: string }>;
}

export interface HubHitsResponse {
  hits: HubHit[];
}

/** One person on the EES list of overstayers (Regulation (EU) 2017/2226 art. 12(3)). */
export interface EesOverstayer {
  fileId: string;
  recordId: string;
  surname: string;
  givenNames: string;
  birthDate: string;
  nationalities: string[];
  entryDate: string;
  entryBcp: string;
  entryState: string;
  authorisedUntil: string;
  overstayDays: number;
  flaggedOn: string | null;
}

export interface EesOverstayersResponse {
  overstayers: EesOverstayer[];
}

/** A SIS object search result as a searching authority sees it: what to do first, and why it matched. */
export interface SisObjectSearchResult {
  alert: {
    alertId: string;
    action: string;
    warningMarkers: string[];
    discreet: boolean;
    handling: string | null;
    category: string | null;
    issuingState: string;
    object?: SisObject;
  };
  why: {
    field: string;
    stored: string;
    searched: string;
    exact: boolean;
    explanation: string;
    confidence: number;
  };
}

export interface SisObjectSearchResponse {
  results: SisObjectSearchResult[];
}
