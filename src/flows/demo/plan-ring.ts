import { containerCheckDigit, type AlertInput } from '../../contexts/sis/index.ts';
import type { PlateRead } from '../../contexts/hubs/index.ts';
import { PlanCalendar } from './calendar.ts';

const box = (ownerAndSerial: string) => `${ownerAndSerial}${containerCheckDigit(ownerAndSerial)}`;

/** The smuggling ring's truck, trailer and containers, as the gate cameras read them. */
export const RING_OBJECTS = Object.freeze({
  truck: { plate: '28-VZK-4', country: 'NLD' },
  trailer: { plate: 'OV-29-ZR', country: 'NLD' },
  containers: [box('TGHU482913'), box('SEGU730215')] as const,
});

/** One alert of the ring: its reference, the alert, and the earlier alerts of the ring it is linked to. */
export interface RingAlert {
  ref: 'V' | 'T' | 'C1' | 'C2' | 'P1' | 'P2' | 'P3' | 'P4';
  input: AlertInput;
  /** Art. 63 links to alerts entered before it. */
  linkRefs: ReadonlyArray<RingAlert['ref']>;
}

const discreetObject = (
  type: 'motor-vehicle' | 'trailer' | 'container',
  identifier: { kind: 'plate' | 'container'; value: string; country?: string },
  details: { make?: string; model?: string; colour?: string; description?: string },
  reason: string,
): AlertInput => ({
  category: 'object-check',
  checkType: 'discreet',
  object: { type, identifiers: [identifier], ...details },
  reason,
  decisionRef: 'OM-RTM-2026-0417',
});

/**
 * A small cocaine-smuggling ring under one Dutch investigation (decision OM-RTM-2026-0417), entered by the
 * Dutch police and linked under 2018/1862 art. 63: a tractor unit, its reefer trailer and two containers
 * under discreet check (art. 36), the organiser and an accomplice wanted for arrest (art. 26), the driver
 * under a discreet check and a freight forwarder under a specific check (art. 36). The truck's alert is the
 * one every other is linked to: the ring's hub of activity.
 */
export const RING_ALERTS: readonly RingAlert[] = Object.freeze([
  {
    ref: 'V',
    input: discreetObject(
      'motor-vehicle',
      { kind: 'plate', value: RING_OBJECTS.truck.plate, country: RING_OBJECTS.truck.country },
      { make: 'DAF', model: 'XF 530', colour: 'dark blue', description: 'Tractor unit' },
      'Discreet check: tractor unit used to move cocaine from the port to inland terminals; record route, load and driver',
    ),
    linkRefs: [],
  },
  {
    ref: 'T',
    input: discreetObject(
      'trailer',
      { kind: 'plate', value: RING_OBJECTS.trailer.plate, country: RING_OBJECTS.trailer.country },
      { make: 'Krone', description: 'Container chassis' },
      'Discreet check: container chassis pulled by the tractor unit of the same investigation',
    ),
    linkRefs: ['V'],
  },
  {
    ref: 'C1',
    input: discreetObject(
      'container',
      { kind: 'container', value: RING_OBJECTS.containers[0] },
      { description: '40 ft reefer' },
      'Discreet check: reefer container suspected of carrying cocaine in a rip-on/rip-off load',
    ),
    linkRefs: ['V'],
  },
  {
    ref: 'C2',
    input: discreetObject(
      'container',
      { kind: 'container', value: RING_OBJECTS.containers[1] },
      { description: '40 ft reefer' },
      'Discreet check: reefer container of the same consignee, suspected of concealment',
    ),
    linkRefs: ['V'],
  },
  {
    ref: 'P1',
    input: {
      category: 'arrest',
      person: {
        surname: 'DE WAARD',
        givenNames: 'RONALD',
        birthDate: '1971-08-23',
        sex: 'M',
        nationalities: ['NLD'],
      },
      warningMarkers: ['armed'],
      reason: 'European Arrest Warrant: organising the importation of cocaine (organised crime)',
      decisionRef: 'EAW-NL-2026-0388',
    },
    linkRefs: ['V'],
  },
  {
    ref: 'P2',
    input: {
      category: 'check',
      checkType: 'discreet',
      person: {
        surname: 'KOVAC',
        givenNames: 'MARKO',
        birthDate: '1985-02-14',
        sex: 'M',
        nationalities: ['HRV'],
      },
      reason:
        'Discreet check: driver of the tractor unit of the same investigation; record route and contacts',
      decisionRef: 'OM-RTM-2026-0417',
    },
    linkRefs: ['V'],
  },
  {
    ref: 'P3',
    input: {
      category: 'check',
      checkType: 'specific',
      person: {
        surname: 'BRANDT',
        givenNames: 'SABINE',
        birthDate: '1979-11-02',
        sex: 'F',
        nationalities: ['DEU'],
      },
      reason: 'Specific check: freight forwarder booking the containers of the same investigation',
      decisionRef: 'OM-RTM-2026-0417',
    },
    linkRefs: ['C1', 'C2'],
  },
  {
    ref: 'P4',
    input: {
      category: 'arrest',
      person: {
        surname: 'EL AMRANI',
        givenNames: 'YOUSSEF',
        birthDate: '1990-06-30',
        sex: 'M',
        nationalities: ['BEL'],
      },
      reason: 'European Arrest Warrant: extraction of cocaine from containers in the port (organised crime)',
      decisionRef: 'EAW-NL-2026-0391',
    },
    linkRefs: ['P1', 'V'],
  },
]);

