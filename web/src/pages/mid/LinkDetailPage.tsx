import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';

import { ApiError } from '../../api/client.ts';
import { newIdempotencyKey } from '../../api/idempotency.ts';
import type { MidCategoryVerdict, MidLinkDetail, MidRecordView, MidVerifiedColor } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatDate } from '../../format/datetime.ts';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import { isMessageId, type MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { statusColours, statusText } from '../../theme.ts';
import { falseMatchText, formatScore } from '../biometrics/format.ts';
import { countryName } from '../etias/apply/countries.ts';
import { memberStateName } from '../etias/apply/memberStates.ts';
import { useNow } from '../sis/Deadline.tsx';
import { LinkColorBadge, VerifyBy } from './LinkColor.tsx';
import { authorityLabel, colorLabel, colorMeaning, MID_PURPOSE, ruleLabel, systemShort } from './mid.ts';

/** The identity fields shown side by side, in the order of the MID categories (Del. Reg. 2023/333 Annex II). */
const IDENTITY_FIELDS = [
  'surname',
  'givenNames',
  'surnameAtBirth',
  'aliases',
  'birthDate',
  'sex',
  'nationalities',
  'placeOfBirth',
  'countryOfBirth',
] as const;
type IdentityField = (typeof IDENTITY_FIELDS)[number] | 'documents' | 'biometrics' | 'memberState';

const CATEGORIES = ['names', 'birthDate', 'sex', 'nationalityAndPlaceOfBirth'] as const;

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !v.includes('-00');

/** A field of a record in words; '' when the record holds none. */
function identityValue(intl: IntlShape, record: MidRecordView, field: IdentityField): string {
  if (field !== 'memberState' && field !== 'documents' && field !== 'biometrics') {
    return identityFieldValue(intl, record, field);
  }
  switch (field) {
    case 'memberState':
      return record.memberState === null || record.memberState === ''
        ? ''
        : `${memberStateName(intl.locale, record.memberState)} (${record.memberState})`;
    case 'documents':
      return record.documents
        .map((d) =>
          [d.type, d.number, d.issuingState === undefined ? '' : `(${d.issuingState})`]
            .filter(Boolean)
            .join(' '),
        )
        .join('; ');
    case 'biometrics':
      return record.biometrics === null
        ? ''
        : intl.formatList(
            record.biometrics.modalities.map((m) => modalityLabel(intl, m)),
            { type: 'unit' },
          );
  }
}

/** An identity field as the record holds it: a name, a list of names or codes, a date. */
function identityFieldValue(
  intl: IntlShape,
  record: MidRecordView,
  field: (typeof IDENTITY_FIELDS)[number],
): string {
  const value = record.identity?.[field];
  if (value === undefined || value === null) {
    return '';
  }
  const list = (Array.isArray(value) ? (value as unknown[]) : [value]).map((v) =>
    typeof v === 'string' ? v : JSON.stringify(v),
  );
  if (field === 'nationalities' || field === 'countryOfBirth') {
    return list.map((n) => countryName(intl.locale, n)).join(', ');
  }
  if (field === 'sex') {
    // In words with the code, as the search portal shows it: "Male (M)".
    return list
      .map((x) => {
        const id = `search.field.sex.${x}`;
        return isMessageId(id) ? intl.formatMessage({ id }) : x;
      })
      .join(', ');
  }
  if (field === 'birthDate') {
    return list.map((d) => (isDate(d) ? formatDate(intl, d) : d)).join(', ');
  }
  return list.join(', ');
}

function modalityLabel(intl: IntlShape, modality: string): string {
  const id = `mid.modality.${modality}`;
  return id === 'mid.modality.face' || id === 'mid.modality.finger' ? intl.formatMessage({ id }) : modality;
}

const FIELD_LABEL: Readonly<Record<IdentityField, MessageId>> = {
  surname: 'mid.field.surname',
  givenNames: 'mid.field.givenNames',
  surnameAtBirth: 'mid.field.surnameAtBirth',
  aliases: 'mid.field.aliases',
  birthDate: 'mid.field.birthDate',
  sex: 'mid.field.sex',
  nationalities: 'mid.field.nationalities',
  placeOfBirth: 'mid.field.placeOfBirth',
  countryOfBirth: 'mid.field.countryOfBirth',
  documents: 'mid.field.documents',
  biometrics: 'mid.field.biometrics',
  memberState: 'mid.field.memberState',
};

/**
 * Both records side by side, one row per field, each row marked "differs" (in words, not by colour alone) when
 * the two records hold different values; rows neither record holds are left out.
 */
function RecordsSideBySide({ records }: { records: MidRecordView[] }) {
  const intl = useIntl();
  const [a, b] = records;
  if (a === undefined || b === undefined) {
    return null;
  }
  const fields: IdentityField[] = ['memberState', ...IDENTITY_FIELDS, 'documents', 'biometrics'];
  const rows = fields
    .map((field) => ({ field, left: identityValue(intl, a, field), right: identityValue(intl, b, field) }))
    .filter((r) => r.left !== '' || r.right !== '');
  const aliasIdentities = (r: MidRecordView) =>
    (r.identity?.aliasIdentities ?? []) as Array<Record<string, unknown>>;
  const head = (r: MidRecordView, n: number) => (
    <Table.Th scope="col" data-testid={`record-${n}`} data-ref={r.ref}>
      <Text fw={700}>{systemShort(intl, r.system)}</Text>
      <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
        {r.ref}
      </Text>
      {r.identity === null && (
        <Text size="xs" fw={400} data-testid="record-erased">
          <FormattedMessage id="mid.detail.erased" />
        </Text>
      )}
    </Table.Th>
  );
  return (
    <Stack gap="xs" component="section" aria-labelledby="records-title">
      <Title order={2} size="h4" id="records-title">
        <FormattedMessage id="mid.detail.records" />
      </Title>
      {/* On a phone the table keeps readable columns and scrolls sideways within itself, not the page. */}
      <Table.ScrollContainer minWidth={560} type="native">
        <Table
          withTableBorder
          withColumnBorders
          layout="fixed"
          aria-labelledby="records-title"
          data-testid="records-side-by-side"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w="22%">
                <FormattedMessage id="mid.detail.field" />
              </Table.Th>
              {head(a, 0)}
              {head(b, 1)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ field, left, right }) => {
              const differs = left.toLocaleLowerCase() !== right.toLocaleLowerCase();
              return (
                <Table.Tr key={field} data-testid="record-field" data-field={field} data-differs={differs}>
                  <Table.Th scope="row">
                    <Text size="sm" fw={600}>
                      <FormattedMessage id={FIELD_LABEL[field]} />
                    </Text>
                    {differs && (
                      <Badge color={statusText.warning} variant="outline" radius="sm" size="sm" mt={2}>
                        <FormattedMessage id="mid.detail.differs" />
                      </Badge>
                    )}
                  </Table.Th>
                  <Table.Td style={differs ? { background: 'var(--mantine-color-yellow-light)' } : undefined}>
                    {left === '' ? '—' : left}
                  </Table.Td>
                  <Table.Td style={differs ? { background: 'var(--mantine-color-yellow-light)' } : undefined}>
                    {right === '' ? '—' : right}
                  </Table.Td>
                </Table.Tr>
              );
            })}
            {(aliasIdentities(a).length > 0 || aliasIdentities(b).length > 0) && (
              <Table.Tr data-testid="record-field" data-field="aliasIdentities">
                <Table.Th scope="row">
                  <Text size="sm" fw={600}>
                    <FormattedMessage id="mid.field.aliasIdentities" />
                  </Text>
                </Table.Th>
                {[a, b].map((r) => (
                  <Table.Td key={r.ref}>
                    {aliasIdentities(r).length === 0
                      ? '—'
                      : aliasIdentities(r)
                          .map((x) =>
                            [x.surname, x.givenNames]
                              .flat()
                              .concat(
                                typeof x.birthDate === 'string' && isDate(x.birthDate)
                                  ? [formatDate(intl, x.birthDate)]
                                  : [x.birthDate],
                              )
                              .filter((v) => typeof v === 'string' && v !== '')
                              .join(' '),
                          )
                          .join('; ')}
                  </Table.Td>
                ))}
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

const OUTCOME_COLOUR: Readonly<Record<string, string | undefined>> = {
  same: undefined,
  similar: statusText.warning,
  different: 'var(--mantine-color-dimmed)',
};

/** Each comparator's verdict per category of the identity data (Del. Reg. 2023/333 Annex II). */
function Comparison({ link }: { link: MidLinkDetail }) {
  const intl = useIntl();
  const categories = link.comparison?.categories;
  const rows = CATEGORIES.map((c) => [c, categories?.[c]] as const).filter(
    (r): r is readonly [(typeof CATEGORIES)[number], MidCategoryVerdict] => r[1] !== undefined,
  );
  const evidence = link.evidence;
  const score = link.biometricScore ?? evidence.biometricScore;
  const fmr = link.falseMatchRate ?? evidence.falseMatchRate;
  return (
    <Stack gap="xs" component="section" aria-labelledby="comparison-title">
      <Title order={2} size="h4" id="comparison-title">
        <FormattedMessage id="mid.detail.comparison" />
      </Title>
      {link.comparison === null && (
        <Text size="sm" data-testid="no-comparison">
          <FormattedMessage id="mid.detail.noComparison" />
        </Text>
      )}
      {link.comparison !== null && (
        <Table.ScrollContainer minWidth={640} type="native">
          <Table withTableBorder aria-labelledby="comparison-title" data-testid="comparison">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">
                  <FormattedMessage id="mid.detail.category" />
                </Table.Th>
                <Table.Th scope="col">
                  <FormattedMessage id="mid.detail.outcome" />
                </Table.Th>
                <Table.Th scope="col">
                  <FormattedMessage id="mid.detail.rules" />
                </Table.Th>
                <Table.Th scope="col">
                  <FormattedMessage id="mid.detail.explanation" />
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(([category, verdict]) => (
                <Table.Tr
                  key={category}
                  data-testid="verdict"
                  data-category={category}
                  data-outcome={verdict.outcome}
                >
                  <Table.Th scope="row">
                    <FormattedMessage id={`mid.category.${category}`} />
                  </Table.Th>
                  <Table.Td>
                    <Text size="sm" fw={700} c={OUTCOME_COLOUR[verdict.outcome]}>
                      <FormattedMessage id={`mid.outcome.${verdict.outcome}`} />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {verdict.rules.length === 0
                        ? '—'
                        : intl.formatList(
                            verdict.rules.map((r) => ruleLabel(intl, r)),
                            { type: 'unit' },
                          )}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{verdict.explanation}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }} component="dl" m={0} spacing="sm">
        <div data-testid="biometric-evidence" data-biometric={evidence.biometric}>
          <Text component="dt" size="xs" c="dimmed">
            <FormattedMessage id="mid.detail.biometric" />
          </Text>
          <Text component="dd" m={0} fw={600}>
            <FormattedMessage id={`mid.biometric.${evidence.biometric}`} />
          </Text>
          {score !== undefined && (
            <Text component="dd" m={0} size="sm">
              <FormattedMessage
                // A score that does not match has a false-match rate near 1: "one false match in 1" says nothing.
                id={evidence.biometric === 'no-match' ? 'mid.detail.scoreNoMatch' : 'mid.detail.score'}
                values={{
                  score: formatScore(intl, score),
                  fmr: fmr === undefined ? '—' : falseMatchText(intl, fmr),
                }}
              />
            </Text>
          )}
        </div>
        <div data-testid="document-evidence" data-document={evidence.document}>
          <Text component="dt" size="xs" c="dimmed">
            <FormattedMessage id="mid.detail.document" />
          </Text>
          <Text component="dd" m={0} fw={600}>
            <FormattedMessage
              id={evidence.document ? 'mid.detail.document.same' : 'mid.detail.document.none'}
            />
          </Text>
        </div>
        <div data-testid="identity-evidence" data-identity={evidence.identity}>
          <Text component="dt" size="xs" c="dimmed">
            <FormattedMessage id="mid.detail.identity" />
          </Text>
          <Text component="dd" m={0} fw={600}>
            <FormattedMessage id={`mid.outcome.${evidence.identity}`} />
          </Text>
        </div>
      </SimpleGrid>
    </Stack>
  );
}

/** The server's problems by field (`color`, `reason`, `withholdNotice.reason`, …). */
function fieldProblems(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) {
    return out;
  }
  const problems = Array.isArray(error.details?.problems) ? (error.details.problems as unknown[]) : [];
  for (const p of problems) {
    if (typeof p === 'object' && p !== null) {
      const { field, message } = p as { field?: unknown; message?: unknown };
      if (typeof field === 'string' && typeof message === 'string' && out[field] === undefined) {
        out[field] = message;
      }
    }
  }
  return out;
}

const DECISIONS: readonly MidVerifiedColor[] = ['white', 'green', 'red'];

/**
 * The decision on a yellow link (arts. 31-33): white, green or red with the reason; for red, whether the person
 * is not to be informed because that would prejudice security or an investigation (art. 32(3)), with its reason.
 */
function DecisionForm({
  linkId,
  options,
  onDone,
  onStale,
}: {
  linkId: string;
  options: MidLinkDetail['options'];
  onDone: () => void;
  /** Another officer decided the link meanwhile (409 MID_LINK_NOT_YELLOW): the page shows their decision. */
  onStale: () => void;
}) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const { api } = useSession();
  const [color, setColor] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [withhold, setWithhold] = useState(false);
  const [withholdReason, setWithholdReason] = useState('');
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = useRef(newIdempotencyKey());
  const problems = fieldProblems(error);
  const withholding = color === 'red' && withhold;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const gaps = {
      color: color === null,
      reason: reason.trim() === '',
      withholdReason: withholding && withholdReason.trim() === '',
    };
    if (gaps.color || gaps.reason || gaps.withholdReason) {
      setMissing(gaps);
      return;
    }
    setSending(true);
    setError(null);
    api<unknown>(`/mid/links/${encodeURIComponent(linkId)}/verification`, {
      method: 'POST',
      purpose: MID_PURPOSE,
      headers: { 'Idempotency-Key': key.current },
      body: {
        color,
        reason: reason.trim(),
        ...(withholding ? { withholdNotice: { reason: withholdReason.trim() } } : {}),
      },
    }).then(
      () => {
        setSending(false);
        onDone();
      },
      (failure: unknown) => {
        setSending(false);
        key.current = newIdempotencyKey();
        if (failure instanceof ApiError && failure.code === 'MID_LINK_NOT_YELLOW') {
          onStale();
          return;
        }
        setError(failure);
      },
    );
  };
  const fieldError = (name: string, missingId: MessageId, ...serverFields: string[]) =>
    missing[name] === true ? t(missingId) : serverFields.map((f) => problems[f]).find((m) => m !== undefined);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="decision-title" data-testid="decision-form">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="decision-title">
            <FormattedMessage id="mid.decision.title" />
          </Title>
          <Text size="sm" c="dimmed">
            <FormattedMessage id="mid.decision.intro" />
          </Text>
          <Radio.Group
            label={t('mid.decision.color')}
            value={color}
            onChange={(v) => {
              setColor(v);
              setMissing((m) => ({ ...m, color: false }));
            }}
            required
            error={fieldError('color', 'mid.decision.colorRequired', 'color')}
          >
            <Stack gap="sm" mt="xs">
              {DECISIONS.map((c) => {
                const option = options.find((o) => o.color === c);
                const allowed = option?.allowed ?? true;
                return (
                  <Radio
                    key={c}
                    value={c}
                    disabled={!allowed}
                    data-testid={`decision-${c}`}
                    data-allowed={allowed}
                    label={
                      <Group gap="xs" component="span">
                        <LinkColorBadge color={c} size="sm" long />
                      </Group>
                    }
                    description={
                      <>
                        {colorMeaning(intl, c)}
                        {option !== undefined && (
                          <Text span size="xs" display="block" c={allowed ? 'dimmed' : undefined}>
                            {allowed
                              ? option.basis
                              : intl.formatMessage({ id: 'mid.decision.notAllowed' }, { why: option.basis })}
                          </Text>
                        )}
                      </>
                    }
                  />
                );
              })}
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('mid.decision.reason')}
            description={t('mid.decision.reasonHint')}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setMissing((m) => ({ ...m, reason: false }));
            }}
            required
            autosize
            minRows={2}
            maxLength={2000}
            error={fieldError('reason', 'mid.decision.reasonRequired', 'reason')}
          />
          {color === 'red' && (
            <Stack gap="xs" data-testid="withhold-notice">
              <Checkbox
                label={t('mid.decision.withhold')}
                description={t('mid.decision.withholdHint')}
                checked={withhold}
                onChange={(e) => setWithhold(e.currentTarget.checked)}
                error={problems.withholdNotice}
              />
              {withhold && (
                <Textarea
                  label={t('mid.decision.withholdReason')}
                  value={withholdReason}
                  onChange={(e) => {
                    setWithholdReason(e.currentTarget.value);
                    setMissing((m) => ({ ...m, withholdReason: false }));
                  }}
                  required
                  autosize
                  minRows={2}
                  maxLength={2000}
                  error={fieldError(
                    'withholdReason',
                    'mid.decision.withholdReasonRequired',
                    'withholdNotice.reason',
                  )}
                />
              )}
            </Stack>
          )}
          {error !== null && <ErrorAlert error={error} title="mid.decision.failed" />}
          <Group>
            <Button type="submit" loading={sending}>
              <FormattedMessage id="mid.decision.submit" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The events of the link's identity confirmation file, oldest first. */
