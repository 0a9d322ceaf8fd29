import type { CountryKind, DocumentCountry } from './types.ts';

function special(
  code: string,
  name: string,
  kind: CountryKind,
  extra: { comparisonCode?: string; alpha2?: string } = {},
): DocumentCountry {
  return Object.freeze({
    code,
    comparisonCode: extra.comparisonCode ?? code,
    alpha2: extra.alpha2 ?? null,
    name,
    kind,
    source: 'icao-9303',
  });
}

/**
 * The codes ICAO Doc 9303 Part 3 (section 5) adds to ISO 3166-1 alpha-3 for nationality and issuing
 * State/organisation in machine readable travel documents.
 */
export const icaoSpecialCountries: readonly DocumentCountry[] = Object.freeze([
  // Germany prints the single letter D (filled as `D<<` in the MRZ) instead of DEU; Doc 9303 Part 3 lists it
  // as the exception. Comparisons use DEU so that `D` and `DEU` designate the same nationality.
  special('D', 'Germany', 'state', { comparisonCode: 'DEU', alpha2: 'DE' }),

  // British nationality subcategories: each is its own nationality status, not British citizenship (GBR).
  special('GBD', 'British Overseas Territories Citizen', 'special-nationality'),
  special('GBN', 'British National (Overseas)', 'special-nationality'),
  special('GBO', 'British Overseas Citizen', 'special-nationality'),
  special('GBP', 'British Protected Person', 'special-nationality'),
  special('GBS', 'British Subject', 'special-nationality'),

  // Persons whose document states a status rather than a nationality.
  special(
    'XXA',
    'Stateless person (Art. 1 of the 1954 Convention relating to the Status of Stateless Persons)',
    'special-nationality',
  ),
  special(
    'XXB',
    'Refugee (Art. 1 of the 1951 Convention relating to the Status of Refugees, as amended by the 1967 Protocol)',
    'special-nationality',
  ),
  special('XXC', 'Refugee, other than as defined under XXB', 'special-nationality'),
  special('XXX', 'Person of unspecified nationality', 'special-nationality'),

  // United Nations.
  special('UNO', 'United Nations Organization or one of its officials', 'organisation'),
  special('UNA', 'Specialized agency of the United Nations or one of its officials', 'organisation'),
  special(
    'UNK',
    'Resident of Kosovo to whom a travel document has been issued by the United Nations Interim Administration Mission in Kosovo (UNMIK)',
    'organisation',
  ),

  // Other organisations that issue travel documents (laissez-passer).
  special('EUE', 'European Union', 'organisation'),
  special('XBA', 'African Development Bank', 'organisation'),
  special('XIM', 'African Export-Import Bank', 'organisation'),
  special('XCC', 'Caribbean Community or one of its emissaries (CARICOM)', 'organisation'),
  special('XCE', 'Council of Europe', 'organisation'),
  special('XCO', 'Common Market for Eastern and Southern Africa (COMESA)', 'organisation'),
  special('XEC', 'Economic Community of West African States (ECOWAS)', 'organisation'),
  special('XES', 'Organisation of Eastern Caribbean States (OECS)', 'organisation'),
  special('XMP', 'Parliamentary Assembly of the Mediterranean', 'organisation'),
  special('XOM', 'Sovereign Military Order of Malta or one of its emissaries', 'organisation'),
  special('XPO', 'International Criminal Police Organization (INTERPOL)', 'organisation'),
  special('XDC', 'Southern African Development Community (SADC)', 'organisation'),

  // Kosovo has no ISO 3166-1 code; its passports carry RKS, which border authorities accept alongside the
  // ICAO codes above. The alpha-2 `XK` is the user-assigned code EU institutions use for Kosovo.
  special('RKS', 'Kosovo', 'state', { alpha2: 'XK' }),
]);
