import { Center, Loader, Stack, Text } from '@mantine/core';
import { FormattedMessage } from 'react-intl';

import type { MessageId } from '../i18n/messages.ts';

/** A full-page wait indicator, announced to screen readers. */
export function CenteredLoader({ label }: { label: MessageId }) {
  return (
    <Center component="main" mih="100vh" role="status">
      <Stack align="center" gap="sm">
        <Loader aria-hidden />
        <Text>
          <FormattedMessage id={label} />
        </Text>
      </Stack>
    </Center>
  );
}
