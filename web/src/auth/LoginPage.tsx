import {
  Alert,
  Anchor,
  Box,
  Button,
  Container,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { MessageId } from '../i18n/messages.ts';
import { Preferences } from '../shell/Preferences.tsx';
import { ErrorAlert } from '../shell/ErrorAlert.tsx';
import { useAuth } from './session.tsx';

/** Sign-in with username and password. `notice` explains why the user was signed out, if they were. */
export function LoginPage({ notice }: { notice: MessageId | null }) {
  const intl = useIntl();
  const { signIn } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${intl.formatMessage({ id: 'login.title' })} · ${intl.formatMessage({ id: 'app.name' })}`;
  }, [intl]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    signIn(username.trim(), password).catch((failure: unknown) => {
      setError(failure);
      setSubmitting(false);
      setPassword('');
      passwordRef.current?.focus();
    });
  };

  return (
    <Box component="main" mih="100vh" py="xl" className="login-backdrop">
      <Container size={420} pt="xl">
        <Group justify="flex-end" mb="md">
          <Preferences />
        </Group>
        <Stack gap={4} mb="lg" align="center">
          <Text fw={700} fz="xl" component="p">
            <FormattedMessage id="app.name" />
          </Text>
          <Text c="dimmed" size="sm">
            <FormattedMessage id="app.tagline" />
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={submit} aria-labelledby="login-title">
            <Stack>
              <Title order={1} size="h3" id="login-title">
                <FormattedMessage id="login.title" />
              </Title>
              <Text size="sm" c="dimmed">
                <FormattedMessage id="login.intro" />
              </Text>
              {notice !== null && error === null && (
                <Alert color="blue" variant="outline" role="status">
                  <FormattedMessage id={notice} />
                </Alert>
              )}
              {error !== null && <ErrorAlert error={error} title="login.failed" />}
              <TextInput
                label={intl.formatMessage({ id: 'login.username' })}
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                data-autofocus
                autoFocus
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
              />
              <PasswordInput
                label={intl.formatMessage({ id: 'login.password' })}
                name="password"
                autoComplete="current-password"
                visibilityToggleButtonProps={{
                  'aria-label': intl.formatMessage({ id: 'login.togglePassword' }),
                }}
                required
                ref={passwordRef}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <Button type="submit" loading={submitting} fullWidth mt="xs">
                <FormattedMessage id={submitting ? 'login.submitting' : 'login.submit'} />
              </Button>
            </Stack>
          </form>
        </Paper>
        <Stack gap={4} mt="lg" align="center" data-testid="public-links">
          <Anchor href="#/etias/apply" size="sm">
            <FormattedMessage id="etias.apply.loginLink" />
          </Anchor>
          <Anchor href="#/etias/status" size="sm">
            <FormattedMessage id="etias.apply.loginStatusLink" />
          </Anchor>
        </Stack>
      </Container>
    </Box>
  );
}
