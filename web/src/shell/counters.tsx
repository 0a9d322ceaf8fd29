import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

import type { CounterId, HomeCounter, HomeCountersResponse } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';

/** How often the figures are asked again while the app is open; they are also asked when the window regains focus. */
export const COUNTERS_REFRESH_MS = 60_000;

export interface CountersState {
  /** The figures of the signed-in role, or null until the first answer. */
  counters: HomeCounter[] | null;
  /** The last failure, cleared by the next answer. */
  error: unknown;
  /** Asks again now (e.g. when the home screen opens). */
  refresh: () => void;
}

const CountersContext = createContext<CountersState>({ counters: null, error: null, refresh: () => {} });

/**
 * Loads the role's counters once for the whole shell (the home cards and the navigation badges read the same
 * answer), again every {@link COUNTERS_REFRESH_MS} and whenever the window regains focus.
 */
export function CountersProvider({ children }: { children: ReactNode }) {
  const { api } = useSession();
  const [counters, setCounters] = useState<HomeCounter[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    api<HomeCountersResponse>('/home/counters', { signal: controller.signal }).then(
      (answer) => {
        setCounters(answer.counters);
        setError(null);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) {
          setError(e);
        }
      },
    );
  }, [api]);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, COUNTERS_REFRESH_MS);
    window.addEventListener('focus', refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
      inFlight.current?.abort();
    };
  }, [refresh]);

  return <CountersContext.Provider value={{ counters, error, refresh }}>{children}</CountersContext.Provider>;
}

export function useCounters(): CountersState {
  return useContext(CountersContext);
}

/** The counter with this id, if the role has it. */
export function counterOf(counters: readonly HomeCounter[] | null, id: CounterId): HomeCounter | undefined {
  return counters?.find((c) => c.id === id);
}
