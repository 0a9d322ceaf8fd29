import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';

import { AUTHORITY_TYPES } from '../api/types.ts';
import { catalogues, isMessageId, pickLocale } from './messages.ts';

describe('catalogues', () => {
  it('holds only messages that parse as ICU message format', () => {
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      for (const [id, text] of Object.entries(catalogue)) {
        expect(() => new IntlMessageFormat(text, locale), `${locale}:${id}`).not.toThrow();
      }
    }
  });

  it('gives every other language exactly the ids of the English catalogue', () => {
    const reference = Object.keys(catalogues.en ?? {}).sort();
    for (const catalogue of Object.values(catalogues)) {
      expect(Object.keys(catalogue).sort()).toEqual(reference);
    }
  });

  it('names every authority type', () => {
    for (const type of AUTHORITY_TYPES) {
      expect(isMessageId(`authorityType.${type}`)).toBe(true);
    }
  });
});

describe('pickLocale', () => {
  it('takes the first preferred language that has a catalogue', () => {
    expect(pickLocale(['xx-YY', 'en-GB'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(pickLocale(['xx'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});
