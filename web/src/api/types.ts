import type { components, paths } from './schema.d.ts';

/*
 * The API's shapes as the web app uses them, derived from `schema.d.ts`, which openapi-typescript generates
 * from docs/openapi.json (`npm run openapi`). Nothing here is written by hand: when a screen needs a field the
 * API does not declare, the route's schema is what changes.
 */

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type ContentOf<R, Type extends string> = R extends { content: infer C }
  ? Type extends keyof C
    ? C[Type]
    : never
  : never;

/** The body of the API's answer `status` to `method path`, as the route's response schema declares it. */
export type ApiResponse<
  P extends keyof paths,
  M extends Method,
  Status extends number = 200,
  Type extends string = 'application/json',
> =
  Operation<P, M> extends { responses: infer R }
    ? Status extends keyof R
      ? ContentOf<R[Status], Type>
      : never
    : never;

/** The JSON body `method path` accepts. */
export type ApiRequestBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends {
    requestBody?: infer B;
  }
    ? ContentOf<NonNullable<B>, 'application/json'>
    : never;

type Item<T> = T extends ReadonlyArray<infer I> ? I : never;

/** Every value of a union, once: the compiler refuses the list when it misses or adds one. */
const allOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)): L =>
    list;

/** The signed-in user as returned by `POST /auth/login` and `GET /auth/me`. */
export type SessionUser = ApiResponse<'/api/v1/auth/me', 'get'>;
export type Authority = SessionUser['authority'];
export type AuthorityType = Authority['type'];

/** Authority types known to Interlink; navigation and screens are chosen by this value. */
export const AUTHORITY_TYPES = allOf<AuthorityType>()([
  'border',
  'visa',
  'immigration',
  'police',
  'sirene',
  'etias-central',
  'etias-national',
  'asylum',
  'carrier',
  'hub-operator',
  'analyst',
  'data-protection',
  'administrator',
]);

export type LoginResponse = ApiResponse<'/api/v1/auth/login', 'post'>;
export type PurposesResponse = ApiResponse<'/api/v1/access/purposes', 'get'>;
export type Purpose = Item<PurposesResponse['purposes']>;

export type AuditEventsResponse = ApiResponse<'/api/v1/audit/events', 'get'>;
export type AuditEvent = Item<AuditEventsResponse['events']>;
export type AuditOutcome = AuditEvent['outcome'];
export type AuditVerifyResponse = ApiResponse<'/api/v1/audit/verify', 'post'>;

/**
 * RFC 9457 problem details, as every error response of the API carries; partial as received, since an answer
 * from something in front of the API (a proxy, a gateway) may carry none of them.
 */
export type Problem = Partial<components['schemas']['Problem']>;

export type BcpsResponse = ApiResponse<'/api/v1/reference/bcps', 'get'>;
/** A border crossing point (`GET /reference/bcps`). */
export type Bcp = Item<BcpsResponse['borderCrossingPoints']>;

/** The answer of `POST /border-check`. */
export type BorderCheckResult = ApiResponse<'/api/v1/border-check', 'post'>;
export type Finding = Item<BorderCheckResult['findings']>;
export type FindingLevel = Finding['level'];
export type DocumentHolder = NonNullable<BorderCheckResult['holder']>;
export type Verdict = BorderCheckResult['verdict'];

export type EesFileDetails = ApiResponse<'/api/v1/ees/files/{id}', 'get'>;
export type EesFileView = EesFileDetails['file'];
export type EesRecord = Item<EesFileDetails['history']['records']>;
export type EesRefusal = Item<NonNullable<EesFileDetails['history']['refusals']>>;
export type Crossing = EesRecord['entry'];
export type VisaData = NonNullable<EesRecord['visa']>;
export type StayFigures = NonNullable<EesFileDetails['stay']>;
export type StayControl = NonNullable<StayFigures['control']>;

export type EesOverstayersResponse = ApiResponse<'/api/v1/ees/overstayers', 'get'>;
/** One person on the EES list of overstayers (Regulation (EU) 2017/2226 art. 12(3)). */
export type EesOverstayer = Item<EesOverstayersResponse['overstayers']>;

/** One line of the search portal's NDJSON stream (`POST /search`). */
export type SearchStreamLine = ApiResponse<'/api/v1/search', 'post', 200, 'application/x-ndjson'>;
/** One system's answer in the search portal's stream. */
export type SourceAnswer = Extract<SearchStreamLine, { type: 'answer' }>['answer'];
export type SourceStatus = SourceAnswer['status'];
export type SearchResult = Item<SourceAnswer['results']>;

