import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import type { MessageId } from '../../../i18n/messages.ts';
import { markerLabel } from '../ActionFirst.tsx';
import type { DocumentDraft } from '../alertDraft.ts';
import type { SectionProps } from './fields.ts';

/** The person's identity (2018/1862 art. 20(2)), documents and warning markers. */
export function PersonFields({ draft, catalogue, update, field }: SectionProps) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const setDocument = (i: number, patch: Partial<DocumentDraft>, key: keyof DocumentDraft) =>
    update(
      { documents: draft.documents.map((d, j) => (j === i ? { ...d, ...patch } : d)) },
      `person.documents[${i}].${key}`,
    );
  return (
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
            data={catalogue.sexes.map((s) => ({
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
            onChange={(v) => update({ nationalities: v.map((n) => n.toUpperCase()) }, 'person.nationalities')}
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
              update({ physicalCharacteristics: e.currentTarget.value }, 'person.physicalCharacteristics')
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
                  setDocument(i, { issuingCountry: e.currentTarget.value.toUpperCase() }, 'issuingCountry')
                }
                w={140}
              />
              <TextInput
                {...field(`person.documents[${i}].number`)}
                label={t('sisForm.document.number', { n: i + 1 })}
                required
                value={doc.number}
                onChange={(e) => setDocument(i, { number: e.currentTarget.value.toUpperCase() }, 'number')}
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
                update({ documents: [...draft.documents, { type: '', issuingCountry: '', number: '' }] })
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
            {catalogue.warningMarkers.map((m) => (
              <Checkbox key={m} value={m} label={markerLabel(intl, m)} />
            ))}
          </Group>
        </Checkbox.Group>
      </Stack>
    </Fieldset>
  );
}

/** An unknown suspect: dactyloscopic data only (2018/1862 art. 40). */
export function BiometricFields({ draft, update, field }: SectionProps) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  return (
    <Fieldset legend={t('sisForm.group.biometric')}>
      <TextInput
        {...field('person.dactyloscopicRef')}
        label={t('sisForm.dactyloscopicRef')}
        description={t('sisForm.dactyloscopicRef.description')}
        required
        value={draft.dactyloscopicRef}
        onChange={(e) => update({ dactyloscopicRef: e.currentTarget.value }, 'person.dactyloscopicRef')}
      />
    </Fieldset>
  );
}
