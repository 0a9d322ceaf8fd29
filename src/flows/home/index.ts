/** The home screen's counters: one figure per list a role works through, asked of each context. */
export {
  COUNTER_IDS,
  COUNTERS_BY_AUTHORITY,
  HomeCounters,
  type Counter,
  type CounterId,
  type HomeCountersDeps,
  type Severity,
} from './counters.ts';
export { homeRoutes } from './routes.ts';
