import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { ApiError } from '../../api/client.ts';
import { newIdempotencyKey } from '../../api/idempotency.ts';
import type { EtiasEvent, EtiasFile, EtiasFileContent, EtiasHit } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatDate } from '../../format/datetime.ts';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import { isMessageId, type MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { ShortId } from '../../shell/ShortId.tsx';
import { statusColours, statusText } from '../../theme.ts';
import { DetailList, type Row } from '../sis/AlertDetail.tsx';
import { useNow } from '../sis/Deadline.tsx';
import { FeeText, StatusBadge } from './apply/ApplicationResult.tsx';
import { countryName } from './apply/countries.ts';
import { EtiasDeadline } from './EtiasDeadline.tsx';
import { compareWithRecord, EXAMINATION_PURPOSE, ruleLabel, sourceLabel } from './hits.ts';

/**
 * What a National Unit's screen puts under the file: the manual lane's decision panel (arts. 26-38), given
 * the file as read and a way to read it again after a decision.
 */
export type DecisionSlot = (file: EtiasFile, reload: () => void) => ReactNode;

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

const HIT_STATE_COLOURS: Readonly<Record<string, string>> = {
  open: statusColours.warning,
  false: statusColours.success,
  confirmed: statusColours.danger,
  notified: 'gray',
};

/** The application's fields and the hit record's, one line per field, differences marked in words too. */
function SideBySide({ file, hit }: { file: EtiasFile; hit: EtiasHit }) {
  const intl = useIntl();
  const rows = compareWithRecord(file.content, hit.record);
  const differing = rows.filter((r) => r.differs).length;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table
        withTableBorder
        withColumnBorders
        verticalSpacing={4}
        data-testid="hit-comparison"
        captionSide="top"
      >
        <Table.Caption style={{ textAlign: 'left' }}>
          <FormattedMessage id="etias.queue.compare.caption" values={{ count: differing }} />
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              <FormattedMessage id="etias.queue.compare.field" />
            </Table.Th>
            <Table.Th scope="col">
              <FormattedMessage id="etias.queue.compare.application" />
            </Table.Th>
            <Table.Th scope="col">
              <FormattedMessage
                id="etias.queue.compare.record"
                values={{ source: sourceLabel(intl, hit.source) }}
              />
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr
              key={r.key}
              data-testid="comparison-row"
              data-field={r.key}
              data-differs={r.differs ? 'true' : 'false'}
              style={r.differs ? { background: 'var(--mantine-color-yellow-light)' } : undefined}
            >
              <Table.Th scope="row" fw={500}>
                {r.label === null ? r.recordField : intl.formatMessage({ id: r.label })}
                {r.label !== null && r.recordField !== null && (
                  <Text span size="xs" c="dimmed" ff="monospace" ml={6}>
                    {r.recordField}
                  </Text>
                )}
              </Table.Th>
              <Table.Td data-side="application">{r.application === '' ? '—' : r.application}</Table.Td>
              <Table.Td data-side="record" fw={r.differs ? 700 : undefined}>
                {r.record === '' ? '—' : r.record}
                {r.differs && (
                  <Badge ml={6} size="xs" radius="sm" variant="outline" color={statusText.warning}>
                    <FormattedMessage id="etias.queue.compare.differs" />
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The Central Unit's verdict on one hit (art. 22): a false hit, or confirmed, with a note; asked again first. */
function VerifyButtons({
  file,
  hit,
  onDone,
  onStale,
}: {
  file: EtiasFile;
  hit: EtiasHit;
  onDone: () => void;
  /** The file changed under the officer: it is read again (the dialog keeps the answer's explanation). */
  onStale: () => void;
}) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const { api } = useSession();
  const [verdict, setVerdict] = useState<'false' | 'confirmed' | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [key, setKey] = useState(newIdempotencyKey);

  const send = () => {
    if (verdict === null) {
      return;
    }
    setBusy(true);
    setFailure(null);
    api<unknown>(
      `/etias/applications/${encodeURIComponent(file.id)}/hits/${encodeURIComponent(hit.id)}/verification`,
      {
        method: 'POST',
        purpose: EXAMINATION_PURPOSE,
        headers: { 'Idempotency-Key': key },
        body: { verdict, version: file.version, ...(note.trim() === '' ? {} : { note: note.trim() }) },
      },
    ).then(
      () => {
        setBusy(false);
        setVerdict(null);
        setNote('');
        setKey(newIdempotencyKey());
        onDone();
      },
      (e: unknown) => {
        setBusy(false);
        setFailure(e);
        // Verified or changed by someone else meanwhile: read the file again, so the screen shows why.
        if (
          e instanceof ApiError &&
          (e.code === 'ETIAS_HIT_NOT_OPEN' || e.code === 'ETIAS_VERSION_CONFLICT')
        ) {
          onStale();
        }
      },
    );
  };

  const rule = ruleLabel(intl, hit.rule);
  return (
    <>
      <Group gap="sm">
        <Button
          variant="outline"
          color={statusText.success}
          onClick={() => setVerdict('false')}
          aria-label={t('etias.queue.verify.falseFor', { rule })}
        >
          <FormattedMessage id="etias.queue.verify.false" />
        </Button>
        <Button
          variant="outline"
          color={statusText.danger}
          onClick={() => setVerdict('confirmed')}
          aria-label={t('etias.queue.verify.confirmedFor', { rule })}
        >
          <FormattedMessage id="etias.queue.verify.confirmed" />
        </Button>
      </Group>
      <Modal
        opened={verdict !== null}
        onClose={() => setVerdict(null)}
        closeButtonProps={{ 'aria-label': t('etias.queue.verify.cancel') }}
        title={t(
          verdict === 'confirmed' ? 'etias.queue.verify.confirmedTitle' : 'etias.queue.verify.falseTitle',
          {
            rule,
          },
        )}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              <FormattedMessage
                id={
                  verdict === 'confirmed'
                    ? 'etias.queue.verify.confirmedText'
                    : 'etias.queue.verify.falseText'
                }
              />
            </Text>
            <Textarea
              label={t('etias.queue.verify.note')}
              description={t('etias.queue.verify.noteHint')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              maxLength={2000}
              autosize
              minRows={2}
              data-autofocus
            />
            {failure !== null && <ErrorAlert error={failure} title="etias.queue.verify.failed" />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setVerdict(null)}>
                <FormattedMessage id="etias.queue.verify.cancel" />
              </Button>
              <Button
                type="submit"
                loading={busy}
                color={verdict === 'confirmed' ? statusColours.danger : statusColours.success}
              >
                <FormattedMessage
                  id={
                    verdict === 'confirmed'
                      ? 'etias.queue.verify.confirmSubmit'
                      : 'etias.queue.verify.falseSubmit'
                  }
                />
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** One hit: what it is about, why (the explanation lines), how likely, and the two sides compared. */
function HitCard({
  file,
  hit,
  canVerify,
  onVerified,
}: {
  file: EtiasFile;
  hit: EtiasHit;
  canVerify: boolean;
  onVerified: () => void;
}) {
  const intl = useIntl();
  const headingId = `hit-${hit.id}`;
  const stateId = `etias.queue.hitState.${hit.state}`;
  return (
    <Paper
      withBorder
      p="md"
      component="article"
      aria-labelledby={headingId}
      data-testid="hit-card"
      data-hit-id={hit.id}
      data-state={hit.state}
      style={{ borderLeft: `4px solid ${HIT_STATE_COLOURS[hit.state] ?? '#495057'}` }}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Title order={3} size="h5" id={headingId}>
              {ruleLabel(intl, hit.rule)}
            </Title>
            <Group gap="xs">
              <Badge variant="light" color="gray" radius="sm">
                {sourceLabel(intl, hit.source)}
              </Badge>
              <RecordRef value={hit.recordRef} />
              {hit.memberState !== null && (
                <Text size="xs" c="dimmed">
                  <FormattedMessage id="etias.queue.hit.memberState" values={{ state: hit.memberState }} />
                </Text>
              )}
            </Group>
          </Stack>
          <Badge
            variant="filled"
            color={HIT_STATE_COLOURS[hit.state] ?? 'gray'}
            radius="sm"
            data-testid="hit-state"
          >
            {isMessageId(stateId) ? intl.formatMessage({ id: stateId }) : hit.state}
          </Badge>
        </Group>
        {hit.notifyOnly && (
          <Alert variant="light" color="blue" p="xs">
            <Text size="sm">
              <FormattedMessage id="etias.queue.hit.notifyOnly" />
            </Text>
          </Alert>
        )}
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            <FormattedMessage id="etias.queue.hit.why" />
          </Text>
          <Stack component="ul" gap={2} m={0} pl="md" data-testid="hit-explanation">
            {hit.explanation.map((line) => (
              <Text component="li" size="sm" key={line}>
                {line}
              </Text>
            ))}
          </Stack>
        </Stack>
        <Group gap="lg">
          {hit.probability !== null && (
            <Text size="sm" data-testid="hit-probability">
              <FormattedMessage
                id="etias.queue.hit.probability"
                values={{
                  value: intl.formatNumber(hit.probability, { style: 'percent', maximumFractionDigits: 1 }),
                }}
              />
            </Text>
          )}
          {hit.refusalGround !== null && (
            <Text size="sm">
              <FormattedMessage
                id="etias.queue.hit.ground"
                values={{ ground: groundLabel(intl, hit.refusalGround) }}
              />
            </Text>
          )}
        </Group>
        <SideBySide file={file} hit={hit} />
        {hit.state !== 'open' && hit.verifiedAt !== null && (
          <Text size="sm" data-testid="hit-verified">
            <FormattedMessage
              id="etias.queue.hit.verified"
              values={{ user: hit.verifiedBy ?? '', at: <PlaceTime at={hit.verifiedAt} /> }}
            />
            {hit.note !== null && hit.note !== '' && (
              <>
                {' — '}
                <Text span fs="italic">
                  {hit.note}
                </Text>
              </>
            )}
          </Text>
        )}
        {canVerify && hit.state === 'open' && file.queue === 'central-unit' && (
          <VerifyButtons file={file} hit={hit} onDone={onVerified} onStale={onVerified} />
        )}
      </Stack>
    </Paper>
  );
}

/** A record reference `<system>:<id>` with the id shortened (whole on hover, copy button). */
function RecordRef({ value }: { value: string }) {
  const at = value.indexOf(':');
  if (at === -1) {
    return <ShortId id={value} />;
  }
  return (
    <Group gap={2} wrap="nowrap" component="span">
      <Text span size="xs" c="dimmed" ff="monospace">
        {value.slice(0, at + 1)}
      </Text>
      <ShortId id={value.slice(at + 1)} />
    </Group>
  );
}

function groundLabel(intl: ReturnType<typeof useIntl>, ground: string): string {
  const id = `etias.queue.ground.${ground}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : ground;
}

function eventLabel(intl: ReturnType<typeof useIntl>, kind: string): string {
  const id = `etias.queue.event.${kind}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : kind;
}

function History({ events }: { events: readonly EtiasEvent[] }) {
  const intl = useIntl();
  return (
    <Stack component="ol" gap={4} m={0} pl="md" data-testid="etias-history">
      {events.map((e, i) => (
        <Text component="li" size="sm" key={`${e.at}-${e.kind}-${String(i)}`}>
          <PlaceTime at={e.at} /> — <strong>{eventLabel(intl, e.kind)}</strong>
          {e.user !== '' && (
            <Text span c="dimmed" size="sm">
              {' '}
              ({e.user}, {e.authority})
            </Text>
          )}
        </Text>
      ))}
    </Stack>
  );
}

const yesNo = (intl: ReturnType<typeof useIntl>, v: boolean | undefined) =>
  v === undefined ? '' : intl.formatMessage({ id: v ? 'etias.apply.yes' : 'etias.apply.no' });

/** The application file as the applicant gave it (art. 17), in sections. */
function FileSections({ file }: { file: EtiasFile }) {
  const intl = useIntl();
  const c = file.content as EtiasFileContent;
  const country = (code: string | undefined) =>
    code === undefined ? '' : `${countryName(intl.locale, code)} (${code})`;
  const identity: Row[] = [
    ['etias.apply.surname', c.surname, 'surname'],
    ['etias.apply.givenNames', c.givenNames, 'givenNames'],
    ['etias.apply.surnameAtBirth', c.surnameAtBirth, 'surnameAtBirth'],
    ['etias.apply.otherNames', c.otherNames?.join(', '), 'otherNames'],
    ['etias.apply.birthDate', formatDate(intl, c.birthDate), 'birthDate'],
    ['etias.apply.sex', c.sex, 'sex'],
    ['etias.apply.placeOfBirth', c.placeOfBirth, 'placeOfBirth'],
    ['etias.apply.countryOfBirth', country(c.countryOfBirth), 'countryOfBirth'],
    ['etias.queue.field.nationalities', c.nationalities.map(country).join(', '), 'nationalities'],
    ['etias.apply.parentsFirstNames', c.parentsFirstNames?.join(', '), 'parentsFirstNames'],
  ];
  const document: Row[] = [
    ['etias.apply.documentType', c.document.type, 'documentType'],
    ['etias.apply.documentNumber', c.document.number, 'documentNumber'],
    ['etias.apply.issuingState', country(c.document.issuingState), 'issuingState'],
    [
      'etias.apply.issuedOn',
      c.document.issuedOn === undefined ? undefined : formatDate(intl, c.document.issuedOn),
      'issuedOn',
    ],
    ['etias.apply.expiry', formatDate(intl, c.document.expiry), 'expiry'],
  ];
  const residence: Row[] = [
    ['etias.apply.residenceCountry', country(c.residence.country), 'residenceCountry'],
    ['etias.apply.residenceCity', c.residence.city, 'residenceCity'],
    ['etias.apply.residenceAddress', c.residence.address, 'residenceAddress'],
    ['etias.apply.email', c.email, 'email'],
    ['etias.apply.phone', c.phone, 'phone'],
    [
      'etias.apply.education',
      c.education === undefined
        ? undefined
        : intl.formatMessage({ id: `etias.apply.education.${c.education}` }),
      'education',
    ],
    [
      'etias.apply.occupation',
      c.occupation === undefined
        ? undefined
        : intl.formatMessage({ id: `etias.apply.occupation.${c.occupation}` }),
      'occupation',
    ],
    ['etias.apply.firstStay', c.intendedFirstStay?.memberState, 'firstStay'],
  ];
  const answers: Row[] = [
    [
      'etias.queue.field.criminalConviction',
      yesNo(intl, c.background.criminalConviction),
      'criminalConviction',
    ],
    ['etias.queue.field.conflictZoneStay', yesNo(intl, c.background.conflictZoneStay), 'conflictZoneStay'],
    ['etias.queue.field.removalOrder', yesNo(intl, c.background.removalOrder), 'removalOrder'],
    ['etias.queue.field.familyMember', yesNo(intl, c.familyMemberOfEuCitizen ?? false), 'familyMember'],
  ];
  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <Section id="etias-file-identity" title="etias.apply.section.identity">
          <DetailList rows={identity} />
        </Section>
        <Section id="etias-file-document" title="etias.apply.section.document">
          <DetailList rows={document} />
        </Section>
        <Section id="etias-file-residence" title="etias.apply.section.residence">
          <DetailList rows={residence} />
        </Section>
        <Section id="etias-file-answers" title="etias.apply.section.background">
          <DetailList rows={answers} cols={2} />
        </Section>
        <FeeText fee={file.fee} />
      </Stack>
    </Paper>
  );
}

/**
 * One ETIAS application as the Central Unit and the National Units see it (`#/etias/applications/:id`): the
 * file (art. 17), its deadlines (12 h verification, art. 22(6); 96 h decision, art. 32(1)), every hit explained
 * beside the record it hit with the Central Unit's verdict buttons (art. 22), and the history of the file. A
 * National Unit's screen passes `decisionPanel` to show its decision forms under the hits.
 */
export function EtiasApplicationPage({ id, decisionPanel }: { id: string; decisionPanel?: DecisionSlot }) {
  const intl = useIntl();
  const { api, user } = useSession();
  const now = useNow();
  const [file, setFile] = useState<EtiasFile | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const canVerify = user.permissions.includes('etias:verify');

  useEffect(() => {
    const controller = new AbortController();
    api<EtiasFile>(`/etias/applications/${encodeURIComponent(id)}`, {
      purpose: EXAMINATION_PURPOSE,
      signal: controller.signal,
    }).then(
      (f) => {
        setFile(f);
        setError(null);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) {
          setError(e);
        }
      },
    );
    return () => controller.abort();
  }, [api, id, round]);

  if (file === null) {
    return error === null ? (
      <InlineLoader label="etias.queue.file.loading" />
    ) : (
      <Stack gap="md">
        <PageTitle id="etias.queue.file.titleUnknown" />
        <ErrorAlert error={error} title="etias.queue.file.failed" />
      </Stack>
    );
  }

  const openHits = file.hits.filter((h) => h.state === 'open').length;
  return (
    <Stack gap="lg" maw={1200} data-testid="etias-file" data-status={file.status}>
      <Stack gap={4}>
        {canVerify && (
          <Anchor href="#/etias/queue" size="sm">
            <FormattedMessage id="etias.queue.back" />
          </Anchor>
        )}
        <PageTitle id="etias.queue.file.title" values={{ name: `${file.surname}, ${file.givenNames}` }} />
        <Group gap="sm">
          <StatusBadge status={file.status} />
          {file.queue !== null && (
            <Badge variant="outline" radius="sm" color="gray" data-testid="etias-queue">
              <FormattedMessage
                id={
                  file.queue === 'central-unit' ? 'etias.queue.queue.central' : 'etias.queue.queue.national'
                }
              />
              {file.responsibleState !== null && ` · ${file.responsibleState}`}
            </Badge>
          )}
          <ShortId id={file.id} />
          <Text size="sm" c="dimmed">
            <FormattedMessage
              id="etias.queue.file.submitted"
              values={{ at: <PlaceTime at={file.submittedAt} /> }}
            />
          </Text>
        </Group>
        {error !== null && <ErrorAlert error={error} title="etias.queue.file.failed" />}
      </Stack>

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Paper withBorder p="md" data-testid="deadline-central">
          <Text size="sm" c="dimmed">
            <FormattedMessage id="etias.queue.deadline.central" />
          </Text>
          {file.queue === 'central-unit' ? (
            <EtiasDeadline
              at={file.centralDueAt}
              now={now}
              server={file.queue === 'central-unit' ? file.deadline?.state : undefined}
            />
          ) : (
            <Text size="sm">
              <FormattedMessage id="etias.queue.deadline.done" />
            </Text>
          )}
        </Paper>
        <Paper withBorder p="md" data-testid="deadline-decision">
          <Text size="sm" c="dimmed">
            <FormattedMessage id="etias.queue.deadline.decision" />
          </Text>
          {file.status === 'manual' || file.status === 'pending' ? (
            <EtiasDeadline at={file.decisionDueAt} now={now} />
          ) : (
            <Text size="sm">
              {file.decidedAt === null ? (
                <FormattedMessage id="etias.queue.deadline.done" />
              ) : (
                <FormattedMessage
                  id="etias.queue.deadline.decided"
                  values={{ at: <PlaceTime at={file.decidedAt} /> }}
                />
              )}
            </Text>
          )}
          {file.validUntil !== null && (
            <Text size="sm" data-testid="etias-valid-until">
              <FormattedMessage
                id="etias.queue.validity"
                values={{
                  from: formatDate(intl, file.validFrom ?? ''),
                  until: formatDate(intl, file.validUntil),
                }}
              />
            </Text>
          )}
        </Paper>
      </SimpleGrid>

      <Section id="etias-hits" title="etias.queue.hits.title">
        <Text size="sm" c="dimmed">
          <FormattedMessage
            id="etias.queue.hits.summary"
            values={{ count: file.hits.length, open: openHits }}
          />
        </Text>
        {file.hits.length === 0 ? (
          <Text size="sm">
            <FormattedMessage id="etias.queue.hits.none" />
          </Text>
        ) : (
          file.hits.map((h) => (
            <HitCard key={h.id} file={file} hit={h} canVerify={canVerify} onVerified={reload} />
          ))
        )}
      </Section>

      <div data-testid="etias-decision-slot">{decisionPanel?.(file, reload)}</div>

      <Section id="etias-file" title="etias.queue.file.data">
        <FileSections file={file} />
      </Section>

      <Section id="etias-history-title" title="etias.queue.history">
        <History events={file.events} />
      </Section>
      <VisuallyHidden aria-live="polite">
        {intl.formatMessage({ id: `etias.apply.status.${file.status}` as MessageId })}
      </VisuallyHidden>
    </Stack>
  );
}
