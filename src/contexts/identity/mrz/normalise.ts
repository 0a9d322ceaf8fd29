/** Total lengths of an MRZ written on one line, and the line length to split it at. */
const ONE_LINE_SHAPES: Readonly<Record<number, number>> = { 90: 30, 88: 44, 72: 36 };

/**
 * Turns raw input into MRZ lines: splits on any line break (CRLF, LF, CR), removes whitespace inside and
 * around lines (the MRZ has none) and drops empty lines. An MRZ pasted as one unbroken line of 90, 88 or 72
 * characters is split into its lines.
 */
export function toMrzLines(input: unknown): string[] {
  const text = Array.isArray(input) ? input.map((l) => (typeof l === 'string' ? l : '')).join('\n') : input;
  if (typeof text !== 'string') {
    return [];
  }
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/\s+/gu, ''))
    .filter((l) => l !== '');
  const only = lines.length === 1 ? lines[0]! : undefined;
  const width = only === undefined ? undefined : ONE_LINE_SHAPES[only.length];
  if (only !== undefined && width !== undefined) {
    const split: string[] = [];
    for (let i = 0; i < only.length; i += width) {
      split.push(only.slice(i, i + width));
    }
    return split;
  }
  return lines;
}
