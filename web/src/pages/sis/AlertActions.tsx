import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { newIdempotencyKey } from '../../api/idempotency.ts';
import type { SisAlert } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { ALERT_PURPOSE } from './catalogue.ts';

type Mode = 'extend' | 'delete' | null;

/**
 * Keeping or deleting an alert at its review (2018/1862 art. 53): extension needs a recorded individual
 * assessment, deletion a reason. Only the issuing member state may do either; the buttons are offered to it
 * alone and the server checks again.
 */
export function AlertActions({
  alert,
  onExtended,
  onDeleted,
}: {
  alert: SisAlert;
  onExtended: (alert: SisAlert) => void;
  onDeleted: (deletedOn: string) => void;
}) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const { api, user } = useSession();
  const [mode, setMode] = useState<Mode>(null);
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const openerRef = useRef<HTMLButtonElement | null>(null);

  const issuer = alert.issuingState === user.authority.memberState;
  if (!issuer) {
    return (
      <Text size="sm" c="dimmed" data-testid="not-issuer">
        <FormattedMessage id="sisAlert.notIssuer" values={{ state: alert.issuingState }} />
      </Text>
    );
  }
  const mayExtend = user.permissions.includes('sis:review');

  const open = (next: Mode, opener: HTMLButtonElement) => {
    openerRef.current = opener;
    setMode(next);
    setText('');
    setEmpty(false);
    setFailure(null);
    // The text field appears with the next render; focus it then.
    setTimeout(() => areaRef.current?.focus(), 0);
  };
  const cancel = () => {
    setMode(null);
    openerRef.current?.focus();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (text.trim() === '') {
      setEmpty(true);
      areaRef.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const id = encodeURIComponent(alert.id);
    const headers = { 'Idempotency-Key': newIdempotencyKey() };
    const done = () => setBusy(false);
    if (mode === 'extend') {
      api<SisAlert>(`/sis/alerts/${id}/extend`, {
        method: 'POST',
        purpose: ALERT_PURPOSE,
        headers,
        body: { assessment: text.trim() },
      }).then(
        (updated) => {
          done();
          setMode(null);
          onExtended(updated);
        },
        (error: unknown) => {
          done();
          setFailure(error);
        },
      );
    } else {
      api<{ alertId: string; deletedOn: string }>(`/sis/alerts/${id}`, {
        method: 'DELETE',
        purpose: ALERT_PURPOSE,
        headers,
        body: { reason: text.trim() },
      }).then(
        (answer) => {
          done();
          setMode(null);
          onDeleted(answer.deletedOn);
        },
        (error: unknown) => {
          done();
          setFailure(error);
        },
      );
    }
  };

  return (
    <Stack gap="sm" data-testid="alert-actions">
      {mode === null ? (
        <Group gap="sm">
          {mayExtend && (
            <Button variant="default" onClick={(e) => open('extend', e.currentTarget)}>
              <FormattedMessage id="sisAlert.extend" />
            </Button>
          )}
          <Button variant="default" color="red" onClick={(e) => open('delete', e.currentTarget)}>
            <FormattedMessage id="sisAlert.delete" />
          </Button>
        </Group>
      ) : (
        <form
          onSubmit={submit}
          aria-label={t(mode === 'extend' ? 'sisAlert.extend.form' : 'sisAlert.delete.form', {
            id: alert.id,
          })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              cancel();
            }
          }}
        >
          <Stack gap="sm">
            <Textarea
              ref={areaRef}
              label={t(mode === 'extend' ? 'sisAlert.assessment' : 'sisAlert.deleteReason')}
              description={t(
                mode === 'extend' ? 'sisAlert.assessment.description' : 'sisAlert.deleteReason.description',
              )}
              required
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setEmpty(false);
              }}
              error={empty ? t('sisForm.error.required') : undefined}
              autosize
              minRows={3}
            />
            <Group gap="sm">
              <Button type="submit" loading={busy} color={mode === 'delete' ? 'red.9' : undefined}>
                <FormattedMessage
                  id={mode === 'extend' ? 'sisAlert.extend.submit' : 'sisAlert.delete.submit'}
                />
              </Button>
              <Button type="button" variant="default" onClick={cancel}>
                <FormattedMessage id="sisAlert.cancel" />
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {failure !== null && <ErrorAlert error={failure} title="sisAlert.actionFailed" />}
    </Stack>
  );
}
