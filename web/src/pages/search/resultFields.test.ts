import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';

import { catalogues } from '../../i18n/messages.ts';
import { fieldLabel, formatFieldValue } from './resultFields.ts';

const intl = createIntl({ locale: 'en', messages: catalogues.en });

describe('formatFieldValue', () => {
  it('names the month of dates and instants', () => {
    expect(formatFieldValue(intl, '1985-07-21')).toBe('21 Jul 1985');
    expect(formatFieldValue(intl, '2026-03-14T09:05:00Z')).toBe('14 Mar 2026 09:05 UTC');
  });

  it('spells out flags, lists and nested records', () => {
    expect(formatFieldValue(intl, true)).toBe('Yes');
    expect(formatFieldValue(intl, ['NGA', 'GHA'])).toBe('NGA; GHA');
    expect(formatFieldValue(intl, [{ type: 'P', number: 'A1', expiry: '2030-01-01' }])).toBe(
      'Type: P, Number: A1, Expiry: 1 Jan 2030',
    );
    expect(formatFieldValue(intl, null)).toBe('—');
  });
});

describe('fieldLabel', () => {
  it('labels known fields and shows unknown ones by name', () => {
    expect(fieldLabel(intl, 'birthDate')).toBe('Date of birth');
    expect(fieldLabel(intl, 'somethingNew')).toBe('somethingNew');
  });
});
