// 固定此大屏: a command (or admin) user turns the open big screen into a pinned wall display. A
// screen token is issued for the node on screen and the page switches to it, so reloads, session
// expiry and logout no longer interrupt it.
import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { PushpinOutlined } from '@ant-design/icons';
import type { IssuedScreenToken } from '../../../../src/modules/screen-tokens/schemas';
import { can } from '../../../../src/domain/permissions';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { useSave } from '../../components/useSave';
import { useI18n } from '../../i18n/I18nProvider';
import type { Named } from './useDrill';

export function PinScreen({ node, onPinned }: { node: Named; onPinned(token: string): void }) {
  const { user } = useAuth();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState('');
  const { saving, error, setError, save } = useSave();
  if (!user || !can(user.role, 'screens:manage')) return null;

  const submit = () =>
    save(() => api.post<IssuedScreenToken>('/screen-tokens', { label: label.trim(), jurisdiction: node.code }), {
      success: t('screen.pinned'),
      onSaved: (issued) => {
        setOpen(false);
        onPinned(issued.token);
      },
      // A refused label or place is shown under the label field.
      onError: (e) => {
        if (!(e instanceof ApiError && e.field)) return false;
        setError(e.message);
        return true;
      },
    });

  return (
    <>
      <PushpinOutlined
        data-testid="screen-pin"
        style={{ marginLeft: 12, cursor: 'pointer' }}
        title={t('screen.pin')}
        onClick={() => {
          setLabel(t('screen.labelDefault', { name: node.name }));
          setError(null);
          setOpen(true);
        }}
      />
      <Modal open={open} title={t('screen.pin')} okText={t('screen.pinOk')} onOk={() => void submit()} confirmLoading={saving} onCancel={() => setOpen(false)} destroyOnHidden>
        <p>{t('screen.pinHint', { name: node.name })}</p>
        <Form layout="vertical" onFinish={() => void submit()}>
          <Form.Item label={t('screen.label')} validateStatus={error ? 'error' : undefined} help={error}>
            <Input id="screen-pin-label" value={label} maxLength={60} onChange={(e) => setLabel(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
