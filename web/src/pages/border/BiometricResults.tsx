import { Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import type { BorderCheckResult, Finding } from '../../api/types.ts';
import { statusColours } from '../../theme.ts';
import { findingText } from './findingText.ts';

/** Findings that come from comparing the traveller's live biometrics (EES 1:1 and 1:N, SIS). */
export function isBiometricFinding(f: Finding): boolean {
  return /BIOMETRIC|FACE|FINGER/.test(f.code);
}

type Outcome = 'verified' | 'mismatch' | 'identified' | 'sis-hit' | 'other';

function outcomeOf(f: Finding): Outcome {
  if (f.system === 'sis') {
    return 'sis-hit';
  }
  if (/IDENTIF/.test(f.code)) {
    return 'identified';
  }
  if (/MISMATCH|NO_MATCH|NOT_VERIFIED/.test(f.code)) {
    return 'mismatch';
  }
  if (/VERIFIED|MATCH/.test(f.code)) {
    return 'verified';
  }
  return 'other';
}

const OUTCOME_COLOUR: Readonly<Record<Outcome, string>> = {
  verified: statusColours.success,
  mismatch: statusColours.danger,
  identified: statusColours.warning,
  'sis-hit': statusColours.danger,
  other: '#495057',
};

/**
 * What the live biometrics showed (Reg. (EU) 2017/2226 art. 23(2)-(4): verification against the EES file,
 * identification when the document finds none; 2018/1861 art. 33: SIS searched by biometric data), each
 * result with its explanation and scores.
 */
export function BiometricResults({ result }: { result: BorderCheckResult }) {
  const intl = useIntl();
  const findings = result.findings.filter((f) => f.discreet !== true && isBiometricFinding(f));
  if (findings.length === 0) {
    return null;
  }
  return (
    <Stack gap="xs" component="section" aria-labelledby="biometrics-title" data-testid="biometric-results">
      <Title order={2} size="h4" id="biometrics-title">
        <FormattedMessage id="biometrics.result.title" />
      </Title>
      <List spacing="xs" listStyleType="none" p={0}>
        {findings.map((f, i) => {
          const outcome = outcomeOf(f);
          return (
            <List.Item
              key={`${f.code}-${i}`}
              data-testid="biometric-result"
              data-outcome={outcome}
              data-code={f.code}
            >
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Badge color={OUTCOME_COLOUR[outcome]} variant="filled" radius="sm" miw={110}>
                  <FormattedMessage id={`biometrics.outcome.${outcome}`} />
                </Badge>
                <Text size="sm">{findingText(intl, f)}</Text>
              </Group>
            </List.Item>
          );
        })}
      </List>
    </Stack>
  );
}
