import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import { useIntl } from 'react-intl';

import { ApiError, apiRequest, type RequestOptions } from '../api/client.ts';
import type { LoginResponse, Purpose, PurposesResponse, SessionUser } from '../api/types.ts';
import type { MessageId } from '../i18n/messages.ts';
import { purposeLabel } from '../i18n/serverText.ts';
import {
  clearStoredSession,
  readStoredPurpose,
  readStoredSession,
  storePurpose,
  storeSession,
} from './storage.ts';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signed-out'; notice: MessageId | null }
  | { status: 'signed-in'; token: string; expiresAt: string; user: SessionUser };

/** A signed-in session as screens see it. */
export interface Session {
  token: string;
  user: SessionUser;
  /** Purposes the user may declare, with their labels, in the order the API lists them. */
  allowedPurposes: Purpose[];
  /** Labels of all purposes by code, for showing the purposes recorded in logs. */
  purposeLabels: ReadonlyMap<string, string>;
  /** The purpose chosen in the header, sent with requests of screens that do not fix their own. */
  purpose: string | null;
  setPurpose: (purpose: string | null) => void;
  signOut: () => void;
  /** Calls the API as this user; a refused token ends the session. */
  api: <T>(path: string, options?: Omit<RequestOptions, 'token'>) => Promise<T>;
}

interface AuthContextValue {
  state: SessionState;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: (notice?: MessageId | null) => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);
const SessionContext = createContext<Session | null>(null);

/** Holds the sign-in state of the tab and restores it from sessionStorage after a reload. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>(() =>
    readStoredSession() === null ? { status: 'signed-out', notice: null } : { status: 'restoring' },
  );

  const signOut = useCallback((notice: MessageId | null = null) => {
    clearStoredSession();
    setState({ status: 'signed-out', notice });
  }, []);

  useEffect(() => {
    const stored = readStoredSession();
    if (stored === null) {
      return;
    }
    if (Date.parse(stored.expiresAt) <= Date.now()) {
      signOut('error.sessionExpired');
      return;
    }
    const controller = new AbortController();
    apiRequest<SessionUser>('/auth/me', { token: stored.token, signal: controller.signal }).then(
      (user) => setState({ status: 'signed-in', token: stored.token, expiresAt: stored.expiresAt, user }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          signOut(
            error instanceof ApiError && error.unreachable ? 'error.unreachable' : 'error.sessionExpired',
          );
        }
      },
    );
    return () => controller.abort();
  }, [signOut]);

  // End the session in the interface when the token expires, rather than on the next refused request.
  const expiresAt = state.status === 'signed-in' ? state.expiresAt : null;
  useEffect(() => {
    if (expiresAt === null) {
      return;
    }
    const remaining = Date.parse(expiresAt) - Date.now();
    // setTimeout cannot wait longer than about 24.8 days; a longer token is checked again on reload.
    if (!Number.isFinite(remaining) || remaining > 2_147_000_000) {
      return;
    }
    const timer = setTimeout(() => signOut('error.sessionExpired'), Math.max(remaining, 0));
    return () => clearTimeout(timer);
  }, [expiresAt, signOut]);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await apiRequest<LoginResponse>('/auth/login', {
      method: 'POST',
      body: { username, password },
    });
    storeSession({ token: answer.token, expiresAt: answer.expiresAt });
    setState({ status: 'signed-in', token: answer.token, expiresAt: answer.expiresAt, user: answer.user });
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (value === null) {
    throw new Error('useAuth must be used inside <AuthProvider>');
  }
  return value;
}

/**
 * Provides the signed-in {@link Session} to the screens: loads the purpose list and keeps the purpose chosen
 * in the header across reloads of the tab.
 */
export function SessionProvider({
  token,
  user,
  children,
}: {
  token: string;
  user: SessionUser;
  children: ReactNode;
}) {
  const { signOut } = useAuth();
  const intl = useIntl();
  const [allPurposes, setAllPurposes] = useState<Purpose[]>([]);
  const [chosen, setChosen] = useState<string | null>(() => readStoredPurpose());

  const api = useCallback(
    async <T,>(path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<T> => {
      try {
        return await apiRequest<T>(path, { ...options, token });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          signOut('error.sessionExpired');
        }
        throw error;
      }
    },
    [token, signOut],
  );

  useEffect(() => {
    const controller = new AbortController();
    api<PurposesResponse>('/access/purposes', { signal: controller.signal }).then(
      (answer) => setAllPurposes(answer.purposes),
      // Without the list the purposes are shown by their codes; the screens still work.
      () => undefined,
    );
    return () => controller.abort();
  }, [api]);

  const session = useMemo<Session>(() => {
    // Labels in the interface language by their stable codes; the server's English for a code not translated.
    const purposeLabels = new Map(allPurposes.map((p) => [p.code, purposeLabel(intl, p.code, p.label)]));
    const allowedPurposes = user.purposes.map((code) => ({
      code,
      label: purposeLabels.get(code) ?? purposeLabel(intl, code),
    }));
    // A stored choice that this user may not use (e.g. after signing in as someone else) is dropped.
    const valid = user.purposes.find((p) => p === chosen) ?? null;
    const purpose = valid ?? (user.purposes.length === 1 ? (user.purposes[0] ?? null) : null);
    return {
      token,
      user,
      allowedPurposes,
      purposeLabels,
      purpose,
      setPurpose: (next) => {
        storePurpose(next);
        setChosen(next);
      },
      signOut: () => {
        // The server ends the token too; the tab is signed out whether or not that call succeeds.
        apiRequest<null>('/auth/logout', { method: 'POST', token }).then(
          () => undefined,
          () => undefined,
        );
        signOut();
      },
      api,
    };
  }, [allPurposes, api, chosen, intl, signOut, token, user]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The signed-in session; only screens inside the app shell may call this. */
export function useSession(): Session {
  const value = useContext(SessionContext);
  if (value === null) {
    throw new Error('useSession must be used inside <SessionProvider>');
  }
  return value;
}
