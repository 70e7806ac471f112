import { App as AntApp, Button, Flex, Layout, Menu, Tag, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout } from '../api/auth.ts';
import { useGovUnits } from '../api/institutions.ts';
import type { User } from '../api/types.ts';
import { FullPageSpin } from '../auth/RequireAuth.tsx';
import { useCurrentUser } from '../auth/UserContext.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { useI18n } from '../i18n/context.ts';
import { paths } from '../paths.ts';
import { menuItems, selectedKey } from './nav.tsx';

const HEADER_HEIGHT = 56;

function useScopeLabel(user: User): string {
  const { t, lang } = useI18n();
  const govUnits = useGovUnits(user.role === 'gov_unit' && Boolean(user.govUnitId));
  if (user.townshipName) return t.scope.township(user.townshipName);
  if (user.institutionName) return t.scope.institution(user.institutionName);
  if (user.govUnitId) {
    const unit = govUnits.data?.find((u) => u.id === user.govUnitId);
    if (unit) return t.scope.govUnit(lang === 'zh' ? unit.nameZh : unit.nameEn || unit.nameZh);
  }
  return t.scope.district;
}

function UserBox({ user }: { user: User }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const logout = useLogout();
  const scope = useScopeLabel(user);
  const onLogout = () => {
    logout.mutate(undefined, {
      onSettled: () => {
        void message.success(t.auth.loggedOut);
        void navigate(paths.login, { replace: true });
      },
    });
  };
  return (
    <Flex align="center" gap={12} wrap>
      <Typography.Text strong data-testid="current-user">
        {user.displayName || user.username}
      </Typography.Text>
      <Tag color="blue" data-testid="current-role" data-role={user.role}>
        {t.roles[user.role] ?? user.role}
      </Tag>
      <Tag data-testid="current-scope">{scope}</Tag>
      <LangSwitch />
      <Button
        size="small"
        onClick={onLogout}
        loading={logout.isPending}
        data-testid="logout-button"
      >
        {t.auth.logout}
      </Button>
    </Flex>
  );
}

export function AppLayout() {
  const { t, lang } = useI18n();
  const user = useCurrentUser();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const items = useMemo(() => menuItems(t, user.role), [t, user.role]);
  const sel = selectedKey(location.pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
          padding: '0 16px',
          height: 'auto',
          minHeight: HEADER_HEIGHT,
          lineHeight: 'normal',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        <Flex
          align="center"
          justify="space-between"
          gap={16}
          wrap
          style={{ minHeight: HEADER_HEIGHT }}
        >
          <Flex align="center" gap={12}>
            <Button
              size="small"
              onClick={() => setCollapsed((c) => !c)}
              aria-expanded={!collapsed}
              data-testid="nav-toggle"
            >
              {collapsed ? t.nav.expand : t.nav.collapse}
            </Button>
            <Typography.Title
              level={4}
              style={{ margin: 0, color: '#b71c1c' }}
              data-testid="app-title"
            >
              {t.app.name}
            </Typography.Title>
          </Flex>
          <UserBox user={user} />
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={lang === 'zh' ? 220 : 280}
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          collapsedWidth={0}
          trigger={null}
          style={{ borderRight: '1px solid #f0f0f0' }}
          data-testid="side-nav"
        >
          <Menu
            mode="inline"
            items={items}
            selectedKeys={sel.key ? [sel.key] : []}
            defaultOpenKeys={[sel.group ?? 'register']}
            style={{ borderInlineEnd: 'none' }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
          <Typography.Paragraph type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
            {t.app.policyRef}
          </Typography.Paragraph>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
