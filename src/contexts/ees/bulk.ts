import { Type, type Static } from 'typebox';
import type { Actor } from '../access/index.ts';
import type { IndexedIdentity } from '../matching/index.ts';
import { localDateAt, lookupBcp } from '../reference/index.ts';
import type { BulkValue, BulkWriter } from '../../platform/database/bulk.ts';
import { sql, type Executor } from '../../platform/database/index.ts';
import { isoDate } from '../../platform/dates.ts';
import { conflict, invalid } from '../../platform/errors.ts';
import { checkReasons, entryRules, exitRules, refusalRules } from './crossing-rules.ts';
import { EES_ERRORS } from './errors.ts';
import type { FingerprintSet, NewFileInput } from './model.ts';
import type { DocumentRow, NewFileRow, RecordRow, RefusalRow } from './repository.ts';
import {
  fileEraseAfter,
  plusDays,
  plusYears,
  recordEraseAfter,
  refusalEraseAfter,
} from './retention-periods.ts';
import { CreateFileBody, EntryBody, ExitBody, RefusalBody } from './schemas.ts';
import {
  checkBcp,
  checkDocument,
  checkFingerprints,
  checkFingerprintSet,
  checkIdentity,
  checkInstant,
  checkRef,
  checkVisa,
  newFileRow,
} from './validate.ts';

/**
 * One line of an EES bulk import: the individual file in the body of `POST /api/v1/ees/files`, its
 * crossings in the bodies of the entry, exit and refusal routes (each with `kind`), in the order they
 * happened, and the file's id chosen by the exporter (`eesf_` and 1 to 80 letters, digits, `-` or `_`),
 * which makes the import resumable: a file whose id is stored already is skipped.
 */
