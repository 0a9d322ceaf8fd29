import '@mantine/dates/styles.layer.css';

import { Group, Input, Radio, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useIntl } from 'react-intl';

import type { MessageId } from '../../../i18n/messages.ts';
import { DAY_FORMAT, parseTypedDay } from '../../../shell/DayInput.tsx';

/** What a field of the form receives: its element id and its problem, if any. */
export interface FieldProps {
  id: string;
  error: string | undefined;
}

/**
 * A date the applicant types (`1985-04-12` or `12 Apr 1985`) or picks; shown as `12 Apr 1985`, never as an
 * ambiguous `04/12/1985`. Its problem is announced with it (`aria-invalid`, `aria-describedby`).
 */
export function DayField({
  label,
  description,
  value,
  onChange,
  required,
  field,
  maxDate,
  minDate,
}: {
  label: MessageId;
  description?: MessageId;
  value: string | null;
  onChange: (value: string | null) => void;
  required?: boolean;
  field: FieldProps;
  maxDate?: string;
  minDate?: string;
}) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  return (
    <DateInput
      id={field.id}
      error={field.error}
      label={t(label)}
      description={description === undefined ? undefined : t(description)}
      placeholder={t('day.placeholder')}
      value={value}
      onChange={onChange}
      valueFormat={DAY_FORMAT}
      dateParser={parseTypedDay}
      clearable={!required}
      required={required}
      maxDate={maxDate}
      minDate={minDate}
      defaultLevel={label === 'etias.apply.birthDate' ? 'decade' : 'month'}
      hideOutsideDates
      popoverProps={{ withinPortal: true }}
      ariaLabels={{
        previousMonth: t('picker.previousMonth'),
        nextMonth: t('picker.nextMonth'),
        previousYear: t('picker.previousYear'),
        nextYear: t('picker.nextYear'),
        previousDecade: t('picker.previousDecade'),
        nextDecade: t('picker.nextDecade'),
      }}
    />
  );
}

/**
 * A question answered by one of a few choices (radio buttons in a group named by the question). Each radio
 * says whether the answer is missing (`aria-invalid`) and points at the problem (`aria-describedby`); the
 * first radio carries the field's id, so that focus can move to it.
 */
export function ChoiceField<V extends string>({
  label,
  description,
  choices,
  value,
  onChange,
  field,
  required,
}: {
  label: string;
  description?: string;
  choices: ReadonlyArray<{ value: V; label: string }>;
  value: V | null;
  onChange: (value: V) => void;
  field: FieldProps;
  required?: boolean;
}) {
  const errorId = `${field.id}-error`;
  const descriptionId = `${field.id}-description`;
  const describedBy =
    [description === undefined ? null : descriptionId, field.error === undefined ? null : errorId]
      .filter((x) => x !== null)
      .join(' ') || undefined;
  return (
    <Radio.Group
      label={label}
      value={value}
      onChange={(v) => onChange(v)}
      required={required}
      data-field={field.id}
    >
      <Stack gap={6} mt={4}>
        {description !== undefined && (
          <Text size="sm" c="dimmed" id={descriptionId}>
            {description}
          </Text>
        )}
        <Group gap="lg">
          {choices.map((choice, i) => (
            <Radio
              key={choice.value}
              value={choice.value}
              label={choice.label}
              id={i === 0 ? field.id : `${field.id}-${choice.value}`}
              aria-invalid={field.error === undefined ? undefined : true}
              aria-describedby={describedBy}
            />
          ))}
        </Group>
        {field.error !== undefined && <Input.Error id={errorId}>{field.error}</Input.Error>}
      </Stack>
    </Radio.Group>
  );
}
