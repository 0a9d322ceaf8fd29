import { Alert, Badge, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { BorderCheckResult } from '../../api/types.ts';
import { formatDate } from '../../format/datetime.ts';
import { isMessageId } from '../../i18n/messages.ts';
import { statusColours, statusText } from '../../theme.ts';

/** What the server's ETIAS step sends under `extra.etias` (src/systems/etias/border-step.ts, `EtiasData`). */
interface EtiasData {
  required: boolean;
  visaRequirement: string;
  transitionalUntil: string | null;
  answer: {
    valid: boolean;
    validHere: boolean;
    status: string;
    applicationId: string | null;
    validUntil: string | null;
    remainingDays: number;
    expiresSoon: boolean;
    territorialValidity: string[] | null;
    flags: string[];
    familyMember: boolean;
  } | null;
}

function etiasData(result: BorderCheckResult): EtiasData | null {
  const data = result.extra.etias;
  return data !== null && typeof data === 'object' && 'required' in data ? (data as EtiasData) : null;
}

function Field({ label, testId, children }: { label: ReactNode; testId: string; children: ReactNode }) {
  return (
    <div data-testid={`etias-${testId}`}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={600}>
        {children}
      </Text>
    </div>
  );
}

/**
 * The ETIAS answer at the border (Regulation (EU) 2018/1240 art. 47(2)): a valid travel authorisation yes or no,
 * the end of its validity and the days left, the states of a limited territorial validity (art. 44) and the
 * art. 36 flags. For a visa holder or an EU, EEA or Swiss citizen it says that none is needed.
 */
export function EtiasPanel({ result }: { result: BorderCheckResult }) {
  const intl = useIntl();
  const data = etiasData(result);
  if (data === null) {
    return null;
  }
  const answer = data.answer;
  const colour =
    answer === null ? 'gray' : answer.valid && answer.validHere ? statusText.success : statusText.danger;
  const statusId = answer === null ? '' : `etias.border.status.${answer.status}`;
  return (
    <Alert
      color={colour}
      variant="outline"
      data-testid="etias-panel"
      data-valid={answer === null ? 'not-required' : String(answer.valid && answer.validHere)}
      aria-labelledby="etias-title"
    >
      <Title order={2} size="h4" id="etias-title">
        <FormattedMessage id="etias.border.title" />
      </Title>
      {!data.required || answer === null ? (
        <Text size="sm" mt="xs" data-testid="etias-not-required">
          <FormattedMessage
            id="etias.border.notRequired"
            values={{
              requirement: data.visaRequirement === 'free-movement' ? 'freeMovement' : data.visaRequirement,
            }}
          />
        </Text>
      ) : (
        <Stack gap="xs" mt="xs">
          <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs" m={0}>
            <Field label={<FormattedMessage id="etias.border.valid" />} testId="valid">
              <Badge
                color={answer.valid && answer.validHere ? statusColours.success : statusColours.danger}
                variant="filled"
                radius="sm"
              >
                <FormattedMessage
                  id={answer.valid && answer.validHere ? 'etias.border.yes' : 'etias.border.no'}
                />
              </Badge>
            </Field>
            <Field label={<FormattedMessage id="etias.border.status" />} testId="status">
              {isMessageId(statusId) ? intl.formatMessage({ id: statusId }) : answer.status}
            </Field>
            {answer.valid && answer.validUntil !== null && (
              <>
                <Field label={<FormattedMessage id="etias.border.validUntil" />} testId="valid-until">
                  {formatDate(intl, answer.validUntil)}
                </Field>
                <Field label={<FormattedMessage id="etias.border.remaining" />} testId="remaining">
                  <FormattedMessage id="etias.border.days" values={{ days: answer.remainingDays }} />
                </Field>
              </>
            )}
            {answer.valid && (
              <Field label={<FormattedMessage id="etias.border.states" />} testId="states">
                {answer.territorialValidity === null ? (
                  <FormattedMessage id="etias.border.allStates" />
                ) : (
                  <FormattedMessage
                    id="etias.border.onlyStates"
                    values={{ states: intl.formatList(answer.territorialValidity, { type: 'unit' }) }}
                  />
                )}
              </Field>
            )}
            {answer.valid && (
              <Field label={<FormattedMessage id="etias.border.flags" />} testId="flags">
                {answer.flags.length === 0 ? (
                  <FormattedMessage id="etias.border.noFlags" />
                ) : (
                  <Group gap={4} component="span">
                    {answer.flags.map((flag) => {
                      const id = `etias.border.flag.${flag}`;
                      return (
                        <Badge key={flag} color={statusColours.warning} variant="filled" radius="sm">
                          {isMessageId(id) ? intl.formatMessage({ id }) : flag}
                        </Badge>
                      );
                    })}
                  </Group>
                )}
              </Field>
            )}
            {answer.applicationId !== null && (
              <Field label={<FormattedMessage id="etias.border.application" />} testId="application">
                {answer.applicationId}
              </Field>
            )}
          </SimpleGrid>
          {answer.valid && answer.expiresSoon && (
            <Text size="sm" fw={700} data-testid="etias-expires-soon">
              <FormattedMessage id="etias.border.expiresSoon" />
            </Text>
          )}
          {answer.familyMember && (
            <Text size="sm">
              <FormattedMessage id="etias.border.familyMember" />
            </Text>
          )}
        </Stack>
      )}
      {data.transitionalUntil !== null && result.bcp.localDate <= data.transitionalUntil && (
        <Text size="sm" mt="xs" data-testid="etias-transitional">
          <FormattedMessage
            id="etias.border.transitional"
            values={{ date: formatDate(intl, data.transitionalUntil) }}
          />
        </Text>
      )}
    </Alert>
  );
}
