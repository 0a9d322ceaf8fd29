import { Checkbox, Fieldset, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';

import type { MessageId } from '../../../i18n/messages.ts';
import { DayInput } from '../../../shell/DayInput.tsx';
import type { SectionProps } from './fields.ts';

/** The return decision of a return alert (2018/1860 art. 4). */
export function ReturnFields({ draft, update, field }: SectionProps) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  return (
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
  );
}

/** The decision the alert rests on, the reason, the action to be taken and links to other alerts. */
export function DecisionFields({ draft, update, field }: SectionProps) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  return (
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
  );
}
