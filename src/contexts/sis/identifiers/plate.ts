import { lookupCountry } from '../../reference/index.ts';
import { compactIdentifier, foldConfusions, PLATE_CONFUSIONS } from './fold.ts';

/**
 * Current general-issue plate formats of some registration states, on the compacted text (no spaces,
 * hyphens or seals). Used only to say whether a plate looks like its country's format: an unknown format is
 * never refused, because older series, special plates and foreign trade plates exist everywhere.
 */
const PLATE_FORMATS: Readonly<Record<string, RegExp>> = Object.freeze({
  AUT: /^[A-Z]{1,2}[A-Z0-9]{3,6}$/u,
  BEL: /^[1-9][A-Z]{3}\d{3}$/u,
  CHE: /^[A-Z]{2}\d{1,6}$/u,
  DEU: /^[A-Z]{1,3}[A-Z]{1,2}\d{1,4}[EH]?$/u,
  DNK: /^[A-Z]{2}\d{5}$/u,
  ESP: /^\d{4}[B-DF-HJ-NPR-TV-Z]{3}$/u,
  FIN: /^[A-Z]{2,3}\d{1,3}$/u,
  FRA: /^[A-Z]{2}\d{3}[A-Z]{2}$/u,
  GBR: /^[A-Z]{2}\d{2}[A-Z]{3}$/u,
  ITA: /^[A-Z]{2}\d{3}[A-Z]{2}$/u,
  NLD: /^[A-Z0-9]{6}$/u,
  NOR: /^[A-Z]{2}\d{5}$/u,
  POL: /^[A-Z]{2,3}[A-Z0-9]{4,5}$/u,
  PRT: /^[A-Z0-9]{6}$/u,
  SWE: /^[A-Z]{3}\d{2}[A-Z0-9]$/u,
  // The formats below were added from general knowledge of current national series, not from the national
  // registers' specifications [K]; an unknown or mismatching plate is still never refused, only not judged.
  BGR: /^[A-Z]{1,2}\d{4}[A-Z]{2}$/u,
  CYP: /^[A-Z]{3}\d{3}$/u,
  CZE: /^\d[A-Z][A-Z0-9]\d{4}$/u,
  EST: /^\d{3}[A-Z]{3}$/u,
  GRC: /^[A-Z]{3}\d{4}$/u,
  HRV: /^[A-Z]{2}\d{3,4}[A-Z]{1,2}$/u,
  HUN: /^[A-Z]{3,4}\d{3}$/u,
  IRL: /^\d{2,3}[A-Z]{1,2}\d{1,6}$/u,
  ISL: /^[A-Z]{2}[A-Z0-9]\d{2}$/u,
  LIE: /^FL\d{1,5}$/u,
  LTU: /^[A-Z]{3}\d{3}$/u,
  LUX: /^([A-Z]{2}\d{4}|\d{4,6})$/u,
  LVA: /^[A-Z]{2}\d{1,4}$/u,
  MLT: /^[A-Z]{3}\d{3}$/u,
  ROU: /^(B\d{2,3}|[A-Z]{2}\d{2})[A-Z]{3}$/u,
  SVK: /^[A-Z]{2}\d{3}[A-Z]{2}$/u,
  SVN: /^[A-Z]{2}[A-Z0-9]{3,5}$/u,
  // Main neighbouring countries.
  ALB: /^[A-Z]{2}\d{3}[A-Z]{2}$/u,
  BLR: /^\d{4}[A-Z]{2}\d$/u,
  MDA: /^[A-Z]{3}\d{3}$/u,
  MKD: /^[A-Z]{2}\d{4}[A-Z]{2}$/u,
  RUS: /^[A-Z]\d{3}[A-Z]{2}\d{2,3}$/u,
  SRB: /^[A-Z]{2}\d{3,5}[A-Z]{2}$/u,
  TUR: /^\d{2}[A-Z]{1,3}\d{2,4}$/u,
  UKR: /^[A-Z]{2}\d{4}[A-Z]{2}$/u,
});

/** A number plate as read or recorded, with its comparison forms. */
export interface NormalisedPlate {
  /** The text as given, kept for display and for the record. */
  raw: string;
  /** Registration state, ICAO/ISO 3166-1 alpha-3 comparison code (`D` → `DEU`), or null when not known. */
  country: string | null;
  /** Upper case, diacritics removed, spaces, hyphens and every other separator stripped. */
  normalised: string;
  /** {@link normalised} with plate-reader look-alikes folded (O/0/Q/D, I/1/L, B/8, S/5, Z/2, G/6). */
  folded: string;
  /** True when the country is known and the plate fits its current general format; null when not judged. */
  formatRecognised: boolean | null;
}

/**
 * Normalises a number plate for storage and comparison: the raw text is kept, separators are stripped, and
 * the folded key tolerates reader confusions. The country, when given, is mapped to its comparison code.
 *
 * @example normalisePlate('B-MW 1234', 'D') // { normalised: 'BMW1234', folded: '8MW1234', country: 'DEU', ... }
 */
export function normalisePlate(raw: string, country?: string | null): NormalisedPlate {
  const normalised = compactIdentifier(raw);
  const code =
    country === undefined || country === null ? null : (lookupCountry(country)?.comparisonCode ?? null);
  const format = code === null ? undefined : PLATE_FORMATS[code];
  return {
    raw,
    country: code,
    normalised,
    folded: foldConfusions(normalised, PLATE_CONFUSIONS),
    formatRecognised: format === undefined ? null : format.test(normalised),
  };
}
