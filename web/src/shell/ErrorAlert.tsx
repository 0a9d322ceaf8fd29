import { Alert, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import { ApiError } from '../api/client.ts';
import { isMessageId, type MessageId } from '../i18n/messages.ts';
import { statusText } from '../theme.ts';

/**
 * Shows why a request failed: the catalogue's text for the problem's stable `code` where there is one (in the
 * interface's language), else the API's own `detail`, else a generic message from the catalogue;
 * with the request id so support can find the request in the server log.
 */
export function ErrorAlert({ error, title }: { error: unknown; title?: MessageId }) {
  const intl = useIntl();
  let text: string;
  let requestId: string | null = null;
  if (error instanceof ApiError) {
    requestId = error.requestId;
    // A stable `code` the catalogue knows is shown in the interface's language; otherwise the server's own
    // text (English), which still says what to do.
    const translated = error.code === null ? null : `errorCode.${error.code}`;
    text = error.unreachable
      ? intl.formatMessage({ id: 'error.unreachable' })
      : translated !== null && isMessageId(translated)
        ? intl.formatMessage({ id: translated })
        : (error.detail ?? intl.formatMessage({ id: 'error.generic' }, { status: error.status }));
  } else {
    text = intl.formatMessage({ id: 'error.generic' }, { status: '?' });
  }
  return (
    <Alert
      color={statusText.danger}
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
