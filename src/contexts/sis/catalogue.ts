import {
  ALERT_CATEGORIES,
  CATEGORY_INFO,
  CHECK_TYPES,
  CHECKABLE_OBJECT_TYPES,
  IDENTIFIER_KINDS,
  MISSING_SUBCATEGORIES,
  OBJECT_IDENTIFIER_KINDS,
  OBJECT_TYPES,
  WARNING_MARKERS,
  type AlertCategory,
  type AlertKind,
  type CheckType,
  type IdentifierKind,
  type MissingSubcategory,
  type ObjectType,
  type WarningMarker,
} from './model.ts';

/** Codes of a person's sex an alert accepts: ICAO Doc 9303 F, M and X (unspecified), and U (unknown). */
export const SEX_CODES = ['F', 'M', 'X', 'U'] as const;

/** The choices an alert may be entered with, as the alert form offers them (`GET /sis/catalogue`). */
export interface SisCatalogue {
  /** Persons first, then objects, each with its legal basis and the default action on a hit. */
  categories: Array<{
    code: AlertCategory;
    kind: AlertKind;
    label: string;
    legalBasis: string;
    defaultAction: string;
  }>;
  missingSubcategories: MissingSubcategory[];
  checkTypes: CheckType[];
  warningMarkers: WarningMarker[];
  sexes: Array<(typeof SEX_CODES)[number]>;
  /** Every object type, the identifier kinds it may carry (the usual one first) and whether art. 36 covers it. */
  objectTypes: Array<{ code: ObjectType; identifierKinds: IdentifierKind[]; checkable: boolean }>;
  identifierKinds: IdentifierKind[];
}

/** The catalogue of the SIS alert model (2018/1862 arts. 20, 26-40; 2018/1861 arts. 24-25; 2018/1860 art. 3). */
export function sisCatalogue(): SisCatalogue {
  return {
    categories: ALERT_CATEGORIES.map((code) => ({ code, ...CATEGORY_INFO[code] })),
    missingSubcategories: [...MISSING_SUBCATEGORIES],
    checkTypes: [...CHECK_TYPES],
    warningMarkers: [...WARNING_MARKERS],
    sexes: [...SEX_CODES],
    objectTypes: OBJECT_TYPES.map((code) => ({
      code,
      identifierKinds: [...OBJECT_IDENTIFIER_KINDS[code]],
      checkable: CHECKABLE_OBJECT_TYPES.includes(code),
    })),
    identifierKinds: [...IDENTIFIER_KINDS],
  };
}
