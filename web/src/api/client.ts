import type { Problem } from './types.ts';

/** Header that states the purpose of a request (GDPR Art. 5(1)(b) purpose limitation; logged with every access). */
export const PURPOSE_HEADER = 'X-Interlink-Purpose';

/**
 * An error answer from the API, or a failure to reach it. `detail` is the API's own explanation, written for
 * the person using the screen; `requestId` lets support find the request in the server log.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string | null,
    readonly detail: string | null,
    readonly requestId: string | null,
  ) {
    super(detail ?? `HTTP ${status}`);
  }

  get unreachable(): boolean {
    return this.status === 0;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  token?: string | null;
  purpose?: string | null;
  body?: unknown;
  query?: Record<string, string | number | null | undefined>;
  signal?: AbortSignal;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function toProblem(body: unknown): Problem {
  if (!isRecord(body)) {
    return {};
  }
  const str = (k: string): string | undefined => (typeof body[k] === 'string' ? body[k] : undefined);
  return { title: str('title'), code: str('code'), detail: str('detail'), requestId: str('requestId') };
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
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (options.token) {
    headers.Authorization = `Bearer ${options.token}`;
  }
  if (options.purpose) {
    headers[PURPOSE_HEADER] = options.purpose;
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') {
      throw cause;
    }
    throw new ApiError(0, null, null, null);
  }
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
    const problem = toProblem(body);
    throw new ApiError(
      response.status,
      problem.code ?? null,
      problem.detail ?? problem.title ?? null,
      problem.requestId ?? response.headers.get('x-request-id'),
    );
  }
  return body as T;
}
