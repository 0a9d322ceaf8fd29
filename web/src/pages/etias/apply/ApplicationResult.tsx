import { Anchor, Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { EtiasSubmitted } from '../../../api/types.ts';
import { formatDate } from '../../../format/datetime.ts';
import { isMessageId, type MessageId } from '../../../i18n/messages.ts';
import { statusColours } from '../../../theme.ts';

/** The fee as the API gives it (art. 18): euro cents and the exemption that waived it, if any. */
export interface FeeAnswer {
  amountCents: number;
  exemption: string | null;
}

const STATUS_COLOURS: Readonly<Record<string, string>> = {
  issued: statusColours.success,
  manual: statusColours.warning,
  pending: 'gray',
  refused: statusColours.danger,
  annulled: statusColours.danger,
  revoked: statusColours.danger,
};

/** An application's status as a badge in the interface language (`etias.apply.status.<status>`). */
export function StatusBadge({ status }: { status: string }) {
  const intl = useIntl();
  const id = `etias.apply.status.${status}`;
  return (
    <Badge
      color={STATUS_COLOURS[status] ?? 'gray'}
      variant="filled"
      radius="sm"
      size="lg"
      data-testid="etias-status"
      data-status={status}
    >
      {isMessageId(id) ? intl.formatMessage({ id }) : status}
    </Badge>
  );
}

/** What a status means for the applicant, in a sentence. */
export function StatusExplanation({ status }: { status: string }) {
  const id = `etias.apply.status.${status}.text`;
  return isMessageId(id) ? (
    <Text>
      <FormattedMessage id={id} />
    </Text>
  ) : null;
}

/** The fee charged, or why none is. */
export function FeeText({ fee }: { fee: FeeAnswer }) {
  const intl = useIntl();
  const { amountCents: cents, exemption } = fee;
  const exemptionId = `etias.apply.fee.exemption.${exemption ?? ''}`;
  return (
    <Text data-testid="etias-result-fee">
      {cents === 0 ? (
        <FormattedMessage id="etias.apply.fee.none" />
      ) : (
        <FormattedMessage
          id="etias.apply.fee.amount"
          values={{ amount: intl.formatNumber(cents / 100, { style: 'currency', currency: 'EUR' }) }}
        />
      )}
      {exemption !== null && isMessageId(exemptionId) && (
        <>
          {' '}
          <FormattedMessage id={exemptionId} />
        </>
      )}
    </Text>
  );
}

/**
 * The page after sending: the application's id (which, with the document number, opens the status page),
 * its status in words and the fee.
 */
export function ApplicationResult({
  application,
  onNew,
}: {
  application: EtiasSubmitted;
  onNew: () => void;
}) {
  const intl = useIntl();
  const heading = useRef<HTMLHeadingElement>(null);
  const title: MessageId = 'etias.apply.result.title';
  useEffect(() => {
    heading.current?.focus();
    document.title = `${intl.formatMessage({ id: title })} · ${intl.formatMessage({ id: 'app.name' })}`;
  }, [intl]);
  // The document number stays out of the address (it would be kept in the browser's history).
  const statusHref = `#/etias/status?id=${encodeURIComponent(application.id)}`;
  return (
    <Stack gap="lg" data-testid="etias-result">
      <Title order={1} ref={heading} tabIndex={-1}>
        <FormattedMessage id={title} />
      </Title>
      <Paper withBorder p="lg">
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Stack gap={2}>
              <Text size="sm" c="dimmed">
                <FormattedMessage id="etias.apply.result.id" />
              </Text>
              <Code fz="md" data-testid="etias-application-id" style={{ wordBreak: 'break-all' }}>
                {application.id}
              </Code>
            </Stack>
            <Stack gap={2} align="flex-start">
              <Text size="sm" c="dimmed">
                <FormattedMessage id="etias.apply.result.status" />
              </Text>
              <StatusBadge status={application.status} />
            </Stack>
          </SimpleGrid>
          <StatusExplanation status={application.status} />
          {application.validUntil !== undefined && (
            <Text data-testid="etias-valid-until">
              <FormattedMessage
                id="etias.apply.status.validUntil"
                values={{ day: formatDate(intl, application.validUntil) }}
              />
            </Text>
          )}
          <FeeText fee={application.fee} />
          <Text size="sm" c="dimmed">
            <FormattedMessage id="etias.apply.result.keep" />
          </Text>
        </Stack>
      </Paper>
      <Group>
        <Anchor href={statusHref}>
          <FormattedMessage id="etias.apply.result.statusLink" />
        </Anchor>
        <Button variant="default" onClick={onNew}>
          <FormattedMessage id="etias.apply.result.new" />
        </Button>
      </Group>
    </Stack>
  );
}
