import type { IdempotencyRequest } from './writes.ts';

/** Who acts, as far as the platform needs to know them (the access context's `Actor` is one). */
export interface Caller {
  readonly userId: string | null;
  readonly username: string;
}

/** Who asks, why, and under which request id (for the log): the first argument of every use case. */
export interface Call<A extends Caller = Caller> {
  actor: A;
  /** Purpose from the `X-Interlink-Purpose` header; checked against the actor's profile. */
  purpose: string | null;
  requestId?: string;
  /**
   * Aborted when the caller no longer waits for the answer (a portal source that timed out, a client gone):
   * a read then stops before its log record and writes nothing, since no data reached anyone.
   */
  signal?: AbortSignal;
}

/** A write: may carry an `Idempotency-Key`, so that a retry returns the first result. */
export interface WriteCall<A extends Caller = Caller> extends Call<A> {
  idempotencyKey?: string | null;
}

/** The idempotency request of a write, scoped to who sent it and to the operation; null without a key. */
export function idempotency(call: WriteCall, operation: string, request: unknown): IdempotencyRequest | null {
  if (call.idempotencyKey === null || call.idempotencyKey === undefined) {
    return null;
  }
  return {
    scope: `${call.actor.userId ?? call.actor.username}:${operation}`,
    key: call.idempotencyKey,
    request,
  };
}
