import {
  Alert,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { ApiError } from '../../api/client.ts';
import { newIdempotencyKey } from '../../api/idempotency.ts';
import type { CirFlagAnswer, CirFlagQueries, CirFlagQuery } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { statusText } from '../../theme.ts';
import { systemShort } from '../mid/mid.ts';

/** The flag search is for the prevention, detection and investigation of serious crime (art. 22(1)). */
const FLAG_PURPOSE = 'law-enforcement';

type Field = 'caseReference' | 'surname' | 'givenNames' | 'birthDate' | 'documentNumber' | 'reason';
const FIELDS: ReadonlyArray<[Field, MessageId]> = [
  ['caseReference', 'cir.flags.caseReference'],
  ['surname', 'cir.flags.surname'],
  ['givenNames', 'cir.flags.givenNames'],
  ['birthDate', 'cir.flags.birthDate'],
  ['documentNumber', 'cir.flags.documentNumber'],
];

/** The server's problems by the form's field (`identity.surname` → `surname`, …). */
function fieldProblems(error: unknown): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  if (!(error instanceof ApiError)) {
    return out;
  }
  const problems = Array.isArray(error.details?.problems) ? (error.details.problems as unknown[]) : [];
  // The request schema's errors name the field by its path (`/identity/birthDate`).
  const schemaErrors = Array.isArray(error.details?.errors) ? (error.details.errors as unknown[]) : [];
  const named = [
    ...problems.map((p) => (p ?? {}) as { field?: unknown; message?: unknown }),
    ...schemaErrors.map((e) => {
      const { path, message } = (e ?? {}) as { path?: unknown; message?: unknown };
      return {
        field: typeof path === 'string' ? path.replace(/^\//, '').replace(/\//g, '.') : undefined,
        message,
      };
    }),
  ];
  for (const { field, message } of named) {
    if (typeof field === 'string' && typeof message === 'string') {
      const name = field
        .replace(/^(identity|document)\./, '')
        .replace(/^number$/, 'documentNumber')
        .replace(/^grounds$/, 'reason');
      out[name] ??= message;
    }
  }
  return out;
}

/** Art. 22(1) asks for the grounds; the server takes them from this length. */
const MIN_GROUNDS = 10;
/** Art. 22(2): why no full access is requested, recorded traceably; the server takes it from this length. */
const MIN_NOT_REQUESTED = 10;
const BIRTH_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the form lacks, by field, before anything is sent; `person` when neither identity nor document is given. */
function formGaps(v: Record<Field, string>): Partial<Record<Field | 'person', MessageId>> {
  const gaps: Partial<Record<Field | 'person', MessageId>> = {};
  if (v.caseReference === '') {
    gaps.caseReference = 'cir.flags.required.caseReference';
  }
  if (v.reason.length < MIN_GROUNDS) {
    gaps.reason = 'cir.flags.required.grounds';
  }
  const identity = [v.surname, v.givenNames, v.birthDate];
  if (identity.some((x) => x !== '')) {
    for (const f of ['surname', 'givenNames', 'birthDate'] as const) {
      if (v[f] === '') {
        gaps[f] = 'cir.flags.required.identity';
      }
    }
    if (v.birthDate !== '' && !BIRTH_DATE.test(v.birthDate)) {
      gaps.birthDate = 'cir.flags.birthDateInvalid';
    }
  } else if (v.documentNumber === '') {
    gaps.person = 'cir.flags.required.person';
  }
  return gaps;
}

/**
 * The obligation of art. 22(2): a flag is followed by a full access request under the system's own act, or,
 * exceptionally, by the recorded reason why none is made.
 */
function FollowUp({ flag, headingId }: { flag: Pick<CirFlagAnswer, 'id' | 'systems'>; headingId: string }) {
  const intl = useIntl();
  const { api } = useSession();
  const [done, setDone] = useState<'requested' | 'not-requested' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [why, setWhy] = useState('');
  const [whyMissing, setWhyMissing] = useState(false);
  const [declining, setDeclining] = useState(false);
  const key = useRef(newIdempotencyKey());
  const send = (body: { requested: string[] } | { notRequestedReason: string }) => {
    setError(null);
    api<unknown>(`/cir/flags/${encodeURIComponent(flag.id)}/follow-up`, {
      method: 'POST',
      purpose: FLAG_PURPOSE,
      headers: { 'Idempotency-Key': key.current },
      body,
    }).then(
      () => {
        setDone('requested' in body ? 'requested' : 'not-requested');
      },
      (failure: unknown) => {
        setError(failure);
        key.current = newIdempotencyKey();
      },
    );
  };
  const request = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    send({ requested: flag.systems });
  };
  const decline = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (why.trim().length < MIN_NOT_REQUESTED) {
      setWhyMissing(true);
      return;
    }
    send({ notRequestedReason: why.trim() });
  };
  const systems = intl.formatList(
    flag.systems.map((s) => systemShort(intl, s)),
    { type: 'conjunction' },
  );
  if (done !== null) {
    return (
      <Alert color={statusText.success} variant="outline" data-testid="follow-up-done" data-follow-up={done}>
        {done === 'requested' ? (
          <FormattedMessage id="cir.flags.followUp.doneRequested" values={{ systems }} />
        ) : (
          <FormattedMessage id="cir.flags.followUp.doneNotRequested" />
        )}
      </Alert>
    );
  }
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId} data-testid="follow-up">
      <Title order={3} size="h5" id={headingId}>
        <FormattedMessage id="cir.flags.followUp.title" />
      </Title>
      <Text size="sm">
        <FormattedMessage id="cir.flags.followUp.hint" />
      </Text>
      {error !== null && <ErrorAlert error={error} title="cir.flags.followUp.failed" />}
      <form onSubmit={request} noValidate>
        <Group>
          <Button type="submit">
            <FormattedMessage id="cir.flags.followUp.submit" values={{ systems }} />
          </Button>
          {!declining && (
            <Button variant="default" onClick={() => setDeclining(true)}>
              <FormattedMessage id="cir.flags.followUp.none" />
            </Button>
          )}
        </Group>
      </form>
      {declining && (
        <form onSubmit={decline} noValidate>
          <Stack gap="xs">
            <Textarea
              label={intl.formatMessage({ id: 'cir.flags.followUp.noneReason' })}
              description={intl.formatMessage({ id: 'cir.flags.followUp.noneHint' })}
              value={why}
              onChange={(e) => {
                setWhy(e.currentTarget.value);
                setWhyMissing(false);
              }}
              required
              autosize
              minRows={2}
              maxLength={2000}
              error={
                whyMissing ? intl.formatMessage({ id: 'cir.flags.followUp.noneReasonRequired' }) : undefined
              }
            />
            <Group>
              <Button type="submit" variant="default">
                <FormattedMessage id="cir.flags.followUp.noneSubmit" />
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

/** The authority's flag searches that found data and still await their follow-up (art. 22(2)). */
function PendingFollowUps({
  reload,
  exclude,
}: {
  reload: number;
  /** The query just answered above, whose follow-up is asked for there. */
  exclude: string | undefined;
}) {
  const intl = useIntl();
  const { api } = useSession();
  const [queries, setQueries] = useState<CirFlagQuery[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    (signal?: AbortSignal) =>
      api<CirFlagQueries>('/cir/flags?pending=true&limit=50', { purpose: FLAG_PURPOSE, signal }).then(
        (answer) => {
          setQueries(answer.flagQueries);
          setError(null);
        },
        (failure: unknown) => {
          if (!signal?.aborted) {
            setError(failure);
          }
        },
      ),
    [api],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load, reload]);
  if (error !== null) {
    return <ErrorAlert error={error} title="cir.flags.pending.failed" />;
  }
  const shown = (queries ?? []).filter((q) => q.id !== exclude);
  if (shown.length === 0) {
    return null;
  }
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="pending-title"
      data-testid="pending-follow-ups"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="pending-title">
          <FormattedMessage id="cir.flags.pending.title" />
        </Title>
        <Text size="sm" c="dimmed">
          <FormattedMessage id="cir.flags.pending.intro" />
        </Text>
        {shown.map((q) => (
          <Paper key={q.id} withBorder p="sm" data-testid="pending-follow-up" data-flag-id={q.id}>
            <Stack gap="xs">
              <Text size="sm" fw={700}>
                <FormattedMessage
                  id="cir.flags.pending.item"
                  values={{
                    caseReference: q.caseReference,
                    systems: intl.formatList(
                      q.systems.map((s) => systemShort(intl, s)),
                      { type: 'conjunction' },
                    ),
                  }}
                />
              </Text>
              <Text size="xs" c="dimmed">
                <PlaceTime at={q.createdAt} /> · {q.username}
              </Text>
              {/* Recorded, the search stays here with its confirmation until the page is loaded again. */}
              <FollowUp flag={q} headingId={`follow-up-${q.id}`} />
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}

/**
 * The flag search of Regs. (EU) 2019/817 and 2019/818 art. 22 for a designated authority: which of the EES, ETIAS
 * and Eurodac hold data on a person, never the data themselves, and the logged follow-up by a full access request.
 */
export default function FlagSearchPage() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const { api } = useSession();
  const [values, setValues] = useState<Record<Field, string>>({
    caseReference: '',
    surname: '',
    givenNames: '',
    birthDate: '',
    documentNumber: '',
    reason: '',
  });
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [answer, setAnswer] = useState<CirFlagAnswer | null>(null);
  const [gaps, setGaps] = useState<ReturnType<typeof formGaps>>({});
  // The list of pending follow-ups reloads after each search.
  const [reload, setReload] = useState(0);
  const problems = fieldProblems(error);
  const fieldError = (name: Field) => {
    const gap = gaps[name];
    return gap === undefined ? problems[name] : t(gap);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const v = Object.fromEntries(Object.entries(values).map(([k, x]) => [k, x.trim()])) as Record<
      Field,
      string
    >;
    const missing = formGaps(v);
    setGaps(missing);
    if (Object.keys(missing).length > 0) {
      return;
    }
    setSending(true);
    setError(null);
    setAnswer(null);
    api<CirFlagAnswer>('/cir/flags', {
      method: 'POST',
      purpose: FLAG_PURPOSE,
      body: {
        caseReference: v.caseReference,
        grounds: v.reason,
        offence: 'serious-crime',
        ...(v.surname === '' && v.givenNames === '' && v.birthDate === ''
          ? {}
          : { identity: { surname: v.surname, givenNames: v.givenNames, birthDate: v.birthDate } }),
        ...(v.documentNumber === '' ? {} : { document: { number: v.documentNumber } }),
      },
    }).then(
      (a) => {
        setSending(false);
        setAnswer(a);
        setReload((n) => n + 1);
      },
      (failure: unknown) => {
        setSending(false);
        setError(failure);
      },
    );
  };

  return (
    <Stack gap="lg" maw={900}>
      <Stack gap={4}>
        <PageTitle id="cir.flags.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="cir.flags.intro" />
        </Text>
      </Stack>
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {FIELDS.map(([name, label]) => (
                <TextInput
                  key={name}
                  label={t(label)}
                  description={name === 'birthDate' ? t('cir.flags.birthDateHint') : undefined}
                  required={name === 'caseReference'}
                  value={values[name]}
                  onChange={(e) => {
                    const next = e.currentTarget.value;
                    setValues((old) => ({ ...old, [name]: next }));
                    setGaps(({ [name]: _, person: __, ...rest }) => rest);
                  }}
                  error={fieldError(name)}
                />
              ))}
            </SimpleGrid>
            <Textarea
              label={t('cir.flags.reason')}
              value={values.reason}
              description={t('cir.flags.reasonHint')}
              required
              onChange={(e) => {
                const next = e.currentTarget.value;
                setValues((old) => ({ ...old, reason: next }));
                setGaps(({ reason: _, ...rest }) => rest);
              }}
              autosize
              minRows={2}
              maxLength={2000}
              error={fieldError('reason')}
            />
            {gaps.person !== undefined && (
              <Text size="sm" c={statusText.danger} role="alert" data-testid="flag-person-missing">
                {t(gaps.person)}
              </Text>
            )}
            {error !== null && <ErrorAlert error={error} title="cir.flags.failed" />}
            <Group>
              <Button type="submit" loading={sending}>
                <FormattedMessage id="cir.flags.submit" />
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <div role="status" aria-live="polite">
        {answer !== null && (
          <Paper withBorder p="md" data-testid="flag-answer" data-systems={answer.systems.join(',')}>
            <Stack gap="sm">
              <Title order={2} size="h4">
                <FormattedMessage id="cir.flags.answer" />
              </Title>
              {answer.systems.length === 0 ? (
                <Text data-testid="flag-none">
                  <FormattedMessage id="cir.flags.none" />
                </Text>
              ) : (
                <>
                  <Text fw={700} data-testid="flag-systems">
                    <FormattedMessage
                      id="cir.flags.heldIn"
                      values={{
                        systems: intl.formatList(
                          answer.systems.map((s) => systemShort(intl, s)),
                          { type: 'conjunction' },
                        ),
                      }}
                    />
                  </Text>
                  <List size="sm">
                    <List.Item>
                      <FormattedMessage id="cir.flags.noData" />
                    </List.Item>
                  </List>
                </>
              )}
              {answer.followUpRequired && <FollowUp flag={answer} headingId="follow-up-title" />}
            </Stack>
          </Paper>
        )}
      </div>
      <PendingFollowUps reload={reload} exclude={answer?.id} />
    </Stack>
  );
}
