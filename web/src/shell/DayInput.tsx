import '@mantine/dates/styles.layer.css';

import { DateInput } from '@mantine/dates';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import { useIntl } from 'react-intl';

import type { MessageId } from '../i18n/messages.ts';

dayjs.extend(customParseFormat);

/** Day, month name, year: a typed or shown date is never an ambiguous 03/04. */
export const DAY_FORMAT = 'D MMM YYYY';

const ACCEPTED = ['YYYY-MM-DD', 'D MMM YYYY', 'D MMMM YYYY', 'D MMM YY'];

/**
 * Reads a typed date: ISO `2026-03-14` or `14 Mar 2026` / `14 March 2026`. Orders of numbers alone
 * (`03/04/2026`) are refused, since they read differently across Europe and America.
 */
export function parseTypedDay(text: string): string | null {
  const parsed = dayjs(text.trim(), ACCEPTED, 'en', true);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : null;
}

/**
 * A calendar date field that can be typed (keyboard-first) or picked, showing `14 Mar 2026`. Its value is
 * `YYYY-MM-DD` or null.
 */
export function DayInput({
  label,
  description,
  value,
  onChange,
  required,
  minDate,
  testId,
}: {
  label: MessageId;
  description?: MessageId;
  value: string | null;
  onChange: (value: string | null) => void;
  required?: boolean;
  minDate?: string;
  testId?: string;
}) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  return (
    <DateInput
      label={t(label)}
      description={description === undefined ? undefined : t(description)}
      placeholder={t('day.placeholder')}
      value={value}
      onChange={onChange}
      valueFormat={DAY_FORMAT}
      dateParser={parseTypedDay}
      clearable={!required}
      clearButtonProps={{ 'aria-label': intl.formatMessage({ id: 'day.clear' }, { label: t(label) }) }}
      required={required}
      minDate={minDate}
      // Days of neighbouring months are drawn too faint to read (below 4.5:1); leaving them out avoids that.
      hideOutsideDates
      ariaLabels={{
        previousMonth: t('picker.previousMonth'),
        nextMonth: t('picker.nextMonth'),
        previousYear: t('picker.previousYear'),
        nextYear: t('picker.nextYear'),
        previousDecade: t('picker.previousDecade'),
        nextDecade: t('picker.nextDecade'),
      }}
      data-testid={testId}
    />
  );
}
