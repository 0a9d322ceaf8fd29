import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { apiRequest } from '../../../api/client.ts';
import type { EtiasApplicationInput, EtiasSubmitted } from '../../../api/types.ts';
import { newIdempotencyKey } from '../../../api/idempotency.ts';
import type { MessageId } from '../../../i18n/messages.ts';
import { ErrorAlert } from '../../../shell/ErrorAlert.tsx';
import { statusText } from '../../../theme.ts';
import {
  BACKGROUND_QUESTIONS,
  buildApplicationInput,
  checkDraft,
  DOCUMENT_TYPES,
  EDUCATION_LEVELS,
  EMPTY_DRAFT,
  ETIAS_STATES,
  expectedFee,
  FIELD_ORDER,
  fieldId,
  OCCUPATION_GROUPS,
  todayUtc,
  type ApplicationDraft,
  type FieldPath,
} from './applicationDraft.ts';
import { countryOptions } from './countries.ts';
import { ChoiceField, DayField } from './fields.tsx';
import { ApplicationResult } from './ApplicationResult.tsx';
import { placeProblems, serverProblems, type ServerProblem } from './serverProblems.ts';
import { memberStateName } from './memberStates.ts';

type Errors = Partial<Record<FieldPath, string>>;

/** Moves focus to the first field of the form with a problem (or to the list of problems). */
function focusFirstProblem(errors: Errors) {
  const first = FIELD_ORDER.find((p) => errors[p] !== undefined);
  const element = first === undefined ? null : document.getElementById(fieldId(first));
  if (element !== null) {
    element.focus();
    return;
  }
  document.getElementById('etias-problems')?.focus();
}

/**
 * The public ETIAS application form (Reg. (EU) 2018/1240 art. 17), for the applicant without an account: every
 * field of the application in sections, with the art. 17 declarations, the fee and its exemption (art. 18)
 * shown before sending. The form checks what it can alone and shows every problem the server finds on its
 * field, focusing the first. One `Idempotency-Key` serves the whole fill, so a double click or a retry after a
 * lost answer submits the application once.
 */
