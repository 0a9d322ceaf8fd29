import {
  checkContainerNumber,
  compactIdentifier,
  confusionsBetween,
  describeConfusions,
  foldConfusions,
  PLATE_CONFUSIONS,
  type Confusion,
} from './identifiers/index.ts';
import { lookupCountry } from '../reference/index.ts';
import type { AlertCategory, ObjectType } from './model.ts';

/** Identifier kinds the in-memory index holds: what cameras and readers at a gate can see. */
export type IndexedKind = 'plate' | 'vin' | 'container';

/** One alert as the index needs it: its vehicle and container identifiers and whether it is covert. */
export interface ObjectIndexEntry {
  alertId: string;
  category: AlertCategory;
  objectType: ObjectType;
  /** Art. 36 check alerts: never shown to a hub operator, routed to the police only. */
  covert: boolean;
  identifiers: ReadonlyArray<{ kind: IndexedKind; value: string; country?: string | null }>;
}

/** One reading of a plate reader: the text and the reader's confidence in [0, 1]. */
export interface ReadCandidate {
  text: string;
  confidence?: number;
}

/** What a gate reader reports for one vehicle. Every candidate is looked up. */
export interface GateRead {
  /** Registration state as read (ICAO/ISO alpha-3, `D` accepted), if the reader read one. */
  country?: string | null;
  plate?: readonly ReadCandidate[];
  trailerPlate?: readonly ReadCandidate[];
  trailerCountry?: string | null;
  container?: readonly ReadCandidate[];
  vin?: readonly ReadCandidate[];
}

/** Why one alert matched one read, and how sure the match is. */
export interface ObjectMatch {
  alertId: string;
  category: AlertCategory;
  objectType: ObjectType;
  covert: boolean;
  /** Which part of the read matched. */
  field: 'plate' | 'trailer-plate' | 'container' | 'vin';
  /** The identifier stored in the alert (normalised). */
  stored: string;
  /** The candidate that matched (normalised). */
  read: string;
  /** True when stored and read are identical; false when they are equal only once look-alikes are folded. */
  exact: boolean;
  confusions: Confusion[];
  /** How the registration state was judged: the same, not read, or not recorded in the alert. */
  country: 'same' | 'not-read' | 'not-recorded' | 'not-applicable';
  /** The reader's confidence in the candidate. */
  readerConfidence: number;
  /** Confidence in this match in [0, 1]: reader confidence lowered for each confusion and a missing country. */
  confidence: number;
  explanation: string;
}

interface Posting {
  alertId: string;
  kind: IndexedKind;
  normalised: string;
  country: string | null;
}

/** Each look-alike substitution lowers the confidence of a match by this factor. */
const CONFUSION_FACTOR = 0.85;
/** A plate matched without a country read is less certain: the same text exists in several states. */
const NO_COUNTRY_FACTOR = 0.9;

const comparisonCountry = (c: string | null | undefined): string | null =>
  c === undefined || c === null || c === '' ? null : (lookupCountry(c)?.comparisonCode ?? c.toUpperCase());

/**
 * An in-memory index of SIS vehicle, number-plate, trailer and container alerts keyed by the
 * confusion-folded identifier, for checks at reader speed. Pure: built from alerts, changed only through
 * `upsert` and `remove`, no I/O. A lookup costs one hash probe per candidate.
 *
 * @example
 * const index = ObjectIndex.build([{ alertId: 'a1', category: 'object-seizure', objectType: 'motor-vehicle',
 *   covert: false, identifiers: [{ kind: 'plate', value: 'AB-123-CD', country: 'FRA' }] }]);
 * index.lookup({ country: 'FRA', plate: [{ text: 'AB123CO', confidence: 0.7 }, { text: 'A8123CD', confidence: 0.6 }] });
 */
export class ObjectIndex {
  readonly #byKey = new Map<string, Posting[]>();
  readonly #entries = new Map<string, ObjectIndexEntry>();

  static build(entries: Iterable<ObjectIndexEntry>): ObjectIndex {
    const index = new ObjectIndex();
    for (const e of entries) {
      index.upsert(e);
    }
    return index;
  }

  /** Number of alerts held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Adds an alert, or replaces the identifiers of one already held. */
  upsert(entry: ObjectIndexEntry): void {
    this.remove(entry.alertId);
    this.#entries.set(entry.alertId, entry);
    for (const id of entry.identifiers) {
      const normalised = compactIdentifier(id.value);
      if (normalised === '') {
        continue;
      }
      const key = `${id.kind}:${foldConfusions(normalised, PLATE_CONFUSIONS)}`;
      const posting: Posting = {
        alertId: entry.alertId,
        kind: id.kind,
        normalised,
        country: comparisonCountry(id.country),
      };
      const list = this.#byKey.get(key);
      if (list === undefined) {
        this.#byKey.set(key, [posting]);
      } else {
        list.push(posting);
      }
    }
  }

