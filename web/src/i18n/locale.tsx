import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import { catalogues, DEFAULT_LOCALE, pickLocale } from './messages.ts';

const STORAGE_KEY = 'interlink.locale';

/** The interface language and the way to change it (the choice is kept in this browser). */
interface LocaleState {
  locale: string;
  setLocale: (locale: string) => void;
}

const LocaleContext = createContext<LocaleState>({ locale: DEFAULT_LOCALE, setLocale: () => undefined });

/**
 * The language to start in: the one chosen earlier in this browser, else the browser's preferred languages
 * (`navigator.languages`), else English.
 */
export function initialLocale(stored: string | null, preferred: readonly string[]): string {
  return stored !== null && stored in catalogues ? stored : pickLocale(preferred);
}

function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function LocaleProvider({ children }: { children: (locale: string) => ReactNode }) {
  const [locale, setState] = useState(() => initialLocale(readStored(), navigator.languages));
  const setLocale = useCallback((next: string) => {
    if (!(next in catalogues)) {
      return;
    }
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private windows may refuse storage: the choice then lasts until the page is reloaded.
    }
    setState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  useEffect(() => {
    // Screen readers and the browser's hyphenation and spell-checking follow the page's language.
    document.documentElement.lang = locale;
  }, [locale]);
  return <LocaleContext.Provider value={value}>{children(locale)}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}
