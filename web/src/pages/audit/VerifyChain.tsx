import { Alert, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';

import type { AuditVerifyResponse } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { statusText } from '../../theme.ts';
import { AUDIT_PURPOSE } from './useAuditEvents.ts';

/**
 * Asks the server to recompute the hash chain of the access log and shows whether it is intact, so that the
 * data protection officer can show the log was not altered (Regulation (EU) 2019/817 Art. 24 and 2019/818
 * Art. 24 require the logs to be protected against modification).
 */
export function VerifyChain() {
  const { api } = useSession();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<AuditVerifyResponse | null>(null);
  const [error, setError] = useState<unknown>(null);

  const verify = () => {
    setRunning(true);
    setError(null);
    setResult(null);
    api<AuditVerifyResponse>('/audit/verify', { method: 'POST', purpose: AUDIT_PURPOSE, body: {} })
      .then(setResult, setError)
      .finally(() => setRunning(false));
  };

  return (
    <Stack gap="sm" align="flex-start">
      <Button variant="outline" onClick={verify} loading={running}>
        <FormattedMessage id={running ? 'audit.verifying' : 'audit.verify'} />
      </Button>
      <div role="status" data-testid="verify-result" style={{ alignSelf: 'stretch' }}>
        {result !== null &&
          (result.ok ? (
            <Alert
              color={statusText.success}
              variant="outline"
              title={<FormattedMessage id="audit.verify.okTitle" />}
            >
              <FormattedMessage id="audit.verify.ok" values={{ checked: result.checked }} />{' '}
              <FormattedMessage id="audit.verify.checkpoints" values={{ count: result.checkpoints }} />
            </Alert>
          ) : (
            <Alert
              color={statusText.danger}
              variant="outline"
              title={<FormattedMessage id="audit.verify.badTitle" />}
            >
              <Text size="sm">
                <FormattedMessage
                  id="audit.verify.bad"
                  values={{ seq: result.firstBadSeq ?? '?', checked: result.checked }}
                />
              </Text>
              {result.problem !== null && (
                <Text size="sm">
                  <FormattedMessage id="audit.verify.problem" values={{ problem: result.problem }} />
                </Text>
              )}
            </Alert>
          ))}
      </div>
      {error !== null && <ErrorAlert error={error} />}
    </Stack>
  );
}