/** The caller's search profiles (`GET /search/profile`). */
export type SearchProfilesResponse = ApiResponse<'/api/v1/search/profile', 'get'>;
export type SearchProfile = Item<SearchProfilesResponse['profiles']>;
export type QueryField = Item<SearchProfile['queryFields']>;

/** The choices of the SIS alert model (`GET /sis/catalogue`). */
export type SisCatalogue = ApiResponse<'/api/v1/sis/catalogue', 'get'>;
/** SIS alert categories (Regulations (EU) 2018/1860-1862), as the API names them. */
export type SisCategory = Item<SisCatalogue['categories']>['code'];

/** An alert as entered (`POST /sis/alerts`). */
export type SisAlertInput = ApiRequestBody<'/api/v1/sis/alerts', 'post'>;
/** An alert in full, as SIRENE and the police see it. */
export type SisAlert = ApiResponse<'/api/v1/sis/alerts/{id}', 'get'>;
export type SisPerson = NonNullable<SisAlert['person']>;
export type SisObject = NonNullable<SisAlert['object']>;
export type SisReturnData = NonNullable<SisAlert['returnData']>;

/** A page of the SIS alert list, with the number of all alerts that match the filters. */
export type SisAlertList = ApiResponse<'/api/v1/sis/alerts', 'get'>;
export type SisReviewQueue = ApiResponse<'/api/v1/sis/review-queue', 'get'>;

/** A hit with its supplementary-information exchange (2018/1862 arts. 7-8). */
export type SisHit = ApiResponse<'/api/v1/sis/hits/{id}', 'get'>;
export type SisExchangeMessage = Item<SisHit['messages']>;
export type SisHitsResponse = ApiResponse<'/api/v1/sis/hits', 'get'>;

/** One problem of an alert as the API reports it (`details.issues` of `SIS_ALERT_INVALID`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export type SisObjectSearchResponse = ApiResponse<'/api/v1/sis/search/vehicles', 'post'>;
/** A SIS object search result as a searching authority sees it: what to do first, and why it matched. */
export type SisObjectSearchResult = Item<SisObjectSearchResponse['results']>;

export type HubsResponse = ApiResponse<'/api/v1/hubs', 'get'>;
export type Hub = Item<HubsResponse['hubs']>;
export type HubHitsResponse = ApiResponse<'/api/v1/hubs/{hubId}/hits', 'get'>;
/** A hit of a hub's plate readers as the desk receives it. */
export type HubHit = Item<HubHitsResponse['hits']>;
export type HitStrength = HubHit['strength'];
export type HubDeskUsersResponse = ApiResponse<'/api/v1/hubs/{hubId}/desk-users', 'get'>;

/** Administration (the access context): users, requests awaiting confirmation, roles, token key rotation. */
export type AdminUsersResponse = ApiResponse<'/api/v1/access/users', 'get'>;
export type AdminUser = Item<AdminUsersResponse['users']>;
export type AdminAuthoritiesResponse = ApiResponse<'/api/v1/access/authorities', 'get'>;
export type AdminAuthority = Item<AdminAuthoritiesResponse['authorities']>;
export type AdminUserRequestsResponse = ApiResponse<'/api/v1/access/user-requests', 'get'>;
export type AdminRolesResponse = ApiResponse<'/api/v1/access/roles', 'get'>;
export type AdminCreateUserBody = ApiRequestBody<'/api/v1/access/users', 'post'>;
export type AdminRotationResponse = ApiResponse<'/api/v1/access/token-secret/rotation', 'post'>;

export type HomeCountersResponse = ApiResponse<'/api/v1/home/counters', 'get'>;
/** One figure of the home screen, with the hash route of the list it counts. */
export type HomeCounter = Item<HomeCountersResponse['counters']>;
export type CounterId = HomeCounter['id'];
/** Every counter the home screen may show. */
export const COUNTER_IDS = allOf<CounterId>()([
  'sis.hits.open',
  'sis.hits.overdue',
  'sis.hits.dueSoon',
  'sis.review.due',
  'sis.alerts.own',
  'sis.alerts.reviewDue',
  'hubs.hits.unacknowledged',
  'ees.overstayers',
  'audit.chain',
  'audit.events24h',
  'access.requests.pending',
]);

