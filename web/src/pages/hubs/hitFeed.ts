import type { HubHit } from '../../api/types.ts';

/** At most this many hits are kept on the desk; older ones stay in the hub's records. */
export const MAX_SHOWN = 200;

/**
 * Adds hits to the desk's list: each hit once (a hit can come both in the list loaded on open and in the
 * live feed), newest first by the time the server received its read, at most {@link MAX_SHOWN}.
 */
export function mergeHits(current: readonly HubHit[], incoming: readonly HubHit[]): HubHit[] {
  const byId = new Map<string, HubHit>();
  for (const h of [...current, ...incoming]) {
    byId.set(h.hitId, h);
  }
  return [...byId.values()]
    .sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt) || b.hitId.localeCompare(a.hitId))
    .slice(0, MAX_SHOWN);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Reads the data of a `hit` event; null when it is not a hit the desk can show. */
export function parseHitEvent(data: string): HubHit | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (
    !isRecord(value) ||
    typeof value.hitId !== 'string' ||
    typeof value.matchedText !== 'string' ||
    typeof value.whatToDo !== 'string' ||
    typeof value.receivedAt !== 'string'
  ) {
    return null;
  }
  // A police-only hit (a discreet check) must never be shown at the desk, whatever the feed sends.
  if (value.policeOnly === true || value.discreet === true) {
    return null;
  }
  return value as unknown as HubHit;
}
