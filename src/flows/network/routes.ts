import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { callOf } from '../../http/calls.ts';
import { errorResponses, PurposeHeader } from '../../http/schemas.ts';
import { NetworkQuerystring, NetworkReply } from './schemas.ts';
import type { NetworkMap } from './service.ts';

const access = { access: { permission: 'network:read', purpose: 'required' } } as const;

/** The network map's routes: thin adapters over {@link NetworkMap}. */
export function networkRoutes(deps: { network: NetworkMap }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { network } = deps;
    const tags = ['network'];

    app.get(
      '/api/v1/network',
      {
        config: access,
        schema: {
          tags,
          summary:
            'The network map: SIS alerts linked under art. 63, their hits, hub reads of the same objects, vessels and MID links, with communities, centrality and positions',
          headers: PurposeHeader,
          querystring: NetworkQuerystring,
          response: { 200: NetworkReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => network.graph({ ...callOf(request), query: request.query }) as Promise<NetworkReply>,
    );

    app.get(
      '/api/v1/network/graphml',
      {
        config: access,
        schema: {
          tags,
          summary: 'The same graph as GraphML (for Gephi, yEd, Cytoscape)',
          headers: PurposeHeader,
          querystring: NetworkQuerystring,
          produces: ['application/graphml+xml'],
          response: {
            200: Type.String({ description: 'GraphML 1.0' }),
            ...errorResponses(401, 403),
          },
        },
      },
      async (request, reply) => {
        const { xml } = await network.graphml({ ...callOf(request), query: request.query });
        return reply
          .type('application/graphml+xml; charset=utf-8')
          .header('content-disposition', 'attachment; filename="network.graphml"')
          .send(xml);
      },
    );
    return Promise.resolve();
  };
}
