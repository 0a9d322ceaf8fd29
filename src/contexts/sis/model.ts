import type { TemplateInput } from '../sbms/index.ts';

/**
 * The SIS alert model: categories of Regulations (EU) 2018/1860, 2018/1861 and 2018/1862, the data categories
 * of 2018/1862 art. 20 (1861 art. 20, 1860 art. 4), warning markers, object types and identifiers.
 */

/** Alert categories. Persons first, then the two object categories. */
export const ALERT_CATEGORIES = [
  'arrest',
  'missing',
  'judicial-procedure',
  'check',
  'information',
  'unknown-suspect',
  'refusal',
  'restrictive-measure',
  'return',
  'object-check',
  'object-seizure',
] as const;
export type AlertCategory = (typeof ALERT_CATEGORIES)[number];

/** Where an alert stands in its life: in force, due for review (advance-warning window), or past its date. */
export const ALERT_STATUSES = ['active', 'review-due', 'review-overdue'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Columns the alert list can be sorted by; ties are broken by the alert id, so the order is complete. */
export const ALERT_SORT_COLUMNS = ['entered', 'reviewDue', 'category', 'issuingState'] as const;
export type AlertSortColumn = (typeof ALERT_SORT_COLUMNS)[number];

/** 2018/1862 art. 32(1): (a) missing, protection; (b) missing, no protection; (c)–(e) children and vulnerable adults. */
export const MISSING_SUBCATEGORIES = ['a', 'b', 'c', 'd', 'e'] as const;
export type MissingSubcategory = (typeof MISSING_SUBCATEGORIES)[number];

/** 2018/1862 art. 36(1): the three kinds of check. */
export const CHECK_TYPES = ['discreet', 'inquiry', 'specific'] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

/** 2018/1862 art. 20(2)(i)-(n): warning markers shown first on a hit. */
export const WARNING_MARKERS = [
  'armed',
  'violent',
  'absconded',
  'suicide-risk',
  'public-health-threat',
  'terrorist-activity',
] as const;
export type WarningMarker = (typeof WARNING_MARKERS)[number];

/** 2018/1862 art. 38(2) (a)–(r) and securities and means of payment; art. 36 covers a subset. */
export const OBJECT_TYPES = [
  'motor-vehicle',
  'trailer',
  'caravan',
  'industrial-equipment',
  'boat',
  'boat-engine',
  'container',
  'aircraft',
  'aircraft-engine',
  'firearm',
  'blank-document',
  'issued-document',
  'registration-certificate',
  'number-plate',
  'banknote',
  'it-item',
  'vehicle-part',
  'industrial-equipment-part',
  'high-value-item',
  'security-or-means-of-payment',
] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

/**
 * Object types that may be the subject of an art. 36 check alert (2018/1862 art. 36(1) and art. 37: motor
 * vehicles, trailers, caravans, boats, containers, aircraft, firearms, blank and issued documents and
 * non-cash means of payment).
 */
export const CHECKABLE_OBJECT_TYPES: readonly ObjectType[] = Object.freeze([
  'motor-vehicle',
  'trailer',
  'caravan',
  'boat',
  'container',
  'aircraft',
  'firearm',
  'blank-document',
  'issued-document',
  'security-or-means-of-payment',
]);

/** Kinds of identifier held on an object or a person's document, each with its own comparison rule. */
export const IDENTIFIER_KINDS = ['document', 'plate', 'vin', 'container', 'serial'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** Identifier kinds each object type may carry (the first is the usual one). */
export const OBJECT_IDENTIFIER_KINDS: Readonly<Record<ObjectType, readonly IdentifierKind[]>> = Object.freeze(
  {
    'motor-vehicle': ['plate', 'vin', 'serial'],
    trailer: ['plate', 'vin', 'serial'],
    caravan: ['plate', 'vin', 'serial'],
    'industrial-equipment': ['serial', 'plate', 'vin'],
    boat: ['serial', 'plate'],
    'boat-engine': ['serial'],
    container: ['container'],
    aircraft: ['serial'],
    'aircraft-engine': ['serial'],
    firearm: ['serial'],
    'blank-document': ['document'],
    'issued-document': ['document'],
    'registration-certificate': ['document'],
    'number-plate': ['plate'],
    banknote: ['serial'],
    'it-item': ['serial'],
    'vehicle-part': ['serial', 'vin'],
    'industrial-equipment-part': ['serial'],
    'high-value-item': ['serial'],
    'security-or-means-of-payment': ['serial', 'document'],
  },
);

/** Whether the alert is on a person or an object. */
export type AlertKind = 'person' | 'object';

/** What the catalogue says about one category. */
export interface CategoryInfo {
  kind: AlertKind;
  label: string;
  legalBasis: string;
  /** Default action to be taken on a hit (2018/1862 art. 20(2)(r)); the issuing authority may be more precise. */
  defaultAction: string;
}

export const CATEGORY_INFO: Readonly<Record<AlertCategory, CategoryInfo>> = Object.freeze({
  arrest: {
    kind: 'person',
    label: 'Person wanted for arrest for surrender or extradition',
    legalBasis: 'Reg. (EU) 2018/1862 art. 26',
    defaultAction: 'Arrest the person; the SIRENE Bureau forwards the European Arrest Warrant',
  },
  missing: {
    kind: 'person',
    label: 'Missing person or vulnerable person to be prevented from travelling',
    legalBasis: 'Reg. (EU) 2018/1862 art. 32',
    defaultAction: 'Place the person under protection where the alert asks for it; inform the issuing state',
  },
  'judicial-procedure': {
    kind: 'person',
    label: 'Person sought to assist with a judicial procedure',
    legalBasis: 'Reg. (EU) 2018/1862 art. 34',
    defaultAction: 'Communicate the place of residence or domicile to the issuing state',
  },
  check: {
    kind: 'person',
    label: 'Discreet, inquiry or specific check',
    legalBasis: 'Reg. (EU) 2018/1862 art. 36',
    defaultAction:
      'Collect the information of art. 37 and send it to the issuing state; do not inform the person',
  },
  information: {
    kind: 'person',
    label: 'Information alert on a third-country national in the interest of the Union',
    legalBasis: 'Reg. (EU) 2018/1862 art. 37a',
    defaultAction: 'Collect the information of art. 37b covertly and send it to the issuing state',
  },
  'unknown-suspect': {
    kind: 'person',
    label: 'Unknown suspect or wanted person (dactyloscopic data only)',
    legalBasis: 'Reg. (EU) 2018/1862 art. 40',
    defaultAction: 'Establish the identity of the person; inform the issuing state',
  },
  refusal: {
    kind: 'person',
    label: 'Refusal of entry and stay',
    legalBasis: 'Reg. (EU) 2018/1861 art. 24',
    defaultAction: 'Refuse entry or stay; inform the issuing state',
  },
  'restrictive-measure': {
    kind: 'person',
    label: 'Third-country national subject to a restrictive measure (travel ban)',
    legalBasis: 'Reg. (EU) 2018/1861 art. 25',
    defaultAction: 'Refuse entry or transit; inform the issuing state',
  },
  return: {
    kind: 'person',
    label: 'Third-country national subject to a return decision',
    legalBasis: 'Reg. (EU) 2018/1860 art. 3',
    defaultAction:
      'At exit: confirm the departure to the issuing state; in the territory or at entry: act per the return decision and inform the issuing state',
  },
  'object-check': {
    kind: 'object',
    label: 'Object for a discreet, inquiry or specific check',
    legalBasis: 'Reg. (EU) 2018/1862 art. 36',
    defaultAction:
      'Collect the information of art. 37 and send it to the issuing state; do not inform the holder',
  },
  'object-seizure': {
    kind: 'object',
    label: 'Object for seizure or use as evidence in criminal proceedings',
    legalBasis: 'Reg. (EU) 2018/1862 art. 38',
    defaultAction: 'Seize the object; contact the issuing state through the SIRENE Bureau',
  },
});

/** Person categories on third-country nationals entered for border and return purposes (1860, 1861). */
export const TCN_CATEGORIES: readonly AlertCategory[] = Object.freeze([
  'refusal',
  'restrictive-measure',
  'return',
]);

/**
 * True for alerts whose existence must not be revealed to the person checked: every art. 36 check and art.
 * 37a information alert (2018/1862 art. 37(1) and art. 37b: information is collected covertly).
 */
export function isCovert(category: AlertCategory): boolean {
  return category === 'check' || category === 'object-check' || category === 'information';
}

/** One identity document of the person (2018/1862 art. 20(2)(x)). */
export interface PersonDocument {
  type: string;
  issuingCountry: string;
  number: string;
  issueDate?: string;
}

/** Identity data of a person alert (2018/1862 art. 20(2)(a)-(h)). */
export interface PersonIdentity {
  surname?: string;
  givenNames?: string;
  namesAtBirth?: string[];
  /** Previously used names and aliases. */
  aliases?: string[];
  physicalCharacteristics?: string;
  placeOfBirth?: string;
  /** `YYYY-MM-DD`, `00` for unknown parts. */
  birthDate?: string;
  sex?: string;
  nationalities?: string[];
  nationalRegistrationNumber?: string;
  documents?: PersonDocument[];
  /** References to facial images held in the biometric store (never the images themselves). */
  photographRefs?: string[];
  /** Reference to a dactyloscopic template (fingerprints, palm prints). */
  dactyloscopicRef?: string;
  /** Reference to a DNA profile: missing persons only (2018/1862 art. 20(3)(x) and art. 32). */
  dnaProfileRef?: string;
}

/**
 * Extra data on a person whose identity was misused, added with that person's explicit consent to prevent
 * misidentification (2018/1861 art. 47; 2018/1862 art. 62).
 */
export interface MisusedIdentity {
  /** Must be true: the data are added only with the explicit consent of the person concerned. */
  consentGiven: boolean;
  surname?: string;
  givenNames?: string;
  birthDate?: string;
  nationalities?: string[];
  documents?: PersonDocument[];
  photographRefs?: string[];
  dactyloscopicRef?: string;
}

/** Return-alert data of 2018/1860 art. 4. */
export interface ReturnData {
  /** Reference of the return decision. */
  returnDecisionRef: string;
  /** Whether the person is a threat to public policy, public security or national security. */
  publicSecurityThreat: boolean;
  /** Last day of the period for voluntary departure, `YYYY-MM-DD`. */
  voluntaryDepartureEnds?: string;
  /** Whether enforcement of the decision is suspended or postponed (e.g. on appeal). */
  suspended: boolean;
  /** Whether the decision is accompanied by an entry ban that is the basis of a refusal alert. */
  entryBanWithRefusalAlert: boolean;
}

/** One identifier of an object (or of a blank/issued document). */
export interface ObjectIdentifier {
  kind: IdentifierKind;
  value: string;
  /** Issuing or registration state, ICAO/ISO 3166-1 alpha-3; required for documents. */
  country?: string;
}

/** Description of an object alert's object (2018/1862 art. 38; SIRENE forms). */
export interface ObjectData {
  type: ObjectType;
  identifiers: ObjectIdentifier[];
  make?: string;
  model?: string;
  colour?: string;
  description?: string;
}

/** The content of an alert as entered (before the system adds ids, dates and the issuing authority). */
export interface AlertInput {
  category: AlertCategory;
  /** Art. 32 alerts: (a)–(e). */
  missingSubcategory?: MissingSubcategory;
  /** Art. 36 alerts: discreet, inquiry or specific. */
  checkType?: CheckType;
  person?: PersonIdentity;
  object?: ObjectData;
  warningMarkers?: WarningMarker[];
  /** Reason for the alert (art. 20(2)(o)). */
  reason: string;
  /** Reference to the decision giving rise to the alert (art. 20(2)(q)). */
  decisionRef: string;
  /** Last day the underlying decision is valid (refusal alerts: 5-year review when longer than 3 years). */
  decisionValidUntil?: string;
  /** Action to be taken on a hit; the category's default when absent. */
  action?: string;
  /** Type of offence (art. 20(2)(s)); `terrorism` makes SIRENE replies immediate. */
  offenceType?: string;
  /** Ids of other alerts this one is linked to (art. 63). */
  links?: string[];
  misusedIdentity?: MisusedIdentity;
  returnData?: ReturnData;
  /**
   * Person alerts: biometric templates of the person (facial image, dactyloscopic data; 2018/1862 arts. 20(3)(w)
   * and (y), 42-43; no palm prints), enrolled in the shared biometric matching service's `sis` partition, never
   * kept in the alert's content. On an update, absent leaves the enrolled templates as they are; `[]`
   * removes them.
   */
  biometrics?: TemplateInput[];
}

export type AlertId = string & { readonly __brand: 'SisAlertId' };
export type HitId = string & { readonly __brand: 'SisHitId' };

/** Where and by whom a search was made that produced a hit (2018/1862 art. 12: who, when, where). */
export interface HitLocation {
  /** Border crossing point id, or free text (street, town, port). */
  place: string;
  /** Free text, e.g. `first-line check`, `road check`. */
  context?: string;
}

/** The information of 2018/1862 art. 37 collected on a check hit (37b: a shorter list for information alerts). */
export interface CheckInformation {
  located: boolean;
  placeTimeReason?: string;
  routeAndDestination?: string;
  accompanyingPersons?: string;
  identityUsed?: string;
  objectsConcerned?: string;
  itemsCarried?: string;
  circumstances?: string;
  other?: string;
}
