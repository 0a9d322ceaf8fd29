import type { IntlShape } from 'react-intl';

import { isMessageId } from './messages.ts';

/**
 * A purpose of processing in the interface language, by its stable code (`purpose.<code>`); a code the
 * catalogue does not know yet is shown with the server's English label, or by the code itself.
 */
export function purposeLabel(intl: IntlShape, code: string, serverLabel?: string): string {
  const id = `purpose.${code}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : (serverLabel ?? code);
}
