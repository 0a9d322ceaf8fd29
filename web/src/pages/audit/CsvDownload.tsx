import { Button } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';

import { problemError, send } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { AUDIT_PURPOSE, filterQuery, type AuditFilters } from './useAuditEvents.ts';

/**
 * Downloads every record matching the filters as CSV. The file is made by the server (which also logs the
 * export); the browser only saves it.
 */
export function CsvDownload({ filters }: { filters: AuditFilters }) {
  const { token } = useSession();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const download = async () => {
    setRunning(true);
    setError(null);
    try {
      const response = await send(
        '/audit/events.csv',
        { token, purpose: AUDIT_PURPOSE, query: filterQuery(filters) },
        'text/csv, application/problem+json',
      );
      if (!response.ok) {
        throw problemError(response, await response.json().catch(() => null));
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `audit-log-${new Date().toISOString().slice(0, 10)}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      setError(failure);
    } finally {
      setRunning(false);
    }
  };

  return (
    <>
      <Button variant="default" onClick={() => void download()} loading={running} className="no-print">
        <FormattedMessage id="audit.csv" />
      </Button>
      {error !== null && <ErrorAlert error={error} />}
    </>
  );
}
