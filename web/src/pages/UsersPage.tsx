import {
  App as AntApp,
  Button,
  Card,
  Drawer,
  Flex,
  Popconfirm,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useGovUnits, useInstitutions } from '../api/institutions.ts';
import { useTownshipNames } from '../api/regions.ts';
import type { Role, Session, UserSummary } from '../api/types.ts';
import { useRevokeSession, useSessions, useUsers } from '../api/users.ts';
import { RequireRole } from '../auth/RequireRole.tsx';
import { ADMIN_ROLES } from '../auth/roles.ts';
import { useCurrentUser } from '../auth/UserContext.ts';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { formatDateTime } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/context.ts';
import { CreateUserModal } from './users/CreateUserModal.tsx';
import { ResetPasswordModal } from './users/ResetPasswordModal.tsx';

function SessionsDrawer({ user, onClose }: { user: UserSummary | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const sessions = useSessions(user?.id);
  const revoke = useRevokeSession(user?.id);

  const columns: TableColumnsType<Session> = [
    {
      title: t.users.sessionId,
      dataIndex: 'id',
      render: (v: string) => <Typography.Text code>{v.slice(0, 8)}</Typography.Text>,
    },
    { title: t.users.createdAt, dataIndex: 'createdAt', render: (v?: string) => formatDateTime(v) },
    {
      title: t.users.lastSeenAt,
      dataIndex: 'lastSeenAt',
      render: (v?: string) => formatDateTime(v),
    },
    { title: t.users.expiresAt, dataIndex: 'expiresAt', render: (v?: string) => formatDateTime(v) },
    { title: t.users.ip, dataIndex: 'ip' },
    {
      title: t.users.userAgent,
      dataIndex: 'userAgent',
      ellipsis: true,
    },
    {
      title: t.common.actions,
      key: 'actions',
      render: (_: unknown, s) =>
        s.revokedAt ? (
          <Tag>{t.users.revoked}</Tag>
        ) : (
          <Popconfirm
            title={t.users.revokeConfirm}
            okText={t.users.revoke}
            cancelText={t.common.cancel}
            onConfirm={() =>
              revoke.mutate(s.id, {
                onSuccess: () => void message.success(t.users.revokedOk),
                onError: (e) => void message.error(errorText(e, lang)),
              })
            }
          >
            <Button size="small" danger data-testid="session-revoke">
              {t.users.revoke}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Drawer
      open={Boolean(user)}
      onClose={onClose}
      size="large"
      title={user ? t.users.sessionsOf(user.displayName || user.username) : ''}
      data-testid="sessions-drawer"
    >
      {sessions.isError ? (
        <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : null}
      <Table<Session>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={sessions.data ?? []}
        loading={sessions.isFetching}
        pagination={false}
        locale={{ emptyText: t.users.noSessions }}
        scroll={{ x: 800 }}
      />
    </Drawer>
  );
}

function UsersTable() {
  const { t, lang } = useI18n();
  const users = useUsers();
  const institutions = useInstitutions();
  const govUnits = useGovUnits();
  const townships = useTownshipNames();
  const [open, setOpen] = useState<UserSummary | null>(null);
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  const instNames = useMemo(
    () =>
      new Map(
        (institutions.data ?? []).map((i) => [
          i.id,
          lang === 'zh' ? i.nameZh : i.nameEn || i.nameZh,
        ]),
      ),
    [institutions.data, lang],
  );
  const unitNames = useMemo(
    () =>
      new Map(
        (govUnits.data ?? []).map((u) => [u.id, lang === 'zh' ? u.nameZh : u.nameEn || u.nameZh]),
      ),
    [govUnits.data, lang],
  );

  const columns: TableColumnsType<UserSummary> = [
    { title: t.users.username, dataIndex: 'username' },
    { title: t.users.displayName, dataIndex: 'displayName' },
    {
      title: t.users.role,
      dataIndex: 'role',
      render: (v: Role) => <Tag color="blue">{t.roles[v] ?? v}</Tag>,
    },
    {
      title: t.users.township,
      dataIndex: 'townshipCode',
      render: (v: string | null) => (v ? (townships.get(v) ?? v) : t.common.empty),
    },
    {
      title: t.users.institution,
      dataIndex: 'institutionId',
      render: (v: string | null) => (v ? (instNames.get(v) ?? v) : t.common.empty),
    },
    {
      title: t.users.govUnit,
      dataIndex: 'govUnitId',
      render: (v: string | null | undefined) => (v ? (unitNames.get(v) ?? v) : t.common.empty),
    },
    {
      title: t.users.status,
      dataIndex: 'disabled',
      render: (v: boolean) =>
        v ? <Tag color="red">{t.users.disabled}</Tag> : <Tag color="green">{t.users.active}</Tag>,
    },
    {
      title: t.common.actions,
      key: 'actions',
      render: (_: unknown, u) => (
        <Flex gap={8} wrap>
          <Button size="small" onClick={() => setOpen(u)} data-testid="user-sessions">
            {t.users.sessions}
          </Button>
          <Button size="small" onClick={() => setResetting(u)} data-testid="user-reset-password">
            {t.users.resetPassword}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <>
      {users.isError ? (
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      ) : null}
      <div data-testid="user-table">
        <Table<UserSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data ?? []}
          loading={users.isFetching}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: t.common.total }}
          scroll={{ x: 1100 }}
          onRow={(r) =>
            ({ 'data-testid': 'user-row', 'data-user-id': r.id }) as HTMLAttributes<HTMLElement>
          }
        />
      </div>
      <SessionsDrawer user={open} onClose={() => setOpen(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}

export function UsersPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const isAdmin = ADMIN_ROLES.includes(me.role);
  return (
    <div data-testid="users-page">
      <PageHeader
        title={t.users.title}
        subtitle={t.users.subtitle}
        extra={
          isAdmin ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="user-create">
              {t.users.create}
            </Button>
          ) : null
        }
      />
      <RequireRole user={me} roles={ADMIN_ROLES} message={t.users.adminOnly}>
        <Card>
          <UsersTable />
        </Card>
        <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      </RequireRole>
    </div>
  );
}
