// The identity fields of a person found or created by document: opening an observation,
// reporting a case, adding a contact.
import { Col, Form, Input, Row, Select, type FormInstance } from 'antd';
import { DOCUMENT_TYPES } from '../../../src/domain/enums';
import { parseResidentId } from '../../../src/domain/id-number';
import { useI18n } from '../i18n/I18nProvider';
import { DOCUMENT_TYPE_LABELS } from '../i18n/labels';
import { todayIn } from '../format';

/**
 * Document type and number, name and phone under `person`; a resident ID is checked as typed (length, birth date,
 * check digit). A desk asks the name first; without `idPrefix` the fields keep the ids the form's name gives them.
 */
export function PersonFields({ form, idPrefix, nameFirst = false }: { form: FormInstance; idPrefix?: string; nameFirst?: boolean }) {
  const { t, label } = useI18n();
  const documentType = Form.useWatch(['person', 'documentType'], form);
  const required = (field: string) => [{ required: true, message: t('desk.required', { field }) }];
  const id = (field: string) => (idPrefix ? `${idPrefix}-${field}` : undefined);
  const name = (
    <Col key="name" xs={24} md={12} lg={nameFirst ? 6 : 5}>
      <Form.Item name={['person', 'name']} label={t('desk.name')} rules={required(t('desk.name'))}>
        <Input id={id('name')} autoComplete="off" maxLength={64} />
      </Form.Item>
    </Col>
  );
  const fields = [
    <Col key="documentType" xs={24} md={12} lg={nameFirst ? 5 : 6}>
      <Form.Item name={['person', 'documentType']} label={t('desk.documentType')} rules={required(t('desk.documentType'))}>
        <Select id={id('documentType')} options={DOCUMENT_TYPES.map((d) => ({ value: d, label: label(DOCUMENT_TYPE_LABELS, d) }))} />
      </Form.Item>
    </Col>,
    <Col key="documentNumber" xs={24} md={12} lg={7}>
      <Form.Item
        name={['person', 'documentNumber']}
        label={t('desk.documentNumber')}
        rules={[
          ...required(t('desk.documentNumber')),
          {
            validator: async (_, value?: string) => {
              if (!value || documentType !== 'resident_id') return;
              if (!parseResidentId(value.trim().toUpperCase(), todayIn(new Date())).ok) throw new Error(t('person.invalidId'));
            },
          },
        ]}
      >
        <Input id={id('documentNumber')} autoComplete="off" maxLength={32} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
    </Col>,
  ];
  return (
    <Row gutter={12}>
      {nameFirst ? [name, ...fields] : [...fields, name]}
      <Col xs={24} md={12} lg={6}>
        <Form.Item
          name={['person', 'phone']}
          label={t('desk.phone')}
          rules={[...required(t('desk.phone')), { pattern: /^\+?[0-9\s-]{5,24}$/, message: t('person.digitsOnly') }]}
        >
          <Input id={id('phone')} autoComplete="off" inputMode="tel" maxLength={24} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** The person as the API takes it: the document number in capitals, the phone digits only. */
export function personBody<P extends { documentNumber: string; name: string; phone: string }>(p: P): P {
  return { ...p, documentNumber: p.documentNumber.trim().toUpperCase(), name: p.name.trim(), phone: p.phone.replace(/[\s-]/g, '') };
}

