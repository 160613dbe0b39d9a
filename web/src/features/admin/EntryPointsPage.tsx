// 入境口岸: airports, stations, road checkpoints and triage points; add new ones, switch them on and off.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ENTRY_POINT_KINDS, type EntryPointKind } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { EntryPoint } from '../../api/types';
import { JurisdictionPicker } from '../../components/JurisdictionPicker';
import { useEntryPoints } from '../../components/useReferenceLists';
import { useSave } from '../../components/useSave';
import { localPagination } from '../../components/usePaging';
import { useI18n } from '../../i18n/I18nProvider';
import { ENTRY_POINT_KIND_LABELS } from '../../i18n/labels';

interface NewEntryPoint {
  name: string;
  kind: EntryPointKind;
  jurisdictionCode: string;
}

function CreateEntryPointModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(): void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<NewEntryPoint>();
  const { saving, save } = useSave({ form, fields: ['name', 'kind', 'jurisdictionCode'] });
  const submit = (v: NewEntryPoint) => save(() => api.post<EntryPoint>('/entry-points', v), { success: t('common.saved'), reset: true, onSaved: onCreated });
  const req = (key: Parameters<typeof t>[0]) => [{ required: true, message: t('desk.required', { field: t(key) }) }];
  return (
    <Modal open={open} title={t('entryPoints.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      <Form<NewEntryPoint> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'triage_point' }}>
        <Form.Item name="name" label={t('entryPoints.name')} rules={req('entryPoints.name')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('entryPoints.kind')} rules={req('entryPoints.kind')}>
          <Select options={ENTRY_POINT_KINDS.map((k) => ({ value: k, label: label(ENTRY_POINT_KIND_LABELS, k) }))} />
        </Form.Item>
        <Form.Item name="jurisdictionCode" label={t('entryPoints.jurisdiction')} rules={req('entryPoints.jurisdiction')}>
          <JurisdictionPicker levels={['city', 'district', 'town']} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function EntryPointsPage() {
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const entryPoints = useEntryPoints(true);
  const [creating, setCreating] = useState(false);

  const setActive = async (e: EntryPoint, active: boolean) => {
    try {
      await api.patch<EntryPoint>(`/entry-points/${encodeURIComponent(e.id)}`, { active });
      void entryPoints.reload();
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  return (
    <Card
      title={t('entryPoints.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('entryPoints.create')}
        </Button>
      }
    >
      {entryPoints.error && <Alert type="error" showIcon title={entryPoints.error} style={{ marginBottom: 12 }} />}
      <Table<EntryPoint>
        rowKey="id"
        size="middle"
        loading={entryPoints.loading}
        dataSource={entryPoints.items}
        pagination={localPagination(t)}
        columns={[
          { title: t('entryPoints.name'), dataIndex: 'name' },
          { title: t('entryPoints.kind'), render: (_, e) => <Tag>{label(ENTRY_POINT_KIND_LABELS, e.kind)}</Tag> },
          { title: t('entryPoints.jurisdiction'), render: (_, e) => e.jurisdictionName ?? e.jurisdictionCode },
          {
            title: t('entryPoints.active'),
            render: (_, e) => (e.active ? <Tag color="green">{t('entryPoints.activeOn')}</Tag> : <Tag>{t('entryPoints.activeOff')}</Tag>),
          },
          {
            title: t('common.actions'),
            render: (_, e) => (
              <Button size="small" danger={e.active} onClick={() => void setActive(e, !e.active)}>
                {e.active ? t('entryPoints.deactivate') : t('entryPoints.activate')}
              </Button>
            ),
          },
        ]}
      />
      <CreateEntryPointModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          void entryPoints.reload();
        }}
      />
    </Card>
  );
}
