import { DEFAULT_PROFILES, type Actor } from '../../contexts/access/index.ts';
import { DEMO_PORT_HUB_ID, dischargeAtDemoPort } from '../../contexts/hubs/index.ts';
import type { Services } from '../../services.ts';
import type { DemoActors } from './authorities.ts';
import {
  RING_ALERTS,
  RING_OBJECTS,
  RING_PERSON_HITS,
  RING_PREVIOUS_PORTS,
  ringPassages,
  type RingAlert,
} from './plan-ring.ts';

/** What the ring wrote: its alerts by reference, and the gate reads sent. */
export interface WrittenRing {
  alerts: Record<RingAlert['ref'], string>;
  reads: number;
}

/** The desk of a hub's operating authority, sending its cameras' reads. */
function hubDesk(hub: {
  operatorAuthorityId: string;
  operatorAuthorityName: string;
  memberState: string;
}): Actor {
  return {
    kind: 'system',
    userId: null,
    username: 'demo-hub-cameras',
    authorityId: hub.operatorAuthorityId,
    authorityName: hub.operatorAuthorityName,
    authorityType: 'hub-operator',
    memberState: hub.memberState,
    profile: DEFAULT_PROFILES['hub-operator'],
  };
}

/**
 * Plants the smuggling ring of `plan-ring.ts`: the Dutch police enter its alerts with their art. 63 links, a
 * vessel discharges its containers at the demo port before their first read,
 * the cameras of both demo hubs read its truck, trailer and containers on five days (each read matched and
 * its hits reported to SIS as at any gate), and a border guard and a police patrol report hits on two of
 * its persons. Needs the demo hubs.
 */
export async function writeRing(services: Services, actors: DemoActors, today: string): Promise<WrittenRing> {
  const { sis, hubs } = services;
  const police = actors.alerts.get('police.nl')!;
  const ids = {} as Record<RingAlert['ref'], string>;
  for (const a of RING_ALERTS) {
    const { alert } = await sis.createAlert({
      actor: police,
      purpose: 'alert-management',
      alert: { ...a.input, ...(a.linkRefs.length > 0 ? { links: a.linkRefs.map((r) => ids[r]) } : {}) },
    });
    ids[a.ref] = alert.id;
  }
  // The containers came in on one vessel at the demo port, discharged before the truck first took one out:
  // recorded before the reads, so that the gate's hits on them show the vessel.
  const passages = ringPassages(today);
  const firstBoxRead = Math.min(
    ...passages.filter((p) => p.read.container !== undefined).map((p) => Date.parse(p.read.at)),
  );
  if ((await hubs.findHub(DEMO_PORT_HUB_ID)) !== null) {
    await dischargeAtDemoPort(services, RING_OBJECTS.containers, {
      previousPorts: [...RING_PREVIOUS_PORTS],
      before: new Date(firstBoxRead),
      seed: 63,
    });
  }
  let reads = 0;
  for (const p of passages) {
    const hub = await hubs.findHub(p.hubId);
    if (hub === null) {
      continue;
    }
    const { result } = await hubs.ingestBatch({
      actor: hubDesk(hub),
      purpose: 'hub-vehicle-check',
      hubId: hub.id,
      reads: [p.read],
    });
    reads += result.accepted;
  }
  for (const h of RING_PERSON_HITS) {
    const actor = h.by === 'border' ? actors.border.get('NL')! : police;
    await sis.reportHit({
      actor,
      purpose: h.by === 'border' ? 'border-control' : 'police-identity-check',
      alertId: ids[h.ref],
      location: { place: h.place, context: h.context },
      checked: { dataTypes: ['surname', 'givenNames', 'birthDate'], matchedOn: 'name and date of birth' },
    });
  }
  return { alerts: ids, reads };
}
