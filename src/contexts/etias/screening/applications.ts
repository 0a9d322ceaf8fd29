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
  return { id: row.id, status: row.status, subject, screening };
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
    async validAuthorisations(db, { after, limit }) {
      const today = isoDate(clock.now());
      let query = q(db)
        .selectFrom('etias.application')
        .select(['id', 'status', 'content', 'submitted_at'])
        .where('status', '=', 'issued')
        .where('valid_from', '<=', today)
        .where('valid_until', '>=', today);
      if (after !== null) {
        query = query.where('id', '>', after);
      }
      return (await query.orderBy('id').limit(limit).execute()).map(past);
    },
  };
}
