import type { IntlShape } from 'react-intl';

import type { Finding } from '../../api/types.ts';
import { formatDate } from '../../format/datetime.ts';
import { isMessageId } from '../../i18n/messages.ts';

/** What ends a stay, as the calculator names it (`RULE_90_180`, …), in words. */
export function stayLimitLabel(intl: IntlShape, limit: string): string {
  const id = `border.limit.${limit}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : limit;
}

/** Codes whose text has no figures: said in the interface language even though the server sends no params. */
const PLAIN_FINDINGS: ReadonlySet<string> = new Set([
  'EES_NO_FILE',
  'EES_FAMILY_MEMBER',
  'DOCUMENT_NAME_TRUNCATED',
]);

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A finding in the interface language by its stable code (`finding.<code>`), with the figures the server sent
 * (plural forms and dates as the locale writes them; each figure `x` also as `hasX`: yes or no); for a code the
 * catalogue does not know, or one whose figures did not come, the server's English text.
 */
export function findingText(intl: IntlShape, f: Finding): string {
  const id = `finding.${f.code}`;
  if (!isMessageId(id) || (f.params === undefined && !PLAIN_FINDINGS.has(f.code))) {
    return f.message;
  }
  const p = f.params ?? {};
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(p)) {
    values[name] = typeof value === 'string' && CALENDAR_DATE.test(value) ? formatDate(intl, value) : value;
    values[`has${name.charAt(0).toUpperCase()}${name.slice(1)}`] = value === '' ? 'no' : 'yes';
  }
  const marker = f.message.startsWith('WARNING:') ? `${f.message.slice(0, f.message.indexOf('. ') + 2)}` : '';
  if (typeof p.countryCode === 'string' && p.countryCode !== '') {
    // The country in the interface language; the server's English name if the browser does not know the code.
    values.country =
      new Intl.DisplayNames([intl.locale], { type: 'region' }).of(p.countryCode) ?? values.country ?? '';
  }
  const limit = typeof p.limit === 'string' && p.limit !== '' ? stayLimitLabel(intl, p.limit) : '';
  return (
    marker +
    intl.formatMessage(
      { id },
      {
        ...values,
        until: typeof p.until === 'string' && CALENDAR_DATE.test(p.until) ? formatDate(intl, p.until) : '',
        hasUntil: typeof p.until === 'string' && CALENDAR_DATE.test(p.until) ? 'yes' : 'no',
        limit,
        hasLimit: limit === '' ? 'no' : 'yes',
        limitCode: p.limit ?? '',
        visaToSee: p.visaToSee ?? 'no',
      },
    )
  );
}
