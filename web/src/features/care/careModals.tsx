// Dialogs of community care (关爱): flag a person's special groups and needs; create a care task;
// complete or cancel one. Used by the care page and the person record.
import { useEffect, useRef, useState } from 'react';
import { Checkbox, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CARE_GROUPS, CARE_NEEDS, type CareGroup, type CareNeed } from '../../../../src/domain/enums';
import { api, newClientId } from '../../api/client';
import type { Page } from '../../api/types';
import type { CareFlagView, CareTaskView, PersonSummary } from '../../api/observationTypes';
import { useUser } from '../../auth/AuthProvider';
import { useSave } from '../../components/useSave';
import { useI18n } from '../../i18n/I18nProvider';
import { CARE_GROUP_LABELS, CARE_NEED_LABELS } from '../../i18n/labels';

export function CareFlagsModal({
  person,
  flag,
  open,
  onClose,
  onSaved,
}: {
  person: { id: string; name: string };
  flag: Pick<CareFlagView, 'groups' | 'needs' | 'note'> | null;
  open: boolean;
  onClose(): void;
  onSaved(): void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<{ groups: CareGroup[]; needs: CareNeed[]; note?: string }>();
  const { saving, save } = useSave({ form });
  const submit = (v: { groups: CareGroup[]; needs: CareNeed[]; note?: string }) =>
    save(() => api.put(`/persons/${encodeURIComponent(person.id)}/care-flags`, { groups: v.groups ?? [], needs: v.needs ?? [], note: v.note?.trim() || undefined }), {
      success: t('common.saved'),
      onSaved,
    });
  return (
    <Modal open={open} title={t('care.flagsTitle', { name: person.name })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ groups: flag?.groups ?? [], needs: flag?.needs ?? [], note: flag?.note ?? '' }}
      >
        <Form.Item name="groups" label={t('care.groups')}>
          <Checkbox.Group options={CARE_GROUPS.map((g) => ({ value: g, label: label(CARE_GROUP_LABELS, g) }))} />
        </Form.Item>
        <Form.Item name="needs" label={t('care.needs')}>
          <Checkbox.Group options={CARE_NEEDS.map((n) => ({ value: n, label: label(CARE_NEED_LABELS, n) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('care.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Typography.Text type="secondary">{t('care.clearHint')}</Typography.Text>
      </Form>
    </Modal>
  );
}

/** Picks a person by name, phone tail or document number (GET /api/persons?q=). */
export function PersonSearchSelect({ value, onChange, id, onPickLabel }: { value?: string; onChange?(v: string): void; id?: string; onPickLabel?(label: string): void }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [search, setSearch] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    clearTimeout(timer.current);
    const q = search.trim();
    if (!q) return;
    timer.current = setTimeout(() => {
      api
        .get<Page<PersonSummary>>('/persons', { q, pageSize: 20 })
        .then((res) => setOptions(res.items.map((p) => ({ value: p.id, label: `${p.name}　${p.documentNumber}　${p.jurisdictionName}` }))))
        .catch(() => setOptions([]));
    }, 250);
    return () => clearTimeout(timer.current);
  }, [search]);
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string) => {
        onChange?.(v);
        onPickLabel?.(options.find((o) => o.value === v)?.label.split('　')[0] ?? '');
      }}
      options={options}
      placeholder={t('care.personPlaceholder')}
      style={{ width: '100%' }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={search ? t('common.noMatch') : t('common.typeToSearch')}
    />
  );
}

interface TaskForm {
  personId: string;
  title: string;
  need: CareNeed;
  dueAt: Dayjs;
  assignToMe?: boolean;
}

export function CareTaskModal({
  open,
  person,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** Preset person (from a flag row or a person record); else a search field. */
  person?: { id: string; name: string; needs?: CareNeed[] } | null;
  onClose(): void;
  onCreated(task: CareTaskView): void;
}) {
  const user = useUser();
  const { t, label } = useI18n();
  const [form] = Form.useForm<TaskForm>();
  const { saving, save } = useSave({ form, fields: ['personId', 'title', 'need', 'dueAt'] });
  /** One client id per task being created, kept across retries. */
  const clientId = useRef<string | null>(null);
  useEffect(() => {
    if (open) clientId.current = null;
  }, [open]);
  const submit = (v: TaskForm) => {
    const id = (clientId.current ??= newClientId());
    const body = {
      clientId: id,
      personId: person?.id ?? v.personId,
      title: v.title.trim(),
      need: v.need,
      dueAt: v.dueAt.toISOString(),
      ...(v.assignToMe ? { assigneeId: user.id } : {}),
    };
    return save(() => api.post<CareTaskView>('/care/tasks', body), {
      success: t('care.taskCreated'),
      reset: true,
      onSaved: (task) => {
        clientId.current = null;
        onCreated(task);
      },
    });
  };
  const req = (key: Parameters<typeof t>[0]) => [{ required: true, message: t('desk.required', { field: t(key) }) }];
  return (
    <Modal
      open={open}
      title={person ? t('care.newTaskFor', { name: person.name }) : t('care.newTask')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<TaskForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ need: person?.needs?.[0] ?? 'medicine', dueAt: dayjs().add(4, 'hour').startOf('hour'), assignToMe: user.role === 'community' }}
        onValuesChange={() => {
          clientId.current = null;
        }}
      >
        {!person && (
          <Form.Item name="personId" label={t('care.person')} rules={req('care.person')}>
            <PersonSearchSelect />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('care.taskTitle')} rules={[...req('care.taskTitle'), { whitespace: true }]}>
          <Input maxLength={200} placeholder={t('care.taskTitlePlaceholder')} />
        </Form.Item>
        <Form.Item name="need" label={t('care.need')} rules={req('care.need')}>
          <Select options={CARE_NEEDS.map((n) => ({ value: n, label: label(CARE_NEED_LABELS, n) }))} />
        </Form.Item>
        <Form.Item name="dueAt" label={t('care.dueAt')} rules={req('care.dueAt')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="assignToMe" valuePropName="checked">
          <Checkbox>{t('care.assignToMe')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Completes (note optional) or cancels (reason required) a task. */
export function CloseTaskModal({ task, action, onClose, onDone }: { task: CareTaskView | null; action: 'complete' | 'cancel'; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ text?: string }>();
  const { saving, save } = useSave({ form });
  const submit = async (v: { text?: string }) => {
    if (!task) return;
    const text = v.text?.trim();
    await save(() => api.post(`/care/tasks/${encodeURIComponent(task.id)}/${action}`, action === 'complete' ? (text ? { note: text } : {}) : { reason: text }), {
      success: action === 'complete' ? t('care.completed') : t('care.cancelled'),
      reset: true,
      onSaved: onDone,
    });
  };
  return (
    <Modal
      open={!!task}
      title={task ? `${action === 'complete' ? t('care.complete') : t('care.cancel')}：${task.title}（${task.person.name}）` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="text"
          label={action === 'complete' ? t('care.completeNote') : t('care.cancelReason')}
          rules={action === 'cancel' ? [{ required: true, whitespace: true, message: t('desk.required', { field: t('care.cancelReason') }) }] : []}
        >
          <Input.TextArea rows={2} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
