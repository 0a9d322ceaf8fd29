import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { newIdempotencyKey } from '../../api/idempotency.ts';
import { useSession } from '../../auth/session.tsx';
import { formatDate } from '../../format/datetime.ts';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { statusColours, statusText } from '../../theme.ts';
import { falseMatchText, formatScore } from '../biometrics/format.ts';
import { ScoreTable } from '../biometrics/ScoreTable.tsx';
import { countryName } from '../etias/apply/countries.ts';
import { memberStateName } from '../etias/apply/memberStates.ts';
import { categoryLabel, EURODAC_PURPOSE, hitStateLabel } from './eurodac.ts';
import type { EurodacHitDataset, EurodacHitDetail } from '../../api/types.ts';

/** One dataset as the state may see it: its state of origin, category, identity and document. */
function DatasetColumn({
  dataset,
  title,
  testId,
}: {
  dataset: EurodacHitDataset;
  title: MessageId;
  testId: string;
}) {
  const intl = useIntl();
  const identity = dataset.identity;
  const document = dataset.document;
  // A date of birth with an unknown month or day (00) is shown as recorded.
  const birthDate =
    identity === null
      ? ''
      : identity.birthDate.includes('-00')
        ? identity.birthDate
        : formatDate(intl, identity.birthDate);
  const rows: Array<[string, MessageId, string]> = [
    [
      'memberState',
      'eurodac.col.memberState',
      `${memberStateName(intl.locale, dataset.memberState)} (${dataset.memberState})`,
    ],
    ['category', 'eurodac.col.category', categoryLabel(intl, dataset.category)],
    ['surname', 'eurodac.identity.surname', identity?.surname ?? ''],
    ['givenNames', 'eurodac.identity.givenNames', identity?.givenNames ?? ''],
    ['birthDate', 'eurodac.identity.birthDate', birthDate],
    ['sex', 'eurodac.identity.sex', identity?.sex ?? ''],
    [
      'nationalities',
      'eurodac.identity.nationalities',
      (identity?.nationalities ?? []).map((n) => countryName(intl.locale, n)).join(', '),
    ],
    [
      'document',
      'eurodac.register.document',
      document === null ? '' : `${document.type ?? ''} ${document.number} (${document.issuingState})`.trim(),
    ],
    [
      'marked',
      'eurodac.compare.marked',
      intl.formatMessage({ id: dataset.marked ? 'eurodac.compare.marked.yes' : 'eurodac.compare.marked.no' }),
    ],
  ];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={`${testId}-title`}>
          <FormattedMessage id={title} />
        </Title>
        <Text size="xs" c="dimmed" ff="monospace" data-testid={`${testId}-id`}>
          {dataset.id}
        </Text>
        <Text size="sm">
          <FormattedMessage id="eurodac.compare.registeredAt" /> <PlaceTime at={dataset.registeredAt} />
        </Text>
        <Stack component="dl" gap={6} m={0}>
          {rows.map(([key, label, value]) => (
            <div key={key} data-testid={`${testId}-${key}`}>
              <Text component="dt" size="xs" c="dimmed">
                <FormattedMessage id={label} />
              </Text>
              <Text component="dd" m={0} fw={600}>
                {value === '' ? '—' : value}
              </Text>
            </div>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}

/** The fused result: score, the engine's decision and the estimated false-match rate. */
function FusedDecision({
  comparison,
}: {
  comparison: Pick<EurodacHitDetail, 'score' | 'decision' | 'falseMatchRate'>;
}) {
  const intl = useIntl();
  const match = comparison.decision === 'match';
  return (
    <Alert
      color={match ? statusText.warning : 'gray'}
      variant="outline"
      data-testid="fused-result"
      data-decision={comparison.decision}
      title={intl.formatMessage({
        id: match ? 'eurodac.compare.decision.match' : 'eurodac.compare.decision.noMatch',
      })}
    >
      <Text size="sm">
        <FormattedMessage
          id="eurodac.compare.fused"
          values={{
            score: formatScore(intl, comparison.score),
            fmr: falseMatchText(intl, comparison.falseMatchRate),
          }}
        />
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        <FormattedMessage id="eurodac.compare.fused.explain" />
      </Text>
    </Alert>
  );
}

/** Confirm or reject the hit, with the expert's reason (art. 38(3)-(4)). */
function VerificationForm({ hitId, onDone }: { hitId: string; onDone: () => void }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const { api } = useSession();
  const [decision, setDecision] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<{ decision: boolean; reason: boolean }>({
    decision: false,
    reason: false,
  });
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = useRef(newIdempotencyKey());

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (decision === null || reason.trim() === '') {
      setMissing({ decision: decision === null, reason: reason.trim() === '' });
      return;
    }
    setSending(true);
    setError(null);
    api<unknown>(`/eurodac/hits/${encodeURIComponent(hitId)}/verification`, {
      method: 'POST',
      purpose: EURODAC_PURPOSE,
      headers: { 'Idempotency-Key': key.current },
      body: { outcome: decision, reason: reason.trim() },
    }).then(
      () => {
        setSending(false);
        onDone();
      },
      (failure: unknown) => {
        setSending(false);
        setError(failure);
      },
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="verification-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="verification-title">
            <FormattedMessage id="eurodac.verify.title" />
          </Title>
          <Radio.Group
            label={t('eurodac.verify.decision')}
            value={decision}
            onChange={(v) => {
              setDecision(v);
              setMissing((m) => ({ ...m, decision: false }));
            }}
            required
            error={missing.decision ? t('eurodac.verify.decisionRequired') : undefined}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="confirmed" label={t('eurodac.verify.confirm')} />
              <Radio value="rejected" label={t('eurodac.verify.reject')} />
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('eurodac.verify.reason')}
            description={t('eurodac.verify.reasonHint')}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setMissing((m) => ({ ...m, reason: false }));
            }}
            required
            autosize
            minRows={2}
            maxLength={2000}
            error={missing.reason ? t('eurodac.verify.reasonRequired') : undefined}
          />
          {error !== null && <ErrorAlert error={error} title="eurodac.verify.failed" />}
          <Group>
            <Button type="submit" loading={sending}>
              <FormattedMessage id="eurodac.verify.submit" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/**
 * One hit for the fingerprint expert (Reg. (EU) 2024/1358 art. 38): the new dataset of this state beside the
 * dataset it hit (identity data this state may see), the score of every finger and of the face with both
 * templates' qualities, the fused score and the engine's decision; the expert confirms or rejects with a reason.
 */
export function ComparisonPage({ id }: { id: string }) {
  const intl = useIntl();
  const { api } = useSession();
  const [hit, setHit] = useState<EurodacHitDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState(false);

  const load = useCallback(
    (signal?: AbortSignal) =>
      api<EurodacHitDetail>(`/eurodac/hits/${encodeURIComponent(id)}`, {
        purpose: EURODAC_PURPOSE,
        signal,
      }).then(
        (answer) => {
          setHit(answer);
          setError(null);
        },
        (failure: unknown) => {
          if (!signal?.aborted) {
            setError(failure);
          }
        },
      ),
    [api, id],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const verification = hit?.verification ?? null;
  return (
    <Stack gap="lg" maw={1300}>
      <Stack gap={4}>
        <Anchor href="#/eurodac/hits" size="sm">
          <FormattedMessage id="eurodac.compare.back" />
        </Anchor>
        <PageTitle id="eurodac.compare.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="eurodac.compare.intro" />
        </Text>
      </Stack>
      {error !== null && <ErrorAlert error={error} title="eurodac.compare.failed" />}
      {hit === null && error === null && <InlineLoader label="eurodac.compare.loading" />}
      {hit !== null && (
        <Stack gap="lg" data-testid="eurodac-hit" data-hit-id={hit.id} data-state={hit.state}>
          <Group gap="sm">
            <Badge
              variant="filled"
              radius="sm"
              color={
                hit.state === 'confirmed'
                  ? statusColours.danger
                  : hit.state === 'rejected'
                    ? statusColours.success
                    : 'dark'
              }
              data-testid="hit-state"
            >
              {hitStateLabel(intl, hit.state)}
            </Badge>
            <Text size="sm">
              <FormattedMessage id="eurodac.compare.received" /> <PlaceTime at={hit.createdAt} />
            </Text>
          </Group>
          <div role="status" aria-live="polite">
            {notice && verification !== null && (
              <Alert color={statusText.success} variant="outline" data-testid="verification-notice">
                <FormattedMessage
                  id={
                    verification.outcome === 'confirmed'
                      ? 'eurodac.verify.confirmed'
                      : 'eurodac.verify.rejected'
                  }
                />
              </Alert>
            )}
          </div>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <DatasetColumn dataset={hit.dataset} title="eurodac.compare.ours" testId="dataset-ours" />
            <DatasetColumn dataset={hit.matched} title="eurodac.compare.theirs" testId="dataset-theirs" />
          </SimpleGrid>
          <Stack gap="xs" component="section" aria-labelledby="scores-title">
            <Title order={2} size="h4" id="scores-title">
              <FormattedMessage id="eurodac.compare.scores" />
            </Title>
            <FusedDecision comparison={hit} />
            <ScoreTable
              scores={hit.comparison}
              caption="eurodac.compare.scoresCaption"
              probeLabel="eurodac.compare.col.probeQuality"
              storedLabel="eurodac.compare.col.storedQuality"
            />
          </Stack>
          {verification === null ? (
            <VerificationForm
              hitId={hit.id}
              onDone={() => {
                setNotice(true);
                void load();
              }}
            />
          ) : (
            <Paper withBorder p="md" data-testid="verification" data-outcome={verification.outcome}>
              <Title order={2} size="h4">
                <FormattedMessage id="eurodac.verify.done" />
              </Title>
              <Text mt="xs" fw={700}>
                {hitStateLabel(intl, verification.outcome)}
              </Text>
              <Text size="sm" data-testid="verification-reason">
                {verification.reason}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                <PlaceTime at={verification.at} />
                {` · ${verification.by}`}
              </Text>
            </Paper>
          )}
        </Stack>
      )}
    </Stack>
  );
}
