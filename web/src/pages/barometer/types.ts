/*
 * The statistics API's shapes (`src/contexts/stats/model.ts`) as the Barometer+ reads them. Replaced by the
 * types generated from the OpenAPI document once the statistics routes are in it.
 */

export interface StatsRow {
  key: Record<string, string>;
  count: number | null;
}

export interface StatsAnswer {
  figure: string;
  from: string;
  to: string;
  by: string[];
  interval: 'day' | 'week' | 'month' | 'total';
  filters: Record<string, string>;
  minCell: number;
  rows: StatsRow[];
  total: number | null;
  suppressed: number;
  asOf: { position: number; at: string };
}

export interface FigureDefinition {
  code: string;
  kind: 'event' | 'state';
  dimensions: string[];
  label: string;
  legalBasis: string;
}

export interface StatsCatalogue {
  figures: FigureDefinition[];
}

export interface BarometerHeadline {
  figure: string;
  filters: Record<string, string>;
  value: number | null;
  previous: number | null;
  change: number | null;
}

export interface BarometerAnswer {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  memberState: string | null;
  minCell: number;
  headlines: BarometerHeadline[];
  asOf: { position: number; at: string };
}
