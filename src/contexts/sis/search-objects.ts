import { requireAccess } from '../access/index.ts';
import { lookupCountry } from '../reference/index.ts';
import { invalid } from '../../platform/errors.ts';
import { readThenLog, searchBasis, type Call, type SisContext } from './context.ts';
import { SIS_ERRORS } from './errors.ts';
import {
  checkContainerNumber,
  checkVin,
  compactIdentifier,
  confusionsBetween,
  describeConfusions,
  DOCUMENT_CONFUSIONS,
  foldConfusions,
  PLATE_CONFUSIONS,
  type ContainerCheck,
  type VinCheck,
} from './identifiers/index.ts';
import type { AlertCategory, ObjectType } from './model.ts';
import { ObjectIndex, type IndexedKind, type ObjectMatch, type ReadCandidate } from './object-index.ts';
import { contentOf, summariseAlert, type AlertSummary } from './present.ts';
import type { AlertRow, IdentifierRow } from './repository.ts';
import { canSeeAlert } from './visibility.ts';

const LIMIT = 50;

/** Why an identifier matched: which field, exact or folded, which look-alikes. */
export interface IdentifierMatchReason {
  field: string;
  stored: string;
  searched: string;
  exact: boolean;
  confusions: Array<{ position: number; stored: string; read: string }>;
  explanation: string;
  /** Confidence in [0, 1] for reads of gate readers; 1 for an exact match of a typed value. */
  confidence: number;
}

export interface ObjectSearchResult {
  alert: AlertSummary;
  why: IdentifierMatchReason;
}

const scopeOf = (r: AlertRow) => ({
  category: contentOf(r).category,
  objectType: r.object_type as ObjectType | null,
  covert: r.covert,
});

async function visibleAlerts(
  ctx: SisContext,
  call: Call,
  db: Parameters<SisContext['repo']['findAlerts']>[0],
  ids: string[],
) {
  const rows = await ctx.reads.findAlerts(db, [...new Set(ids)]);
  return new Map(rows.filter((r) => canSeeAlert(call.actor, scopeOf(r))).map((r) => [r.id, r]));
}

/**
 * Searches documents (of persons and of document alerts) by number, tolerating OCR look-alikes (O/0, I/1,
 * B/8, S/5, Z/2, G/6) on both sides; the issuing country narrows when given.
 */
export async function searchDocuments(
  ctx: SisContext,
  call: Call & { query: { number: string; issuingCountry?: string } },
): Promise<{ results: ObjectSearchResult[] }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'sis:search', purpose: call.purpose });
  const norm = compactIdentifier(call.query.number);
  if (norm === '') {
    throw invalid(SIS_ERRORS.searchInvalid, 'Give the document number to search for.');
  }
  let country: string | null = null;
  if (call.query.issuingCountry !== undefined) {
    const c = lookupCountry(call.query.issuingCountry);
    if (c === undefined) {
      throw invalid(
        SIS_ERRORS.searchInvalid,
        `"${call.query.issuingCountry}" is not an ICAO/ISO 3166-1 alpha-3 country code.`,
      );
    }
    country = c.comparisonCode;
  }
  // Before reading: catching up may need a connection of its own (PGlite has only one).
  await ctx.changes?.ownWrites();
  return readThenLog(
    ctx,
    async (reads, logs) => {
      const rows = await ctx.reads.identifierMatches(reads, {
        kinds: ['document'],
        folded: [foldConfusions(norm, DOCUMENT_CONFUSIONS)],
        limit: LIMIT * 4,
      });
      const matching = rows.filter(
        (r) => country === null || r.country === null || lookupCountry(r.country)?.comparisonCode === country,
      );
      const alerts = await visibleAlerts(
        ctx,
        call,
        reads,
        matching.map((r) => r.alert_id),
      );
      const results: ObjectSearchResult[] = [];
      for (const r of matching) {
        const row = alerts.get(r.alert_id);
        if (row !== undefined && results.length < LIMIT) {
          results.push({ alert: summariseAlert(call.actor, row), why: documentReason(r, norm, country) });
        }
      }
      logs.add(call, {
        purpose,
        operation: 'sis.search.documents',
        legalBasis: searchBasis(purpose, 'Reg. (EU) 2018/1862 art. 38(2)(k)-(l) and art. 20(2)(x)'),
        queryDataTypes: ['documentNumber', ...(country === null ? [] : ['issuingCountry'])],
        recordRefs: results.map((x) => x.alert.alertId),
        resultSummary: results.length === 0 ? 'no hit' : `${results.length} alert(s)`,
      });
      return { results };
    },
    { replica: true },
  );
}

function documentReason(r: IdentifierRow, searched: string, country: string | null): IdentifierMatchReason {
  const confusions = confusionsBetween(r.norm, searched);
  const owner =
    r.owner === 'person'
      ? "the person's document"
      : r.owner === 'misused'
        ? 'a document of the MISUSED identity'
        : 'the document alert';
  const countryText =
    country === null
      ? '; issuing country not given'
      : r.country === null
        ? '; no issuing country in the alert'
        : '; same issuing country';
  return {
    field: r.owner === 'object' ? 'object.identifiers.document' : `${r.owner}.documents.number`,
    stored: r.norm,
    searched,
    exact: confusions.length === 0,
    confusions,
    explanation: `${confusions.length === 0 ? 'number equals' : `number equals up to OCR look-alikes ${describeConfusions(confusions)}`} ${owner}${countryText}`,
    confidence: 1,
  };
}

