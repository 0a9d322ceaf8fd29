import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { Hub, HubDeskUsersResponse, HubHit, HubsResponse } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { statusColours, statusText } from '../../theme.ts';
import { markerLabel } from '../sis/ActionFirst.tsx';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import { formatHubTime } from './hubTime.ts';
import { HubHitTable } from './HubHitTable.tsx';
import {
  allowNotifications,
  beep,
  notify,
  unlockSound,
  useHitAlertPreference,
  type HitAlertPreference,
} from './newHitAlert.ts';
import { HUB_PURPOSE, useHubFeed, type FeedStatus } from './useHubFeed.ts';
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

const HIT_STATUS_COLOUR: Readonly<Record<HubHit['status'], string>> = {
  open: statusText.danger,
  acknowledged: statusText.warning,
  assigned: statusText.warning,
  dismissed: 'var(--mantine-color-dimmed)',
};

/** One fact of a hit on one line: its name, then its value. */
function Fact({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" align="baseline">
      <Text component="dt" size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
      <Text component="dd" m={0} size="xs" data-testid={testId}>
        {children}
      </Text>
    </Group>
  );
}

/** Acknowledge, assign to a desk officer, or dismiss with a reason; the server keeps and logs each. */
function HitActions({
  hit,
  deskUsers,
  onChanged,
}: {
  hit: HubHit;
  deskUsers: HubDeskUsersResponse['users'];
  onChanged: (hit: HubHit) => void;
}) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const { api } = useSession();
  const [mode, setMode] = useState<'assign' | 'dismiss' | null>(null);
  const [assignee, setAssignee] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const act = (body: {
    action: 'acknowledge' | 'assign' | 'dismiss';
    assignee?: string;
    reason?: string;
  }) => {
    setBusy(true);
    setError(null);
    api<HubHit>(`/hubs/${encodeURIComponent(hit.hubId)}/hits/${encodeURIComponent(hit.hitId)}/actions`, {
      method: 'POST',
      purpose: HUB_PURPOSE,
      body,
    }).then(
      (updated) => {
        setBusy(false);
        setMode(null);
        setReason('');
        onChanged(updated);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mode === 'assign') {
      if (assignee === null) {
        setMissing(true);
        return;
      }
      act({ action: 'assign', assignee });
    } else if (mode === 'dismiss') {
      if (reason.trim().length < 3) {
        setMissing(true);
        return;
      }
      act({ action: 'dismiss', reason: reason.trim() });
    }
  };
  const open = (next: 'assign' | 'dismiss') => {
    setMissing(false);
    setMode((m) => (m === next ? null : next));
  };

  return (
    <Stack gap={6}>
      <Group gap="xs">
        {hit.status === 'open' && (
          <Button size="xs" onClick={() => act({ action: 'acknowledge' })} loading={busy && mode === null}>
            <FormattedMessage id="hubDesk.acknowledge" />
          </Button>
        )}
        <Button size="xs" variant="default" onClick={() => open('assign')} aria-expanded={mode === 'assign'}>
          <FormattedMessage id="hubDesk.assign" />
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => open('dismiss')}
          aria-expanded={mode === 'dismiss'}
        >
          <FormattedMessage id="hubDesk.dismiss" />
        </Button>
      </Group>
      {mode !== null && (
        <form
          onSubmit={submit}
          noValidate
          aria-label={t(mode === 'assign' ? 'hubDesk.assign' : 'hubDesk.dismiss')}
        >
          <Group align="flex-end" gap="xs" wrap="wrap">
            {mode === 'assign' ? (
              <Select
                label={t('hubDesk.assignee')}
                placeholder={t('hubDesk.assignee.placeholder')}
                data={deskUsers.map((u) => ({
                  value: u.username,
                  label: `${u.displayName} (${u.username})`,
                }))}
                value={assignee}
                onChange={(v) => {
                  setAssignee(v);
                  setMissing(false);
                }}
                error={missing ? t('hubDesk.assignee.required') : undefined}
                allowDeselect={false}
                size="xs"
                w={260}
                comboboxProps={{ withinPortal: true }}
              />
            ) : (
              <TextInput
                label={t('hubDesk.reason')}
                description={t('hubDesk.reason.description')}
                value={reason}
                onChange={(e) => {
                  setReason(e.currentTarget.value);
                  setMissing(false);
                }}
                error={missing ? t('hubDesk.reason.required') : undefined}
                maxLength={500}
                size="xs"
                w={360}
                data-autofocus
              />
            )}
            <Button type="submit" size="xs" loading={busy} color={mode === 'dismiss' ? 'gray' : undefined}>
              <FormattedMessage
                id={mode === 'assign' ? 'hubDesk.assign.confirm' : 'hubDesk.dismiss.confirm'}
              />
            </Button>
          </Group>
        </form>
      )}
      {error !== null && <ErrorAlert error={error} title="hubDesk.actionFailed" />}
    </Stack>
  );
}

