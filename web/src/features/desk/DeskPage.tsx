// 分流登记: the registration desk of a triage point, built for a queue.
// Scan → (colour key) → identity → journey → destination → temperature → submit,
// with Enter moving on and Ctrl+Enter submitting; the result shows as a big banner.
import { useEffect, useRef, useState } from 'react';
import { settings } from '../../settings';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
  type InputRef,
} from 'antd';
import { ScanOutlined } from '@ant-design/icons';
import { SYMPTOMS, TRANSPORT_MODES } from '../../../../src/domain/enums';
import { parseHealthCode } from '../../../../src/domain/health-code';
import { api, ApiError, newClientId } from '../../api/client';
import type { ArrivalView } from '../../api/types';
import { useUser } from '../../auth/AuthProvider';
import { ColorKeyPicker } from '../../components/ColorKeyPicker';
import { EntryPointSelect } from '../../components/EntryPointSelect';
import { enterNavigation, focusField, focusNext } from '../../components/enterNavigation';
import { PersonFields } from '../../components/PersonFields';
import { PlaceSearchSelect } from '../../components/PlaceSearchSelect';
import { TriageBanner } from '../../components/TriageBanner';
import { useEntryPoints, useUnits } from '../../components/useReferenceLists';
import { type DeskValues, FIELDS, INITIAL, namePathOf, toRequest } from './deskRequest';
import { useRememberedEntryPoint } from './useRememberedEntryPoint';
import { VisitedRows } from './VisitedRows';
import { useI18n } from '../../i18n/I18nProvider';
import { SYMPTOM_LABELS, TRANSPORT_LABELS, UNIT_KIND_LABELS } from '../../i18n/labels';

const FORM = 'desk';

