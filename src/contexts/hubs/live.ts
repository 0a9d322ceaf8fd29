import type { HubHit } from './model.ts';

/** One open live feed: the hub desk (no police-only hits) or the police (every hit). */
export interface LiveSubscriber {
  readonly police: boolean;
  deliver(event: HubHit): void;
}

/**
 * The in-process fan-out of hub hits to the open live feeds (server-sent events). Delivery is synchronous and
 * never blocks the matcher: each feed writes to its own socket and drops itself when the client falls too
 * far behind (see the route). Feeds are per process; with several API nodes each node pushes the hits of the
 * reads it received, so a desk connects to the node its cameras send to.
 */
export class LiveHits {
  readonly #byHub = new Map<string, Set<LiveSubscriber>>();

  subscribe(hubId: string, subscriber: LiveSubscriber): () => void {
    let set = this.#byHub.get(hubId);
    if (set === undefined) {
      set = new Set();
      this.#byHub.set(hubId, set);
    }
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0) {
        this.#byHub.delete(hubId);
      }
    };
  }

  /** Pushes a hit to every feed of its hub that may see it; returns how many feeds got it. */
  publish(event: HubHit): number {
    let delivered = 0;
    for (const s of this.#byHub.get(event.hubId) ?? []) {
      if (s.police || !event.policeOnly) {
        s.deliver(event);
        delivered += 1;
      }
    }
    return delivered;
  }

  /** Number of open feeds on a hub. */
  feeds(hubId: string): number {
    return this.#byHub.get(hubId)?.size ?? 0;
  }
}
