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
  'MID_RED_LINK',
  'MID_YELLOW_LINK',
]);

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A SIS warning marker (`armed`, …) in words; the code itself for one the catalogue does not know. */
function markerLabel(intl: IntlShape, marker: string): string {
  const id = `sis.marker.${marker}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : marker;
}

/**
 * The parts of a SIS finding in the interface language: the warning markers (in capitals, in front of the
 * text), the alert's category by name, the matching engine's probability as a percentage. The action is the
 * issuing state's own words: it is shown as written, quoted by the message.
 */
function sisValues(intl: IntlShape, p: NonNullable<Finding['params']>) {
  const category = typeof p.category === 'string' && p.category !== '' ? `sis.category.${p.category}` : '';
  const categoryName =
    category === '' ? '' : isMessageId(category) ? intl.formatMessage({ id: category }) : String(p.category);
  const probability = typeof p.probability === 'number' ? p.probability : null;
  return {
    categoryName,
    hasCategoryName: categoryName === '' ? 'no' : 'yes',
    // Whole percents, but never 100 % or 0 % for a probability that is neither.
    probabilityText:
      probability === null
        ? ''
        : intl.formatNumber(probability, {
            style: 'percent',
            maximumFractionDigits: probability >= 0.995 || probability < 0.005 ? 1 : 0,
          }),
    hasProbability: probability === null ? 'no' : 'yes',
  };
}

/** `WARNING: ARMED, VIOLENT. ` in the interface language, from the marker codes the server sent. */
function markersText(intl: IntlShape, markers: string): string {
  const codes = markers.split(',').filter((m) => m !== '');
  if (codes.length === 0) {
    return '';
  }
  const list = intl.formatList(
    codes.map((m) => markerLabel(intl, m).toLocaleUpperCase(intl.locale)),
    { type: 'unit' },
  );
  return intl.formatMessage({ id: 'finding.markers' }, { markers: list });
}

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
  // Warning markers the server sent as codes, said in the interface language; else those of its text.
  const marker =
    typeof p.markers === 'string'
      ? markersText(intl, p.markers)
      : f.message.startsWith('WARNING:')
        ? `${f.message.slice(0, f.message.indexOf('. ') + 2)}`
        : '';
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
        ...sisValues(intl, p),
        until: typeof p.until === 'string' && CALENDAR_DATE.test(p.until) ? formatDate(intl, p.until) : '',
        hasUntil: typeof p.until === 'string' && CALENDAR_DATE.test(p.until) ? 'yes' : 'no',
        limit,
        hasLimit: limit === '' ? 'no' : 'yes',
        limitCode: p.limit ?? '',
        visaToSee: p.visaToSee ?? 'no',
        // Set by the server on a document finding at exit, where validity is no entry condition.
        atExit: p.atExit ?? 'no',
        // How a SIS alert was found (document, person, biometric); a finding sent without it reads as found by identity.
        via: p.via ?? 'person',
      },
    )
  );
}
