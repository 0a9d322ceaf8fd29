import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';

import { PlaceTime } from '../../format/PlaceTime.tsx';
import { isMessageId } from '../../i18n/messages.ts';
import { linkColourStyle } from '../mid/LinkColor.tsx';
import {
  alertIdOf,
  communityColour,
  EDGE_KINDS,
  EDGE_STYLES,
  edgesOf,
  NODE_BORDERS,
  NODE_KINDS,
  NODE_SHAPES,
  type NetworkAnswer,
  type NetworkNode,
} from './network.ts';

/** A code in words through `prefix.code`; the code itself for one the catalogue does not know. */
function label(intl: IntlShape, prefix: string, code: string): string {
  const id = `${prefix}.${code}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : code;
}

export const kindLabel = (intl: IntlShape, kind: string) => label(intl, 'network.kind', kind);
export const edgeLabel = (intl: IntlShape, kind: string) => label(intl, 'network.edge', kind);
const attrLabel = (intl: IntlShape, key: string) => label(intl, 'network.attr', key);

function attrValue(intl: IntlShape, value: string | number | boolean | null): string {
  if (value === null) {
    return '—';
  }
  if (typeof value === 'boolean') {
    return intl.formatMessage({ id: value ? 'network.yes' : 'network.no' });
  }
  return typeof value === 'number' ? intl.formatNumber(value) : value;
}

/** Points of a shape in a 20×20 box, as the drawing's Cytoscape shapes look. */
const SHAPE_POINTS: Readonly<Record<string, string>> = {
  diamond: '10,1 19,10 10,19 1,10',
  hexagon: '5,2 15,2 19,10 15,18 5,18 1,10',
  triangle: '10,2 19,18 1,18',
  vee: '1,2 10,8 19,2 10,19',
  octagon: '6,1 14,1 19,6 19,14 14,19 6,19 1,14 1,6',
};

/** The legend's picture of a node kind: its shape and outline. */
export function KindIcon({ kind, fill = 'transparent' }: { kind: NetworkNode['kind']; fill?: string }) {
  const shape = NODE_SHAPES[kind];
  const stroke = NODE_BORDERS[kind];
  const common = { fill, stroke, strokeWidth: 2 };
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      {shape === 'ellipse' ? (
        <circle cx="10" cy="10" r="8" {...common} />
      ) : shape === 'round-rectangle' || shape === 'rectangle' ? (
        <rect x="2" y="4" width="16" height="12" rx={shape === 'rectangle' ? 0 : 4} {...common} />
      ) : (
        <polygon points={SHAPE_POINTS[shape] ?? SHAPE_POINTS.diamond} {...common} />
      )}
    </svg>
  );
}

function EdgeIcon({ kind }: { kind: (typeof EDGE_KINDS)[number] }) {
  const style = EDGE_STYLES[kind];
  const dash = style.line === 'dashed' ? '5 3' : style.line === 'dotted' ? '1.5 3' : undefined;
  return (
    <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" focusable="false">
      <line x1="1" y1="6" x2="27" y2="6" stroke={style.colour} strokeWidth="2.5" strokeDasharray={dash} />
    </svg>
  );
}

/** What the shapes, outlines, fills, sizes and lines of the drawing mean. */
export function Legend() {
  const intl = useIntl();
  return (
    <Paper
      withBorder
      p="sm"
      component="section"
      aria-labelledby="network-legend-title"
      data-testid="network-legend"
    >
      <Stack gap="xs">
        <Title order={2} size="h5" id="network-legend-title">
          <FormattedMessage id="network.legend.title" />
        </Title>
        <Group gap="md" wrap="wrap" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {NODE_KINDS.map((k) => (
            <Group key={k} gap={6} component="li" wrap="nowrap">
              <KindIcon kind={k} />
              <Text size="sm">{kindLabel(intl, k)}</Text>
            </Group>
          ))}
        </Group>
        <Group gap="md" wrap="wrap" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {EDGE_KINDS.map((k) => (
            <Group key={k} gap={6} component="li" wrap="nowrap">
              <EdgeIcon kind={k} />
              <Text size="sm">{edgeLabel(intl, k)}</Text>
            </Group>
          ))}
        </Group>
        <Text size="xs" c="dimmed">
          <FormattedMessage id="network.legend.encoding" />
        </Text>
      </Stack>
    </Paper>
  );
}

/** A small swatch of a community's colour, always with its number in words beside it. */
export function CommunitySwatch({ community }: { community: number }) {
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-block',
        width: 12,
        height: 12,
        borderRadius: 6,
        background: communityColour(community),
        border: '1px solid var(--mantine-color-default-border)',
        flex: 'none',
      }}
    />
  );
}

/**
 * The communities (Louvain) with their central node and what they hold; a click highlights the community in
 * the drawing (the others fade), a second click shows all again.
 */
export function CommunityList({
  answer,
  highlighted,
  onHighlight,
}: {
  answer: NetworkAnswer;
  highlighted: number | null;
  onHighlight: (community: number | null) => void;
}) {
  const intl = useIntl();
  const byId = new Map(answer.nodes.map((n) => [n.id, n]));
  const communities = [...answer.communities].sort((a, b) => b.alerts - a.alerts || b.size - a.size);
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="network-communities-title">
      <Stack gap="xs">
        <Title order={2} size="h5" id="network-communities-title">
          <FormattedMessage id="network.communities.title" />
        </Title>
        {communities.length === 0 ? (
          <Text size="sm">
            <FormattedMessage id="network.communities.none" />
          </Text>
        ) : (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {communities.map((c) => {
              const centre = byId.get(c.centre);
              const pressed = highlighted === c.id;
              return (
                <li key={c.id}>
                  <UnstyledButton
                    onClick={() => onHighlight(pressed ? null : c.id)}
                    aria-pressed={pressed}
                    data-testid="network-community"
                    data-community={c.id}
                    data-centre={c.centre}
                    w="100%"
                    p={6}
                    style={{
                      borderRadius: 'var(--mantine-radius-sm)',
                      border: pressed
                        ? '2px solid var(--mantine-primary-color-filled)'
                        : '1px solid var(--mantine-color-default-border)',
                    }}
                  >
                    <Group gap={8} wrap="nowrap" align="flex-start">
                      <CommunitySwatch community={c.id} />
                      <Stack gap={0}>
                        <Text size="sm" fw={600}>
                          <FormattedMessage
                            id="network.communities.name"
                            values={{ id: c.id + 1, size: c.size }}
                          />
                        </Text>
                        <Text size="xs">
                          <FormattedMessage
                            id="network.communities.holds"
                            values={{ alerts: c.alerts, hubs: c.hubs, vessels: c.vessels }}
                          />
                        </Text>
                        <Text size="xs" data-testid="network-community-centre">
                          <FormattedMessage
                            id="network.communities.centre"
                            values={{
                              label: centre?.label ?? c.centre,
                              kind: centre === undefined ? '' : kindLabel(intl, centre.kind),
                            }}
                          />
                        </Text>
                      </Stack>
                    </Group>
                  </UnstyledButton>
                </li>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** One node's facts: kind, community, what the server shows of it, first and last seen, its edges with times. */
export function NodePanel({
  answer,
  node,
  onSelect,
  onClose,
}: {
  answer: NetworkAnswer;
  node: NetworkNode;
  onSelect: (id: string) => void;
  onClose: () => void;
}) {
  const intl = useIntl();
  const alertId = alertIdOf(node);
  const edges = edgesOf(answer, node.id);
  return (
    <Paper
      withBorder
      p="sm"
      component="section"
      aria-labelledby="network-node-title"
      data-testid="network-node-panel"
      data-node={node.id}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap={8} wrap="nowrap">
            <KindIcon kind={node.kind} fill={communityColour(node.community)} />
            <Title order={2} size="h5" id="network-node-title" style={{ wordBreak: 'break-word' }}>
              {node.label}
            </Title>
          </Group>
          <Button variant="subtle" size="compact-xs" onClick={onClose}>
            <FormattedMessage id="network.node.close" />
          </Button>
        </Group>
        <Group gap={6}>
          <Badge
            variant="outline"
            color="gray"
            radius="sm"
            styles={{ root: { color: 'var(--mantine-color-text)' } }}
          >
            {kindLabel(intl, node.kind)}
          </Badge>
          <Text size="xs">
            <FormattedMessage
              id="network.node.figures"
              values={{
                community: node.community + 1,
                degree: node.degree,
                centrality: intl.formatNumber(node.centrality, { maximumFractionDigits: 2 }),
              }}
            />
          </Text>
        </Group>
        {alertId !== null && (
          <Anchor
            href={`#/sis/alerts/${encodeURIComponent(alertId)}`}
            size="sm"
            data-testid="network-node-alert"
          >
            <FormattedMessage id="network.node.openAlert" />
          </Anchor>
        )}
        <Table withRowBorders={false} verticalSpacing={2} fz="sm" data-testid="network-node-attrs">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">
                <FormattedMessage id="network.node.firstSeen" />
              </Table.Th>
              <Table.Td>{node.firstSeen === null ? '—' : <PlaceTime at={node.firstSeen} />}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">
                <FormattedMessage id="network.node.lastSeen" />
              </Table.Th>
              <Table.Td>{node.lastSeen === null ? '—' : <PlaceTime at={node.lastSeen} />}</Table.Td>
            </Table.Tr>
            {Object.entries(node.attrs).map(([key, value]) => (
              <Table.Tr key={key} data-attr={key}>
                <Table.Th scope="row">{attrLabel(intl, key)}</Table.Th>
                <Table.Td style={{ wordBreak: 'break-word' }}>{attrValue(intl, value)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Title order={3} size="h6">
          <FormattedMessage id="network.node.edges" values={{ count: edges.length }} />
        </Title>
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {edges.map(({ edge, other }) => (
            <li key={edge.id} data-testid="network-node-edge" data-kind={edge.kind}>
              <Group gap={6} wrap="wrap">
                <Text size="xs" fw={600} span>
                  {edgeLabel(intl, edge.kind)}
                </Text>
                {edge.kind === 'mid-link' && typeof edge.attrs.colour === 'string' && (
                  <Text size="xs" span style={{ color: 'var(--mantine-color-text)' }}>
                    <span
                      aria-hidden="true"
                      style={{
                        display: 'inline-block',
                        width: 10,
                        height: 10,
                        marginRight: 4,
                        background: linkColourStyle(edge.attrs.colour).bg,
                        border: `1px solid ${linkColourStyle(edge.attrs.colour).border}`,
                      }}
                    />
                    {label(intl, 'mid.colorName', edge.attrs.colour)}
                  </Text>
                )}
                {other === undefined ? (
                  <Text size="xs" span>
                    {edge.source === node.id ? edge.target : edge.source}
                  </Text>
                ) : (
                  <Anchor component="button" type="button" size="xs" onClick={() => onSelect(other.id)}>
                    {other.label}
                  </Anchor>
                )}
                <Text size="xs" span>
                  {edge.at === null ? (
                    <FormattedMessage id="network.edge.standing" />
                  ) : (
                    <PlaceTime at={edge.at} />
                  )}
                </Text>
              </Group>
            </li>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
