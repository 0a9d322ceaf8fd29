import { compactIdentifier } from '../sis/index.ts';
import type { HubsContext } from './context.ts';
import { presentHub } from './hub-input.ts';
import type { HubHitEvent, HubKind, PlateRead } from './model.ts';

/** What a gate camera read, compacted: the vehicle's plate, its trailer's, the container number. */
export interface NetworkReadObjects {
  plate: string | null;
  trailer: string | null;
  container: string | null;
}

/** One passage through a hub gate: a hit (the hub's record of a match) or a read its policy kept. */
export interface NetworkPassage {
  id: string;
  hubId: string;
  gateId: string;
  direction: string;
  at: string;
  objects: NetworkReadObjects;
  /** A hit: the alert, the part of the read that matched and the identifier stored in the alert. */
  hit: {
    alertId: string;
    sisHitId: string | null;
    field: HubHitEvent['field'];
    storedText: string;
    readCount: number;
    lastReadAt: string;
    policeOnly: boolean;
  } | null;
}

export interface HubsNetworkFacts {
  hubs: Array<{ id: string; name: string; kind: HubKind; memberState: string; locode: string | null }>;
  passages: NetworkPassage[];
  truncated: boolean;
}

const compact = (t: { text: string } | undefined): string | null => {
  const v = t === undefined ? '' : compactIdentifier(t.text);
  return v === '' ? null : v;
};

const objectsOf = (read: PlateRead): NetworkReadObjects => ({
  plate: compact(read.plate),
  trailer: compact(read.trailer),
  container: compact(read.container),
});

/**
 * The hub passages of `[from, to)` that the network map draws (issue 17: a container's route through ports
 * and terminals): every hit, and the plain reads a hub's policy keeps, of the objects in `objects` only
 * (compacted identifiers; reads of other vehicles are not read out). Internal: the network flow checks
 * access and logs the answer.
 */
export async function networkFacts(
  ctx: HubsContext,
  query: { from: Date; to: Date; objects: ReadonlySet<string>; limit: number },
): Promise<HubsNetworkFacts> {
  const db = ctx.database.db;
  const [hubs, hits, reads] = await Promise.all([
    ctx.repo.listHubs(db),
    ctx.repo.hitsBetween(db, query.from, query.to, query.limit + 1),
    ctx.repo.readsBetween(db, query.from, query.to),
  ]);
  const passages: NetworkPassage[] = [];
  for (const h of hits.slice(0, query.limit)) {
    const event = h.event as HubHitEvent;
    passages.push({
      id: h.id,
      hubId: h.hub_id,
      gateId: event.gateId,
      direction: event.direction,
      at: h.read_at.toISOString(),
      objects: objectsOf(h.read as PlateRead),
      hit: {
        alertId: h.alert_id,
        sisHitId: h.sis_hit_id,
        field: event.field,
        storedText: event.storedText,
        readCount: h.read_count,
        lastReadAt: h.last_read_at.toISOString(),
        policeOnly: h.police_only,
      },
    });
  }
  let kept = 0;
  for (const r of reads) {
    const read = r.read as PlateRead;
    const objects = objectsOf(read);
    const wanted = [objects.plate, objects.trailer, objects.container].some(
      (o) => o !== null && query.objects.has(o),
    );
    if (wanted && kept < query.limit) {
      kept += 1;
      passages.push({
        id: r.id,
        hubId: r.hub_id,
        gateId: read.gateId,
        direction: read.direction,
        at: r.read_at.toISOString(),
        objects,
        hit: null,
      });
    }
  }
  return {
    hubs: hubs.map((row) => {
      const hub = presentHub(row);
      return { id: hub.id, name: hub.name, kind: hub.kind, memberState: hub.memberState, locode: hub.locode };
    }),
    passages: passages.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1)),
    truncated: hits.length > query.limit || kept >= query.limit,
  };
}
