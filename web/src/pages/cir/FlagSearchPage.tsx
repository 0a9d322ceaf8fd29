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
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { ApiError } from '../../api/client.ts';
import { newIdempotencyKey } from '../../api/idempotency.ts';
import type { CirFlagAnswer } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
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
  for (const p of problems) {
    const { field, message } = (p ?? {}) as { field?: unknown; message?: unknown };
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

/** The obligation of art. 22(2): a flag is followed by a full access request under the system's own act. */
function FollowUp({ flag }: { flag: CirFlagAnswer }) {
  const { api } = useSession();
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = useRef(newIdempotencyKey());
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    api<unknown>(`/cir/flags/${encodeURIComponent(flag.id)}/follow-up`, {
      method: 'POST',
      purpose: FLAG_PURPOSE,
      headers: { 'Idempotency-Key': key.current },
      body: { requested: flag.systems },
    }).then(
      () => setDone(true),
      (failure: unknown) => setError(failure),
    );
  };
  if (done) {
    return (
      <Alert color={statusText.success} variant="outline" data-testid="follow-up-done">
        <FormattedMessage id="cir.flags.followUp.done" />
      </Alert>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="follow-up-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="follow-up-title">
          <FormattedMessage id="cir.flags.followUp.title" />
        </Title>
        <Text size="sm">
          <FormattedMessage id="cir.flags.followUp.hint" />
        </Text>
        {error !== null && <ErrorAlert error={error} title="cir.flags.followUp.failed" />}
        <Group>
          <Button type="submit">
            <FormattedMessage id="cir.flags.followUp.submit" />
          </Button>
        </Group>
      </Stack>
    </form>
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
  const problems = fieldProblems(error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    setAnswer(null);
    const v = Object.fromEntries(Object.entries(values).map(([k, x]) => [k, x.trim()])) as Record<
      Field,
      string
    >;
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
                  value={values[name]}
                  onChange={(e) => {
                    const next = e.currentTarget.value;
                    setValues((old) => ({ ...old, [name]: next }));
                  }}
                  error={problems[name]}
                />
              ))}
            </SimpleGrid>
            <Textarea
              label={t('cir.flags.reason')}
              value={values.reason}
              onChange={(e) => {
                const next = e.currentTarget.value;
                setValues((old) => ({ ...old, reason: next }));
              }}
              autosize
              minRows={2}
              maxLength={2000}
              error={problems.reason}
            />
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
              {answer.followUpRequired && <FollowUp flag={answer} />}
            </Stack>
          </Paper>
        )}
      </div>
    </Stack>
  );
}
