import { invalid } from '../../../platform/errors.ts';
import { ReferenceErrorCode } from '../errors.ts';
import { isEuEeaOrSwissState } from '../member-states.ts';
import { icaoSpecialCountries } from './icao-specials.ts';
import { isoDocumentCountries } from './iso.ts';
import type { DocumentCountry } from './types.ts';

export type { CountryCodeSource, CountryKind, DocumentCountry } from './types.ts';

/**
 * Every code that may stand for a nationality or an issuing State/organisation in a travel document:
 * the ISO 3166-1 alpha-3 codes followed by the ICAO Doc 9303 Part 3 additions.
 */
export const documentCountries: readonly DocumentCountry[] = Object.freeze([
  ...isoDocumentCountries,
  ...icaoSpecialCountries,
]);

const byCode = new Map<string, DocumentCountry>(documentCountries.map((c) => [c.code, c]));

/**
 * Bring a code to the form it is printed in: trimmed, upper-case, without the MRZ filler `<` that pads
 * `D` to three characters (`D<<`). Returns undefined for anything that is not a string.
 */
function clean(code: unknown): string | undefined {
  if (typeof code !== 'string') {
    return undefined;
  }
  return code.trim().toUpperCase().replace(/<+$/, '');
}

/**
 * The country, territory, organisation or status a travel-document code designates, or undefined if the
 * code is unknown. Accepts lower case, surrounding spaces and MRZ filler (`D<<`).
 *
 * @example lookupCountry('D')?.comparisonCode // 'DEU'
 * @example lookupCountry('XXA')?.kind // 'special-nationality'
 */
export function lookupCountry(code: string): DocumentCountry | undefined {
  const printed = clean(code);
  return printed === undefined ? undefined : byCode.get(printed);
}

/**
 * True if the value is a code that may appear as nationality or issuing State/organisation in a travel
 * document (ISO 3166-1 alpha-3 or an ICAO Doc 9303 Part 3 code). Never throws, whatever it is given.
 *
 * @example isValidDocumentCountryCode('D<<') // true
 * @example isValidDocumentCountryCode('DE') // false: alpha-2 codes are not used in travel documents
 */
export function isValidDocumentCountryCode(code: unknown): boolean {
  const printed = clean(code);
  return printed !== undefined && byCode.has(printed);
}

/** A travel-document code as printed, and the code it is compared on. */
export interface NormalisedCountryCode {
  /** The code as printed in the document (kept for display and for the record). */
  readonly printed: string;
  /** The code to compare nationalities and issuing States on (`D` → `DEU`; otherwise the printed code). */
  readonly comparison: string;
}

function lookupOrThrow(code: string): DocumentCountry {
  const country = lookupCountry(code);
  if (country === undefined) {
    throw invalid(
      ReferenceErrorCode.unknownCountryCode,
      `"${code}" is not an ISO 3166-1 alpha-3 code nor an ICAO Doc 9303 travel-document code; use the three-letter code printed in the document (e.g. FRA, or D for Germany).`,
      { code },
    );
  }
  return country;
}

/**
 * The printed and the comparison form of a travel-document code: Germany's `D` compares as `DEU`, so that a
 * German passport (`D`) and a record holding `DEU` match, while the record keeps the printed `D`. The ICAO
 * status codes (`XXA`, `XXB`, `XXC`, `XXX`) and British subcategories stay as their own codes.
 *
 * @throws AppError `REFERENCE_UNKNOWN_COUNTRY_CODE` (Invalid) for an unknown code.
 * @example normaliseDocumentCountryCode('D<<') // { printed: 'D', comparison: 'DEU' }
 */
export function normaliseDocumentCountryCode(code: string): NormalisedCountryCode {
  const country = lookupOrThrow(code);
  return { printed: country.code, comparison: country.comparisonCode };
}

/**
 * True if a holder of this nationality is a third-country national: the code does not designate an EU
 * Member State, an EEA EFTA state or Switzerland (Schengen Borders Code, Reg. (EU) 2016/399, art. 2(5)-(6)),
 * nor a territory that is part of the EU (Åland, the French outermost regions).
 *
 * Stateless persons, refugees and persons of unspecified nationality are third-country nationals, and so is
 * every code of an organisation (a laissez-passer states no nationality). Andorra, Monaco, San Marino and
 * the Holy See are third countries too, whatever their practical arrangements with their neighbours.
 *
 * @throws AppError `REFERENCE_UNKNOWN_COUNTRY_CODE` (Invalid) for an unknown code.
 * @example isThirdCountry('D') // false
 * @example isThirdCountry('GBR') // true
 */
export function isThirdCountry(code: string): boolean {
  const country = lookupOrThrow(code);
  if (country.kind === 'territory') {
    return country.partOfEu !== true;
  }
  return !isEuEeaOrSwissState(country.comparisonCode);
}
