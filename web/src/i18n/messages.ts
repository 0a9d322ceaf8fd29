import en from '../messages/en.json' with { type: 'json' };

/** Every message id of the user interface; the English catalogue is the reference all others follow. */
export type MessageId = keyof typeof en;

export type Catalogue = Record<MessageId, string>;

/** Languages the interface is offered in. Add a language by adding `messages/<code>.json` and a line here. */
export const catalogues: Readonly<Record<string, Catalogue>> = { en };

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
