// 用户管理: accounts, their role and jurisdiction, the reveal grant, and disabling.
import { useCallback, useEffect, useState } from 'react';
import { App as AntApp, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ROLES, type Role } from '../../../../src/domain/enums';
import { passwordProblem } from '../../../../src/domain/password-policy';
import { api } from '../../api/client';
import type { Page, User } from '../../api/types';
import { useUser } from '../../auth/AuthProvider';
import { showFieldError } from '../../components/formErrors';
import { JurisdictionPicker } from '../../components/JurisdictionPicker';
import { formatTime } from '../../format';
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
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<NewUser>();
  const [saving, setSaving] = useState(false);
  const role = Form.useWatch('role', form);
  const submit = async (v: NewUser) => {
    setSaving(true);
    try {
      await api.post<User>('/users', { ...v, canReveal: !!v.canReveal });
      message.success(t('common.saved'));
      form.resetFields();
      onCreated();
    } catch (e) {
      if (!showFieldError(form, e, ['username', 'password', 'displayName', 'role', 'jurisdictionCode'])) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
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

export function UsersPage() {
  const me = useUser();
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const [query, setQuery] = useState<{ q?: string; role?: string; page: number; pageSize: number }>({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<User>>({ total: 0, items: [] });
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);

  const load = useCallback(() => {
    setLoading(true);
    api
      .get<Page<User>>('/users', query)
      .then(setData)
      .catch((e: Error) => message.error(e.message))
      .finally(() => setLoading(false));
  }, [query, message]);
  useEffect(load, [load]);

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
        <Input.Search placeholder={t('users.q')} allowClear style={{ width: 240 }} onSearch={(q) => setQuery((o) => ({ ...o, q: q.trim() || undefined, page: 1 }))} />
        <Select
          allowClear
          placeholder={t('users.role')}
          style={{ width: 180 }}
          options={ROLES.map((r) => ({ value: r, label: label(ROLE_LABELS, r) }))}
          onChange={(role?: string) => setQuery((o) => ({ ...o, role, page: 1 }))}
        />
      </Space>
      <Table<User>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data.items}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data.total,
          showTotal: (n) => t('common.total', { n }),
          onChange: (page, pageSize) => setQuery((o) => ({ ...o, page, pageSize })),
        }}
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
