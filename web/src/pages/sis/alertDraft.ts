import type { SisAlertInput, SisCatalogue, SisCategory } from '../../api/types.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { identifierKindsOf, isPersonCategory } from './catalogue.ts';

export interface DocumentDraft {
  type: string;
  issuingCountry: string;
  number: string;
}

export interface IdentifierDraft {
  kind: string;
  value: string;
  country: string;
}

/** What the alert form holds while it is filled in: every field as typed, before it is turned into an alert. */
export interface AlertDraft {
  category: SisCategory | null;
  missingSubcategory: string | null;
  checkType: string | null;
  surname: string;
  givenNames: string;
  birthDate: string;
  sex: string | null;
  nationalities: string[];
  aliases: string[];
  placeOfBirth: string;
  physicalCharacteristics: string;
  dactyloscopicRef: string;
  documents: DocumentDraft[];
  warningMarkers: string[];
  objectType: string | null;
  identifiers: IdentifierDraft[];
  make: string;
  model: string;
  colour: string;
  description: string;
  reason: string;
  decisionRef: string;
  action: string;
  offenceType: string;
  links: string[];
  decisionValidUntil: string | null;
  returnDecisionRef: string;
  voluntaryDepartureEnds: string | null;
  publicSecurityThreat: boolean;
  suspended: boolean;
  entryBanWithRefusalAlert: boolean;
}

export const EMPTY_DRAFT: AlertDraft = {
  category: null,
  missingSubcategory: null,
  checkType: null,
  surname: '',
  givenNames: '',
  birthDate: '',
  sex: null,
  nationalities: [],
  aliases: [],
  placeOfBirth: '',
  physicalCharacteristics: '',
  dactyloscopicRef: '',
  documents: [],
  warningMarkers: [],
  objectType: null,
  identifiers: [{ kind: '', value: '', country: '' }],
  make: '',
  model: '',
  colour: '',
  description: '',
  reason: '',
  decisionRef: '',
  action: '',
  offenceType: '',
  links: [],
  decisionValidUntil: null,
  returnDecisionRef: '',
  voluntaryDepartureEnds: null,
  publicSecurityThreat: false,
  suspended: false,
  entryBanWithRefusalAlert: false,
};

/** A problem the form finds before sending, keyed by the same field path the API uses. */
export interface DraftIssue {
  path: string;
  message: MessageId;
}

const text = (v: string): string | undefined => (v.trim() === '' ? undefined : v.trim());
const code = (v: string): string => v.trim().toUpperCase();
/** A date of birth, `00` for an unknown day or month (ICAO Doc 9303 Part 3 §4.8). */
const PARTIAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Which fields a category shows: person identity, dactyloscopic data only (art. 40), or an object. */
export type Form = 'person' | 'biometric' | 'object' | null;

export function formOf(category: SisCategory | null, catalogue: SisCatalogue): Form {
  if (category === null) {
    return null;
  }
  if (category === 'unknown-suspect') {
    return 'biometric';
  }
  return isPersonCategory(catalogue, category) ? 'person' : 'object';
}

/**
 * The problems the form can see by itself: required fields left empty and dates not in `YYYY-MM-DD`. Everything
 * else (country codes, check digits, plausible dates, the rules of each category) is judged by the server,
 * whose answer is shown field by field in the same way.
 */
export function checkDraft(d: AlertDraft, catalogue: SisCatalogue): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const need = (path: string, value: string | null, message: MessageId = 'sisForm.error.required') => {
    if (value === null || value.trim() === '') {
      issues.push({ path, message });
    }
  };
  need('category', d.category, 'sisForm.error.category');
  const form = formOf(d.category, catalogue);
  if (d.category === 'missing') {
    need('missingSubcategory', d.missingSubcategory, 'sisForm.error.choose');
  }
  if (d.category === 'check' || d.category === 'object-check') {
    need('checkType', d.checkType, 'sisForm.error.choose');
  }
  if (form === 'person') {
    need('person.surname', d.surname);
    if (d.birthDate.trim() !== '' && !PARTIAL_DATE.test(d.birthDate.trim())) {
      issues.push({ path: 'person.birthDate', message: 'sisForm.error.birthDate' });
    }
    d.documents.forEach((doc, i) => {
      need(`person.documents[${i}].type`, doc.type);
      need(`person.documents[${i}].issuingCountry`, doc.issuingCountry);
      need(`person.documents[${i}].number`, doc.number);
    });
  }
  if (form === 'biometric') {
    need('person.dactyloscopicRef', d.dactyloscopicRef);
  }
  if (form === 'object') {
    need('object.type', d.objectType, 'sisForm.error.choose');
    d.identifiers.forEach((id, i) => {
      need(`object.identifiers[${i}].kind`, id.kind, 'sisForm.error.choose');
      need(`object.identifiers[${i}].value`, id.value);
      if (id.kind === 'document') {
        need(`object.identifiers[${i}].country`, id.country);
      }
    });
  }
  if (d.category === 'return') {
    need('returnData.returnDecisionRef', d.returnDecisionRef);
  }
  need('reason', d.reason);
  need('decisionRef', d.decisionRef);
  return issues;
}

