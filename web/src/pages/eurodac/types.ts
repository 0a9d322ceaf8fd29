/** The Eurodac API's shapes as the screens use them. */

export interface EurodacRegistration {
  id: string;
  hits: Array<{ datasetId: string; memberState: string; category: string; score: number }>;
}

export interface EurodacIdentity {
  surname?: string | null;
  givenNames?: string | null;
  birthDate?: string | null;
  sex?: string | null;
  nationalities?: string[] | null;
}

export interface EurodacDatasetView {
  id: string;
  memberState: string;
  category: string;
  registeredAt?: string | null;
  identity?: EurodacIdentity | null;
  document?: { type?: string | null; number?: string | null; issuingState?: string | null } | null;
}

export interface TemplateScoreView {
  modality: 'face' | 'finger';
  position: number;
  score: number;
  probeQuality: number;
  storedQuality: number;
}

export interface EurodacHitSummary {
  id: string;
  state: string;
  createdAt: string;
  datasetId: string;
  hitDatasetId: string;
  memberState: string;
  category: string;
  score: number;
}

export interface EurodacHitList {
  items: EurodacHitSummary[];
  total: number;
}

export interface EurodacHitDetail {
  id: string;
  state: string;
  createdAt: string;
  dataset: EurodacDatasetView;
  hitDataset: EurodacDatasetView;
  comparison: {
    score: number;
    decision: 'match' | 'no-match';
    falseMatchRate: number;
    scores: TemplateScoreView[];
  };
  verification?: { decision: string; reason: string; at: string; by?: string | null } | null;
}
