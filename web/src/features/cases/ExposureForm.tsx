// 登记暴露: one place and time of the case's infectious period — the setting, the place (division
// code and address) or the flight/train with the case's seat, from and to. The server refuses times
// outside the infectious period and says which window applies. One client id per dialog: a retry
// stores one exposure.
import { useRef } from 'react';
import { Alert, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { EXPOSURE_SETTINGS, TRANSPORT_MODES, type ExposureSetting, type TransportMode } from '../../../../src/domain/enums';
import { api, newClientId } from '../../api/client';
import type { CaseDetail, ExposureView, NewExposure } from '../../api/caseTypes';
import { PlaceSearchSelect } from '../../components/PlaceSearchSelect';
import { formatTime } from '../../format';
import { useSave } from '../../components/useSave';
import { useI18n } from '../../i18n/I18nProvider';
import { EXPOSURE_SETTING_LABELS, TRANSPORT_LABELS } from '../../i18n/labels';
import { enterStaysInPickers, EnterSubmits } from './formParts';

interface Values {
  setting: ExposureSetting;
  placeCode?: string;
  address: string;
  from?: Dayjs;
  to?: Dayjs;
  transport?: { mode: TransportMode; number?: string; seat?: string };
  note?: string;
}

/** The infectious period as a line of text. */
export function usePeriodText() {
  const { t } = useI18n();
  return (p: CaseDetail['infectiousPeriod']) =>
    p.to ? t('period.between', { from: formatTime(p.from), to: formatTime(p.to) }) : t('period.open', { from: formatTime(p.from) });
}

export function ExposureDialog({ c, onClose, onAdded }: { c: CaseDetail; onClose(): void; onAdded(e: ExposureView): void }) {
  const { t, label } = useI18n();
  const periodText = usePeriodText();
  const [form] = Form.useForm<Values>();
  const clientId = useRef(newClientId());
  const { saving: sending, error, setError, save } = useSave({ form, fields: ['setting', 'placeCode', 'address', 'from', 'to', 'transport', 'note'], inline: true });
  const setting = Form.useWatch('setting', form);
  const transport = setting === 'transport';
  const required = (field: string) => [{ required: true, message: t('form.required', { field }) }];

  const submit = (v: Values) => {
    const body: NewExposure = {
      clientId: clientId.current,
      setting: v.setting,
      address: v.address.trim(),
      from: v.from!.toISOString(),
      to: v.to!.toISOString(),
      ...(v.placeCode ? { placeCode: v.placeCode } : {}),
      ...(transport && v.transport?.number ? { transport: { mode: v.transport.mode, number: v.transport.number.trim(), ...(v.transport.seat?.trim() ? { seat: v.transport.seat.trim() } : {}) } } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    };
    return save(() => api.post<ExposureView>(`/cases/${encodeURIComponent(c.id)}/exposures`, body), { success: t('exposure.added'), onSaved: onAdded });
  };

  return (
    <Modal
      open
      width={760}
      title={t('exposure.addTitle', { name: c.person.name })}
      okText={t('exposure.save')}
      okButtonProps={{ loading: sending, id: 'exposure-ok' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('exposure.periodHint', { period: periodText(c.infectiousPeriod) })} data-testid="exposure-period" />
        <Form<Values>
          form={form}
          onKeyDown={enterStaysInPickers}
          layout="vertical"
          requiredMark
          initialValues={{ setting: 'household', transport: { mode: 'flight' } }}
          onFinish={(v) => void submit(v)}
          onValuesChange={() => setError(null)}
        >
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="setting" label={t('exposure.setting')} rules={required(t('exposure.setting'))}>
                <Select id="exposure-setting" options={EXPOSURE_SETTINGS.map((s) => ({ value: s, label: label(EXPOSURE_SETTING_LABELS, s) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="placeCode" label={t('exposure.place')} rules={transport ? [] : required(t('exposure.place'))}>
                <PlaceSearchSelect id="exposure-placeCode" levels={['district', 'town', 'community', 'unit']} placeholder={t('exposure.placePlaceholder')} allowClear showPath />
              </Form.Item>
            </Col>
          </Row>
          {transport && (
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item name={['transport', 'mode']} label={t('desk.transportMode')} rules={required(t('desk.transportMode'))}>
                  <Select id="exposure-transport-mode" options={TRANSPORT_MODES.map((m) => ({ value: m, label: label(TRANSPORT_LABELS, m) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['transport', 'number']} label={t('desk.transportNumber')} rules={required(t('desk.transportNumber'))}>
                  <Input id="exposure-transport-number" maxLength={32} style={{ textTransform: 'uppercase' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['transport', 'seat']} label={t('exposure.caseSeat')}>
                  <Input id="exposure-transport-seat" maxLength={16} />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Form.Item name="address" label={transport ? t('exposure.route') : t('exposure.address')} rules={[...required(t('exposure.address')), { whitespace: true, message: t('form.required', { field: t('exposure.address') }) }]}>
            <Input id="exposure-address" maxLength={200} placeholder={transport ? t('exposure.routePlaceholder') : t('exposure.addressPlaceholder')} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="from" label={t('exposure.from')} rules={required(t('exposure.from'))}>
                <DatePicker id="exposure-from" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="to"
                label={t('exposure.to')}
                dependencies={['from']}
                rules={[
                  ...required(t('exposure.to')),
                  ({ getFieldValue }) => ({
                    validator: async (_, value?: Dayjs) => {
                      const from = getFieldValue('from') as Dayjs | undefined;
                      if (value && from && value.isBefore(from)) throw new Error(t('exposure.toBeforeFrom'));
                    },
                  }),
                ]}
              >
                <DatePicker id="exposure-to" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="note" label={t('exposure.note')}>
            <Input.TextArea id="exposure-note" rows={2} maxLength={500} />
          </Form.Item>
          <EnterSubmits />
        </Form>
        {error && <Alert type="error" showIcon title={error} data-testid="exposure-error" />}
        <Typography.Text type="secondary">{t('exposure.enterHint')}</Typography.Text>
      </Space>
    </Modal>
  );
}
