import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import type { TUser } from '../api/types.ts';
import { describeScope } from '../auth/scope.ts';
import { useLogout, useSession } from '../auth/session.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { NotificationsBell } from '../components/NotificationsBell.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { useT } from '../i18n/index.ts';
import { roleLabel } from '../labels.ts';
import { menuRoutes, selectedMenuPath } from '../routes.tsx';

const { Header, Sider, Content } = Layout;

function UserBadge({ user }: { user: TUser }) {
  const { t } = useT();
  return (
    <Space size="small" data-testid="current-user">
      <UserOutlined />
      <Typography.Text strong data-testid="current-user-name">
        {user.displayName}
      </Typography.Text>
      <Tag color="blue" data-testid="current-user-role">
        {t(roleLabel(user.role))}
      </Tag>
      <Typography.Text type="secondary" data-testid="current-user-scope">
        {t('scope.label')}: {describeScope(user, t)}
      </Typography.Text>
    </Space>
  );
}

/** The back-office frame: header with product, user and language; side menu from the route table. */
export function AppLayout() {
  const session = useSession();
  const { t } = useT();
  const location = useLocation();
  const logout = useLogout();
  if (session.status !== 'authenticated') return null;
  const { user } = session;

  const items = menuRoutes(user.role).map((route) => ({
    key: route.path,
    icon: route.icon,
    label: (
      <Link to={route.path} data-testid={`menu-${route.path === '/' ? 'home' : route.path.slice(1)}`}>
        {t(route.titleId)}
      </Link>
    ),
  }));
  const selected = selectedMenuPath(location.pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 16,
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
          paddingInline: 24,
        }}
      >
        <Link
          to="/"
          style={{ fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap', color: 'inherit' }}
          data-testid="app-name"
        >
          {t('app.name')}
        </Link>
        <Space size="middle" wrap>
          <UserBadge user={user} />
          <NotificationsBell />
          <LanguageSwitch />
          <Button
            icon={<LogoutOutlined />}
            loading={logout.isPending}
            data-testid="logout-button"
            onClick={() => logout.mutate()}
          >
            {t('header.logout')}
          </Button>
        </Space>
      </Header>
      <Layout>
        <Sider width={200} theme="light" breakpoint="lg" collapsedWidth={0}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={items}
            style={{ height: '100%' }}
            data-testid="side-menu"
          />
        </Sider>
        <Content style={{ padding: 24 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
