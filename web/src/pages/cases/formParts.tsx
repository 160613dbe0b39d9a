// Parts of the case pages’ forms: the identity fields of a case or a contact (a resident ID is
// checked as typed: length, birth date, check digit; field names under `person`), the infection's
// facts, and Enter handling.
import { Col, DatePicker, Form, Input, Radio, Row, Select, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CASE_CLASSIFICATIONS, CLINICAL_TYPES, DOCUMENT_TYPES, type CaseClassification, type ClinicalType } from '../../../../src/domain/enums';
import { parseResidentId } from '../../../../src/domain/id-number';
import { useI18n } from '../../i18n/I18nProvider';
import { CLASSIFICATION_LABELS, CLINICAL_TYPE_LABELS, DOCUMENT_TYPE_LABELS } from '../../i18n/labels';
import { todayIn } from '../observation/observationUtils';
import { useCaseTexts } from './caseTexts';

export function PersonFields({ form, idPrefix }: { form: FormInstance; idPrefix: string }) {
  const { t, label } = useI18n();
  const tx = useCaseTexts();
  const documentType = Form.useWatch(['person', 'documentType'], form);
  const required = (field: string) => [{ required: true, message: tx('form.required', { field }) }];
  return (
    <Row gutter={12}>
      <Col xs={24} md={12} lg={6}>
        <Form.Item name={['person', 'documentType']} label={t('desk.documentType')} rules={required(t('desk.documentType'))}>
          <Select id={`${idPrefix}-documentType`} options={DOCUMENT_TYPES.map((d) => ({ value: d, label: label(DOCUMENT_TYPE_LABELS, d) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12} lg={7}>
        <Form.Item
          name={['person', 'documentNumber']}
          label={t('desk.documentNumber')}
          rules={[
            ...required(t('desk.documentNumber')),
            {
              validator: async (_, value?: string) => {
                if (!value || documentType !== 'resident_id') return;
                if (!parseResidentId(value.trim().toUpperCase(), todayIn(new Date())).ok) throw new Error(tx('form.invalidId'));
              },
            },
          ]}
        >
          <Input id={`${idPrefix}-documentNumber`} autoComplete="off" maxLength={32} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12} lg={5}>
        <Form.Item name={['person', 'name']} label={t('desk.name')} rules={required(t('desk.name'))}>
          <Input id={`${idPrefix}-name`} autoComplete="off" maxLength={64} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12} lg={6}>
        <Form.Item
          name={['person', 'phone']}
          label={t('desk.phone')}
          rules={[...required(t('desk.phone')), { pattern: /^\+?[0-9\s-]{5,24}$/, message: tx('form.digitsOnly') }]}
        >
          <Input id={`${idPrefix}-phone`} autoComplete="off" inputMode="tel" maxLength={24} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** The person as the API takes it: the document number in capitals, the phone digits only. */
export function personBody<P extends { documentNumber: string; name: string; phone: string }>(p: P): P {
  return { ...p, documentNumber: p.documentNumber.trim().toUpperCase(), name: p.name.trim(), phone: p.phone.replace(/[\s-]/g, '') };
}

/** A button that lets Enter in a text field submit the form around it (implicit submission). */
export function EnterSubmits() {
  return <button type="submit" hidden tabIndex={-1} aria-hidden />;
}

/**
 * For a form's onKeyDown: Enter in a date picker or a select confirms the value typed or picked
 * there (they handle it first) and does not also submit the form; Enter in a text field does.
 */
export function enterStaysInPickers(e: React.KeyboardEvent<HTMLElement>) {
  if (e.key === 'Enter' && (e.target as HTMLElement).closest('.ant-picker, .ant-select')) e.preventDefault();
}

export interface InfectionValues {
  classification: CaseClassification;
  clinicalType?: ClinicalType;
  firstPositiveAt?: Dayjs;
  onsetDate?: Dayjs;
}

/** What a case report and a positive contact both say of the infection. */
export function infectionFacts(v: InfectionValues) {
  return {
    classification: v.classification,
    firstPositiveAt: v.firstPositiveAt!.toISOString(),
    ...(v.classification === 'confirmed' && v.clinicalType ? { clinicalType: v.clinicalType } : {}),
    ...(v.classification === 'confirmed' && v.onsetDate ? { onsetDate: v.onsetDate.format('YYYY-MM-DD') } : {}),
  };
}

/** The classification (a confirmed case with its clinical type and onset date) and the first positive sample's time. */
export function InfectionFields({ form, idPrefix }: { form: FormInstance; idPrefix: string }) {
  const { label } = useI18n();
  const tx = useCaseTexts();
  const classification = Form.useWatch('classification', form);
  const required = (field: string) => [{ required: true, message: tx('form.required', { field }) }];
  const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="classification" label={tx('case.classification')} rules={required(tx('case.classification'))}>
            <Radio.Group id={`${idPrefix}-classification`} optionType="button" options={CASE_CLASSIFICATIONS.map((c) => ({ value: c, label: label(CLASSIFICATION_LABELS, c) }))} />
          </Form.Item>
        </Col>
        {classification === 'confirmed' && (
          <Col xs={24} md={12}>
            <Form.Item name="clinicalType" label={tx('case.clinicalType')} rules={required(tx('case.clinicalType'))}>
              <Select id={`${idPrefix}-clinicalType`} options={CLINICAL_TYPES.map((c) => ({ value: c, label: label(CLINICAL_TYPE_LABELS, c) }))} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="firstPositiveAt" label={tx('case.firstPositiveAt')} rules={required(tx('case.firstPositiveAt'))}>
            <DatePicker id={`${idPrefix}-firstPositiveAt`} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </Col>
        {classification === 'confirmed' && (
          <Col xs={24} md={12}>
            <Form.Item name="onsetDate" label={tx('case.onsetDate')}>
              <DatePicker id={`${idPrefix}-onsetDate`} style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
          </Col>
        )}
      </Row>
    </>
  );
}
