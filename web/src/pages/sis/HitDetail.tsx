import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { newIdempotencyKey } from '../../api/idempotency.ts';
import type { SisAlert, SisHit } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { statusColours, statusText } from '../../theme.ts';
import { ActionFirst, categoryLabel } from './ActionFirst.tsx';
import { DetailList } from './AlertDetail.tsx';
import { EXCHANGE_PURPOSE } from './catalogue.ts';
import { Deadline, useNow } from './Deadline.tsx';
import { alertSubject } from './subject.ts';
import { ShortId } from '../../shell/ShortId.tsx';

/** The art. 37 information fields (2018/1862 art. 37(1)), in the order of the article. */
const INFORMATION_FIELDS = [
  'placeTimeReason',
  'routeAndDestination',
  'accompanyingPersons',
  'identityUsed',
  'objectsConcerned',
  'itemsCarried',
  'circumstances',
  'other',
] as const;
type InformationField = (typeof INFORMATION_FIELDS)[number];

function Section({ id, title, children }: { id: string; title: MessageId; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        <FormattedMessage id={title} />
      </Title>
      {children}
    </Stack>
  );
}

/** The exchange with the other SIRENE Bureau, oldest first, as an ordered list of messages. */
function Messages({ hit }: { hit: SisHit }) {
  return (
    <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} data-testid="exchange-messages">
      {hit.messages.map((m) => (
        <Paper
          component="li"
          key={m.id}
          withBorder
          p="sm"
          data-testid="exchange-message"
          data-direction={m.direction}
          style={{ borderLeft: `4px solid ${m.direction === 'reply' ? statusColours.success : '#495057'}` }}
        >
          <Group gap="xs" mb={4}>
            <Badge
              variant="filled"
              color={m.direction === 'reply' ? statusColours.success : 'dark'}
              radius="sm"
            >
              <FormattedMessage
                id={m.direction === 'reply' ? 'sisHit.message.reply' : 'sisHit.message.request'}
              />
            </Badge>
            <Text size="sm" fw={600}>
              <FormattedMessage
                id="sisHit.message.route"
                values={{ author: m.author, from: m.fromState, to: m.toState }}
              />
            </Text>
            <Text size="sm" c="dimmed">
              <PlaceTime at={m.createdAt} />
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="message-body">
            {m.body}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

/** Writes the next message of the exchange: a reply when this bureau issued the alert, else a further request. */
function MessageForm({ hit, onSent }: { hit: SisHit; onSent: (hit: SisHit, reply: boolean) => void }) {
  const intl = useIntl();
  const { api, user } = useSession();
  const [body, setBody] = useState('');
  const [empty, setEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const reply = hit.issuingState === user.authority.memberState;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (body.trim() === '') {
      setEmpty(true);
      ref.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    api<SisHit>(`/sis/hits/${encodeURIComponent(hit.id)}/messages`, {
      method: 'POST',
      purpose: EXCHANGE_PURPOSE,
      headers: { 'Idempotency-Key': newIdempotencyKey() },
      body: { body: body.trim() },
    }).then(
      (updated) => {
        setBusy(false);
        setBody('');
        onSent(updated, reply);
      },
      (error: unknown) => {
        setBusy(false);
        setFailure(error);
      },
    );
  };

  return (
    <form
      onSubmit={submit}
      aria-label={intl.formatMessage({ id: reply ? 'sisHit.send.replyForm' : 'sisHit.send.requestForm' })}
    >
      <Stack gap="sm">
        <Textarea
          ref={ref}
          label={intl.formatMessage({ id: reply ? 'sisHit.send.replyLabel' : 'sisHit.send.requestLabel' })}
          description={intl.formatMessage(
            { id: 'sisHit.send.to' },
            { state: reply ? hit.reportingState : hit.issuingState },
          )}
          required
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setEmpty(false);
          }}
          onKeyDown={(e) => {
            // Ctrl+Enter sends, as in mail programs; Enter alone starts a new line.
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
          error={empty ? intl.formatMessage({ id: 'sisForm.error.required' }) : undefined}
          autosize
          minRows={4}
        />
        <Group>
          <Button type="submit" loading={busy}>
            <FormattedMessage id={reply ? 'sisHit.send.reply' : 'sisHit.send.request'} />
          </Button>
        </Group>
        {failure !== null && <ErrorAlert error={failure} title="sisHit.send.failed" />}
      </Stack>
    </form>
  );
}

/** The information collected on a check hit (2018/1862 art. 37), recorded by the reporting state. */
function InformationForm({ hit, onSaved }: { hit: SisHit; onSaved: (hit: SisHit) => void }) {
  const intl = useIntl();
  const { api } = useSession();
  const recorded = (hit.information ?? {}) as Partial<Record<InformationField, string>> & {
    located?: boolean;
  };
  const [located, setLocated] = useState(recorded.located ?? true);
  const [values, setValues] = useState<Partial<Record<InformationField, string>>>(recorded);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const information: Record<string, unknown> = { located };
    for (const f of INFORMATION_FIELDS) {
      const v = values[f]?.trim() ?? '';
      if (v !== '') {
        information[f] = v;
      }
    }
    setBusy(true);
    setFailure(null);
    api<SisHit>(`/sis/hits/${encodeURIComponent(hit.id)}/information`, {
      method: 'PUT',
      purpose: EXCHANGE_PURPOSE,
      headers: { 'Idempotency-Key': newIdempotencyKey() },
      body: { information },
    }).then(
      (updated) => {
        setBusy(false);
        onSaved(updated);
      },
      (error: unknown) => {
        setBusy(false);
        setFailure(error);
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'sisHit.information.form' })}>
      <Stack gap="sm">
        <Checkbox
          label={intl.formatMessage({ id: 'sisHit.information.located' })}
          checked={located}
          onChange={(e) => setLocated(e.currentTarget.checked)}
        />
        {INFORMATION_FIELDS.map((f) => (
          <Textarea
            key={f}
            label={intl.formatMessage({ id: `sisHit.information.${f}` as MessageId })}
            value={values[f] ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setValues((old) => ({ ...old, [f]: v }));
            }}
            autosize
            minRows={1}
          />
        ))}
        <Group>
          <Button type="submit" loading={busy}>
            <FormattedMessage id="sisHit.information.save" />
          </Button>
        </Group>
        {failure !== null && <ErrorAlert error={failure} title="sisHit.information.failed" />}
      </Stack>
    </form>
  );
}

/** The information recorded on a check hit, field by field. */
function InformationView({ information }: { information: Record<string, unknown> }) {
  return (
    <DetailList
      rows={[
        [
          'sisHit.information.located',
          information.located === true ? '✓' : information.located === false ? '✗' : undefined,
          'located',
        ],
        ...INFORMATION_FIELDS.map(
          (f) =>
            [
              `sisHit.information.${f}` as MessageId,
              typeof information[f] === 'string' ? information[f] : undefined,
              f,
            ] as [MessageId, ReactNode, string],
        ),
      ]}
    />
  );
}

/**
 * One hit for the SIRENE Bureau: the action to be taken and the warning markers first (2018/1862 art. 20(2)),
 * then the deadline of the exchange, the hit itself, the messages exchanged and the form to answer.
 */
export function HitDetail({ id }: { id: string }) {
  const intl = useIntl();
  const { api, user } = useSession();
  const now = useNow();
  const [hit, setHit] = useState<SisHit | null>(null);
  const [alert, setAlert] = useState<SisAlert | null>(null);
  const [alertError, setAlertError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const actionRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    api<SisHit>(`/sis/hits/${encodeURIComponent(id)}`, { purpose: EXCHANGE_PURPOSE, signal }).then(
      (h) => {
        setHit(h);
        api<SisAlert>(`/sis/alerts/${encodeURIComponent(h.alertId)}`, {
          purpose: EXCHANGE_PURPOSE,
          signal,
        }).then(setAlert, (e: unknown) => {
          if (!signal.aborted) {
            setAlertError(e);
          }
        });
      },
      (e: unknown) => {
        if (!signal.aborted) {
          setError(e);
        }
      },
    );
    return () => controller.abort();
  }, [api, id]);

  const title = <PageTitle id="sisHit.title" />;
  if (error !== null) {
    return (
      <Stack gap="lg" maw={1100}>
        {title}
        <ErrorAlert error={error} title="sisHit.loadFailed" />
      </Stack>
    );
  }
  if (hit === null) {
    return (
      <Stack gap="lg" maw={1100}>
        {title}
        <InlineLoader label="sisHit.loading" />
      </Stack>
    );
  }
  const checked = hit.checked ?? {};
  const mayRecordInformation = hit.discreet && hit.reportingState === user.authority.memberState;

  return (
    <Stack gap="lg" maw={1100} data-testid="hit-detail" data-hit-id={hit.id}>
      <Stack gap={4}>
        {title}
        <ShortId id={hit.id} />
      </Stack>
      {alert !== null ? (
        <ActionFirst
          ref={actionRef}
          action={alert.action}
          warningMarkers={alert.warningMarkers}
          discreet={hit.discreet}
          urgent={hit.urgent}
        />
      ) : alertError !== null ? (
        <ErrorAlert error={alertError} title="sisHit.alertFailed" />
      ) : (
        <InlineLoader label="sisHit.loadingAlert" />
      )}
      <Paper withBorder p="sm" data-testid="hit-deadline">
        <Text fw={700} size="sm" component="p" m={0}>
          <FormattedMessage id="sisHit.deadline" />
        </Text>
        <Deadline hit={hit} now={now} />
      </Paper>
      <div role="status" aria-live="polite">
        {notice !== null && (
          <Alert color={statusText.success} variant="outline" data-testid="hit-notice">
            <Text size="sm">{notice}</Text>
          </Alert>
        )}
      </div>
      <Section id="hit-facts" title="sisHit.facts">
        <DetailList
          rows={[
            [
              'sisHit.alert',
              <Anchor key="a" href={`#/sis/alerts/${encodeURIComponent(hit.alertId)}`}>
                {alert === null ? hit.alertId : alertSubject(alert)}
              </Anchor>,
              'alert',
            ],
            [
              'sisHit.category',
              hit.category === null
                ? intl.formatMessage({ id: 'sisHits.discreetHit' })
                : categoryLabel(intl, hit.category),
              'category',
            ],
            ['sisHit.issuingState', hit.issuingState, 'issuingState'],
            [
              'sisHit.reportedBy',
              intl.formatMessage(
                { id: 'sisHit.reportedBy.value' },
                { user: hit.reportedBy, authority: hit.reportingAuthority, state: hit.reportingState },
              ),
              'reportedBy',
            ],
            ['sisHit.place', hit.place, 'place'],
            [
              'sisHit.reportedAt',
              <PlaceTime key="r" at={hit.createdAt} relativeTo={Date.now()} />,
              'reportedAt',
            ],
            ['sisHit.checked', checked.dataTypes?.join(', '), 'checked'],
            ['sisHit.matchedOn', checked.matchedOn, 'matchedOn'],
          ]}
        />
        {hit.handling !== null && (
          <Text size="sm" fw={700} c={statusText.warning}>
            {hit.handling}
          </Text>
        )}
      </Section>
      {hit.discreet && (
        <Section id="hit-information" title="sisHit.information">
          {mayRecordInformation ? (
            <InformationForm
              hit={hit}
              onSaved={(updated) => {
                setHit(updated);
                setNotice(intl.formatMessage({ id: 'sisHit.information.saved' }));
              }}
            />
          ) : hit.information !== null ? (
            <InformationView information={hit.information} />
          ) : (
            <Text size="sm">
              <FormattedMessage id="sisHit.information.none" />
            </Text>
          )}
        </Section>
      )}
      <Section id="hit-exchange" title="sisHit.exchange">
        <Messages hit={hit} />
        {hit.alertDeletedOn === null && (
          <MessageForm
            hit={hit}
            onSent={(updated, reply) => {
              setHit(updated);
              setNotice(intl.formatMessage({ id: reply ? 'sisHit.send.replied' : 'sisHit.send.requested' }));
            }}
          />
        )}
      </Section>
    </Stack>
  );
}
