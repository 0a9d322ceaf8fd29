import { Anchor, Box, Container, Group, Stack, Text } from '@mantine/core';
import { FormattedMessage } from 'react-intl';

import { Preferences } from '../../../shell/Preferences.tsx';
import { ApplyPage } from './ApplyPage.tsx';
import { StatusPage } from './StatusPage.tsx';

/**
 * The frame of the applicant's pages (no account, no navigation): the name of the service, the language and
 * colour-scheme switch, and the page. Works from a phone's width up.
 */
export default function PublicEtiasPage({ path }: { path: string }) {
  return (
    <Box mih="100vh" py="md" className="login-backdrop">
      <Container size="md" px={{ base: 'xs', sm: 'md' }}>
        <Group component="header" justify="space-between" mb="md" wrap="wrap" gap="xs">
          <Stack gap={0}>
            <Text fw={700} fz="lg" component="p">
              <FormattedMessage id="etias.apply.service" />
            </Text>
            <Text size="xs" c="dimmed">
              <FormattedMessage id="etias.apply.serviceBy" />
            </Text>
          </Stack>
          <Preferences />
        </Group>
        <Box
          component="main"
          id="main-content"
          tabIndex={-1}
          bg="var(--mantine-color-body)"
          p={{ base: 'sm', sm: 'lg' }}
          style={{ borderRadius: 8 }}
        >
          {path === '/etias/status' ? <StatusPage /> : <ApplyPage />}
        </Box>
        <Group component="footer" mt="md" gap="md">
          <Anchor href="#/" size="sm">
            <FormattedMessage id="etias.apply.signInLink" />
          </Anchor>
        </Group>
      </Container>
    </Box>
  );
}
