// 大屏授权: the wall screens pinned within the user's jurisdiction, issuing one for another screen
// (its link is shown once) and revoking one, which stops that screen within seconds.
import { useCallback, useEffect, useState } from 'react';
import { App as AntApp, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { IssuedScreenToken, ScreenTokenList, ScreenTokenView } from '../../../../src/modules/screen-tokens/schemas';
import { SCREEN_TOKEN_DEFAULT_DAYS, SCREEN_TOKEN_MAX_DAYS, type ScreenTokenStatus } from '../../../../src/domain/screen-token';
import { api } from '../../api/client';
import { JurisdictionPicker } from '../../components/JurisdictionPicker';
import { formatTime } from '../../format';
import { useSave } from '../../components/useSave';
import { localPagination } from '../../components/usePaging';
import { useI18n } from '../../i18n/I18nProvider';

interface NewScreen {
  label: string;
  jurisdiction?: string;
  expiresInDays: number;
}

const STATUS_COLORS: Record<ScreenTokenStatus, string> = { active: 'green', revoked: 'red', expired: 'default' };

function IssueModal({ open, onClose, onIssued }: { open: boolean; onClose(): void; onIssued(issued: IssuedScreenToken): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewScreen>();
  const { saving, save } = useSave({ form, fields: ['label', 'jurisdiction', 'expiresInDays'] });
  const submit = (v: NewScreen) => save(() => api.post<IssuedScreenToken>('/screen-tokens', { ...v, label: v.label.trim() }), { reset: true, onSaved: onIssued });
  return (
    <Modal open={open} title={t('screens.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      <Form<NewScreen> form={form} layout="vertical" onFinish={submit} initialValues={{ expiresInDays: SCREEN_TOKEN_DEFAULT_DAYS }}>
        <Form.Item name="label" label={t('screen.label')} rules={[{ required: true, whitespace: true, message: t('desk.required', { field: t('screen.label') }) }]}>
          <Input maxLength={60} autoComplete="off" />
        </Form.Item>
        <Form.Item name="jurisdiction" label={t('screens.jurisdiction')} extra={t('screens.jurisdictionHint')}>
          <JurisdictionPicker />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('screens.expiresInDays')}>
          <InputNumber min={1} max={SCREEN_TOKEN_MAX_DAYS} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ScreensPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [data, setData] = useState<ScreenTokenList>({ total: 0, items: [] });
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedScreenToken | null>(null);

  const load = useCallback(() => {
    setLoading(true);
    api
      .get<ScreenTokenList>('/screen-tokens')
      .then(setData)
      .catch((e: Error) => message.error(e.message))
      .finally(() => setLoading(false));
  }, [message]);
  useEffect(load, [load]);

  const revoke = async (s: ScreenTokenView) => {
    try {
      await api.delete<ScreenTokenView>(`/screen-tokens/${encodeURIComponent(s.id)}`);
      message.success(t('screens.revokedDone'));
      load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Card
      title={t('screens.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('screens.create')}
        </Button>
      }
    >
      <Table<ScreenTokenView>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data.items}
        pagination={localPagination(t)}
        columns={[
          { title: t('screen.label'), dataIndex: 'label' },
          { title: t('screens.jurisdiction'), render: (_, s) => s.jurisdiction.name },
          { title: t('screens.status'), render: (_, s) => <Tag color={STATUS_COLORS[s.status]}>{t(`screens.status.${s.status}`)}</Tag> },
          { title: t('screens.createdBy'), render: (_, s) => s.createdBy.displayName },
          { title: t('screens.createdAt'), render: (_, s) => formatTime(s.createdAt) },
          { title: t('screens.lastUsedAt'), render: (_, s) => (s.lastUsedAt ? formatTime(s.lastUsedAt) : t('screens.never')) },
          { title: t('screens.expiresAt'), render: (_, s) => formatTime(s.expiresAt) },
          { title: t('screens.revokedAt'), render: (_, s) => (s.revokedAt ? `${formatTime(s.revokedAt)} ${s.revokedBy?.displayName ?? ''}` : '') },
          {
            title: t('common.actions'),
            render: (_, s) =>
              s.status === 'active' ? (
                <Popconfirm title={t('screens.revokeConfirm', { label: s.label })} okText={t('screens.revoke')} okButtonProps={{ danger: true }} onConfirm={() => revoke(s)}>
                  <Button size="small" danger>
                    {t('screens.revoke')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <IssueModal
        open={creating}
        onClose={() => setCreating(false)}
        onIssued={(s) => {
          setCreating(false);
          setIssued(s);
          load();
        }}
      />
      <Modal open={!!issued} title={t('screens.issuedTitle')} onCancel={() => setIssued(null)} footer={null} destroyOnHidden>
        <Typography.Paragraph>{t('screens.issuedHint')}</Typography.Paragraph>
        {issued && (
          <Typography.Paragraph code copyable data-testid="screen-link" style={{ wordBreak: 'break-all' }}>
            {window.location.origin + issued.url}
          </Typography.Paragraph>
        )}
      </Modal>
    </Card>
  );
}