/** ETIAS (Reg. (EU) 2018/1240): the applicant's public routes, the Central Unit's queue and one file. */
export type EtiasApplicationInput = ApiRequestBody<'/api/v1/etias/applications', 'post'>;
export type EtiasSubmitted = ApiResponse<'/api/v1/etias/applications', 'post', 201>;
export type EtiasStatusAnswer = ApiResponse<'/api/v1/etias/applications/{id}/status', 'get'>;
export type EtiasQueue = ApiResponse<'/api/v1/etias/central-unit/queue', 'get'>;
export type EtiasQueueItem = Item<EtiasQueue['items']>;
export type EtiasFile = ApiResponse<'/api/v1/etias/applications/{id}', 'get'>;
/**
 * A file's `content`: the application exactly as submitted, i.e. the body of `POST /etias/applications`. The
 * file route declares it as an open record (so that older files stay readable as the contract grows), hence
 * the one assertion `file.content as EtiasFileContent` where it is read.
 */
export type EtiasFileContent = EtiasApplicationInput;
export type EtiasHit = Item<EtiasFile['hits']>;
export type EtiasEvent = Item<EtiasFile['events']>;

/** ETIAS National Units' manual processing (Regulation (EU) 2018/1240 arts. 26-44). */
export type EtiasNuQueueResponse = ApiResponse<'/api/v1/etias/national-unit/queue', 'get'>;
export type EtiasNuQueueItem = Item<EtiasNuQueueResponse['items']>;
export type EtiasManualFile = ApiResponse<'/api/v1/etias/applications/{id}/manual', 'get'>;

/** Eurodac (Reg. (EU) 2024/1358): a registration's answer, the hits to verify, one hit with both datasets. */
export type EurodacRegistration = ApiResponse<'/api/v1/eurodac/datasets', 'post', 201>;
export type EurodacHitList = ApiResponse<'/api/v1/eurodac/hits', 'get'>;
export type EurodacHitSummary = Item<EurodacHitList['hits']>;
export type EurodacHitDetail = ApiResponse<'/api/v1/eurodac/hits/{id}', 'get'>;
export type EurodacHitDataset = EurodacHitDetail['dataset'];

/** What a border check, the portal or a SIS search shows of a record's links (art. 26, SBC art. 8(4a)). */
export type MidRecordLinks = ApiResponse<'/api/v1/mid/records/{ref}/links', 'get'>;
export type MidLinkNotice = Item<NonNullable<SearchResult['links']>>;

/** The verification of multiple-identity links (Regs. (EU) 2019/817 and 2019/818 arts. 29-33). */
export type MidLinkList = ApiResponse<'/api/v1/mid/links', 'get'>;
export type MidLinkSummary = Item<MidLinkList['links']>;
export type MidLinkColor = MidLinkSummary['color'];
export type MidVerifier = MidLinkSummary['verifier'];
export type MidLinkDetail = ApiResponse<'/api/v1/mid/links/{id}', 'get'>;
export type MidRecordView = Item<MidLinkDetail['records']>;
export type MidVerifiedColor = Item<MidLinkDetail['options']>['color'];
export type MidCategoryVerdict = NonNullable<MidLinkDetail['comparison']>['categories']['names'];

/** The CIR flag search (art. 22): which systems hold data, never the data. */
export type CirFlagAnswer = ApiResponse<'/api/v1/cir/flags', 'post', 201>;
export type CirFlagQueries = ApiResponse<'/api/v1/cir/flags', 'get'>;
export type CirFlagQuery = Item<CirFlagQueries['flagQueries']>;

/** The network map (`GET /api/v1/network`): nodes, edges and communities of linked alerts, hits and hub reads. */
export type NetworkAnswer = ApiResponse<'/api/v1/network', 'get'>;
export type NetworkNode = Item<NetworkAnswer['nodes']>;
export type NetworkEdge = Item<NetworkAnswer['edges']>;
export type NetworkCommunity = Item<NetworkAnswer['communities']>;
export type NetworkNodeKind = NetworkNode['kind'];
export type NetworkEdgeKind = NetworkEdge['kind'];

export const NETWORK_NODE_KINDS = allOf<NetworkNodeKind>()([
  'alert-person',
  'alert-object',
  'object',
  'hub',
  'authority',
  'vessel',
  'port',
  'record',
]);

export const NETWORK_EDGE_KINDS = allOf<NetworkEdgeKind>()([
  'alert-link',
  'hit',
  'read',
  'about',
  'discharged',
  'called-at',
  'mid-link',
]);
