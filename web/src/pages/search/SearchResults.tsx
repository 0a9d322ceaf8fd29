import { Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import type { SearchResult, SourceAnswer, SourceStatus } from '../../api/types.ts';
import { isMessageId } from '../../i18n/messages.ts';
import { statusColours, statusText } from '../../theme.ts';
import { LinkWarnings, linkNotices } from '../mid/LinkWarnings.tsx';
import { fieldLabel, formatFieldValue } from './resultFields.ts';

const STATUS_COLOUR: Readonly<Record<SourceStatus | 'not-connected', string>> = {
  ok: statusText.success,
  timeout: statusText.warning,
  error: statusText.danger,
  'not-permitted': statusText.warning,
  'too-broad': statusText.warning,
  'not-connected': 'var(--mantine-color-dimmed)',
};

/** A system the installation does not connect is reported by the portal as an error with this message. */
const notConnected = (a: SourceAnswer) => a.status === 'error' && /not connected/i.test(a.message ?? '');

export function systemName(intl: ReturnType<typeof useIntl>, system: string): string {
  const key = `system.name.${system}`;
  return isMessageId(key) ? intl.formatMessage({ id: key }) : system.toUpperCase();
}

/**
 * Results with SIS warning markers first (Regulation (EU) 2018/1862 Art. 20(2)(e): they warn the officer of
 * danger), then by probability.
 */
export function orderResults(results: readonly SearchResult[]): SearchResult[] {
  return [...results].sort(
    (a, b) =>
      Number(b.warningMarkers.length > 0) - Number(a.warningMarkers.length > 0) ||
      b.probability - a.probability,
  );
}

function ResultCard({ result, index }: { result: SearchResult; index: number }) {
  const intl = useIntl();
  // Warning markers are shown first, on their own; the list below holds every other field received.
  const fields = Object.entries(result.fields).filter(([name]) => name !== 'warningMarkers');
  return (
    <Paper withBorder p="sm" component="li" data-testid="search-result" data-record-ref={result.recordRef}>
      <Stack gap="xs">
        {result.warningMarkers.length > 0 && (
          <Group gap="xs" data-testid="warning-markers">
            {result.warningMarkers.map((marker) => (
              <Badge key={marker} color={statusColours.danger} variant="filled" size="lg" radius="sm">
                <FormattedMessage id="search.warningMarker" values={{ marker: marker.toUpperCase() }} />
              </Badge>
            ))}
          </Group>
        )}
        <LinkWarnings
          notices={linkNotices((result as { links?: unknown }).links)}
          headingId={`mid-warning-${result.system}-${index}`}
        />
        <Group justify="space-between" gap="xs">
          <Text fw={700} data-testid="probability">
            <FormattedMessage
              id="search.probability"
              values={{ probability: intl.formatNumber(result.probability, { style: 'percent' }) }}
            />
          </Text>
          <Text size="xs" c="dimmed">
            {result.recordRef}
          </Text>
        </Group>
        <div>
          <Text size="sm" fw={600}>
            <FormattedMessage id="search.why" />
          </Text>
          <List size="sm" data-testid="explanation">
            {result.explanation.map((line, i) => (
              <List.Item key={i}>{line}</List.Item>
            ))}
          </List>
        </div>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing={4} m={0}>
          {fields.map(([name, value]) => (
            <div key={name} data-testid="result-field" data-field={name}>
              <Text component="dt" size="xs" c="dimmed">
                {fieldLabel(intl, name)}
              </Text>
              <Text component="dd" m={0} size="sm">
                {formatFieldValue(intl, value)}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** One system's answer: its status in words, how long it took, and its results. */
export function SystemAnswer({ answer }: { answer: SourceAnswer }) {
  const intl = useIntl();
  const status = notConnected(answer) ? 'not-connected' : answer.status;
  const headingId = `answer-${answer.system}`;
  return (
    <Stack
      gap="xs"
      component="section"
      aria-labelledby={headingId}
      data-testid="system-answer"
      data-system={answer.system}
      data-status={status}
    >
      <Group gap="sm" align="center">
        <Title order={2} size="h4" id={headingId}>
          {systemName(intl, answer.system)}
        </Title>
        <Badge color={STATUS_COLOUR[status]} variant="outline" radius="sm" data-testid="system-status">
          <FormattedMessage id={`search.status.${status}`} />
        </Badge>
        <Text size="xs" c="dimmed">
          <FormattedMessage id="search.took" values={{ ms: answer.tookMs }} />
        </Text>
      </Group>
      {status === 'not-connected' ? (
        // Said in the reader's language; the MID and the CIR answer elsewhere, which the officer is told.
        <Text size="sm" data-testid="system-message">
          <FormattedMessage
            id={
              answer.system === 'mid'
                ? 'search.notConnected.mid'
                : answer.system === 'cir'
                  ? 'search.notConnected.cir'
                  : 'search.notConnected'
            }
            values={{ system: systemName(intl, answer.system) }}
          />
        </Text>
      ) : (
        answer.message !== undefined && (
          <Text size="sm" data-testid="system-message">
            {answer.message}
          </Text>
        )
      )}
      {answer.status === 'ok' &&
        (answer.results.length === 0 ? (
          <Text size="sm">
            <FormattedMessage id="search.noResults" />
          </Text>
        ) : (
          <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {orderResults(answer.results).map((r, index) => (
              <ResultCard key={r.recordRef} result={r} index={index} />
            ))}
          </Stack>
        ))}
    </Stack>
  );
}