  /** Forgets an alert (deleted, expired, or no longer an object alert). */
  remove(alertId: string): void {
    const entry = this.#entries.get(alertId);
    if (entry === undefined) {
      return;
    }
    this.#entries.delete(alertId);
    for (const id of entry.identifiers) {
      const normalised = compactIdentifier(id.value);
      const key = `${id.kind}:${foldConfusions(normalised, PLATE_CONFUSIONS)}`;
      const list = this.#byKey.get(key);
      if (list === undefined) {
        continue;
      }
      const rest = list.filter((p) => p.alertId !== alertId);
      if (rest.length === 0) {
        this.#byKey.delete(key);
      } else {
        this.#byKey.set(key, rest);
      }
    }
  }

  /**
   * Every alert that matches some candidate of the read, the best match per alert and field, strongest
   * first. A plate recorded with a country matches only a read of the same country or a read without one.
   */
  lookup(read: GateRead): ObjectMatch[] {
    const best = new Map<string, ObjectMatch>();
    const keep = (m: ObjectMatch) => {
      const k = `${m.alertId}|${m.field}`;
      const prior = best.get(k);
      if (prior === undefined || m.confidence > prior.confidence) {
        best.set(k, m);
      }
    };
    const country = comparisonCountry(read.country);
    for (const c of read.plate ?? []) {
      this.#probe('plate', 'plate', c, country, keep);
    }
    const trailerCountry = comparisonCountry(read.trailerCountry ?? read.country);
    for (const c of read.trailerPlate ?? []) {
      this.#probe('plate', 'trailer-plate', c, trailerCountry, keep);
    }
    for (const c of read.container ?? []) {
      this.#probe('container', 'container', c, null, keep);
    }
    for (const c of read.vin ?? []) {
      this.#probe('vin', 'vin', c, null, keep);
    }
    return [...best.values()].sort((a, b) => b.confidence - a.confidence);
  }

  #probe(
    kind: IndexedKind,
    field: ObjectMatch['field'],
    candidate: ReadCandidate,
    country: string | null,
    keep: (m: ObjectMatch) => void,
  ): void {
    const read = compactIdentifier(candidate.text);
    if (read === '') {
      return;
    }
    const postings = this.#byKey.get(`${kind}:${foldConfusions(read, PLATE_CONFUSIONS)}`);
    if (postings === undefined) {
      return;
    }
    const readerConfidence = clamp(candidate.confidence ?? 1);
    for (const p of postings) {
      let countryJudgement: ObjectMatch['country'] = 'not-applicable';
      if (kind === 'plate') {
        if (p.country !== null && country !== null && p.country !== country) {
          continue;
        }
        countryJudgement = p.country === null ? 'not-recorded' : country === null ? 'not-read' : 'same';
      }
      const entry = this.#entries.get(p.alertId);
      if (entry === undefined) {
        continue;
      }
      keep(matchOf(entry, p, field, read, readerConfidence, countryJudgement));
    }
  }
}

function clamp(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

function matchOf(
  entry: ObjectIndexEntry,
  p: Posting,
  field: ObjectMatch['field'],
  read: string,
  readerConfidence: number,
  country: ObjectMatch['country'],
): ObjectMatch {
  const confusions = confusionsBetween(p.normalised, read);
  const exact = confusions.length === 0;
  let confidence = readerConfidence * CONFUSION_FACTOR ** confusions.length;
  if (country === 'not-read') {
    confidence *= NO_COUNTRY_FACTOR;
  }
  const what = field === 'trailer-plate' ? 'trailer plate' : field === 'vin' ? 'VIN' : field;
  const how = exact
    ? `${what} ${read} equals the alert's`
    : `${what} ${read} equals the alert's ${p.normalised} up to look-alikes ${describeConfusions(confusions)}`;
  const countryText =
    country === 'same'
      ? '; same registration state'
      : country === 'not-read'
        ? '; registration state not read'
        : country === 'not-recorded'
          ? '; no registration state in the alert'
          : '';
  const containerNote =
    field === 'container' && !checkContainerNumber(read).valid
      ? '; the read fails the ISO 6346 check digit'
      : '';
  return {
    alertId: entry.alertId,
    category: entry.category,
    objectType: entry.objectType,
    covert: entry.covert,
    field,
    stored: p.normalised,
    read,
    exact,
    confusions,
    country,
    readerConfidence,
    confidence: Math.round(confidence * 1000) / 1000,
    explanation: `${how}${countryText}${containerNote} (reader confidence ${readerConfidence})`,
  };
}
