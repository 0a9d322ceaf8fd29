import { problemError, send, type RequestOptions } from './client.ts';

/** One server-sent event: its type (`message` when the server named none), data and id. */
export interface ServerEvent {
  event: string;
  data: string;
  id: string | null;
}

/**
 * Parses a text/event-stream body as the HTML standard's event-stream interpretation does: events end at a
 * blank line; `event`, `data` (several lines joined with newlines) and `id` fields are read; comment lines
 * (starting with `:`, such as keep-alives) and unknown fields are ignored. Lines may end in LF, CR or CRLF.
 */
export class SseParser {
  #pending = '';
  #event = '';
  #data: string[] = [];
  #id: string | null = null;

  private readonly onEvent: (event: ServerEvent) => void;
  constructor(onEvent: (event: ServerEvent) => void) {
    this.onEvent = onEvent;
  }

  /** Feeds the next piece of text; complete events are handed over at once. */
  push(text: string): void {
    this.#pending += text;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#pending);
      // A lone CR at the end may be the first half of CRLF: wait for the next piece.
      if (match === null || (match[0] === '\r' && match.index === this.#pending.length - 1)) {
        return;
      }
      const line = this.#pending.slice(0, match.index);
      this.#pending = this.#pending.slice(match.index + match[0].length);
      this.#line(line);
    }
  }

  #line(line: string): void {
    if (line === '') {
      if (this.#data.length > 0) {
        this.onEvent({
          event: this.#event === '' ? 'message' : this.#event,
          data: this.#data.join('\n'),
          id: this.#id,
        });
      }
      this.#event = '';
      this.#data = [];
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      this.#event = value;
    } else if (field === 'data') {
      this.#data.push(value);
    } else if (field === 'id') {
      this.#id = value;
    }
  }
}

/**
 * Opens a server-sent event stream with `fetch` and hands over each event as it arrives. `EventSource` is not
 * used because it cannot send the `Authorization` and purpose headers the API requires. Resolves when the
 * server ends the stream; rejects with an `ApiError` when the server refuses it before streaming.
 */
export async function streamEvents(
  path: string,
  options: RequestOptions,
  onEvent: (event: ServerEvent) => void,
): Promise<void> {
  const response = await send(path, options, 'text/event-stream, application/problem+json');
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
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser(onEvent);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    parser.push(decoder.decode(value, { stream: true }));
  }
  parser.push(decoder.decode());
}
