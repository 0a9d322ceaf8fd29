import type { SisCatalogue } from '../../../api/types.ts';
import { formOf, type AlertDraft } from '../alertDraft.ts';

/** The element id of a field, from its API path (`person.documents[0].number`). */
export const fieldId = (path: string) => `alert-${path.replace(/[^\w-]/gu, '-')}`;

/** Problems shown next to their fields, by API path. */
export type Errors = Record<string, string>;

/** What every part of the alert form receives from the form that holds the draft. */
export interface SectionProps {
  draft: AlertDraft;
  catalogue: SisCatalogue;
  /** Changes the draft (a patch, or a function of the draft) and clears the problems of the given fields. */
  update: (change: Partial<AlertDraft> | ((d: AlertDraft) => AlertDraft), ...paths: string[]) => void;
  /** The element id and the problem of a field, by its API path, to spread onto its input. */
  field: (path: string) => { id: string; error: string | undefined };
}

/** The fields the form shows for a draft, by API path: issues on other paths are listed above the form. */
export function shownFields(d: AlertDraft, catalogue: SisCatalogue): Set<string> {
  const form = formOf(d.category, catalogue);
  const fields = ['category', 'reason', 'decisionRef', 'action', 'offenceType', 'links'];
  if (d.category === 'missing') {
    fields.push('missingSubcategory');
  }
  if (d.category === 'check' || d.category === 'object-check') {
    fields.push('checkType');
  }
  if (d.category === 'refusal') {
    fields.push('decisionValidUntil');
  }
  if (d.category === 'return') {
    fields.push('returnData.returnDecisionRef', 'returnData.voluntaryDepartureEnds');
  }
  if (form === 'person') {
    fields.push(
      ...[
        'surname',
        'givenNames',
        'birthDate',
        'sex',
        'nationalities',
        'aliases',
        'placeOfBirth',
        'physicalCharacteristics',
      ].map((f) => `person.${f}`),
      'warningMarkers',
    );
    d.documents.forEach((_, i) => {
      fields.push(...['type', 'issuingCountry', 'number'].map((f) => `person.documents[${i}].${f}`));
    });
  }
  if (form === 'biometric') {
    fields.push('person.dactyloscopicRef');
  }
  if (form === 'object') {
    fields.push('object.type', 'object.make', 'object.model', 'object.colour', 'object.description');
    d.identifiers.forEach((_, i) => {
      fields.push(...['kind', 'value', 'country'].map((f) => `object.identifiers[${i}].${f}`));
    });
  }
  return new Set(fields);
}
