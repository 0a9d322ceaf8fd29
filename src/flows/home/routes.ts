import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../../http/schemas.ts';
import { COUNTER_IDS, type HomeCounters } from './counters.ts';

export const CountersReply = Type.Object({
  counters: Type.Array(
    Type.Object({
      id: Type.Enum([...COUNTER_IDS]),
      value: Type.Integer({ minimum: 0 }),
      severity: Type.Enum(['info', 'warning', 'danger']),
      href: Type.String({ description: "The filtered list, as the web app's hash route" }),
      status: Type.Optional(Type.Enum(['verified', 'broken'])),
    }),
  ),
});

export function homeRoutes(deps: { home: HomeCounters }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/v1/home/counters',
      {
        // Each counter checks its own permission; a role sees the ones its profile allows, others none.
        config: { access: 'authenticated' },
        schema: {
          tags: ['home'],
          summary:
            "The figures of the caller's home screen (open SIRENE exchanges, alerts due for review, hub hits not acknowledged, overstayers, the audit chain), each with the list it counts",
          response: { 200: CountersReply, ...errorResponses(401) },
        },
      },
      async (request) => ({ counters: await deps.home.countersFor(request.actor!) }),
    );
    return Promise.resolve();
  };
}
