import { Group, Loader, Text } from '@mantine/core';
import { FormattedMessage } from 'react-intl';

import type { MessageId } from '../i18n/messages.ts';

/** A wait indicator inside a screen, announced to screen readers. */
export function InlineLoader({ label }: { label: MessageId }) {
  return (
    <Group gap="xs" role="status" py="md">
      <Loader size="sm" aria-hidden />
      <Text size="sm">
        <FormattedMessage id={label} />
      </Text>
    </Group>
  );
}
