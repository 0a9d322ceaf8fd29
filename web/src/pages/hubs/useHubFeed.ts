import { useCallback, useEffect, useMemo, useState } from 'react';

import { ApiError, apiRequest } from '../../api/client.ts';
import { streamEvents } from '../../api/sse.ts';
import type { HubHit, HubHitsResponse } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { mergeHits, parseHitEvent } from './hitFeed.ts';

/** Purpose of every hub desk request. */
export const HUB_PURPOSE = 'hub-vehicle-check';

/** How long to wait before reconnecting a live feed that ended. */
const RETRY_MS = 3_000;

export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'failed';

export interface HubFeed {
  hits: HubHit[];
  status: FeedStatus;
  error: unknown;
  /** The newest hit that arrived live (not one loaded on open), for the screen-reader announcement. */
  latest: HubHit | null;
  /** How many new hits arrived live since the hub was opened (a changed hit is not a new one). */
  arrivals: number;
  /** Puts a hit changed at this desk (acknowledged, assigned, dismissed) in the list at once. */
  update: (hit: HubHit) => void;
}

/**
 * The desk's hits of one hub: the recent ones loaded when the hub is opened, then each new one pushed by the
 * server-sent event feed. The feed is read with `fetch` (EventSource cannot send the bearer token and purpose
 * headers). When the feed ends or the server drops a desk that fell behind, it reconnects and reloads the
 * recent hits, so none is missed.
 */
export function useHubFeed(hubId: string | null): HubFeed {
  const { token, signOut } = useSession();
  const [feed, setFeed] = useState<Omit<HubFeed, 'update'>>({
    hits: [],
    status: 'connecting',
    error: null,
    latest: null,
    arrivals: 0,
  });
  const update = useCallback((hit: HubHit) => setFeed((f) => ({ ...f, hits: mergeHits(f.hits, [hit]) })), []);

  useEffect(() => {
    if (hubId === null) {
      return;
    }
    setFeed({ hits: [], status: 'connecting', error: null, latest: null, arrivals: 0 });
    const controller = new AbortController();
    const { signal } = controller;
    const path = `/hubs/${encodeURIComponent(hubId)}`;
    const options = { token, purpose: HUB_PURPOSE, signal };
    let timer: ReturnType<typeof setTimeout> | null = null;

    const fail = (error: unknown): boolean => {
      if (signal.aborted) {
        return true;
      }
      if (error instanceof ApiError && error.status === 401) {
        signOut();
        return true;
      }
      // A refusal (no such hub, no permission) will not get better by retrying.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        setFeed((f) => ({ ...f, status: 'failed', error }));
        return true;
      }
      return false;
    };

    const loadRecent = async () => {
      const answer = await apiRequest<HubHitsResponse>(`${path}/hits`, { ...options, query: { limit: 50 } });
      if (!signal.aborted) {
        setFeed((f) => ({ ...f, hits: mergeHits(f.hits, answer.hits) }));
      }
    };

    const connect = async (): Promise<void> => {
      try {
        await loadRecent();
        await streamEvents(`${path}/hits/live`, options, (event) => {
          if (signal.aborted) {
            return;
          }
          if (event.event === 'ready') {
            setFeed((f) => ({ ...f, status: 'live', error: null }));
          } else if (event.event === 'hit') {
            const hit = parseHitEvent(event.data);
            if (hit !== null) {
              // A hit already shown comes again when it changes (handled, or its vehicle read again).
              setFeed((f) =>
                f.hits.some((h) => h.hitId === hit.hitId)
                  ? { ...f, hits: mergeHits(f.hits, [hit]) }
                  : { ...f, hits: mergeHits(f.hits, [hit]), latest: hit, arrivals: f.arrivals + 1 },
              );
            }
          }
        });
      } catch (error) {
        if (fail(error)) {
          return;
        }
      }
      if (!signal.aborted) {
        setFeed((f) => ({ ...f, status: 'reconnecting' }));
        timer = setTimeout(() => void connect(), RETRY_MS);
      }
    };
    void connect();
    return () => {
      controller.abort();
      if (timer !== null) {
        clearTimeout(timer);
      }
    };
  }, [hubId, token, signOut]);

  return useMemo(() => ({ ...feed, update }), [feed, update]);
}
