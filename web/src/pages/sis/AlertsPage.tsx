import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLocation, useParams } from 'wouter';

import { PageTitle } from '../../shell/PageTitle.tsx';
import { PurposeGate } from '../../shell/PurposeGate.tsx';
import { AlertDetail } from './AlertDetail.tsx';
import { AlertForm } from './AlertForm.tsx';
import { AlertList } from './AlertList.tsx';
import { ALERT_PURPOSE, EXCHANGE_PURPOSE } from './catalogue.ts';

/**
 * The purposes the alert list is read for: managing alerts, the SIRENE exchange, and the police's checks and
 * investigations (2018/1862 arts. 44 and 12). Entering an alert is always alert management.
 */
const LIST_PURPOSES = [ALERT_PURPOSE, EXCHANGE_PURPOSE, 'police-identity-check', 'law-enforcement'];

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
 * 2018/1860 art. 3): the list of alerts with search and filters, opening one by its id, and entering a new
 * alert. `#/sis/alerts/:id` shows the alert.
 */
export default function AlertsPage() {
  const params = useParams<{ id?: string }>();
  if (params.id !== undefined) {
    return <AlertDetail key={params.id} id={decodeURIComponent(params.id)} readPurposes={LIST_PURPOSES} />;
  }
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <PageTitle id="sisAlerts.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="sisAlerts.intro" />
        </Text>
      </Stack>
      <Title order={2} size="h3">
        <FormattedMessage id="sisList.title" />
      </Title>
      <PurposeGate purposes={LIST_PURPOSES}>{(purpose) => <AlertList purpose={purpose} />}</PurposeGate>
      <OpenAlert />
      <Title order={2} size="h3">
        <FormattedMessage id="sisAlerts.new" />
      </Title>
      <AlertForm />
    </Stack>
  );
}
