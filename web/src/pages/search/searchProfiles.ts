import { useEffect, useState } from 'react';

import { ApiError } from '../../api/client.ts';
import type { QueryField, SearchProfile, SearchProfilesResponse } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';

export type { QueryField };

type Group = { id: 'identity' | 'document' | 'vehicle'; fields: readonly QueryField[] };

/** Each query field once: the compiler refuses the groups when a field of the API is missing or unknown. */
const everyFieldOnce = <const G extends readonly Group[]>(
  groups: G & ([QueryField] extends [G[number]['fields'][number]] ? unknown : never),
): G => groups;

/** How the form groups the fields (layout only: which fields it shows is the profile's answer). */
export const FIELD_GROUPS = everyFieldOnce([
  { id: 'identity', fields: ['surname', 'givenNames', 'birthDate', 'sex', 'nationality'] },
  { id: 'document', fields: ['documentNumber', 'documentIssuingState'] },
  { id: 'vehicle', fields: ['plate', 'plateCountry', 'vin', 'containerNumber'] },
]);

/** The part of a search profile the form needs: the purpose it runs under, its fields and its systems. */
export interface SearchProfileView {
  purpose: string;
  queryFields: readonly QueryField[];
  /** Systems the portal consults for this profile (those it shall and those it may consult). */
  systems: readonly string[];
}

const viewOf = (p: SearchProfile): SearchProfileView => ({
  purpose: p.purpose,
  queryFields: p.queryFields,
  systems: [...p.shall, ...p.may],
});

/**
 * The caller's search profile (Regulation (EU) 2019/817 Art. 9) from `GET /search/profile`: `profile` is null
 * while loading and when the caller has none (then no personal data are shown through the portal).
 */
export function useSearchProfile(): { loading: boolean; profile: SearchProfileView | null; error: unknown } {
  const { api } = useSession();
  const [state, setState] = useState<{ loading: boolean; profile: SearchProfileView | null; error: unknown }>(
    { loading: true, profile: null, error: null },
  );
  useEffect(() => {
    const controller = new AbortController();
    api<SearchProfilesResponse>('/search/profile', { signal: controller.signal }).then(
      (r) => {
        const first = r.profiles[0];
        setState({ loading: false, profile: first === undefined ? null : viewOf(first), error: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          // A user who may not search at all has no profile, which the page says in its own words.
          const none = error instanceof ApiError && error.status === 403;
          setState({ loading: false, profile: null, error: none ? null : error });
        }
      },
    );
    return () => controller.abort();
  }, [api]);
  return state;
}
