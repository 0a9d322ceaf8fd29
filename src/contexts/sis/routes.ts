import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, PurposeHeader } from '../../http/schemas.ts';
import { PURPOSE_HEADER } from '../../http/types.ts';
import { parseSort } from '../../platform/sorting.ts';
import { parseIdempotencyKey } from '../../platform/writes.ts';
import { HIT_SORT_FIELDS, REVIEW_SORT_FIELDS } from './repository.ts';
import {
  AlertBody,
  AlertListQuery,
  AlertListReply,
  AlertParams,
  AlertReply,
  CatalogueReply,
  DeleteAlertBody,
  DeletedReply,
  DocumentSearchBody,
  ExtendAlertBody,
  HitAnswerReply,
  HitBody,
  HitListQuery,
  HitParams,
  HitReply,
  HitsReply,
  InformationBody,
  MessageBody,
  ObjectSearchReply,
  PersonSearchBody,
  ReviewQueueQuery,
  ReviewQueueReply,
  SearchReply,
  UpdateAlertBody,
  VehicleSearchBody,
} from './schemas.ts';
import type { SisService } from './service.ts';

const WriteHeaders = Type.Intersect([
  PurposeHeader,
  Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
]);
const tags = ['sis'];
const HIT_DEFAULT_SORT = { field: 'deadline', descending: false } as const;
const REVIEW_DEFAULT_SORT = { field: 'reviewDue', descending: false } as const;

/** Who asks and why, from the request. */
function call(request: FastifyRequest) {
  return {
    actor: request.actor!,
    purpose: (request.headers[PURPOSE_HEADER] as string | undefined) ?? null,
    requestId: request.id,
  };
}

function writeCall(request: FastifyRequest) {
  return { ...call(request), idempotencyKey: parseIdempotencyKey(request.headers['idempotency-key']) };
}

function send<T>(reply: FastifyReply, status: number, result: { replayed: boolean }, body: T) {
  if (result.replayed) {
    void reply.header('idempotent-replayed', 'true');
  }
  return reply.status(status).send(body);
}

