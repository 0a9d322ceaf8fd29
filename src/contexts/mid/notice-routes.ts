import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callOf } from '../../http/calls.ts';
import { errorResponses, PurposeHeader } from '../../http/schemas.ts';
import { LinkNoticesSchema } from './notice-schemas.ts';
import type { MidService } from './service.ts';

const RecordParams = Type.Object({
  ref: Type.String({
    minLength: 1,
    maxLength: 160,
    description: 'The record, `<system>:<record id>` (system ees, etias, eurodac or sis)',
  }),
});

const RecordLinksReply = Type.Object({
  record: Type.String(),
  links: LinkNoticesSchema,
});

/** The links of one record as a query answer shows them (art. 26), for tools and tests. */
export function midNoticeRoutes(deps: { mid: MidService }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/v1/mid/records/:ref/links',
      {
        // Any officer with access to the record's system, for a purpose the profile allows (checked in the use case).
        config: { access: 'authenticated' },
        schema: {
          tags: ['mid'],
          summary:
            "A record's MID links the caller may see (2019/817 and 2019/818 art. 26): red to every authority with a CIR system or SIS, yellow as not yet verified, white with access to both systems, green only to the verifying authority here",
          headers: PurposeHeader,
          params: RecordParams,
          response: { 200: RecordLinksReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => deps.mid.recordLinks({ ...callOf(request), ref: request.params.ref }),
    );
    return Promise.resolve();
  };
}
