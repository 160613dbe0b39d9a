// 登记密接 (or 次密接): the person by document, where they live (their community: home control there)
// or a site for centralised quarantine, and their seat. The server finds or creates the person and
// opens their control, so the community's or site's daily list shows them without re-entry.
// A full site offers "超额安置" (audited), as when opening an observation by hand.
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Col, Form, Input, Modal, Row, Select, Space, Typography } from 'antd';
import type { DocumentType } from '../../../../src/domain/enums';
import { api, ApiError } from '../../api/client';
import type { ContactView, NewContact } from '../../api/caseTypes';
import type { SiteView } from '../../api/observationTypes';
import { PlaceSearchSelect } from '../../components/PlaceSearchSelect';
import { useSave } from '../../components/useSave';
import { useI18n } from '../../i18n/I18nProvider';
import { settings } from '../../settings';
import { SiteFullOverride } from '../observation/SiteFullOverride';
import { enterStaysInPickers, EnterSubmits } from './formParts';
import { personBody, PersonFields } from '../../components/PersonFields';

/** Observation sites (hotels, isolation sites) with their free beds, for centralised quarantine. */
export function SiteSelect(props: { id?: string; value?: string; onChange?(code: string | undefined): void; style?: React.CSSProperties }) {
  const { t } = useI18n();
  const [sites, setSites] = useState<SiteView[]>([]);
  useEffect(() => {
    api.get<SiteView[]>('/sites').then(setSites).catch(() => setSites([]));
  }, []);
  return (
    <Select
      {...props}
      allowClear
      showSearch={{ optionFilterProp: 'name' }}
      placeholder={t('contact.sitePlaceholder')}
      options={sites.map((s) => ({ value: s.code, name: s.name, label: t('contact.siteOption', { name: s.name, free: s.free, capacity: s.capacity }) }))}
    />
  );
}

interface Values {
  person: { documentType: DocumentType; documentNumber: string; name: string; phone: string };
  communityCode?: string;
  siteCode?: string;
  address?: string;
  seat?: string;
}

export function ContactDialog({ title, path, onClose, onAdded }: { title: string; path: string; onClose(): void; onAdded(c: ContactView, created: boolean): void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const { saving: sending, error, setError, save } = useSave({ form, fields: ['person', 'communityCode', 'siteCode', 'address', 'seat'], inline: true });
  const [full, setFull] = useState<string | null>(null);
  const siteCode = Form.useWatch('siteCode', form);

  const send = async (override?: { reason: string }) => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body: NewContact = {
      person: personBody(v.person),
      ...(v.communityCode ? { communityCode: v.communityCode } : {}),
      ...(v.siteCode ? { siteCode: v.siteCode } : {}),
      ...(v.address?.trim() ? { address: v.address.trim() } : {}),
      ...(v.seat?.trim() ? { seat: v.seat.trim() } : {}),
      ...(override ? { override } : {}),
    };
    await save(() => api.postFor<ContactView>(path, body), {
      onSaved: ({ created, data }) => {
        setFull(null);
        const where = data.observation ? t('contact.controlAt', { unit: data.observation.unit.name, endDay: data.observation.endDay }) : '';
        if (created) message.success(t('contact.added', { name: data.person.name, where }));
        else message.info(t('contact.already', { name: data.person.name }));
        onAdded(data, created);
      },
      onError: (e) => {
        if (!(e instanceof ApiError && e.code === 'site_full')) return false;
        setFull(e.message);
        return true;
      },
    });
  };

  return (
    <Modal
      open
      width={820}
      title={title}
      okText={t('contact.save')}
      okButtonProps={{ loading: sending, id: 'contact-ok' }}
      cancelText={t('common.cancel')}
      onOk={() => void send()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        onKeyDown={enterStaysInPickers}
        layout="vertical"
        requiredMark
        initialValues={{ person: { documentType: 'resident_id' } }}
        onFinish={() => void send()}
        onValuesChange={() => setError(null)}
      >
        <PersonFields form={form} idPrefix="contact-person" />
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="communityCode"
              label={t('contact.community')}
              extra={t('contact.communityHint')}
              rules={siteCode ? [] : [{ required: true, message: t('contact.communityRequired') }]}
            >
              <PlaceSearchSelect id="contact-communityCode" levels={['community', 'unit']} within={settings().region} allowClear showPath placeholder={t('report.communityPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="siteCode" label={t('contact.site')} extra={t('contact.siteHint')}>
              <SiteSelect id="contact-siteCode" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} md={16}>
            <Form.Item name="address" label={t('exposure.address')}>
              <Input id="contact-address" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="seat" label={t('contact.seat')}>
              <Input id="contact-seat" maxLength={16} />
            </Form.Item>
          </Col>
        </Row>
        <EnterSubmits />
      </Form>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {full && <SiteFullOverride message={full} sending={sending} onSend={(reason) => void send({ reason })} />}
        {error && <Alert type="error" showIcon title={error} data-testid="contact-error" />}
        <Typography.Text type="secondary">{t('exposure.enterHint')}</Typography.Text>
      </Space>
    </Modal>
  );
}
