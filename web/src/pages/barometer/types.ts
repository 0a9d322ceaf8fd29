import type { ApiResponse } from '../../api/types.ts';

/* The statistics API's answers as the Barometer+ reads them, from the generated OpenAPI types. */

export type StatsCatalogue = ApiResponse<'/api/v1/stats/figures', 'get'>;
export type FigureDefinition = StatsCatalogue['figures'][number];
// The route declares its CSV (a string) under both media types; the JSON answer is the object.
export type StatsAnswer = Exclude<ApiResponse<'/api/v1/stats/figures/{figure}', 'get'>, string>;
export type StatsRow = StatsAnswer['rows'][number];
export type BarometerAnswer = ApiResponse<'/api/v1/stats/barometer', 'get'>;
export type BarometerHeadline = BarometerAnswer['headlines'][number];
