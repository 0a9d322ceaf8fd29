import { Button, Fieldset, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { useSession } from '../../auth/session.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { isoToPickerValue, pickerValueToIso } from './pickerValues.ts';
import { NO_FILTERS, type AuditFilters } from './useAuditEvents.ts';

/** Day month-name year, so the picker never shows an ambiguous 03/04. */
const PICKER_FORMAT = 'D MMM YYYY HH:mm';

/** The filter form of the access log. Filters apply when the form is submitted (Enter in any field). */
export function AuditFiltersForm({
  applied,
  onApply,
}: {
  applied: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}) {
  const intl = useIntl();
  const { purposeLabels } = useSession();
  const [user, setUser] = useState(applied.user);
  const [record, setRecord] = useState(applied.record);
  const [system, setSystem] = useState(applied.system);
  const [operation, setOperation] = useState(applied.operation);
  const [purpose, setPurpose] = useState<string | null>(applied.purpose);
  const [from, setFrom] = useState<string | null>(isoToPickerValue(applied.from));
  const [to, setTo] = useState<string | null>(isoToPickerValue(applied.to));

  const fromIso = pickerValueToIso(from);
  const toIso = pickerValueToIso(to);
  const rangeInvalid = fromIso !== null && toIso !== null && fromIso > toIso;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!rangeInvalid) {
      onApply({ user, record, system, operation, purpose, from: fromIso, to: toIso });
    }
  };
  const clear = () => {
    setUser('');
    setRecord('');
    setSystem('');
    setOperation('');
    setPurpose(null);
    setFrom(null);
    setTo(null);
    onApply(NO_FILTERS);
  };

  const t = (id: MessageId) => intl.formatMessage({ id });
  // Mantine's calendar buttons have no text of their own; these name them for screen readers.
  const pickerProps = {
    valueFormat: PICKER_FORMAT,
    placeholder: t('audit.filter.datePlaceholder'),
    clearable: true,
    // Days of neighbouring months are drawn too faint to read (below 4.5:1); leaving them out avoids that.
    hideOutsideDates: true,
    ariaLabels: {
      previousMonth: t('picker.previousMonth'),
      nextMonth: t('picker.nextMonth'),
      previousYear: t('picker.previousYear'),
      nextYear: t('picker.nextYear'),
      previousDecade: t('picker.previousDecade'),
      nextDecade: t('picker.nextDecade'),
    },
    timePickerProps: {
      hoursInputLabel: t('picker.hours'),
      minutesInputLabel: t('picker.minutes'),
      format: '24h' as const,
    },
    submitButtonProps: { 'aria-label': t('picker.confirm') },
  };
  const purposeOptions = [...purposeLabels].map(([value, label]) => ({ value, label }));

  return (
    <form onSubmit={submit} aria-label={t('audit.filters')}>
      <Fieldset legend={t('audit.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 3, lg: 4 }}>
          <TextInput
            label={t('audit.filter.user')}
            placeholder={t('audit.filter.userPlaceholder')}
            name="user"
            value={user}
            onChange={(e) => setUser(e.currentTarget.value)}
            autoCapitalize="none"
            spellCheck={false}
          />
          <TextInput
            label={t('audit.filter.record')}
            placeholder={t('audit.filter.recordPlaceholder')}
            name="record"
            value={record}
            onChange={(e) => setRecord(e.currentTarget.value)}
            autoCapitalize="none"
            spellCheck={false}
          />
          <TextInput
            label={t('audit.filter.system')}
            placeholder={t('audit.filter.systemPlaceholder')}
            name="system"
            value={system}
            onChange={(e) => setSystem(e.currentTarget.value)}
            autoCapitalize="none"
            spellCheck={false}
          />
          <TextInput
            label={t('table.audit.operation')}
            placeholder={t('table.audit.operationPlaceholder')}
            name="operation"
            value={operation}
            onChange={(e) => setOperation(e.currentTarget.value)}
            autoCapitalize="none"
            spellCheck={false}
          />
          <Select
            label={t('audit.filter.purpose')}
            placeholder={t('audit.filter.purposePlaceholder')}
            data={purposeOptions}
            value={purpose}
            onChange={setPurpose}
            clearable
            searchable
          />
          <DateTimePicker label={t('audit.filter.from')} {...pickerProps} value={from} onChange={setFrom} />
          <DateTimePicker
            label={t('audit.filter.to')}
            {...pickerProps}
            value={to}
            onChange={setTo}
            error={rangeInvalid ? t('audit.filter.rangeInvalid') : undefined}
          />
        </SimpleGrid>
        <Group mt="md" gap="sm">
          <Button type="submit" disabled={rangeInvalid}>
            <FormattedMessage id="audit.filter.apply" />
          </Button>
          <Button type="button" variant="default" onClick={clear}>
            <FormattedMessage id="audit.filter.clear" />
          </Button>
        </Group>
      </Fieldset>
    </form>
  );
}
