import isoCountries from 'i18n-iso-countries/index.js';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

import type { DocumentCountry } from './types.ts';

// The package's main entry registers ~80 locales at import; only English names are needed here.
isoCountries.registerLocale(english);

/**
 * Codes the package carries that ISO 3166-1 has not assigned. Kosovo appears as the user-assigned `XK`/`XKK`;
 * travel documents use ICAO's `RKS` instead, which the ICAO list adds.
 */
const NOT_ISO_ASSIGNED = new Set(['XKK']);

interface TerritoryFacts {
  readonly sovereign: string | null;
  readonly partOfEu?: true;
}

/**
 * ISO 3166-1 entries whose "independent" flag is "No" (dependent territories), with the State each belongs
 * to. Taiwan and Palestine, also flagged "No" by ISO, are kept as `state` because they issue their own
 * passports under their own codes (see {@link CountryKind}).
 */
const TERRITORIES: Readonly<Record<string, TerritoryFacts>> = {
  ABW: { sovereign: 'NLD' },
  AIA: { sovereign: 'GBR' },
  ALA: { sovereign: 'FIN', partOfEu: true },
  ASM: { sovereign: 'USA' },
  ATA: { sovereign: null },
  ATF: { sovereign: 'FRA' },
  BES: { sovereign: 'NLD' },
  BLM: { sovereign: 'FRA' },
  BMU: { sovereign: 'GBR' },
  BVT: { sovereign: 'NOR' },
  CCK: { sovereign: 'AUS' },
  COK: { sovereign: 'NZL' },
  CUW: { sovereign: 'NLD' },
  CXR: { sovereign: 'AUS' },
  CYM: { sovereign: 'GBR' },
  ESH: { sovereign: null },
  FLK: { sovereign: 'GBR' },
  FRO: { sovereign: 'DNK' },
  GGY: { sovereign: 'GBR' },
  GIB: { sovereign: 'GBR' },
  GLP: { sovereign: 'FRA', partOfEu: true },
  GRL: { sovereign: 'DNK' },
  GUF: { sovereign: 'FRA', partOfEu: true },
  GUM: { sovereign: 'USA' },
  HKG: { sovereign: 'CHN' },
  HMD: { sovereign: 'AUS' },
  IMN: { sovereign: 'GBR' },
  IOT: { sovereign: 'GBR' },
  JEY: { sovereign: 'GBR' },
  MAC: { sovereign: 'CHN' },
  MAF: { sovereign: 'FRA', partOfEu: true },
  MNP: { sovereign: 'USA' },
  MSR: { sovereign: 'GBR' },
  MTQ: { sovereign: 'FRA', partOfEu: true },
  MYT: { sovereign: 'FRA', partOfEu: true },
  NCL: { sovereign: 'FRA' },
  NFK: { sovereign: 'AUS' },
  NIU: { sovereign: 'NZL' },
  PCN: { sovereign: 'GBR' },
  PRI: { sovereign: 'USA' },
  PYF: { sovereign: 'FRA' },
  REU: { sovereign: 'FRA', partOfEu: true },
  SGS: { sovereign: 'GBR' },
  SHN: { sovereign: 'GBR' },
  SJM: { sovereign: 'NOR' },
  SPM: { sovereign: 'FRA' },
  SXM: { sovereign: 'NLD' },
  TCA: { sovereign: 'GBR' },
  TKL: { sovereign: 'NZL' },
  UMI: { sovereign: 'USA' },
  VGB: { sovereign: 'GBR' },
  VIR: { sovereign: 'USA' },
  WLF: { sovereign: 'FRA' },
};

function toDocumentCountry(alpha3: string, alpha2: string): DocumentCountry {
  const name = isoCountries.getName(alpha2, 'en');
  if (name === undefined) {
    // The package ships an English name for every code it lists; a gap means a broken package upgrade.
    throw new Error(`i18n-iso-countries has no English name for ${alpha2}`);
  }
  const territory = TERRITORIES[alpha3];
  if (territory === undefined) {
    return { code: alpha3, comparisonCode: alpha3, alpha2, name, kind: 'state', source: 'iso-3166-1' };
  }
  return {
    code: alpha3,
    comparisonCode: alpha3,
    alpha2,
    name,
    kind: 'territory',
    source: 'iso-3166-1',
    sovereign: territory.sovereign,
    partOfEu: territory.partOfEu === true,
  };
}

/** Every ISO 3166-1 alpha-3 code with its alpha-2 code and English name, in alphabetical order of code. */
export const isoDocumentCountries: readonly DocumentCountry[] = Object.freeze(
  Object.entries(isoCountries.getAlpha3Codes())
    .filter(([alpha3]) => !NOT_ISO_ASSIGNED.has(alpha3))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([alpha3, alpha2]) => Object.freeze(toDocumentCountry(alpha3, alpha2))),
);

/** The territory table, exposed for tests that check every entry names a real ISO code. */
export const territoryCodes: readonly string[] = Object.freeze(Object.keys(TERRITORIES));
