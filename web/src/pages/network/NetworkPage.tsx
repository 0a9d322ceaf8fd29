import {
  Alert,
  Button,
  Grid,
  Group,
  Paper,
  RangeSlider,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { Core } from 'cytoscape';
import { useEffect, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { problemError, send } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { formatDate } from '../../format/datetime.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { DayInput } from '../../shell/DayInput.tsx';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { PurposeGate } from '../../shell/PurposeGate.tsx';
import { statusText } from '../../theme.ts';
import {
  daysOf,
  DEFAULT_DEPTH,
  DEPTHS,
  inWindow,
  NETWORK_PURPOSES,
  periodOf,
  windowOf,
  type NetworkAnswer,
} from './network.ts';
import { NetworkGraph, type OutsideMode } from './NetworkGraph.tsx';
import { CommunityList, Legend, NodePanel } from './NetworkPanels.tsx';
import { NetworkTables } from './NetworkTables.tsx';

/** What the map is asked for: a period (calendar days), a focus and how far from it. */
interface NetworkQuery {
  from: string | null;
  to: string | null;
  focus: string;
  depth: number;
}

const queryOf = (q: NetworkQuery) => ({
  from: q.from ?? undefined,
  to: q.to ?? undefined,
  focus: q.focus.trim() === '' ? undefined : q.focus.trim(),
  depth: q.focus.trim() === '' ? undefined : q.depth,
});

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fileStem = (answer: NetworkAnswer) =>
  `network-${answer.from.slice(0, 10)}-${answer.to.slice(0, 10)}${answer.focus === null ? '' : `-${answer.focus.replace(/[^A-Za-z0-9_-]+/g, '_')}`}`;

function QueryForm({
  initial,
  busy,
  onSubmit,
}: {
  initial: NetworkQuery;
  busy: boolean;
  onSubmit: (q: NetworkQuery) => void;
}) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const [q, setQ] = useState(initial);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(q);
  };
  return (
    <Paper withBorder p="sm">
      <form onSubmit={submit} noValidate aria-label={t('network.query.form')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('network.query.focus')}
            description={t('network.query.focusHint')}
            value={q.focus}
            onChange={(e) => {
              const focus = e.currentTarget.value;
              setQ((old) => ({ ...old, focus }));
            }}
            autoComplete="off"
            spellCheck={false}
            w={{ base: '100%', sm: 320 }}
            data-testid="network-focus"
          />
          <Select
            label={t('network.query.depth')}
            data={DEPTHS.map((d) => ({ value: String(d), label: String(d) }))}
            value={String(q.depth)}
            onChange={(v) => setQ((old) => ({ ...old, depth: Number(v ?? DEFAULT_DEPTH) }))}
            allowDeselect={false}
            w={110}
          />
          <DayInput
            label="network.query.from"
            value={q.from}
            onChange={(from) => setQ((old) => ({ ...old, from }))}
            testId="network-from"
          />
          <DayInput
            label="network.query.to"
            value={q.to}
            onChange={(to) => setQ((old) => ({ ...old, to }))}
            testId="network-to"
          />
          <Button type="submit" loading={busy}>
            <FormattedMessage id="network.query.submit" />
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

/** The period slider: a window of whole days inside the answer's period; outside it fades or hides. */
function TimeWindow({
  answer,
  days,
  onDays,
  outside,
  onOutside,
}: {
  answer: NetworkAnswer;
  days: [number, number];
  onDays: (days: [number, number]) => void;
  outside: OutsideMode;
  onOutside: (mode: OutsideMode) => void;
}) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const period = periodOf(answer);
  const steps = daysOf(period);
  const dayText = (d: number) =>
    formatDate(intl, new Date(period.start + d * 86_400_000).toISOString().slice(0, 10));
  // The slider pattern's other keys (WAI-ARIA APG): Home and End to the ends, Page Up and Down by a week; the
  // range slider itself only answers the arrows.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const thumb = (event.target as HTMLElement).closest('[role="slider"]');
    const moves: Record<string, number> = { Home: -steps, End: steps, PageUp: 7, PageDown: -7 };
    const move = moves[event.key];
    if (thumb === null || move === undefined) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    if (thumb.getAttribute('aria-label') === t('network.window.to')) {
      onDays([days[0], Math.min(steps - 1, Math.max(days[0], days[1] + move))]);
    } else {
      onDays([Math.max(0, Math.min(days[1], days[0] + move)), days[1]]);
    }
  };
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="network-window-title">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h5" id="network-window-title">
            <FormattedMessage id="network.window.title" />
          </Title>
          <Text size="sm" data-testid="network-window" data-from={days[0]} data-to={days[1]}>
            <FormattedMessage
              id="network.window.range"
              values={{ from: dayText(days[0]), to: dayText(days[1]) }}
            />
          </Text>
        </Group>
        {/* The slider sets its own key handler on its root: the extra keys are caught around it. */}
        <div onKeyDownCapture={onKeyDown}>
          <RangeSlider
            min={0}
            max={steps - 1}
            step={1}
            minRange={0}
            value={days}
            onChange={(v) => onDays([v[0], v[1]])}
            label={dayText}
            thumbFromLabel={t('network.window.from')}
            thumbToLabel={t('network.window.to')}
            disabled={steps <= 1}
            data-testid="network-slider"
            mb="xs"
          />
        </div>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" id="network-outside-label">
            <FormattedMessage id="network.window.outside" />
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby="network-outside-label"
            value={outside}
            onChange={(v) => onOutside(v === 'hide' ? 'hide' : 'fade')}
            data={[
              { value: 'fade', label: t('network.window.fade') },
              { value: 'hide', label: t('network.window.hide') },
            ]}
            data-testid="network-outside"
          />
        </Group>
      </Stack>
    </Paper>
  );
}

