import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';

import { ApiError } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { formatDate } from '../../format/datetime.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { DataTable, type TableColumn } from '../../shell/table/DataTable.tsx';
import { useTableState } from '../../shell/table/useTableState.ts';
import { statusColours, statusText } from '../../theme.ts';
import { pageQuery, PAGE_SIZE, useServerPage } from '../lists/useServerPage.ts';
import type { WatchlistData, WatchlistEntry, WatchlistPreview } from './rulesTypes.ts';

const PURPOSE = 'etias-examination';
const BASE = '/etias/watchlist';
const SPEC = {
  filters: ['due'],
  sortable: ['reviewDue'],
  defaultSort: { column: 'reviewDue', direction: 'asc' },
} as const;

interface Form {
  reason: string;
  surname: string;
  givenNames: string;
  birthDate: string;
  documentNumber: string;
  issuingState: string;
  email: string;
  phone: string;
}
const EMPTY: Form = {
  reason: '',
  surname: '',
  givenNames: '',
  birthDate: '',
  documentNumber: '',
  issuingState: '',
  email: '',
  phone: '',
};

function dataOf(f: Form): WatchlistData {
  const v = (s: string) => (s.trim() === '' ? undefined : s.trim());
  const data: WatchlistData = {};
  if (v(f.surname)) {
    data.surname = v(f.surname);
  }
  if (v(f.givenNames)) {
    data.givenNames = v(f.givenNames);
  }
  if (v(f.birthDate)) {
    data.birthDate = v(f.birthDate);
  }
  if (v(f.documentNumber)) {
    data.documents = [
      {
        number: f.documentNumber.trim(),
        ...(v(f.issuingState) ? { issuingState: f.issuingState.trim().toUpperCase() } : {}),
      },
    ];
  }
  if (v(f.email)) {
    data.email = v(f.email);
  }
  if (v(f.phone)) {
    data.phone = v(f.phone);
  }
  return data;
}

