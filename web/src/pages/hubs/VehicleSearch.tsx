import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { SisObjectSearchResponse } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { statusColours } from '../../theme.ts';
import { markerLabel } from '../sis/ActionFirst.tsx';
import { HUB_PURPOSE } from './useHubFeed.ts';

type Kind = 'plate' | 'container';

/**
 * A manual check of a number plate or a container number against SIS vehicle, plate and container alerts
 * (Regulation (EU) 2018/1862 art. 38; Council Recommendation (EU) 2022/915): for a read the cameras missed or
 * a container announced by a shipping line. Each result shows the action first; discreet checks never show.
 */
export function VehicleSearch() {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { api } = useSession();
  const [kind, setKind] = useState<Kind>('plate');
  const [value, setValue] = useState('');
  const [country, setCountry] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<{ searched: string; response: SisObjectSearchResponse } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const searched = value.trim();
    if (searched === '') {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    const body =
      kind === 'plate'
        ? { plate: searched, ...(country.trim() === '' ? {} : { country: country.trim() }) }
        : { container: searched };
    api<SisObjectSearchResponse>('/sis/search/vehicles', { method: 'POST', purpose: HUB_PURPOSE, body }).then(
      (response) => {
        setBusy(false);
        setAnswer({ searched, response });
      },
      (e: unknown) => {
        setBusy(false);
        setAnswer(null);
        setError(e);
      },
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="vehicle-search-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="vehicle-search-title">
          <FormattedMessage id="hubSearch.title" />
        </Title>
        <form onSubmit={submit} noValidate aria-label={t('hubSearch.title')}>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="vehicle-search-kind">
                <FormattedMessage id="hubSearch.kind" />
              </Text>
              <SegmentedControl
                aria-labelledby="vehicle-search-kind"
                value={kind}
                onChange={(v) => {
                  setKind(v);
                  setAnswer(null);
                }}
                data={[
                  { value: 'plate', label: t('hubSearch.kind.plate') },
                  { value: 'container', label: t('hubSearch.kind.container') },
                ]}
              />
            </Stack>
            <TextInput
              label={t(kind === 'plate' ? 'hubSearch.plate' : 'hubSearch.container')}
              value={value}
              onChange={(e) => {
                setValue(e.currentTarget.value.toUpperCase());
                setMissing(false);
              }}
              error={missing ? t('hubSearch.required') : undefined}
              autoComplete="off"
              spellCheck={false}
              ff="monospace"
              w={220}
            />
            {kind === 'plate' && (
              <TextInput
                label={t('hubSearch.country')}
                description={t('hubSearch.country.description')}
                value={country}
                onChange={(e) => setCountry(e.currentTarget.value.toUpperCase())}
                maxLength={3}
                autoComplete="off"
                w={160}
              />
            )}
            <Button type="submit" loading={busy}>
              <FormattedMessage id="hubSearch.submit" />
            </Button>
          </Group>
        </form>
        {error !== null && <ErrorAlert error={error} title="hubSearch.failed" />}
        <div role="status" aria-live="polite">
          {answer !== null && (
            <Text size="sm" fw={600} data-testid="vehicle-search-summary">
              <FormattedMessage
                id="hubSearch.summary"
                values={{ count: answer.response.results.length, searched: answer.searched }}
              />
            </Text>
          )}
        </div>
        {answer !== null && answer.response.results.length > 0 && (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {answer.response.results.map((r) => (
              <Paper
                component="li"
                key={r.alert.alertId}
                withBorder
                p="sm"
                data-testid="vehicle-search-result"
                data-alert-id={r.alert.alertId}
                style={{ borderLeft: `6px solid ${statusColours.danger}` }}
              >
                <Stack gap={4}>
                  <Group gap="xs" wrap="wrap">
                    <Text fw={700} ff="monospace">
                      {r.why.stored}
                    </Text>
                    {r.alert.warningMarkers.map((m) => (
                      <Badge key={m} color={statusColours.danger} variant="filled" radius="sm">
                        {markerLabel(intl, m)}
                      </Badge>
                    ))}
                  </Group>
                  <Text fw={600} data-testid="vehicle-search-action">
                    {r.alert.action}
                  </Text>
                  <Text size="sm">
                    {[r.alert.object?.make, r.alert.object?.model, r.alert.object?.colour]
                      .filter((p) => p !== undefined && p !== '')
                      .join(' · ')}
                    {' · '}
                    <FormattedMessage
                      id="hubSearch.issuedBy"
                      values={{ state: r.alert.issuingState, id: r.alert.alertId }}
                    />
                  </Text>
                  <Text size="sm" c="dimmed">
                    {r.why.explanation}
                  </Text>
                </Stack>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
