/** How travellers cross at a border crossing point. Rail is kept apart from road crossings. */
export type BcpKind = 'air' | 'sea' | 'land' | 'rail';

/** A border crossing point on the external borders of the Schengen area (Reg. (EU) 2016/399, art. 2(8)). */
export interface BorderCrossingPoint {
  /**
   * Stable id: `<alpha-2>-<IATA>` for airports (`FR-CDG`), `<alpha-2>-<UN/LOCODE location>-SEA` for sea
   * ports (`DE-HAM-SEA`), `<alpha-2>-<PLACE>` for road crossings (`FI-VAALIMAA`) and `<alpha-2>-<PLACE>-RAIL`
   * for rail crossings (`PL-TERESPOL-RAIL`).
   */
  readonly id: string;
  /** Name in the member state's language(s), with the English name of an airport where one is in use. */
  readonly name: string;
  /** ISO 3166-1 alpha-2 code of the Schengen state operating the BCP. */
  readonly memberStateAlpha2: string;
  /** ISO 3166-1 alpha-3 code of the Schengen state operating the BCP. */
  readonly memberStateAlpha3: string;
  readonly kind: BcpKind;
  /** IANA time zone of the BCP: its local calendar date is the date of an entry or exit recorded there. */
  readonly timeZone: string;
  /** IATA airport code, for air BCPs. */
  readonly iata?: string;
  /** UN/LOCODE of the port (five characters), for sea BCPs. */
  readonly unLocode?: string;
  /** ISO 3166-1 alpha-3 code of the third country (or territory) across the border, for land and rail BCPs. */
  readonly neighbour?: string;
}
