import { describe, expect, it } from 'vitest';

import { SseParser, type ServerEvent } from './sse.ts';

function parse(pieces: string[]): ServerEvent[] {
  const events: ServerEvent[] = [];
  const parser = new SseParser((e) => events.push(e));
  for (const piece of pieces) {
    parser.push(piece);
  }
  return events;
}

describe('SseParser', () => {
  describe('push', () => {
    it('hands over each event with its type, data and id when its blank line arrives', () => {
      expect(parse(['event: ready\ndata: {"a":1}\n\nid: h1\nevent: hit\ndata: {"b":2}\n\n'])).toEqual([
        { event: 'ready', data: '{"a":1}', id: null },
        { event: 'hit', data: '{"b":2}', id: 'h1' },
      ]);
    });

    it('joins an event split across pieces at any character', () => {
      const text = 'event: hit\ndata: {"plate":"2-HKT-418"}\n\n';
      for (let cut = 1; cut < text.length; cut += 1) {
        expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual([
          { event: 'hit', data: '{"plate":"2-HKT-418"}', id: null },
        ]);
      }
    });

    it('ignores keep-alive comments and joins several data lines with newlines', () => {
      expect(parse([': keep-alive\n\ndata: one\ndata: two\n\n'])).toEqual([
        { event: 'message', data: 'one\ntwo', id: null },
      ]);
    });

    it('accepts CRLF and CR line ends, including a CRLF split between pieces', () => {
      expect(parse(['event: a\r', '\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r\n'])).toEqual([
        { event: 'a', data: '1', id: null },
        { event: 'b', data: '2', id: null },
      ]);
    });

    it('holds back an event whose blank line has not arrived yet', () => {
      expect(parse(['event: hit\ndata: {}\n'])).toEqual([]);
    });
  });
});
