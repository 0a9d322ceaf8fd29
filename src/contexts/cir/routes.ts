import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { callOf } from '../../http/calls.ts';
import { errorResponses, PurposeHeader } from '../../http/schemas.ts';
import type { Permission } from '../access/index.ts';
import type { CirQueries } from './queries.ts';
import {
  FlagBody,
  FlagIdParams,
  FlagQueriesQuery,
  FlagQueriesReply,
  FlagQueryReply,
  FlagReply,
  FollowUpBody,
  IdentificationBody,
  IdentificationReply,
} from './schemas.ts';

/** The CIR's own query routes (2019/817 and 2019/818 arts. 20 and 22): thin adapters over {@link CirQueries}. */
export function cirQueryRoutes(deps: { cirQueries: CirQueries }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { cirQueries } = deps;
    const tags = ['cir'];
    const access = (permission: Permission) => ({ access: { permission, purpose: 'required' } }) as const;

    app.post(
      '/api/v1/cir/identification',
      {
        config: access('cir:identify'),
        schema: {
          tags,
          summary:
            'Police identification (art. 20): live biometrics first, then identity or document data; answers the art. 18(1) data of each matching file',
          headers: PurposeHeader,
          body: IdentificationBody,
          response: { 200: IdentificationReply, ...errorResponses(401, 403, 422) },
        },
      },
      async (request) => cirQueries.identify(callOf(request), request.body),
    );

    app.post(
      '/api/v1/cir/flags',
      {
        config: access('cir:flags'),
        schema: {
          tags,
          summary:
            'Law-enforcement flag search (art. 22(1)): which systems hold data on the person, never the data',
          headers: PurposeHeader,
          body: FlagBody,
          response: { 201: FlagReply, ...errorResponses(401, 403) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await cirQueries.flagSearch(callOf(request), request.body)),
    );

    app.get(
      '/api/v1/cir/flags',
      {
        config: access('cir:flags'),
        schema: {
          tags,
          summary: "Your authority's flag queries; with pending=true those still awaiting their follow-up",
          headers: PurposeHeader,
          querystring: FlagQueriesQuery,
          response: { 200: FlagQueriesReply, ...errorResponses(401, 403) },
        },
      },
      async (request) =>
        cirQueries.listFlagQueries(callOf(request), {
          pending: request.query.pending ?? false,
          sort: request.query.sort ?? 'createdAt',
          order: request.query.order ?? (request.query.sort === undefined ? 'desc' : 'asc'),
          limit: request.query.limit ?? 50,
          offset: request.query.offset ?? 0,
        }),
    );

    app.post(
      '/api/v1/cir/flags/:id/follow-up',
      {
        config: access('cir:flags'),
        schema: {
          tags,
          summary:
            'The follow-up of a flag query (art. 22(2)): the systems whose full access is requested, or why none is; once',
          headers: PurposeHeader,
          params: FlagIdParams,
          body: FollowUpBody,
          response: { 200: FlagQueryReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) => cirQueries.recordFollowUp(callOf(request), request.params.id, request.body),
    );
    return Promise.resolve();
  };
}
