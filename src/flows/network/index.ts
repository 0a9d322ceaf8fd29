/**
 * The network map (issue 17): SIS alerts linked under 2018/1862 art. 63, their hits, hub reads of the same
 * vehicles and containers, vessels and MID links, as one graph with communities, centrality and positions.
 */
export {
  DEFAULT_NODE_LIMIT,
  MAX_DEPTH,
  MAX_NODE_LIMIT,
  MAX_PERIOD_DAYS,
  NETWORK_PURPOSES,
  NetworkMap,
  type NetworkMapDeps,
  type NetworkQuery,
} from './service.ts';
export { networkRoutes } from './routes.ts';
export { NETWORK_ERRORS, type NetworkErrorCode } from './errors.ts';
export { imoCheckDigitValid, parseFocus, type Focus } from './focus.ts';
export { toGraphml } from './graphml.ts';
export type { PortCallFact } from './graph.ts';
export {
  EDGE_KINDS,
  NODE_KINDS,
  type EdgeKind,
  type NetworkAnswer,
  type NetworkCommunity,
  type NetworkEdge,
  type NetworkNode,
  type NodeKind,
} from './model.ts';
