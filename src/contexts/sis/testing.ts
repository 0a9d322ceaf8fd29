import type { AlertInput } from './model.ts';

/**
 * Builders of valid alerts for tests and demos, with defaults that any field can override.
 *
 * @example personAlert({ category: 'refusal', person: { surname: 'NOVAK', nationalities: ['SRB'] } })
 */
export function personAlert(over: Partial<AlertInput> = {}): AlertInput {
  return {
    category: 'arrest',
    person: {
      surname: 'KOWALSKI',
      givenNames: 'JAN',
      birthDate: '1980-05-12',
      sex: 'M',
      nationalities: ['POL'],
      documents: [{ type: 'passport', issuingCountry: 'POL', number: 'EK1234567' }],
    },
    warningMarkers: ['armed'],
    reason: 'European Arrest Warrant for armed robbery',
    decisionRef: 'EAW-2026-0001',
    ...over,
  };
}

export function vehicleAlert(over: Partial<AlertInput> = {}): AlertInput {
  return {
    category: 'object-seizure',
    object: {
      type: 'motor-vehicle',
      identifiers: [
        { kind: 'plate', value: 'AB-123-CD', country: 'FRA' },
        { kind: 'vin', value: 'WVWZZZ1JZXW000001' },
      ],
      make: 'Volkswagen',
      model: 'Golf',
      colour: 'grey',
    },
    reason: 'Stolen vehicle',
    decisionRef: 'PV-2026-77',
    ...over,
  };
}
