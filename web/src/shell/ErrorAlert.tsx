import { Alert, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import { ApiError } from '../api/client.ts';
import type { MessageId } from '../i18n/messages.ts';
import { statusColours } from '../theme.ts';

/**
 * Shows why a request failed: the API's own `detail` when it sent one, otherwise a message from the catalogue;
 * with the request id so support can find the request in the server log.
 */
export function ErrorAlert({ error, title }: { error: unknown; title?: MessageId }) {
  const intl = useIntl();
  let text: string;
  let requestId: string | null = null;
  if (error instanceof ApiError) {
    requestId = error.requestId;
    text = error.unreachable
      ? intl.formatMessage({ id: 'error.unreachable' })
      : (error.detail ?? intl.formatMessage({ id: 'error.generic' }, { status: error.status }));
  } else {
    text = intl.formatMessage({ id: 'error.generic' }, { status: '?' });
  }
  return (
    <Alert
      color={statusColours.danger}
      variant="outline"
      role="alert"
      title={title === undefined ? undefined : intl.formatMessage({ id: title })}
    >
      <Text size="sm" data-testid="error-detail">
        {text}
      </Text>
      {requestId !== null && (
        <Text size="xs" c="dimmed" mt={4}>
          <FormattedMessage id="error.reference" values={{ requestId }} />
        </Text>
      )}
    </Alert>
  );
}
