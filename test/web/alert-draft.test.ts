import { describe, expect, it } from 'vitest';

// The web's alert (typed from the generated API types) goes to the server's own check without a cast.
import { alertIssues, sisCatalogue } from '../../src/contexts/sis/index.ts';
import {
  buildAlertInput,
  checkDraft,
  EMPTY_DRAFT,
  fieldOfIssue,
  withObjectType,
  type AlertDraft,
} from '../../web/src/pages/sis/alertDraft.ts';

/** The catalogue as `GET /sis/catalogue` serves it. */
const catalogue = sisCatalogue();

const TODAY = '2026-03-14';

const person: AlertDraft = {
  ...EMPTY_DRAFT,
  category: 'arrest',
  surname: ' Rossi ',
  givenNames: 'Marco',
  birthDate: '1980-05-00',
  sex: 'M',
  nationalities: ['ita'],
  documents: [{ type: 'passport', issuingCountry: 'ita', number: 'ya 1234567' }],
  warningMarkers: ['armed'],
  reason: 'European Arrest Warrant',
  decisionRef: 'EAW-2026-17',
};

const vehicle: AlertDraft = {
  ...EMPTY_DRAFT,
  category: 'object-seizure',
  objectType: 'motor-vehicle',
  identifiers: [{ kind: 'plate', value: 'AB 123 CD', country: 'ita' }],
  make: 'Fiat',
  reason: 'Stolen car',
  decisionRef: 'PROC-1',
};

describe('checkDraft', () => {
  it('asks for the category first', () => {
    expect(checkDraft(EMPTY_DRAFT, catalogue).map((i) => i.path)).toEqual([
      'category',
      'reason',
      'decisionRef',
    ]);
  });

  it('asks for the fields each category needs', () => {
    const paths = (d: AlertDraft) => checkDraft(d, catalogue).map((i) => i.path);
    expect(paths({ ...EMPTY_DRAFT, category: 'missing', reason: 'r', decisionRef: 'd' })).toEqual([
      'missingSubcategory',
      'person.surname',
    ]);
    expect(paths({ ...EMPTY_DRAFT, category: 'unknown-suspect', reason: 'r', decisionRef: 'd' })).toEqual([
      'person.dactyloscopicRef',
    ]);
    expect(paths({ ...EMPTY_DRAFT, category: 'object-check', reason: 'r', decisionRef: 'd' })).toEqual([
      'checkType',
      'object.type',
      'object.identifiers[0].kind',
      'object.identifiers[0].value',
    ]);
    expect(paths({ ...person, category: 'return' })).toEqual(['returnData.returnDecisionRef']);
  });

  it('refuses a date of birth that is not YYYY-MM-DD, and accepts 00 for unknown parts', () => {
    expect(checkDraft({ ...person, birthDate: '05/1980' }, catalogue).map((i) => i.path)).toEqual([
      'person.birthDate',
    ]);
    expect(checkDraft(person, catalogue)).toEqual([]);
  });
});

describe('buildAlertInput', () => {
  it('sends a person alert the server accepts, codes in capitals and text trimmed', () => {
    const input = buildAlertInput(person, catalogue);
    expect(input.person).toEqual({
      surname: 'Rossi',
      givenNames: 'Marco',
      birthDate: '1980-05-00',
      sex: 'M',
      nationalities: ['ITA'],
      documents: [{ type: 'passport', issuingCountry: 'ITA', number: 'YA 1234567' }],
    });
    expect(input.object).toBeUndefined();
    expect(alertIssues(input, TODAY)).toEqual([]);
  });

  it('sends an object alert the server accepts, without person-only fields', () => {
    const input = buildAlertInput({ ...vehicle, warningMarkers: ['armed'], surname: 'left over' }, catalogue);
    expect(input.person).toBeUndefined();
    expect(input.warningMarkers).toBeUndefined();
    expect(input.object).toEqual({
      type: 'motor-vehicle',
      identifiers: [{ kind: 'plate', value: 'AB 123 CD', country: 'ITA' }],
      make: 'Fiat',
    });
    expect(alertIssues(input, TODAY)).toEqual([]);
  });

  it('sends only dactyloscopic data for an unknown suspect (2018/1862 art. 40)', () => {
    const input = buildAlertInput(
      { ...person, category: 'unknown-suspect', dactyloscopicRef: 'afis:77' },
      catalogue,
    );
    expect(input.person).toEqual({ dactyloscopicRef: 'afis:77' });
    expect(input.warningMarkers).toBeUndefined();
    expect(alertIssues(input, TODAY)).toEqual([]);
  });
});

describe('fieldOfIssue', () => {
  const fields = new Set(['person.nationalities', 'person.documents[0].number', 'links', 'reason']);

  it('finds the field itself or the nearest one enclosing it', () => {
    expect(fieldOfIssue('person.documents[0].number', fields)).toBe('person.documents[0].number');
    expect(fieldOfIssue('person.nationalities[1]', fields)).toBe('person.nationalities');
    expect(fieldOfIssue('links[3]', fields)).toBe('links');
  });

  it('gives null for an issue no field of the form holds', () => {
    expect(fieldOfIssue('returnData', fields)).toBeNull();
    expect(fieldOfIssue('person', fields)).toBeNull();
  });
});

describe('withObjectType', () => {
  it('replaces identifier kinds the new object type cannot carry with its usual one', () => {
    const d = withObjectType(vehicle, 'container', catalogue);
    expect(d.identifiers.map((i) => i.kind)).toEqual(['container']);
    expect(withObjectType(vehicle, 'trailer', catalogue).identifiers.map((i) => i.kind)).toEqual(['plate']);
  });
});
