import type { SisCategory } from '../../api/types.ts';

/**
 * The parts of the SIS alert model the entry form needs, mirrored from the server's model (a unit test keeps
 * them equal): the form must offer exactly the choices the server accepts, and server code is not bundled
 * into the browser.
 */

/** Purpose of every alert-management request (entry, reading, review, deletion). */
export const ALERT_PURPOSE = 'alert-management';
/** Purpose of the SIRENE supplementary-information exchange on hits (2018/1862 arts. 7-8). */
export const EXCHANGE_PURPOSE = 'sirene-exchange';

export const PERSON_CATEGORIES: readonly SisCategory[] = [
  'arrest',
  'missing',
  'judicial-procedure',
  'check',
  'information',
  'unknown-suspect',
  'refusal',
  'restrictive-measure',
  'return',
];
export const OBJECT_CATEGORIES: readonly SisCategory[] = ['object-check', 'object-seizure'];

/** 2018/1862 art. 32(1) (a)-(e). */
export const MISSING_SUBCATEGORIES = ['a', 'b', 'c', 'd', 'e'] as const;
/** 2018/1862 art. 36(1). */
export const CHECK_TYPES = ['discreet', 'inquiry', 'specific'] as const;
/** 2018/1862 art. 20(2)(i)-(n). */
export const WARNING_MARKERS = [
  'armed',
  'violent',
  'absconded',
  'suicide-risk',
  'public-health-threat',
  'terrorist-activity',
] as const;

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

/** Object types an art. 36 check alert may concern (2018/1862 arts. 36(1) and 37). */
export const CHECKABLE_OBJECT_TYPES: readonly ObjectType[] = [
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
];

export const IDENTIFIER_KINDS = ['document', 'plate', 'vin', 'container', 'serial'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** Identifier kinds of each object type, the usual one first. */
export const OBJECT_IDENTIFIER_KINDS: Readonly<Record<ObjectType, readonly IdentifierKind[]>> = {
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
};

export const isPersonCategory = (c: SisCategory): boolean => PERSON_CATEGORIES.includes(c);

/** Object types the form offers for a category: art. 36 checks a subset, art. 38 seizure every type. */
export function objectTypesFor(category: SisCategory | null): readonly ObjectType[] {
  return category === 'object-check' ? CHECKABLE_OBJECT_TYPES : OBJECT_TYPES;
}

export function identifierKindsOf(type: string | null): readonly IdentifierKind[] {
  return type !== null && type in OBJECT_IDENTIFIER_KINDS
    ? OBJECT_IDENTIFIER_KINDS[type as ObjectType]
    : IDENTIFIER_KINDS;
}
