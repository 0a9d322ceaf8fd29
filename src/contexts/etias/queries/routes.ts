import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';

import { errorResponses, PurposeHeader } from '../../../http/schemas.ts';
import { PURPOSE_HEADER } from '../../../http/types.ts';
import type { RetentionConsent } from '../retention/consent.ts';
import {
  ApplicationIdParams,
  EtiasCarrierBody,
  EtiasCarrierReply,
  RetentionConsentBody,
  RetentionConsentReply,
} from './schemas.ts';
import type { EtiasQueries } from './service.ts';

/**
 * The ETIAS routes of other authorities, the carrier service (art. 45), and the applicant's consent to keep the
 * file after the authorisation expires (art. 54(2)).
 */
export function etiasQueryRoutes(deps: { queries: EtiasQueries; consent: RetentionConsent }) {
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
    // Public like the status route (it needs the document number too); rate-limited per client as every public
    // route.
    app.post(
      '/api/v1/etias/applications/:id/retention-consent',
      {
        config: { access: 'public' },
        schema: {
          tags: ['etias'],
          summary:
            "The applicant's consent to keep the file up to 3 years after the authorisation expires (ETIAS art. 54(2))",
          params: ApplicationIdParams,
          body: RetentionConsentBody,
          response: { 200: RetentionConsentReply, ...errorResponses(404, 409) },
        },
      },
      async (request) =>
        deps.consent.consent({
          id: request.params.id,
          documentNumber: request.body.documentNumber,
          years: request.body.years,
          requestId: request.id,
        }),
    );
    return Promise.resolve();
  };
}
