/** The five ICAO Doc 9303 machine-readable zone layouts. */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';

/** Every field the parser reports on, across all formats. */
export type MrzFieldName =
  | 'documentCode'
  | 'issuingState'
  | 'name'
  | 'documentNumber'
  | 'documentNumberCheckDigit'
  | 'nationality'
  | 'birthDate'
  | 'birthDateCheckDigit'
  | 'sex'
  | 'expiryDate'
  | 'expiryDateCheckDigit'
  | 'optionalData'
  | 'optionalDataCheckDigit'
  | 'optionalData2'
  | 'compositeCheckDigit';

/** What the parser found for one field: its validity, and a message a person can act on. */
export interface MrzFieldDetail {
  readonly valid: boolean;
  /** `ok` when valid; otherwise what is wrong and what to re-check on the document. */
  readonly message: string;
  /** The characters as printed, fillers included. */
  readonly raw: string;
  /** 1-based line and first column of the field in the MRZ. */
  readonly line: number;
  readonly column: number;
  /** The national deviation profile that made this field acceptable, if the strict ICAO rule failed. */
  readonly profile?: MrzProfileId;
}

/** A document-level problem (wrong shape, unknown layout). */
export interface MrzIssue {
  readonly code: string;
  readonly message: string;
}

/** A national deviation accepted while parsing. */
export interface MrzDeviation {
  readonly profile: MrzProfileId;
  readonly field: MrzFieldName;
  readonly message: string;
}

/** The named national deviations from ICAO Doc 9303 the parser knows (see profiles.ts). */
export type MrzProfileId = 'filler-check-digit' | 'long-number-filler-in-check' | 'germany-d' | 'sex-x';

/** The parsed document. Every value has its fillers removed; dates are as printed (`YYMMDD`). */
export interface MrzParseResult {
  /** `null` when the lines match no ICAO layout. */
  readonly format: MrzFormat | null;
  /** True when every field and every check digit is valid. */
  readonly valid: boolean;
  /** The MRZ lines after whitespace clean-up. */
  readonly lines: readonly string[];
  readonly documentCode: string;
  readonly issuingState: string;
  readonly documentNumber: string;
  readonly surname: string;
  readonly givenNames: string;
  /** True when the name field is full, so the name may have been cut (Doc 9303 Part 3, 4.6). */
  readonly nameTruncated: boolean;
  readonly nationality: string;
  readonly birthDate: string;
  readonly expiryDate: string;
  /** `M`, `F` or `X` (the MRZ filler `<` means unspecified); other characters are passed through. */
  readonly sex: string;
  /** Optional data (TD1 line 1, TD2, MRV) or the personal number (TD3). */
  readonly optionalData: string;
  /** TD1 line 2 optional data; empty for the other formats. */
  readonly optionalData2: string;
  readonly details: Readonly<Partial<Record<MrzFieldName, MrzFieldDetail>>>;
  readonly issues: readonly MrzIssue[];
  readonly deviations: readonly MrzDeviation[];
}

/** Options for parsing. */
export interface MrzParseOptions {
  /**
   * National deviations to accept when the strict ICAO rule fails. Defaults to all known profiles; pass
   * `[]` for strict ICAO Doc 9303.
   */
  readonly profiles?: readonly MrzProfileId[];
}
