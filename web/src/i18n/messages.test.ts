import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';

import { AUTHORITY_TYPES } from '../api/types.ts';
import { catalogues, EU_LANGUAGES, isMessageId, LANGUAGES, pickLocale } from './messages.ts';
import { initialLocale } from './locale.tsx';

describe('catalogues', () => {
  it('offers English, German and French, and lists all 24 EU languages for the next ones', () => {
    expect(Object.keys(catalogues).sort()).toEqual(['de', 'en', 'fr']);
    expect(EU_LANGUAGES).toHaveLength(24);
    expect(LANGUAGES.map((l) => l.name)).toEqual(['Deutsch', 'English', 'Français']);
  });

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

  it('offers German and French to browsers that prefer them, whatever the country', () => {
    expect(pickLocale(['de-DE', 'en'])).toBe('de');
    expect(pickLocale(['fr-BE'])).toBe('fr');
    expect(pickLocale(['de-AT', 'fr'])).toBe('de');
  });

  it('falls back to English', () => {
    expect(pickLocale(['xx'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});

describe('initialLocale', () => {
  it('keeps the language chosen earlier in this browser over the browser preference', () => {
    expect(initialLocale('fr', ['de-DE'])).toBe('fr');
    expect(initialLocale(null, ['de-DE'])).toBe('de');
    expect(initialLocale('xx', ['en-GB'])).toBe('en');
  });
});
