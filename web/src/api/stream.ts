import { problemError, send, type RequestOptions } from './client.ts';

/**
 * Splits a byte stream of newline-delimited JSON into values, handing each one over the moment its line is
 * complete. A line that is not JSON is skipped rather than ending the stream: the lines around it are still
 * good answers.
 */
export async function readNdjson(
  body: ReadableStream<Uint8Array>,
  onValue: (value: unknown) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  const emit = (line: string) => {
    if (line.trim() === '') {
      return;
    }
    try {
      onValue(JSON.parse(line));
    } catch {
      // A damaged line; the next ones are read as usual.
    }
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    pending += decoder.decode(value, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      emit(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  }
  emit(pending + decoder.decode());
}

/**
 * Calls an API route that answers with an NDJSON stream. Errors found before streaming starts arrive as
 * problem details and are thrown as an `ApiError`, like any other call.
 */
export async function streamRequest(
  path: string,
  options: RequestOptions,
  onValue: (value: unknown) => void,
): Promise<void> {
  const response = await send(path, options, 'application/x-ndjson, application/problem+json');
  if (!response.ok || response.body === null) {
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      body = null;
    }
    throw problemError(response, body);
  }
  await readNdjson(response.body, onValue);
}
