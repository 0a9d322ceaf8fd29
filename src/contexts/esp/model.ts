import type { Actor, AuthorityType, Permission, Purpose, SystemCode } from '../access/index.ts';
import type { LinkNotice } from '../mid/index.ts';
import type { Modality, Template } from '../sbms/index.ts';

/**
 * What an officer may type into the search portal. Biometric templates (a live capture or a file) come beside
 * these fields and are a query type of their own, `biometric`, for the profiles that may use it.
 */
export const QUERY_FIELDS = [
  'surname',
  'givenNames',
  'birthDate',
  'sex',
  'nationality',
  'documentNumber',
  'documentIssuingState',
  'plate',
  'plateCountry',
  'vin',
  'containerNumber',
] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

export type SearchQuery = Partial<Record<QueryField, string>>;

export const QUERY_TYPES = ['identity', 'document', 'vehicle', 'biometric'] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

/** The query types a query asks for, from the fields it fills in and whether it carries biometric templates. */
export function queryTypesOf(q: SearchQuery, biometric = false): QueryType[] {
  const types: QueryType[] = [];
  if (biometric) {
    types.push('biometric');
  }
  if (q.surname || q.givenNames || q.birthDate) {
    types.push('identity');
  }
  if (q.documentNumber) {
    types.push('document');
  }
  if (q.plate || q.vin || q.containerNumber) {
    types.push('vehicle');
  }
  return types;
}

/**
 * An ESP search profile (2019/817 art. 8 [K]): for one authority type and purpose, the fields it may query
 * with, the systems it shall and may consult, and per system the fields it may receive.
 */
export interface SearchProfile {
  readonly id: string;
  readonly authorityType: AuthorityType;
  readonly purpose: Purpose;
  readonly queryFields: readonly QueryField[];
  readonly shall: readonly SystemCode[];
  readonly may: readonly SystemCode[];
  /** Per system, the fields of a result that this profile may see (nothing else is ever returned). */
  readonly returnFields: Readonly<Partial<Record<SystemCode, readonly string[]>>>;
  /** Article or text the profile rests on, shown in the log and the docs. */
  readonly basis: string;
  /**
   * Whether the profile may query with biometric templates (query type `biometric`; 2019/817 art. 9:
   * alphanumeric and/or biometric data), answered 1:N by the systems holding templates. Absent: it may not.
   */
  readonly biometric?: boolean;
}

/**
 * One line of a hit's explanation. A line that speaks of record fields names them, so that the portal drops
 * it when the profile may not see one of them ("sex: same" never reaches a profile without `sex`). A plain
 * string names no field and must not speak of any.
 */
export type ExplanationLine = string | { readonly fields: readonly string[]; readonly text: string };

/**
 * A record found by a biometric query: the fused decision of the biometric matching service (2019/817 arts.
 * 12-16) with its score and the false-match rate that score stands for, the modalities compared, the face's
 * similarity and the number of fingers. Describes the comparison, not the record, so no profile filter applies.
 */
export interface BiometricMatch {
  readonly score: number;
  readonly falseMatchRate: number;
  readonly modalities: readonly Modality[];
  readonly faceScore?: number;
  readonly fingers: number;
}

/** One record a source found, before the portal filters it to the profile. */
export interface SourceHit {
  /** Reference of the record in its own system, e.g. `ees:eesf_…`, `sis:alert_…`. */
  readonly recordRef: string;
  /** Match probability (0–1) of the record being the person or object searched for. */
  readonly probability: number;
  /** Why it matched, field by field, in words a person can check. */
  readonly explanation: readonly ExplanationLine[];
  /** Every field the source holds for the record; the portal keeps only those the profile allows. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Warning markers (SIS): shown first. Filtered like any other field. */
  readonly warningMarkers?: readonly string[];
  /** Set when the record was found by the query's biometric templates. */
  readonly biometric?: BiometricMatch;
}

export interface SourceContext {
  /** The officer, carrying the query's access decision: pass it on to the system's use cases as it is. */
  readonly actor: Actor;
  readonly purpose: Purpose;
  readonly query: SearchQuery;
  readonly queryTypes: readonly QueryType[];
  /**
   * The query's templates, decoded (without the enrolment quality gate: a probe is compared whatever its
   * quality), when `queryTypes` holds `biometric`. Never logged: only their type is.
   */
  readonly biometrics?: readonly Template[];
  /** Aborted when the portal's per-source timeout passes or the caller goes away. */
  readonly signal: AbortSignal;
}

/**
 * A system that answers portal queries. Adding a system to the portal is registering one of these, nothing more.
 * `search` answers within the caller's own permissions for that system (it may refuse with an AppError), stops
 * when `signal` is aborted and passes it to the use cases it calls, so that a late read logs nothing.
 */
export interface SearchSource {
  readonly system: SystemCode;
  readonly queryTypes: readonly QueryType[];
  /**
   * The permissions reading this system takes: the first to read it at all, the others for particular searches
   * (SIS vehicles). The portal decides them with the rest of the query's access, once, and reports
   * `not-permitted` without asking the source when the officer's profile does not hold the first.
   */
  readonly permissions?: readonly [Permission, ...Permission[]];
  search(ctx: SourceContext): Promise<readonly SourceHit[]>;
}

/**
 * `too-broad`: the system refused the query as too broad to answer (e.g. a surname alone); the message says
 * what to add. `error` is kept for a system that failed.
 */
export type SourceStatus = 'ok' | 'timeout' | 'error' | 'not-permitted' | 'too-broad';

/** Stable codes of the portal's own errors, including the one a source throws for a too-broad query. */
export const ESP_ERRORS = Object.freeze({
  /** A source found the query too broad to answer; reported as that system's `too-broad` status. */
  queryTooBroad: 'ESP_QUERY_TOO_BROAD',
  /** A query value that is not valid for its field (date, sex, country code). */
  queryValueInvalid: 'ESP_QUERY_VALUE_INVALID',
  /** Biometric templates under a search profile that may not query with them (403). */
  biometricNotAllowed: 'ESP_QUERY_BIOMETRIC_NOT_ALLOWED',
  /** Biometric templates where no biometric matching service is installed (400). */
  biometricUnavailable: 'ESP_BIOMETRICS_UNAVAILABLE',
});

/** One source's answer as the portal streams it: one message per system, in the order they arrive. */
export interface SourceAnswer {
  system: SystemCode;
  status: SourceStatus;
  /** How long the source took, in milliseconds. */
  tookMs: number;
  message?: string;
  results: Array<{
    system: SystemCode;
    recordRef: string;
    probability: number;
    explanation: string[];
    warningMarkers: string[];
    fields: Record<string, unknown>;
    biometric?: Omit<BiometricMatch, 'modalities'> & { modalities: Modality[] };
    /**
     * The multiple-identity detector's links of the record that the officer may see (2019/817 arts. 9(4), 26):
     * red ones always, yellow as "not yet verified", white with access to both systems, green only once the
     * query has matched both records. Absent when there are none.
     */
    links?: LinkNotice[];
  }>;
}
