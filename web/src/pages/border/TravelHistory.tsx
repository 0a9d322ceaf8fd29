import { Box, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import type { EesFileDetails, StayControl } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatDate } from '../../format/datetime.ts';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import { useBcpZones } from '../../format/placeZones.ts';
import { isMessageId } from '../../i18n/messages.ts';
import { statusText } from '../../theme.ts';
import { RefusalNoticeButton } from './RefusalNotice.tsx';
import { stayWindow } from './stayWindow.ts';

function Dash() {
  return <>—</>;
}

/** Entries, exits and refusals of the individual file, oldest first, as EES holds them. */
export function TravelHistory({ details }: { details: EesFileDetails }) {
  const intl = useIntl();
  const zoneOf = useBcpZones();
  const { user } = useSession();
  // Refusals are absent where the profile may not see them (visa authorities, EES art. 24).
  const { records, refusals = [] } = details.history;
  return (
    <Stack gap="sm" component="section" aria-labelledby="history-title" data-testid="travel-history">
      <Title order={2} size="h4" id="history-title">
        <FormattedMessage id="border.history" />
      </Title>
      <Text size="sm">
        <FormattedMessage
          id="border.history.file"
          values={{
            id: details.file.id,
            kind: intl.formatMessage({ id: `ees.kind.${details.file.kind}` }),
          }}
        />
      </Text>
      {records.length === 0 ? (
        <Text size="sm" data-testid="no-records">
          <FormattedMessage id="border.history.noRecords" />
        </Text>
      ) : (
        <Table.ScrollContainer
          minWidth={640}
          type="native"
          tabIndex={0}
          role="region"
          aria-label={intl.formatMessage({ id: 'border.history.records' })}
        >
          <Table striped captionSide="top" data-testid="history-records">
            <Table.Caption style={{ textAlign: 'left' }}>
              <FormattedMessage id="border.history.records" />
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">
                  <FormattedMessage id="border.history.entry" />
                </Table.Th>
                <Table.Th scope="col">
                  <FormattedMessage id="border.history.exit" />
                </Table.Th>
                <Table.Th scope="col">
                  <FormattedMessage id="border.history.authorisedUntil" />
                </Table.Th>
                <Table.Th scope="col">
                  <FormattedMessage id="border.history.notes" />
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {records.map((r) => (
                <Table.Tr key={r.id} data-testid="history-record">
                  <Table.Td data-column="entry">
                    <PlaceTime at={r.entry.at} day={r.entry.date} zone={zoneOf(r.entry.bcp)} show="day" />{' '}
                    <FormattedMessage
                      id="border.history.at"
                      values={{ bcp: r.entry.bcp, memberState: r.entry.memberState }}
                    />
                  </Table.Td>
                  <Table.Td data-column="exit">
                    {r.exit === null ? (
                      <FormattedMessage id="border.history.noExit" />
                    ) : (
                      <>
                        <PlaceTime at={r.exit.at} day={r.exit.date} zone={zoneOf(r.exit.bcp)} show="day" />{' '}
                        <FormattedMessage
                          id="border.history.at"
                          values={{ bcp: r.exit.bcp, memberState: r.exit.memberState }}
                        />
                      </>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {r.authorisedUntil === null ? <Dash /> : formatDate(intl, r.authorisedUntil)}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      {r.visa !== null && (
                        <Text size="sm">
                          <FormattedMessage
                            id="border.history.visa"
                            values={{ sticker: r.visa.stickerNumber, state: r.visa.issuingState }}
                          />
                        </Text>
                      )}
                      {r.familyMember && (
                        <Text size="sm">
                          <FormattedMessage id="border.history.familyMember" />
                        </Text>
                      )}
                      {r.overstayDays !== null && r.overstayDays > 0 && (
                        <Text size="sm" fw={700}>
                          <FormattedMessage id="border.history.overstay" values={{ days: r.overstayDays }} />
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {refusals.length > 0 && (
        <Table striped captionSide="top" data-testid="history-refusals">
          <Table.Caption style={{ textAlign: 'left' }}>
            <FormattedMessage id="border.history.refusals" />
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">
                <FormattedMessage id="border.history.refusedOn" />
              </Table.Th>
              <Table.Th scope="col">
                <FormattedMessage id="border.history.grounds" />
              </Table.Th>
              <Table.Th scope="col">
                <FormattedMessage id="border.refusalNotice.column" />
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {refusals.map((r) => (
              <Table.Tr key={r.id} data-testid="history-refusal">
                <Table.Td>
                  <PlaceTime at={r.at} day={r.date} zone={zoneOf(r.bcp)} show="day" />{' '}
                  <FormattedMessage
                    id="border.history.at"
                    values={{ bcp: r.bcp, memberState: r.memberState }}
                  />
                </Table.Td>
                <Table.Td>
                  <List size="sm">
                    {r.reasons.map((letter) => {
                      const key = `refusal.ground.${letter}`;
                      return (
                        <List.Item key={letter} data-ground={letter}>
                          {letter}: {isMessageId(key) ? intl.formatMessage({ id: key }) : letter}
                        </List.Item>
                      );
                    })}
                  </List>
                </Table.Td>
                <Table.Td>
                  {/* The notice is the refusing authority's decision: only that authority prints it. */}
                  {r.memberState === user.authority.memberState && r.authority === user.authority.name ? (
                    <RefusalNoticeButton
                      refusalId={r.id}
                      label={intl.formatMessage(
                        { id: 'border.refusalNotice.printOf' },
                        { date: formatDate(intl, r.date) },
                      )}
                    />
                  ) : (
                    <Dash />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/**
 * The 180-day window of the 90/180 rule (Regulation (EU) 2016/399 Art. 6(1)) as a strip of day cells, 30 to a
 * row: days of stay filled, days in breach crossed, today outlined. The strip is one image to assistive
 * technology, named by the same summary that is printed under it, with the stays listed in words.
 */
export function StayWindowView({ control, details }: { control: StayControl; details: EesFileDetails }) {
  const intl = useIntl();
  const window = stayWindow(control, details.history.records);
  const summary = intl.formatMessage(
    { id: 'border.window.summary' },
    {
      from: formatDate(intl, control.windowStart),
      to: formatDate(intl, control.date),
      used: control.daysUsed,
      remaining: control.daysRemaining,
    },
  );
  return (
    <Stack gap="xs" component="section" aria-labelledby="window-title" data-testid="stay-window">
      <Title order={2} size="h4" id="window-title">
        <FormattedMessage id="border.window" />
      </Title>
      <Group gap="xl" data-testid="stay-figures">
        <Text fw={700} data-testid="days-used">
          <FormattedMessage id="border.window.used" values={{ days: control.daysUsed }} />
        </Text>
        <Text fw={700} data-testid="days-remaining">
          <FormattedMessage id="border.window.remaining" values={{ days: control.daysRemaining }} />
        </Text>
        {control.overstayDays > 0 && (
          <Text fw={700} c={statusText.danger}>
            <FormattedMessage id="border.window.overstay" values={{ days: control.overstayDays }} />
          </Text>
        )}
      </Group>
      <Box role="img" aria-label={summary} className="stay-strip" data-testid="stay-strip">
        {window.days.map((day) => (
          <span
            key={day.date}
            className="stay-day"
            data-stay={day.stay || undefined}
            data-breach={day.breach || undefined}
            data-today={day.today || undefined}
            title={formatDate(intl, day.date)}
          />
        ))}
      </Box>
      <Group gap="md" aria-hidden>
        <Group gap={4}>
          <span className="stay-day" data-stay />
          <Text size="xs">
            <FormattedMessage id="border.window.legend.stay" />
          </Text>
        </Group>
        <Group gap={4}>
          <span className="stay-day" data-breach data-stay />
          <Text size="xs">
            <FormattedMessage id="border.window.legend.breach" />
          </Text>
        </Group>
        <Group gap={4}>
          <span className="stay-day" data-today />
          <Text size="xs">
            <FormattedMessage id="border.window.legend.today" />
          </Text>
        </Group>
      </Group>
      <Text size="sm" data-testid="window-summary">
        {summary}
      </Text>
      {window.stays.length > 0 && (
        <List size="sm" data-testid="window-stays">
          {window.stays.map((s) => (
            <List.Item key={s.from}>
              <FormattedMessage
                id={s.open ? 'border.window.stayOpen' : 'border.window.stay'}
                values={{ from: formatDate(intl, s.from), to: formatDate(intl, s.to), days: s.days }}
              />
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
