// 报告病例: who (found or created by document), where they live, local or imported, how the case was
// found, the classification (a confirmed case with its clinical type and onset), the first positive
// sample, the reporting unit and the jurisdiction the case counts for. The client id is kept until the
// server confirms, so a retry cannot report twice; a person with an open case gets the report attached.
import { useRef } from 'react';
import { Alert, App as AntApp, Button, Col, Drawer, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { CASE_FOUND_BY, OPEN_CASE_STATUSES, type CaseOrigin, type DocumentType } from '../../../../src/domain/enums';
import { api, ApiError, newClientId } from '../../api/client';
import type { CaseDetail, CaseReport, NewCase } from '../../api/caseTypes';
import { useUser } from '../../auth/AuthProvider';
import { PlaceSearchSelect } from '../../components/PlaceSearchSelect';
import { useNodeNames } from '../../components/useNodeNames';
import { useSave } from '../../components/useSave';
import { useI18n } from '../../i18n/I18nProvider';
import { CASE_ORIGIN_LABELS, CASE_STATUS_LABELS, FOUND_BY_LABELS } from '../../i18n/labels';
import { settings } from '../../settings';
import { enterStaysInPickers, infectionFacts, InfectionFields, type InfectionValues } from './formParts';
import { personBody, PersonFields } from '../../components/PersonFields';

interface Values extends InfectionValues {
  person: { documentType: DocumentType; documentNumber: string; name: string; phone: string };
  communityCode?: string;
  origin: CaseOrigin;
  originCode?: string;
  foundBy: NewCase['foundBy'];
  reportingUnit: string;
  jurisdictionCode?: string;
  status: (typeof OPEN_CASE_STATUSES)[number];
  facility?: string;
}

const FIELDS = ['person', 'communityCode', 'origin', 'originCode', 'foundBy', 'classification', 'clinicalType', 'onsetDate', 'firstPositiveAt', 'reportingUnit', 'jurisdictionCode', 'status', 'facility'];

/** The district a community or unit lies in (the first six digits), when it is inside the caller's jurisdiction. */
function countingCodeOf(code: string, scope: string): string | undefined {
  const district = code.slice(0, 6);
  if (district.startsWith(scope)) return district;
  return code.startsWith(scope) ? scope : undefined;
}

export function ReportCaseForm({ onReported }: { onReported(c: CaseDetail, created: boolean): void }) {
  const user = useUser();
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const clientId = useRef<string | null>(null);
  const { saving: sending, error, setError, save } = useSave({ form, fields: FIELDS, inline: true });
  const origin = Form.useWatch('origin', form);
  const status = Form.useWatch('status', form);
  const jurisdictionCode = Form.useWatch('jurisdictionCode', form);
  const nameOf = useNodeNames(jurisdictionCode ? [jurisdictionCode] : []);
  const required = (field: string) => [{ required: true, message: t('form.required', { field }) }];

  const submit = (v: Values) => {
    clientId.current ??= newClientId();
    const body: NewCase = {
      clientId: clientId.current,
      person: personBody(v.person),
      origin: v.origin,
      foundBy: v.foundBy,
      ...infectionFacts(v),
      reportingUnit: v.reportingUnit.trim(),
      jurisdictionCode: v.jurisdictionCode!,
      ...(v.communityCode ? { communityCode: v.communityCode } : {}),
      ...(v.origin === 'imported' && v.originCode ? { originCode: v.originCode } : {}),
      ...(v.status !== 'reported' ? { status: v.status, ...(v.facility?.trim() ? { facility: v.facility.trim() } : {}) } : {}),
    };
    return save(() => api.post<CaseReport>('/cases', body), {
      onSaved: (data) => {
        clientId.current = null;
        // A retry of this very report (the first answer was lost) is as good as its first answer.
        const created = data.outcome !== 'attached';
        if (created) message.success(t('report.done', { name: data.person.name }));
        else message.warning(t('report.attached', { name: data.person.name }));
        onReported(data, created);
      },
      // The answer was lost: the report may be saved; retrying with the same client id is safe.
      onError: (e) => {
        if (!(e instanceof ApiError && e.status === 0)) return false;
        setError(t('form.retrySafe'));
        return true;
      },
    });
  };

  return (
    <Form<Values>
      form={form}
      onKeyDown={enterStaysInPickers}
      layout="vertical"
      requiredMark
      onFinish={(v) => void submit(v)}
      onValuesChange={(changed: Partial<Values>) => {
        setError(null);
        // The case counts, by default, for the district the person lives in.
        if (changed.communityCode && !form.isFieldTouched('jurisdictionCode')) {
          form.setFieldValue('jurisdictionCode', countingCodeOf(changed.communityCode, user.jurisdictionCode));
        }
      }}
      initialValues={{ person: { documentType: 'resident_id' }, origin: 'local', classification: 'confirmed', foundBy: 'community_screening', status: 'reported' }}
      data-testid="report-form"
    >
      <Typography.Title level={5}>{t('report.person')}</Typography.Title>
      <PersonFields form={form} idPrefix="case-person" />
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="communityCode" label={t('case.community')} extra={t('report.communityHint')}>
            <PlaceSearchSelect id="case-communityCode" levels={['community', 'unit']} within={settings().region} placeholder={t('report.communityPlaceholder')} allowClear showPath />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="foundBy" label={t('case.foundBy')} rules={required(t('case.foundBy'))}>
            <Select id="case-foundBy" options={CASE_FOUND_BY.map((f) => ({ value: f, label: label(FOUND_BY_LABELS, f) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="origin" label={t('case.origin')} rules={required(t('case.origin'))}>
            <Radio.Group id="case-origin" optionType="button" options={(['local', 'imported'] as const).map((o) => ({ value: o, label: label(CASE_ORIGIN_LABELS, o) }))} />
          </Form.Item>
        </Col>
        {origin === 'imported' && (
          <Col xs={24} md={16}>
            <Form.Item name="originCode" label={t('case.originPlace')} rules={required(t('case.originPlace'))}>
              <PlaceSearchSelect id="case-originCode" levels={['province', 'city']} placeholder={t('report.originPlaceholder')} />
            </Form.Item>
          </Col>
        )}
      </Row>

      <Typography.Title level={5}>{t('report.infection')}</Typography.Title>
      <InfectionFields form={form} idPrefix="case" />

      <Typography.Title level={5}>{t('report.reporting')}</Typography.Title>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="reportingUnit" label={t('case.reportingUnit')} rules={[...required(t('case.reportingUnit')), { whitespace: true, message: t('form.required', { field: t('case.reportingUnit') }) }]}>
            <Input id="case-reportingUnit" maxLength={100} placeholder={t('report.reportingUnitPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="jurisdictionCode" label={t('case.jurisdiction')} rules={required(t('case.jurisdiction'))} extra={t('report.jurisdictionHint')}>
            <PlaceSearchSelect
              id="case-jurisdictionCode"
              levels={['city', 'district', 'town']}
              within={user.jurisdictionCode}
              initialLabel={jurisdictionCode ? nameOf(jurisdictionCode) : undefined}
              placeholder={t('report.jurisdictionPlaceholder')}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="status" label={t('report.initialStatus')}>
            <Select id="case-status" options={OPEN_CASE_STATUSES.map((s) => ({ value: s, label: label(CASE_STATUS_LABELS, s) }))} />
          </Form.Item>
        </Col>
        {status && status !== 'reported' && (
          <Col xs={24} md={12}>
            <Form.Item name="facility" label={t('case.facility')} rules={required(t('case.facility'))}>
              <Input id="case-facility" maxLength={100} placeholder={t('action.facilityPlaceholder')} />
            </Form.Item>
          </Col>
        )}
      </Row>
      {error && <Alert type="error" showIcon title={error} data-testid="report-error" style={{ marginBottom: 12 }} />}
      <Button id="case-submit" type="primary" htmlType="submit" loading={sending}>
        {t('report.submit')}
      </Button>
    </Form>
  );
}

export function ReportCaseDrawer({ open, onClose, onReported }: { open: boolean; onClose(): void; onReported(c: CaseDetail, created: boolean): void }) {
  const { t } = useI18n();
  return (
    <Drawer open={open} onClose={onClose} title={t('report.title')} size="large" destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('report.hint')}</Typography.Paragraph>
      <ReportCaseForm onReported={onReported} />
    </Drawer>
  );
}
