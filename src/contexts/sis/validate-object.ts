import { checkContainerNumber, checkVin, compactIdentifier } from './identifiers/index.ts';
import type { Issues } from './validate-fields.ts';
import {
  CHECKABLE_OBJECT_TYPES,
  OBJECT_IDENTIFIER_KINDS,
  OBJECT_TYPES,
  type AlertCategory,
  type ObjectData,
} from './model.ts';

/**
 * Checks the object part of an alert: the object type (2018/1862 art. 38(2); art. 36 for check alerts), and
 * each identifier by its own rule — VIN per ISO 3779 with the North-American check digit where it applies,
 * container number per ISO 6346 with its check digit, documents with their issuing state.
 */
export function validateObject(issues: Issues, category: AlertCategory, o: ObjectData | undefined): void {
  if (o === undefined) {
    issues.add('object', `is required for an ${category} alert`);
    return;
  }
  if (!OBJECT_TYPES.includes(o.type)) {
    issues.add('object.type', `must be one of ${OBJECT_TYPES.join(', ')}`);
    return;
  }
  if (category === 'object-check' && !CHECKABLE_OBJECT_TYPES.includes(o.type)) {
    issues.add(
      'object.type',
      `a ${o.type} cannot be the subject of a check alert; art. 36 covers ${CHECKABLE_OBJECT_TYPES.join(', ')}`,
    );
  }
  for (const key of ['make', 'model', 'colour'] as const) {
    issues.text(`object.${key}`, o[key], { max: 100 });
  }
  issues.text('object.description', o.description, { max: 2000 });
  if (o.identifiers.length === 0 || o.identifiers.length > 20) {
    issues.add('object.identifiers', 'must list 1 to 20 identifiers (plate, VIN, serial number, …)');
  }
  const allowed = OBJECT_IDENTIFIER_KINDS[o.type];
  o.identifiers.forEach((id, i) => {
    const p = `object.identifiers[${i}]`;
    if (!allowed.includes(id.kind)) {
      issues.add(`${p}.kind`, `a ${o.type} is identified by ${allowed.join(', ')}`);
      return;
    }
    issues.country(`${p}.country`, id.country, id.kind === 'document');
    const compact = compactIdentifier(id.value);
    switch (id.kind) {
      case 'vin': {
        const vin = checkVin(id.value);
        if (!vin.valid) {
          issues.add(`${p}.value`, vin.explanation);
        }
        break;
      }
      case 'container': {
        const c = checkContainerNumber(id.value);
        if (!c.valid) {
          issues.add(`${p}.value`, c.explanation);
        }
        break;
      }
      case 'plate':
        if (compact.length < 1 || compact.length > 12) {
          issues.add(`${p}.value`, 'a number plate has 1 to 12 letters or digits (separators are ignored)');
        }
        break;
      case 'document':
        if (compact.length < 1 || compact.length > 30) {
          issues.add(`${p}.value`, 'a document number has 1 to 30 letters or digits');
        }
        break;
      case 'serial':
        if (compact.length < 1 || compact.length > 60) {
          issues.add(`${p}.value`, 'a serial number has 1 to 60 letters or digits');
        }
        break;
    }
  });
}
