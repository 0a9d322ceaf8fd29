import { Alert, Badge, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { forwardRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { BorderCheckResult, DocumentHolder, Finding, FindingLevel, Verdict } from '../../api/types.ts';
import { formatDate } from '../../format/datetime.ts';
import { isMessageId } from '../../i18n/messages.ts';
import { statusColours, statusText } from '../../theme.ts';
import { findingText } from './findingText.ts';
import { mrzFieldLabel } from './MrzInput.tsx';

const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  proceed: statusText.success,
  attention: statusText.warning,
  'refusal-suggested': statusText.danger,
  unreadable: 'var(--mantine-color-dimmed)',
};

const LEVEL_COLOUR: Readonly<Record<FindingLevel, string>> = {
  stop: statusColours.danger,
  attention: statusColours.warning,
  info: '#495057',
};

const LEVEL_ORDER: Readonly<Record<FindingLevel, number>> = { stop: 0, attention: 1, info: 2 };

/**
 * SIS warning markers (e.g. "armed", "violent"): the marker codes the server sends in `params.markers`, or, from
 * a server that sends none, the start of the finding's message.
 */
const hasWarningMarker = (f: Finding) =>
  typeof f.params?.markers === 'string' ? f.params.markers !== '' : f.message.startsWith('WARNING:');

/**
 * Findings in the order a guard must read them: `stop` first, then `attention`, then `info`; within a level,
 * findings that carry SIS warning markers come first (Regulation (EU) 2018/1862 Art. 20(2)(e) markers warn
 * of danger to the officer). The sort is stable, so the server's order holds otherwise.
 */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      Number(hasWarningMarker(b)) - Number(hasWarningMarker(a)),
  );
}

/** The suggestion of the check in one line; it takes focus when a result arrives, so it is read first. */
export const VerdictBanner = forwardRef<HTMLHeadingElement, { result: BorderCheckResult }>(
  function VerdictBanner({ result }, ref) {
    const intl = useIntl();
    const counts = { stop: 0, attention: 0, info: 0 };
    // A discreet check is counted nowhere: nothing on the screen may hint at it (2018/1862 art. 36).
    for (const f of result.findings.filter((x) => x.discreet !== true)) {
      counts[f.level] += 1;
    }
    return (
      <Alert
        color={VERDICT_TEXT[result.verdict]}
        variant="outline"
        data-testid="verdict"
        data-verdict={result.verdict}
        styles={{ root: { borderWidth: 3 } }}
      >
        <Title order={2} size="h3" ref={ref} tabIndex={-1} c={VERDICT_TEXT[result.verdict]}>
          <FormattedMessage id={`border.verdict.${result.verdict}`} />
        </Title>
        <Text size="sm" mt={4}>
          <FormattedMessage id="border.verdict.counts" values={counts} />{' '}
          <FormattedMessage
            id="border.verdict.at"
            values={{ bcp: result.bcp.id, date: formatDate(intl, result.bcp.localDate) }}
          />
        </Text>
      </Alert>
    );
  },
);

function systemLabel(system: string): string {
  return `system.${system}`;
}

/**
 * A SIS discreet or specific check (Regulation (EU) 2018/1862 arts. 36-37): shown apart from the findings, in
 * neutral colours, never as a stop, with the information to collect without telling the person.
 */
export function DiscreetChecks({ findings }: { findings: readonly Finding[] }) {
  const intl = useIntl();
  const discreet = findings.filter((f) => f.discreet === true);
  if (discreet.length === 0) {
    return null;
  }
  return (
    <Alert color="gray" variant="light" data-testid="discreet-check" aria-labelledby="discreet-title">
      <Title order={2} size="h4" id="discreet-title">
        <FormattedMessage id="border.discreet.title" />
      </Title>
      {discreet.map((f) => (
        <Stack gap={4} mt="xs" key={f.alertId ?? f.message}>
          <Text size="sm">{findingText(intl, f)}</Text>
          {f.informationToCollect !== undefined && f.informationToCollect.length > 0 && (
            <>
              <Text size="sm" fw={700}>
                <FormattedMessage id="border.discreet.collect" />
              </Text>
              <List size="sm" data-testid="discreet-information">
                {f.informationToCollect.map((item) => (
                  <List.Item key={item}>{item}</List.Item>
                ))}
              </List>
            </>
          )}
          {f.hitId !== undefined && (
            <Text size="xs" c="dimmed">
              <FormattedMessage id="border.discreet.hit" values={{ hit: f.hitId }} />
            </Text>
          )}
        </Stack>
      ))}
    </Alert>
  );
}

