import { normaliseName, parsePartialDate } from '../identity/index.ts';
import { invalid } from '../../platform/errors.ts';
import { SIS_ERRORS } from './errors.ts';
import type { AlertRow } from './repository.ts';
import {
  compactIdentifier,
  DOCUMENT_CONFUSIONS,
  foldConfusions,
  PLATE_CONFUSIONS,
} from './identifiers/index.ts';
import {
  ALERT_CATEGORIES,
  CATEGORY_INFO,
  CHECK_TYPES,
  isCovert,
  MISSING_SUBCATEGORIES,
  WARNING_MARKERS,
  type AlertInput,
  type AlertKind,
  type IdentifierKind,
} from './model.ts';
import { isUrgentAlert } from './settings.ts';
import { Issues, printedCountry, type FieldIssue } from './validate-fields.ts';
import { validateObject } from './validate-object.ts';
import { validateMisusedIdentity, validatePerson } from './validate-person.ts';

/** A name of the alert in its comparison form, for candidate retrieval. */
export interface IndexedName {
  role: 'surname' | 'birth' | 'alias' | 'misused';
  norm: string;
  /** Year of birth of the identity the name belongs to (the misused identity has its own), or null. */
  birthYear: number | null;
}

/** An identifier of the alert in its stored, normalised and confusion-folded forms. */
export interface IndexedIdentifier {
  kind: IdentifierKind;
  /** Whose identifier it is: the object, the person's document, or the misused identity's document. */
  owner: 'object' | 'person' | 'misused';
  country: string | null;
  raw: string;
  norm: string;
  folded: string;
}

/** An alert whose every field was checked, with the forms the system stores next to it. */
export interface PreparedAlert {
  input: AlertInput;
  kind: AlertKind;
  covert: boolean;
  urgent: boolean;
  action: string;
  surnameNorm: string | null;
  birthYear: number | null;
  names: IndexedName[];
  identifiers: IndexedIdentifier[];
}

const LINK_ID = /^sis_[\w-]{1,80}$/u;

function checkStructure(issues: Issues, a: AlertInput, today: string): AlertKind | null {
  if (!ALERT_CATEGORIES.includes(a.category)) {
    issues.add('category', `must be one of ${ALERT_CATEGORIES.join(', ')}`);
    return null;
  }
  const kind = CATEGORY_INFO[a.category].kind;
  if (
    a.category === 'missing'
      ? !MISSING_SUBCATEGORIES.includes(a.missingSubcategory ?? ('' as 'a'))
      : a.missingSubcategory !== undefined
  ) {
    issues.add(
      'missingSubcategory',
      a.category === 'missing'
        ? 'must be a, b, c, d or e (2018/1862 art. 32(1))'
        : 'is for missing-person alerts only',
    );
  }
  const checks = a.category === 'check' || a.category === 'object-check';
  if (checks ? !CHECK_TYPES.includes(a.checkType ?? ('' as 'discreet')) : a.checkType !== undefined) {
    issues.add(
      'checkType',
      checks ? 'must be discreet, inquiry or specific (2018/1862 art. 36(1))' : 'is for check alerts only',
    );
  }
  if (kind === 'person') {
    if (a.object !== undefined) {
      issues.add('object', 'a person alert describes no object');
    }
    checkBiometrics(issues, a);
    validatePerson(issues, a.category, a.person, today, {
      fingerprints: (a.biometrics ?? []).some((t) => t.modality === 'finger'),
    });
  } else {
    for (const key of ['person', 'misusedIdentity', 'returnData', 'warningMarkers', 'biometrics'] as const) {
      if (a[key] !== undefined) {
        issues.add(key, 'is for person alerts only');
      }
    }
    validateObject(issues, a.category, a.object);
  }
  return kind;
}

/** Templates of a person alert: one face and up to ten fingers (2018/1862 art. 20(3)(w), (y)); no palm prints. */
const MAX_TEMPLATES = 11;

/**
 * The alert's part of the biometric checks: how many templates, and which modalities its category may hold
 * (an unknown-suspect alert holds dactyloscopic data only, art. 40). Each template itself — its length, values,
 * finger position and quality (2019/817 art. 13(3)) — is checked by the biometric matching service.
 */
