import { Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { EesOverstayersResponse } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatDate } from '../../format/datetime.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { PurposeGate } from '../../shell/PurposeGate.tsx';
import { statusColours } from '../../theme.ts';

/** The purpose immigration authorities state (EES arts. 26-27; the list itself: art. 12(3)). */
const OVERSTAYER_PURPOSES = ['immigration-check'];

/** States whose crossing points record entries into EES (the Schengen area). */
const SCHENGEN_STATES = [
  'AT', 'BE', 'BG', 'CH', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IS', 'IT', 'LI', 'LT',
  'LU', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const; // prettier-ignore

function OverstayerList({ purpose }: { purpose: string }) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { api } = useSession();
  const [memberState, setMemberState] = useState<string | null>(null);
  const [answer, setAnswer] = useState<EesOverstayersResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const regions = useMemo(() => new Intl.DisplayNames([intl.locale], { type: 'region' }), [intl.locale]);

  useEffect(() => {
    const controller = new AbortController();
    setAnswer(null);
    setError(null);
    api<EesOverstayersResponse>('/ees/overstayers', {
      purpose,
      signal: controller.signal,
      query: { memberState, limit: 500 },
    }).then(setAnswer, (e: unknown) => {
      if (!controller.signal.aborted) {
        setError(e);
      }
    });
    return () => controller.abort();
  }, [api, purpose, memberState]);

  return (
    <Stack gap="sm">
      <Select
        label={t('overstayers.memberState')}
        placeholder={t('overstayers.memberState.all')}
        data={SCHENGEN_STATES.map((s) => ({ value: s, label: `${s} · ${regions.of(s) ?? s}` }))}
        value={memberState}
        onChange={setMemberState}
        clearable
        searchable
        w={280}
        comboboxProps={{ withinPortal: true }}
      />
      {error !== null && <ErrorAlert error={error} title="overstayers.failed" />}
      {answer === null && error === null && <InlineLoader label="overstayers.loading" />}
      {answer !== null && (
        <>
          <Text size="sm" role="status" data-testid="overstayers-summary">
            <FormattedMessage id="overstayers.summary" values={{ count: answer.overstayers.length }} />
          </Text>
          {answer.overstayers.length > 0 && (
            <Table.ScrollContainer
              minWidth={760}
              type="native"
              tabIndex={0}
              role="region"
              aria-label={t('nav.overstayers')}
            >
              <Table striped verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('overstayers.col.name')}</Table.Th>
                    <Table.Th>{t('overstayers.col.birthDate')}</Table.Th>
                    <Table.Th>{t('overstayers.col.nationality')}</Table.Th>
                    <Table.Th>{t('overstayers.col.entry')}</Table.Th>
                    <Table.Th>{t('overstayers.col.authorisedUntil')}</Table.Th>
                    <Table.Th>{t('overstayers.col.overstay')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {answer.overstayers.map((o) => (
                    <Table.Tr key={o.recordId} data-testid="overstayer-row" data-file-id={o.fileId}>
                      <Table.Td fw={600}>
                        {o.surname}, {o.givenNames}
                      </Table.Td>
                      <Table.Td>{formatDate(intl, o.birthDate)}</Table.Td>
                      <Table.Td>{o.nationalities.join(', ')}</Table.Td>
                      <Table.Td>
                        {formatDate(intl, o.entryDate)} · {o.entryBcp} ({o.entryState})
                      </Table.Td>
                      <Table.Td>{formatDate(intl, o.authorisedUntil)}</Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Badge color={statusColours.danger} variant="filled" radius="sm" size="sm">
                            <FormattedMessage id="overstayers.days" values={{ days: o.overstayDays }} />
                          </Badge>
                          {o.flaggedOn !== null && (
                            <Text size="xs" c="dimmed">
                              <FormattedMessage
                                id="overstayers.flagged"
                                values={{ date: formatDate(intl, o.flaggedOn) }}
                              />
                            </Text>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}

/**
 * The list of overstayers for immigration authorities (Regulation (EU) 2017/2226 art. 12(3)): third-country
 * nationals whose authorised stay ended with no exit recorded, longest overstay first, optionally only those
 * who entered through one member state.
 */
export default function OverstayersPage() {
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <PageTitle id="overstayers.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="overstayers.intro" />
        </Text>
      </Stack>
      <PurposeGate purposes={OVERSTAYER_PURPOSES}>
        {(purpose) => <OverstayerList purpose={purpose} />}
      </PurposeGate>
    </Stack>
  );
}
