import { Fieldset, Select, SimpleGrid } from '@mantine/core';
import { useIntl } from 'react-intl';

import type { MessageId } from '../../../i18n/messages.ts';
import { categoryLabel } from '../ActionFirst.tsx';
import { objectCategories, personCategories } from '../catalogue.ts';
import type { SectionProps } from './fields.ts';

/** The category, persons and objects apart, and what the category asks for next (art. 32 or art. 36). */
export function CategoryFields({ draft, catalogue, update, field }: SectionProps) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  return (
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
              items: personCategories(catalogue).map((c) => ({ value: c, label: categoryLabel(intl, c) })),
            },
            {
              group: t('sisForm.category.objects'),
              items: objectCategories(catalogue).map((c) => ({ value: c, label: categoryLabel(intl, c) })),
            },
          ]}
          value={draft.category}
          onChange={(v) =>
            update({ category: catalogue.categories.find((c) => c.code === v)?.code ?? null }, 'category')
          }
          comboboxProps={{ withinPortal: true }}
          data-testid="category-select"
        />
        {draft.category === 'missing' && (
          <Select
            {...field('missingSubcategory')}
            label={t('sisForm.missingSubcategory')}
            required
            allowDeselect={false}
            data={catalogue.missingSubcategories.map((s) => ({
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
            data={catalogue.checkTypes.map((s) => ({
              value: s,
              label: t(`sisForm.checkType.${s}` as MessageId),
            }))}
            value={draft.checkType}
            onChange={(v) => update({ checkType: v }, 'checkType')}
          />
        )}
      </SimpleGrid>
    </Fieldset>
  );
}
