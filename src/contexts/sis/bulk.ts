import { Type } from 'typebox';
import type { Actor } from '../access/index.ts';
import type { IndexedIdentity } from '../matching/index.ts';
import type { BulkWriter } from '../../platform/database/bulk.ts';
import { sql, type Executor } from '../../platform/database/index.ts';
import { invalid } from '../../platform/errors.ts';
import { plusYears } from './context.ts';
import { SIS_ERRORS } from './errors.ts';
import type { AlertInput } from './model.ts';
import type { Template } from '../sbms/index.ts';
import type { AlertRow } from './repository.ts';
import { AlertBody } from './schemas.ts';
import { reviewPeriod, type SisSettings } from './settings.ts';
import { newAlertRow, prepareAlert, type IndexedIdentifier, type IndexedName } from './validate.ts';

/**
 * One line of a SIS bulk import: the alert in the body of `POST /api/v1/sis/alerts`, with the id chosen by
 * the exporter (`sis_` and 1 to 80 letters, digits, `-` or `_`; a re-run skips stored ids), and, for a
 * migration by the system itself, the issuing member state and authority and the day the alert was
 * entered (its review date counts from that day, 2018/1862 art. 53). `links` may name alerts of earlier
 * lines or stored alerts.
 */
export const ImportedAlertLine = Type.Object(
  {
    id: Type.String({ pattern: '^sis_[A-Za-z0-9_-]{1,80}$' }),
    alert: AlertBody,
    enteredOn: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    issuer: Type.Optional(
      Type.Object(
        {
          memberState: Type.String({ pattern: '^[A-Z]{2}$' }),
          authority: Type.String({ minLength: 1, maxLength: 200 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export interface ImportedAlert {
  id: string;
  alert: AlertInput;
  enteredOn?: string;
  issuer?: { memberState: string; authority: string };
}

/** An alert ready to be written, with its search keys, links and identity-index entry. */
export interface PreparedImportedAlert {
  id: string;
  row: AlertRow;
  names: IndexedName[];
  identifiers: IndexedIdentifier[];
  links: string[];
  /** Null for an alert on an object. */
  identity: IndexedIdentity | null;
  /** The person's templates, decoded and past the quality gate, to enrol in the `sis` partition. */
  templates?: Template[];
}

/**
 * Applies to one imported alert the checks and derivations of `createAlert` (prepareAlert: every field,
 * normalised names, confusion-folded identifier keys, covert and urgency flags; the review date of
 * 2018/1862 art. 53 / 1861 art. 39 from the day entered). Pure; links are checked by the importer.
 *
 * @throws AppError `SIS_ALERT_INVALID`
 */
export function prepareImportedAlert(
  line: ImportedAlert,
  opts: { actor: Actor; now: Date; today: string; settings: SisSettings },
): PreparedImportedAlert {
  const { actor, now, today } = opts;
  const prepared = prepareAlert(line.alert, today);
  const entered = line.enteredOn ?? today;
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(entered) || Number.isNaN(Date.parse(entered)) || entered > today) {
    throw invalid(SIS_ERRORS.alertInvalid, `enteredOn must be a calendar date not after ${today}.`, {
      issues: [{ path: 'enteredOn', message: 'is not a past calendar date' }],
    });
  }
  if (line.issuer !== undefined && actor.kind !== 'system' && line.issuer.memberState !== actor.memberState) {
    throw invalid(SIS_ERRORS.alertInvalid, 'Only the system may import alerts of another member state.', {
      issues: [{ path: 'issuer.memberState', message: 'is not your member state' }],
    });
  }
  const links = prepared.input.links ?? [];
  if (links.includes(line.id)) {
    throw invalid(SIS_ERRORS.alertInvalid, 'An alert cannot be linked to itself.', {
      issues: [{ path: 'links', message: 'lists the alert itself' }],
    });
  }
  const review = reviewPeriod(line.alert, entered, opts.settings);
  const enteredAt = entered === today ? now : new Date(`${entered}T09:00:00Z`);
  const p = prepared.input.person;
  return {
    id: line.id,
    row: newAlertRow({
      id: line.id,
      prepared,
      issuer: {
        memberState: line.issuer?.memberState ?? actor.memberState,
        authority: line.issuer?.authority ?? actor.authorityName,
        authorityId: line.issuer === undefined ? actor.authorityId : null,
      },
      createdBy: actor.username,
      enteredAt,
      review: { due: plusYears(entered, review.years), basis: review.basis },
    }),
    names: prepared.names,
    identifiers: prepared.identifiers,
    links: [...new Set(links)],
    identity: !p?.surname
      ? null
      : {
          system: 'sis',
          recordRef: line.id,
          surname: p.surname,
          givenNames: p.givenNames ?? '',
          birthDate: p.birthDate ?? '',
          sex: p.sex ?? '',
          nationalities: p.nationalities ?? [],
          placeOfBirth: p.placeOfBirth ?? '',
          documentNumber: p.documents?.[0]?.number ?? '',
        },
  };
}

const ALERT_COLUMNS = [
  'id',
  'kind',
  'category',
  'covert',
  'urgent',
  'object_type',
  'content',
  'action',
  'warning_markers',
  'surname_norm',
  'birth_year',
  'issuing_state',
  'issuing_authority',
  'issuing_authority_id',
  'created_by',
  'created_at',
  'updated_at',
  'version',
  'review_due',
  'review_basis',
] as const satisfies ReadonlyArray<keyof AlertRow>;

/** Writes prepared alerts with their names, identifiers and links (SIS repository, bulk path). */
export async function insertPreparedAlerts(
  writer: BulkWriter,
  alerts: readonly PreparedImportedAlert[],
  now: Date,
): Promise<void> {
  await writer.insert(
    'sis.alert',
    ALERT_COLUMNS,
    alerts.map((a) =>
      ALERT_COLUMNS.map((c) =>
        c === 'content' || c === 'warning_markers' ? JSON.stringify(a.row[c]) : a.row[c],
      ),
    ),
  );
  await writer.insert(
    'sis.alert_name',
    ['alert_id', 'role', 'name_norm', 'birth_year'],
    alerts.flatMap((a) => a.names.map((n) => [a.id, n.role, n.norm, n.birthYear])),
  );
  await writer.insert(
    'sis.alert_identifier',
    ['alert_id', 'kind', 'owner', 'country', 'raw', 'norm', 'folded'],
    alerts.flatMap((a) =>
      a.identifiers.map((i) => [a.id, i.kind, i.owner, i.country, i.raw, i.norm, i.folded]),
    ),
  );
  const pairs = new Map<string, [string, string]>();
  for (const a of alerts) {
    for (const other of a.links) {
      const pair: [string, string] = a.id < other ? [a.id, other] : [other, a.id];
      pairs.set(pair.join(' '), pair);
    }
  }
  if (pairs.size > 0) {
    // A link may exist already (the other alert named this one first): insert only the new ones.
    const as = [...pairs.values()].map((p) => p[0]);
    const bs = [...pairs.values()].map((p) => p[1]);
    await sql`insert into sis.alert_link (a, b, created_at)
      select k.a, k.b, ${now} from unnest(${sql.val(as)}::text[], ${sql.val(bs)}::text[]) as k(a, b)
      on conflict (a, b) do nothing`.execute(writer.trx);
  }
}

/** Which of these alert ids are stored already. */
export async function storedAlertIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const r = await sql<{
    id: string;
  }>`select id from sis.alert where id = any(${sql.val([...ids])}::text[])`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}