/** The map once answered: drawing, slider, legend, communities, side panel, tables and exports. */
function NetworkView({
  answer,
  purpose,
  query,
}: {
  answer: NetworkAnswer;
  purpose: string;
  query: NetworkQuery;
}) {
  const intl = useIntl();
  const { token } = useSession();
  const period = useMemo(() => periodOf(answer), [answer]);
  const steps = daysOf(period);
  const [days, setDays] = useState<[number, number]>([0, steps - 1]);
  const [outside, setOutside] = useState<OutsideMode>('fade');
  const [community, setCommunity] = useState<number | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [cy, setCy] = useState<Core | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const visible = useMemo(() => inWindow(answer, windowOf(period, days)), [answer, period, days]);
  const view = useMemo(
    () => ({ visible, outside, community, selected }),
    [visible, outside, community, selected],
  );
  const node = selected === null ? undefined : answer.nodes.find((n) => n.id === selected);

  const exportGraphml = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const response = await send(
        '/network/graphml',
        { token, purpose, query: queryOf(query) },
        'application/graphml+xml, application/xml;q=0.9',
      );
      if (!response.ok) {
        const text = await response.text();
        let body: unknown = null;
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
        throw problemError(response, body);
      }
      saveBlob(await response.blob(), `${fileStem(answer)}.graphml`);
    } catch (failure) {
      setExportError(failure);
    } finally {
      setExporting(false);
    }
  };

  const exportPng = () => {
    if (cy === null) {
      return;
    }
    const background = getComputedStyle(document.body).backgroundColor;
    saveBlob(cy.png({ output: 'blob', full: true, scale: 2, bg: background }), `${fileStem(answer)}.png`);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" role="status" data-testid="network-summary">
          <FormattedMessage
            id="network.summary"
            values={{
              nodes: answer.nodes.length,
              edges: answer.edges.length,
              communities: answer.communities.length,
            }}
          />
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            onClick={() => void exportGraphml()}
            loading={exporting}
            data-testid="network-export-graphml"
          >
            <FormattedMessage id="network.export.graphml" />
          </Button>
          <Button
            variant="default"
            size="xs"
            onClick={exportPng}
            disabled={cy === null}
            data-testid="network-export-png"
          >
            <FormattedMessage id="network.export.png" />
          </Button>
        </Group>
      </Group>
      {answer.truncated && (
        <Alert color={statusText.warning} variant="outline" data-testid="network-truncated">
          <FormattedMessage id="network.truncated" />
        </Alert>
      )}
      {exportError !== null && <ErrorAlert error={exportError} title="network.export.failed" />}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="sm">
            <NetworkGraph answer={answer} view={view} onSelect={setSelected} onReady={setCy} />
            <Text size="xs" c="dimmed">
              <FormattedMessage id="network.graph.hint" />
            </Text>
            <TimeWindow
              answer={answer}
              days={days}
              onDays={setDays}
              outside={outside}
              onOutside={setOutside}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="sm">
            {node !== undefined && (
              <NodePanel
                answer={answer}
                node={node}
                onSelect={setSelected}
                onClose={() => setSelected(null)}
              />
            )}
            <CommunityList answer={answer} highlighted={community} onHighlight={setCommunity} />
            <Legend />
          </Stack>
        </Grid.Col>
      </Grid>
      <Title order={2} size="h4">
        <FormattedMessage id="network.tables.title" />
      </Title>
      <NetworkTables answer={answer} visible={visible} onSelect={setSelected} purpose={purpose} />
      <Text size="xs" c="dimmed" data-testid="network-period">
        <FormattedMessage
          id="network.period"
          values={{
            from: formatDate(intl, answer.from.slice(0, 10)),
            to: formatDate(intl, answer.to.slice(0, 10)),
          }}
        />
      </Text>
    </Stack>
  );
}

