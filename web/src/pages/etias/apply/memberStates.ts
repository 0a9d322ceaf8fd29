/** A state's name by its ISO 3166-1 alpha-2 code (`ES`), in the interface language; the code when unknown. */
export function memberStateName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
