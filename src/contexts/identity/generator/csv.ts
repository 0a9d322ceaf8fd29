import { stringify } from 'csv-stringify/sync';
import type { GeneratedIdentity } from './generate.ts';

/**
 * Columns of the identity CSV: the identity data first, then `cluster` (the truth), then the native-script
 * names, the document, the variant labels, and the hard-negative labels (`relation`: how the record's
 * person was made to resemble another, `related_cluster`: that person's cluster; both empty for ordinary
 * persons; last, so that the earlier columns keep their positions). The MRZ lines are joined by a space (MRZ characters never
 * include one), so each record stays on one line.
 */
export const IDENTITY_CSV_COLUMNS = Object.freeze([
  'id',
  'surname',
  'given_names',
  'birth_date',
  'sex',
  'nationality',
  'place_of_birth',
  'document_number',
  'cluster',
  'surname_native',
  'given_names_native',
  'document_type',
  'issuing_state',
  'expiry_date',
  'mrz',
  'variant_of',
  'variant_kinds',
  'relation',
  'related_cluster',
] as const);

function row(r: GeneratedIdentity): string[] {
  return [
    r.id,
    r.surname,
    r.givenNames,
    r.birthDate,
    r.sex,
    r.nationality,
    r.placeOfBirth,
    r.documentNumber,
    r.cluster,
    r.surnameNative,
    r.givenNamesNative,
    r.documentType,
    r.issuingState,
    r.expiryDate,
    r.mrz.join(' '),
    r.variantOf ?? '',
    r.variantKinds.join(';'),
    r.relation ?? '',
    r.relatedCluster ?? '',
  ];
}

/** The header line of the identity CSV, with its line ending. */
export function identityCsvHeader(): string {
  return stringify([[...IDENTITY_CSV_COLUMNS]]);
}

/** CSV lines (RFC 4180 quoting, `\n` line endings) for records, without the header. */
export function identityCsvRows(records: readonly GeneratedIdentity[]): string {
  return records.length === 0 ? '' : stringify(records.map(row));
}

/** A whole identity CSV: header and records. */
export function identitiesToCsv(records: readonly GeneratedIdentity[]): string {
  return identityCsvHeader() + identityCsvRows(records);
}
