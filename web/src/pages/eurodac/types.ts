/** The Eurodac API's shapes as the screens use them (src/contexts/eurodac/schemas.ts). */

export interface EurodacRegistration {
  id: string;
  /** False for a resettlement registration that is only compared, not recorded (art. 18). */
  recorded: boolean;
  hits: Array<{
    hitId?: string;
    datasetId: string;
    memberState: string;
    category: string;
    score: number;
    falseMatchRate: number;
  }>;
}

export interface EurodacIdentity {
  surname: string;
  givenNames: string;
  birthDate: string;
  sex: string;
  nationalities: string[];
}

export interface EurodacHitDataset {
  id: string;
  memberState: string;
  category: string;
  registeredAt: string;
  identity: EurodacIdentity | null;
  document: { type?: string; number: string; issuingState: string; expiry?: string } | null;
  marked: boolean;
}

export interface TemplateScoreView {
  modality: 'face' | 'finger';
  position: number;
  score: number;
  probeQuality: number;
  storedQuality: number;
}

interface HitCommon {
  id: string;
  state: 'pending' | 'confirmed' | 'rejected';
  createdAt: string;
  score: number;
  falseMatchRate: number;
  decision: 'match' | 'no-match';
}

export interface EurodacHitSummary extends HitCommon {
  datasetId: string;
  matchedDatasetId: string;
  matchedMemberState: string;
  matchedCategory: string;
}

export interface EurodacHitList {
  hits: EurodacHitSummary[];
  total: number;
}

export interface EurodacHitDetail extends HitCommon {
  comparison: TemplateScoreView[];
  dataset: EurodacHitDataset;
  matched: EurodacHitDataset;
  verification: { outcome: 'confirmed' | 'rejected'; reason: string; by: string; at: string } | null;
}
