import '@mantine/dates/styles.layer.css';

import { Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { AuditEventsTable } from './AuditEventsTable.tsx';
import { AuditFiltersForm } from './AuditFiltersForm.tsx';
import { NO_FILTERS, useAuditEvents, type AuditFilters } from './useAuditEvents.ts';
import { VerifyChain } from './VerifyChain.tsx';

/**
 * The access log for the data protection officer: who accessed which system, for which purpose and with what
 * result (Regulation (EU) 2017/2226 Art. 46, 2018/1240 Art. 69, 2018/1861 Art. 12 require such logs to be
 * kept and made available to the supervisory authorities).
 */
export default function AuditLogPage() {
  const intl = useIntl();
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const { events, nextBefore, loading, loadingMore, error, loadMore } = useAuditEvents(filters);

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
        <AuditFiltersForm applied={filters} onApply={setFilters} />
        {error !== null && <ErrorAlert error={error} />}
        {loading ? (
          <Center py="xl" role="status">
            <Loader aria-label={intl.formatMessage({ id: 'audit.loading' })} />
          </Center>
        ) : events.length === 0 ? (
          error === null && (
            <Text role="status">
              <FormattedMessage id="audit.empty" />
            </Text>
          )
        ) : (
          <>
            <AuditEventsTable events={events} />
            <Group gap="md">
              <Text size="sm" role="status" data-testid="audit-count">
                <FormattedMessage id="audit.count" values={{ count: events.length }} />
                {nextBefore === null && (
                  <>
                    {' '}
                    <FormattedMessage id="audit.allLoaded" />
                  </>
                )}
              </Text>
              {nextBefore !== null && (
                <Button variant="default" onClick={loadMore} loading={loadingMore}>
                  <FormattedMessage id="audit.loadMore" />
                </Button>
              )}
            </Group>
          </>
        )}
      </Stack>
    </DatesProvider>
  );
}
