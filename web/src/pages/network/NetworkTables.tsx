import { Group, Tabs, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useIntl } from 'react-intl';

import { PlaceTime } from '../../format/PlaceTime.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { DataTable, type TableColumn, type TableSort } from '../../shell/table/DataTable.tsx';
import type { NetworkAnswer, NetworkEdge, NetworkNode } from './network.ts';
import { CommunitySwatch, edgeLabel, KindIcon, kindLabel } from './NetworkPanels.tsx';

const PAGE = 25;

type Sortable = string | number | null;

/** Sorts the rows in the page (the whole graph is in hand): nulls last, then by the given direction. */
function sortRows<T>(rows: readonly T[], sort: TableSort, key: (row: T, column: string) => Sortable): T[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = key(a, sort.column);
    const y = key(b, sort.column);
    if (x === y) {
      return 0;
    }
    if (x === null) {
      return 1;
    }
    if (y === null) {
      return -1;
    }
    return (
      (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * sign
    );
  });
}

function useLocalTable<T>(rows: readonly T[], initial: TableSort, key: (row: T, column: string) => Sortable) {
  const [sort, setSort] = useState<TableSort>(initial);
  const [page, setPage] = useState(1);
  const sorted = useMemo(() => sortRows(rows, sort, key), [rows, sort, key]);
  return {
    sort,
    setSort: (s: TableSort) => {
      setSort(s);
      setPage(1);
    },
    page,
    setPage,
    shown: sorted.slice((page - 1) * PAGE, page * PAGE),
    total: rows.length,
  };
}

const nodeKey = (n: NetworkNode, column: string): Sortable => {
  switch (column) {
    case 'label':
      return n.label;
    case 'kind':
      return n.kind;
    case 'community':
      return n.community;
    case 'centrality':
      return n.centrality;
    case 'degree':
      return n.degree;
    case 'firstSeen':
      return n.firstSeen;
    case 'lastSeen':
      return n.lastSeen;
    default:
      return null;
  }
};

/**
 * The graph as two tables, nodes and edges: what the drawing shows, for the keyboard and screen readers. Enter
 * (or a click) on a node's row selects it, as a click on the drawing does; on an edge's row, its source.
 */
