import type { IntlShape } from 'react-intl';

import { formatDate, formatUtc } from '../../format/datetime.ts';
import { isMessageId } from '../../i18n/messages.ts';

/** The label of a result field; a field the catalogue does not know is shown by its own name. */
export function fieldLabel(intl: IntlShape, name: string): string {
  const key = `field.${name}`;
  return isMessageId(key) ? intl.formatMessage({ id: key }) : name;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * A value of a result field in words: calendar dates and instants with the month named, yes/no for flags,
 * lists and nested records spelled out. Values are shown as received; nothing is added.
 */
export function formatFieldValue(intl: IntlShape, value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  if (typeof value === 'boolean') {
    return intl.formatMessage({ id: value ? 'value.yes' : 'value.no' });
  }
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return formatDate(intl, value);
    }
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
      return formatUtc(intl, value);
    }
    return value;
  }
  if (typeof value === 'number') {
    return intl.formatNumber(value);
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? '—' : value.map((v) => formatFieldValue(intl, v)).join('; ');
  }
  if (isRecord(value)) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `${fieldLabel(intl, k)}: ${formatFieldValue(intl, v)}`)
      .join(', ');
  }
  return typeof value === 'bigint' ? value.toString() : '?';
}
