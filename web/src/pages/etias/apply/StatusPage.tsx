import { Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { ApiError, apiRequest } from '../../../api/client.ts';
import type { EtiasStatusAnswer } from '../../../api/types.ts';
import { formatDate } from '../../../format/datetime.ts';
import type { MessageId } from '../../../i18n/messages.ts';
import { ErrorAlert } from '../../../shell/ErrorAlert.tsx';
import { useHashQuery } from '../../../shell/table/hashQuery.ts';
import { fieldId } from './applicationDraft.ts';
import { StatusBadge, StatusExplanation } from './ApplicationResult.tsx';

/**
 * The applicant's check of an application (art. 31): its id and the travel document's number (both needed,
 * so that nobody learns about someone else's application from an id alone) give its status in words.
 */
export function StatusPage() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const query = useHashQuery();
  const [id, setId] = useState(() => query.get('id') ?? '');
  const [documentNumber, setDocumentNumber] = useState('');
  const [errors, setErrors] = useState<{ id?: string; documentNumber?: string }>({});
  const [answer, setAnswer] = useState<EtiasStatusAnswer | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${t('etias.apply.status.title')} · ${t('app.name')}`;
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (id.trim() === '') {
      next.id = t('etias.apply.problem.required');
    }
    if (documentNumber.trim() === '') {
      next.documentNumber = t('etias.apply.problem.required');
    }
    setErrors(next);
    setAnswer(null);
    setFailure(null);
    if (next.id !== undefined || next.documentNumber !== undefined) {
      document
        .getElementById(fieldId(next.id === undefined ? 'status.documentNumber' : 'status.id'))
        ?.focus();
      return;
    }
    setLoading(true);
    apiRequest<EtiasStatusAnswer>(`/etias/applications/${encodeURIComponent(id.trim())}/status`, {
      query: { documentNumber: documentNumber.replace(/\s+/gu, '').toUpperCase() },
    }).then(
      (a) => {
        setLoading(false);
        setAnswer(a);
      },
      (e: unknown) => {
        setLoading(false);
        setFailure(e);
      },
    );
  };

  const notFound = failure instanceof ApiError && failure.status === 404;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} ref={heading}>
          <FormattedMessage id="etias.apply.status.title" />
        </Title>
        <Text c="dimmed">
          <FormattedMessage id="etias.apply.status.intro" />
        </Text>
      </Stack>
      <Paper withBorder p="lg">
        <form onSubmit={submit} noValidate aria-label={t('etias.apply.status.form')}>
          <Stack gap="md" maw={480}>
            <TextInput
              id={fieldId('status.id')}
              label={t('etias.apply.status.id')}
              required
              spellCheck={false}
              error={errors.id}
              value={id}
              onChange={(e) => setId(e.currentTarget.value)}
            />
            <TextInput
              id={fieldId('status.documentNumber')}
              label={t('etias.apply.documentNumber')}
              required
              spellCheck={false}
              autoCapitalize="characters"
              error={errors.documentNumber}
              value={documentNumber}
              onChange={(e) => setDocumentNumber(e.currentTarget.value)}
            />
            <Button type="submit" loading={loading} w="fit-content">
              <FormattedMessage id="etias.apply.status.submit" />
            </Button>
          </Stack>
        </form>
      </Paper>
      <div aria-live="polite">
        {answer !== null && (
          <Paper withBorder p="lg" data-testid="etias-status-answer">
            <Stack gap="sm" align="flex-start">
              <StatusBadge status={answer.status} />
              <StatusExplanation status={answer.status} />
              {answer.status === 'issued' && typeof answer.validUntil === 'string' && (
                <Text data-testid="etias-valid-until">
                  <FormattedMessage
                    id="etias.apply.status.validUntil"
                    values={{ day: formatDate(intl, answer.validUntil) }}
                  />
                </Text>
              )}
            </Stack>
          </Paper>
        )}
        {notFound && (
          <Text role="alert" data-testid="etias-status-not-found">
            <FormattedMessage id="etias.apply.status.notFound" />
          </Text>
        )}
        {failure !== null && !notFound && <ErrorAlert error={failure} title="etias.apply.status.failed" />}
      </div>
      <Anchor href="#/etias/apply">
        <FormattedMessage id="etias.apply.status.applyLink" />
      </Anchor>
    </Stack>
  );
}