/** Every finding with its level in words, its system and the refusal ground it supports. */
export function FindingsList({ findings }: { findings: readonly Finding[] }) {
  const intl = useIntl();
  const ordered = orderFindings(findings.filter((f) => f.discreet !== true));
  return (
    <Stack gap="xs" component="section" aria-labelledby="findings-title">
      <Title order={2} size="h4" id="findings-title">
        <FormattedMessage id="border.findings" />
      </Title>
      <List spacing="xs" listStyleType="none" p={0} data-testid="findings">
        {ordered.map((f, index) => {
          const system = systemLabel(f.system);
          return (
            <List.Item
              key={`${f.code}-${index}`}
              data-testid="finding"
              data-level={f.level}
              data-code={f.code}
              style={{ borderLeft: `4px solid ${LEVEL_COLOUR[f.level]}`, paddingLeft: 8 }}
            >
              <Group gap="xs" wrap="nowrap" align="flex-start">
                {/* Never shrunk: on a phone the level would be cut to "ATTENTI…". */}
                <Badge
                  color={LEVEL_COLOUR[f.level]}
                  variant="filled"
                  miw={90}
                  radius="sm"
                  style={{ flexShrink: 0 }}
                  data-testid="finding-level"
                >
                  <FormattedMessage id={`border.level.${f.level}`} />
                </Badge>
                <Stack gap={0}>
                  <Text size="sm">
                    <Text span fw={700}>
                      {isMessageId(system) ? intl.formatMessage({ id: system }) : f.system}:
                    </Text>{' '}
                    {findingText(intl, f)}
                  </Text>
                  {f.refusalGround !== undefined && (
                    <Text size="xs" c="dimmed">
                      <FormattedMessage id="border.finding.ground" values={{ ground: f.refusalGround }} />
                    </Text>
                  )}
                </Stack>
              </Group>
            </List.Item>
          );
        })}
      </List>
    </Stack>
  );
}

/** The problems the server found in the MRZ, field by field. */
export function DocumentProblems({ result }: { result: BorderCheckResult }) {
  const intl = useIntl();
  if (result.document.problems.length === 0) {
    return null;
  }
  return (
    <Alert color={statusText.danger} variant="outline" data-testid="document-problems">
      <Title order={2} size="h4">
        <FormattedMessage id="border.document.problems" />
      </Title>
      <List size="sm" mt="xs">
        {result.document.problems.map((p) => (
          <List.Item key={`${p.field}-${p.message}`} data-field={p.field}>
            <Text span fw={700}>
              {mrzFieldLabel(intl, p.field)}:
            </Text>{' '}
            {p.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** The traveller as the document states them. */
export function HolderDetails({ holder }: { holder: DocumentHolder }) {
  const intl = useIntl();
  const rows: Array<[string, string, string]> = [
    ['surname', intl.formatMessage({ id: 'holder.surname' }), holder.surname],
    ['givenNames', intl.formatMessage({ id: 'holder.givenNames' }), holder.givenNames],
    ['birthDate', intl.formatMessage({ id: 'holder.birthDate' }), formatDate(intl, holder.birthDate)],
    ['sex', intl.formatMessage({ id: 'holder.sex' }), holder.sex],
    ['nationality', intl.formatMessage({ id: 'holder.nationality' }), holder.nationality],
    [
      'document',
      intl.formatMessage({ id: 'holder.document' }),
      `${holder.documentType} ${holder.documentNumber}`,
    ],
    ['issuingState', intl.formatMessage({ id: 'holder.issuingState' }), holder.issuingState],
    ['expiryDate', intl.formatMessage({ id: 'holder.expiryDate' }), formatDate(intl, holder.expiryDate)],
  ];
  return (
    <Stack gap="xs" component="section" aria-labelledby="holder-title">
      <Title order={2} size="h4" id="holder-title">
        <FormattedMessage id="border.holder" />
      </Title>
      <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs" m={0}>
        {rows.map(([key, label, value]) => (
          <div key={key} data-testid={`holder-${key}`}>
            <Text component="dt" size="xs" c="dimmed">
              {label}
            </Text>
            <Text component="dd" m={0} fw={600}>
              {value === '' ? '—' : value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
