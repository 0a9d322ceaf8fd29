import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLocation, useParams } from 'wouter';

import { PageTitle } from '../../shell/PageTitle.tsx';
import { AlertDetail } from './AlertDetail.tsx';
import { AlertForm } from './AlertForm.tsx';

/** Opens an alert by its id, e.g. one named in a SIRENE form or a hit. */
function OpenAlert() {
  const intl = useIntl();
  const [, navigate] = useLocation();
  const [id, setId] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (id.trim() !== '') {
      navigate(`/sis/alerts/${encodeURIComponent(id.trim())}`);
    }
  };
  return (
    <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'sisAlerts.open.form' })}>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={intl.formatMessage({ id: 'sisAlerts.open.id' })}
          placeholder="sis_…"
          value={id}
          onChange={(e) => setId(e.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
          w={360}
        />
        <Button type="submit" variant="default">
          <FormattedMessage id="sisAlerts.open.submit" />
        </Button>
      </Group>
    </form>
  );
}

/**
 * SIRENE and police alert management (Regulation (EU) 2018/1862 art. 20 and arts. 26-40; 2018/1861 art. 24-25;
 * 2018/1860 art. 3): enter a new alert, or open one by its id. `#/sis/alerts/:id` shows the alert.
 */
export default function AlertsPage() {
  const params = useParams<{ id?: string }>();
  if (params.id !== undefined) {
    return <AlertDetail key={params.id} id={decodeURIComponent(params.id)} />;
  }
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <PageTitle id="sisAlerts.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="sisAlerts.intro" />
        </Text>
      </Stack>
      <OpenAlert />
      <Title order={2} size="h3">
        <FormattedMessage id="sisAlerts.new" />
      </Title>
      <AlertForm />
    </Stack>
  );
}
