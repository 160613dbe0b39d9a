// 转为病例: a contact tests positive and becomes a case linked to the source case and its cluster
// (local, found under contact control); their control ends as transferred. One client id per dialog.
import { useRef } from 'react';
import { Alert, Form, Input, Modal, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError, newClientId } from '../../api/client';
import type { CaseDetail, ContactView, PositiveContact } from '../../api/caseTypes';
import { useSave } from '../../components/useSave';
import { useI18n } from '../../i18n/I18nProvider';
import { enterStaysInPickers, EnterSubmits, infectionFacts, InfectionFields, type InfectionValues } from './formParts';

interface Values extends InfectionValues {
  reportingUnit: string;
}

export function PositiveDialog({ contact, onClose, onDone }: { contact: ContactView; onClose(): void; onDone(c: CaseDetail): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const clientId = useRef(newClientId());
  const { saving: sending, error, setError, save } = useSave({
    form,
    fields: ['classification', 'clinicalType', 'onsetDate', 'firstPositiveAt', 'reportingUnit'],
    inline: true,
  });
  const required = (field: string) => [{ required: true, message: t('form.required', { field }) }];

  const submit = (v: Values) => {
    const body: PositiveContact = {
      clientId: clientId.current,
      ...infectionFacts(v),
      reportingUnit: v.reportingUnit.trim(),
    };
    return save(() => api.post<{ case: CaseDetail; contact: ContactView }>(`/contacts/${encodeURIComponent(contact.id)}/positive`, body), {
      success: (res) => t('positive.done', { name: res.case.person.name }),
      onSaved: (res) => onDone(res.case),
      // The answer was lost: the report may be saved; retrying with the same client id is safe.
      onError: (e) => {
        if (!(e instanceof ApiError && e.status === 0)) return false;
        setError(t('form.retrySafe'));
        return true;
      },
    });
  };

  return (
    <Modal
      open
      width={680}
      title={t('positive.title', { name: contact.person.name })}
      okText={t('positive.confirm')}
      okButtonProps={{ loading: sending, danger: true, id: 'positive-ok' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Paragraph data-testid="positive-question">{t('positive.question', { name: contact.person.name })}</Typography.Paragraph>
        <Form<Values>
          form={form}
          onKeyDown={enterStaysInPickers}
          layout="vertical"
          requiredMark
          initialValues={{ classification: 'asymptomatic', firstPositiveAt: dayjs() }}
          onFinish={(v) => void submit(v)}
          onValuesChange={() => setError(null)}
        >
          <InfectionFields form={form} idPrefix="positive" />
          <Form.Item name="reportingUnit" label={t('case.reportingUnit')} rules={[...required(t('case.reportingUnit')), { whitespace: true, message: t('form.required', { field: t('case.reportingUnit') }) }]}>
            <Input id="positive-reportingUnit" maxLength={100} autoFocus placeholder={t('report.reportingUnitPlaceholder')} />
          </Form.Item>
          <EnterSubmits />
        </Form>
        {error && <Alert type="error" showIcon title={error} data-testid="positive-error" />}
      </Space>
    </Modal>
  );
}