export const ImportedFileId = Type.String({ pattern: '^eesf_[A-Za-z0-9_-]{1,80}$' });
export const ImportedFileLine = Type.Object(
  {
    id: ImportedFileId,
    file: CreateFileBody,
    crossings: Type.Array(
      Type.Object({
        kind: Type.Union([Type.Literal('entry'), Type.Literal('exit'), Type.Literal('refusal')]),
      }),
      { maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);
/** The schema each crossing of a line is checked against, after `kind` (which the route gets from its URL). */
export const IMPORTED_CROSSING_BODIES = { entry: EntryBody, exit: ExitBody, refusal: RefusalBody } as const;

export type ImportedCrossing =
  | ({ kind: 'entry' } & Static<typeof EntryBody>)
  | ({ kind: 'exit' } & Static<typeof ExitBody>)
  | ({ kind: 'refusal' } & Static<typeof RefusalBody>);
export interface ImportedFile {
  id: string;
  file: NewFileInput;
  crossings: ImportedCrossing[];
}

/** A file ready to be written: every row as the services store it, and what the identity index keeps. */
export interface PreparedFile {
  id: string;
  file: NewFileRow;
  documents: DocumentRow[];
  records: RecordRow[];
  refusals: RefusalRow[];
  identity: IndexedIdentity;
  /** `issuingState:numberNorm` of each travel document (unique across files). */
  documentKeys: string[];
}

const suffixOf = (id: string) => id.slice('eesf_'.length);

/** The member state a crossing is recorded for: the actor's, or the BCP's when a system imports. */
function stateOf(actor: Actor, bcpId: string): string {
  return actor.kind === 'system' ? lookupBcp(bcpId)!.memberStateAlpha2 : actor.memberState;
}

function completePrints(file: NewFileRow, prints: FingerprintSet | null): void {
  if (prints === null) {
    return;
  }
  if (file.fingerprint_status !== 'pending') {
    throw invalid(
      EES_ERRORS.fingerprintExemptionInvalid,
      `This file's fingerprints are "${file.fingerprint_status}", not pending after a temporary impossibility; leave them out.`,
    );
  }
  file.fingerprint_status = 'captured';
  file.fingerprints = JSON.stringify(prints);
}

/**
 * Applies to one imported file exactly the checks and derivations of `createFile`, `recordEntry`,
 * `recordExit` and `recordRefusal` (the same functions of validate.ts and crossing-rules.ts), against the
 * records built so far in memory instead of those locked in the database; then the retention dates of
 * EES art. 34 as `refreshRetention` computes them. Pure. The file is created at its first crossing.
 *
 * @throws AppError with the `EES_*` code the API would answer
 */
export function prepareImportedFile(
  line: ImportedFile,
  opts: { actor: Actor; now: Date; today: string },
): PreparedFile {
  const { actor, now, today } = opts;
  const input = line.file;
  if ((input.biometrics?.length ?? 0) > 0 || line.crossings.some((c) => (c.biometrics?.length ?? 0) > 0)) {
    // The import writes rows only; templates go through the quality gate and the matching service's feed.
    throw invalid(
      EES_ERRORS.badField,
      'The bulk import takes no biometric templates: enrol them with the file and crossing routes.',
      { field: 'biometrics' },
    );
  }
  const identity = checkIdentity(input);
  if (input.documents.length === 0) {
    throw invalid(EES_ERRORS.documentRequired, 'Give at least one travel document (EES art. 16(1)(b)).');
  }
  const documents = input.documents.map((d, i) => checkDocument(d, `documents[${i}]`));
  const documentKeys = documents.map((d) => `${d.issuingState}:${d.numberNorm}`);
  if (new Set(documentKeys).size !== documentKeys.length) {
    throw conflict(EES_ERRORS.documentRegistered, 'The same travel document is given twice in this file.');
  }
  const facialImageRef = checkRef(input.facialImageRef, 'facialImageRef');
  const prints = checkFingerprints({
    kind: input.kind,
    birthDate: identity.birthDate,
    today,
    ...(input.fingerprints === undefined ? {} : { fingerprints: input.fingerprints }),
    ...(input.fingerprintExemption === undefined ? {} : { exemption: input.fingerprintExemption }),
  });
  const id = line.id;
  const suffix = suffixOf(id);
  const first = line.crossings[0];
  const createdAt = first === undefined ? now : checkInstant(first.at, now, 'crossings[0].at');
  const firstBcp = first === undefined ? null : checkBcp(first.bcpId, actor);
  const file = newFileRow({
    id,
    kind: input.kind,
    identity,
    facialImageRef,
    prints,
    responsibleState: firstBcp === null ? actor.memberState : stateOf(actor, firstBcp.id),
    actor,
    createdAt,
    eraseAfter: plusDays(plusYears(today, 3), 1),
  });

  const records: RecordRow[] = [];
  const refusals: RefusalRow[] = [];
  line.crossings.forEach((c, i) => {
    const field = `crossings[${i}]`;
    const at = checkInstant(c.at, now, `${field}.at`);
    const bcp = checkBcp(c.bcpId, actor);
    const date = localDateAt(bcp.id, at);
    const state = stateOf(actor, bcp.id);
    const crossingPrints = c.fingerprints === undefined ? null : checkFingerprintSet(c.fingerprints);
    if (c.kind === 'entry') {
      const visa = c.visa === undefined ? null : checkVisa(c.visa);
      const familyMember = c.familyMember ?? false;
      const stay = entryRules(file, records, { at, entryDate: date, visa, familyMember });
      completePrints(file, crossingPrints);
      records.push({
        id: `eesr_${suffix}_${i}`,
        file_id: id,
        entry_at: at,
        entry_date: date,
        entry_bcp: bcp.id,
        entry_authority_id: actor.authorityId,
        entry_authority: actor.authorityName,
        entry_state: state,
        family_member: familyMember,
        visa,
        authorised_until: stay.authorisedUntil,
        limited_by: stay.limitedBy,
        exit_at: null,
        exit_date: null,
        exit_bcp: null,
        exit_authority_id: null,
        exit_authority: null,
        exit_state: null,
        overstay_days: null,
        overstayer: false,
        overstayer_flagged_on: null,
        erase_after: date,
      });
    } else if (c.kind === 'exit') {
      const { open, overstayDays } = exitRules(records, { at, exitDate: date });
      completePrints(file, crossingPrints);
      Object.assign(open, {
        exit_at: at,
        exit_date: date,
        exit_bcp: bcp.id,
        exit_authority_id: actor.authorityId,
        exit_authority: actor.authorityName,
        exit_state: state,
        overstay_days: overstayDays,
      });
    } else {
      const reasons = checkReasons(c.reasons);
      const face =
        c.facialImageRef === undefined ? null : checkRef(c.facialImageRef, `${field}.facialImageRef`);
      refusalRules(file, records, { reasons, face, prints: crossingPrints });
      if (face !== null) {
        file.facial_image_ref = face;
      }
      completePrints(file, crossingPrints);
      refusals.push({
        id: `eesx_${suffix}_${i}`,
        file_id: id,
        refused_at: at,
        refusal_date: date,
        bcp: bcp.id,
        authority_id: actor.authorityId,
        authority: actor.authorityName,
        member_state: state,
        reasons,
        erase_after: date,
      });
    }
  });
  // EES art. 34, as refreshRetention computes it after each write.
  const periods = records.map((r) => {
    r.erase_after = recordEraseAfter({
      entryDate: r.entry_date,
      exitDate: r.exit_date,
      authorisedUntil: r.authorised_until,
      familyMember: r.family_member,
    });
    return { eraseAfter: r.erase_after, exitDate: r.exit_date, familyMember: r.family_member };
  });
  for (const r of refusals) {
    r.erase_after = refusalEraseAfter(r.refusal_date);
  }
  file.erase_after = fileEraseAfter({
    createdOn: isoDate(createdAt),
    records: periods,
    refusals: refusals.map((r) => ({ eraseAfter: r.erase_after })),
  });
  return {
    id,
    file,
    documents: documents.map((d, i) => ({
      id: `eesd_${suffix}_${i}`,
      file_id: id,
      doc_type: d.type,
      number: d.number,
      number_norm: d.numberNorm,
      issuing_state: d.issuingState,
      expiry: d.expiry,
      erase_after: file.erase_after,
    })),
    records,
    refusals,
    identity: {
      system: 'ees',
      recordRef: id,
      surname: identity.surname,
      givenNames: identity.givenNames,
      birthDate: identity.birthDate,
      sex: identity.sex,
      nationalities: identity.nationalities,
      placeOfBirth: '',
      documentNumber: documents[0]?.number ?? '',
    },
    documentKeys,
  };
}

const FILE_COLUMNS = [
  'id',
  'kind',
  'surname',
  'given_names',
  'surname_norm',
  'given_names_norm',
  'birth_date',
  'birth_year',
  'sex',
  'nationalities',
  'facial_image_ref',
  'fingerprint_status',
  'fingerprint_exemption',
  'fingerprints',
  'responsible_state',
  'created_by_authority_id',
  'created_by_authority',
  'created_at',
  'updated_at',
  'overstayer',
  'erase_after',
] as const satisfies ReadonlyArray<keyof NewFileRow>;
const DOCUMENT_COLUMNS = [
  'id',
  'file_id',
  'doc_type',
  'number',
  'number_norm',
  'issuing_state',
  'expiry',
  'erase_after',
] as const satisfies ReadonlyArray<keyof DocumentRow>;
const RECORD_COLUMNS = [
  'id',
  'file_id',
  'entry_at',
  'entry_date',
  'entry_bcp',
  'entry_authority_id',
  'entry_authority',
  'entry_state',
  'family_member',
  'visa',
  'authorised_until',
  'limited_by',
  'exit_at',
  'exit_date',
  'exit_bcp',
  'exit_authority_id',
  'exit_authority',
  'exit_state',
  'overstay_days',
  'overstayer',
  'overstayer_flagged_on',
  'erase_after',
] as const satisfies ReadonlyArray<keyof RecordRow>;
const REFUSAL_COLUMNS = [
  'id',
  'file_id',
  'refused_at',
  'refusal_date',
  'bcp',
  'authority_id',
  'authority',
  'member_state',
  'reasons',
  'erase_after',
] as const satisfies ReadonlyArray<keyof RefusalRow>;

const pick = <R extends object>(row: R, columns: ReadonlyArray<keyof R>, json: ReadonlyArray<keyof R> = []) =>
  columns.map((c) => (json.includes(c) ? JSON.stringify(row[c]) : (row[c] as BulkValue)));

/** Writes prepared files with everything linked to them (EES repository, bulk path). */
export async function insertPreparedFiles(writer: BulkWriter, files: readonly PreparedFile[]): Promise<void> {
  await writer.insert(
    'ees.individual_file',
    FILE_COLUMNS,
    files.map((f) => pick(f.file, FILE_COLUMNS)),
  );
  await writer.insert(
    'ees.travel_document',
    DOCUMENT_COLUMNS,
    files.flatMap((f) => f.documents.map((d) => pick(d, DOCUMENT_COLUMNS))),
  );
  await writer.insert(
    'ees.entry_exit_record',
    RECORD_COLUMNS,
    files.flatMap((f) => f.records.map((r) => pick(r, RECORD_COLUMNS, ['visa']))),
  );
  await writer.insert(
    'ees.refusal_record',
    REFUSAL_COLUMNS,
    files.flatMap((f) => f.refusals.map((r) => pick(r, REFUSAL_COLUMNS, ['reasons']))),
  );
}

/** Which of these file ids are stored already. */
export async function storedFileIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const r = await sql<{
    id: string;
  }>`select id from ees.individual_file where id = any(${sql.val([...ids])}::text[])`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}

/** The file holding each of these documents (`issuingState:numberNorm`), where one does. */
export async function documentHolders(db: Executor, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) {
    return new Map();
  }
  const states = keys.map((k) => k.slice(0, k.indexOf(':')));
  const numbers = keys.map((k) => k.slice(k.indexOf(':') + 1));
  const r = await sql<{ issuing_state: string; number_norm: string; file_id: string }>`
    select d.issuing_state, d.number_norm, d.file_id
    from ees.travel_document d
    join unnest(${sql.val(states)}::text[], ${sql.val(numbers)}::text[]) as k(s, n)
      on d.issuing_state = k.s and d.number_norm = k.n`.execute(db);
  return new Map(r.rows.map((x) => [`${x.issuing_state}:${x.number_norm}`, x.file_id]));
}
