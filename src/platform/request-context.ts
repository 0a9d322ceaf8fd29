import { AsyncLocalStorage } from 'node:async_hooks';

/** What every layer may know about the HTTP request being served, without it being passed down by hand. */
export interface RequestContext {
  /** The server's id of the request (never chosen by the client). */
  readonly requestId: string;
  /** The id the client sent in `X-Request-Id`, if any and well formed; for correlation only. */
  readonly clientRequestId: string | null;
  /**
   * Who is calling, as far as read routing needs to know (a hash of the bearer token, else of the client
   * address): after this session writes, its reads stay on the primary for a while (database/replica.ts).
   */
  readonly sessionKey?: string;
  /** Set once a write of this request has committed: its later reads go to the primary. */
  wrote?: boolean;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` (and everything it starts) inside the context of one request. */
export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The request being served, or undefined outside a request (CLI, scheduler, tests calling services). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
