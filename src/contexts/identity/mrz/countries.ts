import countries from 'i18n-iso-countries';

/**
 * Codes that Doc 9303 Part 3 (section 5) adds to ISO 3166-1 alpha-3 for the issuing state and nationality
 * fields: Germany's `D`, the British nationality classes, UN and other organisations, and the codes for
 * stateless persons, refugees and unspecified nationality.
 */
const ICAO_ONLY_CODES = [
  'D',
  'EUE',
  'GBD',
  'GBN',
  'GBO',
  'GBP',
  'GBS',
  'UNA',
  'UNK',
  'UNO',
  'XBA',
  'XCC',
  'XCE',
  'XCO',
  'XDC',
  'XEC',
  'XES',
  'XIM',
  'XOM',
  'XPO',
  'XXA',
  'XXB',
  'XXC',
  'XXX',
  // Kosovo: printed on its own documents; not in ISO 3166-1 but widely accepted by border systems.
  'RKS',
  // Utopia: the fictitious state of every Doc 9303 specimen, kept so the published examples validate.
  'UTO',
];

const KNOWN = new Set<string>([...Object.keys(countries.getAlpha3Codes()), ...ICAO_ONLY_CODES]);

/** True when `code` (fillers removed) is an ISO 3166-1 alpha-3 code or one of the Doc 9303 Part 3 codes. */
export function isKnownStateCode(code: string): boolean {
  return KNOWN.has(code);
}
