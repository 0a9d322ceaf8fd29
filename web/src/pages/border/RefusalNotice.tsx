import { Button, Group, Select } from '@mantine/core';
import { useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { problemError, send } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { EU_LANGUAGES } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { BORDER_PURPOSE } from './RecordActions.tsx';

/** Languages the server prints the refusal notice in (the form exists in every EU language; these are written). */
export const NOTICE_LANGUAGES = ['en', 'de', 'fr'] as const;
type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

const isNoticeLanguage = (code: string): code is NoticeLanguage =>
  (NOTICE_LANGUAGES as readonly string[]).includes(code);

/**
 * Prints the refusal of entry notice (Regulation (EU) 2016/399 art. 14(2), Annex V Part B) as the server makes
 * it: a PDF in the language chosen here, by default the interface's. The officer picks the traveller's language
 * where the form exists in it. The token travels in the Authorization header, never in a URL, so the file is
 * fetched and handed to the browser as a download; the server logs the print.
 */
export function RefusalNoticeButton({ refusalId, label }: { refusalId: string; label?: string }) {
  const intl = useIntl();
  const { token } = useSession();
  const uiLanguage = intl.locale.slice(0, 2);
  const [lang, setLang] = useState<NoticeLanguage>(isNoticeLanguage(uiLanguage) ? uiLanguage : 'en');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const selectId = useId();

  const print = async () => {
    setRunning(true);
    setError(null);
    try {
      const response = await send(
        `/ees/refusals/${encodeURIComponent(refusalId)}/notice.pdf`,
        { token, purpose: BORDER_PURPOSE, query: { lang } },
        'application/pdf, application/problem+json',
      );
      if (!response.ok) {
        throw problemError(response, await response.json().catch(() => null));
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `refusal-notice-${refusalId}-${lang}.pdf`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      setError(failure);
    } finally {
      setRunning(false);
    }
  };

  return (
    <>
      <Group gap="xs" align="flex-end" className="no-print" data-testid="refusal-notice">
        <Select
          id={selectId}
          label={intl.formatMessage({ id: 'border.refusalNotice.language' })}
          data={NOTICE_LANGUAGES.map((code) => ({
            value: code,
            label: EU_LANGUAGES.find((l) => l.code === code)?.name ?? code,
          }))}
          value={lang}
          onChange={(v) => {
            if (v !== null && isNoticeLanguage(v)) {
              setLang(v);
            }
          }}
          allowDeselect={false}
          w={140}
          data-testid="refusal-notice-language"
        />
        <Button
          variant="outline"
          onClick={() => void print()}
          loading={running}
          aria-label={label}
          data-testid="print-refusal-notice"
        >
          <FormattedMessage id="border.refusalNotice.print" />
        </Button>
      </Group>
      {error !== null && <ErrorAlert error={error} />}
    </>
  );
}
