import { zonedParts } from '../../format/placeTime.ts';

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
  const p = zonedParts(instant, timeZone, locale);
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}:${p.second} ${p.zone}`;
}
