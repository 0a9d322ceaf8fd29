import {
  checkContainerNumber,
  DISCREET_NOTICE,
  normalisePlate,
  HUB_OBJECT_TYPES,
  ObjectIndex,
  type AlertChange,
  type AlertSummary,
  type AlertView,
  type GateRead,
  type IndexedKind,
  type ObjectIndexEntry,
  type ObjectMatch,
  type ReadCandidate,
} from '../sis/index.ts';
import type { HitStrength, HubHitEvent, PlateRead, ReadField } from './model.ts';

/** What the desk needs of a matched alert besides the match: the action, the warning markers, the vehicle. */
export interface AlertCard {
  action: string;
  warningMarkers: string[];
  issuingState: string;
  vehicle: HubHitEvent['vehicle'];
}

const INDEXED: readonly string[] = ['plate', 'vin', 'container'];

/** The index entry of an alert as SIS announced it, or null when it holds nothing a gate camera can read. */
export function indexEntryOf(view: AlertView): ObjectIndexEntry | null {
  if (view.kind !== 'object' || view.object === undefined) {
    return null;
  }
  const identifiers = view.object.identifiers
    .filter((i) => INDEXED.includes(i.kind))
    .map((i) => ({ kind: i.kind as IndexedKind, value: i.value, country: i.country ?? null }));
  if (identifiers.length === 0) {
    return null;
  }
  return {
    alertId: view.id,
    category: view.category,
    objectType: view.object.type,
    covert: view.covert,
    identifiers,
  };
}

function vehicleOf(o: AlertSummary['object']): AlertCard['vehicle'] {
  if (o === undefined) {
    return null;
  }
  return {
    ...(o.make ? { make: o.make } : {}),
    ...(o.model ? { model: o.model } : {}),
    ...(o.colour ? { colour: o.colour } : {}),
    ...(o.description ? { description: o.description } : {}),
  };
}

export function cardOfSummary(s: AlertSummary): AlertCard {
  return {
    action: s.action,
    warningMarkers: [...s.warningMarkers],
    issuingState: s.issuingState,
    vehicle: vehicleOf(s.object),
  };
}

export function cardOfView(v: AlertView): AlertCard {
  return {
    action: v.action,
    warningMarkers: [...v.warningMarkers],
    issuingState: v.issuingState,
    vehicle: vehicleOf(v.object),
  };
}

/**
 * Whether a look-alike match is a plausible misread rather than another vehicle or box. Two real plates can
 * differ only in look-alike characters (`CD` and `CO` are both French letter pairs): a reading that is itself
 * a valid plate of the state read (its current general format) or a container number with a correct ISO 6346
 * check digit is taken at its word and does not match a different alerted identifier. A reading that cannot
 * be a real identifier as it stands (a letter where the format has a digit, a failed check digit), or one
 * whose state or format is unknown, is kept as a possible misread with its lowered confidence.
 */
export function plausible(m: ObjectMatch, country: string | null): boolean {
  if (m.exact) {
    return true;
  }
  if (m.field === 'container') {
    return !checkContainerNumber(m.read).valid;
  }
  if (m.field === 'vin') {
    return true;
  }
  return normalisePlate(m.read, country).formatRecognised !== true;
}

/** Every reading of a field: the best one first, then the reader's alternatives. */
function candidatesOf(f: ReadField | undefined): ReadCandidate[] {
  if (f === undefined) {
    return [];
  }
  return [
    { text: f.text, confidence: f.confidence ?? 1 },
    ...(f.candidates ?? []).map((c) => ({ text: c.text, confidence: c.confidence ?? f.confidence ?? 1 })),
  ];
}

/** The read as the SIS object index looks it up: every candidate of the plate, the trailer and the container. */
export function gateReadOf(read: PlateRead): GateRead {
  return {
    country: read.country ?? null,
    plate: candidatesOf(read.plate),
    trailerPlate: candidatesOf(read.trailer),
    trailerCountry: read.trailer?.country ?? null,
    container: candidatesOf(read.container),
  };
}

/** Confidence from which a hit counts as strong, and below which it is weak. */
const STRONG = 0.85;
const POSSIBLE = 0.5;

/**
 * How far a hit can be relied on. Only an exact match in the same registration state (or on a container
 * number, which has no state) with a confident reader is strong; a look-alike or an unread state never is.
 */
export function strengthOf(m: ObjectMatch): HitStrength {
  const sameState = m.country === 'same' || m.country === 'not-applicable';
  if (m.exact && sameState && m.confidence >= STRONG) {
    return 'strong';
  }
  return m.confidence >= POSSIBLE ? 'possible' : 'weak';
}

/** What the officer does now: verify first unless the hit is strong, then the alert's action. */
export function whatToDo(strength: HitStrength, action: string, discreet: boolean): string {
  const verify =
    strength === 'strong'
      ? 'Check the vehicle against the alert'
      : strength === 'possible'
        ? 'Verify the plate by eye before acting: the read differs from the alert or is uncertain'
        : 'Weak read: verify the plate by eye and treat the hit as unconfirmed until it matches';
  const discretion = discreet ? ' Do not stop or alert the driver; do not tell the hub staff.' : '';
  return `${verify}. ${action}.${discretion}`;
}

