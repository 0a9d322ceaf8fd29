import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLocation } from 'wouter';

import { ApiError } from '../../api/client.ts';
import { newIdempotencyKey } from '../../api/idempotency.ts';
import type { FieldIssue, SisAlert } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { DayInput } from '../../shell/DayInput.tsx';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { statusColours } from '../../theme.ts';
import { categoryLabel, markerLabel } from './ActionFirst.tsx';
import {
  buildAlertInput,
  checkDraft,
  EMPTY_DRAFT,
  fieldOfIssue,
  formOf,
  withObjectType,
  type AlertDraft,
  type DocumentDraft,
  type IdentifierDraft,
} from './alertDraft.ts';
import {
  ALERT_PURPOSE,
  CHECK_TYPES,
  identifierKindsOf,
  MISSING_SUBCATEGORIES,
  OBJECT_CATEGORIES,
  objectTypesFor,
  PERSON_CATEGORIES,
  WARNING_MARKERS,
} from './catalogue.ts';

/** The element id of a field, from its API path (`person.documents[0].number`). */
export const fieldId = (path: string) => `alert-${path.replace(/[^\w-]/gu, '-')}`;

/** The fields the form shows for a draft, by API path: issues on other paths are listed above the form. */
function shownFields(d: AlertDraft): Set<string> {
  const form = formOf(d.category);
  const fields = ['category', 'reason', 'decisionRef', 'action', 'offenceType', 'links'];
  if (d.category === 'missing') {
    fields.push('missingSubcategory');
  }
  if (d.category === 'check' || d.category === 'object-check') {
    fields.push('checkType');
  }
  if (d.category === 'refusal') {
    fields.push('decisionValidUntil');
  }
  if (d.category === 'return') {
    fields.push('returnData.returnDecisionRef', 'returnData.voluntaryDepartureEnds');
  }
  if (form === 'person') {
    fields.push(
      ...[
        'surname',
        'givenNames',
        'birthDate',
        'sex',
        'nationalities',
        'aliases',
        'placeOfBirth',
        'physicalCharacteristics',
      ].map((f) => `person.${f}`),
      'warningMarkers',
    );
    d.documents.forEach((_, i) => {
      fields.push(...['type', 'issuingCountry', 'number'].map((f) => `person.documents[${i}].${f}`));
    });
  }
  if (form === 'biometric') {
    fields.push('person.dactyloscopicRef');
  }
  if (form === 'object') {
    fields.push('object.type', 'object.make', 'object.model', 'object.colour', 'object.description');
    d.identifiers.forEach((_, i) => {
      fields.push(...['kind', 'value', 'country'].map((f) => `object.identifiers[${i}].${f}`));
    });
  }
  return new Set(fields);
}

type Errors = Record<string, string>;

/**
 * Entry of a SIS alert (2018/1862 art. 20; 2018/1861 art. 20; 2018/1860 art. 4): the category decides which
 * fields are shown. The form checks what it can alone (required fields, date shapes); every other rule is the
 * server's, and each problem the server finds is shown next to its field, the first of them focused.
 */
