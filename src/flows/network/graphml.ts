import type { NetworkAnswer } from './model.ts';

type Value = string | number | boolean | null;

const escape = (s: string) =>
  s
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    // Characters XML 1.0 cannot carry at all (controls other than tab, newline and return).
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu, '');

/** The GraphML type of a key: numbers as double, booleans as boolean, anything else as string. */
function typeOf(values: readonly Value[]): 'double' | 'boolean' | 'string' {
  const present = values.filter((v) => v !== null);
  if (present.length > 0 && present.every((v) => typeof v === 'number')) {
    return 'double';
  }
  if (present.length > 0 && present.every((v) => typeof v === 'boolean')) {
    return 'boolean';
  }
  return 'string';
}

function keysOf(
  domain: 'node' | 'edge',
  rows: ReadonlyArray<Record<string, Value>>,
): Array<{ id: string; name: string; type: string; domain: string }> {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))].sort();
  return names.map((name) => ({
    id: `${domain[0]}_${name}`,
    name,
    type: typeOf(rows.map((r) => r[name] ?? null)),
    domain,
  }));
}

const nodeRow = (n: NetworkAnswer['nodes'][number]): Record<string, Value> => ({
  ...n.attrs,
  kind: n.kind,
  label: n.label,
  community: n.community,
  centrality: n.centrality,
  degree: n.degree,
  firstSeen: n.firstSeen,
  lastSeen: n.lastSeen,
  x: n.x,
  y: n.y,
});

const edgeRow = (e: NetworkAnswer['edges'][number]): Record<string, Value> => ({
  ...e.attrs,
  kind: e.kind,
  at: e.at,
});

/**
 * The graph as GraphML (graphml.graphdrawing.org), for Gephi, yEd or Cytoscape desktop: every node and edge
 * with its attributes as typed keys. graphology-graphml only parses GraphML, so it is written here (and the
 * tests parse it back with graphology-graphml).
 */
export function toGraphml(answer: NetworkAnswer): string {
  const nodes = answer.nodes.map((n) => ({ id: n.id, row: nodeRow(n) }));
  const edges = answer.edges.map((e) => ({ e, row: edgeRow(e) }));
  const nodeKeys = keysOf(
    'node',
    nodes.map((n) => n.row),
  );
  const edgeKeys = keysOf(
    'edge',
    edges.map((e) => e.row),
  );
  const data = (keys: typeof nodeKeys, row: Record<string, Value>) =>
    keys
      .filter((k) => row[k.name] !== null && row[k.name] !== undefined)
      .map((k) => `<data key="${k.id}">${escape(String(row[k.name]))}</data>`)
      .join('');
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...[...nodeKeys, ...edgeKeys].map(
      (k) =>
        `<key id="${escape(k.id)}" for="${k.domain}" attr.name="${escape(k.name)}" attr.type="${k.type}"/>`,
    ),
    `<graph id="network" edgedefault="undirected">`,
    `<desc>${escape(`Interlink network map, ${answer.from} to ${answer.to}${answer.focus === null ? '' : `, focus ${answer.focus}`}${answer.truncated ? ' (truncated)' : ''}`)}</desc>`,
    ...nodes.map((n) => `<node id="${escape(n.id)}">${data(nodeKeys, n.row)}</node>`),
    ...edges.map(
      ({ e, row }) =>
        `<edge id="${escape(e.id)}" source="${escape(e.source)}" target="${escape(e.target)}">${data(edgeKeys, row)}</edge>`,
    ),
    '</graph>',
    '</graphml>',
  ];
  return `${out.join('\n')}\n`;
}
