import { Button, Group, Stack } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLocation } from 'wouter';

import { ApiError } from '../../api/client.ts';
import { newIdempotencyKey } from '../../api/idempotency.ts';
import type { FieldIssue, SisAlert, SisCatalogue } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { AlertProblems } from './alert-form/AlertProblems.tsx';
import { CategoryFields } from './alert-form/CategoryFields.tsx';
import { DecisionFields, ReturnFields } from './alert-form/DecisionFields.tsx';
import { fieldId, shownFields, type Errors, type SectionProps } from './alert-form/fields.ts';
import { ObjectFields } from './alert-form/ObjectFields.tsx';
import { BiometricFields, PersonFields } from './alert-form/PersonFields.tsx';
import {
  buildAlertInput,
  checkDraft,
  EMPTY_DRAFT,
  fieldOfIssue,
  formOf,
  type AlertDraft,
} from './alertDraft.ts';
import { ALERT_PURPOSE, useSisCatalogue } from './catalogue.ts';

/**
 * Entry of a SIS alert (2018/1862 art. 20; 2018/1861 art. 20; 2018/1860 art. 4): the category decides which
 * fields are shown, and every choice comes from the server's catalogue. The form checks what it can alone
 * (required fields, date shapes); every other rule is the server's, and each problem the server finds is
 * shown next to its field, the first of them focused.
 */
export function AlertForm() {
  const { catalogue, error } = useSisCatalogue();
  if (catalogue === null) {
    return error === null ? (
      <InlineLoader label="sisForm.catalogue.loading" />
    ) : (
      <ErrorAlert error={error} title="sisForm.catalogue.failed" />
    );
  }
  return <AlertEntry catalogue={catalogue} />;
}

function AlertEntry({ catalogue }: { catalogue: SisCatalogue }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const { api } = useSession();
  const [, navigate] = useLocation();
  const [draft, setDraft] = useState<AlertDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<Errors>({});
  const [unplaced, setUnplaced] = useState<FieldIssue[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const focusError = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!focusError.current) {
      return;
    }
    focusError.current = false;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (first ?? document.getElementById('alert-problems'))?.focus();
  }, [errors, unplaced]);

  const update: SectionProps['update'] = (change, ...paths) => {
    setDraft((d) => (typeof change === 'function' ? change(d) : { ...d, ...change }));
    if (paths.some((p) => errors[p] !== undefined)) {
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !paths.includes(k))));
    }
  };
  const field = (path: string) => ({ id: fieldId(path), error: errors[path] });
  const form = formOf(draft.category, catalogue);
  const section: SectionProps = { draft, catalogue, update, field };

  const showIssues = (issues: Array<{ path: string; message: string }>) => {
    const fields = shownFields(draft, catalogue);
    const next: Errors = {};
    const rest: FieldIssue[] = [];
    for (const issue of issues) {
      const key = fieldOfIssue(issue.path, fields);
      if (key === null) {
        rest.push(issue);
      } else {
        next[key] = next[key] === undefined ? issue.message : `${next[key]}; ${issue.message}`;
      }
    }
    focusError.current = true;
    setErrors(next);
    setUnplaced(rest);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(null);
    const local = checkDraft(draft, catalogue);
    if (local.length > 0) {
      showIssues(local.map((i) => ({ path: i.path, message: t(i.message) })));
      return;
    }
    setErrors({});
    setUnplaced([]);
    setSaving(true);
    api<SisAlert>('/sis/alerts', {
      method: 'POST',
      purpose: ALERT_PURPOSE,
      headers: { 'Idempotency-Key': newIdempotencyKey() },
      body: buildAlertInput(draft, catalogue),
    }).then(
      (alert) => navigate(`/sis/alerts/${encodeURIComponent(alert.id)}`),
      (error: unknown) => {
        setSaving(false);
        const issues = error instanceof ApiError ? error.details?.issues : undefined;
        if (Array.isArray(issues) && issues.length > 0) {
          showIssues(issues as FieldIssue[]);
        } else {
          setFailure(error);
        }
      },
    );
  };

  return (
    <DatesProvider settings={{ locale: intl.locale, firstDayOfWeek: 1 }}>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('sisForm.form')}>
        <Stack gap="md">
          <AlertProblems count={Object.keys(errors).length + unplaced.length} unplaced={unplaced} />
          <CategoryFields {...section} />
          {form === 'person' && <PersonFields {...section} />}
          {form === 'biometric' && <BiometricFields {...section} />}
          {form === 'object' && <ObjectFields {...section} />}
          {draft.category === 'return' && <ReturnFields {...section} />}
          {draft.category !== null && <DecisionFields {...section} />}
          {failure !== null && <ErrorAlert error={failure} title="sisForm.failed" />}
          <Group>
            <Button type="submit" loading={saving}>
              <FormattedMessage id="sisForm.submit" />
            </Button>
            <Button
              type="button"
              variant="default"
              onClick={() => {
                setDraft(EMPTY_DRAFT);
                setErrors({});
                setUnplaced([]);
                setFailure(null);
              }}
            >
              <FormattedMessage id="sisForm.clear" />
            </Button>
          </Group>
        </Stack>
      </form>
    </DatesProvider>
  );
}
