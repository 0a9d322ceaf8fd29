import { sql, type Executor } from '../../platform/database/index.ts';
import type { SortOrder } from '../../platform/sorting.ts';
import type {
  DecisionRow,
  DocumentRow,
  EesTables,
  FileBundle,
  FileRow,
  NewFileRow,
  NewRecordRow,
  NewRefusalRow,
  NoticeRow,
  OverstayRow,
  RecordRow,
  RefusalRow,
} from './tables.ts';

export type * from './tables.ts';

const q = (db: Executor) => db.withTables<EesTables>();

/** The fields the list of overstayers sorts by. */
export const OVERSTAY_SORT_FIELDS = [
  'overstayDays',
  'authorisedUntil',
  'entryDate',
  'surname',
  'entryState',
] as const;
export type OverstaySortField = (typeof OVERSTAY_SORT_FIELDS)[number];

/** Filters and page of the list of overstayers; null means "any". */
export interface OverstayFilter {
  today: string;
  /** Member state of entry. */
  memberState: string | null;
  /** A nationality of the traveller (ISO 3166-1 alpha-3). */
  nationality: string | null;
  sort: SortOrder<OverstaySortField>;
  limit: number;
  offset: number;
}

/** Kysely over the `ees` schema; every method takes the executor (database or transaction) it runs in. */
export class EesRepository {
  async insertFile(trx: Executor, row: NewFileRow, documents: DocumentRow[]): Promise<void> {
    await q(trx).insertInto('ees.individual_file').values(row).execute();
    if (documents.length > 0) {
      await q(trx).insertInto('ees.travel_document').values(documents).execute();
    }
  }

