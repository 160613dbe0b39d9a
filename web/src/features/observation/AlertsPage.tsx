// 异常与漏测: open alerts from abnormal readings (handled by referring to the fever clinic or
// rechecking), their history, and the checks missing per slot for a day. The command centre
// sees its whole jurisdiction; units see their own (the API scopes every list).
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Badge, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Radio, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { can } from '../../../../src/domain/permissions';
import { settings } from '../../settings';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { AlertView, MissingChecks } from '../../api/observationTypes';
import { useUser } from '../../auth/AuthProvider';
import { JurisdictionPicker } from '../../components/JurisdictionPicker';
import { useApiData } from '../../components/useApiData';
import { useNodeNames } from '../../components/useNodeNames';
import { formatClock, formatTime } from '../../format';
import { useSave } from '../../components/useSave';
import { usePaging } from '../../components/usePaging';
import { useI18n } from '../../i18n/I18nProvider';
import { ALERT_RESOLUTION_LABELS, SYMPTOM_LABELS } from '../../i18n/labels';
import { todayIn } from '../../format';
import { formatDeadline, slotName } from './observationUtils';

const REFRESH_MS = 60_000;
type TabKey = 'open' | 'closed' | 'missing';

function CloseAlertModal({ alert, onClose, onDone }: { alert: AlertView | null; onClose(): void; onDone(): void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<{ resolution: 'referred' | 'rechecked'; outcome: string }>();
  const { saving, save } = useSave({ form });
  const submit = async (v: { resolution: 'referred' | 'rechecked'; outcome: string }) => {
    if (!alert) return;
    await save(() => api.post(`/alerts/${encodeURIComponent(alert.id)}/close`, { resolution: v.resolution, outcome: v.outcome.trim() }), {
      success: t('alerts.closed', { name: alert.person.name }),
      reset: true,
      onSaved: onDone,
    });
  };
  return (
    <Modal
      open={!!alert}
      title={alert ? t('alerts.handleTitle', { name: alert.person.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
    >
      {alert && (
        <Typography.Paragraph>
          <Space size={8} wrap>
            <span>{t('alerts.reading')}</span>
            <Typography.Text type="danger" strong>
              {alert.temperature.toFixed(1)}℃
            </Typography.Text>
            {alert.symptoms.length > 0 && <span>{alert.symptoms.map((s) => label(SYMPTOM_LABELS, s)).join('、')}</span>}
            <Typography.Text type="secondary">{formatTime(alert.takenAt)}</Typography.Text>
          </Space>
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ resolution: 'referred' }}>
        <Form.Item name="resolution" label={t('alerts.resolution')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['referred', 'rechecked'] as const).map((r) => ({ value: r, label: label(ALERT_RESOLUTION_LABELS, r) }))}
          />
        </Form.Item>
        <Form.Item
          name="outcome"
          label={t('alerts.outcome')}
          rules={[{ required: true, whitespace: true, message: t('desk.required', { field: t('alerts.outcome') }) }]}
          extra={t('alerts.outcomeHint')}
        >
          <Input.TextArea rows={3} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AlertTable({ status, unit, canHandle, onCount }: { status: 'open' | 'closed'; unit?: string; canHandle: boolean; onCount?(n: number): void }) {
  const { t, label } = useI18n();
  const { query: page, pagination } = usePaging(20);
  const [handling, setHandling] = useState<AlertView | null>(null);
  const [refreshedAt, setRefreshedAt] = useState<Date | null>(null);
  const list = useApiData(async (signal) => {
    const res = await api.get<Page<AlertView>>('/alerts', { status, unit, ...page }, { signal });
    setRefreshedAt(new Date());
    return res;
  }, [status, unit, page.page, page.pageSize]);
  const total = list.data?.total;
  useEffect(() => {
    if (total !== undefined) onCount?.(total);
  }, [total, onCount]);
  const reload = list.reload;
  useEffect(() => {
    if (status !== 'open') return;
    const h = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(h);
  }, [status, reload]);

  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
          {t('common.refresh')}
        </Button>
        {status === 'open' && refreshedAt && (
          <Typography.Text type="secondary">
            {t('alerts.autoRefresh')} · {t('common.lastRefresh', { time: formatClock(refreshedAt) })}
          </Typography.Text>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 8 }} />}
      <Table<AlertView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={status === 'open' ? t('alerts.emptyOpen') : t('alerts.emptyClosed')} /> }}
        pagination={pagination(list.data?.total ?? 0)}
        columns={[
          {
            title: t('arrivals.name'),
            render: (_, a) => <Link to={`/persons/${a.person.id}`}>{a.person.name}</Link>,
          },
          { title: t('alerts.unit'), render: (_, a) => a.unit.name },
          {
            title: t('arrivals.temperature'),
            render: (_, a) => (
              <Typography.Text type={a.temperature >= settings().feverCelsius ? 'danger' : undefined} strong={a.temperature >= settings().feverCelsius} data-testid="alert-temperature">
                {a.temperature.toFixed(1)}℃
              </Typography.Text>
            ),
          },
          {
            title: t('desk.symptoms'),
            render: (_, a) => (a.symptoms.length ? a.symptoms.map((s) => <Tag key={s} color="volcano">{label(SYMPTOM_LABELS, s)}</Tag>) : t('common.none')),
          },
          { title: t('alerts.takenAt'), render: (_, a) => formatTime(a.takenAt) },
          ...(status === 'open'
            ? [
                { title: t('alerts.openedAt'), render: (_: unknown, a: AlertView) => formatTime(a.openedAt) },
                ...(canHandle
                  ? [
                      {
                        title: t('common.actions'),
                        render: (_: unknown, a: AlertView) => (
                          <Button type="primary" danger size="small" onClick={() => setHandling(a)}>
                            {t('alerts.handle')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]
            : [
                {
                  title: t('alerts.resolution'),
                  render: (_: unknown, a: AlertView) => (
                    <Tag color={a.resolution === 'referred' ? 'orange' : 'green'}>{label(ALERT_RESOLUTION_LABELS, a.resolution)}</Tag>
                  ),
                },
                { title: t('alerts.outcome'), render: (_: unknown, a: AlertView) => a.outcome },
                { title: t('alerts.closedAt'), render: (_: unknown, a: AlertView) => formatTime(a.closedAt) },
              ]),
        ]}
      />
      <CloseAlertModal
        alert={handling}
        onClose={() => setHandling(null)}
        onDone={() => {
          setHandling(null);
          void list.reload();
        }}
      />
    </>
  );
}

function MissingChecksView({ unit }: { unit?: string }) {
  const { t, label } = useI18n();
  const [day, setDay] = useState<Dayjs>(() => dayjs(todayIn(new Date())));
  const dayText = day.format('YYYY-MM-DD');
  const data = useApiData((signal) => api.get<MissingChecks>('/observations/missing', { day: dayText, unit, limit: 500 }, { signal }), [dayText, unit]);
  const slots = data.data?.slots ?? [];
  const unitName = useNodeNames(slots.flatMap((s) => s.items.map((i) => i.unitCode)));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="missing-view" data-day={data.loading ? '' : data.data?.day}>
      <Space wrap>
        <span>{t('missing.day')}</span>
        <DatePicker
          id="missing-day"
          value={day}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(todayIn(new Date())), 'day')}
          onChange={(d) => d && setDay(d)}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void data.reload()}>
          {t('common.refresh')}
        </Button>
        <Typography.Text type="secondary">{t('missing.hint')}</Typography.Text>
      </Space>
      {data.error && <Alert type="error" showIcon title={data.error} />}
      {!data.loading && !data.error && slots.length === 0 && <Empty description={t('missing.noSlotsYet')} />}
      <Row gutter={[12, 12]}>
        {slots.map((s) => (
          <Col key={s.slot} xs={24} xl={12}>
            <Card
              size="small"
              loading={data.loading}
              data-testid={`missing-slot-${s.slot}`}
              title={t('missing.slotTitle', { slot: slotName(s.slot, label, t), hour: `${settings().checks.slotEnds[s.slot] ?? ''}:00` })}
              extra={<Typography.Text type="secondary">{t('missing.deadline')} {formatDeadline(s.deadline)}</Typography.Text>}
            >
              <Statistic
                title={t('missing.count')}
                value={s.missing}
                styles={{ content: { color: s.missing ? '#cf1322' : '#389e0d' } }}
                suffix={t('missing.people')}
              />
              {s.items.length > 0 ? (
                <Table
                  rowKey="observationId"
                  size="small"
                  style={{ marginTop: 8 }}
                  dataSource={s.items}
                  pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
                  columns={[
                    { title: t('arrivals.name'), dataIndex: 'name' },
                    { title: t('alerts.unit'), render: (_, i) => unitName(i.unitCode) },
                  ]}
                />
              ) : (
                <Typography.Text type="success">{t('missing.none')}</Typography.Text>
              )}
              {s.missing > s.items.length && (
                <Typography.Text type="secondary">{t('missing.more', { n: s.items.length, total: s.missing })}</Typography.Text>
              )}
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}

export function AlertsPage() {
  const user = useUser();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as TabKey) || 'open';
  const [unit, setUnit] = useState<string | undefined>(undefined);
  const [openCount, setOpenCount] = useState<number | null>(null);
  const broad = user.role === 'admin' || user.role === 'command' || user.role === 'subdistrict';
  const canHandle = can(user.role, 'observations:work');

  return (
    <Card
      title={
        <Space>
          <WarningOutlined style={{ color: '#cf1322' }} />
          {t('alerts.title')}
        </Space>
      }
      extra={
        broad && (
          <JurisdictionPicker value={unit} onChange={setUnit} placeholder={t('alerts.unitPlaceholder')} style={{ width: 320 }} />
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'open' ? {} : { tab: k }, { replace: true })}
        items={[
          {
            key: 'open',
            label: (
              <Space size={6}>
                {t('alerts.tabOpen')}
                {openCount !== null && <Badge count={openCount} showZero color={openCount ? '#cf1322' : '#bfbfbf'} />}
              </Space>
            ),
            children: <AlertTable status="open" unit={unit} canHandle={canHandle} onCount={setOpenCount} />,
          },
          { key: 'closed', label: t('alerts.tabClosed'), children: <AlertTable status="closed" unit={unit} canHandle={false} /> },
          { key: 'missing', label: t('alerts.tabMissing'), children: <MissingChecksView unit={unit} /> },
        ]}
      />
    </Card>
  );
}
