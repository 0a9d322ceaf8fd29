import { Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useIntl } from 'react-intl';

import type { MessageId } from '../i18n/messages.ts';

/**
 * The `h1` of a screen. It takes focus when the screen opens, so that keyboard and screen-reader users start
 * at the new content instead of at the link they activated, and it names the browser tab. A screen whose work
 * starts in a field (the MRZ of the border check) passes `takeFocus={false}` and focuses that field instead.
 */
export function PageTitle({
  id,
  values,
  takeFocus = true,
}: {
  id: MessageId;
  values?: Record<string, string>;
  takeFocus?: boolean;
}) {
  const intl = useIntl();
  const text = intl.formatMessage({ id }, values);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${text} · ${intl.formatMessage({ id: 'app.name' })}`;
  }, [intl, text]);
  useEffect(() => {
    if (takeFocus) {
      ref.current?.focus();
    }
  }, [takeFocus]);
  return (
    <Title order={1} ref={ref} tabIndex={-1} style={{ outlineOffset: 4 }}>
      {text}
    </Title>
  );
}