function checkBiometrics(issues: Issues, a: AlertInput): void {
  const templates = a.biometrics;
  if (templates === undefined) {
    return;
  }
  if (!Array.isArray(templates) || templates.length > MAX_TEMPLATES) {
    issues.add('biometrics', `must list at most ${MAX_TEMPLATES} templates: one face and ten fingers`);
    return;
  }
  if (a.category === 'unknown-suspect') {
    templates.forEach((t, i) => {
      if (t.modality !== 'finger') {
        issues.add(
          `biometrics[${i}].modality`,
          'an unknown-suspect alert holds dactyloscopic data only (2018/1862 art. 40): no facial image',
        );
      }
    });
  }
}

function checkCommon(issues: Issues, a: AlertInput, today: string): void {
  issues.text('reason', a.reason, { required: true, max: 2000 });
  issues.text('decisionRef', a.decisionRef, { required: true, max: 200 });
  issues.text('action', a.action, { max: 2000 });
  issues.text('offenceType', a.offenceType, { max: 200 });
  const markers = a.warningMarkers ?? [];
  markers.forEach((m, i) => {
    if (!WARNING_MARKERS.includes(m)) {
      issues.add(`warningMarkers[${i}]`, `must be one of ${WARNING_MARKERS.join(', ')}`);
    }
  });
  if (new Set(markers).size !== markers.length) {
    issues.add('warningMarkers', 'lists a marker twice');
  }
  const links = a.links ?? [];
  if (links.length > 50 || new Set(links).size !== links.length) {
    issues.add('links', 'must list at most 50 different alert ids');
  }
  links.forEach((l, i) => {
    if (!LINK_ID.test(l)) {
      issues.add(`links[${i}]`, 'must be the id of a SIS alert (sis_…)');
    }
  });
  if (a.decisionValidUntil !== undefined) {
    if (a.category !== 'refusal') {
      issues.add('decisionValidUntil', 'is for refusal alerts only (it sets their review period)');
    }
    issues.date('decisionValidUntil', a.decisionValidUntil);
  }
  if (a.category === 'return') {
    if (a.returnData === undefined) {
      issues.add('returnData', 'is required for a return alert (2018/1860 art. 4)');
    } else {
      issues.text('returnData.returnDecisionRef', a.returnData.returnDecisionRef, { required: true });
      issues.date('returnData.voluntaryDepartureEnds', a.returnData.voluntaryDepartureEnds);
    }
  } else if (a.returnData !== undefined) {
    issues.add('returnData', 'is for return alerts only');
  }
  if (a.misusedIdentity !== undefined) {
    if (a.category === 'unknown-suspect') {
      issues.add('misusedIdentity', 'an unknown-suspect alert holds dactyloscopic data only');
    } else {
      validateMisusedIdentity(issues, a.misusedIdentity, today);
    }
  }
}

const yearOf = (birthDate: string | undefined): number | null => {
  const parsed = birthDate === undefined ? undefined : parsePartialDate(birthDate);
  return parsed?.ok === true && parsed.date.year !== 0 ? parsed.date.year : null;
};

function indexNames(a: AlertInput): IndexedName[] {
  const out: IndexedName[] = [];
  const add = (role: IndexedName['role'], v: string | undefined, birthYear: number | null) => {
    const norm = v === undefined ? '' : normaliseName(v);
    if (norm !== '' && !out.some((n) => n.norm === norm && n.role === role)) {
      out.push({ role, norm, birthYear });
    }
  };
  const year = yearOf(a.person?.birthDate);
  add('surname', a.person?.surname, year);
  a.person?.namesAtBirth?.forEach((n) => add('birth', n, year));
  a.person?.aliases?.forEach((n) => add('alias', n, year));
  add('misused', a.misusedIdentity?.surname, yearOf(a.misusedIdentity?.birthDate));
  return out;
}

