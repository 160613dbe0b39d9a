// 用户管理: accounts, their role and jurisdiction, the reveal grant, and disabling.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ROLES, type Role } from '../../../../src/domain/enums';
import { passwordProblem } from '../../../../src/domain/password-policy';
import { api } from '../../api/client';
import type { Page, User } from '../../api/types';
import { useUser } from '../../auth/AuthProvider';
import { JurisdictionPicker } from '../../components/JurisdictionPicker';
import { formatTime } from '../../format';
import { useSave } from '../../components/useSave';
import { useApiData } from '../../components/useApiData';
import { stringFilters, useUrlList } from '../../components/useUrlList';
import { useI18n } from '../../i18n/I18nProvider';
import { ROLE_LABELS } from '../../i18n/labels';

interface NewUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  jurisdictionCode: string;
  canReveal?: boolean;
}

/** The levels a role's jurisdiction is usually searched at. */
const ROLE_LEVELS: Partial<Record<Role, string[]>> = {
  subdistrict: ['town', 'unit'],
  community: ['community'],
  hotel: ['unit'],
  triage_desk: ['city', 'district'],
  command: ['province', 'city', 'district'],
};

function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(): void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<NewUser>();
  const { saving, save } = useSave({ form, fields: ['username', 'password', 'displayName', 'role', 'jurisdictionCode'] });
  const role = Form.useWatch('role', form);
  const submit = (v: NewUser) =>
    save(() => api.post<User>('/users', { ...v, canReveal: !!v.canReveal }), { success: t('common.saved'), reset: true, onSaved: onCreated });
  const req = (key: Parameters<typeof t>[0]) => [{ required: true, message: t('desk.required', { field: t(key) }) }];
  return (
    <Modal open={open} title={t('users.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden width={560}>
      <Form<NewUser> form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'community', canReveal: false }}>
        <Form.Item name="username" label={t('users.username')} rules={[...req('users.username'), { pattern: /^[A-Za-z0-9_.-]{2,64}$/, message: 'A-Z a-z 0-9 _ . -' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={req('users.displayName')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label={t('users.password')} extra={t('users.passwordRule')} rules={[...req('users.password'), { validator: async (_, v?: string) => { if (v && passwordProblem(v)) throw new Error(t('password.rule')); } }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={req('users.role')}>
          <Select options={ROLES.map((r) => ({ value: r, label: label(ROLE_LABELS, r) }))} />
        </Form.Item>
        <Form.Item name="jurisdictionCode" label={t('users.jurisdiction')} rules={req('users.jurisdiction')}>
          <JurisdictionPicker levels={role ? ROLE_LEVELS[role as Role] : undefined} />
        </Form.Item>
        <Form.Item name="canReveal" valuePropName="checked">
          <Checkbox>{t('users.canReveal')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

const userFilters = stringFilters(['q', 'role'] as const);

export function UsersPage() {
  const me = useUser();
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const { filters, page, pageSize, setQuery, pagination } = useUrlList(userFilters);
  const [creating, setCreating] = useState(false);
  const list = useApiData((signal) => api.get<Page<User>>('/users', { ...filters, page, pageSize }, { signal }), [filters, page, pageSize]);
  const data = list.data ?? { total: 0, items: [] };
  const load = () => void list.reload();

  const patch = async (u: User, body: Partial<Pick<User, 'disabled' | 'canReveal'>>) => {
    try {
      await api.patch<User>(`/users/${u.id}`, body);
      load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Card
      title={t('users.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      }
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search placeholder={t('users.q')} allowClear style={{ width: 240 }} defaultValue={filters.q} onSearch={(q) => setQuery({ ...filters, q: q.trim() })} />
        <Select
          allowClear
          placeholder={t('users.role')}
          style={{ width: 180 }}
          options={ROLES.map((r) => ({ value: r, label: label(ROLE_LABELS, r) }))}
          value={filters.role}
          onChange={(role?: string) => setQuery({ ...filters, role })}
        />
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<User>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={data.items}
        pagination={pagination(data.total)}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.role'), render: (_, u) => label(ROLE_LABELS, u.role) },
          { title: t('users.jurisdiction'), render: (_, u) => `${u.jurisdictionName ?? ''} (${u.jurisdictionCode})` },
          {
            title: t('users.canReveal'),
            render: (_, u) => (
              <Switch size="small" checked={u.canReveal || u.role === 'admin'} disabled={u.role === 'admin'} onChange={(v) => void patch(u, { canReveal: v })} />
            ),
          },
          {
            title: t('users.status'),
            render: (_, u) => (u.disabled ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.enabled')}</Tag>),
          },
          { title: t('users.createdAt'), render: (_, u) => formatTime(u.createdAt) },
          {
            title: t('common.actions'),
            render: (_, u) =>
              u.id === me.id ? null : (
                <Button size="small" danger={!u.disabled} onClick={() => void patch(u, { disabled: !u.disabled })}>
                  {u.disabled ? t('users.enable') : t('users.disable')}
                </Button>
              ),
          },
        ]}
      />
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          load();
        }}
      />
    </Card>
  );
}
