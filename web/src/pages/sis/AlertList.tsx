import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { SisAlertList } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatDate } from '../../format/datetime.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { statusColours } from '../../theme.ts';
import { categoryLabel } from './ActionFirst.tsx';
import { useSisCatalogue } from './catalogue.ts';
import { alertSubject } from './subject.ts';

/** Member states that issue SIS alerts (the EU states and the four associated Schengen states). */
const SIS_STATES = [
  'AT', 'BE', 'BG', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT',
  'LI', 'LT', 'LU', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const; // prettier-ignore

const STATUSES = ['active', 'review-due', 'review-overdue'] as const;
type Status = (typeof STATUSES)[number];
const STATUS_COLOUR: Record<Status, string> = {
  active: 'gray',
  'review-due': statusColours.warning,
  'review-overdue': statusColours.danger,
};

const PAGE_SIZE = 25;

interface Filters {
  q: string;
  category: string | null;
  issuingState: string | null;
  status: string | null;
}

const NO_FILTERS: Filters = { q: '', category: null, issuingState: null, status: null };

/**
 * The list of SIS alerts for SIRENE and the police (Regulation (EU) 2018/1862 art. 44), newest first, with
 * search and filters: free text (names, identifiers, references, the id), category, issuing state and where
 * the alert stands against its review date (art. 53). Each row opens the alert.
 */
export function AlertList({ purpose }: { purpose: string }) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { api } = useSession();
  const { catalogue } = useSisCatalogue();
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<SisAlertList | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api<SisAlertList>('/sis/alerts', {
      purpose,
      signal: controller.signal,
      query: { ...applied, limit: PAGE_SIZE, offset },
    }).then(setList, (e: unknown) => {
      if (!controller.signal.aborted) {
        setError(e);
      }
    });
    return () => controller.abort();
  }, [api, purpose, applied, offset]);

  const apply = (patch: Partial<Filters>) => {
    setApplied((f) => ({ ...f, ...patch }));
    setOffset(0);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    apply({ q: text.trim() });
  };
  const regions = useMemo(() => new Intl.DisplayNames([intl.locale], { type: 'region' }), [intl.locale]);
  const categories = (catalogue?.categories ?? []).map((c) => ({
    value: c.code,
    label: categoryLabel(intl, c.code),
  }));

  return (
    <Stack gap="sm" data-testid="alert-list">
      <form onSubmit={submit} aria-label={t('sisList.form')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('sisList.q')}
            description={t('sisList.q.description')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            w={280}
          />
          <Button type="submit" variant="default">
            <FormattedMessage id="sisList.search" />
          </Button>
          <Select
            label={t('sisList.category')}
            placeholder={t('sisList.any')}
            data={categories}
            value={applied.category}
            onChange={(v) => apply({ category: v })}
            clearable
            searchable
            w={280}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('sisList.issuingState')}
            placeholder={t('sisList.any')}
            data={SIS_STATES.map((s) => ({ value: s, label: `${s} · ${regions.of(s) ?? s}` }))}
            value={applied.issuingState}
            onChange={(v) => apply({ issuingState: v })}
            clearable
            searchable
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('sisList.status')}
            placeholder={t('sisList.any')}
            data={STATUSES.map((s) => ({ value: s, label: t(`sisList.status.${s}`) }))}
            value={applied.status}
            onChange={(v) => apply({ status: v })}
            clearable
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
      </form>
      {error !== null && <ErrorAlert error={error} title="sisList.failed" />}
      {list === null && error === null && <InlineLoader label="sisList.loading" />}
      {list !== null && (
        <>
          <Text size="sm" role="status" data-testid="alert-list-summary">
            {list.total === 0 ? (
              <FormattedMessage id="sisList.none" />
            ) : (
              <FormattedMessage
                id="sisList.summary"
                values={{ from: offset + 1, to: offset + list.alerts.length, total: list.total }}
              />
            )}
          </Text>
          {list.alerts.length > 0 && (
            <Table.ScrollContainer minWidth={720}>
              <Table striped verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('sisList.col.subject')}</Table.Th>
                    <Table.Th>{t('sisList.col.category')}</Table.Th>
                    <Table.Th>{t('sisList.col.issuedBy')}</Table.Th>
                    <Table.Th>{t('sisList.col.reviewDue')}</Table.Th>
                    <Table.Th>{t('sisList.col.entered')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.alerts.map(({ alert, status }) => (
                    <Table.Tr
                      key={alert.id}
                      data-testid="alert-row"
                      data-alert-id={alert.id}
                      data-status={status}
                    >
                      <Table.Td>
                        <Anchor href={`#/sis/alerts/${encodeURIComponent(alert.id)}`} fz="sm">
                          {alertSubject(alert)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{categoryLabel(intl, alert.category)}</Table.Td>
                      <Table.Td>{alert.issuingState}</Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <span>{formatDate(intl, alert.reviewDue)}</span>
                          {status !== 'active' && (
                            <Badge color={STATUS_COLOUR[status]} variant="filled" radius="sm" size="sm">
                              {t(`sisList.status.${status}`)}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>{formatDate(intl, alert.createdAt.slice(0, 10))}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {list.total > PAGE_SIZE && (
            <Group gap="sm">
              <Button
                variant="default"
                size="xs"
                disabled={offset === 0}
                onClick={() => setOffset((o) => Math.max(o - PAGE_SIZE, 0))}
              >
                <FormattedMessage id="sisList.previous" />
              </Button>
              <Button
                variant="default"
                size="xs"
                disabled={offset + PAGE_SIZE >= list.total}
                onClick={() => setOffset((o) => o + PAGE_SIZE)}
              >
                <FormattedMessage id="sisList.next" />
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