  async findFile(db: Executor, id: string): Promise<FileRow | undefined> {
    return q(db).selectFrom('ees.individual_file').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Reads the file and locks it until the transaction ends, so writes on one traveller are serialised. */
  async lockFile(trx: Executor, id: string): Promise<FileRow | undefined> {
    return q(trx)
      .selectFrom('ees.individual_file')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  async bundle(db: Executor, file: FileRow): Promise<FileBundle> {
    return { file, ...(await this.#linkedRows(db, file.id)) };
  }

  async #linkedRows(db: Executor, fileId: string): Promise<Omit<FileBundle, 'file'>> {
    // One after the other: a transaction runs on one connection.
    const documents = await q(db)
      .selectFrom('ees.travel_document')
      .selectAll()
      .where('file_id', '=', fileId)
      .orderBy('id')
      .execute();
    const records = await q(db)
      .selectFrom('ees.entry_exit_record')
      .selectAll()
      .where('file_id', '=', fileId)
      .orderBy('entry_at')
      .execute();
    const refusals = await q(db)
      .selectFrom('ees.refusal_record')
      .selectAll()
      .where('file_id', '=', fileId)
      .orderBy('refused_at')
      .execute();
    const decisions = await q(db)
      .selectFrom('ees.stay_decision')
      .selectAll()
      .where('file_id', '=', fileId)
      .orderBy('created_at')
      .execute();
    return { documents, records, refusals, decisions };
  }

  /**
   * The bundle for the traveller web service (EES art. 13(1)): the file whose travel document matches number,
   * issuing state and expiry date. The same statements run whether a document matches or not (an unknown
   * document reads the rows of no file), so the answer's timing does not tell a known document from an
   * unknown one.
   */
  async bundleForTravellerService(
    db: Executor,
    document: { issuingState: string; numberNorm: string; expiry: string },
  ): Promise<FileBundle | null> {
    const match = await q(db)
      .selectFrom('ees.travel_document')
      .select('file_id')
      .where('issuing_state', '=', document.issuingState)
      .where('number_norm', '=', document.numberNorm)
      .where('expiry', '=', document.expiry)
      .executeTakeFirst();
    // '' is no file's id: the reads below then return nothing, at the same cost.
    const id = match?.file_id ?? '';
    const file = await this.findFile(db, id);
    const linked = await this.#linkedRows(db, id);
    return file === undefined ? null : { file, ...linked };
  }

  /**
   * Files with everything linked to them, for the in-process read model: one query per table for the whole
   * batch of ids, linked rows in the order {@link bundle} gives them. Ids without a file are left out.
   */
  async bundlesOf(db: Executor, ids: readonly string[]): Promise<FileBundle[]> {
    if (ids.length === 0) {
      return [];
    }
    const files = await q(db).selectFrom('ees.individual_file').selectAll().where('id', 'in', ids).execute();
    return this.#bundlesFor(db, files);
  }

  /** One page of files (keyset by id) with their linked rows, for building the read model at start. */
  async bundlePage(db: Executor, after: string, limit: number): Promise<FileBundle[]> {
    const files = await q(db)
      .selectFrom('ees.individual_file')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute();
    return this.#bundlesFor(db, files);
  }

  async #bundlesFor(db: Executor, files: FileRow[]): Promise<FileBundle[]> {
    if (files.length === 0) {
      return [];
    }
    const ids = files.map((f) => f.id);
    const documents = await q(db)
      .selectFrom('ees.travel_document')
      .selectAll()
      .where('file_id', 'in', ids)
      .orderBy('id')
      .execute();
    const records = await q(db)
      .selectFrom('ees.entry_exit_record')
      .selectAll()
      .where('file_id', 'in', ids)
      .orderBy('entry_at')
      .execute();
    const refusals = await q(db)
      .selectFrom('ees.refusal_record')
      .selectAll()
      .where('file_id', 'in', ids)
      .orderBy('refused_at')
      .execute();
    const decisions = await q(db)
      .selectFrom('ees.stay_decision')
      .selectAll()
      .where('file_id', 'in', ids)
      .orderBy('created_at')
      .execute();
    const out = new Map<string, FileBundle>(
      files.map((file) => [file.id, { file, documents: [], records: [], refusals: [], decisions: [] }]),
    );
    for (const d of documents) {
      out.get(d.file_id)?.documents.push(d);
    }
    for (const r of records) {
      out.get(r.file_id)?.records.push(r);
    }
    for (const r of refusals) {
      out.get(r.file_id)?.refusals.push(r);
    }
    for (const d of decisions) {
      out.get(d.file_id)?.decisions.push(d);
    }
    return [...out.values()];
  }

  /** The file holding this travel document (number compared in its normalised form). */
  async findFileIdByDocument(
    db: Executor,
    issuingState: string,
    numberNorm: string,
  ): Promise<string | undefined> {
    const r = await q(db)
      .selectFrom('ees.travel_document')
      .select('file_id')
      .where('issuing_state', '=', issuingState)
      .where('number_norm', '=', numberNorm)
      .executeTakeFirst();
    return r?.file_id;
  }

  /**
   * Candidate retrieval for an identity search, until the identity index replaces it: the same normalised
   * surname or a trigram-similar one, narrowed to the birth year (files whose year is unknown stay in).
   * Ranking and explanation happen in the service, with the MID comparators.
   */
  async findIdentityCandidates(
    db: Executor,
    query: { surnameNorm: string; birthYear: number | null; limit: number },
  ): Promise<FileRow[]> {
    let select = q(db)
      .selectFrom('ees.individual_file')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('surname_norm', '=', query.surnameNorm),
          eb(sql<number>`similarity(surname_norm, ${query.surnameNorm})`, '>=', 0.4),
        ]),
      );
    if (query.birthYear !== null) {
      select = select.where((eb) =>
        eb.or([eb('birth_year', '=', query.birthYear), eb('birth_year', 'is', null)]),
      );
    }
    return select.orderBy('id').limit(query.limit).execute();
  }

  async documentsOf(db: Executor, fileIds: readonly string[]): Promise<DocumentRow[]> {
    if (fileIds.length === 0) {
      return [];
    }
    return q(db).selectFrom('ees.travel_document').selectAll().where('file_id', 'in', fileIds).execute();
  }

  async updateFileBiometrics(
    trx: Executor,
    id: string,
    set: { facial_image_ref?: string; fingerprint_status?: string; fingerprints?: string; updated_at: Date },
  ): Promise<void> {
    await q(trx).updateTable('ees.individual_file').set(set).where('id', '=', id).execute();
  }

  async insertRecord(trx: Executor, row: NewRecordRow): Promise<void> {
    await q(trx).insertInto('ees.entry_exit_record').values(row).execute();
  }

  async findRecord(db: Executor, id: string): Promise<RecordRow | undefined> {
    return q(db).selectFrom('ees.entry_exit_record').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async closeRecord(
    trx: Executor,
    id: string,
    set: Pick<
      RecordRow,
      | 'exit_at'
      | 'exit_date'
      | 'exit_bcp'
      | 'exit_authority_id'
      | 'exit_authority'
      | 'exit_state'
      | 'overstay_days'
    >,
  ): Promise<void> {
    await q(trx).updateTable('ees.entry_exit_record').set(set).where('id', '=', id).execute();
  }

  async setAuthorisedUntil(
    trx: Executor,
    id: string,
    set: Pick<RecordRow, 'authorised_until' | 'limited_by' | 'overstayer' | 'overstayer_flagged_on'>,
  ): Promise<void> {
    await q(trx).updateTable('ees.entry_exit_record').set(set).where('id', '=', id).execute();
  }

  async insertRefusal(trx: Executor, row: NewRefusalRow): Promise<void> {
    await q(trx).insertInto('ees.refusal_record').values(row).execute();
  }

  async findRefusal(db: Executor, id: string): Promise<RefusalRow | undefined> {
    return q(db).selectFrom('ees.refusal_record').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertDecision(trx: Executor, row: DecisionRow): Promise<void> {
    await q(trx).insertInto('ees.stay_decision').values(row).execute();
  }

  /** Writes the erasure dates computed by the retention rules onto the file and everything linked to it. */
  async setEraseAfter(
    trx: Executor,
    fileId: string,
    file: { eraseAfter: string; overstayer: boolean },
    records: ReadonlyArray<{ id: string; eraseAfter: string }>,
    refusals: ReadonlyArray<{ id: string; eraseAfter: string }>,
  ): Promise<void> {
    await q(trx)
      .updateTable('ees.individual_file')
      .set({ erase_after: file.eraseAfter, overstayer: file.overstayer })
      .where('id', '=', fileId)
      .execute();
    await q(trx)
      .updateTable('ees.travel_document')
      .set({ erase_after: file.eraseAfter })
      .where('file_id', '=', fileId)
      .execute();
    for (const r of records) {
      await q(trx)
        .updateTable('ees.entry_exit_record')
        .set({ erase_after: r.eraseAfter })
        .where('id', '=', r.id)
        .execute();
      await q(trx)
        .updateTable('ees.stay_decision')
        .set({ erase_after: r.eraseAfter })
        .where('record_id', '=', r.id)
        .execute();
      await q(trx)
        .updateTable('ees.erasure_notice')
        .set({ erase_after: r.eraseAfter })
        .where('record_id', '=', r.id)
        .execute();
    }
    for (const r of refusals) {
      await q(trx)
        .updateTable('ees.refusal_record')
        .set({ erase_after: r.eraseAfter })
        .where('id', '=', r.id)
        .execute();
    }
  }

  /** Stays without exit whose authorised stay ended before `today` (family members excluded: no calculator). */
  /**
   * A page of the overstays on `today` (stays without exit past their authorised end, family members aside)
   * and the number of all that match, sorted in SQL with the record id as the last key. The open-stay index on
   * `authorised_until` serves both the filter and the default order.
   */
  async overstays(db: Executor, filter: OverstayFilter): Promise<{ rows: OverstayRow[]; total: number }> {
    let select = q(db)
      .selectFrom('ees.entry_exit_record as r')
      .innerJoin('ees.individual_file as f', 'f.id', 'r.file_id')
      .where('r.exit_at', 'is', null)
      .where('r.family_member', '=', false)
      .where('r.authorised_until', '<', filter.today);
    if (filter.memberState !== null) {
      select = select.where('r.entry_state', '=', filter.memberState);
    }
    if (filter.nationality !== null) {
      select = select.where(sql<boolean>`f.nationalities @> ${JSON.stringify([filter.nationality])}::jsonb`);
    }
    const counted = await select.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const asc = !filter.sort.descending;
    // More days overstayed is an earlier authorised end: that key runs the other way.
    const keys: Record<OverstaySortField, Array<[ReturnType<typeof sql.ref>, boolean]>> = {
      overstayDays: [[sql.ref('r.authorised_until'), !asc]],
      authorisedUntil: [[sql.ref('r.authorised_until'), asc]],
      entryDate: [[sql.ref('r.entry_date'), asc]],
      surname: [
        [sql.ref('f.surname'), asc],
        [sql.ref('f.given_names'), asc],
      ],
      entryState: [
        [sql.ref('r.entry_state'), asc],
        [sql.ref('r.authorised_until'), asc],
      ],
    };
    let page = select
      .selectAll('r')
      .select(['f.surname', 'f.given_names', 'f.birth_date', 'f.nationalities', 'f.responsible_state']);
    for (const [key, up] of keys[filter.sort.field]) {
      page = page.orderBy(key, up ? 'asc' : 'desc');
    }
    const rows = await page
      .orderBy('r.id', asc ? 'asc' : 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { rows, total: Number(counted.n) };
  }

  /**
   * How many stays {@link overstays} would list for a member state of entry: one COUNT over the partial
   * index of open stays by state (0003), reading no row.
   */
  async countOverstays(db: Executor, today: string, memberState: string): Promise<number> {
    const r = await q(db)
      .selectFrom('ees.entry_exit_record')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('exit_at', 'is', null)
      .where('family_member', '=', false)
      .where('entry_state', '=', memberState)
      .where('authorised_until', '<', today)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Flags every overstay not flagged yet (EES art. 12(1)); returns the flagged records. */
  async flagOverstays(trx: Executor, today: string): Promise<Array<{ id: string; file_id: string }>> {
    const flagged = await q(trx)
      .updateTable('ees.entry_exit_record')
      .set({ overstayer: true, overstayer_flagged_on: today })
      .where('exit_at', 'is', null)
      .where('family_member', '=', false)
      .where('overstayer', '=', false)
      .where('authorised_until', '<', today)
      .returning(['id', 'file_id'])
      .execute();
    const fileIds = [...new Set(flagged.map((f) => f.file_id))];
    if (fileIds.length > 0) {
      await q(trx)
        .updateTable('ees.individual_file')
        .set({ overstayer: true })
        .where('id', 'in', fileIds)
        .execute();
    }
    return flagged;
  }

  /** Overstays whose erasure is 3 months away or less and whose member state has not been told yet. */
  async overstaysDueForNotice(trx: Executor, today: string): Promise<OverstayRow[]> {
    return q(trx)
      .selectFrom('ees.entry_exit_record as r')
      .innerJoin('ees.individual_file as f', 'f.id', 'r.file_id')
      .selectAll('r')
      .select(['f.surname', 'f.given_names', 'f.birth_date', 'f.nationalities', 'f.responsible_state'])
      .where('r.exit_at', 'is', null)
      .where('r.family_member', '=', false)
      .where('r.authorised_until', '<', today)
      .where(sql<boolean>`(r.erase_after - interval '3 months')::date <= ${today}::date`)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('ees.erasure_notice as n').select('n.id').whereRef('n.record_id', '=', 'r.id'),
          ),
        ),
      )
      .orderBy('r.id')
      .execute();
  }

  async insertNotice(trx: Executor, row: NoticeRow): Promise<void> {
    await q(trx).insertInto('ees.erasure_notice').values(row).execute();
  }

  async notices(db: Executor, fileId?: string): Promise<NoticeRow[]> {
    let select = q(db).selectFrom('ees.erasure_notice').selectAll();
    if (fileId !== undefined) {
      select = select.where('file_id', '=', fileId);
    }
    return select.orderBy('notified_on').orderBy('id').execute();
  }

  /** Erases entry/exit records due on `today` (their decisions and notices go with them). */
  async eraseRecords(trx: Executor, today: string): Promise<Array<{ id: string; file_id: string }>> {
    const due = q(trx).selectFrom('ees.entry_exit_record').select('id').where('erase_after', '<=', today);
    await q(trx).deleteFrom('ees.stay_decision').where('record_id', 'in', due).execute();
    await q(trx).deleteFrom('ees.erasure_notice').where('record_id', 'in', due).execute();
    return q(trx)
      .deleteFrom('ees.entry_exit_record')
      .where('erase_after', '<=', today)
      .returning(['id', 'file_id'])
      .execute();
  }

  async eraseRefusals(trx: Executor, today: string): Promise<Array<{ id: string; file_id: string }>> {
    return q(trx)
      .deleteFrom('ees.refusal_record')
      .where('erase_after', '<=', today)
      .returning(['id', 'file_id'])
      .execute();
  }

  /**
   * Erases individual files due on `today` with their travel documents. A file still holding a record that
   * is not due is kept (its date is never earlier than its records'; this guards against a stale date).
   */
  async eraseFiles(trx: Executor, today: string): Promise<string[]> {
    const due = await q(trx)
      .selectFrom('ees.individual_file as f')
      .select('f.id')
      .where('f.erase_after', '<=', today)
      .where((eb) =>
        eb.and([
          eb.not(
            eb.exists(
              eb.selectFrom('ees.entry_exit_record as r').select('r.id').whereRef('r.file_id', '=', 'f.id'),
            ),
          ),
          eb.not(
            eb.exists(
              eb.selectFrom('ees.refusal_record as x').select('x.id').whereRef('x.file_id', '=', 'f.id'),
            ),
          ),
        ]),
      )
      .execute();
    const ids = due.map((d) => d.id);
    if (ids.length === 0) {
      return [];
    }
    await q(trx).deleteFrom('ees.travel_document').where('file_id', 'in', ids).execute();
    await q(trx).deleteFrom('ees.individual_file').where('id', 'in', ids).execute();
    return ids;
  }

  /** Row counts per table, for tests and the retention report. */
  async fileCount(db: Executor): Promise<number> {
    const r = await q(db)
      .selectFrom('ees.individual_file')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async counts(db: Executor): Promise<Record<string, number>> {
    const tables = Object.keys({
      'ees.individual_file': 0,
      'ees.travel_document': 0,
      'ees.entry_exit_record': 0,
      'ees.refusal_record': 0,
      'ees.stay_decision': 0,
      'ees.erasure_notice': 0,
    } satisfies Record<keyof EesTables, number>) as Array<keyof EesTables>;
    const out: Record<string, number> = {};
    for (const t of tables) {
      const r = await q(db)
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      out[t] = Number(r.n);
    }
    return out;
  }
}
