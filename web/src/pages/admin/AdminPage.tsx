import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type {
  AdminAuthoritiesResponse,
  AdminAuthority,
  AdminCreateUserBody,
  AdminRolesResponse,
  AdminRotationResponse,
  AdminUser,
  AdminUserRequestsResponse,
  AdminUsersResponse,
} from '../../api/types.ts';
import { useAuth, useSession } from '../../auth/session.tsx';
import { formatUtc } from '../../format/datetime.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { PurposeGate } from '../../shell/PurposeGate.tsx';
import { ShortId } from '../../shell/ShortId.tsx';
import { statusColours, statusText } from '../../theme.ts';

const ADMIN_PURPOSES = ['system-administration'];

const STATUS_COLOUR: Record<AdminUser['status'], string> = {
  active: statusColours.success,
  inactive: 'gray',
  pending: statusColours.warning,
  rejected: statusColours.danger,
};

function useT() {
  const intl = useIntl();
  return (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
}

function StatusBadge({ status }: { status: AdminUser['status'] }) {
  return (
    <Badge color={STATUS_COLOUR[status]} variant="filled" radius="sm" size="sm">
      <FormattedMessage id={`admin.status.${status}`} />
    </Badge>
  );
}

function AuthoritiesTab({ authorities }: { authorities: AdminAuthority[] }) {
  const t = useT();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing={4} fz="sm" data-testid="admin-authorities">
        <Table.Caption>{t('admin.authorities.caption', { count: authorities.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.col.name')}</Table.Th>
            <Table.Th>{t('admin.col.type')}</Table.Th>
            <Table.Th>{t('admin.col.memberState')}</Table.Th>
            <Table.Th>{t('admin.col.cirIdentification')}</Table.Th>
            <Table.Th>{t('admin.col.id')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {authorities.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td fw={600}>{a.name}</Table.Td>
              <Table.Td>{a.type}</Table.Td>
              <Table.Td>{a.memberState}</Table.Td>
              <Table.Td>{a.cirIdentification ? t('admin.cirIdentification.empowered') : '—'}</Table.Td>
              <Table.Td>
                <ShortId id={a.id} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Requests by another authority's administrator for users of my authority: approve, or reject with a reason. */
function PendingRequests({
  requests,
  usernames,
  onDecided,
}: {
  requests: AdminUser[];
  usernames: Map<string, string>;
  onDecided: () => void;
}) {
  const t = useT();
  const intl = useIntl();
  const { api } = useSession();
  const [rejecting, setRejecting] = useState<AdminUser | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const decide = async (user: AdminUser, decision: 'approve' | 'reject', why?: string) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/access/users/${encodeURIComponent(user.id)}/confirmation`, {
        method: 'POST',
        body: { decision, ...(why === undefined ? {} : { reason: why }) },
      });
      setRejecting(null);
      setReason('');
      onDecided();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" data-testid="admin-pending">
      <Title order={2} size="h4">
        <FormattedMessage id="admin.pending.title" values={{ count: requests.length }} />
      </Title>
      <Text size="sm" c="dimmed">
        <FormattedMessage id="admin.pending.intro" />
      </Text>
      {error !== null && <ErrorAlert error={error} title="admin.pending.failed" />}
      {requests.length === 0 ? (
        <Text size="sm">
          <FormattedMessage id="admin.pending.none" />
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.col.username')}</Table.Th>
                <Table.Th>{t('admin.col.displayName')}</Table.Th>
                <Table.Th>{t('admin.col.requestedBy')}</Table.Th>
                <Table.Th>{t('admin.col.requestedAt')}</Table.Th>
                <Table.Th>{t('admin.col.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.map((u) => {
                const by = u.request?.requestedBy ?? null;
                return (
                  <Table.Tr key={u.id} data-testid="admin-pending-row" data-username={u.username}>
                    <Table.Td fw={600}>{u.username}</Table.Td>
                    <Table.Td>{u.displayName}</Table.Td>
                    <Table.Td>{by === null ? '—' : (usernames.get(by) ?? <ShortId id={by} />)}</Table.Td>
                    <Table.Td>
                      {u.request?.requestedAt ? formatUtc(intl, u.request.requestedAt) : '—'}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          disabled={busy}
                          onClick={() => void decide(u, 'approve')}
                          aria-label={t('admin.pending.approveUser', { username: u.username })}
                        >
                          <FormattedMessage id="admin.pending.approve" />
                        </Button>
                        <Button
                          size="xs"
                          variant="outline"
                          color={statusText.danger}
                          disabled={busy}
                          onClick={() => setRejecting(u)}
                          aria-label={t('admin.pending.rejectUser', { username: u.username })}
                        >
                          <FormattedMessage id="admin.pending.reject" />
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('admin.cancel') }}
        opened={rejecting !== null}
        onClose={() => setRejecting(null)}
        title={t('admin.pending.rejectTitle', { username: rejecting?.username ?? '' })}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (rejecting !== null) {
              void decide(rejecting, 'reject', reason);
            }
          }}
        >
          <Stack gap="sm">
            <Textarea
              label={t('admin.pending.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              required
              maxLength={500}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRejecting(null)}>
                <FormattedMessage id="admin.cancel" />
              </Button>
              <Button type="submit" color={statusColours.danger} disabled={busy || reason.trim() === ''}>
                <FormattedMessage id="admin.pending.reject" />
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}

function CreateUserForm({
  authorities,
  purpose,
  onCreated,
}: {
  authorities: AdminAuthority[];
  purpose: string;
  onCreated: () => void;
}) {
  const t = useT();
  const { api, user: me } = useSession();
  const [form, setForm] = useState({ username: '', displayName: '', password: '', authorityId: '' });
  const [confirmsUsers, setConfirmsUsers] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<{ id: MessageId; values: Record<string, string> } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const body: AdminCreateUserBody = { ...form, confirmsUsers };
      const created = await api<AdminUser>('/access/users', { method: 'POST', purpose, body });
      setNotice({
        id: created.status === 'pending' ? 'admin.create.requested' : 'admin.create.created',
        values: { username: created.username, authority: created.authority.name },
      });
      setForm({ username: '', displayName: '', password: '', authorityId: form.authorityId });
      setConfirmsUsers(false);
      onCreated();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const other = form.authorityId !== '' && form.authorityId !== me.authority.id;
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="admin-create-user">
      <Stack gap="xs" maw={560}>
        <Title order={2} size="h4">
          <FormattedMessage id="admin.create.title" />
        </Title>
        <TextInput
          label={t('admin.create.username')}
          description={t('admin.create.usernameHint')}
          value={form.username}
          onChange={(e) => set('username')(e.currentTarget.value)}
          required
          maxLength={64}
        />
        <TextInput
          label={t('admin.create.displayName')}
          value={form.displayName}
          onChange={(e) => set('displayName')(e.currentTarget.value)}
          required
          maxLength={200}
        />
        <PasswordInput
          label={t('admin.create.password')}
          description={t('admin.create.passwordHint')}
          value={form.password}
          onChange={(e) => set('password')(e.currentTarget.value)}
          required
          maxLength={1000}
        />
        <Select
          label={t('admin.create.authority')}
          data={authorities.map((a) => ({ value: a.id, label: `${a.name} (${a.memberState}, ${a.type})` }))}
          value={form.authorityId === '' ? null : form.authorityId}
          onChange={(v) => set('authorityId')(v ?? '')}
          required
          searchable
          comboboxProps={{ withinPortal: true }}
        />
        {other && (
          <Alert color={statusText.warning} variant="outline" data-testid="admin-create-other">
            <Text size="sm">
              <FormattedMessage id="admin.create.otherAuthority" />
            </Text>
          </Alert>
        )}
        <Checkbox
          label={t('admin.create.confirmsUsers')}
          checked={confirmsUsers}
          onChange={(e) => setConfirmsUsers(e.currentTarget.checked)}
        />
        {error !== null && <ErrorAlert error={error} title="admin.create.failed" />}
        {notice !== null && (
          <Text size="sm" role="status" data-testid="admin-create-notice">
            <FormattedMessage id={notice.id} values={notice.values} />
          </Text>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            <FormattedMessage id="admin.create.submit" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function UsersTab({
  purpose,
  authorities,
  users,
  requests,
  reload,
}: {
  purpose: string;
  authorities: AdminAuthority[];
  users: AdminUser[];
  requests: AdminUser[];
  reload: () => void;
}) {
  const t = useT();
  const { api, user: me } = useSession();
  const [error, setError] = useState<unknown>(null);
  const usernames = new Map(users.map((u) => [u.id, u.username]));

  const setActive = async (user: AdminUser, active: boolean) => {
    setError(null);
    try {
      await api(`/access/users/${encodeURIComponent(user.id)}`, {
        method: 'PATCH',
        purpose,
        body: { active },
      });
      reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Stack gap="xl">
      <PendingRequests requests={requests} usernames={usernames} onDecided={reload} />
      <CreateUserForm authorities={authorities} purpose={purpose} onCreated={reload} />
      <Stack gap="xs">
        <Title order={2} size="h4">
          <FormattedMessage id="admin.users.title" values={{ count: users.length }} />
        </Title>
        {error !== null && <ErrorAlert error={error} title="admin.users.failed" />}
        <Table.ScrollContainer minWidth={860}>
          <Table striped verticalSpacing={4} fz="sm" data-testid="admin-users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.col.username')}</Table.Th>
                <Table.Th>{t('admin.col.displayName')}</Table.Th>
                <Table.Th>{t('admin.col.authority')}</Table.Th>
                <Table.Th>{t('admin.col.status')}</Table.Th>
                <Table.Th>{t('admin.col.id')}</Table.Th>
                <Table.Th>{t('admin.col.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((u) => {
                const mine = u.authority.id === me.authority.id && u.id !== me.id;
                const switchable = mine && (u.status === 'active' || u.status === 'inactive');
                return (
                  <Table.Tr key={u.id} data-testid="admin-user-row" data-username={u.username}>
                    <Table.Td fw={600}>{u.username}</Table.Td>
                    <Table.Td>{u.displayName}</Table.Td>
                    <Table.Td>
                      {u.authority.name} ({u.authority.memberState})
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={u.status} />
                    </Table.Td>
                    <Table.Td>
                      <ShortId id={u.id} />
                    </Table.Td>
                    <Table.Td>
                      {switchable && (
                        <Button
                          size="xs"
                          variant="outline"
                          onClick={() => void setActive(u, u.status !== 'active')}
                          aria-label={t(
                            u.status === 'active'
                              ? 'admin.users.deactivateUser'
                              : 'admin.users.reactivateUser',
                            { username: u.username },
                          )}
                        >
                          <FormattedMessage
                            id={u.status === 'active' ? 'admin.users.deactivate' : 'admin.users.reactivate'}
                          />
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Stack>
  );
}

/** What each authority type may do: permissions down, authority types across (read-only, from the server). */
function RolesTab() {
  const t = useT();
  const { api } = useSession();
  const [roles, setRoles] = useState<AdminRolesResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    api<AdminRolesResponse>('/access/roles', { signal: controller.signal }).then(setRoles, (e: unknown) => {
      if (!controller.signal.aborted) {
        setError(e);
      }
    });
    return () => controller.abort();
  }, [api]);
  if (error !== null) {
    return <ErrorAlert error={error} title="admin.roles.failed" />;
  }
  if (roles === null) {
    return <InlineLoader label="admin.loading" />;
  }
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        <FormattedMessage id="admin.roles.intro" />
      </Text>
      {/* A region of its own that takes focus, so that the wide matrix scrolls with the keyboard too. */}
      <Box
        component="section"
        tabIndex={0}
        aria-label={t('admin.roles.caption')}
        style={{ overflowX: 'auto' }}
      >
        <Table striped withColumnBorders verticalSpacing={2} fz="xs" miw={1100} data-testid="admin-roles">
          <Table.Caption>{t('admin.roles.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('admin.roles.permission')}</Table.Th>
              {roles.roles.map((r) => (
                <Table.Th key={r.authorityType} scope="col">
                  {r.authorityType}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {roles.permissions.map((p) => (
              <Table.Tr key={p}>
                <Table.Th scope="row">
                  <code>{p}</code>
                </Table.Th>
                {roles.roles.map((r) => {
                  const allowed = r.permissions.includes(p);
                  return (
                    <Table.Td key={r.authorityType} ta="center">
                      <span aria-hidden="true">{allowed ? '✓' : ''}</span>
                      <VisuallyHidden>
                        {t(allowed ? 'admin.roles.allowed' : 'admin.roles.notAllowed')}
                      </VisuallyHidden>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th scope="row">{t('admin.roles.purposes')}</Table.Th>
              {roles.roles.map((r) => (
                <Table.Td key={r.authorityType}>{r.purposes.join(', ')}</Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Box>
    </Stack>
  );
}

/** Rotation of the token signing key, normal or emergency, after a confirmation. */
function SecurityTab({ purpose }: { purpose: string }) {
  const t = useT();
  const intl = useIntl();
  const { api } = useSession();
  const { signOut } = useAuth();
  const [reason, setReason] = useState('');
  const [emergency, setEmergency] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<AdminRotationResponse | null>(null);

  const rotate = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<AdminRotationResponse>('/access/token-secret/rotation', {
        method: 'POST',
        purpose,
        body: { reason, revokeExisting: emergency },
      });
      setConfirming(false);
      if (r.revokedExisting) {
        // Every token has just been refused, this one too: sign in again.
        signOut('admin.security.signedOut');
        return;
      }
      setResult(r);
      setReason('');
    } catch (e) {
      setConfirming(false);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" maw={640} data-testid="admin-security">
      <Title order={2} size="h4">
        <FormattedMessage id="admin.security.title" />
      </Title>
      <Text size="sm">
        <FormattedMessage id="admin.security.intro" />
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('admin.security.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            maxLength={500}
          />
          <Checkbox
            label={t('admin.security.emergency')}
            description={t('admin.security.emergencyHint')}
            checked={emergency}
            onChange={(e) => setEmergency(e.currentTarget.checked)}
          />
          <Group>
            <Button
              type="submit"
              color={emergency ? statusColours.danger : undefined}
              disabled={reason.trim() === ''}
            >
              <FormattedMessage id="admin.security.rotate" />
            </Button>
          </Group>
        </Stack>
      </form>
      {error !== null && <ErrorAlert error={error} title="admin.security.failed" />}
      {result !== null && (
        <Alert color={statusText.success} variant="outline" role="status" data-testid="admin-rotation-result">
          <Text size="sm">
            <FormattedMessage
              id="admin.security.rotated"
              values={{
                kid: result.kid,
                until:
                  result.previousKeyValidUntil === null ? '—' : formatUtc(intl, result.previousKeyValidUntil),
              }}
            />
          </Text>
        </Alert>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('admin.cancel') }}
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t(emergency ? 'admin.security.confirmEmergencyTitle' : 'admin.security.confirmTitle')}
      >
        <Stack gap="sm">
          <Text size="sm">
            <FormattedMessage
              id={emergency ? 'admin.security.confirmEmergency' : 'admin.security.confirmNormal'}
            />
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              <FormattedMessage id="admin.cancel" />
            </Button>
            <Button
              color={emergency ? statusColours.danger : undefined}
              loading={busy}
              onClick={() => void rotate()}
              data-testid="admin-rotation-confirm"
            >
              <FormattedMessage id="admin.security.rotateNow" />
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Administration({ purpose }: { purpose: string }) {
  const t = useT();
  const { api } = useSession();
  const [data, setData] = useState<{
    authorities: AdminAuthority[];
    users: AdminUser[];
    requests: AdminUser[];
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    Promise.all([
      api<AdminAuthoritiesResponse>('/access/authorities', { signal }),
      api<AdminUsersResponse>('/access/users', { purpose, signal }),
      api<AdminUserRequestsResponse>('/access/user-requests', { signal }),
    ]).then(
      ([a, u, r]) => {
        setError(null);
        setData({ authorities: a.authorities, users: u.users, requests: r.requests });
      },
      (e: unknown) => {
        if (!signal.aborted) {
          setError(e);
        }
      },
    );
    return () => controller.abort();
  }, [api, purpose, version]);

  if (error !== null) {
    return <ErrorAlert error={error} title="admin.failed" />;
  }
  if (data === null) {
    return <InlineLoader label="admin.loading" />;
  }
  const pending = data.requests.length;
  return (
    <Tabs defaultValue="users" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="authorities">{t('admin.tab.authorities')}</Tabs.Tab>
        <Tabs.Tab
          value="users"
          rightSection={
            pending > 0 ? (
              <Badge
                size="sm"
                color={statusColours.warning}
                variant="filled"
                data-testid="admin-pending-count"
              >
                <span aria-hidden="true">{pending}</span>
                <VisuallyHidden>{t('admin.pending.count', { count: pending })}</VisuallyHidden>
              </Badge>
            ) : undefined
          }
        >
          {t('admin.tab.users')}
        </Tabs.Tab>
        <Tabs.Tab value="roles">{t('admin.tab.roles')}</Tabs.Tab>
        <Tabs.Tab value="security">{t('admin.tab.security')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="authorities" pt="md">
        <AuthoritiesTab authorities={data.authorities} />
      </Tabs.Panel>
      <Tabs.Panel value="users" pt="md">
        <UsersTab
          purpose={purpose}
          authorities={data.authorities}
          users={data.users}
          requests={data.requests}
          reload={reload}
        />
      </Tabs.Panel>
      <Tabs.Panel value="roles" pt="md">
        <RolesTab />
      </Tabs.Panel>
      <Tabs.Panel value="security" pt="md">
        <SecurityTab purpose={purpose} />
      </Tabs.Panel>
    </Tabs>
  );
}

/**
 * Administration for the administrator authority type: authorities, users (with the requests of other
 * authorities' administrators awaiting this authority's confirmation), what each authority type may do, and
 * the rotation of the token signing key. The server enforces every rule; the screen only offers what it allows.
 */
export default function AdminPage() {
  return (
    <Stack gap="lg" maw={1200}>
      <Stack gap={4}>
        <PageTitle id="admin.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="admin.intro" />
        </Text>
      </Stack>
      <PurposeGate purposes={ADMIN_PURPOSES}>{(purpose) => <Administration purpose={purpose} />}</PurposeGate>
    </Stack>
  );
}