const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function EntryForm({ onEntered }: { onEntered: () => void }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const { api, user } = useSession();
  const [form, setForm] = useState<Form>(EMPTY);
  const [preview, setPreview] = useState<WatchlistPreview | null>(null);
  const [inSis, setInSis] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const set = (k: keyof Form, value: string) => {
    setForm((f) => ({ ...f, [k]: value }));
    setPreview(null);
    setInSis(null);
  };
  const europol = user.authority.type === 'etias-central';

  const check = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setPreview(
        await api<WatchlistPreview>(`${BASE}/preview`, {
          method: 'POST',
          purpose: PURPOSE,
          body: { data: dataOf(form) },
        }),
      );
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  const enter = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    setInSis(null);
    try {
      const r = await api<{ entry: WatchlistEntry; authorisationMatches: unknown[] }>(BASE, {
        method: 'POST',
        purpose: PURPOSE,
        body: { reason: form.reason, data: dataOf(form) },
      });
      setDone(
        intl.formatMessage(
          { id: 'etias.watchlist.entered' },
          {
            id: r.entry.id,
            matches: r.authorisationMatches.length,
            due: formatDate(intl, r.entry.reviewDue),
          },
        ),
      );
      setForm(EMPTY);
      setPreview(null);
      onEntered();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ETIAS_WATCHLIST_IN_SIS') {
        const alerts = (e.details?.alerts as Array<{ recordRef: string }> | undefined) ?? [];
        setInSis(alerts.map((a) => a.recordRef.replace(/^sis:/u, '')));
      } else {
        setFailure(e);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" data-testid="watchlist-form">
      <form onSubmit={(e) => void enter(e)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            <FormattedMessage id="etias.watchlist.add" />
          </Title>
          <Text size="sm" c="dimmed">
            <FormattedMessage
              id={europol ? 'etias.watchlist.owner.europol' : 'etias.watchlist.owner.state'}
              values={{ state: user.authority.memberState }}
            />
          </Text>
          <Textarea
            label={t('etias.watchlist.reason')}
            value={form.reason}
            onChange={(e) => set('reason', e.currentTarget.value)}
            required
            autosize
            minRows={2}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('etias.watchlist.surname')}
              value={form.surname}
              onChange={(e) => set('surname', e.currentTarget.value)}
            />
            <TextInput
              label={t('etias.watchlist.givenNames')}
              value={form.givenNames}
              onChange={(e) => set('givenNames', e.currentTarget.value)}
            />
            <TextInput
              label={t('etias.watchlist.birthDate')}
              description={t('etias.watchlist.birthDate.hint')}
              value={form.birthDate}
              onChange={(e) => set('birthDate', e.currentTarget.value)}
              maxLength={10}
            />
            <Group grow>
              <TextInput
                label={t('etias.watchlist.document')}
                value={form.documentNumber}
                onChange={(e) => set('documentNumber', e.currentTarget.value)}
              />
              <TextInput
                label={t('etias.watchlist.issuingState')}
                value={form.issuingState}
                maxLength={3}
                onChange={(e) => set('issuingState', e.currentTarget.value)}
              />
            </Group>
            <TextInput
              label={t('etias.watchlist.email')}
              type="email"
              value={form.email}
              onChange={(e) => set('email', e.currentTarget.value)}
            />
            <TextInput
              label={t('etias.watchlist.phone')}
              type="tel"
              value={form.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
            />
          </SimpleGrid>
          {preview !== null && (
            <Stack gap={4} data-testid="watchlist-preview">
              <Text size="sm">
                {preview.sisAlerts.length === 0 ? (
                  <FormattedMessage id="etias.watchlist.sisClear" />
                ) : (
                  <FormattedMessage
                    id="etias.watchlist.inSis"
                    values={{
                      alerts: preview.sisAlerts.map((a) => a.recordRef.replace(/^sis:/u, '')).join(', '),
                    }}
                  />
                )}
              </Text>
              <Text size="sm">
                <FormattedMessage
                  id="etias.watchlist.impact"
                  values={{
                    matched: preview.impact.matched,
                    total: preview.impact.total,
                    share: (
                      <FormattedNumber
                        value={preview.impact.share}
                        style="percent"
                        maximumFractionDigits={2}
                      />
                    ),
                  }}
                />
              </Text>
            </Stack>
          )}
          {inSis !== null && (
            <Alert color={statusText.danger} variant="outline" role="alert" data-testid="watchlist-in-sis">
              <FormattedMessage id="etias.watchlist.inSis" values={{ alerts: inSis.join(', ') }} />
            </Alert>
          )}
          {failure !== null && <ErrorAlert error={failure} title="etias.watchlist.failed" />}
          {done !== null && (
            <Text size="sm" role="status" data-testid="watchlist-done">
              {done}
            </Text>
          )}
          <Group>
            <Button variant="default" onClick={() => void check()} loading={busy}>
              <FormattedMessage id="etias.watchlist.check" />
            </Button>
            <Button type="submit" loading={busy} disabled={form.reason.trim() === ''}>
              <FormattedMessage id="etias.watchlist.enter" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/**
 * The ETIAS watchlist (Reg. (EU) 2018/1240 arts. 34-35): entries of the user's member state (all of them for the
 * Central Unit, which also enters Europol's), soonest review first; each is reviewed at least yearly (kept with
 * a new due date, or removed); a new entry is checked against SIS first, which has priority.
 */
export default function WatchlistPage() {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { api, user } = useSession();
  const table = useTableState(SPEC);
  const due = table.filters.due === 'yes';
  const [failure, setFailure] = useState<unknown>(null);
  const { data, loading, error, reload } = useServerPage<{ total: number; items: WatchlistEntry[] }>(
    BASE,
    PURPOSE,
    {
      ...(due ? { dueBy: plusDays(30) } : {}),
      ...pageQuery(table.page),
    },
  );
  const ownerOfUser = user.authority.type === 'etias-central' ? 'EUROPOL' : user.authority.memberState;
  const today = plusDays(0);

  const review = async (entry: WatchlistEntry, decision: 'keep' | 'remove') => {
    setFailure(null);
    try {
      await api(`${BASE}/${entry.id}/review`, { method: 'POST', purpose: PURPOSE, body: { decision } });
      reload();
    } catch (e) {
      setFailure(e);
    }
  };

  const columns: Array<TableColumn<WatchlistEntry>> = [
    {
      id: 'person',
      title: t('etias.watchlist.col.person'),
      hideable: false,
      render: (e) => (
        <Stack gap={0}>
          <Text size="inherit" fw={600}>
            {[e.data.surname, e.data.givenNames].filter(Boolean).join(', ') ||
              e.data.email ||
              e.data.documents?.[0]?.number ||
              e.id}
          </Text>
          {e.data.birthDate !== undefined && (
            <Text size="xs" c="dimmed">
              {e.data.birthDate}
            </Text>
          )}
        </Stack>
      ),
      csv: (e) => [e.data.surname, e.data.givenNames].filter(Boolean).join(', '),
    },
    { id: 'owner', title: t('etias.watchlist.col.owner'), render: (e) => e.owner, csv: (e) => e.owner },
    { id: 'reason', title: t('etias.watchlist.col.reason'), render: (e) => e.reason, csv: (e) => e.reason },
    {
      id: 'entered',
      title: t('etias.watchlist.col.entered'),
      render: (e) =>
        `${formatDate(intl, e.enteredAt.slice(0, 10))} · ${e.enteredBy} (${e.enteredByAuthority})`,
      csv: (e) => `${e.enteredAt} ${e.enteredBy} (${e.enteredByAuthority})`,
    },
    {
      id: 'reviewDue',
      title: t('etias.watchlist.col.reviewDue'),
      sortable: true,
      render: (e) => (
        <Group gap={6} wrap="nowrap">
          <span>{formatDate(intl, e.reviewDue)}</span>
          {e.reviewDue <= plusDays(30) && (
            <Badge
              color={e.reviewDue < today ? statusColours.danger : statusColours.warning}
              variant="filled"
              radius="sm"
              size="sm"
            >
              <FormattedMessage
                id={e.reviewDue < today ? 'etias.watchlist.overdue' : 'etias.watchlist.due'}
              />
            </Badge>
          )}
        </Group>
      ),
      csv: (e) => e.reviewDue,
    },
    {
      id: 'actions',
      title: t('etias.watchlist.col.actions'),
      hideable: false,
      render: (e) =>
        e.owner === ownerOfUser ? (
          <Group gap={4} wrap="nowrap">
            <Button size="xs" variant="default" onClick={() => void review(e, 'keep')}>
              <FormattedMessage id="etias.watchlist.keep" />
            </Button>
            <Button size="xs" variant="default" onClick={() => void review(e, 'remove')}>
              <FormattedMessage id="etias.watchlist.remove" />
            </Button>
          </Group>
        ) : null,
      csv: () => '',
    },
  ];

  return (
    <Stack gap="md">
      <PageTitle id="etias.watchlist.title" />
      <Text size="sm">
        <FormattedMessage id="etias.watchlist.intro" />
      </Text>
      <Switch
        label={t('etias.watchlist.dueOnly')}
        checked={due}
        onChange={(e) => table.setFilters({ due: e.currentTarget.checked ? 'yes' : null })}
      />
      {error !== null && <ErrorAlert error={error} title="etias.watchlist.failed" />}
      {failure !== null && <ErrorAlert error={failure} title="etias.watchlist.failed" />}
      <DataTable<WatchlistEntry>
        id="etias-watchlist"
        caption={t('etias.watchlist.caption')}
        columns={columns}
        records={data?.items ?? null}
        total={data?.total ?? 0}
        rowKey={(e) => e.id}
        loading={loading}
        sort={table.sort}
        onSortChange={table.setSort}
        page={table.page}
        pageSize={PAGE_SIZE}
        onPageChange={table.setPage}
        emptyText={t('etias.watchlist.empty')}
      />
      <EntryForm onEntered={reload} />
    </Stack>
  );
}
