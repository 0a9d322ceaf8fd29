/** The holder's name as read from the MRZ name field (Doc 9303 Part 3, 4.6). */
export interface ParsedName {
  readonly surname: string;
  readonly givenNames: string;
  /** The field is full to its last position, so the name may have been cut to fit. */
  readonly truncated: boolean;
  readonly valid: boolean;
  readonly message: string;
}

const fillersToSpaces = (s: string): string =>
  s
    .split('<')
    .filter((part) => part !== '')
    .join(' ');

/**
 * Splits a name field into primary identifier (surname) and secondary identifier (given names): the two are
 * separated by `<<`, components by a single `<`, and trailing fillers pad the field.
 */
export function parseNameField(raw: string): ParsedName {
  const bad = [...new Set(raw.replace(/[A-Z<]/g, ''))];
  const separator = raw.indexOf('<<');
  const primary = separator === -1 ? raw : raw.slice(0, separator);
  const secondary = separator === -1 ? '' : raw.slice(separator + 2);
  const surname = fillersToSpaces(primary);
  const givenNames = fillersToSpaces(secondary);
  // Doc 9303 Part 3, 4.6.5: a truncated name fills the field up to its last character.
  const truncated = raw.length > 0 && !raw.endsWith('<');
  if (bad.length > 0) {
    return {
      surname,
      givenNames,
      truncated,
      valid: false,
      message: `name holds ${describeChars(bad)}; only A–Z and < may appear in an MRZ name: re-read the name line`,
    };
  }
  if (surname === '' && givenNames === '') {
    return {
      surname,
      givenNames,
      truncated,
      valid: false,
      message: 'name field is empty: re-read the name line',
    };
  }
  const notes: string[] = [];
  if (surname === '') {
    notes.push('no primary identifier (surname) before <<');
  }
  if (truncated) {
    notes.push(
      'name fills the whole field and may be truncated: compare with the name printed on the document',
    );
  }
  return {
    surname,
    givenNames,
    truncated,
    valid: true,
    message: notes.length === 0 ? 'ok' : notes.join('; '),
  };
}

/** Names unexpected characters for a message, pointing out lower case, which the MRZ never uses. */
export function describeChars(chars: readonly string[]): string {
  const shown = chars.slice(0, 5).map((c) => JSON.stringify(c));
  const lower = chars.some((c) => /[a-z]/.test(c)) ? ' (lower-case letters: the MRZ uses capitals only)' : '';
  return `unexpected character${chars.length > 1 ? 's' : ''} ${shown.join(', ')}${chars.length > 5 ? ', …' : ''}${lower}`;
}
