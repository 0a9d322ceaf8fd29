/**
 * The screening-rule and watchlist answers of `/api/v1/etias/screening-rules` and `/api/v1/etias/watchlist`,
 * as the screens read them (the server's TypeBox schemas in src/contexts/etias/screening/schemas.ts and
 * src/contexts/etias/watchlist/schemas.ts are the reference).
 */

export const RISK_TYPES = ['security', 'illegal-immigration', 'epidemic'] as const;
export const LEGAL_BASES = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export const EDUCATION_LEVELS = ['primary', 'secondary', 'higher', 'none'] as const;
export const OCCUPATION_GROUPS = [
  'managers',
  'professionals',
  'technicians',
  'clerical-support',
  'service-and-sales',
  'agriculture',
  'craft-and-trades',
  'plant-and-machine-operators',
  'elementary',
  'armed-forces',
  'student',
  'retired',
  'unemployed',
  'homemaker',
  'other',
] as const;

/** The art. 33(4) fields, and nothing else: the editor offers exactly these. */
export interface RulePredicates {
  ageRange?: { min?: number; max?: number };
  sex?: 'M' | 'F' | 'X';
  nationalities?: string[];
  residenceCountries?: string[];
  residenceCities?: string[];
  educationLevels?: string[];
  occupationGroups?: string[];
}

export interface RuleImpact {
  version: number;
  computedAt: string;
  from: string;
  to: string;
  total: number;
  matched: number;
  matchedIssued: number;
  share: number;
}

export interface Rule {
  id: string;
  version: number;
  name: string;
  riskType: (typeof RISK_TYPES)[number];
  legalBasis: (typeof LEGAL_BASES)[number];
  boardReference: string;
  predicates: RulePredicates;
  author: string;
  createdAt: string;
  reviewDue: string;
  status: 'draft' | 'active' | 'retired';
  impact: RuleImpact | null;
  recordRef: string;
}

/** Art. 33(5): never based solely on sex or age (the server refuses it too). */
export function sexOrAgeAlone(p: RulePredicates): boolean {
  const present = (Object.keys(p) as Array<keyof RulePredicates>).filter((k) => p[k] !== undefined);
  return present.length > 0 && present.every((k) => k === 'sex' || k === 'ageRange');
}

export interface WatchlistData {
  surname?: string;
  givenNames?: string;
  birthDate?: string;
  documents?: Array<{ number: string; issuingState?: string }>;
  email?: string;
  phone?: string;
  nationalities?: string[];
}

export interface WatchlistEntry {
  id: string;
  owner: string;
  reason: string;
  data: WatchlistData & Record<string, unknown>;
  enteredBy: string;
  enteredByAuthority: string;
  enteredAt: string;
  reviewDue: string;
  reviewedAt: string | null;
  impact: { total: number; matched: number; share: number } | null;
  recordRef: string;
}

export interface WatchlistPreview {
  sisAlerts: Array<{ recordRef: string; rule: string; explanation: string[] }>;
  impact: { from: string; to: string; total: number; matched: number; share: number };
}
