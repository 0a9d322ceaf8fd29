import { sql } from 'kysely';
import type { Executor } from '../../../platform/database/index.ts';
import { isoDate } from '../../../platform/dates.ts';
import type { Clock } from '../../../platform/clock.ts';
import { subjectOf } from '../processing.ts';
import type { ApplicationInput } from '../model.ts';
import type { EtiasTables } from '../tables.ts';
import type { PastApplication, PastApplications } from './context.ts';
import type { ScreeningData } from './rule.ts';

const q = (db: Executor) => db.withTables<EtiasTables>();

type Row = { id: string; status: string; content: ApplicationInput; submitted_at: Date };

function past(row: Row): PastApplication {
  const input = row.content;
  const applicationDate = isoDate(row.submitted_at);
  const subject = {
    ...subjectOf(row.id, input),
    applicationDate,
    ...(input.education === undefined ? {} : { education: input.education }),
    ...(input.occupation === undefined ? {} : { occupation: input.occupation }),
  };
  const screening: ScreeningData = {
    birthDate: input.birthDate,
    applicationDate,
    sex: input.sex,
    nationalities: input.nationalities,
    residence: { country: input.residence.country, city: input.residence.city },
    education: input.education,
    occupation: input.occupation,
  };
  const intendedState = input.intendedFirstStay?.memberState;
  return {
    id: row.id,
    status: row.status,
    subject,
    screening,
    ...(intendedState === undefined ? {} : { intendedState }),
  };
}

/**
 * The stored applications (`etias.application`, the core's table) as the impact measures and the art. 41(4)
 * comparison read them: page by page in id order, the full application data so that the pure predicate or
 * the watchlist comparison runs on exactly what automated processing compared.
 */
export function storedApplications(clock: Clock): PastApplications {
  return {
    async page(db, { from, after, limit }) {
      let query = q(db)
        .selectFrom('etias.application')
        .select(['id', 'status', 'content', 'submitted_at'])
        .where('submitted_at', '>=', from);
      if (after !== null) {
        query = query.where('id', '>', after);
      }
      return (await query.orderBy('id').limit(limit).execute()).map(past);
    },
    async validCandidates(db, keys) {
      const today = isoDate(clock.now());
      const { documents, emails, phones, surnames, ids } = keys;
      if ([documents, emails, phones, surnames, ids].every((k) => k.length === 0)) {
        return [];
      }
      const rows = await q(db)
        .selectFrom('etias.application')
        .select(['id', 'status', 'content', 'submitted_at'])
        .where('status', '=', 'issued')
        .where('valid_from', '<=', today)
        .where('valid_until', '>=', today)
        .where((eb) =>
          eb.or([
            ...(documents.length > 0 ? [eb('document_number_norm', 'in', [...documents])] : []),
            ...(emails.length > 0 ? [eb('email_norm', 'in', [...emails])] : []),
            ...(surnames.length > 0 ? [eb('surname_norm', 'in', [...surnames])] : []),
            ...(ids.length > 0 ? [eb('id', 'in', [...ids])] : []),
            // Phones are not indexed: compared as digits, an international 00 read as +.
            ...(phones.length > 0
              ? [
                  eb(
                    sql<string>`regexp_replace(regexp_replace(content->>'phone', '[^0-9]', '', 'g'), '^00', '')`,
                    'in',
                    [...phones],
                  ),
                ]
              : []),
          ]),
        )
        .orderBy('id')
        .limit(10_000)
        .execute();
      return rows.map(past);
    },
  };
}
