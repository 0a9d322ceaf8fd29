import { describe, expect, it } from 'vitest';

import * as server from '../../../../src/contexts/sis/model.ts';
import { isMessageId } from '../../i18n/messages.ts';
import {
  CHECK_TYPES,
  CHECKABLE_OBJECT_TYPES,
  IDENTIFIER_KINDS,
  MISSING_SUBCATEGORIES,
  OBJECT_CATEGORIES,
  OBJECT_IDENTIFIER_KINDS,
  OBJECT_TYPES,
  PERSON_CATEGORIES,
  WARNING_MARKERS,
} from './catalogue.ts';

describe('SIS catalogue of the alert form', () => {
  it("mirrors the server's categories, split into persons and objects as the server's catalogue does", () => {
    expect([...PERSON_CATEGORIES, ...OBJECT_CATEGORIES]).toEqual([...server.ALERT_CATEGORIES]);
    for (const c of PERSON_CATEGORIES) {
      expect(server.CATEGORY_INFO[c].kind).toBe('person');
    }
    for (const c of OBJECT_CATEGORIES) {
      expect(server.CATEGORY_INFO[c].kind).toBe('object');
    }
  });

  it("mirrors the server's sub-categories, check types, markers, object types and identifier kinds", () => {
    expect(MISSING_SUBCATEGORIES).toEqual(server.MISSING_SUBCATEGORIES);
    expect(CHECK_TYPES).toEqual(server.CHECK_TYPES);
    expect(WARNING_MARKERS).toEqual(server.WARNING_MARKERS);
    expect(OBJECT_TYPES).toEqual(server.OBJECT_TYPES);
    expect(CHECKABLE_OBJECT_TYPES).toEqual(server.CHECKABLE_OBJECT_TYPES);
    expect(IDENTIFIER_KINDS).toEqual(server.IDENTIFIER_KINDS);
    expect(OBJECT_IDENTIFIER_KINDS).toEqual(server.OBJECT_IDENTIFIER_KINDS);
  });
});

describe('messages of the SIS screens', () => {
  it('name every category, marker, object type, identifier kind, sub-category, check type and sex', () => {
    const ids = [
      ...[...PERSON_CATEGORIES, ...OBJECT_CATEGORIES].map((c) => `sis.category.${c}`),
      ...WARNING_MARKERS.map((m) => `sis.marker.${m}`),
      ...OBJECT_TYPES.map((o) => `sis.objectType.${o}`),
      ...IDENTIFIER_KINDS.map((k) => `sis.identifierKind.${k}`),
      ...MISSING_SUBCATEGORIES.map((s) => `sisForm.missing.${s}`),
      ...CHECK_TYPES.map((s) => `sisForm.checkType.${s}`),
      ...['F', 'M', 'X', 'U'].map((s) => `sisForm.sex.${s}`),
      ...['strong', 'possible', 'weak'].map((s) => `hubDesk.strength.${s}`),
    ];
    expect(ids.filter((id) => !isMessageId(id))).toEqual([]);
  });
});