function identifier(
  kind: IdentifierKind,
  owner: IndexedIdentifier['owner'],
  raw: string,
  country?: string,
): IndexedIdentifier {
  const norm = compactIdentifier(raw);
  const confusions = kind === 'document' || kind === 'serial' ? DOCUMENT_CONFUSIONS : PLATE_CONFUSIONS;
  return {
    kind,
    owner,
    country: country === undefined ? null : printedCountry(country),
    raw,
    norm,
    folded: foldConfusions(norm, confusions),
  };
}

function indexIdentifiers(a: AlertInput): IndexedIdentifier[] {
  return [
    ...(a.object?.identifiers ?? []).map((i) => identifier(i.kind, 'object', i.value, i.country)),
    ...(a.person?.documents ?? []).map((d) => identifier('document', 'person', d.number, d.issuingCountry)),
    ...(a.misusedIdentity?.documents ?? []).map((d) =>
      identifier('document', 'misused', d.number, d.issuingCountry),
    ),
  ];
}

/** Every problem of an alert, or none. Pure: the caller decides whether to refuse. */
export function alertIssues(a: AlertInput, today: string): FieldIssue[] {
  const issues = new Issues();
  checkStructure(issues, a, today);
  checkCommon(issues, a, today);
  return issues.list;
}

/**
 * Checks every field of an alert and prepares the forms the system stores next to it: normalised names for
 * candidate retrieval, identifiers with their confusion-folded keys, the covert and urgency flags, and the
 * action to be taken (the category's default when none was given).
 *
 * @throws AppError `SIS_ALERT_INVALID` listing every issue in `details.issues`.
 */
export function prepareAlert(a: AlertInput, today: string): PreparedAlert {
  const issues = alertIssues(a, today);
  if (issues.length > 0) {
    throw invalid(
      SIS_ERRORS.alertInvalid,
      `The alert has ${issues.length} invalid field(s): ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}.`,
      { issues },
    );
  }
  const info = CATEGORY_INFO[a.category];
  // The templates go to the biometric matching service, never into the alert's stored content.
  const { biometrics: _templates, ...content } = a;
  const input: AlertInput = {
    ...content,
    ...(a.person?.nationalities
      ? { person: { ...a.person, nationalities: a.person.nationalities.map(printedCountry) } }
      : {}),
  };
  const surname = a.person?.surname === undefined ? '' : normaliseName(a.person.surname);
  return {
    input,
    kind: info.kind,
    covert: isCovert(a.category),
    urgent: isUrgentAlert(a),
    action: a.action ?? info.defaultAction,
    surnameNorm: surname === '' ? null : surname,
    birthYear: yearOf(a.person?.birthDate),
    names: indexNames(a),
    identifiers: indexIdentifiers(a),
  };
}

/** The columns an alert's checked content sets, on creation and on every update alike. */
export function alertContentColumns(prepared: PreparedAlert) {
  return {
    covert: prepared.covert,
    urgent: prepared.urgent,
    object_type: prepared.input.object?.type ?? null,
    content: prepared.input,
    action: prepared.action,
    warning_markers: prepared.input.warningMarkers ?? [],
    surname_norm: prepared.surnameNorm,
    birth_year: prepared.birthYear,
  };
}

/**
 * The row of a new alert from its checked content (2018/1862 art. 20), the same whether it is entered through
 * the API or a bulk import: version 1, its review date and the rule that sets it (arts. 53, 55).
 */
export function newAlertRow(alert: {
  id: string;
  prepared: PreparedAlert;
  issuer: { memberState: string; authority: string; authorityId: string | null };
  createdBy: string;
  enteredAt: Date;
  review: { due: string; basis: string };
}): AlertRow {
  const { prepared } = alert;
  return {
    id: alert.id,
    kind: prepared.kind,
    category: prepared.input.category,
    ...alertContentColumns(prepared),
    issuing_state: alert.issuer.memberState,
    issuing_authority: alert.issuer.authority,
    issuing_authority_id: alert.issuer.authorityId,
    created_by: alert.createdBy,
    created_at: alert.enteredAt,
    updated_at: alert.enteredAt,
    version: 1,
    review_due: alert.review.due,
    review_basis: alert.review.basis,
  };
}
