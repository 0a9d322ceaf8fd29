import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { problemError, send } from '../../../api/client.ts';
import { newIdempotencyKey } from '../../../api/idempotency.ts';
import type { EtiasManualFile } from '../../../api/types.ts';
import { useSession } from '../../../auth/session.tsx';
import { PlaceTime } from '../../../format/PlaceTime.tsx';
import type { MessageId } from '../../../i18n/messages.ts';
import { ErrorAlert } from '../../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../../shell/InlineLoader.tsx';
import { DueBadge } from './DueBadge.tsx';

/** The purpose of every National Unit request (arts. 20-26; logged with each access, art. 69). */
export const ETIAS_PURPOSE = 'etias-examination';

/** Art. 37 grounds, in the order of the article (the server's closed list). */
const GROUNDS = [
  'document-lost-stolen',
  'security-risk',
  'illegal-immigration-risk',
  'epidemic-risk',
  'sis-refusal',
  'no-reply-to-request',
  'no-show-at-interview',
  'doubts-on-data',
] as const;
/** Art. 41(1): a revocation rests on art. 37(1)(a)-(e); art. 40(1) adds the doubts of art. 37(2). */
const GROUNDS_OF = {
  refuse: GROUNDS,
  annul: [
    'document-lost-stolen',
    'security-risk',
    'illegal-immigration-risk',
    'epidemic-risk',
    'sis-refusal',
    'doubts-on-data',
  ],
  revoke: [
    'document-lost-stolen',
    'security-risk',
    'illegal-immigration-risk',
    'epidemic-risk',
    'sis-refusal',
  ],
} as const;
const NOTICE_LANGUAGES = ['en', 'de', 'fr'] as const;

type Form = 'request' | 'interview' | 'consult' | 'decision' | null;
type DecisionKind = EtiasManualFile['allowed'][number];

function Section({ title, children, testId }: { title: MessageId; children: ReactNode; testId: string }) {
  return (
    <Stack gap={4} data-testid={testId}>
      <Title order={3} size="h5">
        <FormattedMessage id={title} />
      </Title>
      {children}
    </Stack>
  );
}

/**
 * The National Unit's work on one ETIAS file (Reg. (EU) 2018/1240 arts. 26-44): the decision deadline, the
 * requests for information and the applicant's replies, interviews, consultations with their opinions, the
 * decisions and the notices sent; and the forms the caller's unit may use now (the server says which). Other
 * screens (the application file with its hits) embed it.
 */
