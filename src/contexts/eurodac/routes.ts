import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { callOf, sendWritten, WriteHeaders, writeCallOf } from '../../http/calls.ts';
import { errorResponses, PurposeHeader } from '../../http/schemas.ts';
import type { Permission } from '../access/index.ts';
import {
  DatasetBody,
  DatasetReply,
  ErasureBody,
  ErasureReply,
  HitReply,
  HitsQuery,
  HitsReply,
  IdParams,
  LawEnforcementBody,
  LawEnforcementReply,
  MarkingBody,
  MarkingReply,
  NoticesQuery,
  NoticesReply,
  RegistrationReply,
  ResponsibilityBody,
  VerificationBody,
} from './schemas.ts';
import type { EurodacService } from './service.ts';

/** Eurodac routes (Reg. (EU) 2024/1358): thin adapters over {@link EurodacService}. */
export function eurodacRoutes(deps: { eurodac: EurodacService }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { eurodac } = deps;
    const tags = ['eurodac'];
    const access = (permission: Permission) => ({ access: { permission, purpose: 'required' } }) as const;

    app.post(
      '/api/v1/eurodac/datasets',
      {
        config: access('eurodac:register'),
        schema: {
          tags,
          summary:
            'Register a dataset (Eurodac arts. 15-26): compared one-to-many, then stored with its hits; accepts an Idempotency-Key',
          headers: WriteHeaders,
          body: DatasetBody,
          response: { 201: RegistrationReply, ...errorResponses(401, 403, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(reply, await eurodac.register(writeCallOf(request), request.body), 201),
    );

    app.get(
      '/api/v1/eurodac/datasets/:id',
      {
        config: access('eurodac:read'),
        schema: {
          tags,
          summary: "One of the member state's own datasets (art. 40), with the biometrics held and its hits",
          headers: PurposeHeader,
          params: IdParams,
          response: { 200: DatasetReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => eurodac.dataset({ ...callOf(request), id: request.params.id }),
    );

    app.post(
      '/api/v1/eurodac/datasets/:id/marking',
      {
        config: access('eurodac:mark'),
        schema: {
          tags,
          summary:
            'Mark a dataset (art. 31): on granting protection, which notifies the states with hits, or on their notice',
          headers: WriteHeaders,
          params: IdParams,
          body: MarkingBody,
          response: { 200: MarkingReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await eurodac.mark({
            ...writeCallOf(request),
            id: request.params.id,
            ...(request.body.noticeId === undefined ? {} : { noticeId: request.body.noticeId }),
          }),
          200,
        ),
    );

    app.post(
      '/api/v1/eurodac/datasets/:id/responsibility',
      {
        config: access('eurodac:register'),
        schema: {
          tags,
          summary: 'Record the member state responsible (art. 16)',
          headers: WriteHeaders,
          params: IdParams,
          body: ResponsibilityBody,
          response: { 200: DatasetReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await eurodac.updateResponsibility({
            ...writeCallOf(request),
            id: request.params.id,
            ...request.body,
          }),
          200,
        ),
    );

    app.post(
      '/api/v1/eurodac/datasets/:id/erasure',
      {
        config: access('eurodac:register'),
        schema: {
          tags,
          summary: 'Erase a dataset in advance (art. 29 [K]: naturalisation), with its templates',
          headers: WriteHeaders,
          params: IdParams,
          body: ErasureBody,
          response: { 200: ErasureReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await eurodac.erase({ ...writeCallOf(request), id: request.params.id, ...request.body }),
          200,
        ),
    );

    app.get(
      '/api/v1/eurodac/hits',
      {
        config: access('eurodac:read'),
        schema: {
          tags,
          summary: 'The hits sent to this member state for verification by a fingerprint expert',
          headers: PurposeHeader,
          querystring: HitsQuery,
          response: { 200: HitsReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => eurodac.hits({ ...callOf(request), ...request.query }),
    );

    app.get(
      '/api/v1/eurodac/hits/:id',
      {
        config: access('eurodac:read'),
        schema: {
          tags,
          summary: "A hit with both datasets and the scores per finger and face (the expert's comparison)",
          headers: PurposeHeader,
          params: IdParams,
          response: { 200: HitReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => eurodac.hit({ ...callOf(request), id: request.params.id }),
    );

    app.post(
      '/api/v1/eurodac/hits/:id/verification',
      {
        config: access('eurodac:verify'),
        schema: {
          tags,
          summary:
            "The fingerprint expert's verification of a hit: confirmed or rejected; accepts an Idempotency-Key",
          headers: WriteHeaders,
          params: IdParams,
          body: VerificationBody,
          response: { 200: HitReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await eurodac.verifyHit({ ...writeCallOf(request), id: request.params.id, ...request.body }),
          200,
        ),
    );

    app.get(
      '/api/v1/eurodac/notices',
      {
        config: access('eurodac:read'),
        schema: {
          tags,
          summary: 'Marking notices sent to this member state (art. 31)',
          headers: PurposeHeader,
          querystring: NoticesQuery,
          response: { 200: NoticesReply, ...errorResponses(401, 403) },
        },
      },
      async (request) =>
        eurodac.notices({
          ...callOf(request),
          ...(request.query.open === undefined ? {} : { open: request.query.open }),
        }),
    );

    app.post(
      '/api/v1/eurodac/law-enforcement/comparisons',
      {
        config: access('eurodac:law-enforcement'),
        schema: {
          tags,
          summary:
            'Law-enforcement comparison (art. 33): a reasoned request meeting its conditions; answers hit or no hit',
          headers: PurposeHeader,
          body: LawEnforcementBody,
          response: { 200: LawEnforcementReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => eurodac.lawEnforcementComparison(callOf(request), request.body),
    );
    return Promise.resolve();
  };
}
