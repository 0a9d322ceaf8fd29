import type { IntlShape } from 'react-intl';

import { isMessageId, type MessageId } from '../../i18n/messages.ts';

/** Every ETIAS screen reads under this purpose (art. 20-26 examination). */
export const EXAMINATION_PURPOSE = 'etias-examination';

/** The hit rule codes of automated processing (the server's `HIT_RULES`), for the queue's filter. */
export const HIT_RULE_CODES = [
  'SIS_DOCUMENT_LOST_STOLEN',
  'SIS_REFUSAL_ALERT',
  'SIS_ARREST_ALERT',
  'SIS_MISSING_PERSON',
  'SIS_JUDICIAL_PROCEDURE',
  'SIS_DISCREET_CHECK',
  'SIS_POSSIBLE_MATCH',
  'EES_REFUSAL',
  'EES_OVERSTAY',
  'ETIAS_EARLIER_REFUSAL',
  'ETIAS_DOCUMENT_OTHER_IDENTITY',
  'EURODAC_RECORD',
  'WATCHLIST',
  'SCREENING_RULE',
  'BACKGROUND_ANSWER',
] as const;

/** A hit rule in the interface language (`etias.hit.<RULE>`); an unknown code is shown as it is. */
export function ruleLabel(intl: IntlShape, rule: string): string {
  const id = `etias.hit.${rule}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : rule;
}

/** A hit source (`sis`, `ees`, …) in the interface language (`etias.queue.source.<source>`). */
export function sourceLabel(intl: IntlShape, source: string): string {
  const id = `etias.queue.source.${source}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : source.toUpperCase();
}

