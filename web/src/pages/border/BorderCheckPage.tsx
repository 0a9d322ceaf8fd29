import { Alert, Button, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { Bcp, BorderCheckResult } from '../../api/types.ts';
import { ApiError } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { DayInput } from '../../shell/DayInput.tsx';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { statusText } from '../../theme.ts';
import { CaptureFileInput } from '../biometrics/CaptureFile.tsx';
import {
  problemsByTemplate,
  type CapturedTemplate,
  type ServerTemplateProblem,
  type TemplateInput,
} from '../biometrics/captureFile.ts';
import { BcpSelect } from './BcpSelect.tsx';
import { BiometricResults } from './BiometricResults.tsx';
import {
  DiscreetChecks,
  DocumentProblems,
  FindingsList,
  HolderDetails,
  VerdictBanner,
} from './CheckResult.tsx';
import { EtiasPanel } from './EtiasPanel.tsx';
import { LinkWarnings, linkNotices } from '../mid/LinkWarnings.tsx';
import { MrzInput } from './MrzInput.tsx';
import { mrzLines } from './mrzCheck.ts';
import { BORDER_PURPOSE, RecordActions } from './RecordActions.tsx';
import { StayWindowView, TravelHistory } from './TravelHistory.tsx';

interface CheckRequest {
  mrz: string;
  bcpId: string;
  intendedExit: string | null;
  /** Live templates from the capture device's file (face, fingers), compared 1:1 and 1:N by the server. */
  biometrics: TemplateInput[] | null;
}

/**
 * The border check (Regulation (EU) 2016/399 Art. 8; EES Art. 23): the MRZ is read or typed, the server checks
 * the document, EES with the 90/180 rule and SIS, and suggests; the guard decides and records entry, exit or
 * refusal. Built for the keyboard: the MRZ field has focus when the screen opens, Enter at the end of the MRZ
 * checks, the result takes focus, and Alt+N starts the next traveller.
 */
export default function BorderCheckPage() {
  const intl = useIntl();
  const { api } = useSession();
  const [mrz, setMrz] = useState('');
  const [bcp, setBcp] = useState<Bcp | null>(null);
  const [intendedExit, setIntendedExit] = useState<string | null>(null);
  const [result, setResult] = useState<BorderCheckResult | null>(null);
  const [checked, setChecked] = useState<CheckRequest | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [emptyMrz, setEmptyMrz] = useState(false);
  const [live, setLive] = useState<CapturedTemplate[] | null>(null);
  const [liveProblems, setLiveProblems] = useState<Map<number, ServerTemplateProblem>>(new Map());
  const [captureKey, setCaptureKey] = useState(0);
  const mrzRef = useRef<HTMLTextAreaElement>(null);
  const verdictRef = useRef<HTMLHeadingElement>(null);
  const controller = useRef<AbortController | null>(null);
  const focusVerdict = useRef(false);

  useEffect(() => {
    mrzRef.current?.focus();
    return () => controller.current?.abort();
  }, []);

  useEffect(() => {
    if (result !== null && focusVerdict.current) {
      focusVerdict.current = false;
      verdictRef.current?.focus();
    }
  }, [result]);

  const runCheck = useCallback(
    (request: CheckRequest) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setChecking(true);
      setError(null);
      api<BorderCheckResult>('/border-check', {
        method: 'POST',
        purpose: BORDER_PURPOSE,
        body: {
          mrz: request.mrz,
          bcpId: request.bcpId,
          ...(request.intendedExit === null ? {} : { intendedExit: request.intendedExit }),
          ...(request.biometrics === null ? {} : { biometrics: request.biometrics }),
        },
        signal: current.signal,
      }).then(
        (answer) => {
          if (!current.signal.aborted) {
            focusVerdict.current = true;
            setChecked(request);
            setResult(answer);
            setChecking(false);
          }
        },
        (failure: unknown) => {
          if (!current.signal.aborted) {
            setError(failure);
            setChecking(false);
            if (failure instanceof ApiError && live !== null) {
              setLiveProblems(problemsByTemplate(live, failure.code, failure.details));
            }
          }
        },
      );
    },
    [api, live],
  );

  const check = () => {
    const lines = mrzLines(mrz);
    if (lines.length === 0) {
      setEmptyMrz(true);
      mrzRef.current?.focus();
      return;
    }
    if (bcp === null) {
      return;
    }
    setEmptyMrz(false);
    setNotice(null);
    setActionError(null);
    if (live !== null && live.some((t) => t.problem !== null)) {
      return;
    }
    runCheck({
      mrz: lines.join('\n'),
      bcpId: bcp.id,
      intendedExit,
      biometrics: live === null ? null : live.map((t) => t.input),
    });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    check();
  };

  const nextTraveller = () => {
    controller.current?.abort();
    setMrz('');
    setIntendedExit(null);
    setLive(null);
    setLiveProblems(new Map());
    setCaptureKey((k) => k + 1);
    setResult(null);
    setChecked(null);
    setError(null);
    setActionError(null);
    setNotice(null);
    setChecking(false);
    mrzRef.current?.focus();
  };

  useHotkeys([['alt+N', nextTraveller]], []);

  const recorded = (text: string) => {
    setActionError(null);
    setNotice(text);
    if (checked !== null) {
      runCheck(checked);
    }
  };
  const failed = (failure: unknown) => {
    setActionError(failure);
    // A file may have been created before the entry failed: the new check shows it.
    if (checked !== null) {
      runCheck(checked);
    }
  };

  const details = result?.ees.file ?? null;
  const control = details?.stay?.control ?? null;

  return (
    // Weeks start on Monday, as in every EU member state (ISO 8601).
    <DatesProvider settings={{ locale: intl.locale, firstDayOfWeek: 1 }}>
      <Stack gap="lg" maw={1100}>
        <Stack gap={4}>
          <PageTitle id="border.title" takeFocus={false} />
          <Text c="dimmed" size="sm">
            <FormattedMessage id="border.intro" />
          </Text>
        </Stack>
        <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'border.form' })}>
          <Stack gap="md">
            <MrzInput
              ref={mrzRef}
              value={mrz}
              onChange={(value) => {
                setMrz(value);
                setEmptyMrz(false);
              }}
              onSubmit={check}
              serverError={emptyMrz ? intl.formatMessage({ id: 'mrz.error.empty' }) : null}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <BcpSelect value={bcp} onChange={setBcp} />
              <DayInput
                label="border.intendedExit"
                description="border.intendedExit.description"
                value={intendedExit}
                onChange={setIntendedExit}
                testId="intended-exit"
              />
            </SimpleGrid>
            <CaptureFileInput
              key={captureKey}
              label="biometrics.live.label"
              description="biometrics.live.description"
              templates={live}
              onChange={(next) => {
                setLive(next);
                setLiveProblems(new Map());
              }}
              serverProblems={liveProblems}
            />
            <Group gap="sm">
              <Button type="submit" loading={checking} disabled={bcp === null}>
                <FormattedMessage id="border.check" />
              </Button>
              <Button type="button" variant="default" onClick={nextTraveller}>
                <FormattedMessage id="border.next" />
              </Button>
            </Group>
          </Stack>
        </form>
        <div role="status" aria-live="polite" data-testid="border-status">
          {checking && (
            <Group gap="xs">
              <Loader size="sm" aria-hidden />
              <Text size="sm">
                <FormattedMessage id="border.checking" />
              </Text>
            </Group>
          )}
          {notice !== null && (
            <Alert color={statusText.success} variant="outline" data-testid="record-notice">
              <Text size="sm">{notice}</Text>
            </Alert>
          )}
        </div>
        {error !== null && <ErrorAlert error={error} title="border.failed" />}
        {result !== null && (
          <Stack gap="lg" data-testid="check-result">
            <VerdictBanner ref={verdictRef} result={result} />
            <DocumentProblems result={result} />
            <DiscreetChecks findings={result.findings} />
            <LinkWarnings notices={midNotices(result)} />
            <BiometricResults result={result} />
            <FindingsList findings={result.findings} />
            <EtiasPanel result={result} />
            {actionError !== null && <ErrorAlert error={actionError} title="actions.failed" />}
            {bcp !== null && result.holder !== null && (
              <RecordActions
                key={`${result.checkedAt}-${details?.file.id ?? 'new'}`}
                result={result}
                bcp={bcp}
                onRecorded={recorded}
                onFailed={failed}
              />
            )}
            {result.holder !== null && <HolderDetails holder={result.holder} />}
            {details === null ? (
              result.holder !== null && (
                <Text data-testid="no-ees-file" fw={700}>
                  <FormattedMessage id="border.noFile" />
                </Text>
              )
            ) : (
              <>
                <TravelHistory details={details} />
                {control !== null && <StayWindowView control={control} details={details} />}
                {details.stay !== null && !details.stay.calculatorApplied && (
                  <Text size="sm">
                    <FormattedMessage id="border.window.notApplied" />
                  </Text>
                )}
              </>
            )}
          </Stack>
        )}
      </Stack>
    </DatesProvider>
  );
}

/** The multiple-identity links of the traveller's records the guard may see (`extra.mid.links`, art. 26). */
function midNotices(result: BorderCheckResult) {
  const mid = result.extra.mid;
  return linkNotices(
    typeof mid === 'object' && mid !== null ? (mid as { links?: unknown }).links : undefined,
  );
}
