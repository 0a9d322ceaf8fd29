import type { Actor } from '../access/index.ts';
import {
  CATEGORY_INFO,
  type AlertCategory,
  type AlertInput,
  type CheckInformation,
  type CheckType,
  type MisusedIdentity,
  type MissingSubcategory,
  type ObjectData,
  type PersonIdentity,
  type ReturnData,
  type WarningMarker,
} from './model.ts';
import type { AlertRow, HitRow, MessageRow } from './repository.ts';
import { seesCovertDetail } from './visibility.ts';

/** What the person checked must not learn: shown with every covert alert and hit. */
export const DISCREET_NOTICE = 'discreet: do not inform the person';

/** An alert as SIRENE and the police see it. */
export interface AlertView {
  id: string;
  kind: 'person' | 'object';
  category: AlertCategory;
  categoryLabel: string;
  legalBasis: string;
  missingSubcategory?: MissingSubcategory;
  checkType?: CheckType;
  /** Action to be taken on a hit, and the warning markers: what an officer reads first. */
  action: string;
  warningMarkers: WarningMarker[];
  covert: boolean;
  /** Urgent alerts (terrorism, children) ask SIRENE for an immediate reply rather than 12 hours. */
  urgent: boolean;
  person?: PersonIdentity;
  object?: ObjectData;
  misusedIdentity?: MisusedIdentity;
  returnData?: ReturnData;
  reason: string;
  decisionRef: string;
  decisionValidUntil?: string;
  offenceType?: string;
  links: string[];
  issuingState: string;
  issuingAuthority: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  reviewDue: string;
  reviewBasis: string;
}

export const contentOf = (row: AlertRow): AlertInput => row.content as AlertInput;

/** The full alert, for the roles that manage alerts. */
export function presentAlert(row: AlertRow, links: readonly string[]): AlertView {
  const c = contentOf(row);
  const info = CATEGORY_INFO[c.category];
  return {
    id: row.id,
    kind: info.kind,
    category: c.category,
    categoryLabel: info.label,
    legalBasis: info.legalBasis,
    ...(c.missingSubcategory ? { missingSubcategory: c.missingSubcategory } : {}),
    ...(c.checkType ? { checkType: c.checkType } : {}),
    action: row.action,
    warningMarkers: (row.warning_markers as WarningMarker[] | null) ?? [],
    covert: row.covert,
    urgent: row.urgent,
    ...(c.person ? { person: c.person } : {}),
    ...(c.object ? { object: c.object } : {}),
    ...(c.misusedIdentity ? { misusedIdentity: c.misusedIdentity } : {}),
    ...(c.returnData ? { returnData: c.returnData } : {}),
    reason: c.reason,
    decisionRef: c.decisionRef,
    ...(c.decisionValidUntil ? { decisionValidUntil: c.decisionValidUntil } : {}),
    ...(c.offenceType ? { offenceType: c.offenceType } : {}),
    links: [...links],
    issuingState: row.issuing_state,
    issuingAuthority: row.issuing_authority,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    reviewDue: row.review_due,
    reviewBasis: row.review_basis,
  };
}

/**
 * What an end user (border guard, immigration or visa officer, hub operator) is shown of an alert that
 * matched: the action to be taken and the warning markers first, then the identity data to verify the
 * match. A covert alert shows neither its category nor its reason, only that it must be handled discreetly.
 */
export interface AlertSummary {
  alertId: string;
  action: string;
  warningMarkers: WarningMarker[];
  discreet: boolean;
  /** `discreet: do not inform the person` for covert alerts, otherwise null. */
  handling: string | null;
  /** The category, or null when it is covert and the viewer is not SIRENE or the police. */
  category: AlertCategory | null;
  categoryLabel: string | null;
  issuingState: string;
  kind: 'person' | 'object';
  person?: PersonIdentity;
  object?: ObjectData;
  /** The misused identity, so that its victim is not taken for the person sought (2018/1861 art. 47). */
  misusedIdentity?: MisusedIdentity;
}

export function summariseAlert(actor: Actor, row: AlertRow): AlertSummary {
  const c = contentOf(row);
  const named = !row.covert || seesCovertDetail(actor);
  return {
    alertId: row.id,
    action: row.action,
    warningMarkers: (row.warning_markers as WarningMarker[] | null) ?? [],
    discreet: row.covert,
    handling: row.covert ? DISCREET_NOTICE : null,
    category: named ? c.category : null,
    categoryLabel: named ? CATEGORY_INFO[c.category].label : null,
    issuingState: row.issuing_state,
    kind: CATEGORY_INFO[c.category].kind,
    ...(c.person ? { person: c.person } : {}),
    ...(c.object ? { object: c.object } : {}),
    ...(c.misusedIdentity ? { misusedIdentity: c.misusedIdentity } : {}),
  };
}

/** One message of the supplementary-information exchange. */
export interface MessageView {
  id: string;
  direction: 'request' | 'reply';
  fromState: string;
  toState: string;
  author: string;
  body: string;
  createdAt: string;
}

/** A hit and its exchange, as the SIRENE Bureaux see it. */
export interface HitView {
  id: string;
  alertId: string;
  category: AlertCategory | null;
  discreet: boolean;
  handling: string | null;
  issuingState: string;
  reportedBy: string;
  reportingAuthority: string;
  reportingState: string;
  place: string;
  /** The data types used and the field that matched, as the reporting officer gave them. */
  checked: { dataTypes?: string[]; matchedOn?: string } | null;
  /** The information collected (2018/1862 art. 37), once given. */
  information: CheckInformation | null;
  createdAt: string;
  urgent: boolean;
  replyDueAt: string;
  repliedAt: string | null;
  /** True when no reply came by the due time (judged by the clock at the time of the answer). */
  overdue: boolean;
  alertDeletedOn: string | null;
  messages: MessageView[];
}

export function presentMessage(m: MessageRow): MessageView {
  return {
    id: m.id,
    direction: m.direction === 'reply' ? 'reply' : 'request',
    fromState: m.from_state,
    toState: m.to_state,
    author: m.author,
    body: m.body,
    createdAt: m.created_at.toISOString(),
  };
}

export function presentHit(actor: Actor, h: HitRow, messages: readonly MessageRow[], now: Date): HitView {
  const named = !h.covert || seesCovertDetail(actor);
  return {
    id: h.id,
    alertId: h.alert_id,
    category: named ? (h.category as AlertCategory) : null,
    discreet: h.covert,
    handling: h.covert ? DISCREET_NOTICE : null,
    issuingState: h.issuing_state,
    reportedBy: h.reported_by,
    reportingAuthority: h.reporting_authority,
    reportingState: h.reporting_state,
    place: h.place,
    // JSON columns written from the validated hit and information bodies (schemas.ts).
    checked: h.checked ?? null,
    information: (h.information ?? null) as CheckInformation | null,
    createdAt: h.created_at.toISOString(),
    urgent: h.urgent,
    replyDueAt: h.reply_due_at.toISOString(),
    repliedAt: h.replied_at === null ? null : h.replied_at.toISOString(),
    overdue: h.replied_at === null && h.alert_deleted_on === null && h.reply_due_at.getTime() < now.getTime(),
    alertDeletedOn: h.alert_deleted_on,
    messages: messages.map(presentMessage),
  };
}
