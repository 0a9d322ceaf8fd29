import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../http/schemas.ts';
import { notFound } from '../../platform/errors.ts';
import { borderCrossingPoints, localDateAt, lookupBcp } from './bcps/index.ts';
import { documentCountries, isThirdCountry } from './countries/index.ts';
import { memberStates } from './member-states.ts';
import {
  BcpSchema,
  BcpsQuery,
  BcpsReply,
  CountriesQuery,
  CountriesReply,
  LocalDateQuery,
  LocalDateReply,
  MemberStatesReply,
} from './schemas.ts';
import { Type } from 'typebox';

/** Reference data is public knowledge, but it is served to logged-in users only, like the rest of the API. */
export function referenceRoutes() {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const access = { permission: 'reference:read' } as const;

    app.get(
      '/api/v1/reference/countries',
      {
        config: { access },
        schema: {
          tags: ['reference'],
          summary: 'Country codes as used in travel documents (ISO 3166-1 alpha-3 and ICAO Doc 9303 Part 3)',
          querystring: CountriesQuery,
          response: { 200: CountriesReply, ...errorResponses(401, 403) },
        },
      },
      (request) =>
        Promise.resolve({
          countries: documentCountries
            .filter((c) => request.query.kind === undefined || c.kind === request.query.kind)
            .map((c) => ({ ...c, thirdCountry: isThirdCountry(c.code) })),
        }),
    );

    app.get(
      '/api/v1/reference/member-states',
      {
        config: { access },
        schema: {
          tags: ['reference'],
          summary: 'EU, EEA and Swiss states with the dates they apply the Schengen acquis',
          response: { 200: MemberStatesReply, ...errorResponses(401, 403) },
        },
      },
      () => Promise.resolve({ memberStates: [...memberStates] }),
    );

    app.get(
      '/api/v1/reference/bcps',
      {
        config: { access },
        schema: {
          tags: ['reference'],
          summary: 'Border crossing points with their member state and time zone',
          querystring: BcpsQuery,
          response: { 200: BcpsReply, ...errorResponses(401, 403) },
        },
      },
      (request) => {
        const ms = request.query.memberState?.toUpperCase();
        return Promise.resolve({
          borderCrossingPoints: borderCrossingPoints.filter(
            (b) =>
              (ms === undefined || b.memberStateAlpha2 === ms) &&
              (request.query.kind === undefined || b.kind === request.query.kind),
          ),
        });
      },
    );

    app.get(
      '/api/v1/reference/bcps/:id',
      {
        config: { access },
        schema: {
          tags: ['reference'],
          summary: 'One border crossing point',
          params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
          response: { 200: BcpSchema, ...errorResponses(401, 403, 404) },
        },
      },
      (request) => Promise.resolve(findBcp(request.params.id)),
    );

    app.get(
      '/api/v1/reference/bcps/:id/local-date',
      {
        config: { access },
        schema: {
          tags: ['reference'],
          summary:
            'The calendar date of an instant at the border crossing point (the date an entry or exit counts on)',
          params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
          querystring: LocalDateQuery,
          response: { 200: LocalDateReply, ...errorResponses(401, 403, 404) },
        },
      },
      (request) => {
        const bcp = findBcp(request.params.id);
        return Promise.resolve({
          bcp: bcp.id,
          timeZone: bcp.timeZone,
          at: request.query.at,
          localDate: localDateAt(bcp.id, new Date(request.query.at)),
        });
      },
    );

    return Promise.resolve();
  };
}

function findBcp(id: string) {
  const bcp = lookupBcp(id.toUpperCase());
  if (!bcp) {
    throw notFound(
      'REFERENCE_UNKNOWN_BCP',
      `There is no border crossing point "${id}"; list them at /api/v1/reference/bcps.`,
    );
  }
  return bcp;
}
