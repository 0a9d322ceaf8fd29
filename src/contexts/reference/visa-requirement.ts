import { lookupCountry } from './countries/index.ts';
import { isEuEeaOrSwissState } from './member-states.ts';

const codes = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/u));

/**
 * Nationalities whose holders need a visa to cross the external borders: Regulation (EU) 2018/1806 Annex I,
 * as amended up to 2025 [K: the list is not in the regulations digest; taken from the consolidated text and
 * to be confirmed against the Official Journal before production use]. ISO 3166-1 alpha-3 codes.
 * Vanuatu is listed because its Annex II exemption was suspended under art. 8 [K].
 */
const ANNEX_I: ReadonlySet<string> = codes(`
  AFG AGO ARM AZE BDI BEN BFA BGD BHR BLR BLZ BOL BTN BWA CAF CHN CIV CMR COD COG
  COM CPV CUB DJI DOM DZA ECU EGY ERI ETH FJI GAB GHA GIN GMB GNB GNQ GUY HTI IDN
  IND IRN IRQ JAM JOR KAZ KEN KGZ KHM KWT LAO LBN LBR LBY LKA LSO MAR MDG MDV MLI
  MMR MNG MOZ MRT MWI NAM NER NGA NPL OMN PAK PHL PNG PRK PSE QAT RUS RWA SAU SDN
  SEN SLE SOM SSD STP SUR SWZ SYR TCD TGO THA TJK TKM TUN TUR TZA UGA UZB VNM VUT
  YEM ZAF ZMB ZWE
`);

/**
 * Nationalities exempt from the visa requirement for stays of up to 90 days in any 180: Regulation (EU)
 * 2018/1806 Annex II, as amended up to 2025 [K, as above]. Kosovo's passports carry the ICAO code RKS.
 */
const ANNEX_II: ReadonlySet<string> = codes(`
  ALB AND ARE ARG ATG AUS BHS BIH BRA BRB BRN CAN CHL COL CRI DMA FSM GBR GEO GRD
  GTM HND ISR JPN KIR KNA KOR LCA MAC MCO MDA MEX MHL MKD MNE MUS MYS NIC NRU NZL
  PAN PER PLW PRY RKS SGP SLB SLV SMR SRB SYC TLS TON TTO TUV TWN UKR URY USA VAT
  VCT VEN WSM
`);

/**
 * Whether a nationality needs a short-stay visa (Reg. (EU) 2018/1806 arts. 3-4): `required` (Annex I),
 * `exempt` (Annex II), `free-movement` (EU, EEA and Swiss nationals), or `unknown` for codes on neither list
 * (stateless persons, refugees, British overseas nationals and the like: art. 4(2) and national rules decide).
 */
export type VisaRequirement = 'required' | 'exempt' | 'free-movement' | 'unknown';

export function visaRequirement(nationality: string): VisaRequirement {
  const code = lookupCountry(nationality)?.comparisonCode ?? nationality.trim().toUpperCase();
  if (isEuEeaOrSwissState(code)) {
    return 'free-movement';
  }
  if (ANNEX_I.has(code)) {
    return 'required';
  }
  return ANNEX_II.has(code) ? 'exempt' : 'unknown';
}
