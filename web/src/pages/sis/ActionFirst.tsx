import { Alert, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { forwardRef } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';

import { isMessageId } from '../../i18n/messages.ts';
import { statusColours, statusText } from '../../theme.ts';

/** A SIS warning marker in words (2018/1862 art. 20(2)(i)-(n)); an unknown code is shown as it came. */
export function markerLabel(intl: IntlShape, marker: string): string {
  const id = `sis.marker.${marker}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : marker;
}

/** A category in words; an unknown code is shown as it came. */
export function categoryLabel(intl: IntlShape, category: string): string {
  const id = `sis.category.${category}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : category;
}

/**
 * What an officer reads first on an alert or a hit (2018/1862 art. 20(2)(r) and (i)-(n)): the action to be
 * taken and the warning markers, then whether the alert is discreet or urgent. The heading can take focus.
 */
export const ActionFirst = forwardRef<
  HTMLHeadingElement,
  { action: string; warningMarkers: readonly string[]; discreet: boolean; urgent: boolean }
>(function ActionFirst({ action, warningMarkers, discreet, urgent }, ref) {
  const intl = useIntl();
  const danger = warningMarkers.length > 0;
  return (
    <Alert
      color={danger ? statusText.danger : statusText.warning}
      variant="outline"
      styles={{ root: { borderWidth: 3 } }}
      data-testid="action-first"
    >
      <Stack gap="xs">
        {danger && (
          <Group gap="xs" data-testid="warning-markers">
            <Text fw={700} c={statusText.danger}>
              <FormattedMessage id="sis.markers" />
            </Text>
            {warningMarkers.map((m) => (
              <Badge key={m} color={statusColours.danger} variant="filled" radius="sm" data-marker={m}>
                {markerLabel(intl, m)}
              </Badge>
            ))}
          </Group>
        )}
        <Title order={2} size="h4" ref={ref} tabIndex={-1}>
          <FormattedMessage id="sis.action" />
        </Title>
        <Text fw={600} data-testid="alert-action">
          {action}
        </Text>
        {discreet && (
          <Text fw={700} c={statusText.warning} data-testid="discreet-notice">
            <FormattedMessage id="sis.discreet" />
          </Text>
        )}
        {urgent && (
          <Text fw={700} c={statusText.danger}>
            <FormattedMessage id="sis.urgent" />
          </Text>
        )}
      </Stack>
    </Alert>
  );
});