export function AlertForm() {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { api } = useSession();
  const [, navigate] = useLocation();
  const [draft, setDraft] = useState<AlertDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<Errors>({});
  const [unplaced, setUnplaced] = useState<FieldIssue[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const focusError = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!focusError.current) {
      return;
    }
    focusError.current = false;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (first ?? document.getElementById('alert-problems'))?.focus();
  }, [errors, unplaced]);

  const update = (patch: Partial<AlertDraft>, ...paths: string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (paths.some((p) => errors[p] !== undefined)) {
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !paths.includes(k))));
    }
  };
  const field = (path: string) => ({ id: fieldId(path), error: errors[path] });
  const form = formOf(draft.category);

  const showIssues = (issues: Array<{ path: string; message: string }>) => {
    const fields = shownFields(draft);
    const next: Errors = {};
    const rest: FieldIssue[] = [];
    for (const issue of issues) {
      const key = fieldOfIssue(issue.path, fields);
      if (key === null) {
        rest.push(issue);
      } else {
        next[key] = next[key] === undefined ? issue.message : `${next[key]}; ${issue.message}`;
      }
    }
    focusError.current = true;
    setErrors(next);
    setUnplaced(rest);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(null);
    const local = checkDraft(draft);
    if (local.length > 0) {
      showIssues(local.map((i) => ({ path: i.path, message: t(i.message) })));
      return;
    }
    setErrors({});
    setUnplaced([]);
    setSaving(true);
    api<SisAlert>('/sis/alerts', {
      method: 'POST',
      purpose: ALERT_PURPOSE,
      headers: { 'Idempotency-Key': newIdempotencyKey() },
      body: buildAlertInput(draft),
    }).then(
      (alert) => navigate(`/sis/alerts/${encodeURIComponent(alert.id)}`),
      (error: unknown) => {
        setSaving(false);
        const issues = error instanceof ApiError ? error.details?.issues : undefined;
        if (Array.isArray(issues) && issues.length > 0) {
          showIssues(issues as FieldIssue[]);
        } else {
          setFailure(error);
        }
      },
    );
  };

  const problemCount = Object.keys(errors).length + unplaced.length;
  const setDocument = (i: number, patch: Partial<DocumentDraft>, key: keyof DocumentDraft) =>
    update(
      { documents: draft.documents.map((d, j) => (j === i ? { ...d, ...patch } : d)) },
      `person.documents[${i}].${key}`,
    );
  const setIdentifier = (i: number, patch: Partial<IdentifierDraft>, key: keyof IdentifierDraft) =>
    update(
      { identifiers: draft.identifiers.map((d, j) => (j === i ? { ...d, ...patch } : d)) },
      `object.identifiers[${i}].${key}`,
    );
  const kinds = identifierKindsOf(draft.objectType);

  return (
    <DatesProvider settings={{ locale: intl.locale, firstDayOfWeek: 1 }}>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('sisForm.form')}>
        <Stack gap="md">
          {problemCount > 0 && (
            <Alert
              id="alert-problems"
              tabIndex={-1}
              color={statusColours.danger}
              variant="outline"
              role="alert"
              title={t('sisForm.problems.title')}
              data-testid="alert-problems"
            >
              <Text size="sm">
                <FormattedMessage id="sisForm.problems.count" values={{ count: problemCount }} />
              </Text>
              {unplaced.length > 0 && (
                <List size="sm" mt="xs">
                  {unplaced.map((i) => (
                    <List.Item key={`${i.path}-${i.message}`} data-path={i.path}>
                      <Text span fw={700}>
                        {i.path}:
                      </Text>{' '}
                      {i.message}
                    </List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
          <Fieldset legend={t('sisForm.group.alert')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                {...field('category')}
                label={t('sisForm.category')}
                placeholder={t('sisForm.category.placeholder')}
                required
                allowDeselect={false}
                searchable
                data={[
                  {
                    group: t('sisForm.category.persons'),
                    items: PERSON_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(intl, c) })),
                  },
                  {
                    group: t('sisForm.category.objects'),
                    items: OBJECT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(intl, c) })),
                  },
                ]}
                value={draft.category}
                onChange={(v) => update({ category: v }, 'category')}
                comboboxProps={{ withinPortal: true }}
                data-testid="category-select"
              />
              {draft.category === 'missing' && (
                <Select
                  {...field('missingSubcategory')}
                  label={t('sisForm.missingSubcategory')}
                  required
                  allowDeselect={false}
                  data={MISSING_SUBCATEGORIES.map((s) => ({
                    value: s,
                    label: t(`sisForm.missing.${s}` as MessageId),
                  }))}
                  value={draft.missingSubcategory}
                  onChange={(v) => update({ missingSubcategory: v }, 'missingSubcategory')}
                />
              )}
              {(draft.category === 'check' || draft.category === 'object-check') && (
                <Select
                  {...field('checkType')}
                  label={t('sisForm.checkType')}
                  required
                  allowDeselect={false}
                  data={CHECK_TYPES.map((s) => ({
                    value: s,
                    label: t(`sisForm.checkType.${s}` as MessageId),
                  }))}
                  value={draft.checkType}
                  onChange={(v) => update({ checkType: v }, 'checkType')}
                />
              )}
            </SimpleGrid>
          </Fieldset>

          {form === 'person' && (
            <Fieldset legend={t('sisForm.group.person')} data-testid="person-fields">
              <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
                  <TextInput
                    {...field('person.surname')}
                    label={t('sisForm.surname')}
                    required
                    value={draft.surname}
                    onChange={(e) => update({ surname: e.currentTarget.value }, 'person.surname')}
                    autoComplete="off"
                  />
                  <TextInput
                    {...field('person.givenNames')}
                    label={t('sisForm.givenNames')}
                    value={draft.givenNames}
                    onChange={(e) => update({ givenNames: e.currentTarget.value }, 'person.givenNames')}
                    autoComplete="off"
                  />
                  <TextInput
                    {...field('person.birthDate')}
                    label={t('sisForm.birthDate')}
                    description={t('sisForm.birthDate.description')}
                    value={draft.birthDate}
                    onChange={(e) => update({ birthDate: e.currentTarget.value }, 'person.birthDate')}
                    autoComplete="off"
                  />
                  <Select
                    {...field('person.sex')}
                    label={t('sisForm.sex')}
                    placeholder={t('sisForm.sex.unknown')}
                    data={['F', 'M', 'X', 'U'].map((s) => ({
                      value: s,
                      label: t(`sisForm.sex.${s}` as MessageId),
                    }))}
                    value={draft.sex}
                    onChange={(v) => update({ sex: v }, 'person.sex')}
                    clearable
                  />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TagsInput
                    {...field('person.nationalities')}
                    label={t('sisForm.nationalities')}
                    description={t('sisForm.nationalities.description')}
                    value={draft.nationalities}
                    onChange={(v) =>
                      update({ nationalities: v.map((n) => n.toUpperCase()) }, 'person.nationalities')
                    }
                    splitChars={[',', ' ']}
                  />
                  <TagsInput
                    {...field('person.aliases')}
                    label={t('sisForm.aliases')}
                    description={t('sisForm.tags.description')}
                    value={draft.aliases}
                    onChange={(v) => update({ aliases: v }, 'person.aliases')}
                    splitChars={[',']}
                  />
                  <TextInput
                    {...field('person.placeOfBirth')}
                    label={t('sisForm.placeOfBirth')}
                    value={draft.placeOfBirth}
                    onChange={(e) => update({ placeOfBirth: e.currentTarget.value }, 'person.placeOfBirth')}
                  />
                  <Textarea
                    {...field('person.physicalCharacteristics')}
                    label={t('sisForm.physicalCharacteristics')}
                    value={draft.physicalCharacteristics}
                    onChange={(e) =>
                      update(
                        { physicalCharacteristics: e.currentTarget.value },
                        'person.physicalCharacteristics',
                      )
                    }
                    autosize
                    minRows={1}
                  />
                </SimpleGrid>
                <Stack gap="xs" data-testid="documents">
                  {draft.documents.map((doc, i) => (
                    <Group key={i} align="flex-start" gap="sm" wrap="wrap" data-testid="document-row">
                      <TextInput
                        {...field(`person.documents[${i}].type`)}
                        label={t('sisForm.document.type', { n: i + 1 })}
                        placeholder={t('sisForm.document.type.placeholder')}
                        required
                        value={doc.type}
                        onChange={(e) => setDocument(i, { type: e.currentTarget.value }, 'type')}
                      />
                      <TextInput
                        {...field(`person.documents[${i}].issuingCountry`)}
                        label={t('sisForm.document.country', { n: i + 1 })}
                        required
                        value={doc.issuingCountry}
                        onChange={(e) =>
                          setDocument(
                            i,
                            { issuingCountry: e.currentTarget.value.toUpperCase() },
                            'issuingCountry',
                          )
                        }
                        w={140}
                      />
                      <TextInput
                        {...field(`person.documents[${i}].number`)}
                        label={t('sisForm.document.number', { n: i + 1 })}
                        required
                        value={doc.number}
                        onChange={(e) =>
                          setDocument(i, { number: e.currentTarget.value.toUpperCase() }, 'number')
                        }
                      />
                      <Button
                        variant="default"
                        mt={24}
                        onClick={() => update({ documents: draft.documents.filter((_, j) => j !== i) })}
                      >
                        <FormattedMessage id="sisForm.document.remove" values={{ n: i + 1 }} />
                      </Button>
                    </Group>
                  ))}
                  <Group>
                    <Button
                      variant="default"
                      onClick={() =>
                        update({
                          documents: [...draft.documents, { type: '', issuingCountry: '', number: '' }],
                        })
                      }
                    >
                      <FormattedMessage id="sisForm.document.add" />
                    </Button>
                  </Group>
                </Stack>
                <Checkbox.Group
                  {...field('warningMarkers')}
                  label={t('sisForm.warningMarkers')}
                  description={t('sisForm.warningMarkers.description')}
                  value={draft.warningMarkers}
                  onChange={(v) => update({ warningMarkers: v }, 'warningMarkers')}
                >
                  <Group gap="md" mt="xs">
                    {WARNING_MARKERS.map((m) => (
                      <Checkbox key={m} value={m} label={markerLabel(intl, m)} />
                    ))}
                  </Group>
                </Checkbox.Group>
              </Stack>
            </Fieldset>
          )}

          {form === 'biometric' && (
            <Fieldset legend={t('sisForm.group.biometric')}>
              <TextInput
                {...field('person.dactyloscopicRef')}
                label={t('sisForm.dactyloscopicRef')}
                description={t('sisForm.dactyloscopicRef.description')}
                required
                value={draft.dactyloscopicRef}
                onChange={(e) =>
                  update({ dactyloscopicRef: e.currentTarget.value }, 'person.dactyloscopicRef')
                }
              />
            </Fieldset>
          )}

          {form === 'object' && (
            <Fieldset legend={t('sisForm.group.object')} data-testid="object-fields">
              <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select
                    {...field('object.type')}
                    label={t('sisForm.objectType')}
                    required
                    allowDeselect={false}
                    searchable
                    data={objectTypesFor(draft.category).map((o) => ({
                      value: o,
                      label: t(`sis.objectType.${o}` as MessageId),
                    }))}
                    value={draft.objectType}
                    onChange={(v) => {
                      setDraft((d) => withObjectType(d, v));
                      setErrors((e) =>
                        Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'object.type')),
                      );
                    }}
                    comboboxProps={{ withinPortal: true }}
                  />
                </SimpleGrid>
                {draft.identifiers.map((id, i) => (
                  <Group key={i} align="flex-start" gap="sm" wrap="wrap" data-testid="identifier-row">
                    <Select
                      {...field(`object.identifiers[${i}].kind`)}
                      label={t('sisForm.identifier.kind', { n: i + 1 })}
                      required
                      allowDeselect={false}
                      data={kinds.map((k) => ({
                        value: k,
                        label: t(`sis.identifierKind.${k}` as MessageId),
                      }))}
                      value={id.kind === '' ? null : id.kind}
                      onChange={(v) => setIdentifier(i, { kind: v ?? '' }, 'kind')}
                      w={200}
                    />
                    <TextInput
                      {...field(`object.identifiers[${i}].value`)}
                      label={t('sisForm.identifier.value', { n: i + 1 })}
                      required
                      value={id.value}
                      onChange={(e) =>
                        setIdentifier(i, { value: e.currentTarget.value.toUpperCase() }, 'value')
                      }
                      autoComplete="off"
                    />
                    <TextInput
                      {...field(`object.identifiers[${i}].country`)}
                      label={t('sisForm.identifier.country', { n: i + 1 })}
                      required={id.kind === 'document'}
                      value={id.country}
                      onChange={(e) =>
                        setIdentifier(i, { country: e.currentTarget.value.toUpperCase() }, 'country')
                      }
                      w={160}
                    />
                    {draft.identifiers.length > 1 && (
                      <ActionIcon
                        variant="default"
                        size="lg"
                        mt={24}
                        aria-label={t('sisForm.identifier.remove', { n: i + 1 })}
                        onClick={() => update({ identifiers: draft.identifiers.filter((_, j) => j !== i) })}
                      >
                        ×
                      </ActionIcon>
                    )}
                  </Group>
                ))}
                <Group>
                  <Button
                    variant="default"
                    onClick={() =>
                      update({
                        identifiers: [...draft.identifiers, { kind: kinds[0] ?? '', value: '', country: '' }],
                      })
                    }
                  >
                    <FormattedMessage id="sisForm.identifier.add" />
                  </Button>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <TextInput
                    {...field('object.make')}
                    label={t('sisForm.make')}
                    value={draft.make}
                    onChange={(e) => update({ make: e.currentTarget.value }, 'object.make')}
                  />
                  <TextInput
                    {...field('object.model')}
                    label={t('sisForm.model')}
                    value={draft.model}
                    onChange={(e) => update({ model: e.currentTarget.value }, 'object.model')}
                  />
                  <TextInput
                    {...field('object.colour')}
                    label={t('sisForm.colour')}
                    value={draft.colour}
                    onChange={(e) => update({ colour: e.currentTarget.value }, 'object.colour')}
                  />
                </SimpleGrid>
                <Textarea
                  {...field('object.description')}
                  label={t('sisForm.description')}
                  value={draft.description}
                  onChange={(e) => update({ description: e.currentTarget.value }, 'object.description')}
                  autosize
                  minRows={2}
                />
              </Stack>
            </Fieldset>
          )}

          {draft.category === 'return' && (
            <Fieldset legend={t('sisForm.group.return')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  {...field('returnData.returnDecisionRef')}
                  label={t('sisForm.returnDecisionRef')}
                  required
                  value={draft.returnDecisionRef}
                  onChange={(e) =>
                    update({ returnDecisionRef: e.currentTarget.value }, 'returnData.returnDecisionRef')
                  }
                />
                <DayInput
                  label="sisForm.voluntaryDepartureEnds"
                  value={draft.voluntaryDepartureEnds}
                  onChange={(v) => update({ voluntaryDepartureEnds: v }, 'returnData.voluntaryDepartureEnds')}
                />
              </SimpleGrid>
              <Stack gap="xs" mt="sm">
                <Checkbox
                  label={t('sisForm.publicSecurityThreat')}
                  checked={draft.publicSecurityThreat}
                  onChange={(e) => update({ publicSecurityThreat: e.currentTarget.checked })}
                />
                <Checkbox
                  label={t('sisForm.suspended')}
                  checked={draft.suspended}
                  onChange={(e) => update({ suspended: e.currentTarget.checked })}
                />
                <Checkbox
                  label={t('sisForm.entryBanWithRefusalAlert')}
                  checked={draft.entryBanWithRefusalAlert}
                  onChange={(e) => update({ entryBanWithRefusalAlert: e.currentTarget.checked })}
                />
              </Stack>
            </Fieldset>
          )}

          {draft.category !== null && (
            <Fieldset legend={t('sisForm.group.decision')}>
              <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Textarea
                    {...field('reason')}
                    label={t('sisForm.reason')}
                    required
                    value={draft.reason}
                    onChange={(e) => update({ reason: e.currentTarget.value }, 'reason')}
                    autosize
                    minRows={2}
                  />
                  <TextInput
                    {...field('decisionRef')}
                    label={t('sisForm.decisionRef')}
                    description={t('sisForm.decisionRef.description')}
                    required
                    value={draft.decisionRef}
                    onChange={(e) => update({ decisionRef: e.currentTarget.value }, 'decisionRef')}
                  />
                  <Textarea
                    {...field('action')}
                    label={t('sisForm.action')}
                    description={t('sisForm.action.description')}
                    value={draft.action}
                    onChange={(e) => update({ action: e.currentTarget.value }, 'action')}
                    autosize
                    minRows={2}
                  />
                  <TextInput
                    {...field('offenceType')}
                    label={t('sisForm.offenceType')}
                    description={t('sisForm.offenceType.description')}
                    value={draft.offenceType}
                    onChange={(e) => update({ offenceType: e.currentTarget.value }, 'offenceType')}
                  />
                  <TagsInput
                    {...field('links')}
                    label={t('sisForm.links')}
                    description={t('sisForm.links.description')}
                    value={draft.links}
                    onChange={(v) => update({ links: v }, 'links')}
                    splitChars={[',', ' ']}
                  />
                  {draft.category === 'refusal' && (
                    <DayInput
                      label="sisForm.decisionValidUntil"
                      description="sisForm.decisionValidUntil.description"
                      value={draft.decisionValidUntil}
                      onChange={(v) => update({ decisionValidUntil: v }, 'decisionValidUntil')}
                    />
                  )}
                </SimpleGrid>
              </Stack>
            </Fieldset>
          )}
          {failure !== null && <ErrorAlert error={failure} title="sisForm.failed" />}
          <Group>
            <Button type="submit" loading={saving}>
              <FormattedMessage id="sisForm.submit" />
            </Button>
            <Button
              type="button"
              variant="default"
              onClick={() => {
                setDraft(EMPTY_DRAFT);
                setErrors({});
                setUnplaced([]);
                setFailure(null);
              }}
            >
              <FormattedMessage id="sisForm.clear" />
            </Button>
          </Group>
        </Stack>
      </form>
    </DatesProvider>
  );
}
