import {
  Anchor,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { ApiError } from '../../api/client.ts';
import { newIdempotencyKey } from '../../api/idempotency.ts';
import { useSession } from '../../auth/session.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { DayInput } from '../../shell/DayInput.tsx';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { statusText } from '../../theme.ts';
import { CaptureFileInput } from '../biometrics/CaptureFile.tsx';
import { formatScore } from '../biometrics/format.ts';
import {
  eurodacBiometrics,
  problemsByTemplate,
  type CapturedTemplate,
  type ServerTemplateProblem,
} from '../biometrics/captureFile.ts';
import { countryOptions } from '../etias/apply/countries.ts';
import { memberStateName } from '../etias/apply/memberStates.ts';
import { categoryLabel, EURODAC_CATEGORIES, EURODAC_PURPOSE } from './eurodac.ts';
import type { EurodacRegistration } from '../../api/types.ts';

interface Identity {
  surname: string;
  givenNames: string;
  birthDate: string | null;
  sex: string | null;
  nationalities: string[];
}

interface DocumentDraft {
  type: string;
  number: string;
  issuingState: string | null;
}

const EMPTY_IDENTITY: Identity = {
  surname: '',
  givenNames: '',
  birthDate: null,
  sex: null,
  nationalities: [],
};
const EMPTY_DOCUMENT: DocumentDraft = { type: 'P', number: '', issuingState: null };

type FieldErrors = Partial<Record<string, string>>;

const hasIdentity = (identity: Identity) =>
  identity.surname.trim() !== '' ||
  identity.givenNames.trim() !== '' ||
  identity.birthDate !== null ||
  identity.sex !== null ||
  identity.nationalities.length > 0;

/**
 * What the form lacks before it can be sent: the identity is given whole or not at all (the API takes its five
 * fields together), a document with its number and issuing state. Field names as the API's `details.problems`.
 */
function missingFields(identity: Identity, document: DocumentDraft): string[] {
  const missing: string[] = [];
  if (hasIdentity(identity)) {
    if (identity.surname.trim() === '') {
      missing.push('identity.surname');
    }
    if (identity.givenNames.trim() === '') {
      missing.push('identity.givenNames');
    }
    if (identity.birthDate === null) {
      missing.push('identity.birthDate');
    }
    if (identity.sex === null) {
      missing.push('identity.sex');
    }
    if (identity.nationalities.length === 0) {
      missing.push('identity.nationalities');
    }
  }
  const number = document.number.trim() !== '';
  if (number && document.issuingState === null) {
    missing.push('document.issuingState');
  }
  if (!number && document.issuingState !== null) {
    missing.push('document.number');
  }
  return missing;
}

/** The request body: identity and document only where something was entered (both are optional). */
function requestBody(
  category: string,
  admission: string | null,
  templates: readonly CapturedTemplate[],
  identity: Identity,
  document: DocumentDraft,
) {
  return {
    category,
    ...(category === 'resettlement' && admission !== null ? { admission } : {}),
    ...eurodacBiometrics(templates),
    ...(hasIdentity(identity)
      ? {
          identity: {
            surname: identity.surname.trim(),
            givenNames: identity.givenNames.trim(),
            birthDate: identity.birthDate ?? '',
            sex: identity.sex ?? '',
            nationalities: identity.nationalities,
          },
        }
      : {}),
    ...(document.number.trim() === ''
      ? {}
      : {
          document: {
            ...(document.type.trim() === '' ? {} : { type: document.type.trim().toUpperCase() }),
            number: document.number.trim().toUpperCase(),
            issuingState: document.issuingState ?? '',
          },
        }),
  };
}

/** The server's problems with the identity, document or admission, by field (`identity.surname`, …). */
function fieldProblems(details: Record<string, unknown> | null): FieldErrors {
  const out: FieldErrors = {};
  const problems = Array.isArray(details?.problems) ? (details.problems as unknown[]) : [];
  for (const p of problems) {
    if (typeof p !== 'object' || p === null) {
      continue;
    }
    const { field, message } = p as { field?: unknown; message?: unknown };
    if (typeof field !== 'string' || typeof message !== 'string') {
      continue;
    }
    const name = field.replace(/\[\d+\]$/, '');
    if (/^(identity|document)\.|^admission$/.test(name) && out[name] === undefined) {
      out[name] = message;
    }
  }
  return out;
}

/** The answer to a registration: the dataset's reference and the hits of the 1:N comparison, or none. */
function RegistrationResult({ result }: { result: EurodacRegistration }) {
  const intl = useIntl();
  return (
    <Paper withBorder p="md" data-testid="registration-result" data-dataset-id={result.id}>
      <Stack gap="sm">
        <Title order={2} size="h3" tabIndex={-1} id="registration-result-title">
          <FormattedMessage id="eurodac.register.done" />
        </Title>
        <Text>
          <FormattedMessage id="eurodac.register.datasetId" />{' '}
          <Text span ff="monospace" fw={700} data-testid="dataset-id">
            {result.id}
          </Text>
        </Text>
        {!result.recorded && (
          <Text size="sm" data-testid="not-recorded">
            <FormattedMessage id="eurodac.register.notRecorded" />
          </Text>
        )}
        {result.hits.length === 0 ? (
          <Text fw={700} c={statusText.success} data-testid="no-hit">
            <FormattedMessage id="eurodac.register.noHit" />
          </Text>
        ) : (
          <>
            <Text fw={700} c={statusText.warning} data-testid="hit-count">
              <FormattedMessage id="eurodac.register.hits" values={{ count: result.hits.length }} />
            </Text>
            <Table withTableBorder aria-label={intl.formatMessage({ id: 'eurodac.register.hitsCaption' })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">
                    <FormattedMessage id="eurodac.col.memberState" />
                  </Table.Th>
                  <Table.Th scope="col">
                    <FormattedMessage id="eurodac.col.category" />
                  </Table.Th>
                  <Table.Th scope="col">
                    <FormattedMessage id="eurodac.col.fusedScore" />
                  </Table.Th>
                  <Table.Th scope="col">
                    <FormattedMessage id="eurodac.col.dataset" />
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.hits.map((h) => (
                  <Table.Tr key={h.datasetId} data-testid="registration-hit" data-dataset-id={h.datasetId}>
                    <Table.Td data-col="memberState">
                      {memberStateName(intl.locale, h.memberState)} ({h.memberState})
                    </Table.Td>
                    <Table.Td data-col="category">{categoryLabel(intl, h.category)}</Table.Td>
                    <Table.Td data-col="score">{formatScore(intl, h.score)}</Table.Td>
                    <Table.Td data-col="dataset" ff="monospace">
                      {h.datasetId}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="sm">
              <FormattedMessage id="eurodac.register.hitsNext" />{' '}
              <Anchor href="#/eurodac/hits">
                <FormattedMessage id="eurodac.register.openQueue" />
              </Anchor>
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * Eurodac registration (Reg. (EU) 2024/1358 arts. 15, 22-26): the category of the person, the biometric data
 * from the capture device's file (fingerprints of all ten fingers where possible, and the facial image), the
 * identity and document where known; the answer is the dataset's reference and the hits of the comparison
 * with the datasets of every state (art. 27), which go to this state for verification by a fingerprint expert.
 */
export default function RegisterPage() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const { api } = useSession();
  const [category, setCategory] = useState<string | null>(null);
  const [admission, setAdmission] = useState<string | null>(null);
  const [templates, setTemplates] = useState<CapturedTemplate[] | null>(null);
  const [captureKey, setCaptureKey] = useState(0);
  const [identity, setIdentity] = useState<Identity>(EMPTY_IDENTITY);
  const [document, setDocument] = useState<DocumentDraft>(EMPTY_DOCUMENT);
  const [missing, setMissing] = useState<{ category: boolean; templates: boolean }>({
    category: false,
    templates: false,
  });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [serverProblems, setServerProblems] = useState<Map<number, ServerTemplateProblem>>(new Map());
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<EurodacRegistration | null>(null);
  const idempotencyKey = useRef(newIdempotencyKey());
  const resultRef = useRef<HTMLDivElement>(null);
  const countries = countryOptions(intl.locale);

  /** Props of a field: its error (the form's or the server's) and clearing it on change. */
  const errorOf = (field: string) => fieldErrors[field];
  const changeIdentity = (patch: Partial<Identity>) => {
    setIdentity((i) => ({ ...i, ...patch }));
    setFieldErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch)) {
        delete next[`identity.${key}`];
      }
      return next;
    });
    idempotencyKey.current = newIdempotencyKey();
  };
  const changeDocument = (patch: Partial<DocumentDraft>) => {
    setDocument((d) => ({ ...d, ...patch }));
    setFieldErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch)) {
        delete next[`document.${key}`];
      }
      return next;
    });
    idempotencyKey.current = newIdempotencyKey();
  };

  const changeTemplates = (next: CapturedTemplate[] | null) => {
    setTemplates(next);
    setServerProblems(new Map());
    setMissing((m) => ({ ...m, templates: false }));
    idempotencyKey.current = newIdempotencyKey();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const noFingers = templates === null || !templates.some((x) => x.modality === 'finger');
    const incomplete = missingFields(identity, document);
    if (
      category === null ||
      noFingers ||
      templates.some((x) => x.problem !== null) ||
      incomplete.length > 0
    ) {
      setMissing({ category: category === null, templates: noFingers });
      setFieldErrors(Object.fromEntries(incomplete.map((f) => [f, t('eurodac.register.fieldRequired')])));
      return;
    }
    setSubmitting(true);
    setError(null);
    setResult(null);
    setServerProblems(new Map());
    setFieldErrors({});
    api<EurodacRegistration>('/eurodac/datasets', {
      method: 'POST',
      purpose: EURODAC_PURPOSE,
      headers: { 'Idempotency-Key': idempotencyKey.current },
      body: requestBody(category, admission, templates, identity, document),
    }).then(
      (answer) => {
        setSubmitting(false);
        setResult(answer);
        idempotencyKey.current = newIdempotencyKey();
        requestAnimationFrame(() =>
          resultRef.current?.querySelector<HTMLElement>('#registration-result-title')?.focus(),
        );
      },
      (failure: unknown) => {
        setSubmitting(false);
        setError(failure);
        if (failure instanceof ApiError) {
          setServerProblems(problemsByTemplate(templates, failure.code, failure.details));
          setFieldErrors(fieldProblems(failure.details));
        }
      },
    );
  };

  const startOver = () => {
    setCategory(null);
    setAdmission(null);
    setTemplates(null);
    setCaptureKey((k) => k + 1);
    setIdentity(EMPTY_IDENTITY);
    setDocument(EMPTY_DOCUMENT);
    setMissing({ category: false, templates: false });
    setFieldErrors({});
    setResult(null);
    setError(null);
    setServerProblems(new Map());
    idempotencyKey.current = newIdempotencyKey();
  };

  return (
    <DatesProvider settings={{ locale: intl.locale, firstDayOfWeek: 1 }}>
      <Stack gap="lg" maw={1100}>
        <Stack gap={4}>
          <PageTitle id="eurodac.register.title" />
          <Text c="dimmed" size="sm">
            <FormattedMessage id="eurodac.register.intro" />
          </Text>
        </Stack>
        <form onSubmit={submit} noValidate aria-label={t('eurodac.register.form')}>
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('eurodac.register.category')}
                placeholder={t('eurodac.register.categoryPlaceholder')}
                data={EURODAC_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(intl, c) }))}
                value={category}
                onChange={(v) => {
                  setCategory(v);
                  setMissing((m) => ({ ...m, category: false }));
                  idempotencyKey.current = newIdempotencyKey();
                }}
                required
                error={missing.category ? t('eurodac.register.categoryRequired') : undefined}
                data-testid="eurodac-category"
              />
              {category === 'resettlement' && (
                <Select
                  label={t('eurodac.register.admission')}
                  description={t('eurodac.register.admissionHint')}
                  data={(['registered', 'granted', 'refused'] as const).map((a) => ({
                    value: a,
                    label: t(`eurodac.admission.${a}`),
                  }))}
                  value={admission}
                  onChange={setAdmission}
                  clearable
                  error={errorOf('admission')}
                />
              )}
            </SimpleGrid>
            <Fieldset legend={t('eurodac.register.biometrics')}>
              <CaptureFileInput
                key={captureKey}
                label="biometrics.file.label"
                description="eurodac.register.fileHint"
                templates={templates}
                onChange={changeTemplates}
                serverProblems={serverProblems}
                required
              />
              {missing.templates && (
                <Text size="sm" c={statusText.danger} role="alert" mt="xs">
                  <FormattedMessage id="eurodac.register.fingerprintsRequired" />
                </Text>
              )}
            </Fieldset>
            <Fieldset legend={t('eurodac.register.identity')}>
              <Text size="sm" c="dimmed" mb="xs">
                <FormattedMessage id="eurodac.register.identityHint" />
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('eurodac.identity.surname')}
                  value={identity.surname}
                  onChange={(e) => changeIdentity({ surname: e.currentTarget.value })}
                  error={errorOf('identity.surname')}
                />
                <TextInput
                  label={t('eurodac.identity.givenNames')}
                  value={identity.givenNames}
                  onChange={(e) => changeIdentity({ givenNames: e.currentTarget.value })}
                  error={errorOf('identity.givenNames')}
                />
                <Stack gap={2}>
                  <DayInput
                    label="eurodac.identity.birthDate"
                    value={identity.birthDate}
                    onChange={(v) => changeIdentity({ birthDate: v })}
                    testId="eurodac-birth-date"
                  />
                  {errorOf('identity.birthDate') !== undefined && (
                    <Text size="xs" c="var(--mantine-color-error)" data-testid="birth-date-error">
                      {errorOf('identity.birthDate')}
                    </Text>
                  )}
                </Stack>
                <Select
                  label={t('eurodac.identity.sex')}
                  data={(['F', 'M', 'X'] as const).map((v) => ({
                    value: v,
                    label: t(`etias.apply.sex.${v}`),
                  }))}
                  value={identity.sex}
                  onChange={(v) => changeIdentity({ sex: v })}
                  clearable
                  error={errorOf('identity.sex')}
                />
                <MultiSelect
                  label={t('eurodac.identity.nationalities')}
                  description={t('eurodac.identity.nationalitiesHint')}
                  data={countries}
                  value={identity.nationalities}
                  onChange={(v) => changeIdentity({ nationalities: v })}
                  searchable
                  clearable
                  error={errorOf('identity.nationalities')}
                />
              </SimpleGrid>
            </Fieldset>
            <Fieldset legend={t('eurodac.register.document')}>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label={t('eurodac.document.type')}
                  value={document.type}
                  maxLength={3}
                  onChange={(e) => changeDocument({ type: e.currentTarget.value })}
                  error={errorOf('document.type')}
                />
                <TextInput
                  label={t('eurodac.document.number')}
                  value={document.number}
                  maxLength={40}
                  onChange={(e) => changeDocument({ number: e.currentTarget.value })}
                  error={errorOf('document.number')}
                />
                <Select
                  label={t('eurodac.document.issuingState')}
                  data={countries}
                  value={document.issuingState}
                  onChange={(v) => changeDocument({ issuingState: v })}
                  searchable
                  clearable
                  error={errorOf('document.issuingState')}
                />
              </SimpleGrid>
            </Fieldset>
            <Group gap="sm">
              <Button type="submit" loading={submitting}>
                <FormattedMessage id="eurodac.register.submit" />
              </Button>
              <Button type="button" variant="default" onClick={startOver}>
                <FormattedMessage id="eurodac.register.next" />
              </Button>
            </Group>
          </Stack>
        </form>
        {error !== null && (
          <ErrorAlert
            error={error}
            title={serverProblems.size > 0 ? 'eurodac.register.refusedTemplates' : 'eurodac.register.failed'}
          />
        )}
        <div ref={resultRef}>{result !== null && <RegistrationResult result={result} />}</div>
      </Stack>
    </DatesProvider>
  );
}
