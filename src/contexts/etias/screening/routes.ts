import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses, PurposeHeader } from '../../../http/schemas.ts';
import { PURPOSE_HEADER } from '../../../http/types.ts';
import {
  ActivateBody,
  NewVersionBody,
  RuleBody,
  RuleListQuery,
  RuleListReply,
  RuleParams,
  RuleReply,
} from './schemas.ts';
import type { ScreeningRules } from './service.ts';

const tags = ['etias'];
const access = { permission: 'etias:rules', purpose: 'required' } as const;

function call(request: FastifyRequest) {
  return {
    actor: request.actor!,
    purpose: (request.headers[PURPOSE_HEADER] as string | undefined) ?? null,
    requestId: request.id,
  };
}

/** Screening rules (art. 33): thin adapters over {@link ScreeningRules}; the Central Unit's (`etias:rules`). */
export function screeningRoutes(deps: { rules: ScreeningRules }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { rules } = deps;
    const base = '/api/v1/etias/screening-rules';

    app.get(
      base,
      {
        config: { access },
        schema: {
          tags,
          summary: 'The latest version of every screening rule (art. 33), newest first',
          headers: PurposeHeader,
          querystring: RuleListQuery,
          response: { 200: RuleListReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => ({ items: await rules.list({ ...call(request), ...request.query }) }),
    );

    app.post(
      base,
      {
        config: { access },
        schema: {
          tags,
          summary: 'Write a screening rule as a draft (version 1); a rule on sex or age alone is refused',
          headers: PurposeHeader,
          body: RuleBody,
          response: { 201: RuleReply, ...errorResponses(401, 403) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await rules.createDraft({ ...call(request), rule: request.body })),
    );

    app.get(
      `${base}/:id/versions`,
      {
        config: { access },
        schema: {
          tags,
          summary: 'Every version of a rule, latest first (old versions explain past hits)',
          headers: PurposeHeader,
          params: RuleParams,
          response: { 200: RuleListReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => ({ items: await rules.versions({ ...call(request), id: request.params.id }) }),
    );

    app.post(
      `${base}/:id/versions`,
      {
        config: { access },
        schema: {
          tags,
          summary: 'Change a rule: a new version, a draft (the running version runs until it is activated)',
          headers: PurposeHeader,
          params: RuleParams,
          body: NewVersionBody,
          response: { 201: RuleReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { expectedVersion, ...rule } = request.body;
        return reply
          .status(201)
          .send(await rules.newVersion({ ...call(request), id: request.params.id, expectedVersion, rule }));
      },
    );

    app.post(
      `${base}/:id/impact`,
      {
        config: { access },
        schema: {
          tags,
          summary:
            'Measure the latest version: the share of past applications it would send to manual processing',
          headers: PurposeHeader,
          params: RuleParams,
          response: { 200: RuleReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) => rules.measureImpact({ ...call(request), id: request.params.id }),
    );

    app.post(
      `${base}/:id/activate`,
      {
        config: { access },
        schema: {
          tags,
          summary: 'Activate the latest version (a draft whose impact was measured); the running one retires',
          headers: PurposeHeader,
          params: RuleParams,
          body: ActivateBody,
          response: { 200: RuleReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) =>
        rules.activate({
          ...call(request),
          id: request.params.id,
          expectedVersion: request.body.expectedVersion,
        }),
    );

    app.post(
      `${base}/:id/retire`,
      {
        config: { access },
        schema: {
          tags,
          summary: 'Retire a rule: it stops running; its versions stay to explain past hits',
          headers: PurposeHeader,
          params: RuleParams,
          response: { 200: RuleReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) => rules.retire({ ...call(request), id: request.params.id }),
    );
    return Promise.resolve();
  };
}