/** A value of a record or application as one line of text. */
function text(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return value
      .map(text)
      .filter((v) => v !== '')
      .join(', ');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${text(v)}`)
      .join('; ');
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A record's fields as `dotted.path → value`: nested objects are walked, lists of plain values kept as one
 * value, lists of objects walked by index (`documents.0.number`).
 */
export function flatten(value: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [key, v] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (Array.isArray(v) && v.some((x) => typeof x === 'object' && x !== null)) {
      v.forEach((x, i) => {
        if (typeof x === 'object' && x !== null) {
          out.push(...flatten(x as Record<string, unknown>, `${path}.${i}`));
        } else {
          out.push([`${path}.${i}`, x]);
        }
      });
    } else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      out.push(...flatten(v as Record<string, unknown>, path));
    } else {
      out.push([path, v]);
    }
  }
  return out;
}

/**
 * The application's fields an officer compares with a hit record, and how a record may name them: `names` are
 * matched against a field's own name anywhere in the record, `paths` against the end of its path, so that a
 * document's issuing state is not confused with the issuing state of a SIS alert.
 */
const COMPARED: ReadonlyArray<{
  field: string;
  label: MessageId;
  names: readonly string[];
  paths?: readonly string[];
}> = [
  { field: 'surname', label: 'etias.apply.surname', names: ['surname', 'familyname', 'lastname'] },
  {
    field: 'givenNames',
    label: 'etias.apply.givenNames',
    names: ['givennames', 'givenname', 'firstnames', 'firstname', 'forenames'],
  },
  {
    field: 'surnameAtBirth',
    label: 'etias.apply.surnameAtBirth',
    names: ['surnameatbirth', 'birthname', 'namesatbirth'],
  },
  { field: 'otherNames', label: 'etias.apply.otherNames', names: ['othernames', 'aliases', 'alias'] },
  { field: 'birthDate', label: 'etias.apply.birthDate', names: ['birthdate', 'dateofbirth', 'dob'] },
  { field: 'sex', label: 'etias.apply.sex', names: ['sex', 'gender'] },
  { field: 'placeOfBirth', label: 'etias.apply.placeOfBirth', names: ['placeofbirth', 'birthplace'] },
  { field: 'countryOfBirth', label: 'etias.apply.countryOfBirth', names: ['countryofbirth'] },
  {
    field: 'nationalities',
    label: 'etias.queue.field.nationalities',
    names: ['nationalities', 'nationality'],
  },
  {
    field: 'document.number',
    label: 'etias.apply.documentNumber',
    names: ['documentnumber'],
    paths: ['document.number', 'documents.number'],
  },
  {
    field: 'document.issuingState',
    label: 'etias.apply.issuingState',
    names: ['documentissuingstate'],
    paths: [
      'document.issuingstate',
      'document.issuingcountry',
      'documents.issuingstate',
      'documents.issuingcountry',
    ],
  },
  {
    field: 'document.expiry',
    label: 'etias.apply.expiry',
    names: ['documentexpiry'],
    paths: ['document.expiry', 'document.expirydate', 'documents.expiry', 'documents.expirydate'],
  },
  { field: 'residence.country', label: 'etias.apply.residenceCountry', names: ['residencecountry'] },
  { field: 'residence.city', label: 'etias.apply.residenceCity', names: ['residencecity'] },
  { field: 'email', label: 'etias.apply.email', names: ['email'] },
  { field: 'phone', label: 'etias.apply.phone', names: ['phone', 'telephone'] },
];

/** One line of the side-by-side view: the application's value, the record's, and whether they differ. */
export interface ComparedRow {
  /** The application's field, or the record's own field name when the application has no such field. */
  key: string;
  label: MessageId | null;
  /** The record's field the value comes from (`person.surname`), shown to the officer. */
  recordField: string | null;
  application: string;
  record: string;
  /** Both sides have a value and they differ (ignoring case, accents, spacing and order of list items). */
  differs: boolean;
}

/** A value reduced for comparison: no accents, no case, single spaces, list items sorted. */
export function comparable(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .split(/\s*,\s*/u)
    .map((part) => part.replace(/[\s-]+/gu, ' ').trim())
    .sort()
    .join(',');
}

function valueAt(source: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined),
      source,
    );
}

/**
 * The application and a hit record side by side (art. 22: the Central Unit compares the data that
 * triggered the hit): the compared fields in the application's order, each with the record's field of the
 * same meaning, then the record's other fields alone. Differences are marked, so that the officer sees at a
 * glance whether the hit is about the same person.
 */
export function compareWithRecord(
  application: Record<string, unknown>,
  record: Record<string, unknown> | null,
): ComparedRow[] {
  const fields = flatten(record ?? {});
  const used = new Set<string>();
  const rows: ComparedRow[] = [];
  for (const c of COMPARED) {
    const match = fields.find(([path]) => {
      if (used.has(path)) {
        return false;
      }
      const plain = path.replace(/\.\d+(?=\.|$)/gu, '').toLowerCase();
      const last = plain.split('.').at(-1) ?? plain;
      return c.names.includes(last) || (c.paths ?? []).some((p) => plain === p || plain.endsWith(`.${p}`));
    });
    const applicationValue = text(valueAt(application, c.field));
    if (match !== undefined) {
      used.add(match[0]);
      // Every document number or nationality of the record, when it lists several.
      const siblings = fields.filter(
        ([path]) =>
          !used.has(path) && path.replace(/\.\d+(?=\.|$)/gu, '') === match[0].replace(/\.\d+(?=\.|$)/gu, ''),
      );
      siblings.forEach(([path]) => used.add(path));
      const recordValue = [match, ...siblings]
        .map(([, v]) => text(v))
        .filter((v) => v !== '')
        .join(', ');
      rows.push({
        key: c.field,
        label: c.label,
        recordField: match[0],
        application: applicationValue,
        record: recordValue,
        differs: applicationValue !== '' && recordValue !== '' && !sameValue(applicationValue, recordValue),
      });
    } else if (applicationValue !== '') {
      rows.push({
        key: c.field,
        label: c.label,
        recordField: null,
        application: applicationValue,
        record: '',
        differs: false,
      });
    }
  }
  for (const [path, value] of fields) {
    if (!used.has(path) && text(value) !== '') {
      rows.push({
        key: `record:${path}`,
        label: null,
        recordField: path,
        application: '',
        record: text(value),
        differs: false,
      });
    }
  }
  return rows;
}

/**
 * Whether two values say the same: equal once made {@link comparable}, or one side's list holds all of the
 * other's items (a record with one of the applicant's nationalities, an application with one of the record's
 * document numbers).
 */
function sameValue(application: string, record: string): boolean {
  const a = comparable(application).split(',');
  const r = comparable(record).split(',');
  const within = (xs: string[], ys: string[]) => xs.every((x) => ys.includes(x));
  return within(a, r) || within(r, a);
}
