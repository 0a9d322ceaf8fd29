import type { IdentityData } from '../identity/index.ts';
import type { Partition } from '../sbms/index.ts';
import type { Executor } from '../../platform/database/index.ts';

/**
 * The common identity repository (Regs. (EU) 2019/817 and 2019/818, arts. 17-24): one individual file per
 * person per source system, logically separated per system, each with the reference to the source system and
 * to the actual record (art. 18). EES, ETIAS and Eurodac files are CIR files proper (art. 18(1)); SIS person
 * alerts' identities are held beside them only for the multiple-identity detector (art. 27: the MID searches
 * SIS too), never answered by the CIR's own queries (arts. 20, 22).
 */
export const CIR_SYSTEMS = ['ees', 'etias', 'eurodac', 'sis'] as const;
export type CirSystem = (typeof CIR_SYSTEMS)[number];

/** The systems whose files the CIR's own queries (identification art. 20, flags art. 22) may answer with. */
export const CIR_QUERY_SYSTEMS: readonly CirSystem[] = Object.freeze(['ees', 'etias', 'eurodac']);

/** `<system>:<recordRef>`, e.g. `ees:F-…`, `sis:A-…`: how links and answers name a record. */
export type CirRef = `${CirSystem}:${string}`;

export const cirRef = (system: CirSystem, recordRef: string): CirRef => `${system}:${recordRef}`;

/** A travel document of a file (art. 18(1): travel-document data). */
export interface CirDocument {
  /** As recorded. */
  number: string;
  /** ICAO issuing state code, when known. */
  issuingState?: string;
  /** Document type code (`P`, `I`, …), when known. */
  type?: string;
  /** `YYYY-MM-DD`, when known. */
  expiry?: string;
}

/**
 * One individual file: what the source system holds about the person's identity, documents and biometrics,
 * kept in step with the source record through the change feed and erased with it (art. 23 [K]).
 */
export interface CirFile {
  system: CirSystem;
  /** The source system's own record id (EES file id, ETIAS application id, Eurodac dataset id, SIS alert id). */
  recordRef: string;
  /** The identity data as the MID rules read them (Del. Reg. 2023/333 art. 1, Annex I §1), `system` set. */
  identity: IdentityData;
  documents: CirDocument[];
  /** The sBMS partition holding the record's templates, or null when the record has none (ETIAS never has). */
  biometrics: Partition | null;
  /** The member state that created or last updated the record (the verifying authority's state, art. 29). */
  memberState: string;
  /** SIS only: the alert category (art. 29(2): which alerts make the SIRENE Bureau of the issuer responsible). */
  sisCategory?: string;
  /** When the source record was created / last changed, ISO instant. */
  recordedAt: string;
}

/**
 * How a system's records reach the CIR (the adapter's `cir` hook): which change-feed topics carry its record
 * ids, and how to read the files of given ids. A ref the source no longer holds (erased, deleted, an object
 * alert) is simply absent from the answer, and the CIR removes its file and the links to it.
 */
export interface CirSource {
  readonly system: CirSystem;
  /** Change-feed topics whose refs are this system's record ids (e.g. `ees.files`). */
  readonly topics: readonly string[];
  /** The files of the given record ids that the system holds (at most one per id). */
  load(db: Executor, recordRefs: readonly string[]): Promise<CirFile[]>;
  /** Record ids in id order after `after` (null: from the start), `limit` at most: for a full rebuild. */
  scan(db: Executor, after: string | null, limit: number): Promise<string[]>;
}

/** What happened to the CIR files in one synchronisation step (handed to the MID in the same transaction). */
export interface CirFilesChanged {
  /** Files created or updated, as now stored. */
  readonly upserted: readonly CirFile[];
  /** Refs whose files were removed (source erased or deleted). */
  readonly removed: readonly CirRef[];
}

/**
 * Hooks run in the CIR's synchronisation transaction after its files changed (the MID's detection and link
 * erasure): the files and the links they create commit together or not at all.
 */
export type CirChangeListener = (trx: Executor, changed: CirFilesChanged) => Promise<void>;
