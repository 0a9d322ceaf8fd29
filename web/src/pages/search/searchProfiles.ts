import type { AuthorityType } from '../../api/types.ts';

/** What an officer may type into the search portal. */
export const QUERY_FIELDS = [
  'surname',
  'givenNames',
  'birthDate',
  'sex',
  'nationality',
  'documentNumber',
  'documentIssuingState',
  'plate',
  'plateCountry',
  'vin',
  'containerNumber',
] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

/** How the form groups the fields. */
export const FIELD_GROUPS: ReadonlyArray<{
  id: 'identity' | 'document' | 'vehicle';
  fields: readonly QueryField[];
}> = [
  { id: 'identity', fields: ['surname', 'givenNames', 'birthDate', 'sex', 'nationality'] },
  { id: 'document', fields: ['documentNumber', 'documentIssuingState'] },
  { id: 'vehicle', fields: ['plate', 'plateCountry', 'vin', 'containerNumber'] },
];

/** The part of a search profile the form needs: the purpose it runs under, its fields and its systems. */
export interface SearchProfileView {
  purpose: string;
  queryFields: readonly QueryField[];
  /** Systems the portal consults for this profile (those it shall and those it may consult). */
  systems: readonly string[];
}

const identity: QueryField[] = ['surname', 'givenNames', 'birthDate', 'sex', 'nationality'];
const documentFields: QueryField[] = ['documentNumber', 'documentIssuingState'];
const vehicle: QueryField[] = ['plate', 'plateCountry', 'vin', 'containerNumber'];

/**
 * The search profiles of the portal (Regulation (EU) 2019/817 Art. 9) as far as the form needs them. The API
 * offers no list of profiles, so this mirrors the server's default profiles; a test compares the two, and
 * the server refuses any field a profile does not allow whatever this table says. Authority types without a
 * profile never see personal data through the portal.
 */
export const SEARCH_PROFILES: Readonly<Partial<Record<AuthorityType, SearchProfileView>>> = {
  border: {
    purpose: 'border-control',
    queryFields: [...identity, ...documentFields, ...vehicle],
    systems: ['ees', 'sis', 'etias', 'mid'],
  },
  visa: {
    purpose: 'visa-examination',
    queryFields: [...identity, ...documentFields],
    systems: ['ees', 'sis'],
  },
  immigration: {
    purpose: 'immigration-check',
    queryFields: [...identity, ...documentFields],
    systems: ['ees', 'sis', 'etias', 'eurodac'],
  },
  police: {
    purpose: 'police-identity-check',
    queryFields: [...identity, ...documentFields, ...vehicle],
    systems: ['sis', 'cir'],
  },
  sirene: {
    purpose: 'sirene-exchange',
    queryFields: [...identity, ...documentFields, ...vehicle],
    systems: ['sis', 'mid'],
  },
  'etias-central': {
    purpose: 'etias-examination',
    queryFields: [...identity, ...documentFields],
    systems: ['etias', 'sis', 'ees', 'mid'],
  },
  'etias-national': {
    purpose: 'etias-examination',
    queryFields: [...identity, ...documentFields],
    systems: ['etias', 'sis', 'ees'],
  },
  asylum: {
    purpose: 'asylum-procedure',
    queryFields: [...identity, ...documentFields],
    systems: ['eurodac'],
  },
};

export function searchProfileFor(authorityType: string): SearchProfileView | null {
  return SEARCH_PROFILES[authorityType as AuthorityType] ?? null;
}
