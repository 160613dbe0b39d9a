// Sends visitors without a session to the login page, holds those with a password an administrator
// set at its change, and keeps roles out of pages not meant for them.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { mayOpen } from '../routes';
import { ForcedPasswordChange } from './ChangePassword';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;
  if (!user) return <Navigate to={'/login?next=' + encodeURIComponent(location.pathname + location.search)} replace />;
  if (user.mustChangePassword) return <ForcedPasswordChange />;
  return <>{children}</>;
}

export function RequireRole({ path, children }: { path: string; children: ReactNode }) {
  const { user } = useAuth();
  const { t } = useI18n();
  if (user && !mayOpen(user.role, path)) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return <>{children}</>;
}
