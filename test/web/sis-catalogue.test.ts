import { describe, expect, it } from 'vitest';

import { sisCatalogue } from '../../src/contexts/sis/index.ts';
import { isMessageId } from '../../web/src/i18n/messages.ts';
import {
  identifierKindsOf,
  isPersonCategory,
  objectCategories,
  objectTypesFor,
  personCategories,
} from '../../web/src/pages/sis/catalogue.ts';

/** The catalogue as `GET /sis/catalogue` serves it. */
const catalogue = sisCatalogue();

describe('the alert form read from the SIS catalogue', () => {
  it('splits the categories into persons and objects, persons first', () => {
    expect(personCategories(catalogue)).toContain('arrest');
    expect(objectCategories(catalogue)).toEqual(['object-check', 'object-seizure']);
    expect(isPersonCategory(catalogue, 'return')).toBe(true);
    expect(isPersonCategory(catalogue, 'object-check')).toBe(false);
  });

  it('offers the art. 36 object types for a check and every type for a seizure', () => {
    expect(objectTypesFor(catalogue, 'object-check')).not.toContain('banknote');
    expect(objectTypesFor(catalogue, 'object-seizure')).toHaveLength(catalogue.objectTypes.length);
  });

  it("offers an object type's identifier kinds, the usual one first, and every kind before a type is chosen", () => {
    expect(identifierKindsOf(catalogue, 'container')).toEqual(['container']);
    expect(identifierKindsOf(catalogue, 'motor-vehicle')[0]).toBe('plate');
    expect(identifierKindsOf(catalogue, null)).toEqual(catalogue.identifierKinds);
  });
});

describe('messages of the SIS screens', () => {
  it('name every category, marker, object type, identifier kind, sub-category, check type and sex', () => {
    const ids = [
      ...catalogue.categories.map((c) => `sis.category.${c.code}`),
      ...catalogue.warningMarkers.map((m) => `sis.marker.${m}`),
      ...catalogue.objectTypes.map((o) => `sis.objectType.${o.code}`),
      ...catalogue.identifierKinds.map((k) => `sis.identifierKind.${k}`),
      ...catalogue.missingSubcategories.map((s) => `sisForm.missing.${s}`),
      ...catalogue.checkTypes.map((s) => `sisForm.checkType.${s}`),
      ...catalogue.sexes.map((s) => `sisForm.sex.${s}`),
      ...['strong', 'possible', 'weak'].map((s) => `hubDesk.strength.${s}`),
    ];
    expect(ids.filter((id) => !isMessageId(id))).toEqual([]);
  });
});
