import { sql, type Executor } from '../../platform/database/index.ts';

/**
 * What the statistics repository reads of an individual file (EES art. 63): codes and days only, never a name,
 * a document or a date of birth. Record ids are returned so that the source can tell its facts apart; they are
 * stored only hashed.
 */
export interface EesStatsRecord {
  fileId: string;
  /** The first nationality (ICAO code). */
  nationality: string;
  stays: Array<{
    id: string;
    entryDate: string;
    entryBcp: string;
    entryState: string;
    exitDate: string | null;
    exitBcp: string | null;
    exitState: string | null;
    /** Flagged under art. 12 and not yet left: the first day of the overstay. */
    overstayingSince: string | null;
  }>;
  refusals: Array<{ id: string; date: string; bcp: string; memberState: string; reasons: string[] }>;
}

/** The files of the ids that EES holds, with their stays and refusals (read only). */
export async function eesStatsRecords(db: Executor, ids: readonly string[]): Promise<EesStatsRecord[]> {
  if (ids.length === 0) {
    return [];
  }
  const { rows } = await sql<{
    id: string;
    nationalities: string[];
    stays: EesStatsRecord['stays'] | null;
    refusals: EesStatsRecord['refusals'] | null;
  }>`select f.id, f.nationalities,
      (select jsonb_agg(jsonb_build_object('id', r.id, 'entryDate', to_char(r.entry_date, 'YYYY-MM-DD'),
          'entryBcp', r.entry_bcp, 'entryState', r.entry_state,
          'exitDate', to_char(r.exit_date, 'YYYY-MM-DD'), 'exitBcp', r.exit_bcp, 'exitState', r.exit_state,
          'overstayingSince', case when r.overstayer and r.exit_at is null and r.authorised_until is not null
            then to_char(r.authorised_until + 1, 'YYYY-MM-DD') end))
        from ees.entry_exit_record r where r.file_id = f.id) as stays,
      (select jsonb_agg(jsonb_build_object('id', x.id, 'date', to_char(x.refusal_date, 'YYYY-MM-DD'),
          'bcp', x.bcp, 'memberState', x.member_state, 'reasons', x.reasons))
        from ees.refusal_record x where x.file_id = f.id) as refusals
    from ees.individual_file f where f.id = any(${[...new Set(ids)]}::text[])`.execute(db);
  return rows.map((r) => ({
    fileId: r.id,
    nationality: r.nationalities[0] ?? 'unknown',
    stays: r.stays ?? [],
    refusals: r.refusals ?? [],
  }));
}
