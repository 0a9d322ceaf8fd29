import type { AuditEvent } from '../../api/types.ts';

export type SortKey = 'time' | 'user' | 'purpose' | 'operation' | 'system' | 'outcome';
export interface SortState {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

/**
 * Orders two events by the chosen column; ties fall back to the chain position, newest first, so the order
 * is always complete and stable.
 */
export function compareEvents(
  a: AuditEvent,
  b: AuditEvent,
  sort: SortState,
  purposeLabel: (code: string) => string,
): number {
  const value = (e: AuditEvent): string | number => {
    switch (sort.key) {
      case 'time':
        return e.seq;
      case 'user':
        return e.username;
      case 'purpose':
        return e.purpose === null ? '' : purposeLabel(e.purpose);
      case 'operation':
        return e.operationLabel;
      case 'system':
        return e.system;
      case 'outcome':
        return e.outcome;
    }
  };
  const va = value(a);
  const vb = value(b);
  const order =
    typeof va === 'number' && typeof vb === 'number'
      ? va - vb
      : String(va).localeCompare(String(vb), 'en', { sensitivity: 'base' });
  const directed = sort.direction === 'ascending' ? order : -order;
  return directed !== 0 ? directed : b.seq - a.seq;
}