/** The SIS API: thin adapters over {@link SisService}; every route touches personal data and names a purpose. */
export function sisRoutes(deps: { sis: SisService }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { sis } = deps;

    app.post(
      '/api/v1/sis/alerts',
      {
        config: { access: { permission: 'sis:alerts:write', purpose: 'required' } },
        schema: {
          tags,
          summary: 'Enter an alert (SIRENE and police); every field is validated; accepts an Idempotency-Key',
          headers: WriteHeaders,
          body: AlertBody,
          response: { 201: AlertReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const r = await sis.createAlert({ ...writeCall(request), alert: request.body });
        return send(reply, 201, r, r.alert);
      },
    );

    app.get(
      '/api/v1/sis/alerts',
      {
        config: { access: { permission: 'sis:alerts:read', purpose: 'required' } },
        schema: {
          tags,
          summary:
            'List alerts, newest first or sorted, by category, issuing state, status (in force, review due, overdue) and text',
          headers: PurposeHeader,
          querystring: AlertListQuery,
          response: { 200: AlertListReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const { q, ...rest } = request.query;
        return sis.listAlerts({
          ...call(request),
          query: { ...rest, ...(q === undefined ? {} : { text: q }) },
        });
      },
    );

    app.get(
      '/api/v1/sis/alerts/:id',
      {
        config: { access: { permission: 'sis:alerts:read', purpose: 'required' } },
        schema: {
          tags,
          summary: 'One alert in full (SIRENE and police)',
          headers: PurposeHeader,
          params: AlertParams,
          response: { 200: AlertReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => sis.getAlert({ ...call(request), alertId: request.params.id }),
    );

    app.put(
      '/api/v1/sis/alerts/:id',
      {
        config: { access: { permission: 'sis:alerts:write', purpose: 'required' } },
        schema: {
          tags,
          summary: "Replace an alert's content (issuing state only); `version` guards against lost updates",
          headers: WriteHeaders,
          params: AlertParams,
          body: UpdateAlertBody,
          response: { 200: AlertReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const r = await sis.updateAlert({
          ...writeCall(request),
          alertId: request.params.id,
          alert: request.body.alert,
          ...(request.body.version === undefined ? {} : { version: request.body.version }),
        });
        return send(reply, 200, r, r.alert);
      },
    );

    app.delete(
      '/api/v1/sis/alerts/:id',
      {
        config: { access: { permission: 'sis:alerts:write', purpose: 'required' } },
        schema: {
          tags,
          summary: 'Delete an alert (issuing state only), with the reason',
          headers: WriteHeaders,
          params: AlertParams,
          body: DeleteAlertBody,
          response: { 200: DeletedReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const r = await sis.deleteAlert({
          ...writeCall(request),
          alertId: request.params.id,
          reason: request.body.reason,
        });
        return send(reply, 200, r, r.deleted);
      },
    );

    app.post(
      '/api/v1/sis/alerts/:id/extend',
      {
        config: { access: { permission: 'sis:review', purpose: 'required' } },
        schema: {
          tags,
          summary:
            'Keep an alert longer after a recorded individual assessment (SIRENE of the issuing state)',
          headers: WriteHeaders,
          params: AlertParams,
          body: ExtendAlertBody,
          response: { 200: AlertReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const r = await sis.extendAlert({
          ...writeCall(request),
          alertId: request.params.id,
          assessment: request.body.assessment,
        });
        return send(reply, 200, r, r.alert);
      },
    );

    app.get(
      '/api/v1/sis/catalogue',
      {
        config: { access: { permission: 'sis:alerts:read' } },
        schema: {
          tags,
          summary:
            'The alert model: categories, sub-categories, check types, warning markers, object types and identifier kinds',
          response: { 200: CatalogueReply, ...errorResponses(401, 403) },
        },
      },
      (request) => Promise.resolve(sis.catalogue(request.actor!)),
    );

    app.get(
      '/api/v1/sis/review-queue',
      {
        config: { access: { permission: 'sis:review', purpose: 'required' } },
        schema: {
          tags,
          summary:
            "Alerts of the user's member state due for review within the advance-warning window; filter, sort and page",
          headers: PurposeHeader,
          querystring: ReviewQueueQuery,
          response: { 200: ReviewQueueReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const { sort, order, ...filters } = request.query;
        return sis.reviewQueue({
          ...call(request),
          ...filters,
          sort: parseSort(sort, order, REVIEW_SORT_FIELDS, REVIEW_DEFAULT_SORT),
        });
      },
    );

    app.post(
      '/api/v1/sis/search/persons',
      {
        config: { access: { permission: 'sis:search', purpose: 'required' } },
        schema: {
          tags,
          summary:
            'Search person alerts by identity; every result says why it matched, with the MID links the caller may see (2019/817 art. 26)',
          headers: PurposeHeader,
          body: PersonSearchBody,
          response: { 200: SearchReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => sis.searchPersons({ ...call(request), query: request.body, links: true }),
    );

    app.post(
      '/api/v1/sis/search/documents',
      {
        config: { access: { permission: 'sis:search', purpose: 'required' } },
        schema: {
          tags,
          summary: 'Search documents by number (OCR look-alikes tolerated) and issuing country',
          headers: PurposeHeader,
          body: DocumentSearchBody,
          response: { 200: ObjectSearchReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => sis.searchDocuments({ ...call(request), query: request.body }),
    );

    app.post(
      '/api/v1/sis/search/vehicles',
      {
        config: { access: { permission: 'sis:search:vehicles', purpose: 'required' } },
        schema: {
          tags,
          summary:
            'Search vehicle, plate and container alerts by plate (all reader candidates), VIN or ISO 6346 number',
          headers: PurposeHeader,
          body: VehicleSearchBody,
          response: { 200: ObjectSearchReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => sis.searchVehicles({ ...call(request), query: request.body }),
    );

    app.post(
      '/api/v1/sis/hits',
      {
        config: { access: { permission: 'sis:hits', purpose: 'required' } },
        schema: {
          tags,
          summary:
            'Report a hit: answers with the action and warning markers first, and opens the SIRENE exchange',
          headers: WriteHeaders,
          body: HitBody,
          response: { 201: HitAnswerReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const r = await sis.reportHit({
          ...writeCall(request),
          alertId: b.alertId,
          location: b.location,
          checked: b.checked,
          ...(b.information ? { information: b.information } : {}),
        });
        return send(reply, 201, r, r.hit);
      },
    );

    app.put(
      '/api/v1/sis/hits/:id/information',
      {
        config: { access: { permission: 'sis:hits', purpose: 'required' } },
        schema: {
          tags,
          summary: 'Record the information collected on a check hit (2018/1862 art. 37)',
          headers: WriteHeaders,
          params: HitParams,
          body: InformationBody,
          response: { 200: HitReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const r = await sis.recordCheckInformation({
          ...writeCall(request),
          hitId: request.params.id,
          information: request.body.information,
        });
        return send(reply, 200, r, r.hit);
      },
    );

    app.get(
      '/api/v1/sis/hits',
      {
        config: { access: { permission: 'sis:exchange', purpose: 'required' } },
        schema: {
          tags,
          summary:
            "The SIRENE exchange queue of the user's member state, with overdue replies marked; filter, sort and page",
          headers: PurposeHeader,
          querystring: HitListQuery,
          response: { 200: HitsReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const { sort, order, ...filters } = request.query;
        return sis.listHits({
          ...call(request),
          ...filters,
          sort: parseSort(sort, order, HIT_SORT_FIELDS, HIT_DEFAULT_SORT),
        });
      },
    );

    app.get(
      '/api/v1/sis/hits/:id',
      {
        config: { access: { permission: 'sis:exchange', purpose: 'required' } },
        schema: {
          tags,
          summary: 'One hit with its supplementary-information exchange',
          headers: PurposeHeader,
          params: HitParams,
          response: { 200: HitReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => sis.getHit({ ...call(request), hitId: request.params.id }),
    );

    app.post(
      '/api/v1/sis/hits/:id/messages',
      {
        config: { access: { permission: 'sis:exchange', purpose: 'required' } },
        schema: {
          tags,
          summary:
            'Send a supplementary-information message; a reply from the issuing state meets the deadline',
          headers: WriteHeaders,
          params: HitParams,
          body: MessageBody,
          response: { 201: HitReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const r = await sis.addExchangeMessage({
          ...writeCall(request),
          hitId: request.params.id,
          body: request.body.body,
        });
        return send(reply, 201, r, r.hit);
      },
    );
    return Promise.resolve();
  };
}