export function DeskPage() {
  const user = useUser();
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DeskValues>();
  const containerRef = useRef<HTMLDivElement>(null);
  const scanRef = useRef<InputRef>(null);
  const colorRef = useRef<HTMLDivElement>(null);
  const entryPoints = useEntryPoints();
  const units = useUnits();
  const [entryPointId, setEntryPointId] = useRememberedEntryPoint();
  const [entryPointError, setEntryPointError] = useState<string | null>(null);
  const [scanText, setScanText] = useState('');
  const [scanNote, setScanNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<ArrivalView | null>(null);
  /** The clientId of the registration being submitted; kept until it succeeds so a retry cannot duplicate. */
  const attempt = useRef<{ clientId: string; arrivedAt: string } | null>(null);
  const temperature = Form.useWatch('temperature', form);
  const contact = Form.useWatch('contactWithAffected', form);

  // Forget a remembered entry point that no longer exists or was deactivated.
  useEffect(() => {
    if (!entryPoints.loading && entryPointId && !entryPoints.items.some((e) => e.id === entryPointId && e.active)) {
      setEntryPointId(undefined);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entryPoints.loading, entryPoints.items]);

  // Where the focus goes once the form is enabled again (it is disabled while saving):
  // the scan field on arrival and after a saved registration, the bad field or the
  // submit button (Enter retries) after a failure.
  const [focusRequest, setFocusRequest] = useState<{ id: string; n: number }>({ id: 'desk-scan', n: 1 });
  const focusDone = useRef(0);
  const requestFocus = (id: string) => setFocusRequest((r) => ({ id, n: r.n + 1 }));
  useEffect(() => {
    if (saving || focusDone.current === focusRequest.n || !containerRef.current) return;
    focusDone.current = focusRequest.n;
    focusField(containerRef.current, focusRequest.id);
  }, [focusRequest, saving]);

  // Ctrl+Enter submits from anywhere on the page (the focus may have left the form).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !containerRef.current?.contains(e.target as Node)) {
        e.preventDefault();
        form.submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form]);

  const container = () => containerRef.current!;

  const startNewPerson = () => {
    form.resetFields();
    attempt.current = null;
    setFailure(null);
  };

  const onScan = () => {
    const text = scanText.trim();
    if (!text) {
      focusNext(container(), scanRef.current!.input!);
      return;
    }
    setScanText('');
    startNewPerson();
    const content = parseHealthCode(text);
    if (content) {
      // The platform's own code: its content goes into the (encrypted) fields, not into raw text.
      form.setFieldsValue({
        person: { name: content.name, documentType: content.documentType, documentNumber: content.documentNumber, phone: content.phone },
        healthCode: { color: content.color, raw: undefined },
      });
      setScanNote({ ok: true, text: t('desk.scanParsed', { name: content.name }) });
      setTimeout(() => focusField(container(), `${FORM}_transport_mode`), 0);
    } else {
      form.setFieldsValue({ healthCode: { color: undefined, raw: text } });
      setScanNote({ ok: false, text: t('desk.scanRaw') });
      setTimeout(() => colorRef.current?.focus(), 0);
    }
  };

  const onColorPicked = () => {
    const filled = form.getFieldValue(['person', 'name']);
    focusField(container(), filled ? `${FORM}_transport_mode` : `${FORM}_person_name`);
  };

  const showApiError = (e: unknown) => {
    if (e instanceof ApiError && e.field === 'entryPointId') {
      setEntryPointError(e.message);
      return;
    }
    if (e instanceof ApiError && e.field && FIELDS.has(namePathOf(e.field)[0] as string)) {
      const name = namePathOf(e.field);
      form.setFields([{ name: name as Parameters<typeof form.setFields>[0][number]['name'], errors: [e.message] }]);
      setFailure(t('desk.fixErrors'));
      requestFocus([FORM, ...name].join('_'));
      return;
    }
    const text = e instanceof Error ? e.message : String(e);
    // The answer was lost or the server failed: the registration may or may not be saved; retrying is safe.
    if (e instanceof ApiError && e.status === 0) setFailure(t('desk.networkRetry'));
    else setFailure(e instanceof ApiError && e.status >= 500 ? `${text}。${t('desk.retryHint')}` : text);
    requestFocus('desk-submit');
  };

  const save = async (values: DeskValues) => {
    if (saving) return;
    if (!entryPointId) {
      setEntryPointError(t('desk.entryPointRequired'));
      message.error(t('desk.entryPointRequired'));
      return;
    }
    attempt.current ??= { clientId: newClientId(), arrivedAt: new Date().toISOString() };
    setSaving(true);
    setFailure(null);
    try {
      const arrival = await api.post<ArrivalView>('/arrivals', toRequest(values, entryPointId, attempt.current));
      attempt.current = null;
      setResult(arrival);
      form.resetFields();
      setScanNote(null);
      requestFocus('desk-scan');
    } catch (e) {
      showApiError(e);
    } finally {
      setSaving(false);
    }
  };

  const required = (key: Parameters<typeof t>[0]) => [{ required: true, message: t('desk.required', { field: t(key) }) }];
  const abnormal = typeof temperature === 'number' && temperature >= settings().feverCelsius;
  const employerUnits = units.items.filter((u) => u.kind !== 'hotel' && u.kind !== 'isolation_site');

  return (
    <div>
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={
          <Space>
            <ScanOutlined />
            {t('desk.title')}
          </Space>
        }
        extra={
          <Space>
            <Typography.Text strong>{t('desk.entryPoint')}</Typography.Text>
            <EntryPointSelect
              id="desk-entry-point"
              value={entryPointId}
              onChange={(id) => {
                setEntryPointId(id);
                setEntryPointError(null);
                scanRef.current?.focus();
              }}
              entryPoints={entryPoints.items}
              onlyActive
              placeholder={t('desk.entryPointPlaceholder')}
              style={{ width: 320 }}
              status={entryPointError ? 'error' : undefined}
            />
          </Space>
        }
      >
        {entryPointError && <Alert type="error" showIcon title={entryPointError} style={{ marginBottom: 8 }} />}
        <Typography.Text type="secondary">{t('desk.submitHint')}</Typography.Text>
      </Card>

      {result && <TriageBanner arrival={result} />}

      <div ref={containerRef} onKeyDownCapture={enterNavigation(() => form.submit())}>
        <Form<DeskValues>
          form={form}
          name={FORM}
          layout="vertical"
          initialValues={INITIAL}
          onFinish={save}
          onFinishFailed={({ errorFields }) => {
            if (errorFields[0]) focusField(container(), [FORM, ...errorFields[0].name].join('_'));
          }}
          disabled={saving}
        >
          <Card size="small" style={{ marginBottom: 12 }}>
            <Row gutter={16} align="top">
              <Col xs={24} lg={14}>
                <Form.Item label={t('desk.scan')} extra={scanNote && <Typography.Text type={scanNote.ok ? 'success' : 'warning'}>{scanNote.text}</Typography.Text>}>
                  <Input
                    id="desk-scan"
                    data-own-enter
                    ref={scanRef}
                    size="large"
                    prefix={<ScanOutlined />}
                    value={scanText}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder={t('desk.scanPlaceholder')}
                    onChange={(e) => setScanText(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.nativeEvent.isComposing) {
                        e.preventDefault();
                        onScan();
                      }
                    }}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} lg={10}>
                <Form.Item name={['healthCode', 'color']} label={t('desk.color')} rules={required('desk.color')}>
                  <ColorKeyPicker ref={colorRef} onPicked={onColorPicked} />
                </Form.Item>
                <Form.Item name={['healthCode', 'raw']} hidden>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card size="small" title={t('desk.identity')} style={{ marginBottom: 12 }}>
            <PersonFields form={form} nameFirst />
          </Card>

          <Card size="small" title={t('desk.journey')} style={{ marginBottom: 12 }}>
            <Row gutter={16}>
              <Col xs={24} md={12} lg={8}>
                <Form.Item name={['transport', 'mode']} label={t('desk.transportMode')} rules={required('desk.transportMode')}>
                  <Radio.Group
                    optionType="button"
                    options={TRANSPORT_MODES.map((m) => ({ value: m, label: label(TRANSPORT_LABELS, m) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={6}>
                <Form.Item name={['transport', 'number']} label={t('desk.transportNumber')}>
                  <Input autoComplete="off" maxLength={32} />
                </Form.Item>
              </Col>
              <Col xs={24} lg={10}>
                <Form.Item name="originCode" label={t('desk.origin')} rules={required('desk.origin')}>
                  <PlaceSearchSelect levels={['province', 'city']} placeholder={t('desk.originPlaceholder')} />
                </Form.Item>
              </Col>
              <Col xs={24} lg={10}>
                <Form.Item name={['destination', 'code']} label={t('desk.destination')} rules={required('desk.destination')}>
                  <PlaceSearchSelect
                    levels={['community', 'unit']}
                    within={user.jurisdictionCode}
                    placeholder={t('desk.destinationPlaceholder')}
                    showPath
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={14} lg={8}>
                <Form.Item name={['destination', 'address']} label={t('desk.address')} rules={required('desk.address')}>
                  <Input autoComplete="off" maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24} md={10} lg={6}>
                <Form.Item name={['destination', 'compound']} label={t('desk.compound')}>
                  <Input autoComplete="off" maxLength={100} />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card size="small" title={t('desk.health')} style={{ marginBottom: 12 }}>
            <Row gutter={16}>
              <Col xs={24} md={8} lg={5}>
                <Form.Item
                  name="temperature"
                  label={t('desk.temperature')}
                  rules={required('desk.temperature')}
                  validateStatus={abnormal ? 'error' : undefined}
                  help={abnormal ? <Tag color="red">{t('desk.temperatureAbnormal')} ≥ {settings().feverCelsius}℃</Tag> : undefined}
                >
                  <InputNumber<number>
                    min={30}
                    max={45}
                    step={0.1}
                    precision={1}
                    size="large"
                    style={{ width: '100%', ...(abnormal ? { color: '#cf1322', fontWeight: 700 } : {}) }}
                    inputMode="decimal"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={16} lg={19}>
                <Form.Item name="symptoms" label={t('desk.symptoms')}>
                  <Checkbox.Group
                    data-nav-group
                    options={SYMPTOMS.map((s) => ({ value: s, label: label(SYMPTOM_LABELS, s) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8} lg={5}>
                <Form.Item name="contactWithAffected" label={t('desk.contact')} valuePropName="checked">
                  <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
                </Form.Item>
              </Col>
              {contact && (
                <Col xs={24} md={16} lg={19}>
                  <Form.Item name="contactNote" label={t('desk.contactNote')}>
                    <Input autoComplete="off" maxLength={500} />
                  </Form.Item>
                </Col>
              )}
            </Row>
            <VisitedRows />
          </Card>

          <Card size="small" style={{ marginBottom: 12 }}>
            <Row gutter={16} align="bottom">
              <Col xs={24} md={14}>
                <Form.Item name="employerUnitId" label={t('desk.employer')}>
                  <Select
                    allowClear
                    placeholder={t('desk.employerPlaceholder')}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={employerUnits.map((u) => ({ value: u.code, label: `${u.name}（${label(UNIT_KIND_LABELS, u.kind)}）` }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item>
                  <Space>
                    <Button id="desk-submit" type="primary" htmlType="submit" size="large" loading={saving} style={{ minWidth: 160 }}>
                      {saving ? t('desk.saving') : t('desk.submit')}
                    </Button>
                    <span data-nav-skip>
                      <Button
                        size="large"
                        onClick={() => {
                          startNewPerson();
                          setScanNote(null);
                          scanRef.current?.focus();
                        }}
                      >
                        {t('desk.clear')}
                      </Button>
                    </span>
                  </Space>
                </Form.Item>
              </Col>
            </Row>
            {failure && <Alert type="error" showIcon title={failure} data-testid="desk-failure" />}
          </Card>
        </Form>
      </div>
    </div>
  );
}

