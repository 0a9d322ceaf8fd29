import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callOf } from '../../http/calls.ts';
import { errorResponses, PurposeHeader } from '../../http/schemas.ts';
import { DIMENSIONS } from './figures.ts';
import {
  BarometerQuery,
  BarometerReply,
  CatalogueReply,
  FigureParams,
  FigureQuerySchema,
  StatsAnswerSchema,
} from './schemas.ts';
import type { BarometerAnswer, FigureDefinition, StatsAnswer } from './model.ts';
import type { StatsService } from './service.ts';

const presentFigure = (f: FigureDefinition) => ({ ...f, dimensions: [...f.dimensions] });
const presentAnswer = (a: StatsAnswer) => ({ ...a, by: [...a.by], rows: [...a.rows] });
const presentBarometer = (a: BarometerAnswer) => ({ ...a, headlines: [...a.headlines] });

/** The analyst's statistics routes (2019/817 art. 39): thin adapters over {@link StatsService}. */
export function statsRoutes(deps: { stats: StatsService }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { stats } = deps;
    const tags = ['stats'];
    const config = { access: { permission: 'stats:read', purpose: 'required' } } as const;

    app.get(
      '/api/v1/stats/figures',
      {
        config,
        schema: {
          tags,
          summary: 'The catalogue of figures: dimensions, kind (event or state) and legal basis',
          headers: PurposeHeader,
          response: { 200: CatalogueReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const c = await stats.catalogue(callOf(request));
        return { ...c, figures: c.figures.map(presentFigure) };
      },
    );

    app.get(
      '/api/v1/stats/figures/:figure',
      {
        config,
        schema: {
          tags,
          summary:
            'One figure over a range, by the dimensions asked (and period), filtered by dimension values; counts below the minimum are null; CSV with format=csv',
          headers: PurposeHeader,
          params: FigureParams,
          querystring: FigureQuerySchema,
          produces: ['application/json', 'text/csv'],
          response: {
            200: Type.Union([StatsAnswerSchema, Type.String({ description: 'CSV with a header row' })]),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const q = request.query as Record<string, string | undefined>;
        const filters = Object.fromEntries(
          DIMENSIONS.flatMap((d) => (q[d] === undefined ? [] : [[d, q[d]]])),
        ) as Record<string, string>;
        const answer = await stats.figure(callOf(request), {
          figure: request.params.figure,
          from: request.query.from,
          to: request.query.to,
          by:
            request.query.by === undefined || request.query.by.trim() === ''
              ? []
              : request.query.by.split(',').map((d) => d.trim()),
          interval: request.query.interval,
          filters,
        });
        if (request.query.format === 'csv') {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${answer.figure}.csv"`)
            .send(stats.csv(answer));
        }
        return presentAnswer(answer);
      },
    );

    app.get(
      '/api/v1/stats/barometer',
      {
        config,
        schema: {
          tags,
          summary:
            'The Barometer+ headlines over the range with the period of the same length before it, for one member state or all',
          headers: PurposeHeader,
          querystring: BarometerQuery,
          response: { 200: BarometerReply, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => presentBarometer(await stats.barometer(callOf(request), request.query)),
    );
    return Promise.resolve();
  };
}
