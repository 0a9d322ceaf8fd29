import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { BorderCheckResult, Finding } from '../../api/types.ts';
import { formatDate } from '../../format/datetime.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { statusColours } from '../../theme.ts';
import { falseMatchText, formatScore, templateLabel } from '../biometrics/format.ts';
import { ScoreTable, type TemplateScore } from '../biometrics/ScoreTable.tsx';
import { findingText } from './findingText.ts';

type EesBiometrics = NonNullable<BorderCheckResult['ees']['biometrics']>;

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

export type BiometricOutcome =
  'verified' | 'mismatch' | 'not-compared' | 'identified' | 'sis-hit' | 'none' | 'other';

const OUTCOME_COLOUR: Readonly<Record<BiometricOutcome, string>> = {
  verified: statusColours.success,
  mismatch: statusColours.danger,
  'not-compared': '#495057',
  identified: statusColours.warning,
  'sis-hit': statusColours.danger,
  none: '#495057',
  other: '#495057',
};

/** The face's score and the fingers' count and mean score of a comparison, for one line of text. */
function summarise(scores: readonly TemplateScore[]) {
  const face = scores.find((s) => s.modality === 'face');
  const fingers = scores.filter((s) => s.modality === 'finger');
  return {
    ...(face === undefined ? {} : { faceScore: face.score }),
    fingers: fingers.length,
    ...(fingers.length === 0
      ? {}
      : { fingerScore: fingers.reduce((sum, s) => sum + s.score, 0) / fingers.length }),
  };
}

/** `Face similarity 0.68 · 4 fingerprints, mean similarity 0.51 · fused score 24.3 (about one false match in …)`. */
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
  code,
}: {
  outcome: BiometricOutcome;
  title: ReactNode;
  children?: ReactNode;
  code?: string;
}) {
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="biometric-result"
      data-outcome={outcome}
      data-code={code}
      style={{ borderLeft: `4px solid ${OUTCOME_COLOUR[outcome]}` }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Badge color={OUTCOME_COLOUR[outcome]} variant="filled" radius="sm" miw={120}>
          <FormattedMessage id={`biometrics.outcome.${outcome}` as MessageId} />
        </Badge>
        <Stack gap={4} style={{ flex: 1 }}>
          <Text size="sm" fw={700}>
            {title}
          </Text>
          {children}
        </Stack>
      </Group>
    </Paper>
  );
}

/** What the live capture held: `Face (quality 80), Right thumb (1) (quality 75)`. */
function ProbeLine({ probe }: { probe: EesBiometrics['probe'] }) {
  const intl = useIntl();
  const parts = probe.map((p) =>
    intl.formatMessage(
      { id: 'biometrics.probe.item' },
      { template: templateLabel(intl, p.modality, p.position), quality: p.quality },
    ),
  );
  return (
    <Text size="sm" data-testid="biometric-probe">
      <FormattedMessage
        id="biometrics.probe"
        values={{ templates: intl.formatList(parts, { type: 'unit' }) }}
      />
    </Text>
  );
}

/** The EES part: verification against the file of the document, identification among all files. */
function EesResults({ ees, findings }: { ees: EesBiometrics; findings: readonly Finding[] }) {
  const intl = useIntl();
  const finding = (code: string) => findings.find((f) => f.code === code);
  const cards: ReactNode[] = [];
  const v = ees.verification;
  if (v !== null) {
    const code = !v.compared
      ? 'EES_BIOMETRIC_NOT_COMPARED'
      : v.decision === 'match'
        ? 'EES_BIOMETRIC_VERIFIED'
        : 'EES_BIOMETRIC_MISMATCH';
    const f = finding(code);
    cards.push(
      <ResultCard
        key="verification"
        code={code}
        outcome={!v.compared ? 'not-compared' : v.decision === 'match' ? 'verified' : 'mismatch'}
        title={<FormattedMessage id="biometrics.ees.verification" />}
      >
        {f !== undefined && <Text size="sm">{findingText(intl, f)}</Text>}
        {v.compared && (
          <>
            <ScoreLine {...summarise(v.scores)} score={v.score} falseMatchRate={v.falseMatchRate} />
            <ScoreTable scores={v.scores} caption="biometrics.ees.verification.caption" />
          </>
        )}
      </ResultCard>,
    );
  }
  const identification = ees.identification;
  if (identification !== null) {
    const f = finding('EES_IDENTIFIED_BY_BIOMETRICS');
    if (identification.candidates.length === 0) {
      cards.push(
        <ResultCard
          key="identification"
          code="EES_NOT_IDENTIFIED"
          outcome="none"
          title={<FormattedMessage id="biometrics.ees.notIdentified" />}
        />,
      );
    }
    identification.candidates.forEach((c, i) => {
      const documents = c.documents.map((d) => `${d.type} ${d.number} (${d.issuingState})`).join(', ');
      cards.push(
        <ResultCard
          key={`candidate-${c.fileId}`}
          code="EES_IDENTIFIED_BY_BIOMETRICS"
          outcome="identified"
          title={
            <FormattedMessage
              id="biometrics.ees.identified"
              values={{
                name: `${c.surname}, ${c.givenNames}`,
                birthDate: formatDate(intl, c.birthDate),
                documents,
              }}
            />
          }
        >
          {i === 0 && f !== undefined && <Text size="sm">{findingText(intl, f)}</Text>}
          <ScoreLine {...summarise(c.scores)} score={c.score} falseMatchRate={c.falseMatchRate} />
          <ScoreTable scores={c.scores} caption="biometrics.ees.identification.caption" />
        </ResultCard>,
      );
    });
  }
  return <>{cards}</>;
}

/**
 * What the live biometrics showed (Reg. (EU) 2017/2226 art. 23(2)-(4): verification against the EES file,
 * identification when the document finds none or the verification fails; 2018/1861 art. 33 and 2018/1862
 * art. 43: SIS searched with biometric data), each result explained, with its scores.
 */
export function BiometricResults({ result }: { result: BorderCheckResult }) {
  const intl = useIntl();
  const ees = result.ees.biometrics ?? null;
  const searched = sisBiometricMatches(result);
  const sis = searched ?? [];
  const findings = result.findings.filter((f) => f.discreet !== true && isBiometricFinding(f));
  // A covert alert matched by the capture is shown as a discreet check only; "no SIS match" would contradict it.
  const discreetMatch = result.findings.some((f) => f.discreet === true && f.params?.via === 'biometric');
  if (ees === null && searched === null) {
    return null;
  }
  const sisFinding = (alertId: string) => findings.find((f) => f.system === 'sis' && f.alertId === alertId);
  return (
    <Stack gap="xs" component="section" aria-labelledby="biometrics-title" data-testid="biometric-results">
      <Title order={2} size="h4" id="biometrics-title">
        <FormattedMessage id="biometrics.result.title" />
      </Title>
      {ees !== null && <ProbeLine probe={ees.probe} />}
      {ees !== null && <EesResults ees={ees} findings={findings} />}
      {sis.map((m) => {
        const finding = sisFinding(m.alert.alertId);
        return (
          <ResultCard
            key={m.alert.alertId}
            outcome="sis-hit"
            code={finding?.code ?? 'SIS_BIOMETRIC_HIT'}
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
          outcome="none"
          code="SIS_NO_BIOMETRIC_MATCH"
          title={<FormattedMessage id="biometrics.sis.none" />}
        />
      )}
    </Stack>
  );
}
