// The frame of every page after login: title and language switch on top, a side menu filtered by role.
import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Dropdown, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import {
  AlertOutlined,
  ClusterOutlined,
  MedicineBoxOutlined,
  NodeIndexOutlined,
  DashboardOutlined,
  DesktopOutlined,
  ApartmentOutlined,
  FieldTimeOutlined,
  FormOutlined,
  FundOutlined,
  GlobalOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  UnlockOutlined,
  EnvironmentOutlined,
  InboxOutlined,
  LogoutOutlined,
  ScanOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useAuth, useUser } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { ROLE_LABELS } from '../i18n/labels';
import { PAGES } from '../routes';
import { LanguageSwitch } from './LanguageSwitch';
import { ChangePasswordModal } from './ChangePassword';

const ICONS: Record<string, React.ReactNode> = {
  '/dashboard': <DashboardOutlined />,
  '/desk': <ScanOutlined />,
  '/inbox': <InboxOutlined />,
  '/arrivals': <UnorderedListOutlined />,
  '/cases': <MedicineBoxOutlined />,
  '/contacts': <NodeIndexOutlined />,
  '/clusters': <ClusterOutlined />,
  '/admin/users': <TeamOutlined />,
  '/admin/units': <ApartmentOutlined />,
  '/admin/entry-points': <EnvironmentOutlined />,
  '/checks': <FormOutlined />,
  '/observations/new': <UserAddOutlined />,
  '/alerts': <AlertOutlined />,
  '/release': <UnlockOutlined />,
  '/persons': <IdcardOutlined />,
  '/sites': <HomeOutlined />,
  '/care': <HeartOutlined />,
  '/assistance': <SwapOutlined />,
  '/admin/policies': <FieldTimeOutlined />,
  '/admin/situation': <FundOutlined />,
  '/admin/boundaries': <GlobalOutlined />,
  '/admin/screens': <DesktopOutlined />,
};

function useMenuItems(): MenuProps['items'] {
  const user = useUser();
  const { t } = useI18n();
  return useMemo(() => {
    const allowed = PAGES.filter((p) => p.roles.includes(user.role));
    const main = allowed.filter((p) => !p.group).map((p) => ({ key: p.path, icon: ICONS[p.path], label: t(p.menu) }));
    const admin = allowed.filter((p) => p.group === 'admin').map((p) => ({ key: p.path, icon: ICONS[p.path], label: t(p.menu) }));
    return admin.length ? [...main, { key: 'admin', icon: <SettingOutlined />, label: t('menu.admin'), children: admin }] : main;
  }, [user.role, t]);
}

export function AppLayout() {
  const user = useUser();
  const { logout } = useAuth();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const items = useMenuItems();
  const selected = PAGES.map((p) => p.path).find((p) => location.pathname.startsWith(p)) ?? '';
  const [changingPassword, setChangingPassword] = useState(false);
  const accountMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: t('password.change') },
      { key: 'logout', icon: <LogoutOutlined />, label: t('common.logout') },
    ],
    onClick: (e) => (e.key === 'password' ? setChangingPassword(true) : void logout()),
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 20, background: '#12376e' }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          {t('app.title')}
        </Typography.Title>
        <div style={{ flex: 1 }} />
        <Space size="middle">
          <LanguageSwitch />
          <Dropdown menu={accountMenu} trigger={['click']}>
            <Button type="text" id="account-menu" style={{ color: '#e6edf7' }}>
              <UserOutlined /> {user.displayName} · {label(ROLE_LABELS, user.role)}
            </Button>
          </Dropdown>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" breakpoint="lg" collapsedWidth={56}>
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            defaultOpenKeys={['admin']}
            items={items}
            onClick={(e) => navigate(e.key)}
            style={{ height: '100%', borderInlineEnd: 0 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 20, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
