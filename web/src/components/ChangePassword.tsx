// Changing one's own password: from the header at any time, and as the only page a user sees
// until a password an administrator set (new account, reset) has been replaced.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Typography } from 'antd';
import { LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { passwordProblem } from '../../../src/domain/password-policy';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { showFieldError } from './formErrors';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function ChangePasswordForm({ onDone, submitId }: { onDone(): void; submitId?: string }) {
  const { changePassword } = useAuth();
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword(v.currentPassword, v.newPassword);
      message.success(t('password.changed'));
      form.resetFields();
      onDone();
    } catch (e) {
      if (!showFieldError(form, e, ['currentPassword', 'newPassword'])) setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const required = (key: Parameters<typeof t>[0]) => ({ required: true, message: t('login.required', { field: t(key) }) });
  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item name="currentPassword" label={t('password.current')} rules={[required('password.current')]}>
        <Input.Password id="password-current" prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('password.rule')}
        dependencies={['currentPassword']}
        rules={[
          required('password.new'),
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (!value) return;
              if (passwordProblem(value)) throw new Error(t('password.rule'));
              if (value === getFieldValue('currentPassword')) throw new Error(t('password.same'));
            },
          }),
        ]}
      >
        <Input.Password id="password-new" prefix={<LockOutlined />} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          required('password.confirm'),
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password id="password-confirm" prefix={<LockOutlined />} autoComplete="new-password" />
      </Form.Item>
      <Button id={submitId} type="primary" htmlType="submit" block loading={busy}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}

/** The page in place of every other until the password an administrator set is changed. */
export function ForcedPasswordChange() {
  const { user, logout } = useAuth();
  const { t } = useI18n();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(160deg, #0b2a55 0%, #1d5fbf 100%)', padding: 16 }}>
      <div style={{ position: 'absolute', top: 16, right: 20 }}>
        <LanguageSwitch />
      </div>
      <Typography.Title level={2} style={{ color: '#fff', marginBottom: 24, textAlign: 'center' }}>
        {t('app.title')}
      </Typography.Title>
      <Card
        title={t('password.forcedTitle')}
        extra={<Button type="link" size="small" icon={<LogoutOutlined />} onClick={() => void logout()}>{t('common.logout')}</Button>}
        style={{ width: 420, maxWidth: '100%' }}
      >
        <Typography.Paragraph type="secondary">
          {user?.displayName} · {t('password.forcedHint')}
        </Typography.Paragraph>
        <ChangePasswordForm onDone={() => {}} submitId="password-submit" />
      </Card>
    </div>
  );
}

/** The header's “change password” dialog. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Modal open={open} title={t('password.change')} onCancel={onClose} footer={null} destroyOnHidden width={420}>
      <ChangePasswordForm onDone={onClose} submitId="password-submit" />
    </Modal>
  );
}
