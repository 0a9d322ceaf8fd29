import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';

import type { BorderCheckResult, Finding } from '../../api/types.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { statusColours } from '../../theme.ts';
import { formatScore } from '../biometrics/CaptureFile.tsx';
import { findingText } from './findingText.ts';

/** A SIS person alert whose templates matched the live capture (`result.extra.sis.biometric`). */
interface SisBiometricMatch {
  alert: { alertId: string; issuingState: string; discreet: boolean; categoryLabel: string | null };
  modalities: Array<'face' | 'finger'>;
  faceScore?: number;
  fingers: number;
  fingerScore?: number;
  score: number;
  falseMatchRate: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The SIS step's biometric matches, covert alerts left out (they are shown apart, as discreet checks:
 * 2018/1862 art. 36); null when SIS was not searched with biometrics.
 */
export function sisBiometricMatches(result: BorderCheckResult): SisBiometricMatch[] | null {
  const sis = result.extra.sis;
  if (!isRecord(sis) || !Array.isArray(sis.biometric)) {
    return null;
  }
  return (sis.biometric as unknown[]).filter(
    (m): m is SisBiometricMatch =>
      isRecord(m) && isRecord(m.alert) && m.alert.discreet !== true && typeof m.score === 'number',
  );
}

/** Whether a finding comes from comparing the live biometrics (EES 1:1 and 1:N, SIS). */
export function isBiometricFinding(f: Finding): boolean {
  return /BIOMETRIC/.test(f.code) || f.params?.via === 'biometric';
}

export type BiometricOutcome = 'verified' | 'mismatch' | 'identified' | 'sis-hit' | 'none' | 'other';

const OUTCOME_COLOUR: Readonly<Record<BiometricOutcome, string>> = {
  verified: statusColours.success,
  mismatch: statusColours.danger,
  identified: statusColours.warning,
  'sis-hit': statusColours.danger,
  none: '#495057',
  other: '#495057',
};

/** The false-match rate of a fused score, as people read small figures: `1 in 50 000`. */
export function falseMatchText(intl: IntlShape, rate: number): string {
  if (!(rate > 0)) {
    return intl.formatMessage({ id: 'biometrics.fmr.negligible' });
  }
  const oneIn = 1 / rate;
  return intl.formatMessage(
    { id: 'biometrics.fmr.oneIn' },
    { n: intl.formatNumber(oneIn, { maximumSignificantDigits: 2 }) },
  );
}

/** A similarity score line: `Face 0.68 · 4 fingerprints, mean 0.51 · fused 24.3, false match 1 in 10 million`. */
export function ScoreLine({
  faceScore,
  fingers,
  fingerScore,
  score,
  falseMatchRate,
}: {
  faceScore?: number;
  fingers: number;
  fingerScore?: number;
  score: number;
  falseMatchRate: number;
}) {
  const intl = useIntl();
  const parts: string[] = [];
  if (faceScore !== undefined) {
    parts.push(intl.formatMessage({ id: 'biometrics.score.face' }, { score: formatScore(intl, faceScore) }));
  }
  if (fingers > 0 && fingerScore !== undefined) {
    parts.push(
      intl.formatMessage(
        { id: 'biometrics.score.fingers' },
        { count: fingers, score: formatScore(intl, fingerScore) },
      ),
    );
  }
  parts.push(
    intl.formatMessage(
      { id: 'biometrics.score.fused' },
      { score: formatScore(intl, score, 1), fmr: falseMatchText(intl, falseMatchRate) },
    ),
  );
  return (
    <Text size="sm" data-testid="biometric-scores">
      {parts.join(' · ')}
    </Text>
  );
}

function ResultCard({
  outcome,
  title,
  children,
  testId,
  code,
}: {
  outcome: BiometricOutcome;
  title: ReactNode;
  children?: ReactNode;
  testId: string;
  code?: string;
}) {
  return (
    <Paper
      withBorder
      p="sm"
      data-testid={testId}
      data-outcome={outcome}
      data-code={code}
      style={{ borderLeft: `4px solid ${OUTCOME_COLOUR[outcome]}` }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Badge color={OUTCOME_COLOUR[outcome]} variant="filled" radius="sm" miw={110}>
          <FormattedMessage id={`biometrics.outcome.${outcome}` as MessageId} />
        </Badge>
        <Stack gap={2}>
          <Text size="sm" fw={700}>
            {title}
          </Text>
          {children}
        </Stack>
      </Group>
    </Paper>
  );
}

/**
 * What the live biometrics showed (Reg. (EU) 2017/2226 art. 23(2)-(4): verification against the EES file,
 * identification when the document finds none; 2018/1861 art. 33 and 2018/1862 art. 43: SIS searched with
 * biometric data), each result explained with its scores. Shown when live biometrics were sent.
 */
export function BiometricResults({ result, sent }: { result: BorderCheckResult; sent: boolean }) {
  const intl = useIntl();
  const searched = sisBiometricMatches(result);
  const sis = searched ?? [];
  const discreetMatch = result.findings.some((f) => f.discreet === true && f.params?.via === 'biometric');
  const sisAlertIds = new Set(sis.map((m) => m.alert.alertId));
  const findings = result.findings.filter((f) => f.discreet !== true && isBiometricFinding(f));
  const sisFinding = (alertId: string) => findings.find((f) => f.system === 'sis' && f.alertId === alertId);
  const others = findings.filter(
    (f) => !(f.system === 'sis' && f.alertId !== undefined && sisAlertIds.has(f.alertId)),
  );
  if (!sent && findings.length === 0 && sis.length === 0) {
    return null;
  }
  return (
    <Stack gap="xs" component="section" aria-labelledby="biometrics-title" data-testid="biometric-results">
      <Title order={2} size="h4" id="biometrics-title">
        <FormattedMessage id="biometrics.result.title" />
      </Title>
      {others.map((f, i) => (
        <ResultCard
          key={`${f.code}-${i}`}
          testId="biometric-result"
          outcome={f.system === 'sis' ? 'sis-hit' : 'other'}
          code={f.code}
          title={findingText(intl, f)}
        />
      ))}
      {sis.map((m) => {
        const finding = sisFinding(m.alert.alertId);
        return (
          <ResultCard
            key={m.alert.alertId}
            testId="biometric-result"
            outcome="sis-hit"
            code={finding?.code ?? 'SIS_BIOMETRIC'}
            title={
              <FormattedMessage
                id="biometrics.sis.hit"
                values={{ alertId: m.alert.alertId, issuingState: m.alert.issuingState }}
              />
            }
          >
            {finding !== undefined && <Text size="sm">{findingText(intl, finding)}</Text>}
            <ScoreLine {...m} />
          </ResultCard>
        );
      })}
      {searched !== null && sis.length === 0 && !discreetMatch && (
        <ResultCard
          testId="biometric-result"
          outcome="none"
          code="SIS_NO_BIOMETRIC_MATCH"
          title={<FormattedMessage id="biometrics.sis.none" />}
        />
      )}
    </Stack>
  );
}
