import { useCallback, useEffect, useRef, useState } from 'react';

import { ApiError } from '../../api/client.ts';
import { streamRequest } from '../../api/stream.ts';
import type { SourceAnswer } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';

export interface SearchState {
  /** Answers in the order the systems gave them. */
  answers: SourceAnswer[];
  running: boolean;
  /** Set once the portal says every system answered or timed out. */
  done: boolean;
  /** The portal stopped before every system answered (its own message). */
  failed: string | null;
  error: unknown;
}

const IDLE: SearchState = { answers: [], running: false, done: false, failed: null, error: null };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Runs a portal search and shows each system's answer the moment its line of the NDJSON stream arrives
 * (Regulation (EU) 2019/817 Art. 9(7): replies are given as soon as they are available).
 */
export function useSearchStream(): SearchState & {
  search: (purpose: string, query: Record<string, string>) => void;
  reset: () => void;
} {
  const { token, signOut } = useSession();
  const [state, setState] = useState<SearchState>(IDLE);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const search = useCallback(
    (purpose: string, query: Record<string, string>) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setState({ ...IDLE, running: true });
      const onLine = (line: unknown) => {
        if (current.signal.aborted || !isRecord(line)) {
          return;
        }
        if (line.type === 'answer' && isRecord(line.answer)) {
          const answer = line.answer as unknown as SourceAnswer;
          setState((s) => ({ ...s, answers: [...s.answers, answer] }));
        } else if (line.type === 'done') {
          setState((s) => ({ ...s, done: true }));
        } else if (line.type === 'failed') {
          setState((s) => ({ ...s, failed: typeof line.message === 'string' ? line.message : '' }));
        }
      };
      streamRequest(
        '/search',
        { method: 'POST', token, purpose, body: query, signal: current.signal },
        onLine,
      )
        .then(
          () => {
            if (!current.signal.aborted) {
              setState((s) => ({ ...s, running: false }));
            }
          },
          (error: unknown) => {
            if (current.signal.aborted) {
              return;
            }
            if (error instanceof ApiError && error.status === 401) {
              signOut();
            }
            setState((s) => ({ ...s, running: false, error }));
          },
        )
        .catch(() => undefined);
    },
    [token, signOut],
  );

  const reset = useCallback(() => {
    controller.current?.abort();
    setState(IDLE);
  }, []);

  return { ...state, search, reset };
}