/**
 * One hit as the desk officer needs it, compact: the plate, the match and where the desk stands with it; what
 * to do; then the alert, why it matched and the vehicle on one line each. Times are the hub's local time.
 */
function HitCard({
  hit,
  gates,
  timeZone,
  deskUsers,
  onChanged,
}: {
  hit: HubHit;
  gates: ReadonlyMap<string, string>;
  timeZone: string;
  deskUsers: HubDeskUsersResponse['users'];
  onChanged: (hit: HubHit) => void;
}) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const vehicle = vehicleText(hit);
  const percent = intl.formatNumber(hit.confidence, { style: 'percent', maximumFractionDigits: 0 });
  const at = (iso: string) => <PlaceTime at={iso} zone={timeZone} seconds />;
  const closed = hit.status === 'dismissed';
  return (
    <Paper
      component="li"
      withBorder
      px="sm"
      py="xs"
      data-testid="hub-hit"
      data-hit-id={hit.hitId}
      data-plate={hit.matchedText}
      data-strength={hit.strength}
      data-status={hit.status}
      style={{ borderLeft: `6px solid ${closed ? '#adb5bd' : STRENGTH_COLOUR[hit.strength]}` }}
    >
      <Stack gap={4}>
        <Group justify="space-between" align="center" wrap="wrap" gap="xs">
          <Group gap="sm" align="baseline" wrap="wrap">
            <Title order={3} size="h4" ff="monospace" data-testid="hit-plate">
              {hit.matchedText}
            </Title>
            <Text size="sm">
              <FormattedMessage
                id="hubDesk.where"
                values={{
                  gate: gates.get(hit.gateId) ?? hit.gateId,
                  direction: t(hit.direction === 'in' ? 'hubDesk.direction.in' : 'hubDesk.direction.out'),
                  at: at(hit.readAt),
                }}
              />
            </Text>
            {hit.readCount > 1 && (
              <Text size="sm" fw={600} data-testid="hit-repeats">
                <FormattedMessage
                  id="hubDesk.repeats"
                  values={{ count: hit.readCount, last: at(hit.lastReadAt) }}
                />
              </Text>
            )}
          </Group>
          <Group gap="xs">
            <Badge
              color={HIT_STATUS_COLOUR[hit.status]}
              variant="outline"
              radius="sm"
              data-testid="hit-status"
            >
              {hit.status === 'assigned' && hit.assignedTo !== null
                ? t('hubDesk.status.assignedTo', { user: hit.assignedTo })
                : t(`hubDesk.hitStatus.${hit.status}`)}
            </Badge>
            <Badge
              color={STRENGTH_COLOUR[hit.strength]}
              variant="filled"
              radius="sm"
              size="lg"
              data-testid="hit-strength"
            >
              <FormattedMessage
                id="hubDesk.strengthWithConfidence"
                values={{ strength: t(`hubDesk.strength.${hit.strength}`), percent }}
              />
            </Badge>
          </Group>
        </Group>
        {closed ? (
          <Text size="sm" data-testid="hit-dismissed">
            <FormattedMessage
              id="hubDesk.dismissedBy"
              values={{
                user: hit.handledBy ?? '',
                at: at(hit.handledAt ?? hit.lastReadAt),
                reason: hit.dismissReason ?? '',
              }}
            />
          </Text>
        ) : (
          <>
            {hit.warningMarkers.length > 0 && (
              <Group gap="xs">
                <Text fw={700} size="sm" c={statusText.danger}>
                  <FormattedMessage id="sis.markers" />
                </Text>
                {hit.warningMarkers.map((m) => (
                  <Badge key={m} color={statusColours.danger} variant="filled" radius="sm">
                    {markerLabel(intl, m)}
                  </Badge>
                ))}
              </Group>
            )}
            <Text size="sm" data-testid="hit-what-to-do">
              <Text span fw={700}>
                <FormattedMessage id="hubDesk.whatToDo" />:
              </Text>{' '}
              <Text span fw={600}>
                {hit.whatToDo}
              </Text>
            </Text>
            <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing={0} m={0}>
              <Fact label={t('hubDesk.action')} testId="hit-action">
                {hit.action}
              </Fact>
              <Fact label={t('hubDesk.why')} testId="hit-why">
                {hit.why}
              </Fact>
              <Fact label={t('hubDesk.object')}>
                {t(`hubDesk.field.${hit.field}`)}
                {vehicle === null ? '' : ` · ${vehicle}`}
              </Fact>
              <Fact label={t('hubDesk.alert')}>
                <FormattedMessage
                  id="hubDesk.alert.value"
                  values={{ stored: hit.storedText, state: hit.issuingState, id: hit.alertId }}
                />
              </Fact>
              {hit.dischargedFrom !== undefined && hit.dischargedFrom !== null && (
                <>
                  <Fact label={t('hubDesk.vessel')} testId="hit-vessel">
                    <FormattedMessage
                      id="hubDesk.vessel.value"
                      values={{
                        name: hit.dischargedFrom.vessel.name,
                        imo: hit.dischargedFrom.vessel.imo,
                        flag: hit.dischargedFrom.vessel.flag,
                        at: at(hit.dischargedFrom.arrivedAt),
                      }}
                    />
                  </Fact>
                  <Fact label={t('hubDesk.previousPorts')} testId="hit-previous-ports">
                    {hit.dischargedFrom.previousPorts.map((p) => p.locode).join(' ← ')}
                  </Fact>
                </>
              )}
            </SimpleGrid>
            <HitActions hit={hit} deskUsers={deskUsers} onChanged={onChanged} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** The desk's choice of a tone and a browser notification for each new hit. */
function AlertSettings({
  preference,
  onChange,
}: {
  preference: HitAlertPreference;
  onChange: (next: HitAlertPreference) => void;
}) {
  const intl = useIntl();
  const [denied, setDenied] = useState(false);
  return (
    <Group gap="lg" data-testid="hit-alert-settings">
      <Switch
        label={intl.formatMessage({ id: 'hubDesk.sound' })}
        checked={preference.sound}
        onChange={(e) => {
          const on = e.currentTarget.checked;
          if (on) {
            unlockSound();
          }
          onChange({ ...preference, sound: on });
        }}
      />
      <Switch
        label={intl.formatMessage({ id: 'hubDesk.notification' })}
        checked={preference.notification}
        onChange={(e) => {
          const on = e.currentTarget.checked;
          if (!on) {
            onChange({ ...preference, notification: false });
            return;
          }
          void allowNotifications().then((granted) => {
            setDenied(!granted);
            onChange({ ...preference, notification: granted });
          });
        }}
      />
      {denied && (
        <Text size="sm" c={statusText.warning}>
          <FormattedMessage id="hubDesk.notification.denied" />
        </Text>
      )}
    </Group>
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
  const [deskUsers, setDeskUsers] = useState<HubDeskUsersResponse['users']>([]);
  const [preference, setPreference] = useHitAlertPreference();
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

  useEffect(() => {
    if (hubId === null) {
      return;
    }
    const controller = new AbortController();
    api<HubDeskUsersResponse>(`/hubs/${encodeURIComponent(hubId)}/desk-users`, {
      signal: controller.signal,
    }).then(
      (answer) => setDeskUsers(answer.users),
      // Without the list a hit cannot be assigned; acknowledging and dismissing still work.
      () => setDeskUsers([]),
    );
    return () => controller.abort();
  }, [api, hubId]);

  const hub = hubs?.find((h) => h.id === hubId) ?? null;
  const gates = new Map((hub?.gates ?? []).map((g) => [g.id, g.name]));

  // Each new hit rings and notifies once, as the desk chose; a hit that only changed does not.
  const rung = useRef(0);
  useEffect(() => {
    if (feed.arrivals <= rung.current) {
      rung.current = feed.arrivals;
      return;
    }
    rung.current = feed.arrivals;
    const latest = feed.latest;
    if (latest === null) {
      return;
    }
    if (preference.sound) {
      beep();
    }
    if (preference.notification) {
      notify(
        intl.formatMessage({ id: 'hubDesk.notification.title' }, { plate: latest.matchedText }),
        latest.whatToDo,
        latest.hitId,
      );
    }
  }, [feed.arrivals, feed.latest, preference, intl]);

  return (
    <Stack gap="md" maw={1100}>
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
          {hub !== null && <HubClock timeZone={hub.timeZone} />}
        </Group>
      )}
      {hubs !== null && hubs.length > 0 && <AlertSettings preference={preference} onChange={setPreference} />}
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
            <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid="hub-hits">
              {feed.hits.map((h) => (
                <HitCard
                  key={h.hitId}
                  hit={h}
                  gates={gates}
                  timeZone={hub.timeZone}
                  deskUsers={deskUsers}
                  onChanged={feed.update}
                />
              ))}
            </Stack>
          )}
        </Stack>
      )}
      {hub !== null && <HubHitTable hub={hub} feedHits={feed.hits} />}
    </Stack>
  );
}

/** The hub's local time now, updated every second, with its zone. */
function HubClock({ timeZone }: { timeZone: string }) {
  const intl = useIntl();
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date().toISOString()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text size="sm" data-testid="hub-clock" data-time-zone={timeZone}>
      <FormattedMessage id="hubDesk.localTime" values={{ time: formatHubTime(now, timeZone, intl.locale) }} />
    </Text>
  );
}
