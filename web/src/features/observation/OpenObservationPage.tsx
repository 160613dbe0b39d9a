// 排查登记: open medical observation by hand for a person found by community checks. Keyboard first,
// like the desk: Enter moves on, Ctrl+Enter submits. The client id is kept until the server confirms,
// so a retry after a lost answer does not register the person twice. A full site answers 409 site_full:
// the message is shown with "超额安置", which resends with an override and its reason.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, DatePicker, Form, Result, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { DocumentType } from '../../../../src/domain/enums';
import { api, ApiError, newClientId } from '../../api/client';
import type { ObservationView, Policy, RoomView, SiteView } from '../../api/observationTypes';
import { useUser } from '../../auth/AuthProvider';
import { enterNavigation, focusField } from '../../components/enterNavigation';
import { showFieldError } from '../../components/formErrors';
import { PlaceSearchSelect } from '../../components/PlaceSearchSelect';
import { useNodeNames } from '../../components/useNodeNames';
import { useI18n } from '../../i18n/I18nProvider';
import { OBSERVATION_KIND_LABELS, OBSERVATION_REASON_LABELS } from '../../i18n/labels';
import { SiteFullOverride } from './SiteFullOverride';
import { personBody, PersonFields } from '../../components/PersonFields';

interface Values {
  person: { documentType: DocumentType; documentNumber: string; name: string; phone: string };
  communityCode?: string;
  siteCode?: string;
  roomId?: string;
  startAt?: Dayjs;
  reason: string;
}

