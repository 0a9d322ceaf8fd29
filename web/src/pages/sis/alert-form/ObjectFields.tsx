import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import type { MessageId } from '../../../i18n/messages.ts';
import { withObjectType, type IdentifierDraft } from '../alertDraft.ts';
import { identifierKindsOf, objectTypesFor } from '../catalogue.ts';
import type { SectionProps } from './fields.ts';

/** The object (2018/1862 arts. 36 and 38): its type, identifiers and description. */
export function ObjectFields({ draft, catalogue, update, field }: SectionProps) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const kinds = identifierKindsOf(catalogue, draft.objectType);
  const setIdentifier = (i: number, patch: Partial<IdentifierDraft>, key: keyof IdentifierDraft) =>
    update(
      { identifiers: draft.identifiers.map((d, j) => (j === i ? { ...d, ...patch } : d)) },
      `object.identifiers[${i}].${key}`,
    );
  return (
    <Fieldset legend={t('sisForm.group.object')} data-testid="object-fields">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            {...field('object.type')}
            label={t('sisForm.objectType')}
            required
            allowDeselect={false}
            searchable
            data={objectTypesFor(catalogue, draft.category).map((o) => ({
              value: o,
              label: t(`sis.objectType.${o}` as MessageId),
            }))}
            value={draft.objectType}
            onChange={(v) => update((d) => withObjectType(d, v, catalogue), 'object.type')}
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
              onChange={(e) => setIdentifier(i, { value: e.currentTarget.value.toUpperCase() }, 'value')}
              autoComplete="off"
            />
            <TextInput
              {...field(`object.identifiers[${i}].country`)}
              label={t('sisForm.identifier.country', { n: i + 1 })}
              required={id.kind === 'document'}
              value={id.country}
              onChange={(e) => setIdentifier(i, { country: e.currentTarget.value.toUpperCase() }, 'country')}
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
  );
}
