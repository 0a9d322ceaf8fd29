import type { Problem } from './types.ts';

/** Header that states the purpose of a request (GDPR Art. 5(1)(b) purpose limitation; logged with every access). */
export const PURPOSE_HEADER = 'X-Interlink-Purpose';

/**
 * An error answer from the API, or a failure to reach it. `detail` is the API's own explanation, written for
 * the person using the screen; `requestId` lets support find the request in the server log.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  readonly code: string | null;
  readonly detail: string | null;
  readonly requestId: string | null;
  /** The problem's machine-readable `details`, e.g. `issues` of a validation error. */
  readonly details: Record<string, unknown> | null;
  constructor(
    status: number,
    code: string | null,
    detail: string | null,
    requestId: string | null,
    details: Record<string, unknown> | null = null,
  ) {
    super(detail ?? `HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.requestId = requestId;
    this.details = details;
  }

  get unreachable(): boolean {
    return this.status === 0;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  token?: string | null;
  purpose?: string | null;
  body?: unknown;
  query?: Record<string, string | number | null | undefined>;
  /** Further request headers, e.g. `Idempotency-Key` on writes. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function toProblem(body: unknown): Problem {
  if (!isRecord(body)) {
    return {};
  }
  const str = (k: string): string | undefined => (typeof body[k] === 'string' ? body[k] : undefined);
  return {
    title: str('title'),
    code: str('code'),
    detail: str('detail'),
    requestId: str('requestId'),
    ...(isRecord(body.details) ? { details: body.details } : {}),
  };
}

/** The API's problem details of a failed answer as an {@link ApiError}. */
export function problemError(response: Response, body: unknown): ApiError {
  const problem = toProblem(body);
  return new ApiError(
    response.status,
    problem.code ?? null,
    problem.detail ?? problem.title ?? null,
    problem.requestId ?? response.headers.get('x-request-id'),
    problem.details ?? null,
  );
}

/** Headers every call carries: JSON, the bearer token, the declared purpose and any extra ones. */
export function requestHeaders(options: RequestOptions, accept = 'application/json'): Record<string, string> {
  const headers: Record<string, string> = { Accept: accept, ...options.headers };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (options.token) {
    headers.Authorization = `Bearer ${options.token}`;
  }
  if (options.purpose) {
    headers[PURPOSE_HEADER] = options.purpose;
  }
  return headers;
}

/** Sends a request; a network failure becomes an {@link ApiError} with status 0, an abort stays an abort. */
export async function send(path: string, options: RequestOptions, accept?: string): Promise<Response> {
  try {
    return await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers: requestHeaders(options, accept),
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') {
      throw cause;
    }
    throw new ApiError(0, null, null, null);
  }
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== null && value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return `/api/v1${path}${qs === '' ? '' : `?${qs}`}`;
}

/**
 * Calls the Interlink API and returns the parsed JSON body, or throws an {@link ApiError} carrying the
 * problem details of the answer.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  const text = await response.text();
  let body: unknown = null;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    throw problemError(response, body);
  }
  return body as T;
}
