import { SCHENGEN_STATES } from '../lists/useServerPage.ts';
import placesJson from './geo/places.json' with { type: 'json' };

/** The Schengen states, shaded on the map and offered in the member-state filter. */
export const SCHENGEN: readonly string[] = SCHENGEN_STATES;

/** A crossing point or hub with a known position (from the reference data, by `scripts/barometer-basemap.ts`). */
export interface Place {
  id: string;
  name: string;
  memberState: string;
  kind: string;
  lat: number;
  lon: number;
}

export const BCPS: readonly Place[] = placesJson.bcps;
export const HUBS: readonly Place[] = placesJson.hubs;

/** The place a `bcp:<id>` or `hub:<id>` reference names, if its position is known. */
export function findPlace(ref: string): (Place & { type: 'bcp' | 'hub' }) | undefined {
  const [type, id] = ref.split(':', 2) as ['bcp' | 'hub', string];
  const place = (type === 'bcp' ? BCPS : type === 'hub' ? HUBS : []).find((p) => p.id === id);
  return place === undefined ? undefined : { ...place, type };
}
