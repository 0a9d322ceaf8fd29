import { sql, type Executor } from '../../platform/database/index.ts';

/**
 * What the statistics repository reads of an application file (2018/1240 art. 84(2); 2019/817 art. 39): codes
 * and days only, never a name, a document, a date of birth, an e-mail address or the record a hit names. The
 * application id is returned so that the source can key its facts; the repository stores it only hashed.
 */
export interface EtiasStatsRecord {
  id: string;
  /** The current nationality (art. 17(2)(a), ICAO code). */
  nationality: string;
  /** The state of intended first stay (art. 17(2)(j)), null when not given. */
  intendedState: string | null;
  /** The National Unit responsible for the file (art. 25), null when none is. */
  responsibleState: string | null;
  /** UTC day of submission. */
  submittedDay: string;
  /** The file's history entries that the statistics count, oldest first. */
  events: EtiasStatsEvent[];
  /**
   * The hits that route (not the notify-only ones of art. 23): their source and rule code; for a screening
   * rule, the rule's id (`sr_…`, the version left out), never the record a hit names.
   */
  routingHits: Array<{ source: string; rule: string; memberState: string | null }>;
}

export interface EtiasStatsEvent {
  /** The history entry's id (keys a fact; stored hashed). */
  id: string;
  kind: 'issued' | 'refused' | 'annulled' | 'revoked' | 'to-central-unit' | 'to-national-unit';
  day: string;
  /** Art. 37 grounds of a refusal, annulment or revocation. */
  grounds: string[];
  /** Flags of an issued authorisation (art. 36(2)-(3)). */
  flags: string[];
  /** Issued with limited territorial validity (art. 44). */
  limited: boolean;
}

const KINDS = ['issued', 'refused', 'annulled', 'revoked', 'to-central-unit', 'to-national-unit'];

const day = (d: Date | string): string => new Date(d).toISOString().slice(0, 10);
const codes = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The application files of the ids that ETIAS holds, with their counted history and routing hits (read only). */
export async function etiasStatsRecords(db: Executor, ids: readonly string[]): Promise<EtiasStatsRecord[]> {
  if (ids.length === 0) {
    return [];
  }
  const unique = [...new Set(ids)];
  const { rows } = await sql<{
    id: string;
    nationality: string;
    intended_state: string | null;
    responsible_state: string | null;
    submitted_at: Date | string;
  }>`select id, nationality, intended_state, responsible_state, submitted_at from etias.application
    where id = any(${unique}::text[])`.execute(db);
  if (rows.length === 0) {
    return [];
  }
  const held = rows.map((r) => r.id);
  const events = await sql<{
    id: string;
    application_id: string;
    kind: EtiasStatsEvent['kind'];
    at: Date | string;
    details: Record<string, unknown>;
  }>`select id, application_id, kind, at, details from etias.event
    where application_id = any(${held}::text[]) and kind = any(${KINDS}::text[])
    order by at, id`.execute(db);
  const hits = await sql<{
    application_id: string;
    source: string;
    rule: string;
    record_ref: string;
    member_state: string | null;
  }>`select application_id, source, rule, record_ref, member_state from etias.hit
    where application_id = any(${held}::text[]) and not notify_only`.execute(db);
  const byApp = new Map<string, EtiasStatsRecord>(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        nationality: r.nationality,
        intendedState: r.intended_state,
        responsibleState: r.responsible_state,
        submittedDay: day(r.submitted_at),
        events: [],
        routingHits: [],
      },
    ]),
  );
  for (const e of events.rows) {
    byApp.get(e.application_id)?.events.push({
      id: e.id,
      kind: e.kind,
      day: day(e.at),
      grounds: codes(e.details.grounds),
      flags: codes(e.details.flags),
      limited: Array.isArray(e.details.territorialValidity),
    });
  }
  for (const h of hits.rows) {
    // A screening rule's hit names `rule:<id>@<version>` (screening/service.ts): the rule's id is its code.
    const rule =
      h.source === 'screening-rule' ? (/^rule:([^@]+)@/u.exec(h.record_ref)?.[1] ?? h.rule) : h.rule;
    byApp.get(h.application_id)?.routingHits.push({ source: h.source, rule, memberState: h.member_state });
  }
  return [...byApp.values()];
}
