import de from '../messages/de.json' with { type: 'json' };
import en from '../messages/en.json' with { type: 'json' };
import fr from '../messages/fr.json' with { type: 'json' };

/** Every message id of the user interface; the English catalogue is the reference all others follow. */
export type MessageId = keyof typeof en;

export type Catalogue = Record<MessageId, string>;

/**
 * The 24 official languages of the EU, each in its own name; `catalogue` marks those the interface is offered in.
 * Add a language by writing `messages/<code>.json` (the same ids as `en.json`: a test fails on a missing one)
 * and registering it in `catalogues` below.
 */
export const EU_LANGUAGES = [
  { code: 'bg', name: 'Български' },
  { code: 'cs', name: 'Čeština' },
  { code: 'da', name: 'Dansk' },
  { code: 'de', name: 'Deutsch' },
  { code: 'el', name: 'Ελληνικά' },
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
  { code: 'et', name: 'Eesti' },
  { code: 'fi', name: 'Suomi' },
  { code: 'fr', name: 'Français' },
  { code: 'ga', name: 'Gaeilge' },
  { code: 'hr', name: 'Hrvatski' },
  { code: 'hu', name: 'Magyar' },
  { code: 'it', name: 'Italiano' },
  { code: 'lt', name: 'Lietuvių' },
  { code: 'lv', name: 'Latviešu' },
  { code: 'mt', name: 'Malti' },
  { code: 'nl', name: 'Nederlands' },
  { code: 'pl', name: 'Polski' },
  { code: 'pt', name: 'Português' },
  { code: 'ro', name: 'Română' },
  { code: 'sk', name: 'Slovenčina' },
  { code: 'sl', name: 'Slovenščina' },
  { code: 'sv', name: 'Svenska' },
] as const;

/** Languages the interface is offered in. */
export const catalogues: Readonly<Record<string, Catalogue>> = { en, de, fr };

/** The languages with a catalogue, for the language switch, in their own names. */
export const LANGUAGES = EU_LANGUAGES.filter((l) => Object.hasOwn(catalogues, l.code));

export const DEFAULT_LOCALE = 'en';

/** Whether a computed key (e.g. `authorityType.${type}`) names a message of the catalogue. */
export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(en, id);
}

/**
 * Chooses the interface language from the browser's preferences, falling back to English. Only the
 * language subtag is compared, since the catalogues are per language, not per country.
 */
export function pickLocale(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const language = tag.split('-')[0]?.toLowerCase();
    if (language !== undefined && language in catalogues) {
      return language;
    }
  }
  return DEFAULT_LOCALE;
}

declare global {
  // react-intl reads this interface to type-check message ids at every call site.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace FormatjsIntl {
    interface Message {
      ids: MessageId;
    }
  }
}
