import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, PurposeHeader } from '../../../http/schemas.ts';
import { PURPOSE_HEADER } from '../../../http/types.ts';
import {
  CreatedReply,
  EntryBody,
  EntryListQuery,
  EntryListReply,
  EntryParams,
  PreviewBody,
  PreviewReply,
  ReviewBody,
  ReviewReply,
} from './schemas.ts';
import type { Watchlist } from './service.ts';

const tags = ['etias'];
const access = { permission: 'etias:watchlist', purpose: 'required' } as const;

function call(request: FastifyRequest) {
  return {
    actor: request.actor!,
    purpose: (request.headers[PURPOSE_HEADER] as string | undefined) ?? null,
    requestId: request.id,
  };
}

/** The ETIAS watchlist (arts. 34-35): thin adapters over {@link Watchlist} (`etias:watchlist`). */
export function watchlistRoutes(deps: { watchlist: Watchlist }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { watchlist } = deps;
    const base = '/api/v1/etias/watchlist';

    app.get(
      base,
      {
        config: { access },
        schema: {
          tags,
          summary: 'Watchlist entries the user may see, soonest review first, one page with the total',
          headers: PurposeHeader,
          querystring: EntryListQuery,
          response: { 200: EntryListReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => watchlist.list({ ...call(request), ...request.query }),
    );

    app.post(
      `${base}/preview`,
      {
        config: { access },
        schema: {
          tags,
          summary:
            'Before entering: the SIS alerts the data match (SIS has priority) and the impact (art. 35)',
          headers: PurposeHeader,
          body: PreviewBody,
          response: { 200: PreviewReply, ...errorResponses(401, 403, 503) },
        },
      },
      async (request) => watchlist.preview({ ...call(request), data: request.body.data }),
    );

    app.post(
      base,
      {
        config: { access },
        schema: {
          tags,
          summary:
            'Enter an entry (a National Unit for its state, the Central Unit for Europol); refused when SIS has an alert',
          headers: PurposeHeader,
          body: EntryBody,
          response: { 201: CreatedReply, ...errorResponses(401, 403, 409, 503) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await watchlist.create({ ...call(request), ...request.body })),
    );

    app.post(
      `${base}/:id/review`,
      {
        config: { access },
        schema: {
          tags,
          summary: 'The yearly review (art. 35(5)): keep (next review a year later) or remove',
          headers: PurposeHeader,
          params: EntryParams,
          body: ReviewBody,
          response: { 200: ReviewReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => ({
        entry: await watchlist.review({
          ...call(request),
          id: request.params.id,
          decision: request.body.decision,
          ...(request.body.note !== undefined ? { note: request.body.note } : {}),
        }),
      }),
    );

    app.delete(
      `${base}/:id`,
      {
        config: { access },
        schema: {
          tags,
          summary: 'Remove an entry whose grounds no longer hold (its owner only)',
          headers: PurposeHeader,
          params: EntryParams,
          response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await watchlist.remove({ ...call(request), id: request.params.id });
        return reply.status(204).send(null);
      },
    );
    return Promise.resolve();
  };
}