export function ApplyPage() {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const [draft, setDraft] = useState<ApplicationDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<Errors>({});
  const [unplaced, setUnplaced] = useState<ServerProblem[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<EtiasSubmitted | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const focusPending = useRef(false);
  const today = todayUtc();
  const countries = useMemo(() => countryOptions(intl.locale), [intl.locale]);
  const states = useMemo(
    () => ETIAS_STATES.map((code) => ({ value: code, label: memberStateName(intl.locale, code) })),
    [intl.locale],
  );

  useEffect(() => {
    document.title = `${t('etias.apply.title')} · ${t('app.name')}`;
  });

  useEffect(() => {
    if (focusPending.current) {
      focusPending.current = false;
      focusFirstProblem(errors);
    }
  }, [errors, unplaced]);

  const update = (patch: Partial<ApplicationDraft>, ...paths: FieldPath[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (paths.some((p) => errors[p] !== undefined)) {
      setErrors((e) =>
        Object.fromEntries(Object.entries(e).filter(([k]) => !paths.includes(k as FieldPath))),
      );
    }
  };
  const field = (path: FieldPath) => ({ id: fieldId(path), error: errors[path] });

  const show = (byField: Errors, rest: ServerProblem[]) => {
    focusPending.current = true;
    setErrors(byField);
    setUnplaced(rest);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) {
      return;
    }
    setFailure(null);
    const local = checkDraft(draft, today);
    if (local.length > 0) {
      const byField: Errors = {};
      for (const p of local) {
        byField[p.path] ??= t(p.message);
      }
      show(byField, []);
      return;
    }
    setErrors({});
    setUnplaced([]);
    setSending(true);
    const body: EtiasApplicationInput = buildApplicationInput(draft);
    apiRequest<EtiasSubmitted>('/etias/applications', {
      method: 'POST',
      headers: { 'Idempotency-Key': idempotencyKey },
      body,
    }).then(
      (answer) => {
        setSending(false);
        setResult(answer);
        window.scrollTo(0, 0);
      },
      (error: unknown) => {
        setSending(false);
        const problems = serverProblems(error);
        if (problems.length > 0) {
          const placed = placeProblems(problems);
          show(placed.byField, placed.unplaced);
        } else {
          setFailure(error);
        }
      },
    );
  };

  if (result !== null) {
    return (
      <ApplicationResult
        application={result}
        onNew={() => {
          setDraft(EMPTY_DRAFT);
          setResult(null);
          setIdempotencyKey(newIdempotencyKey());
        }}
      />
    );
  }

  const problemCount = Object.keys(errors).length + unplaced.length;
  const fee = expectedFee(draft, today);
  const education = EDUCATION_LEVELS.map((v) => ({ value: v, label: t(`etias.apply.education.${v}`) }));
  const occupations = OCCUPATION_GROUPS.map((v) => ({ value: v, label: t(`etias.apply.occupation.${v}`) }));
  const yesNo = [
    { value: 'yes' as const, label: t('etias.apply.yes') },
    { value: 'no' as const, label: t('etias.apply.no') },
  ];
  const selectProps = {
    searchable: true,
    clearable: true,
    nothingFoundMessage: t('etias.apply.nothingFound'),
    comboboxProps: { withinPortal: true },
  } as const;

  return (
    <DatesProvider settings={{ locale: intl.locale, firstDayOfWeek: 1 }}>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>
            <FormattedMessage id="etias.apply.title" />
          </Title>
          <Text c="dimmed">
            <FormattedMessage id="etias.apply.intro" />
          </Text>
          <Anchor href="#/etias/status" size="sm">
            <FormattedMessage id="etias.apply.statusLink" />
          </Anchor>
        </Stack>
        <form onSubmit={submit} noValidate aria-label={t('etias.apply.form')} data-testid="etias-apply-form">
          <Stack gap="lg">
            {problemCount > 0 && (
              <Alert
                id="etias-problems"
                tabIndex={-1}
                color={statusText.danger}
                variant="outline"
                role="alert"
                title={t('etias.apply.problems.title')}
                data-testid="etias-problems"
              >
                <Text size="sm">
                  <FormattedMessage id="etias.apply.problems.count" values={{ count: problemCount }} />
                </Text>
                {unplaced.length > 0 && (
                  <List size="sm" mt="xs">
                    {unplaced.map((p) => (
                      <List.Item key={`${p.path}-${p.message}`}>
                        {p.path === '' ? p.message : `${p.path}: ${p.message}`}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Alert>
            )}

            <Fieldset legend={t('etias.apply.section.identity')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  {...field('surname')}
                  label={t('etias.apply.surname')}
                  description={t('etias.apply.surname.hint')}
                  autoComplete="family-name"
                  required
                  value={draft.surname}
                  onChange={(e) => update({ surname: e.currentTarget.value }, 'surname')}
                />
                <TextInput
                  {...field('givenNames')}
                  label={t('etias.apply.givenNames')}
                  description={t('etias.apply.givenNames.hint')}
                  autoComplete="given-name"
                  required
                  value={draft.givenNames}
                  onChange={(e) => update({ givenNames: e.currentTarget.value }, 'givenNames')}
                />
                <TextInput
                  {...field('surnameAtBirth')}
                  label={t('etias.apply.surnameAtBirth')}
                  description={t('etias.apply.surnameAtBirth.hint')}
                  value={draft.surnameAtBirth}
                  onChange={(e) => update({ surnameAtBirth: e.currentTarget.value }, 'surnameAtBirth')}
                />
                <TextInput
                  {...field('otherNames')}
                  label={t('etias.apply.otherNames')}
                  description={t('etias.apply.otherNames.hint')}
                  value={draft.otherNames}
                  onChange={(e) => update({ otherNames: e.currentTarget.value }, 'otherNames')}
                />
                <DayField
                  label="etias.apply.birthDate"
                  description="etias.apply.date.hint"
                  field={field('birthDate')}
                  required
                  maxDate={today}
                  value={draft.birthDate}
                  onChange={(v) => update({ birthDate: v }, 'birthDate')}
                />
                <ChoiceField
                  label={t('etias.apply.sex')}
                  field={field('sex')}
                  required
                  value={draft.sex}
                  choices={(['F', 'M', 'X'] as const).map((v) => ({
                    value: v,
                    label: t(`etias.apply.sex.${v}`),
                  }))}
                  onChange={(v) => update({ sex: v }, 'sex')}
                />
                <TextInput
                  {...field('placeOfBirth')}
                  label={t('etias.apply.placeOfBirth')}
                  required
                  value={draft.placeOfBirth}
                  onChange={(e) => update({ placeOfBirth: e.currentTarget.value }, 'placeOfBirth')}
                />
                <Select
                  {...field('countryOfBirth')}
                  {...selectProps}
                  label={t('etias.apply.countryOfBirth')}
                  required
                  data={countries}
                  value={draft.countryOfBirth}
                  onChange={(v) => update({ countryOfBirth: v }, 'countryOfBirth')}
                />
                <Select
                  {...field('nationalities')}
                  {...selectProps}
                  label={t('etias.apply.nationality')}
                  description={t('etias.apply.nationality.hint')}
                  required
                  data={countries}
                  value={draft.nationality}
                  onChange={(v) => update({ nationality: v }, 'nationalities')}
                />
                <MultiSelect
                  {...field('otherNationalities')}
                  label={t('etias.apply.otherNationalities')}
                  description={t('etias.apply.otherNationalities.hint')}
                  searchable
                  clearable
                  nothingFoundMessage={t('etias.apply.nothingFound')}
                  comboboxProps={{ withinPortal: true }}
                  data={countries.filter((c) => c.value !== draft.nationality)}
                  value={draft.otherNationalities}
                  onChange={(v) => update({ otherNationalities: v }, 'otherNationalities')}
                />
                <TextInput
                  {...field('parentsFirstNames')}
                  label={t('etias.apply.parentsFirstNames')}
                  description={t('etias.apply.parentsFirstNames.hint')}
                  value={draft.parentsFirstNames}
                  onChange={(e) => update({ parentsFirstNames: e.currentTarget.value }, 'parentsFirstNames')}
                />
              </SimpleGrid>
            </Fieldset>

            <Fieldset legend={t('etias.apply.section.document')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  {...field('document.type')}
                  label={t('etias.apply.documentType')}
                  required
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                  data={DOCUMENT_TYPES.map((v) => ({ value: v, label: t(`etias.apply.documentType.${v}`) }))}
                  value={draft.documentType}
                  onChange={(v) => update({ documentType: v }, 'document.type')}
                />
                <TextInput
                  {...field('document.number')}
                  label={t('etias.apply.documentNumber')}
                  description={t('etias.apply.documentNumber.hint')}
                  required
                  autoCapitalize="characters"
                  spellCheck={false}
                  value={draft.documentNumber}
                  onChange={(e) => update({ documentNumber: e.currentTarget.value }, 'document.number')}
                />
                <Select
                  {...field('document.issuingState')}
                  {...selectProps}
                  label={t('etias.apply.issuingState')}
                  required
                  data={countries}
                  value={draft.documentIssuingState}
                  onChange={(v) => update({ documentIssuingState: v }, 'document.issuingState')}
                />
                <DayField
                  label="etias.apply.issuedOn"
                  description="etias.apply.date.hint"
                  field={field('document.issuedOn')}
                  maxDate={today}
                  value={draft.documentIssuedOn}
                  onChange={(v) => update({ documentIssuedOn: v }, 'document.issuedOn')}
                />
                <DayField
                  label="etias.apply.expiry"
                  description="etias.apply.date.hint"
                  field={field('document.expiry')}
                  required
                  value={draft.documentExpiry}
                  onChange={(v) => update({ documentExpiry: v }, 'document.expiry')}
                />
              </SimpleGrid>
            </Fieldset>

            <Fieldset legend={t('etias.apply.section.residence')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  {...field('residence.country')}
                  {...selectProps}
                  label={t('etias.apply.residenceCountry')}
                  required
                  data={countries}
                  value={draft.residenceCountry}
                  onChange={(v) => update({ residenceCountry: v }, 'residence.country')}
                />
                <TextInput
                  {...field('residence.city')}
                  label={t('etias.apply.residenceCity')}
                  autoComplete="address-level2"
                  required
                  value={draft.residenceCity}
                  onChange={(e) => update({ residenceCity: e.currentTarget.value }, 'residence.city')}
                />
                <Textarea
                  {...field('residence.address')}
                  label={t('etias.apply.residenceAddress')}
                  autoComplete="street-address"
                  autosize
                  minRows={2}
                  value={draft.residenceAddress}
                  onChange={(e) => update({ residenceAddress: e.currentTarget.value }, 'residence.address')}
                />
                <Stack gap="md">
                  <TextInput
                    {...field('email')}
                    label={t('etias.apply.email')}
                    description={t('etias.apply.email.hint')}
                    type="email"
                    autoComplete="email"
                    required
                    value={draft.email}
                    onChange={(e) => update({ email: e.currentTarget.value }, 'email')}
                  />
                  <TextInput
                    {...field('phone')}
                    label={t('etias.apply.phone')}
                    description={t('etias.apply.phone.hint')}
                    type="tel"
                    autoComplete="tel"
                    value={draft.phone}
                    onChange={(e) => update({ phone: e.currentTarget.value }, 'phone')}
                  />
                </Stack>
              </SimpleGrid>
            </Fieldset>

            <Fieldset legend={t('etias.apply.section.occupation')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  {...field('education')}
                  label={t('etias.apply.education')}
                  clearable
                  comboboxProps={{ withinPortal: true }}
                  data={education}
                  value={draft.education}
                  onChange={(v) =>
                    update({ education: EDUCATION_LEVELS.find((x) => x === v) ?? null }, 'education')
                  }
                />
                <Select
                  {...field('occupation')}
                  label={t('etias.apply.occupation')}
                  clearable
                  comboboxProps={{ withinPortal: true }}
                  data={occupations}
                  value={draft.occupation}
                  onChange={(v) =>
                    update({ occupation: OCCUPATION_GROUPS.find((x) => x === v) ?? null }, 'occupation')
                  }
                />
                <Select
                  {...field('intendedFirstStay.memberState')}
                  {...selectProps}
                  label={t('etias.apply.firstStay')}
                  description={t('etias.apply.firstStay.hint')}
                  data={states}
                  value={draft.firstStayState}
                  onChange={(v) => update({ firstStayState: v }, 'intendedFirstStay.memberState')}
                />
              </SimpleGrid>
            </Fieldset>

            <Fieldset legend={t('etias.apply.section.background')}>
              <Stack gap="md">
                <Text size="sm" c="dimmed">
                  <FormattedMessage id="etias.apply.background.intro" />
                </Text>
                {BACKGROUND_QUESTIONS.map((q) => (
                  <Stack key={q} gap={4}>
                    <ChoiceField
                      label={t(`etias.apply.background.${q}`)}
                      field={field(`background.${q}`)}
                      required
                      value={draft.background[q]}
                      choices={yesNo}
                      onChange={(v) =>
                        update({ background: { ...draft.background, [q]: v } }, `background.${q}`)
                      }
                    />
                    {draft.background[q] === 'yes' && (
                      <Alert variant="light" color="blue" data-testid={`followup-${q}`}>
                        <Text size="sm">
                          <FormattedMessage id={`etias.apply.background.${q}.followUp`} />
                        </Text>
                      </Alert>
                    )}
                  </Stack>
                ))}
              </Stack>
            </Fieldset>

            <Fieldset legend={t('etias.apply.section.family')}>
              <Checkbox
                id={fieldId('familyMemberOfEuCitizen')}
                label={t('etias.apply.familyMember')}
                description={t('etias.apply.familyMember.hint')}
                checked={draft.familyMemberOfEuCitizen}
                onChange={(e) =>
                  update({ familyMemberOfEuCitizen: e.currentTarget.checked }, 'familyMemberOfEuCitizen')
                }
              />
            </Fieldset>

            <Paper withBorder p="md" data-testid="etias-fee" aria-live="polite">
              <Text fw={700}>
                {fee.cents === 0 ? (
                  <FormattedMessage id="etias.apply.fee.none" />
                ) : (
                  <FormattedMessage
                    id="etias.apply.fee.amount"
                    values={{
                      amount: intl.formatNumber(fee.cents / 100, { style: 'currency', currency: 'EUR' }),
                    }}
                  />
                )}
              </Text>
              <Text size="sm" c="dimmed">
                {fee.exemption === null ? (
                  <FormattedMessage id="etias.apply.fee.exemptions" />
                ) : (
                  <FormattedMessage id={`etias.apply.fee.exemption.${fee.exemption}`} />
                )}
              </Text>
            </Paper>

            <Fieldset legend={t('etias.apply.section.declarations')}>
              <Stack gap="sm">
                <Checkbox
                  id={fieldId('declarations.truth')}
                  label={t('etias.apply.declaration.truth')}
                  checked={draft.declarationTruth}
                  error={errors['declarations.truth']}
                  aria-invalid={errors['declarations.truth'] === undefined ? undefined : true}
                  onChange={(e) =>
                    update({ declarationTruth: e.currentTarget.checked }, 'declarations.truth')
                  }
                />
                <Checkbox
                  id={fieldId('declarations.privacy')}
                  label={t('etias.apply.declaration.privacy')}
                  checked={draft.declarationPrivacy}
                  error={errors['declarations.privacy']}
                  aria-invalid={errors['declarations.privacy'] === undefined ? undefined : true}
                  onChange={(e) =>
                    update({ declarationPrivacy: e.currentTarget.checked }, 'declarations.privacy')
                  }
                />
              </Stack>
            </Fieldset>

            {failure !== null && <ErrorAlert error={failure} title="etias.apply.failed" />}
            <Group>
              <Button type="submit" loading={sending} size="md">
                <FormattedMessage id="etias.apply.submit" />
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </DatesProvider>
  );
}
