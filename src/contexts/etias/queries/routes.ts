import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';

import { errorResponses, PurposeHeader } from '../../../http/schemas.ts';
import { PURPOSE_HEADER } from '../../../http/types.ts';
import { EtiasCarrierBody, EtiasCarrierReply } from './schemas.ts';
import type { EtiasQueries } from './service.ts';

/** The ETIAS routes of other authorities: the carrier service (art. 45). */
export function etiasQueryRoutes(deps: { queries: EtiasQueries }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/api/v1/etias/carrier-service',
      {
        config: { access: { permission: 'etias:carrier-service', purpose: 'required' } },
        schema: {
          tags: ['etias'],
          summary:
            'Carrier service (ETIAS art. 45): OK when a travel authorisation is valid on arrival in the member state of entry, else NOT_OK; nothing else',
          headers: PurposeHeader,
          body: EtiasCarrierBody,
          response: { 200: EtiasCarrierReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const purpose = request.headers[PURPOSE_HEADER];
        const b = request.body;
        return deps.queries.carrierQuery({
          actor: request.actor!,
          purpose: typeof purpose === 'string' ? purpose : null,
          requestId: request.id,
          document: { number: b.documentNumber, issuingState: b.issuingState, nationality: b.nationality },
          memberStateOfEntry: b.memberStateOfEntry,
          arrival: b.intendedEntry,
        });
      },
    );
    return Promise.resolve();
  };
}