export function EtiasDecisionPanel({
  applicationId,
  purpose = ETIAS_PURPOSE,
  onDecided,
  onClosed,
}: {
  applicationId: string;
  purpose?: string;
  /** Called after a decision was recorded (the embedding screen may reload the file). */
  onDecided?: () => void;
  /** Called when the file left the caller's queue. */
  onClosed?: () => void;
}) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { api, token } = useSession();
  const [file, setFile] = useState<EtiasManualFile | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState<Form>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  // Form fields.
  const [question, setQuestion] = useState('');
  const [documents, setDocuments] = useState('');
  const [scheduledAt, setScheduledAt] = useState('');
  const [mode, setMode] = useState<'in-person' | 'video'>('in-person');
  const [place, setPlace] = useState('');
  const [party, setParty] = useState<'state' | 'europol'>('state');
  const [consulted, setConsulted] = useState('');
  const [kind, setKind] = useState<DecisionKind | null>(null);
  const [flag, setFlag] = useState<string>('none');
  const [flagReason, setFlagReason] = useState('');
  const [grounds, setGrounds] = useState<string[]>([]);
  const [justification, setJustification] = useState('');
  const [basis, setBasis] = useState('humanitarian');
  const [validUntil, setValidUntil] = useState('');
  const [states, setStates] = useState('');
  const [noticeLang, setNoticeLang] = useState<string>(
    (NOTICE_LANGUAGES as readonly string[]).includes(intl.locale.slice(0, 2))
      ? intl.locale.slice(0, 2)
      : 'en',
  );

  const path = `/etias/applications/${encodeURIComponent(applicationId)}`;
  const load = useCallback(() => {
    setError(null);
    api<EtiasManualFile>(`${path}/manual`, { purpose }).then(setFile).catch(setError);
  }, [api, path, purpose]);
  useEffect(load, [load]);

  if (error !== null) {
    return <ErrorAlert error={error} />;
  }
  if (file === null) {
    return <InlineLoader label="etias.manual.loading" />;
  }

  const post = (url: string, body: unknown, after?: () => void) => {
    setBusy(true);
    setFailure(null);
    api(url, { method: 'POST', purpose, body, headers: { 'Idempotency-Key': newIdempotencyKey() } })
      .then(() => {
        setForm(null);
        after?.();
        load();
      })
      .catch(setFailure)
      .finally(() => setBusy(false));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    switch (form) {
      case 'request':
        post(`${path}/requests`, {
          question: question.trim(),
          documents: documents
            .split('\n')
            .map((d) => d.trim())
            .filter((d) => d !== ''),
        });
        return;
      case 'interview':
        post(`${path}/interviews`, {
          scheduledAt: new Date(scheduledAt).toISOString(),
          mode,
          place: place.trim(),
        });
        return;
      case 'consult':
        post(`${path}/consultations`, {
          party,
          question: question.trim(),
          ...(party === 'state' ? { memberState: consulted.trim().toUpperCase() } : {}),
        });
        return;
      case 'decision': {
        if (kind === null) {
          return;
        }
        const body =
          kind === 'issue'
            ? {
                kind,
                ...(flag === 'none' ? {} : { flags: [{ flag, reason: flagReason.trim() }] }),
                ...(justification.trim() === '' ? {} : { justification: justification.trim() }),
              }
            : kind === 'limited-validity'
              ? {
                  kind,
                  basis,
                  validUntil,
                  justification: justification.trim(),
                  memberStates: states
                    .split(/[\s,]+/u)
                    .map((s) => s.trim().toUpperCase())
                    .filter((s) => s !== ''),
                }
              : { kind, grounds, justification: justification.trim() };
        const closes = kind !== 'limited-validity' || file.status !== 'manual';
        post(`${path}/decision`, body, () => {
          onDecided?.();
          if (closes) {
            onClosed?.();
          }
        });
        return;
      }
      case null:
        return;
    }
  };

  const open = (next: Form) => {
    setForm(next);
    setFailure(null);
    setQuestion('');
    setGrounds([]);
    setJustification('');
  };

  const downloadNotice = async () => {
    setFailure(null);
    try {
      const response = await send(
        `${path}/notice.pdf`,
        { token, purpose, query: { lang: noticeLang } },
        'application/pdf, application/problem+json',
      );
      if (!response.ok) {
        throw problemError(response, await response.json().catch(() => null));
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `etias-notice-${applicationId}-${noticeLang}.pdf`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setFailure(err);
    }
  };

  const groundsOffered: readonly string[] =
    kind === 'refuse' || kind === 'annul' || kind === 'revoke' ? GROUNDS_OF[kind] : [];

  return (
    <Paper withBorder p="md" data-testid="decision-panel" data-status={file.status}>
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            <Title order={2} size="h4">
              <FormattedMessage id="etias.manual.panel.title" />
            </Title>
            <Badge variant="light" data-testid="nu-status">
              <FormattedMessage id={`etias.manual.status.${file.status}` as MessageId} />
            </Badge>
          </Group>
          {file.deadline !== null && (
            <Group gap={6}>
              <Text size="sm">
                <FormattedMessage id={`etias.manual.basis.${file.deadline.basis}` as MessageId} />
              </Text>
              <DueBadge dueAt={file.deadline.dueAt} urgency={file.deadline.urgency} />
            </Group>
          )}
        </Group>

        {file.revocationReviews.some((r) => r.closedAt === null) && (
          <Text size="sm" c="orange" data-testid="revocation-review">
            {file.revocationReviews
              .filter((r) => r.closedAt === null)
              .map((r) =>
                t('etias.manual.reviewBecause', {
                  trigger: t(`etias.manual.trigger.${r.trigger}` as MessageId),
                  record: r.recordRef,
                }),
              )
              .join(' · ')}
          </Text>
        )}

        <Section title="etias.manual.requests" testId="requests">
          {file.requests.length === 0 ? (
            <Text size="sm" c="dimmed">
              <FormattedMessage id="etias.manual.none" />
            </Text>
          ) : (
            file.requests.map((r) => (
              <Stack key={r.id} gap={0} data-testid="request" data-state={r.state}>
                <Text size="sm" fw={600}>
                  {r.question}
                </Text>
                <Text size="xs">
                  <FormattedMessage id={`etias.manual.request.${r.state}` as MessageId} />{' '}
                  <PlaceTime at={r.replyDueAt} />
                </Text>
                {r.replyText !== null && <Text size="sm">{r.replyText}</Text>}
              </Stack>
            ))
          )}
        </Section>

        <Section title="etias.manual.interviews" testId="interviews">
          {file.interviews.length === 0 ? (
            <Text size="sm" c="dimmed">
              <FormattedMessage id="etias.manual.none" />
            </Text>
          ) : (
            file.interviews.map((i) => (
              <Group key={i.id} gap="sm" data-testid="interview">
                <PlaceTime at={i.scheduledAt} />
                <Text size="sm">{i.place}</Text>
                {i.outcome === null ? (
                  file.canProcess && (
                    <Group gap={4}>
                      <Button
                        size="xs"
                        variant="light"
                        loading={busy}
                        onClick={() =>
                          post(`${path}/interviews/${encodeURIComponent(i.id)}/outcome`, { outcome: 'held' })
                        }
                      >
                        <FormattedMessage id="etias.manual.interview.held" />
                      </Button>
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        loading={busy}
                        onClick={() =>
                          post(`${path}/interviews/${encodeURIComponent(i.id)}/outcome`, {
                            outcome: 'no-show',
                          })
                        }
                      >
                        <FormattedMessage id="etias.manual.interview.no-show" />
                      </Button>
                    </Group>
                  )
                ) : (
                  <Badge variant="light">
                    <FormattedMessage id={`etias.manual.interview.${i.outcome}` as MessageId} />
                  </Badge>
                )}
              </Group>
            ))
          )}
        </Section>

        <Section title="etias.manual.consultations" testId="consultations">
          {file.consultations.length === 0 ? (
            <Text size="sm" c="dimmed">
              <FormattedMessage id="etias.manual.none" />
            </Text>
          ) : (
            file.consultations.map((c) => (
              <Group key={c.id} gap="sm" data-testid="consultation" data-opinion={c.opinion}>
                <Text size="sm" fw={600}>
                  {c.party === 'europol' ? 'Europol' : c.consultedState}
                </Text>
                <Badge variant="light">
                  <FormattedMessage id={`etias.manual.opinion.${c.opinion}` as MessageId} />
                </Badge>
                <PlaceTime at={c.dueAt} />
                {c.reasons !== null && <Text size="sm">{c.reasons}</Text>}
              </Group>
            ))
          )}
        </Section>

        {file.decisions.length > 0 && (
          <Section title="etias.manual.decisions" testId="decisions">
            {file.decisions.map((d) => (
              <Text key={d.id} size="sm" data-testid="decision" data-kind={d.kind}>
                <FormattedMessage id={`etias.manual.kind.${d.kind}` as MessageId} /> · {d.authority} ·{' '}
                <PlaceTime at={d.decidedAt} />
                {d.grounds.length > 0 &&
                  ` · ${d.grounds.map((g) => t(`etias.manual.ground.${g}` as MessageId)).join('; ')}`}
                {d.validUntil !== null && ` · ${d.validFrom ?? ''} – ${d.validUntil}`}
              </Text>
            ))}
            <Group gap="xs" align="flex-end">
              <Select
                label={t('etias.manual.notice.language')}
                data={NOTICE_LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))}
                value={noticeLang}
                onChange={(v) => v !== null && setNoticeLang(v)}
                allowDeselect={false}
                w={120}
              />
              <Button variant="outline" onClick={() => void downloadNotice()} data-testid="download-notice">
                <FormattedMessage id="etias.manual.notice.download" />
              </Button>
            </Group>
          </Section>
        )}

        {file.notices.length > 0 && (
          <Section title="etias.manual.notices" testId="notices">
            {file.notices.map((n) => (
              <details key={n.id} data-testid="notice" data-kind={n.kind}>
                <summary>
                  {n.subject} — {n.recipient}
                </summary>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {n.body}
                </Text>
              </details>
            ))}
          </Section>
        )}

        <Group gap="xs" wrap="wrap">
          {file.canProcess && (
            <>
              <Button variant="light" onClick={() => open('request')} data-testid="action-request">
                <FormattedMessage id="etias.manual.action.request" />
              </Button>
              <Button variant="light" onClick={() => open('interview')} data-testid="action-interview">
                <FormattedMessage id="etias.manual.action.interview" />
              </Button>
              <Button variant="light" onClick={() => open('consult')} data-testid="action-consult">
                <FormattedMessage id="etias.manual.action.consult" />
              </Button>
            </>
          )}
          {file.allowed.length > 0 && (
            <Button
              onClick={() => {
                open('decision');
                setKind(file.allowed[0] ?? null);
              }}
              data-testid="action-decide"
            >
              <FormattedMessage id="etias.manual.action.decide" />
            </Button>
          )}
        </Group>

        {form !== null && (
          <form onSubmit={submit} data-testid={`form-${form}`}>
            <Stack gap="sm">
              {(form === 'request' || form === 'consult') && (
                <Textarea
                  label={t(
                    form === 'request' ? 'etias.manual.request.question' : 'etias.manual.consult.question',
                  )}
                  value={question}
                  onChange={(e) => setQuestion(e.currentTarget.value)}
                  required
                  autosize
                  minRows={3}
                  data-testid="question"
                />
              )}
              {form === 'request' && (
                <Textarea
                  label={t('etias.manual.request.documents')}
                  description={t('etias.manual.request.documents.hint')}
                  value={documents}
                  onChange={(e) => setDocuments(e.currentTarget.value)}
                  autosize
                />
              )}
              {form === 'interview' && (
                <>
                  <TextInput
                    type="datetime-local"
                    label={t('etias.manual.interview.when')}
                    value={scheduledAt}
                    onChange={(e) => setScheduledAt(e.currentTarget.value)}
                    required
                  />
                  <Select
                    label={t('etias.manual.interview.mode')}
                    data={[
                      { value: 'in-person', label: t('etias.manual.interview.in-person') },
                      { value: 'video', label: t('etias.manual.interview.video') },
                    ]}
                    value={mode}
                    onChange={(v) => setMode(v === 'video' ? 'video' : 'in-person')}
                    allowDeselect={false}
                  />
                  <TextInput
                    label={t('etias.manual.interview.place')}
                    value={place}
                    onChange={(e) => setPlace(e.currentTarget.value)}
                    required
                  />
                </>
              )}
              {form === 'consult' && (
                <Group gap="sm" align="flex-end">
                  <Select
                    label={t('etias.manual.consult.party')}
                    data={[
                      { value: 'state', label: t('etias.manual.consult.state') },
                      { value: 'europol', label: 'Europol' },
                    ]}
                    value={party}
                    onChange={(v) => setParty(v === 'europol' ? 'europol' : 'state')}
                    allowDeselect={false}
                  />
                  {party === 'state' && (
                    <TextInput
                      label={t('etias.manual.consult.memberState')}
                      value={consulted}
                      onChange={(e) => setConsulted(e.currentTarget.value)}
                      maxLength={2}
                      w={120}
                      required
                    />
                  )}
                </Group>
              )}
              {form === 'decision' && (
                <>
                  <Select
                    label={t('etias.manual.decision.kind')}
                    data={file.allowed.map((k) => ({
                      value: k,
                      label: t(`etias.manual.kind.${k}` as MessageId),
                    }))}
                    value={kind}
                    onChange={(v) => {
                      setKind(file.allowed.find((k) => k === v) ?? null);
                      setGrounds([]);
                    }}
                    allowDeselect={false}
                    data-testid="decision-kind"
                  />
                  {kind === 'issue' && (
                    <Group gap="sm" align="flex-end" wrap="wrap">
                      <Select
                        label={t('etias.manual.decision.flag')}
                        data={[
                          { value: 'none', label: t('etias.manual.flag.none') },
                          { value: 'second-line-check', label: t('etias.manual.flag.second-line-check') },
                          { value: 'false-hit-assessed', label: t('etias.manual.flag.false-hit-assessed') },
                        ]}
                        value={flag}
                        onChange={(v) => setFlag(v ?? 'none')}
                        allowDeselect={false}
                        w={320}
                      />
                      {flag !== 'none' && (
                        <TextInput
                          label={t('etias.manual.decision.flagReason')}
                          value={flagReason}
                          onChange={(e) => setFlagReason(e.currentTarget.value)}
                          required
                          w={360}
                        />
                      )}
                    </Group>
                  )}
                  {groundsOffered.length > 0 && (
                    <Checkbox.Group
                      label={t('etias.manual.decision.grounds')}
                      value={grounds}
                      onChange={setGrounds}
                      required
                    >
                      <Stack gap={4} mt={4}>
                        {groundsOffered.map((g) => (
                          <Checkbox
                            key={g}
                            value={g}
                            label={t(`etias.manual.ground.${g}` as MessageId)}
                            data-testid={`ground-${g}`}
                          />
                        ))}
                      </Stack>
                    </Checkbox.Group>
                  )}
                  {kind === 'limited-validity' && (
                    <Group gap="sm" align="flex-end" wrap="wrap">
                      <Select
                        label={t('etias.manual.ltv.basis')}
                        data={['humanitarian', 'national-interest', 'international-obligations'].map((b) => ({
                          value: b,
                          label: t(`etias.manual.ltv.${b}` as MessageId),
                        }))}
                        value={basis}
                        onChange={(v) => setBasis(v ?? 'humanitarian')}
                        allowDeselect={false}
                      />
                      <TextInput
                        type="date"
                        label={t('etias.manual.ltv.until')}
                        description={t('etias.manual.ltv.until.hint')}
                        value={validUntil}
                        onChange={(e) => setValidUntil(e.currentTarget.value)}
                        required
                      />
                      <TextInput
                        label={t('etias.manual.ltv.states')}
                        value={states}
                        onChange={(e) => setStates(e.currentTarget.value)}
                      />
                    </Group>
                  )}
                  <Textarea
                    label={t('etias.manual.decision.justification')}
                    value={justification}
                    onChange={(e) => setJustification(e.currentTarget.value)}
                    required={kind !== 'issue'}
                    autosize
                    minRows={2}
                    data-testid="justification"
                  />
                </>
              )}
              <Group gap="xs">
                <Button type="submit" loading={busy} data-testid="submit-form">
                  <FormattedMessage id="etias.manual.submit" />
                </Button>
                <Button variant="subtle" onClick={() => setForm(null)}>
                  <FormattedMessage id="etias.manual.cancel" />
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {failure !== null && <ErrorAlert error={failure} />}
      </Stack>
    </Paper>
  );
}
