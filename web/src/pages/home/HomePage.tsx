import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import { useSession } from '../../auth/session.tsx';
import { screensFor } from '../../shell/navigation.ts';
import { PageTitle } from '../../shell/PageTitle.tsx';

/** The landing screen of every role: who is signed in, and the screens the role may use. */
export function HomePage() {
  const intl = useIntl();
  const { user } = useSession();
  const others = screensFor(user.authority.type, user.permissions).filter((s) => s.id !== 'home');
  return (
    <Stack maw={720}>
      <PageTitle id="home.title" values={{ name: user.displayName }} />
      <Text>
        <FormattedMessage id="home.intro" values={{ authority: user.authority.name }} />
      </Text>
      <Title order={2} size="h4">
        <FormattedMessage id="home.screens" />
      </Title>
      {others.length === 0 ? (
        <Text>
          <FormattedMessage id="home.noScreens" />
        </Text>
      ) : (
        <List>
          {others.map((screen) => (
            <List.Item key={screen.id}>
              <Anchor href={`#${screen.path}`}>{intl.formatMessage({ id: screen.label })}</Anchor>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
