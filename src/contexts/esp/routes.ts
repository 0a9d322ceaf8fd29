import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses, PurposeHeader } from '../../http/schemas.ts';
import { PURPOSE_HEADER } from '../../http/types.ts';
import { MergedReply, ProfilesReply, SearchBody, StreamLine } from './schemas.ts';
import type { EspService } from './service.ts';
import type { SourceAnswer } from './model.ts';

export function espRoutes(deps: { esp: EspService }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { esp } = deps;
    const access = { permission: 'esp:search', purpose: 'required' } as const;

    app.post(
      '/api/v1/search',
      {
        config: { access },
        schema: {
          tags: ['esp'],
          summary:
            'One search across every system the profile allows, streamed as NDJSON, one line per system as it answers',
          description:
            'Each line is `{"type":"answer","answer":{system,status,results[]}}` in the order the systems answer, then `{"type":"done"}`. Access and query errors come back before streaming starts, as problem+json.',
          headers: PurposeHeader,
          body: SearchBody,
          response: {
            200: { content: { 'application/x-ndjson': { schema: StreamLine } } },
            ...errorResponses(401, 403),
          },
        },
      },
      async (request, reply) => {
        const actor = request.actor!;
        const { biometrics, ...query } = request.body;
        const prepared = esp.prepare({
          actor,
          purpose: request.headers[PURPOSE_HEADER] ?? null,
          query,
          ...(biometrics === undefined ? {} : { biometrics }),
        });
        // Streamed by hand: each system's answer is written the moment it arrives.
        void reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'application/x-ndjson; charset=utf-8',
          'cache-control': 'no-store',
          'x-request-id': request.id,
        });
        const controller = new AbortController();
        raw.on('close', () => {
          if (!raw.writableFinished) {
            controller.abort();
          }
        });
        const write = (line: unknown) => {
          if (!raw.destroyed) {
            raw.write(`${JSON.stringify(line)}\n`);
          }
        };
        await esp
          .execute({
            actor,
            prepared,
            requestId: request.id,
            signal: controller.signal,
            onAnswer: (answer) => write({ type: 'answer', answer }),
          })
          .then(
            (summary) => write({ type: 'done', profile: summary.profile, systems: summary.systems }),
            (err: unknown) => {
              request.log.error({ err }, 'search failed while streaming');
              write({
                type: 'failed',
                code: 'ESP_SEARCH_FAILED',
                message: 'The search stopped before every system answered.',
              });
            },
          );
        raw.end();
      },
    );

    app.get(
      '/api/v1/search/profile',
      {
        config: { access: { permission: 'esp:search' } },
        schema: {
          tags: ['esp'],
          summary:
            "The caller's search profiles: for each purpose, the fields a query may use and the systems consulted",
          response: { 200: ProfilesReply, ...errorResponses(401, 403) },
        },
      },
      (request) =>
        Promise.resolve({
          profiles: esp.profilesOf(request.actor!).map((p) => ({
            id: p.id,
            purpose: p.purpose,
            queryFields: [...p.queryFields],
            shall: [...p.shall],
            may: [...p.may],
            basis: p.basis,
            biometric: p.biometric === true,
          })),
        }),
    );

    app.post(
      '/api/v1/search/merged',
      {
        config: { access },
        schema: {
          tags: ['esp'],
          summary: 'The same search, answered once every system has answered or timed out',
          headers: PurposeHeader,
          body: SearchBody,
          response: { 200: MergedReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const answers: SourceAnswer[] = [];
        const { biometrics, ...query } = request.body;
        const summary = await esp.search({
          actor: request.actor!,
          purpose: request.headers[PURPOSE_HEADER] ?? null,
          query,
          ...(biometrics === undefined ? {} : { biometrics }),
          requestId: request.id,
          onAnswer: (a) => answers.push(a),
        });
        return { profile: summary.profile, answers };
      },
    );
    return Promise.resolve();
  };
}
