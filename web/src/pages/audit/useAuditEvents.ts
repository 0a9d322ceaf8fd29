import { useCallback, useEffect, useRef, useState } from 'react';

import type { AuditEvent, AuditEventsResponse } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';

/** The purpose the data protection officer states when reading or verifying the access log. */
export const AUDIT_PURPOSE = 'data-protection-audit';

/** Events fetched per page. */
export const AUDIT_PAGE_SIZE = 50;

/** Filters of the access log; empty values are not sent. Times are ISO 8601 instants. */
export interface AuditFilters {
  user: string;
  /** A person's record, a document or a file, by its record reference. */
  record: string;
  system: string;
  purpose: string | null;
  from: string | null;
  to: string | null;
}

export const NO_FILTERS: AuditFilters = {
  user: '',
  record: '',
  system: '',
  purpose: null,
  from: null,
  to: null,
};

/** The filters as query parameters of the API (empty ones are left out when sent). */
export function filterQuery(filters: AuditFilters): Record<string, string | null> {
  return {
    user: filters.user.trim(),
    record: filters.record.trim(),
    system: filters.system.trim(),
    purpose: filters.purpose,
    from: filters.from,
    to: filters.to,
  };
}

export interface AuditEventsState {
  events: AuditEvent[];
  nextBefore: number | null;
  /** True while the first page for the current filters is loading. */
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore: () => void;
}

/** Newest first, by chain position, without duplicates if pages overlap because new events arrived. */
function merge(current: AuditEvent[], next: AuditEvent[]): AuditEvent[] {
  const seen = new Set(current.map((e) => e.seq));
  return [...current, ...next.filter((e) => !seen.has(e.seq))].sort((a, b) => b.seq - a.seq);
}

/** Loads the access log page by page (keyset paging on `seq`) for the given filters. */
export function useAuditEvents(filters: AuditFilters): AuditEventsState {
  const { api } = useSession();
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Requests for earlier filters are aborted so that their answers never mix with the current ones.
  const controller = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (before: number | null, signal: AbortSignal) =>
      api<AuditEventsResponse>('/audit/events', {
        purpose: AUDIT_PURPOSE,
        signal,
        query: {
          ...filterQuery(filters),
          limit: AUDIT_PAGE_SIZE,
          before,
        },
      }),
    [api, filters],
  );

  useEffect(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setLoading(true);
    setLoadingMore(false);
    setError(null);
    setEvents([]);
    setNextBefore(null);
    fetchPage(null, current.signal).then(
      (page) => {
        if (!current.signal.aborted) {
          setEvents(merge([], page.events));
          setNextBefore(page.nextBefore);
          setLoading(false);
        }
      },
      (failure: unknown) => {
        if (!current.signal.aborted) {
          setError(failure);
          setLoading(false);
        }
      },
    );
    return () => current.abort();
  }, [fetchPage]);

  const loadMore = useCallback(() => {
    const current = controller.current;
    if (current === null || nextBefore === null || loadingMore) {
      return;
    }
    setLoadingMore(true);
    setError(null);
    fetchPage(nextBefore, current.signal).then(
      (page) => {
        if (!current.signal.aborted) {
          setEvents((existing) => merge(existing, page.events));
          setNextBefore(page.nextBefore);
          setLoadingMore(false);
        }
      },
      (failure: unknown) => {
        if (!current.signal.aborted) {
          setError(failure);
          setLoadingMore(false);
        }
      },
    );
  }, [fetchPage, loadingMore, nextBefore]);

  return { events, nextBefore, loading, loadingMore, error, loadMore };
}
