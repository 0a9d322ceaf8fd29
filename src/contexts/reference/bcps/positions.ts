/** Where a border crossing point lies, in WGS 84 decimal degrees (rounded to 0.01°, about a kilometre). */
export interface BcpPosition {
  readonly lat: number;
  readonly lon: number;
}

/**
 * Positions of the crossing points the demo world's traffic uses, for maps. Airports: the aerodrome reference
 * point published in the state's AIP (as listed by OurAirports, public domain); land crossings: the checkpoint
 * on OpenStreetMap (ODbL). Crossing points not listed here are shown on no map until someone adds them.
 */
export const bcpPositions: Readonly<Record<string, BcpPosition>> = Object.freeze({
  'DE-BER': { lat: 52.37, lon: 13.5 },
  'DE-FRA': { lat: 50.03, lon: 8.57 },
  'DE-MUC': { lat: 48.35, lon: 11.79 },
  'EE-NARVA': { lat: 59.38, lon: 28.2 },
  'EE-TLL': { lat: 59.41, lon: 24.83 },
  'ES-AGP': { lat: 36.67, lon: -4.5 },
  'ES-BCN': { lat: 41.3, lon: 2.08 },
  'ES-BENI-ENZAR': { lat: 35.27, lon: -2.95 },
  'ES-MAD': { lat: 40.47, lon: -3.56 },
  'ES-TARAJAL': { lat: 35.87, lon: -5.34 },
  'FI-HEL': { lat: 60.32, lon: 24.96 },
  'FR-CDG': { lat: 49.01, lon: 2.55 },
  'FR-NCE': { lat: 43.66, lon: 7.22 },
  'FR-ORY': { lat: 48.72, lon: 2.38 },
  'GR-ATH': { lat: 37.94, lon: 23.94 },
  'GR-EVZONOI': { lat: 41.1, lon: 22.55 },
  'GR-KASTANIES': { lat: 41.65, lon: 26.48 },
  'GR-KIPOI': { lat: 40.92, lon: 26.32 },
  'HU-BEREGSURANY': { lat: 48.17, lon: 22.56 },
  'HU-BUD': { lat: 47.44, lon: 19.26 },
  'HU-ROSZKE': { lat: 46.19, lon: 20.04 },
  'HU-TOMPA': { lat: 46.21, lon: 19.55 },
  'HU-ZAHONY': { lat: 48.41, lon: 22.18 },
  'IT-FCO': { lat: 41.8, lon: 12.25 },
  'IT-MXP': { lat: 45.63, lon: 8.72 },
  'IT-VCE': { lat: 45.51, lon: 12.35 },
  'NL-AMS': { lat: 52.31, lon: 4.76 },
  'PL-DOROHUSK': { lat: 51.17, lon: 23.81 },
  'PL-KORCZOWA': { lat: 49.95, lon: 23.09 },
  'PL-MEDYKA': { lat: 49.8, lon: 22.94 },
  'PL-TERESPOL': { lat: 52.07, lon: 23.62 },
  'PL-WAW': { lat: 52.17, lon: 20.97 },
});

/** Positions of places by UN/LOCODE (the UN/LOCODE code list gives each location's coordinates), for hubs. */
export const locodePositions: Readonly<Record<string, BcpPosition>> = Object.freeze({
  BEANR: { lat: 51.27, lon: 4.33 },
  DEDUI: { lat: 51.43, lon: 6.76 },
});