/** The ports the vessel that brought the ring's containers called at before Antwerp-Bruges, the latest first. */
export const RING_PREVIOUS_PORTS = Object.freeze(['MAPTM', 'PAMIT', 'ECGYE'] as const);

/** One passage of the ring's truck through a demo hub gate. */
export interface RingPassage {
  hubId: 'be-antwerp-bruges' | 'de-duisburg-gateway';
  read: PlateRead;
}

/**
 * The truck and its trailer carrying the containers through both demo hubs, on five days of the last week
 * (a gate read may be at most seven days old): out of the port of Antwerp-Bruges with the first container,
 * into the Duisburg terminal the next day; again two days later with the second container; and back out of
 * Duisburg empty.
 */
export function ringPassages(today: string): RingPassage[] {
  const cal = new PlanCalendar(today);
  const { truck, trailer, containers } = RING_OBJECTS;
  const read = (
    day: number,
    time: string,
    gateId: string,
    direction: 'in' | 'out',
    container: string | null,
  ): PlateRead => ({
    id: `ring-${day}-${gateId}`,
    at: `${cal.day(day)}T${time}:00Z`,
    gateId,
    direction,
    country: truck.country,
    plate: { text: truck.plate, confidence: 0.97 },
    trailer: { text: trailer.plate, country: trailer.country, confidence: 0.93 },
    ...(container === null ? {} : { container: { text: container, confidence: 0.95 } }),
  });
  return [
    { hubId: 'be-antwerp-bruges', read: read(-6, '09:12', 'kallo', 'out', containers[0]) },
    { hubId: 'de-duisburg-gateway', read: read(-5, '06:40', 'logport', 'in', containers[0]) },
    { hubId: 'be-antwerp-bruges', read: read(-3, '14:05', 'kallo', 'out', containers[1]) },
    { hubId: 'de-duisburg-gateway', read: read(-2, '08:30', 'ruhrort', 'in', containers[1]) },
    { hubId: 'de-duisburg-gateway', read: read(-1, '16:20', 'logport', 'out', null) },
  ];
}

/** Hits on the ring's persons: where, and who checked (2018/1862 art. 37 information collected). */
export const RING_PERSON_HITS = Object.freeze([
  {
    ref: 'P1' as const,
    by: 'border' as const,
    place: 'NL-AMS',
    context: 'first-line check, arrival from Casablanca',
  },
  {
    ref: 'P2' as const,
    by: 'police' as const,
    place: 'A67 Venlo, road check near the German border',
    context: 'road check of the tractor unit 28-VZK-4',
  },
]);

/** How the ring is described in the demo world's things to try. */
export const RING_SUMMARY = {
  persons:
    'Ronald de Waard, Youssef El Amrani (arrest), Marko Kovac (discreet check), Sabine Brandt (specific check)',
  objects: `tractor unit ${RING_OBJECTS.truck.plate}, trailer ${RING_OBJECTS.trailer.plate}, containers ${RING_OBJECTS.containers.join(' and ')}`,
};
