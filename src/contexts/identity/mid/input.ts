import { parsePartialDate } from '../compare/index.ts';
import type { AliasIdentity, IdentityData, MidSystem, SisQualification } from './types.ts';

/** One problem found in an input record, with the path of the offending property. */
export interface InputIssue {
  path: string;
  message: string;
}

/** A checked {@link IdentityData}, or every problem found in the input. */
export type IdentityInputResult = { ok: true; value: IdentityData } | { ok: false; issues: InputIssue[] };

const SYSTEMS: readonly MidSystem[] = ['EES', 'ETIAS', 'SIS', 'ECRIS-TCN', 'VIS', 'EURODAC'];
const QUALIFICATIONS: readonly SisQualification[] = ['not-confirmed', 'alias', 'misused'];
const NAME_KEYS = ['surname', 'givenNames', 'surnameAtBirth'] as const;
const LIST_KEYS = ['previousSurnames', 'previousGivenNames', 'aliases', 'nationalities'] as const;
const TEXT_KEYS = ['sex', 'placeOfBirth', 'countryOfBirth', 'documentNumber'] as const;
const ALIAS_KEYS = new Set([
  'qualification',
  'surname',
  'givenNames',
  'birthDate',
  'sex',
  'nationalities',
  'placeOfBirth',
  'countryOfBirth',
]);
const KNOWN_KEYS = new Set<string>([
  'system',
  'birthDate',
  'aliasIdentities',
  ...NAME_KEYS,
  ...LIST_KEYS,
  ...TEXT_KEYS,
]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function checkDate(value: unknown, path: string, issues: InputIssue[]): void {
  if (value === undefined) {
    return;
  }
  if (typeof value !== 'string') {
    issues.push({ path, message: 'must be a string YYYY-MM-DD' });
    return;
  }
  const parsed = parsePartialDate(value);
  if (!parsed.ok) {
    issues.push({ path, message: parsed.reason });
  }
}

function checkAlias(value: unknown, path: string, issues: InputIssue[]): void {
  if (!isRecord(value)) {
    issues.push({ path, message: 'must be an object' });
    return;
  }
  for (const key of Object.keys(value)) {
    if (!ALIAS_KEYS.has(key)) {
      issues.push({ path: `${path}.${key}`, message: 'is not a field of an alias identity' });
    }
  }
  if (!QUALIFICATIONS.includes(value.qualification as SisQualification)) {
    issues.push({ path: `${path}.qualification`, message: `must be one of ${QUALIFICATIONS.join(', ')}` });
  }
  for (const key of ['surname', 'givenNames'] as const) {
    const v = value[key];
    if (v !== undefined && typeof v !== 'string' && !isStringList(v)) {
      issues.push({ path: `${path}.${key}`, message: 'must be a string or a list of strings' });
    }
  }
  for (const key of ['sex', 'placeOfBirth', 'countryOfBirth'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') {
      issues.push({ path: `${path}.${key}`, message: 'must be a string' });
    }
  }
  if (value.nationalities !== undefined && !isStringList(value.nationalities)) {
    issues.push({ path: `${path}.nationalities`, message: 'must be a list of strings' });
  }
  checkDate(value.birthDate, `${path}.birthDate`, issues);
}

/**
 * Checks that an untrusted value (e.g. parsed JSON) is an {@link IdentityData}: known properties only, the
 * right types, dates written `YYYY-MM-DD` (`00` for unknown parts). Reports every problem, not just the first.
 *
 * @example parseIdentityData({ surname: 'SMITH', birthDate: '1980-13-01' }) // { ok: false, issues: [...] }
 */
export function parseIdentityData(input: unknown, path = ''): IdentityInputResult {
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  if (!isRecord(input)) {
    return { ok: false, issues: [{ path: path === '' ? '(record)' : path, message: 'must be an object' }] };
  }
  const issues: InputIssue[] = [];
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key)) {
      issues.push({ path: at(key), message: 'is not an identity data field' });
    }
  }
  if (input.system !== undefined && !SYSTEMS.includes(input.system as MidSystem)) {
    issues.push({ path: at('system'), message: `must be one of ${SYSTEMS.join(', ')}` });
  }
  for (const key of NAME_KEYS) {
    const v = input[key];
    if (v !== undefined && typeof v !== 'string' && !isStringList(v)) {
      issues.push({ path: at(key), message: 'must be a string or a list of strings' });
    }
  }
  for (const key of LIST_KEYS) {
    if (input[key] !== undefined && !isStringList(input[key])) {
      issues.push({ path: at(key), message: 'must be a list of strings' });
    }
  }
  for (const key of TEXT_KEYS) {
    if (input[key] !== undefined && typeof input[key] !== 'string') {
      issues.push({ path: at(key), message: 'must be a string' });
    }
  }
  checkDate(input.birthDate, at('birthDate'), issues);
  if (input.aliasIdentities !== undefined) {
    if (Array.isArray(input.aliasIdentities)) {
      input.aliasIdentities.forEach((a: unknown, i) =>
        checkAlias(a, `${at('aliasIdentities')}[${i}]`, issues),
      );
    } else {
      issues.push({ path: at('aliasIdentities'), message: 'must be a list of alias identities' });
    }
  }
  if (issues.length > 0) {
    return { ok: false, issues };
  }
  // Every property has been checked above against the IdentityData shape.
  const value = input as IdentityData & { aliasIdentities?: AliasIdentity[] };
  return { ok: true, value };
}
