const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}\u0000${timeZone}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * An instant in the hub's own time, e.g. `2 Dec 2026, 23:05:12 GMT+1`: the desk works by the clock on the
 * wall of the hub, whatever the time zone of the browser. The day comes before the month, which is a name,
 * so that `03/04` cannot be read two ways; the clock has 24 hours; the zone is named, so that the time cannot
 * be taken for another zone's. An unparsable value is returned unchanged.
 */
export function formatHubTime(iso: string, timeZone: string, locale: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) {
    return iso;
  }
  const parts: Record<string, string> = {};
  for (const part of formatterFor(locale, timeZone).formatToParts(instant)) {
    parts[part.type] = part.value;
  }
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
}
