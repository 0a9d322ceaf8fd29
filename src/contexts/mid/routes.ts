import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { callOf, sendWritten, WriteHeaders, writeCallOf } from '../../http/calls.ts';
import { errorResponses, PurposeHeader } from '../../http/schemas.ts';
import { IdParams, LinkDetailReply, LinkReply, LinksQuery, LinksReply, VerificationBody } from './schemas.ts';
import type { MidVerification } from './verification/service.ts';

/**
 * The multiple-identity detector's routes for the verifying authorities (Regs. (EU) 2019/817 and 2019/818,
 * arts. 21, 26(1) and 29-33): thin adapters over the MID's verification use cases.
 */
export function midRoutes(deps: { mid: Pick<MidVerification, 'links' | 'linkDetail' | 'verify'> }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { mid } = deps;
    const tags = ['mid'];
    const config = { access: { permission: 'mid:verify', purpose: 'required' } } as const;

    app.get(
      '/api/v1/mid/links',
      {
        config,
        schema: {
          tags,
          summary:
            "The links the caller's authority verifies (art. 29: its type and member state), with their deadlines; sorted, filtered and paged",
          headers: PurposeHeader,
          querystring: LinksQuery,
          response: { 200: LinksReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => mid.links({ ...callOf(request), ...request.query }),
    );

    app.get(
      '/api/v1/mid/links/:id',
      {
        config,
        schema: {
          tags,
          summary:
            'A link with both records side by side, the identity comparison per category, the evidence, the colours it allows and its history (arts. 21, 26(1))',
          headers: PurposeHeader,
          params: IdParams,
          response: { 200: LinkDetailReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => mid.linkDetail({ ...callOf(request), id: request.params.id }),
    );

    app.post(
      '/api/v1/mid/links/:id/verification',
      {
        config,
        schema: {
          tags,
          summary:
            'Verify a yellow link into white, green or red with reasons (arts. 29-33); a red link writes the notice to the person (art. 32); accepts an Idempotency-Key',
          headers: WriteHeaders,
          params: IdParams,
          body: VerificationBody,
          response: { 200: LinkReply, ...errorResponses(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await mid.verify({ ...writeCallOf(request), id: request.params.id, ...request.body }),
          200,
        ),
    );
    return Promise.resolve();
  };
}
