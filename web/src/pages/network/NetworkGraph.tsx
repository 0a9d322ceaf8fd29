import { Box, useComputedColorScheme } from '@mantine/core';
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { useEffect, useRef } from 'react';
import { useIntl } from 'react-intl';

import { linkColourStyle } from '../mid/LinkColor.tsx';
import {
  communityColour,
  EDGE_STYLES,
  NODE_BORDERS,
  NODE_SHAPES,
  nodeSize,
  type NetworkAnswer,
} from './network.ts';

/** How the nodes and edges outside the time window show: faint, or not at all. */
export type OutsideMode = 'fade' | 'hide';

export interface GraphView {
  /** Nodes and edges inside the time window. */
  visible: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> };
  outside: OutsideMode;
  /** The community highlighted from the list, or null. */
  community: number | null;
  selected: string | null;
}

function elementsOf(answer: NetworkAnswer): ElementDefinition[] {
  const nodes: ElementDefinition[] = answer.nodes.map((n) => ({
    group: 'nodes',
    data: {
      id: n.id,
      label: n.label,
      size: nodeSize(n.centrality),
      fill: communityColour(n.community),
      border: NODE_BORDERS[n.kind],
      shape: NODE_SHAPES[n.kind],
      community: n.community,
    },
    position: { x: n.x, y: n.y },
  }));
  const known = new Set(answer.nodes.map((n) => n.id));
  const edges: ElementDefinition[] = answer.edges
    .filter((e) => known.has(e.source) && known.has(e.target))
    .map((e) => {
      const style = EDGE_STYLES[e.kind];
      const colour =
        e.kind === 'mid-link' && typeof e.attrs.colour === 'string'
          ? linkColourStyle(e.attrs.colour).border
          : style.colour;
      return {
        group: 'edges',
        data: {
          id: e.id,
          source: e.source,
          target: e.target,
          colour,
          line: style.line,
          arrow: style.arrow ? 'triangle' : 'none',
        },
      };
    });
  return [...nodes, ...edges];
}

function stylesheet(dark: boolean): StylesheetJson {
  const text = dark ? '#e9ecef' : '#1a1b1e';
  const halo = dark ? '#242424' : '#ffffff';
  return [
    {
      selector: 'node',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        shape: 'data(shape)' as never,
        'background-color': 'data(fill)',
        'border-color': 'data(border)',
        'border-width': 3,
        label: 'data(label)',
        color: text,
        'font-size': 10,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-outline-color': halo,
        'text-outline-width': 2,
        'min-zoomed-font-size': 7,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 2,
        'line-color': 'data(colour)',
        'line-style': 'data(line)' as never,
        'target-arrow-color': 'data(colour)',
        'target-arrow-shape': 'data(arrow)' as never,
        'curve-style': 'bezier',
        'arrow-scale': 0.8,
      },
    },
    { selector: '.faded', style: { opacity: 0.12 } },
    { selector: '.hidden', style: { display: 'none' } },
    {
      selector: 'node.chosen',
      style: { 'border-width': 6, 'border-color': dark ? '#ffd43b' : '#1c7ed6', 'z-index': 10 },
    },
    { selector: 'edge.chosen', style: { width: 4 } },
  ];
}

/**
 * The drawing: Cytoscape.js on a canvas, at the positions the server computed (a preset layout: the same data
 * draws the same picture). Shape by kind, fill by community, size by centrality, line by edge kind. It is one
 * view of the graph: the tables below hold the same nodes and edges for the keyboard and screen readers.
 */
export function NetworkGraph({
  answer,
  view,
  onSelect,
  onReady,
}: {
  answer: NetworkAnswer;
  view: GraphView;
  onSelect: (id: string | null) => void;
  /** Receives the Cytoscape instance (for the PNG export), null when it goes. */
  onReady: (cy: Core | null) => void;
}) {
  const intl = useIntl();
  const dark = useComputedColorScheme('light', { getInitialValueInEffect: false }) === 'dark';
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const readyRef = useRef(onReady);
  readyRef.current = onReady;

  useEffect(() => {
    if (container.current === null) {
      return;
    }
    const cy = cytoscape({
      container: container.current,
      elements: elementsOf(answer),
      layout: { name: 'preset', fit: true, padding: 30 },
      minZoom: 0.1,
      maxZoom: 2.5,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    cy.on('tap', 'node', (event) => {
      const target = event.target as cytoscape.NodeSingular;
      selectRef.current(target.id());
    });
    cy.on('tap', (event) => {
      if (event.target === cy) {
        selectRef.current(null);
      }
    });
    cyRef.current = cy;
    readyRef.current(cy);
    return () => {
      readyRef.current(null);
      cyRef.current = null;
      cy.destroy();
    };
  }, [answer]);

  useEffect(() => {
    cyRef.current?.style(stylesheet(dark));
  }, [dark, answer]);

  useEffect(() => {
    const cy = cyRef.current;
    if (cy === null) {
      return;
    }
    const outsideClass = view.outside === 'hide' ? 'hidden' : 'faded';
    cy.batch(() => {
      cy.elements().removeClass('faded hidden chosen');
      cy.nodes().forEach((n) => {
        const id = n.id();
        if (!view.visible.nodes.has(id)) {
          n.addClass(outsideClass);
        } else if (view.community !== null && n.data('community') !== view.community) {
          n.addClass('faded');
        }
      });
      cy.edges().forEach((e) => {
        if (!view.visible.edges.has(e.id())) {
          e.addClass(outsideClass);
        } else if (
          view.community !== null &&
          (e.source().data('community') !== view.community || e.target().data('community') !== view.community)
        ) {
          e.addClass('faded');
        }
      });
      if (view.selected !== null) {
        const node = cy.getElementById(view.selected);
        node.addClass('chosen');
        node.connectedEdges().addClass('chosen');
      }
    });
    // What the canvas draws at full strength, for tests and tools that cannot read a canvas (from the classes:
    // Cytoscape's `:visible` is only brought up to date at the next frame).
    const box = container.current;
    if (box !== null) {
      const plain = (el: cytoscape.SingularElementArgument) =>
        !el.hasClass('hidden') && !el.hasClass('faded');
      box.dataset.drawnNodes = String(cy.nodes().filter(plain).length);
      box.dataset.drawnEdges = String(
        cy.edges().filter((e) => plain(e) && !e.source().hasClass('hidden') && !e.target().hasClass('hidden'))
          .length,
      );
    }
  }, [view, answer]);

  // A node chosen from the list or the tables is brought into view.
  useEffect(() => {
    const cy = cyRef.current;
    if (cy === null || view.selected === null) {
      return;
    }
    const node = cy.getElementById(view.selected);
    if (node.nonempty()) {
      cy.animate({ center: { eles: node } }, { duration: 200 });
    }
  }, [view.selected]);

  return (
    <Box
      ref={container}
      role="img"
      aria-label={intl.formatMessage(
        { id: 'network.graph.label' },
        { nodes: view.visible.nodes.size, edges: view.visible.edges.size },
      )}
      data-testid="network-graph"
      data-nodes={answer.nodes.length}
      data-visible-nodes={view.visible.nodes.size}
      data-visible-edges={view.visible.edges.size}
      h={{ base: 380, md: 560 }}
      w="100%"
      style={{
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-sm)',
        background: 'var(--mantine-color-body)',
        position: 'relative',
      }}
    />
  );
}