function History({ link }: { link: MidLinkDetail }) {
  const intl = useIntl();
  if (link.history.length === 0 && link.notices.length === 0) {
    return null;
  }
  return (
    <Stack gap="xs" component="section" aria-labelledby="history-title">
      <Title order={2} size="h4" id="history-title">
        <FormattedMessage id="mid.detail.history" />
      </Title>
      <List size="sm" spacing={4} data-testid="history">
        {link.history.map((h, i) => (
          <List.Item key={`${h.at}-${i}`} data-event={h.event}>
            <PlaceTime at={h.at} />
            {' · '}
            {historyEvent(intl, h.event)}
            {` · ${colorLabel(intl, h.color)}`}
            {h.by !== null && ` · ${h.by}`}
            {h.authority !== null && ` (${h.authority})`}
            {h.reason !== null && h.reason !== '' && ` · “${h.reason}”`}
          </List.Item>
        ))}
      </List>
      {link.notices.length > 0 && (
        <Stack gap={4} data-testid="person-notices">
          <Text size="sm" fw={700}>
            <FormattedMessage id="mid.detail.notices" />
          </Text>
          {link.notices.map((n) => (
            <details key={n.id}>
              <summary>
                <Text span size="sm">
                  {n.subject} ({n.lang.toUpperCase()}) · <PlaceTime at={n.createdAt} />
                </Text>
              </summary>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {n.text}
              </Text>
            </details>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function historyEvent(intl: IntlShape, event: string): string {
  const id = `mid.history.${event}`;
  return id === 'mid.history.created' || id === 'mid.history.verified' || id === 'mid.history.updated'
    ? intl.formatMessage({ id })
    : event;
}

/**
 * One link for its verifying authority (Regs. (EU) 2019/817 and 2019/818 arts. 29-34): both records side by side
 * with the differences marked, each comparator's verdict per category, the biometric score and its false-match
 * rate, the document match, the authority responsible and its basis, the history and the decision.
 */
export function LinkDetailPage({ id }: { id: string }) {
  const intl = useIntl();
  const { api } = useSession();
  const now = useNow();
  const [link, setLink] = useState<MidLinkDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState(false);
  const [stale, setStale] = useState(false);

  const load = useCallback(
    (signal?: AbortSignal) =>
      api<MidLinkDetail>(`/mid/links/${encodeURIComponent(id)}`, { purpose: MID_PURPOSE, signal }).then(
        (answer) => {
          setLink(answer);
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

  const verification = link?.verification ?? null;
  return (
    <Stack gap="lg" maw={1300}>
      <Stack gap={4}>
        <Anchor href="#/mid/links" size="sm">
          <FormattedMessage id="mid.detail.back" />
        </Anchor>
        <PageTitle id="mid.detail.title" />
      </Stack>
      {error !== null && <ErrorAlert error={error} title="mid.detail.failed" />}
      {link === null && error === null && <InlineLoader label="mid.detail.loading" />}
      {link !== null && (
        <Stack gap="lg" data-testid="mid-link" data-link-id={link.id} data-color={link.color}>
          <Group gap="md" align="center">
            <LinkColorBadge color={link.color} size="lg" long />
            <Text size="sm">{colorMeaning(intl, link.color)}</Text>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} component="dl" m={0} spacing="sm">
            <div>
              <Text component="dt" size="xs" c="dimmed">
                <FormattedMessage id="mid.detail.icf" />
              </Text>
              <Text component="dd" m={0} fw={600} ff="monospace" data-testid="icf">
                {link.icf}
              </Text>
            </div>
            <div>
              <Text component="dt" size="xs" c="dimmed">
                <FormattedMessage id="mid.links.col.created" />
              </Text>
              <Text component="dd" m={0}>
                <PlaceTime at={link.createdAt} />
              </Text>
            </div>
            <div>
              <Text component="dt" size="xs" c="dimmed">
                <FormattedMessage id="mid.links.col.verifyBy" />
              </Text>
              <Text component="dd" m={0}>
                <VerifyBy at={link.color === 'yellow' ? link.verifyBy : undefined} now={now} />
              </Text>
            </div>
            <div data-testid="verifier">
              <Text component="dt" size="xs" c="dimmed">
                <FormattedMessage id="mid.detail.verifier" />
              </Text>
              <Text component="dd" m={0} fw={600}>
                {authorityLabel(intl, link.verifier.authorityType)} ({link.verifier.memberState}) ·{' '}
                {systemShort(intl, link.verifier.system)}
              </Text>
              <Text component="dd" m={0} size="xs" c="dimmed">
                {link.verifier.basis}
              </Text>
            </div>
          </SimpleGrid>
          <div role="status" aria-live="polite">
            {stale && (
              <Alert color={statusText.warning} variant="outline" data-testid="verification-stale">
                <FormattedMessage id="mid.decision.stale" />
              </Alert>
            )}
            {notice && verification !== null && (
              <Alert color={statusText.success} variant="outline" data-testid="verification-notice">
                <FormattedMessage
                  id="mid.decision.done"
                  values={{ color: colorLabel(intl, verification.color) }}
                />
              </Alert>
            )}
          </div>
          <RecordsSideBySide records={link.records} />
          <Comparison link={link} />
          {link.color === 'yellow' && verification === null ? (
            <DecisionForm
              linkId={link.id}
              options={link.options}
              onDone={() => {
                setNotice(true);
                void load();
              }}
              onStale={() => {
                setStale(true);
                void load();
              }}
            />
          ) : (
            verification !== null && (
              <Paper
                withBorder
                p="md"
                data-testid="verification"
                data-color={verification.color}
                style={{
                  borderLeft: `4px solid ${verification.color === 'red' ? statusColours.danger : '#495057'}`,
                }}
              >
                <Title order={2} size="h4">
                  <FormattedMessage id="mid.decision.verified" />
                </Title>
                <Group gap="xs" mt="xs">
                  <LinkColorBadge color={verification.color} long />
                  <Text size="sm">{colorMeaning(intl, verification.color)}</Text>
                </Group>
                <Text size="sm" mt="xs" data-testid="verification-reason">
                  {verification.reason}
                </Text>
                <Text size="xs" c="dimmed" mt={4}>
                  <PlaceTime at={verification.at} />
                  {` · ${verification.by}`}
                </Text>
              </Paper>
            )
          )}
          <History link={link} />
        </Stack>
      )}
    </Stack>
  );
}