/**
 * Whether the hub desk may see a hit: never a discreet/inquiry/specific check (2018/1862 arts. 36-37: the
 * information is collected without the person learning of the alert) and only the object types a hub
 * operator checks; everything else goes to the police only.
 */
export function deskMaySee(m: Pick<ObjectMatch, 'covert' | 'objectType'>): boolean {
  return !m.covert && HUB_OBJECT_TYPES.includes(m.objectType);
}

/**
 * The live matcher of the hub checks: ONE in-memory SIS object index for the process, kept current from the
 * SIS change announcements and the erasure cascade, with the desk cards of the alerts that have matched.
 * Pure apart from its own state: no I/O.
 */
export class HubMatcher {
  readonly #index: ObjectIndex;
  readonly #cards = new Map<string, AlertCard>();

  constructor(index: ObjectIndex) {
    this.#index = index;
  }

  get size(): number {
    return this.#index.size;
  }

  /** Follows one committed change of a SIS alert. */
  apply(change: AlertChange): void {
    const entry = change.alert === null ? null : indexEntryOf(change.alert);
    if (entry === null || change.alert === null) {
      this.remove([change.alertId]);
      return;
    }
    this.#index.upsert(entry);
    this.#cards.set(entry.alertId, cardOfView(change.alert));
  }

  /** Forgets erased or deleted alerts. */
  remove(alertIds: readonly string[]): void {
    for (const id of alertIds) {
      this.#index.remove(id);
      this.#cards.delete(id);
    }
  }

  /**
   * Every alert some candidate of the read matches, strongest first, with look-alike matches kept only where
   * they are plausible misreads (see {@link plausible}). Most reads match nothing: they cost one lookup.
   */
  match(read: PlateRead): ObjectMatch[] {
    const all = this.#index.lookup(gateReadOf(read));
    if (all.length === 0 || all.every((m) => m.exact)) {
      return all;
    }
    // Something matched only up to look-alikes: look each candidate up on its own, so that an exact reading
    // among the candidates is never hidden behind a more confident look-alike one, then judge each group.
    const groups = new Map<string, ObjectMatch[]>();
    const single = gateReadOf(read);
    const fields: Array<
      [keyof GateRead & ('plate' | 'trailerPlate' | 'container'), readonly ReadCandidate[]]
    > = [
      ['plate', single.plate ?? []],
      ['trailerPlate', single.trailerPlate ?? []],
      ['container', single.container ?? []],
    ];
    for (const [field, candidates] of fields) {
      for (const c of candidates) {
        for (const m of this.#index.lookup({
          ...single,
          plate: [],
          trailerPlate: [],
          container: [],
          [field]: [c],
        })) {
          const key = `${m.alertId}|${m.field}`;
          groups.set(key, [...(groups.get(key) ?? []), m]);
        }
      }
    }
    const kept: ObjectMatch[] = [];
    for (const group of groups.values()) {
      const best = (list: ObjectMatch[]) => list.reduce((a, b) => (b.confidence > a.confidence ? b : a));
      const exact = group.filter((m) => m.exact);
      if (exact.length > 0) {
        kept.push(best(exact));
        continue;
      }
      const country =
        group[0]!.field === 'trailer-plate' ? (read.trailer?.country ?? read.country) : read.country;
      if (group.every((m) => plausible(m, country ?? null))) {
        const m = best(group);
        kept.push({
          ...m,
          explanation: `${m.explanation}; the reading is not a valid identifier as it stands, so it is taken as a misread`,
        });
      }
    }
    return kept.sort((a, b) => b.confidence - a.confidence);
  }

  /** Alerts among the matches whose desk card is not known yet. */
  missingCards(matches: readonly ObjectMatch[]): string[] {
    return [...new Set(matches.map((m) => m.alertId).filter((id) => !this.#cards.has(id)))];
  }

  setCard(alertId: string, card: AlertCard): void {
    this.#cards.set(alertId, card);
  }

  card(alertId: string): AlertCard | undefined {
    return this.#cards.get(alertId);
  }

  /** The event of one hit, or null when the alert's card is unknown (the alert went away meanwhile). */
  event(
    hit: { hitId: string; hubId: string; receivedAt: Date },
    read: PlateRead,
    m: ObjectMatch,
  ): HubHitEvent | null {
    const card = this.#cards.get(m.alertId);
    if (card === undefined) {
      return null;
    }
    const strength = strengthOf(m);
    return {
      hitId: hit.hitId,
      hubId: hit.hubId,
      gateId: read.gateId,
      cameraId: read.cameraId ?? null,
      direction: read.direction,
      readId: read.id ?? null,
      readAt: new Date(read.at).toISOString(),
      receivedAt: hit.receivedAt.toISOString(),
      alertId: m.alertId,
      field: m.field,
      matchedText: m.read,
      storedText: m.stored,
      exact: m.exact,
      confidence: m.confidence,
      strength,
      why: m.explanation,
      whatToDo: whatToDo(strength, card.action.replace(/\.$/u, ''), m.covert),
      action: card.action,
      warningMarkers: card.warningMarkers,
      objectType: m.objectType,
      vehicle: card.vehicle,
      issuingState: card.issuingState,
      discreet: m.covert,
      handling: m.covert ? DISCREET_NOTICE : null,
      policeOnly: !deskMaySee(m),
    };
  }
}