export function OpenObservationPage() {
  const user = useUser();
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const containerRef = useRef<HTMLDivElement>(null);
  const clientId = useRef<string | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [full, setFull] = useState<string | null>(null);
  const [done, setDone] = useState<{ observation: ObservationView; created: boolean } | null>(null);
  const [sites, setSites] = useState<SiteView[]>([]);
  const [rooms, setRooms] = useState<RoomView[]>([]);
  const [reasons, setReasons] = useState<string[]>(['community_check']);
  const siteCode = Form.useWatch('siteCode', form);

  const ownCommunity = user.role === 'community' ? user.jurisdictionCode : undefined;
  const ownSite = user.role === 'hotel' ? user.jurisdictionCode : undefined;
  const nameOf = useNodeNames(ownCommunity ? [ownCommunity] : []);
  const defaults = useMemo(
    () => ({ person: { documentType: 'resident_id' as DocumentType }, reason: ownSite ? 'centralised_observation' : 'community_check', communityCode: ownCommunity, siteCode: ownSite }),
    [ownCommunity, ownSite],
  );

  useEffect(() => {
    api.get<SiteView[]>('/sites').then(setSites).catch(() => setSites([]));
    api
      .get<Policy[]>('/observations/policies')
      .then((p) => setReasons([...new Set(['community_check', ...p.map((x) => x.reason)])]))
      .catch(() => undefined);
    const h = setTimeout(() => document.getElementById('open-person-documentNumber')?.focus(), 0);
    return () => clearTimeout(h);
  }, []);

  // After a save the form is remounted empty: the focus goes back to the first field for the next person.
  useEffect(() => {
    if (!done) return;
    const h = setTimeout(() => document.getElementById('open-person-documentNumber')?.focus(), 50);
    return () => clearTimeout(h);
  }, [done]);

  useEffect(() => {
    form.setFieldValue('roomId', undefined);
    if (!siteCode) {
      setRooms([]);
      return;
    }
    api.get<RoomView[]>(`/sites/${siteCode}/rooms`).then(setRooms).catch(() => setRooms([]));
  }, [siteCode, form]);

  const send = async (override?: { reason: string }) => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first && containerRef.current) focusField(containerRef.current, `open-${first.name.join('-')}`);
      return;
    }
    clientId.current ??= newClientId();
    setSending(true);
    setError(null);
    try {
      const body = {
        clientId: clientId.current,
        person: personBody(v.person),
        reason: v.reason,
        communityCode: v.communityCode,
        ...(v.siteCode ? { siteCode: v.siteCode } : {}),
        ...(v.siteCode && v.roomId ? { roomId: v.roomId } : {}),
        ...(v.startAt ? { startAt: v.startAt.toISOString() } : {}),
        ...(override ? { override } : {}),
      };
      const { created, data } = await api.postFor<ObservationView>('/observations', body);
      // Saved: the next person gets a new client id and a clean form.
      clientId.current = null;
      setFull(null);
      setDone({ observation: data, created });
      form.resetFields();
      form.setFieldsValue(defaults);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'site_full') {
        setFull(e.message);
      } else if (!showFieldError(form, e, ['person', 'communityCode', 'siteCode', 'roomId', 'startAt', 'reason'])) {
        setError(e instanceof ApiError && e.status === 0 ? t('open.retrySafe') : e instanceof Error ? e.message : String(e));
      }
    } finally {
      setSending(false);
    }
  };

  const required = (field: string) => [{ required: true, message: t('open.required', { field }) }];
  const o = done?.observation;

  return (
    <div ref={containerRef} onKeyDownCapture={enterNavigation(() => void send())}>
      <Card size="small" title={t('open.title')} extra={<Typography.Text type="secondary">{t('open.hint')}</Typography.Text>}>
        {o && (
          <Result
            status="success"
            style={{ padding: '12px 0' }}
            data-testid="open-result"
            title={t(done!.created ? 'open.done' : 'open.doneExisting', { name: o.person.name, kind: label(OBSERVATION_KIND_LABELS, o.kind), endDay: o.endDay })}
            subTitle={`${o.unit.name} · ${t('open.next')}`}
            extra={
              <Link to={`/persons/${o.person.id}`} data-testid="open-result-record" tabIndex={-1}>
                {t('open.viewRecord')}
              </Link>
            }
          />
        )}
        <Form<Values> form={form} layout="vertical" initialValues={defaults} requiredMark onValuesChange={() => setError(null)}>
          <Typography.Title level={5}>{t('open.identity')}</Typography.Title>
          <PersonFields form={form} idPrefix="open-person" />
          <Typography.Title level={5}>{t('open.placement')}</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} lg={8}>
              <Form.Item name="communityCode" label={t('open.community')} rules={required(t('open.community'))}>
                <PlaceSearchSelect
                  id="open-communityCode"
                  levels={['community']}
                  within={user.role === 'community' || user.role === 'subdistrict' ? user.jurisdictionCode : undefined}
                  placeholder={t('open.communityPlaceholder')}
                  initialLabel={ownCommunity ? (user.jurisdictionName ?? nameOf(ownCommunity)) : undefined}
                  showPath
                />
              </Form.Item>
            </Col>
            {sites.length > 0 && (
              <Col xs={24} md={12} lg={8}>
                <Form.Item name="siteCode" label={t('open.site')}>
                  <Select
                    id="open-siteCode"
                    allowClear
                    showSearch={{ optionFilterProp: 'name' }}
                    placeholder={t('open.sitePlaceholder')}
                    options={sites.map((s) => ({ value: s.code, name: s.name, label: `${s.name}（${t('open.siteFree', { free: s.free, capacity: s.capacity })}）` }))}
                  />
                </Form.Item>
              </Col>
            )}
            {siteCode && rooms.length > 0 && (
              <Col xs={24} md={12} lg={8}>
                <Form.Item name="roomId" label={t('open.room')}>
                  <Select
                    id="open-roomId"
                    allowClear
                    showSearch={{ optionFilterProp: 'number' }}
                    placeholder={t('open.roomPlaceholder')}
                    options={rooms.map((r) => ({
                      value: r.id,
                      number: r.number,
                      disabled: !r.active,
                      label: r.free > 0 ? t('act.roomFree', { number: r.number, free: r.free, capacity: r.capacity }) : t('act.roomFull', { number: r.number }),
                    }))}
                  />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={12} lg={6}>
              <Form.Item name="startAt" label={t('open.startAt')}>
                <DatePicker
                  id="open-startAt"
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  placeholder={dayjs().format('YYYY-MM-DD HH:mm')}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6}>
              <Form.Item name="reason" label={t('open.reason')} rules={required(t('open.reason'))}>
                <Select id="open-reason" options={reasons.map((r) => ({ value: r, label: label(OBSERVATION_REASON_LABELS, r) }))} />
              </Form.Item>
            </Col>
          </Row>
          {full && <SiteFullOverride message={full} sending={sending} onSend={(reason) => void send({ reason })} />}
          {error && <Alert type="error" showIcon title={error} data-testid="open-error" style={{ marginBottom: 12 }} />}
          <Button id="open-submit" type="primary" htmlType="submit" loading={sending} onClick={() => void send()} style={{ marginTop: 12 }}>
            {t('open.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
