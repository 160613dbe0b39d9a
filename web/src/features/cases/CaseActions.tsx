// What can happen to an open case, each after a confirmation: 隔离 or 收治 (with the facility),
// 订正为确诊 (asymptomatic → confirmed, with the clinical type: not a new infection), 治愈出院 (confirmed),
// 解除隔离医学观察 (asymptomatic), 死亡. The moves offered are those the shared rules allow.
import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { canMove, isOpen } from '../../../../src/domain/cases';
import { CLINICAL_TYPES, type CaseStatus } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { CaseDetail } from '../../api/caseTypes';
import { useSave } from '../../components/useSave';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/texts';
import { CASE_STATUS_LABELS, CLINICAL_TYPE_LABELS } from '../../i18n/labels';
import { enterStaysInPickers, EnterSubmits } from './formParts';

type Action = 'isolated' | 'admitted' | 'reclassify' | 'cured_discharged' | 'released' | 'died';

const BUTTONS: Record<Action, MessageKey> = {
  isolated: 'action.isolate',
  admitted: 'action.admit',
  reclassify: 'action.reclassify',
  cured_discharged: 'action.cure',
  released: 'action.release',
  died: 'action.died',
};

/** The actions the rules allow for the case now, in the order of its course. */
export function caseActions(c: Pick<CaseDetail, 'status' | 'classification'>): Action[] {
  const status = c.status as CaseStatus;
  if (!isOpen(status)) return [];
  const out: Action[] = [];
  for (const to of ['isolated', 'admitted'] as const) if (canMove(status, to, c.classification)) out.push(to);
  if (c.classification === 'asymptomatic') out.push('reclassify');
  for (const to of ['cured_discharged', 'released', 'died'] as const) if (canMove(status, to, c.classification)) out.push(to);
  return out;
}

interface Values {
  facility?: string;
  clinicalType?: string;
  onsetDate?: Dayjs;
  at?: Dayjs;
}

function ActionDialog({ c, action, onClose, onDone }: { c: CaseDetail; action: Action; onClose(): void; onDone(updated: CaseDetail): void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const { saving: sending, error, save } = useSave({ form, fields: ['facility', 'clinicalType', 'onsetDate', 'at'], inline: true });
  const placing = action === 'isolated' || action === 'admitted';
  const required = (field: string) => [{ required: true, message: t('form.required', { field }) }];

  const submit = (v: Values) => {
    const body = {
      ...(action === 'reclassify' ? { classification: 'confirmed', clinicalType: v.clinicalType } : { status: action }),
      ...(action === 'reclassify' && v.onsetDate ? { onsetDate: v.onsetDate.format('YYYY-MM-DD') } : {}),
      ...(placing && v.facility?.trim() ? { facility: v.facility.trim() } : {}),
      ...(v.at ? { at: v.at.toISOString() } : {}),
    };
    return save(() => api.patch<CaseDetail>(`/cases/${encodeURIComponent(c.id)}`, body), {
      success: t('action.done', { name: c.person.name, action: t(BUTTONS[action]) }),
      onSaved: onDone,
    });
  };

  const question =
    action === 'reclassify'
      ? t('action.reclassifyConfirm', { name: c.person.name })
      : t('action.statusConfirm', { name: c.person.name, from: label(CASE_STATUS_LABELS, c.status), to: label(CASE_STATUS_LABELS, action) });

  return (
    <Modal
      open
      title={t(BUTTONS[action])}
      okText={t('action.confirm')}
      okButtonProps={{ loading: sending, danger: action === 'died', id: 'case-action-ok' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Paragraph strong data-testid="case-action-question">
          {question}
        </Typography.Paragraph>
        {action === 'reclassify' && <Alert type="info" showIcon title={t('action.reclassifyNote')} />}
        <Form<Values> onKeyDown={enterStaysInPickers} form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ facility: c.facility ?? undefined }}>
          {placing && (
            <Form.Item name="facility" label={t('case.facility')} rules={[...required(t('case.facility')), { whitespace: true, message: t('form.required', { field: t('case.facility') }) }]}>
              <Input id="case-action-facility" autoFocus maxLength={100} placeholder={t('action.facilityPlaceholder')} />
            </Form.Item>
          )}
          {action === 'reclassify' && (
            <>
              <Form.Item name="clinicalType" label={t('case.clinicalType')} rules={required(t('case.clinicalType'))}>
                <Select id="case-action-clinicalType" options={CLINICAL_TYPES.map((x) => ({ value: x, label: label(CLINICAL_TYPE_LABELS, x) }))} />
              </Form.Item>
              <Form.Item name="onsetDate" label={t('case.onsetDate')}>
                <DatePicker id="case-action-onsetDate" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
          <Form.Item name="at" label={t('action.at')} extra={t('action.atHint')}>
            <DatePicker id="case-action-at" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
          <EnterSubmits />
        </Form>
        {error && <Alert type="error" showIcon title={error} data-testid="case-action-error" />}
      </Space>
    </Modal>
  );
}

export function CaseActions({ c, onChanged }: { c: CaseDetail; onChanged(updated: CaseDetail): void }) {
  const { t } = useI18n();
  const [action, setAction] = useState<Action | null>(null);
  const actions = caseActions(c);
  if (!actions.length) return null;
  return (
    <Space wrap data-testid="case-actions">
      {actions.map((a) => (
        <Button key={a} type={a === 'isolated' || a === 'admitted' ? 'primary' : 'default'} danger={a === 'died'} onClick={() => setAction(a)}>
          {t(BUTTONS[a])}
        </Button>
      ))}
      {action && (
        <ActionDialog
          c={c}
          action={action}
          onClose={() => setAction(null)}
          onDone={(updated) => {
            setAction(null);
            onChanged(updated);
          }}
        />
      )}
    </Space>
  );
}
