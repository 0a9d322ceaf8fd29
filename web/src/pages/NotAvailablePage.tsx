import { Anchor, Stack, Text } from '@mantine/core';
import { FormattedMessage } from 'react-intl';

import { PageTitle } from '../shell/PageTitle.tsx';

/** Shown for an unknown path or a screen the user's role may not use; it does not say which of the two. */
export function NotAvailablePage() {
  return (
    <Stack>
      <PageTitle id="notAvailable.title" />
      <Text>
        <FormattedMessage id="notAvailable.body" />
      </Text>
      <Anchor href="#/">
        <FormattedMessage id="notAvailable.home" />
      </Anchor>
    </Stack>
  );
}
