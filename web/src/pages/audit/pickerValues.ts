/**
 * The date pickers give wall-clock values (`YYYY-MM-DD HH:mm:ss`) without a zone; the log is read in UTC, so
 * they are taken as UTC instants. Returns null for an empty or unreadable value.
 */
export function pickerValueToIso(value: string | null): string | null {
  if (value === null || value === '') {
    return null;
  }
  const time = Date.parse(`${value.trim().replace(' ', 'T')}Z`);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The picker value for a UTC instant, the inverse of {@link pickerValueToIso}. */
export function isoToPickerValue(iso: string | null): string | null {
  if (iso === null) {
    return null;
  }
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 19).replace('T', ' ');
}
