// 单位管理: economic zones, government bodies and enterprises stationed in the city,
// observation hotels (with rooms) and isolation sites; a unit may name its designated hotel.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { UNIT_KINDS, type UnitKind } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import { pathText, type Unit } from '../../api/types';
import { JurisdictionPicker } from '../../components/JurisdictionPicker';
import { useUnits } from '../../components/useReferenceLists';
import { useSave } from '../../components/useSave';
import { localPagination } from '../../components/usePaging';
import { useI18n } from '../../i18n/I18nProvider';
import { UNIT_KIND_LABELS } from '../../i18n/labels';

interface UnitForm {
  parentCode?: string;
  name: string;
  kind: UnitKind;
  rooms?: number;
  hotelCode?: string | null;
}

const HAS_ROOMS: UnitKind[] = ['hotel', 'isolation_site'];

/** Where a unit lies: its path without its own name. */
function parentPath(u: Unit): string {
  const path = pathText(u);
  return path.endsWith(' ' + u.name) ? path.slice(0, -(u.name.length + 1)) : path === u.name ? u.parentCode ?? '' : path;
}

function UnitModal({ unit, hotels, open, onClose, onSaved }: { unit: Unit | null; hotels: Unit[]; open: boolean; onClose(): void; onSaved(): void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<UnitForm>();
  const { saving, save } = useSave({ form, fields: ['parentCode', 'name', 'kind', 'rooms', 'hotelCode'] });
  const kind = Form.useWatch('kind', form);
  const submit = (v: UnitForm) => {
    const rooms = HAS_ROOMS.includes(v.kind) ? v.rooms : undefined;
    const hotelCode = HAS_ROOMS.includes(v.kind) ? undefined : v.hotelCode ?? null;
    return save(
      () =>
        unit
          ? api.patch<Unit>(`/units/${encodeURIComponent(unit.code)}`, { name: v.name, rooms, hotelCode })
          : api.post<Unit>('/units', { parentCode: v.parentCode, name: v.name, kind: v.kind, rooms, ...(hotelCode ? { hotelCode } : {}) }),
      { success: t('common.saved'), onSaved },
    );
  };
  const req = (key: Parameters<typeof t>[0]) => [{ required: true, message: t('desk.required', { field: t(key) }) }];
  return (
    <Modal
      open={open}
      title={unit ? `${t('common.edit')}：${unit.name}` : t('units.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
      width={560}
    >
      <Form<UnitForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={unit ? { name: unit.name, kind: unit.kind, rooms: unit.rooms ?? undefined, hotelCode: unit.hotelCode } : { kind: 'enterprise' }}
      >
        {!unit && (
          <Form.Item name="parentCode" label={t('units.parent')} rules={req('units.parent')}>
            <JurisdictionPicker levels={['city', 'district', 'town']} />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('units.kind')} rules={req('units.kind')}>
          <Select disabled={!!unit} virtual={false} options={UNIT_KINDS.map((k) => ({ value: k, label: label(UNIT_KIND_LABELS, k) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('units.name')} rules={req('units.name')}>
          <Input maxLength={100} />
        </Form.Item>
        {kind && HAS_ROOMS.includes(kind) ? (
          <Form.Item name="rooms" label={t('units.rooms')} rules={req('units.rooms')}>
            <InputNumber min={1} max={100000} style={{ width: 200 }} />
          </Form.Item>
        ) : (
          <Form.Item name="hotelCode" label={t('units.hotel')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={hotels.map((h) => ({ value: h.code, label: h.name }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function UnitsPage() {
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const [kind, setKind] = useState<string | undefined>();
  const units = useUnits({ includeInactive: 'true', ...(kind ? { kind } : {}) });
  const all = useUnits({ includeInactive: 'true' });
  const hotels = all.items.filter((u) => HAS_ROOMS.includes(u.kind) && u.active !== false);
  const [editing, setEditing] = useState<Unit | null | 'new'>(null);
  const nameOf = (code?: string | null) => (code ? all.items.find((u) => u.code === code)?.name ?? code : '');

  const setActive = async (u: Unit, active: boolean) => {
    try {
      await api.patch<Unit>(`/units/${encodeURIComponent(u.code)}`, { active });
      void units.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Card
      title={t('units.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('units.create')}
        </Button>
      }
    >
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('units.kind')}
          style={{ width: 200 }}
          value={kind}
          onChange={setKind}
          options={UNIT_KINDS.map((k) => ({ value: k, label: label(UNIT_KIND_LABELS, k) }))}
        />
      </Space>
      {units.error && <Alert type="error" showIcon title={units.error} style={{ marginBottom: 12 }} />}
      <Table<Unit>
        rowKey="code"
        size="middle"
        loading={units.loading}
        dataSource={units.items}
        pagination={localPagination(t)}
        columns={[
          { title: t('units.code'), dataIndex: 'code', width: 150, render: (c: string) => <span style={{ fontFamily: 'monospace' }}>{c}</span> },
          { title: t('units.name'), dataIndex: 'name' },
          { title: t('units.kind'), render: (_, u) => <Tag>{label(UNIT_KIND_LABELS, u.kind)}</Tag> },
          { title: t('units.parent'), render: (_, u) => parentPath(u) },
          { title: t('units.rooms'), render: (_, u) => (HAS_ROOMS.includes(u.kind) ? u.rooms ?? '—' : '') },
          { title: t('units.hotel'), render: (_, u) => nameOf(u.hotelCode) },
          {
            title: t('units.active'),
            render: (_, u) => <Switch size="small" checked={u.active !== false} onChange={(v) => void setActive(u, v)} />,
          },
          {
            title: t('common.actions'),
            render: (_, u) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <UnitModal
        key={editing === 'new' ? 'new' : editing?.code ?? 'none'}
        open={editing !== null}
        unit={editing === 'new' ? null : editing}
        hotels={hotels}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void units.reload();
          void all.reload();
        }}
      />
    </Card>
  );
}
