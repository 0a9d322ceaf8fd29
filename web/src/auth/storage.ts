/** What is kept of a sign-in in the tab's sessionStorage: it ends with the tab, and is never shared across tabs. */
export interface StoredSession {
  token: string;
  expiresAt: string;
}

const SESSION_KEY = 'interlink.session';
const PURPOSE_KEY = 'interlink.purpose';

export function readStoredSession(): StoredSession | null {
  const raw = sessionStorage.getItem(SESSION_KEY);
  if (raw === null) {
    return null;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.token === 'string' && typeof parsed.expiresAt === 'string') {
      return { token: parsed.token, expiresAt: parsed.expiresAt };
    }
  } catch {
    // A damaged entry is treated as no sign-in.
  }
  sessionStorage.removeItem(SESSION_KEY);
  return null;
}

export function storeSession(session: StoredSession): void {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearStoredSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
  sessionStorage.removeItem(PURPOSE_KEY);
}

export function readStoredPurpose(): string | null {
  return sessionStorage.getItem(PURPOSE_KEY);
}

export function storePurpose(purpose: string | null): void {
  if (purpose === null) {
    sessionStorage.removeItem(PURPOSE_KEY);
  } else {
    sessionStorage.setItem(PURPOSE_KEY, purpose);
  }
}
