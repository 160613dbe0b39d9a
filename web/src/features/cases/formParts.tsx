// Parts of the case pages’ forms: the infection's facts, and Enter handling.
import { Col, DatePicker, Form, Radio, Row, Select, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CASE_CLASSIFICATIONS, CLINICAL_TYPES, type CaseClassification, type ClinicalType } from '../../../../src/domain/enums';
import { useI18n } from '../../i18n/I18nProvider';
import { CLASSIFICATION_LABELS, CLINICAL_TYPE_LABELS } from '../../i18n/labels';

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
  const { t, label } = useI18n();
  const classification = Form.useWatch('classification', form);
  const required = (field: string) => [{ required: true, message: t('form.required', { field }) }];
  const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="classification" label={t('case.classification')} rules={required(t('case.classification'))}>
            <Radio.Group id={`${idPrefix}-classification`} optionType="button" options={CASE_CLASSIFICATIONS.map((c) => ({ value: c, label: label(CLASSIFICATION_LABELS, c) }))} />
          </Form.Item>
        </Col>
        {classification === 'confirmed' && (
          <Col xs={24} md={12}>
            <Form.Item name="clinicalType" label={t('case.clinicalType')} rules={required(t('case.clinicalType'))}>
              <Select id={`${idPrefix}-clinicalType`} options={CLINICAL_TYPES.map((c) => ({ value: c, label: label(CLINICAL_TYPE_LABELS, c) }))} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="firstPositiveAt" label={t('case.firstPositiveAt')} rules={required(t('case.firstPositiveAt'))}>
            <DatePicker id={`${idPrefix}-firstPositiveAt`} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </Col>
        {classification === 'confirmed' && (
          <Col xs={24} md={12}>
            <Form.Item name="onsetDate" label={t('case.onsetDate')}>
              <DatePicker id={`${idPrefix}-onsetDate`} style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
          </Col>
        )}
      </Row>
    </>
  );
}