export function NetworkTables({
  answer,
  visible,
  onSelect,
  purpose,
}: {
  answer: NetworkAnswer;
  visible: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> };
  onSelect: (id: string) => void;
  /** The purpose the map is read for: the CSV export of a table is logged under it. */
  purpose: string;
}) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const labels = useMemo(() => new Map(answer.nodes.map((n) => [n.id, n.label])), [answer]);
  const nodeRows = useMemo(() => answer.nodes.filter((n) => visible.nodes.has(n.id)), [answer, visible]);
  const edgeRows = useMemo(() => answer.edges.filter((e) => visible.edges.has(e.id)), [answer, visible]);
  const edgeKey = useMemo(
    () =>
      (e: NetworkEdge, column: string): Sortable => {
        switch (column) {
          case 'kind':
            return e.kind;
          case 'source':
            return labels.get(e.source) ?? e.source;
          case 'target':
            return labels.get(e.target) ?? e.target;
          case 'at':
            return e.at;
          default:
            return null;
        }
      },
    [labels],
  );
  // The CSV export of a table (the rows on screen, as every list exports) is logged with the map's query.
  const exportLog = (table: 'nodes' | 'edges') => ({
    screen: `network-${table}`,
    system: 'sis',
    purpose,
    filters: { from: answer.from, to: answer.to, focus: answer.focus },
    fileName: `network-${table}`,
  });
  const nodes = useLocalTable(nodeRows, { column: 'centrality', direction: 'desc' }, nodeKey);
  const edges = useLocalTable(edgeRows, { column: 'at', direction: 'desc' }, edgeKey);

  const time = (at: string | null) => (at === null ? '—' : <PlaceTime at={at} />);
  const nodeColumns: Array<TableColumn<NetworkNode>> = [
    {
      id: 'label',
      title: t('network.col.label'),
      sortable: true,
      hideable: false,
      render: (n) => (
        <Text size="sm" fw={600} span style={{ wordBreak: 'break-word' }}>
          {n.label}
        </Text>
      ),
      csv: (n) => n.label,
    },
    {
      id: 'kind',
      title: t('network.col.kind'),
      sortable: true,
      render: (n) => (
        <Group gap={6} wrap="nowrap">
          <KindIcon kind={n.kind} />
          <Text size="sm" span>
            {kindLabel(intl, n.kind)}
          </Text>
        </Group>
      ),
      csv: (n) => kindLabel(intl, n.kind),
    },
    {
      id: 'community',
      title: t('network.col.community'),
      sortable: true,
      render: (n) => (
        <Group gap={6} wrap="nowrap">
          <CommunitySwatch community={n.community} />
          <Text size="sm" span>
            {n.community + 1}
          </Text>
        </Group>
      ),
      csv: (n) => n.community + 1,
    },
    {
      id: 'centrality',
      title: t('network.col.centrality'),
      sortable: true,
      render: (n) => intl.formatNumber(n.centrality, { maximumFractionDigits: 2 }),
      csv: (n) => n.centrality,
    },
    {
      id: 'degree',
      title: t('network.col.degree'),
      sortable: true,
      render: (n) => n.degree,
      csv: (n) => n.degree,
    },
    {
      id: 'firstSeen',
      title: t('network.col.firstSeen'),
      sortable: true,
      render: (n) => time(n.firstSeen),
      csv: (n) => n.firstSeen ?? '',
    },
    {
      id: 'lastSeen',
      title: t('network.col.lastSeen'),
      sortable: true,
      render: (n) => time(n.lastSeen),
      csv: (n) => n.lastSeen ?? '',
    },
  ];
  const edgeColumns: Array<TableColumn<NetworkEdge>> = [
    {
      id: 'kind',
      title: t('network.col.edgeKind'),
      sortable: true,
      hideable: false,
      render: (e) => edgeLabel(intl, e.kind),
      csv: (e) => edgeLabel(intl, e.kind),
    },
    {
      id: 'source',
      title: t('network.col.source'),
      sortable: true,
      render: (e) => labels.get(e.source) ?? e.source,
      csv: (e) => labels.get(e.source) ?? e.source,
    },
    {
      id: 'target',
      title: t('network.col.target'),
      sortable: true,
      render: (e) => labels.get(e.target) ?? e.target,
      csv: (e) => labels.get(e.target) ?? e.target,
    },
    {
      id: 'at',
      title: t('network.col.at'),
      sortable: true,
      render: (e) => (e.at === null ? t('network.edge.standing') : <PlaceTime at={e.at} />),
      csv: (e) => e.at ?? '',
    },
  ];

  return (
    <Tabs defaultValue="nodes" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="nodes" data-testid="network-tab-nodes">
          {t('network.tables.nodes', { count: nodeRows.length })}
        </Tabs.Tab>
        <Tabs.Tab value="edges" data-testid="network-tab-edges">
          {t('network.tables.edges', { count: edgeRows.length })}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="nodes" pt="xs">
        <DataTable<NetworkNode>
          id="network-nodes"
          caption={t('network.tables.nodesCaption')}
          columns={nodeColumns}
          records={nodes.shown}
          total={nodes.total}
          rowKey={(n) => n.id}
          loading={false}
          sort={nodes.sort}
          onSortChange={nodes.setSort}
          page={nodes.page}
          pageSize={PAGE}
          onPageChange={nodes.setPage}
          onOpen={(n) => onSelect(n.id)}
          exportLog={exportLog('nodes')}
          emptyText={t('network.tables.noNodes')}
          rowAttributes={(n) => ({
            'data-testid': 'network-node-row',
            'data-kind': n.kind,
            'data-node': n.id,
          })}
        />
      </Tabs.Panel>
      <Tabs.Panel value="edges" pt="xs">
        <DataTable<NetworkEdge>
          id="network-edges"
          caption={t('network.tables.edgesCaption')}
          columns={edgeColumns}
          records={edges.shown}
          total={edges.total}
          rowKey={(e) => e.id}
          loading={false}
          sort={edges.sort}
          onSortChange={edges.setSort}
          page={edges.page}
          pageSize={PAGE}
          onPageChange={edges.setPage}
          onOpen={(e) => onSelect(e.source)}
          exportLog={exportLog('edges')}
          emptyText={t('network.tables.noEdges')}
          rowAttributes={(e) => ({ 'data-testid': 'network-edge-row', 'data-kind': e.kind })}
        />
      </Tabs.Panel>
    </Tabs>
  );
}
