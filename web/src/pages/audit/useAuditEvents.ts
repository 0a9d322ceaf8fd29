import { useEffect, useRef, useState } from 'react';

import type { AuditEventsResponse } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import type { TableQuerySpec, TableSort } from '../../shell/table/tableQuery.ts';

/** The purpose the data protection officer states when reading or verifying the access log. */
export const AUDIT_PURPOSE = 'data-protection-audit';

/** Events per page. */
export const AUDIT_PAGE_SIZE = 50;

/** Filters of the access log; empty values are not sent. Times are ISO 8601 instants. */
export interface AuditFilters {
  user: string;
  /** A person's record, a document or a file, by its record reference. */
  record: string;
  system: string;
  /** An operation code, e.g. `export` or `auth.login`. */
  operation: string;
  purpose: string | null;
  from: string | null;
  to: string | null;
}

export const NO_FILTERS: AuditFilters = {
  user: '',
  record: '',
  system: '',
  operation: '',
  purpose: null,
  from: null,
  to: null,
};

type FilterName = keyof AuditFilters;

/** The log's state in the URL: `#/audit?user=…&operation=export&sort=user&order=asc&page=2`. */
export const AUDIT_TABLE: TableQuerySpec<FilterName> = {
  filters: ['user', 'record', 'system', 'operation', 'purpose', 'from', 'to'],
  sortable: ['time', 'user', 'purpose', 'operation', 'system', 'outcome'],
  defaultSort: { column: 'time', direction: 'desc' },
};

/** The filters as the URL holds them (null for none) → the form's values. */
export function filtersOf(values: Readonly<Record<FilterName, string | null>>): AuditFilters {
  return {
    user: values.user ?? '',
    record: values.record ?? '',
    system: values.system ?? '',
    operation: values.operation ?? '',
    purpose: values.purpose,
    from: values.from,
    to: values.to,
  };
}

/** The filters as query parameters of the API and the URL (empty ones are left out when sent). */
export function filterQuery(filters: AuditFilters): Record<FilterName, string | null> {
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    user: text(filters.user),
    record: text(filters.record),
    system: text(filters.system),
    operation: text(filters.operation),
    purpose: filters.purpose,
    from: filters.from,
    to: filters.to,
  };
}

export interface AuditEventsState {
  data: AuditEventsResponse | null;
  loading: boolean;
  error: unknown;
}

/** Loads one page of the access log, sorted and filtered by the server. */
export function useAuditEvents(filters: AuditFilters, sort: TableSort, page: number): AuditEventsState {
  const { api } = useSession();
  const [data, setData] = useState<AuditEventsResponse | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const query = JSON.stringify([filterQuery(filters), sort, page]);
  // Every read of the log is logged, so the log grows while it is paged. Later pages are bounded by the
  // newest event the first page counted (per filters and order), so rows never shift between pages.
  const bound = useRef<{ key: string; before: number } | null>(null);

  useEffect(() => {
    const [f, s, p] = JSON.parse(query) as [Record<string, string | null>, TableSort, number];
    const key = JSON.stringify([f, s]);
    const before = p > 1 && bound.current?.key === key ? bound.current.before : null;
    // Answers for an earlier state are dropped so that they never mix with the current one.
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api<AuditEventsResponse>('/audit/events', {
      purpose: AUDIT_PURPOSE,
      signal: controller.signal,
      query: {
        ...f,
        sort: s.column,
        order: s.direction,
        limit: AUDIT_PAGE_SIZE,
        offset: (p - 1) * AUDIT_PAGE_SIZE,
        before,
      },
    }).then(
      (answer) => {
        if (before === null) {
          bound.current = answer.latestSeq === null ? null : { key, before: answer.latestSeq + 1 };
        }
        setData(answer);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) {
          setError(failure);
          setLoading(false);
        }
      },
    );
    return () => controller.abort();
  }, [api, query]);

  return { data, loading, error };
}
