import { useEffect, useState } from 'react';

import type { RequestOptions } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';

/** Rows per page of the server-paged lists (SIS hits, review queue, overstayers, hub hits). */
export const PAGE_SIZE = 25;

/** The `limit`/`offset` of a 1-based page. */
export function pageQuery(page: number): { limit: number; offset: number } {
  return { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
}

/**
 * One page of a list the server sorts, filters and pages: fetched again whenever the query changes, the last
 * answer kept on screen while the next one loads (the table shows its loading state over it). `reload` asks
 * again with the same query (after an action changed a row), as does a change of `refresh` (e.g. a live feed's
 * list of hits).
 */
export function useServerPage<T>(
  path: string,
  purpose: string,
  query: RequestOptions['query'],
  refresh?: unknown,
): { data: T | null; loading: boolean; error: unknown; reload: () => void } {
  const { api } = useSession();
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  const key = JSON.stringify(query ?? {});

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api<T>(path, {
      purpose,
      signal: controller.signal,
      query: JSON.parse(key) as RequestOptions['query'],
    }).then(
      (answer) => {
        setData(answer);
        setLoading(false);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) {
          setError(e);
          setLoading(false);
        }
      },
    );
    return () => controller.abort();
  }, [api, path, purpose, key, round, refresh]);

  return { data, loading, error, reload: () => setRound((r) => r + 1) };
}

/** States whose crossing points and SIRENE Bureaux take part in SIS and the EES (the Schengen area). */
export const SCHENGEN_STATES = [
  'AT', 'BE', 'BG', 'CH', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IS', 'IT', 'LI', 'LT',
  'LU', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const; // prettier-ignore