/** A vehicle or container check: a typed or read plate (with the reader's other candidates), a VIN, a container number. */
export interface VehicleQuery {
  plate?: string;
  /** Other readings of the same plate, with the reader's confidences; every one is looked up. */
  plateCandidates?: ReadCandidate[];
  /** Registration state of the plate, if known (ICAO/ISO alpha-3, `D` accepted). */
  country?: string;
  vin?: string;
  container?: string;
}

/**
 * Searches vehicle, plate, trailer and container alerts. Candidate rows come from the folded keys in the
 * database; the match itself is decided and explained by the same {@link ObjectIndex} the gates use, so a
 * typed search and a reader at a hub agree. VIN and container numbers are checked (ISO 3779 with the
 * North-American check digit where it applies; ISO 6346 with its check digit) and the checks are returned.
 */
export async function searchVehicles(
  ctx: SisContext,
  call: Call & { query: VehicleQuery },
): Promise<{
  results: ObjectSearchResult[];
  vinCheck: VinCheck | null;
  containerCheck: ContainerCheck | null;
}> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'sis:search:vehicles',
    purpose: call.purpose,
  });
  const q = call.query;
  const plates: ReadCandidate[] = [
    ...(q.plate === undefined ? [] : [{ text: q.plate, confidence: 1 }]),
    ...(q.plateCandidates ?? []),
  ].filter((c) => compactIdentifier(c.text) !== '');
  const vin = q.vin === undefined || compactIdentifier(q.vin) === '' ? null : q.vin;
  const container = q.container === undefined || compactIdentifier(q.container) === '' ? null : q.container;
  if (plates.length === 0 && vin === null && container === null) {
    throw invalid(SIS_ERRORS.searchInvalid, 'Give a plate, a VIN or a container number to search for.');
  }
  if (q.country !== undefined && lookupCountry(q.country) === undefined) {
    throw invalid(SIS_ERRORS.searchInvalid, `"${q.country}" is not an ICAO/ISO 3166-1 alpha-3 country code.`);
  }
  const keys = (kind: IndexedKind, values: readonly string[]) =>
    values.map((v) => ({ kind, folded: foldConfusions(v, PLATE_CONFUSIONS) }));
  const wanted = [
    ...keys(
      'plate',
      plates.map((p) => p.text),
    ),
    ...keys('vin', vin === null ? [] : [vin]),
    ...keys('container', container === null ? [] : [container]),
  ];
  // Before reading: catching up may need a connection of its own (PGlite has only one).
  await ctx.changes?.ownWrites();
  return readThenLog(
    ctx,
    async (reads, logs) => {
      const rows = await ctx.reads.identifierMatches(reads, {
        kinds: [...new Set(wanted.map((w) => w.kind))],
        folded: [...new Set(wanted.map((w) => w.folded))],
        limit: LIMIT * 4,
      });
      const alerts = await visibleAlerts(
        ctx,
        call,
        reads,
        rows.map((r) => r.alert_id),
      );
      const index = ObjectIndex.build(
        [...alerts.values()].map((a) => ({
          alertId: a.id,
          category: a.category as AlertCategory,
          objectType: (a.object_type ?? 'motor-vehicle') as ObjectType,
          covert: a.covert,
          identifiers: rows
            .filter(
              (r) =>
                r.alert_id === a.id && (r.kind === 'plate' || r.kind === 'vin' || r.kind === 'container'),
            )
            .map((r) => ({ kind: r.kind as IndexedKind, value: r.norm, country: r.country })),
        })),
      );
      const matches = index.lookup({
        country: q.country ?? null,
        plate: plates,
        vin: vin === null ? [] : [{ text: vin }],
        container: container === null ? [] : [{ text: container }],
      });
      const results = matches.slice(0, LIMIT).flatMap((m) => {
        const row = alerts.get(m.alertId);
        return row === undefined ? [] : [{ alert: summariseAlert(call.actor, row), why: reasonOf(m) }];
      });
      logs.add(call, {
        purpose,
        operation: 'sis.search.vehicles',
        legalBasis: 'Reg. (EU) 2018/1862 art. 38(2)(a)-(c), (g), (m)',
        queryDataTypes: Object.keys(q),
        recordRefs: results.map((x) => x.alert.alertId),
        resultSummary: results.length === 0 ? 'no hit' : `${results.length} alert(s)`,
      });
      return {
        results,
        vinCheck: vin === null ? null : checkVin(vin),
        containerCheck: container === null ? null : checkContainerNumber(container),
      };
    },
    { replica: true },
  );
}

function reasonOf(m: ObjectMatch): IdentifierMatchReason {
  return {
    field: m.field,
    stored: m.stored,
    searched: m.read,
    exact: m.exact,
    confusions: m.confusions,
    explanation: m.explanation,
    confidence: m.confidence,
  };
}
