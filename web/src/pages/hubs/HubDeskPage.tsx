import { Badge, Group, Paper, Select, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { Hub, HubHit, HubsResponse } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatUtc } from '../../format/datetime.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { statusColours } from '../../theme.ts';
import { markerLabel } from '../sis/ActionFirst.tsx';
import { useHubFeed, type FeedStatus } from './useHubFeed.ts';
import { VehicleSearch } from './VehicleSearch.tsx';

const STRENGTH_COLOUR: Readonly<Record<HubHit['strength'], string>> = {
  strong: statusColours.danger,
  possible: statusColours.warning,
  weak: '#495057',
};

const STATUS_COLOUR: Readonly<Record<FeedStatus, string>> = {
  connecting: '#495057',
  live: statusColours.success,
  reconnecting: statusColours.warning,
  failed: statusColours.danger,
};

function vehicleText(hit: HubHit): string | null {
  const v = hit.vehicle;
  if (v === null) {
    return null;
  }
  const text = [v.make, v.model, v.colour, v.description]
    .filter((p) => p !== undefined && p !== '')
    .join(' · ');
  return text === '' ? null : text;
}

/** One hit as the desk officer needs it: what to do first, then the vehicle, the match and why. */
function HitCard({ hit, gates }: { hit: HubHit; gates: ReadonlyMap<string, string> }) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const vehicle = vehicleText(hit);
  const percent = intl.formatNumber(hit.confidence, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <Paper
      component="li"
      withBorder
      p="md"
      data-testid="hub-hit"
      data-hit-id={hit.hitId}
      data-plate={hit.matchedText}
      data-strength={hit.strength}
      style={{ borderLeft: `6px solid ${STRENGTH_COLOUR[hit.strength]}` }}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Title order={3} size="h3" ff="monospace" data-testid="hit-plate">
              {hit.matchedText}
            </Title>
            <Text size="sm">
              <FormattedMessage
                id="hubDesk.where"
                values={{
                  gate: gates.get(hit.gateId) ?? hit.gateId,
                  direction: t(hit.direction === 'in' ? 'hubDesk.direction.in' : 'hubDesk.direction.out'),
                  at: formatUtc(intl, hit.readAt),
                }}
              />
            </Text>
          </Stack>
          <Badge
            color={STRENGTH_COLOUR[hit.strength]}
            variant="filled"
            radius="sm"
            size="lg"
            data-testid="hit-strength"
          >
            <FormattedMessage
              id="hubDesk.strengthWithConfidence"
              values={{ strength: t(`hubDesk.strength.${hit.strength}` as MessageId), percent }}
            />
          </Badge>
        </Group>
        {hit.warningMarkers.length > 0 && (
          <Group gap="xs">
            <Text fw={700} c={statusColours.danger}>
              <FormattedMessage id="sis.markers" />
            </Text>
            {hit.warningMarkers.map((m) => (
              <Badge key={m} color={statusColours.danger} variant="filled" radius="sm">
                {markerLabel(intl, m)}
              </Badge>
            ))}
          </Group>
        )}
        <div data-testid="hit-what-to-do">
          <Text fw={700} size="sm" component="p" m={0}>
            <FormattedMessage id="hubDesk.whatToDo" />
          </Text>
          <Text fw={600} size="lg">
            {hit.whatToDo}
          </Text>
        </div>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing={4} m={0}>
          <div>
            <Text component="dt" size="xs" c="dimmed">
              <FormattedMessage id="hubDesk.action" />
            </Text>
            <Text component="dd" m={0} size="sm" data-testid="hit-action">
              {hit.action}
            </Text>
          </div>
          <div>
            <Text component="dt" size="xs" c="dimmed">
              <FormattedMessage id="hubDesk.why" />
            </Text>
            <Text component="dd" m={0} size="sm" data-testid="hit-why">
              {hit.why}
            </Text>
          </div>
          <div>
            <Text component="dt" size="xs" c="dimmed">
              <FormattedMessage id="hubDesk.object" />
            </Text>
            <Text component="dd" m={0} size="sm">
              {t(`hubDesk.field.${hit.field}` as MessageId)}
              {vehicle === null ? '' : ` · ${vehicle}`}
            </Text>
          </div>
          <div>
            <Text component="dt" size="xs" c="dimmed">
              <FormattedMessage id="hubDesk.alert" />
            </Text>
            <Text component="dd" m={0} size="sm">
              <FormattedMessage
                id="hubDesk.alert.value"
                values={{ stored: hit.storedText, state: hit.issuingState, id: hit.alertId }}
              />
            </Text>
          </div>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** The sentence a screen reader hears when a hit arrives. */
function announcement(
  intl: ReturnType<typeof useIntl>,
  hit: HubHit,
  gates: ReadonlyMap<string, string>,
): string {
  return intl.formatMessage(
    { id: 'hubDesk.announce' },
    {
      plate: hit.matchedText,
      gate: gates.get(hit.gateId) ?? hit.gateId,
      strength: intl.formatMessage({ id: `hubDesk.strength.${hit.strength}` as MessageId }),
      whatToDo: hit.whatToDo,
    },
  );
}

/**
 * The hub desk (Council Recommendation (EU) 2022/915 on automatic SIS checks at logistics hubs; Regulation (EU)
 * 2018/1862 arts. 36 and 38): the hub's hits as they arrive, newest on top, each with what to do, the alert's
 * action, how strong the match is in words and why it matched. Discreet checks never reach this screen.
 */
export default function HubDeskPage() {
  const intl = useIntl();
  const { api } = useSession();
  const [hubs, setHubs] = useState<Hub[] | null>(null);
  const [hubsError, setHubsError] = useState<unknown>(null);
  const [hubId, setHubId] = useState<string | null>(null);
  const feed = useHubFeed(hubId);

  useEffect(() => {
    const controller = new AbortController();
    api<HubsResponse>('/hubs', { signal: controller.signal }).then(
      (answer) => {
        setHubs(answer.hubs);
        setHubId((current) => current ?? answer.hubs[0]?.id ?? null);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) {
          setHubsError(e);
        }
      },
    );
    return () => controller.abort();
  }, [api]);

  const hub = hubs?.find((h) => h.id === hubId) ?? null;
  const gates = new Map((hub?.gates ?? []).map((g) => [g.id, g.name]));

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <PageTitle id="hubDesk.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="hubDesk.intro" />
        </Text>
      </Stack>
      {hubsError !== null && <ErrorAlert error={hubsError} title="hubDesk.hubsFailed" />}
      {hubs === null && hubsError === null && <InlineLoader label="hubDesk.loading" />}
      {hubs !== null && hubs.length === 0 && (
        <Text>
          <FormattedMessage id="hubDesk.noHubs" />
        </Text>
      )}
      {hubs !== null && hubs.length > 0 && (
        <Group align="flex-end" gap="lg" wrap="wrap">
          <Select
            label={intl.formatMessage({ id: 'hubDesk.hub' })}
            data={hubs.map((h) => ({ value: h.id, label: h.name }))}
            value={hubId}
            onChange={(v) => v !== null && setHubId(v)}
            allowDeselect={false}
            w={360}
            comboboxProps={{ withinPortal: true }}
            data-testid="hub-select"
          />
          <Group gap="xs" data-testid="feed-status" data-status={feed.status}>
            <Badge color={STATUS_COLOUR[feed.status]} variant="filled" radius="sm">
              <FormattedMessage id={`hubDesk.status.${feed.status}`} />
            </Badge>
            <Text size="sm">
              <FormattedMessage id="hubDesk.count" values={{ count: feed.hits.length }} />
            </Text>
          </Group>
        </Group>
      )}
      {feed.error !== null && <ErrorAlert error={feed.error} title="hubDesk.feedFailed" />}
      <VisuallyHidden>
        <div role="status" aria-live="polite" aria-atomic="true" data-testid="hit-announcer">
          {feed.latest === null ? '' : announcement(intl, feed.latest, gates)}
        </div>
      </VisuallyHidden>
      {hubs !== null && <VehicleSearch />}
      {hub !== null && (
        <Stack gap="sm" component="section" aria-labelledby="hub-hits-title">
          <Title order={2} size="h4" id="hub-hits-title">
            <FormattedMessage id="hubDesk.hits" values={{ hub: hub.name }} />
          </Title>
          {feed.hits.length === 0 ? (
            <Text size="sm" data-testid="no-hits">
              <FormattedMessage id="hubDesk.noHitsYet" />
            </Text>
          ) : (
            <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} data-testid="hub-hits">
              {feed.hits.map((h) => (
                <HitCard key={h.hitId} hit={h} gates={gates} />
              ))}
            </Stack>
          )}
        </Stack>
      )}
    </Stack>
  );
}
