import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/database/index.ts';
import type { AccessRepository } from './repository.ts';

interface StoreDeps {
  db: Executor;
  clock: Clock;
  repo: AccessRepository;
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for `@fastify/rate-limit` kept in PostgreSQL (table `access.rate_limit_counter`), so every API node
 * counts against the same numbers. One upsert per request; a window that has ended starts again on the next
 * request, and the retention run deletes ended windows.
 */
class PostgresRateLimitStore implements FastifyRateLimitStore {
  readonly #deps: StoreDeps;
  readonly #prefix: string;

  constructor(deps: StoreDeps, prefix: string) {
    this.#deps = deps;
    this.#prefix = prefix;
  }

  incr(key: string, callback: Callback, timeWindow: number): void {
    const now = this.#deps.clock.now();
    this.#deps.repo.hitRateLimit(this.#deps.db, this.#prefix + key, now, timeWindow).then(
      (r) => callback(null, { current: r.count, ttl: Math.max(0, r.windowEndsAt.getTime() - now.getTime()) }),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  }

  /** Reads a counter without counting it (the plugin's `increment: false`). */
  read(key: string, callback: Callback): void {
    const now = this.#deps.clock.now();
    this.#deps.repo.readRateLimit(this.#deps.db, this.#prefix + key).then(
      (r) =>
        callback(
          null,
          r === undefined || r.window_ends_at <= now
            ? { current: 0, ttl: 0 }
            : { current: r.count, ttl: r.window_ends_at.getTime() - now.getTime() },
        ),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  }

  /** One counter space per route (the plugin passes the route in `routeInfo`). */
  child(options: unknown): FastifyRateLimitStore {
    const route = (options as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
    const method = Array.isArray(route?.method) ? route.method.join(',') : (route?.method ?? '');
    return new PostgresRateLimitStore(this.#deps, `${this.#prefix}${method} ${route?.url ?? ''}|`);
  }
}

/** The store class to hand to `@fastify/rate-limit` (`store:`), bound to this database and clock. */
export function postgresRateLimitStore(deps: StoreDeps): FastifyRateLimitStoreCtor {
  return class extends PostgresRateLimitStore {
    constructor() {
      super(deps, '');
    }
  };
}
