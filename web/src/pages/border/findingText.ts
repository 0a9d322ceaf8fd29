import type { IntlShape } from 'react-intl';

import type { Finding } from '../../api/types.ts';
import { formatDate } from '../../format/datetime.ts';
import { isMessageId } from '../../i18n/messages.ts';

/** What ends a stay, as the calculator names it (`RULE_90_180`, …), in words. */
export function stayLimitLabel(intl: IntlShape, limit: string): string {
  const id = `border.limit.${limit}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : limit;
}

/**
 * A finding in the interface language when the catalogue has a message for its code and the server sent its
 * figures (plural forms and dates as the locale writes them); otherwise the server's English text.
 */
export function findingText(intl: IntlShape, f: Finding): string {
  const id = `border.finding.${f.code}`;
  if (f.params === undefined || !isMessageId(id)) {
    return f.message;
  }
  const p = f.params;
  const date = (v: string | number | undefined) =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(intl, v) : '';
  const marker = f.message.startsWith('WARNING:') ? `${f.message.slice(0, f.message.indexOf('. ') + 2)}` : '';
  return (
    marker +
    intl.formatMessage(
      { id },
      {
        ...p,
        until: date(p.until),
        hasUntil: date(p.until) === '' ? 'no' : 'yes',
        limit: typeof p.limit === 'string' && p.limit !== '' ? stayLimitLabel(intl, p.limit) : '',
        hasLimit: typeof p.limit === 'string' && p.limit !== '' ? 'yes' : 'no',
        limitCode: p.limit ?? '',
        visaToSee: p.visaToSee ?? 'no',
      },
    )
  );
}
