import { getHeapStatistics } from 'node:v8';

/** What one in-memory read model will hold once built, and about how much heap each item takes. */
export interface Footprint {
  readonly what: string;
  readonly items: number;
  /** Measured at a million items (docs/benchmarks.md); an estimate, not a bound. */
  readonly bytesPerItem: number;
}

const GIB = 2 ** 30;
const gib = (bytes: number) => (bytes / GIB).toFixed(1);

/**
 * Refuses to build read models that cannot fit in this process's heap, before the minutes a build of
 * millions of items takes end in "JavaScript heap out of memory": the operator gets the size needed and the
 * setting that gives it. `limitBytes` and `usedBytes` default to V8's figures for this process.
 */
export function assertHeapFits(
  parts: readonly Footprint[],
  heap: { limitBytes: number; usedBytes: number } = heapNow(),
): void {
  const need = parts.reduce((n, p) => n + p.items * p.bytesPerItem, 0);
  const free = heap.limitBytes - heap.usedBytes;
  if (need <= free * 0.9) {
    return;
  }
  // Room for what the process holds besides the models (the server, requests, the feed) and for growth.
  const suggestMiB = Math.ceil(((heap.usedBytes + need) * 1.5) / 2 ** 20 / 1024) * 1024;
  const detail = parts
    .map((p) => `${p.items.toLocaleString('en')} ${p.what} (about ${gib(p.items * p.bytesPerItem)} GiB)`)
    .join(', ');
  throw new HeapTooSmallError(
    `The in-memory read models need about ${gib(need)} GiB for ${detail}, and this process may use ` +
      `${gib(free)} GiB more. Start it with a larger heap, e.g. NODE_OPTIONS=--max-old-space-size=${suggestMiB} ` +
      '(the machine must have that much memory free; docs/operations.md).',
  );
}

function heapNow(): { limitBytes: number; usedBytes: number } {
  const s = getHeapStatistics();
  return { limitBytes: s.heap_size_limit, usedBytes: s.used_heap_size };
}

export class HeapTooSmallError extends Error {
  override readonly name = 'HeapTooSmallError';
}
