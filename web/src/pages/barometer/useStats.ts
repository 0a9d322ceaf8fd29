import { useEffect, useState } from 'react';

import { useSession } from '../../auth/session.tsx';
import { STATS_PURPOSE } from './stats.ts';

/** The state of one statistics request: its answer, or why there is none (yet). */
export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
}

/**
 * Loads `path` with the query from the statistics API under the statistics purpose, again whenever the query
 * changes; an answer to an earlier query that arrives late is dropped (the request is aborted). A null path
 * loads nothing.
 */
export function useStats<T>(path: string | null, query: Record<string, string> | null): Loaded<T> {
  const { api } = useSession();
  const key = path === null ? null : `${path}?${new URLSearchParams(query ?? {}).toString()}`;
  const [state, setState] = useState<Loaded<T> & { key: string | null }>({
    data: null,
    error: null,
    loading: path !== null,
    key: null,
  });
  useEffect(() => {
    if (path === null || key === null) {
      return undefined;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null, key }));
    api<T>(path, { purpose: STATS_PURPOSE, query: query ?? {}, signal: controller.signal }).then(
      (data) => setState({ data, error: null, loading: false, key }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ data: null, error, loading: false, key });
        }
      },
    );
    return () => controller.abort();
    // The key stands for the path and the query: a new query object with the same content loads nothing anew.
  }, [api, key]);
  return {
    data: state.key === key ? state.data : null,
    error: state.error,
    loading: state.loading || state.key !== key,
  };
}
