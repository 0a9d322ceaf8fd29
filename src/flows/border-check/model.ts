import type { Actor } from '../../contexts/access/index.ts';
import type { FileDetails, IdentityCandidate } from '../../contexts/ees/index.ts';
import type { MrzCorrection, MrzParseResult } from '../../contexts/identity/index.ts';

/** How much a finding weighs for the guard: `stop` means do not admit as things stand. */
export type FindingLevel = 'stop' | 'attention' | 'info';

/** One reason, spelled out, with the system and rule it comes from. */
export interface Finding {
  system: string;
  level: FindingLevel;
  code: string;
  message: string;
  /** SBC Annex V Part B letter this finding would support, if the guard refuses. */
  refusalGround?: string;
}

/** The traveller as read from the document (dates as calendar dates). */
export interface DocumentHolder {
  surname: string;
  givenNames: string;
  nationality: string;
  birthDate: string;
  sex: string;
  documentType: string;
  documentNumber: string;
  issuingState: string;
  expiryDate: string;
}

export interface BorderCheckRequest {
  /** The MRZ as read or typed, lines separated by line breaks. */
  mrz: string;
  /** Border crossing point where the check happens (its local date is the date that counts). */
  bcpId: string;
  /** Try check-digit-driven OCR repair when the MRZ does not validate. */
  autocorrect?: boolean;
  /** Last day of the intended stay, when the traveller states one. */
  intendedExit?: string;
  /** At land borders: the vehicle's number plate as read, and its country if known. */
  vehiclePlate?: string;
  vehicleCountry?: string;
}

export interface BorderCheckResult {
  checkedAt: string;
  bcp: { id: string; localDate: string };
  document: {
    valid: boolean;
    format: string | null;
    corrections: MrzCorrection[];
    problems: Array<{ field: string; message: string }>;
  };
  holder: DocumentHolder | null;
  ees: { file: FileDetails | null; candidates: IdentityCandidate[] };
  /** Results of steps that later systems plug in (SIS, ETIAS, MID), by system. */
  extra: Record<string, unknown>;
  findings: Finding[];
  verdict: 'proceed' | 'attention' | 'refusal-suggested';
}

/** What each step of the check sees. */
export interface StepContext {
  actor: Actor;
  purpose: string;
  requestId?: string;
  today: string;
  bcpId: string;
  holder: DocumentHolder;
  parsed: MrzParseResult;
  intendedExit?: string;
  vehicle?: { plate: string; country?: string };
  result: BorderCheckResult;
}

/**
 * A system's part of the border check. Steps run after the document step and add findings (and optionally
 * data under `result.extra[system]`); SIS, ETIAS and MID plug in here without changing the flow.
 */
export interface BorderCheckStep {
  readonly system: string;
  run(ctx: StepContext): Promise<Finding[]>;
}
