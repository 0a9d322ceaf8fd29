import '@mantine/dates/styles.layer.css';

import { Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { AuditEventsTable } from './AuditEventsTable.tsx';
import { AuditFiltersForm } from './AuditFiltersForm.tsx';
import { CsvDownload } from './CsvDownload.tsx';
import { SubjectReport } from './SubjectReport.tsx';
import { useTableState } from '../../shell/table/useTableState.ts';
import { AUDIT_TABLE, filterQuery, filtersOf, useAuditEvents } from './useAuditEvents.ts';
import { VerifyChain } from './VerifyChain.tsx';

/**
 * The access log for the data protection officer: who accessed which system, for which purpose and with what
 * result (Regulation (EU) 2017/2226 Art. 46, 2018/1240 Art. 69, 2018/1861 Art. 12 require such logs to be
 * kept and made available to the supervisory authorities).
 */
export default function AuditLogPage() {
  const [subject, setSubject] = useState<string | null>(null);
  if (subject !== null) {
    return <SubjectReport recordRef={subject} onClose={() => setSubject(null)} />;
  }
  return <AuditLog onSubjectReport={setSubject} />;
}

/** Opens the data-subject access report for one record reference. */
function SubjectReportForm({ onOpen }: { onOpen: (recordRef: string) => void }) {
  const intl = useIntl();
  const [ref, setRef] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (ref.trim() !== '') {
      onOpen(ref.trim());
    }
  };
  return (
    <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'audit.subject.legend' })}>
      <Fieldset legend={intl.formatMessage({ id: 'audit.subject.legend' })}>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={intl.formatMessage({ id: 'audit.subject.ref' })}
            placeholder={intl.formatMessage({ id: 'audit.filter.recordPlaceholder' })}
            value={ref}
            onChange={(e) => setRef(e.currentTarget.value)}
            autoCapitalize="none"
            spellCheck={false}
            miw={280}
          />
          <Button type="submit" variant="outline" disabled={ref.trim() === ''}>
            <FormattedMessage id="audit.subject.open" />
          </Button>
        </Group>
      </Fieldset>
    </form>
  );
}

function AuditLog({ onSubjectReport }: { onSubjectReport: (recordRef: string) => void }) {
  const intl = useIntl();
  const table = useTableState(AUDIT_TABLE);
  const filters = filtersOf(table.filters);
  const { data, loading, error } = useAuditEvents(filters, table.sort, table.page);

  return (
    // Weeks start on Monday, as in every EU member state (ISO 8601).
    <DatesProvider settings={{ locale: intl.locale, firstDayOfWeek: 1 }}>
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <PageTitle id="audit.title" />
            <Text c="dimmed" size="sm">
              <FormattedMessage id="audit.intro" />
            </Text>
          </Stack>
        </Group>
        <VerifyChain />
        <SubjectReportForm onOpen={onSubjectReport} />
        {/* Keyed by the applied filters so the form shows them again after Back or a followed link. */}
        <AuditFiltersForm
          key={JSON.stringify(table.filters)}
          applied={filters}
          onApply={(next) => table.setFilters(filterQuery(next))}
        />
        <Group>
          <CsvDownload filters={filters} />
        </Group>
        {error !== null && <ErrorAlert error={error} />}
        <AuditEventsTable
          events={data?.events ?? null}
          total={data?.total ?? 0}
          totalIsLowerBound={data?.totalCapped ?? false}
          loading={loading}
          sort={table.sort}
          onSortChange={table.setSort}
          page={table.page}
          onPageChange={table.setPage}
          filters={table.filters}
        />
      </Stack>
    </DatesProvider>
  );
}