function NetworkExplorer({ purpose }: { purpose: string }) {
  const { api } = useSession();
  const [query, setQuery] = useState<NetworkQuery>({ from: null, to: null, focus: '', depth: DEFAULT_DEPTH });
  const [answer, setAnswer] = useState<{ query: NetworkQuery; data: NetworkAnswer } | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api<NetworkAnswer>('/network', { purpose, query: queryOf(query), signal: controller.signal }).then(
      (data) => {
        setAnswer({ query, data });
        setLoading(false);
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) {
          setError(failure);
          setLoading(false);
        }
      },
    );
    return () => controller.abort();
  }, [api, purpose, query]);

  return (
    <Stack gap="md">
      <QueryForm initial={query} busy={loading} onSubmit={setQuery} />
      {error !== null && <ErrorAlert error={error} title="network.failed" />}
      {loading && answer === null && <InlineLoader label="network.loading" />}
      {answer !== null && answer.data.nodes.length === 0 && (
        <Text data-testid="network-empty">
          <FormattedMessage id={answer.query.focus.trim() === '' ? 'network.empty' : 'network.emptyFocus'} />
        </Text>
      )}
      {answer !== null && answer.data.nodes.length > 0 && (
        <NetworkView
          key={JSON.stringify(answer.query)}
          answer={answer.data}
          purpose={purpose}
          query={answer.query}
        />
      )}
    </Stack>
  );
}

/**
 * The network map for SIRENE and police analysts (issue 17): SIS alerts linked under art. 63 (2018/1862), the
 * hits on them, the hub reads of the same vehicles and containers across hubs, the vessels that brought the
 * containers, and MID links; communities and central nodes computed by the server. Personal data: read for a
 * declared purpose and logged.
 */
export default function NetworkPage() {
  return (
    <Stack gap="lg" maw={1500}>
      <Stack gap={4}>
        <PageTitle id="network.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="network.intro" />
        </Text>
      </Stack>
      <PurposeGate purposes={NETWORK_PURPOSES}>
        {(purpose) => <NetworkExplorer purpose={purpose} />}
      </PurposeGate>
    </Stack>
  );
}
