/**
 * What a three-letter code in a travel document designates (ICAO Doc 9303 Part 3, section 5 "Codes for
 * nationality, place of birth, location of issuing State/authority").
 *
 * - `state`: a State or entity that issues its own travel documents. `state` records no position on
 *   recognition: it is used for every ISO 3166-1 entry that is not a dependent territory, and for Kosovo
 *   (`RKS`), whose passports carry that code.
 * - `territory`: a dependent territory listed in ISO 3166-1 (e.g. Gibraltar, Åland, Réunion).
 * - `organisation`: an international organisation issuing travel documents (e.g. `UNO`, `EUE`, `XPO`).
 * - `special-nationality`: a status rather than a State: British nationality subcategories (`GBD`…`GBS`),
 *   stateless persons and refugees (`XXA`, `XXB`, `XXC`) and unspecified nationality (`XXX`).
 */
export type CountryKind = 'state' | 'organisation' | 'special-nationality' | 'territory';

/** Where a code comes from: the ISO 3166-1 alpha-3 list, or the codes ICAO adds for travel documents. */
export type CountryCodeSource = 'iso-3166-1' | 'icao-9303';

/** One code that may appear as nationality or issuing State/organisation in a travel document. */
export interface DocumentCountry {
  /** The code exactly as printed in a travel document (three letters, or `D` for Germany). */
  readonly code: string;
  /**
   * The code to compare on: the ISO 3166-1 alpha-3 code of the same State where the printed code is a
   * substitute for it (`D` → `DEU`), otherwise the printed code itself.
   */
  readonly comparisonCode: string;
  /** ISO 3166-1 alpha-2 code, or null for codes with no alpha-2 equivalent (organisations, statuses). */
  readonly alpha2: string | null;
  /** English name. */
  readonly name: string;
  readonly kind: CountryKind;
  readonly source: CountryCodeSource;
  /**
   * For a territory: the alpha-3 code of the State it belongs to, or null where there is none (Antarctica)
   * or it is disputed (Western Sahara). Absent for every other kind.
   */
  readonly sovereign?: string | null;
  /**
   * True for the territories that are part of the European Union (Åland and the French outermost regions,
   * TFEU art. 349 and 355(4)). Their inhabitants hold the nationality of an EU Member State.
   */
  readonly partOfEu?: boolean;
}