/**
 * The alert the API receives: only the fields of the chosen category, trimmed, codes in capitals, and choices
 * only from the catalogue (a choice the catalogue does not hold is left out, for the server to ask for).
 */
export function buildAlertInput(d: AlertDraft, catalogue: SisCatalogue): SisAlertInput {
  const category = d.category ?? 'arrest';
  const form = formOf(category, catalogue);
  const missingSubcategory = catalogue.missingSubcategories.find((s) => s === d.missingSubcategory);
  const checkType = catalogue.checkTypes.find((s) => s === d.checkType);
  const input: SisAlertInput = {
    category,
    reason: d.reason.trim(),
    decisionRef: d.decisionRef.trim(),
  };
  const optional = { action: text(d.action), offenceType: text(d.offenceType) };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      Object.assign(input, { [key]: value });
    }
  }
  if (d.links.length > 0) {
    input.links = d.links.map((l) => l.trim()).filter((l) => l !== '');
  }
  if (category === 'missing' && missingSubcategory !== undefined) {
    input.missingSubcategory = missingSubcategory;
  }
  if ((category === 'check' || category === 'object-check') && checkType !== undefined) {
    input.checkType = checkType;
  }
  if (category === 'refusal' && d.decisionValidUntil !== null) {
    input.decisionValidUntil = d.decisionValidUntil;
  }
  if (category === 'return') {
    input.returnData = {
      returnDecisionRef: d.returnDecisionRef.trim(),
      publicSecurityThreat: d.publicSecurityThreat,
      suspended: d.suspended,
      entryBanWithRefusalAlert: d.entryBanWithRefusalAlert,
      ...(d.voluntaryDepartureEnds === null ? {} : { voluntaryDepartureEnds: d.voluntaryDepartureEnds }),
    };
  }
  if (form === 'biometric') {
    input.person = { dactyloscopicRef: d.dactyloscopicRef.trim() };
  } else if (form === 'person') {
    const person: NonNullable<SisAlertInput['person']> = { surname: d.surname.trim() };
    const fields = {
      givenNames: text(d.givenNames),
      birthDate: text(d.birthDate),
      placeOfBirth: text(d.placeOfBirth),
      physicalCharacteristics: text(d.physicalCharacteristics),
    };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) {
        Object.assign(person, { [key]: value });
      }
    }
    if (d.sex !== null) {
      person.sex = d.sex;
    }
    if (d.nationalities.length > 0) {
      person.nationalities = d.nationalities.map(code);
    }
    if (d.aliases.length > 0) {
      person.aliases = d.aliases.map((a) => a.trim());
    }
    if (d.documents.length > 0) {
      person.documents = d.documents.map((doc) => ({
        type: doc.type.trim(),
        issuingCountry: code(doc.issuingCountry),
        number: code(doc.number),
      }));
    }
    input.person = person;
    const markers = d.warningMarkers.flatMap((m) => catalogue.warningMarkers.filter((x) => x === m));
    if (markers.length > 0) {
      input.warningMarkers = markers;
    }
  } else {
    const type = catalogue.objectTypes.find((o) => o.code === d.objectType)?.code;
    if (type === undefined) {
      return input;
    }
    input.object = {
      type,
      identifiers: d.identifiers.flatMap((id) =>
        catalogue.identifierKinds
          .filter((k) => k === id.kind)
          .map((kind) => ({
            kind,
            value: id.value.trim(),
            ...(code(id.country) === '' ? {} : { country: code(id.country) }),
          })),
      ),
    };
    const fields = {
      make: text(d.make),
      model: text(d.model),
      colour: text(d.colour),
      description: text(d.description),
    };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) {
        Object.assign(input.object, { [key]: value });
      }
    }
  }
  return input;
}

/**
 * The field of the form an issue belongs to: the path itself when the form has that field, else the nearest
 * enclosing field (`person.nationalities[1]` belongs to the nationalities field), else null (shown above the
 * form).
 */
export function fieldOfIssue(path: string, fields: ReadonlySet<string>): string | null {
  let current = path;
  for (;;) {
    if (fields.has(current)) {
      return current;
    }
    const next = current.replace(/(\[\d+\]|\.[^.[\]]+)$/u, '');
    if (next === current || next === '') {
      return null;
    }
    current = next;
  }
}

/** Keeps the identifier kinds valid for a newly chosen object type: an impossible kind becomes the usual one. */
export function withObjectType(d: AlertDraft, type: string | null, catalogue: SisCatalogue): AlertDraft {
  const kinds = identifierKindsOf(catalogue, type);
  return {
    ...d,
    objectType: type,
    identifiers: d.identifiers.map((id) =>
      kinds.some((k) => k === id.kind) ? id : { ...id, kind: kinds[0] ?? '' },
    ),
  };
}
