import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { callOf, IdempotencyHeader, sendWritten, WriteHeaders, writeCallOf } from '../../http/calls.ts';
import { errorResponses, PurposeHeader } from '../../http/schemas.ts';
import { parseSort } from '../../platform/sorting.ts';
import { parseIdempotencyKey } from '../../platform/writes.ts';
import { QUEUE_SORT_FIELDS } from './repository.ts';
import {
  ApplicationBody,
  FileReply,
  HitParams,
  IdParams,
  QueueQuery,
  QueueReply,
  StatusQuery,
  StatusReply,
  SubmitReply,
  VerificationBody,
} from './schemas.ts';
import type { EtiasService } from './service.ts';

/** ETIAS routes: thin adapters over {@link EtiasService}. */
export function etiasRoutes(deps: { etias: EtiasService }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { etias } = deps;
    const tags = ['etias'];
    const verify = { access: { permission: 'etias:verify', purpose: 'required' } } as const;
    const read = { access: { permission: 'etias:read', purpose: 'required' } } as const;

    // Public on purpose: applicants have no account (art. 15). Limited per client like every public route
    // (app.ts); an Idempotency-Key makes a retry after a lost answer return the first answer.
    app.post(
      '/api/v1/etias/applications',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary:
            'Apply for a travel authorisation (ETIAS arts. 17-20): validated, fee recorded, processed at once; accepts an Idempotency-Key',
          headers: IdempotencyHeader,
          body: ApplicationBody,
          response: { 201: SubmitReply, ...errorResponses(409) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await etias.submit(
            {
              requestId: request.id,
              idempotencyKey: parseIdempotencyKey(request.headers['idempotency-key']),
            },
            request.body,
            { ip: request.ip },
          ),
          201,
        ),
    );

    // Public on purpose: the applicant's verification tool (art. 31). The document number is needed too, and
    // an unknown id and a wrong number answer the same 404.
    app.get(
      '/api/v1/etias/applications/:id/status',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary:
            "The applicant's status of an application (ETIAS art. 31); needs the travel document number",
          params: IdParams,
          querystring: StatusQuery,
          response: { 200: StatusReply, ...errorResponses(404) },
        },
      },
      async (request) =>
        etias.status(request.params.id, request.query.documentNumber, { requestId: request.id }),
    );

    app.get(
      '/api/v1/etias/central-unit/queue',
      {
        config: verify,
        schema: {
          tags,
          summary: "The Central Unit's verification queue (ETIAS art. 22); filter, sort and page",
          headers: PurposeHeader,
          querystring: QueueQuery,
          response: { 200: QueueReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const { sort, order, limit, offset, ...filters } = request.query;
        return etias.queue({
          ...callOf(request),
          ...filters,
          queue: 'central-unit',
          limit: limit ?? 50,
          offset: offset ?? 0,
          sort: parseSort(sort, order, QUEUE_SORT_FIELDS, { field: 'deadline', descending: false }),
        });
      },
    );

    app.get(
      '/api/v1/etias/applications/:id',
      {
        config: read,
        schema: {
          tags,
          summary: 'An application file with its hits, the records hit, its history and deadlines',
          headers: PurposeHeader,
          params: IdParams,
          response: { 200: FileReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => etias.view({ ...callOf(request), id: request.params.id }),
    );

    app.post(
      '/api/v1/etias/applications/:id/hits/:hitId/verification',
      {
        config: verify,
        schema: {
          tags,
          summary:
            "The Central Unit's verification of a hit (ETIAS art. 22): false or confirmed; accepts an Idempotency-Key",
          headers: WriteHeaders,
          params: HitParams,
          body: VerificationBody,
          response: { 200: FileReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await etias.verifyHit({
            ...writeCallOf(request),
            applicationId: request.params.id,
            hitId: request.params.hitId,
            verdict: request.body.verdict,
            ...(request.body.note === undefined ? {} : { note: request.body.note }),
            ...(request.body.version === undefined ? {} : { version: request.body.version }),
          }),
          200,
        ),
    );
    return Promise.resolve();
  };
}
