// 病例管理: the day's figures (a reclassified case is not a new infection), the cases still waiting
// for isolation or admission, oldest first (应收尽收), and every case of the caller's jurisdiction,
// filtered and paginated. Staff who may work cases report a new one from here.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Select, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { CASE_CLASSIFICATIONS, CASE_ORIGINS, CASE_STATUSES } from '../../../../src/domain/enums';
import { can } from '../../../../src/domain/permissions';
import { api } from '../../api/client';
import type { CaseView, DailyFigures, WaitingList } from '../../api/caseTypes';
import type { Page } from '../../api/types';
import { useUser } from '../../auth/AuthProvider';
import { useApiData } from '../../components/useApiData';
import { Duration } from '../../components/WaitingTime';
import { formatTime } from '../../format';
import { usePaging } from '../../components/usePaging';
import { useI18n } from '../../i18n/I18nProvider';
import { CASE_ORIGIN_LABELS, CASE_STATUS_LABELS, CLASSIFICATION_LABELS, FOUND_BY_LABELS } from '../../i18n/labels';
import { CaseStatusTag, ClassificationTag, OriginTag } from './CaseTags';
import { ReportCaseDrawer } from './ReportCaseForm';
import { FilterButtons } from '../../components/FilterButtons';
import { stringFilters, useUrlList } from '../../components/useUrlList';

const REFRESH_MS = 60_000;
const FILTER_KEYS = ['classification', 'status', 'origin', 'from', 'to', 'q'] as const;
type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

const caseFilters = stringFilters(FILTER_KEYS);

/** Reloads every `ms` while the page is open. */
function useEvery(ms: number, reload: () => Promise<void>) {
  useEffect(() => {
    const h = setInterval(() => void reload(), ms);
    return () => clearInterval(h);
  }, [ms, reload]);
}

function DailyCard({ rev }: { rev: number }) {
  const { t } = useI18n();
  const daily = useApiData((signal) => api.get<DailyFigures>('/cases/daily', {}, { signal }), [rev]);
  useEvery(REFRESH_MS, daily.reload);
  const d = daily.data;
  const figure = (title: string, value: number | undefined, testId: string, hint?: string) => (
    <Col xs={12} md={8} xl={4} data-testid={testId}>
      <Statistic title={hint ? <Tooltip title={hint}>{title}</Tooltip> : title} value={value ?? '—'} />
    </Col>
  );
  return (
    <Card size="small" title={d ? t('daily.title', { day: d.day }) : t('daily.titleToday')} data-testid="daily-figures">
      {daily.error && <Alert type="error" showIcon title={daily.error} />}
      <Row gutter={[12, 12]}>
        {figure(t('daily.localConfirmed'), d?.local.confirmed, 'daily-local-confirmed')}
        {figure(t('daily.localAsymptomatic'), d?.local.asymptomatic, 'daily-local-asymptomatic')}
        {figure(t('daily.localReclassified'), d?.local.reclassified, 'daily-local-reclassified', t('daily.reclassifiedHint'))}
        {figure(t('daily.importedConfirmed'), d?.imported.confirmed, 'daily-imported-confirmed')}
        {figure(t('daily.importedAsymptomatic'), d?.imported.asymptomatic, 'daily-imported-asymptomatic')}
        {figure(t('daily.importedReclassified'), d?.imported.reclassified, 'daily-imported-reclassified', t('daily.reclassifiedHint'))}
      </Row>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }} data-testid="daily-standing">
        {d
          ? t('daily.standing', {
            reported: d.current.reported,
            isolated: d.current.isolated,
            admitted: d.current.admitted,
            cured: d.cumulative.cured_discharged,
            released: d.cumulative.released,
            died: d.cumulative.died,
          })
          : ''}
        {' '}
        {t('daily.reclassifiedHint')}
      </Typography.Text>
    </Card>
  );
}

function WaitingCard({ rev, onOpen }: { rev: number; onOpen(id: string): void }) {
  const { t } = useI18n();
  const paging = usePaging(10);
  const waiting = useApiData((signal) => api.get<WaitingList>('/cases/waiting', paging.query, { signal }), [rev, paging.query]);
  useEvery(REFRESH_MS, waiting.reload);
  const w = waiting.data;
  const urgent = !!w && w.total > 0;
  return (
    <Card
      size="small"
      data-testid="waiting-card"
      title={
        <Space>
          <Typography.Text strong style={{ color: urgent ? '#cf1322' : undefined }}>
            {t('waiting.title')}
          </Typography.Text>
          <Typography.Text type={urgent ? 'danger' : 'secondary'} data-testid="waiting-total">
            {t('waiting.total', { n: w?.total ?? 0 })}
          </Typography.Text>
          {w?.oldestWaitingMinutes != null && (
            <Typography.Text type="danger">
              {t('waiting.oldest')} <Duration minutes={w.oldestWaitingMinutes} />
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        <Button size="small" icon={<ReloadOutlined />} onClick={() => void waiting.reload()}>
          {t('common.refresh')}
        </Button>
      }
      style={urgent ? { borderColor: '#ffa39e' } : undefined}
    >
      {waiting.error && <Alert type="error" showIcon title={waiting.error} style={{ marginBottom: 8 }} />}
      <Table<CaseView>
        rowKey="id"
        size="small"
        loading={waiting.loading && !w}
        dataSource={w?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('waiting.empty')} /> }}
        onRow={(c) => ({ onClick: () => onOpen(c.id), style: { cursor: 'pointer' } })}
        pagination={w && w.total > 10 ? { ...paging.pagination(w.total), size: 'small' } : false}
        columns={[
          {
            title: t('waiting.waited'),
            width: 150,
            render: (_, c) => (
              <Typography.Text strong type="danger" data-testid="waiting-minutes">
                <Duration minutes={c.waitingMinutes ?? 0} />
              </Typography.Text>
            ),
          },
          { title: t('case.name'), width: 110, render: (_, c) => c.person.name },
          { title: t('case.classification'), width: 170, render: (_, c) => <ClassificationTag classification={c.classification} clinicalType={c.clinicalType} /> },
          { title: t('case.community'), render: (_, c) => c.community?.name ?? c.jurisdiction.name },
          { title: t('case.reportedAt'), width: 150, render: (_, c) => formatTime(c.reportedAt) },
          { title: t('case.reportingUnit'), width: 180, render: (_, c) => c.reportingUnit },
        ]}
      />
    </Card>
  );
}

function CaseFilters({ value, onChange }: { value: Filters; onChange(f: Filters): void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm();
  const initial = { ...value, range: value.from || value.to ? [value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null] : null };
  const apply = (v: Filters & { range?: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null }) => {
    const { range, ...rest } = v;
    onChange({ ...rest, q: rest.q?.trim() || undefined, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') });
  };
  const select = (name: string, title: string, values: readonly string[], labels: Record<string, { zh: string; en: string }>, width = 160) => (
    <Form.Item name={name} label={title}>
      <Select id={`case-filter-${name}`} allowClear placeholder={t('common.all')} style={{ width }} options={values.map((v) => ({ value: v, label: label(labels, v) }))} />
    </Form.Item>
  );
  return (
    <Form form={form} layout="inline" initialValues={initial} onFinish={apply} style={{ rowGap: 12 }}>
      {select('classification', t('case.classification'), CASE_CLASSIFICATIONS, CLASSIFICATION_LABELS, 150)}
      {select('status', t('case.status'), CASE_STATUSES, CASE_STATUS_LABELS, 190)}
      {select('origin', t('case.origin'), CASE_ORIGINS, CASE_ORIGIN_LABELS, 110)}
      <Form.Item name="range" label={t('case.reportDays')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 250 }} />
      </Form.Item>
      <Form.Item name="q">
        <Input.Search id="case-filter-q" placeholder={t('case.searchName')} allowClear style={{ width: 200 }} onSearch={() => form.submit()} />
      </Form.Item>
      <FilterButtons
        onReset={() => {
          form.setFieldsValue({ classification: undefined, status: undefined, origin: undefined, range: null, q: undefined });
          onChange({});
        }}
      />
    </Form>
  );
}

export function CasesPage() {
  const user = useUser();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const { filters, page, pageSize, setQuery, pagination } = useUrlList(caseFilters);
  const [rev, setRev] = useState(0);
  const [reporting, setReporting] = useState(false);
  const mayWork = can(user.role, 'cases:work');
  const list = useApiData((signal) => api.get<Page<CaseView>>('/cases', { ...filters, page, pageSize }, { signal }), [filters, page, pageSize, rev]);
  const data = list.data ?? { total: 0, items: [] };

  const open = (id: string) => navigate(`/cases/${id}`);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <DailyCard rev={rev} />
      <WaitingCard rev={rev} onOpen={open} />
      <Card size="small">
        <CaseFilters key={JSON.stringify(filters)} value={filters} onChange={(f) => setQuery(f)} />
      </Card>
      <Card
        size="small"
        title={t('cases.title')}
        extra={
          mayWork && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setReporting(true)} data-testid="report-case">
              {t('report.open')}
            </Button>
          )
        }
      >
        {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
        <Table<CaseView>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={data.items}
          scroll={{ x: 1300 }}
          data-testid="cases-table"
          locale={{ emptyText: <Empty description={Object.keys(filters).length ? t('cases.emptyFiltered') : t('cases.empty')} /> }}
          onRow={(c) => ({ onClick: () => open(c.id), style: { cursor: 'pointer' } })}
          pagination={pagination(data.total)}
          columns={[
            { title: t('case.reportedAt'), width: 140, fixed: 'left', render: (_, c) => formatTime(c.reportedAt) },
            { title: t('case.name'), width: 110, fixed: 'left', render: (_, c) => c.person.name },
            { title: t('case.classification'), width: 170, render: (_, c) => <ClassificationTag classification={c.classification} clinicalType={c.clinicalType} /> },
            { title: t('case.status'), width: 170, render: (_, c) => <CaseStatusTag status={c.status} /> },
            { title: t('case.origin'), width: 130, render: (_, c) => <OriginTag origin={c.origin} place={c.originPlace} /> },
            { title: t('case.foundBy'), width: 150, render: (_, c) => label(FOUND_BY_LABELS, c.foundBy) },
            { title: t('case.jurisdiction'), width: 110, render: (_, c) => c.jurisdiction.name },
            { title: t('case.community'), width: 160, render: (_, c) => c.community?.name ?? '—' },
            { title: t('case.cluster'), width: 160, render: (_, c) => c.cluster.name ?? '—' },
            { title: t('case.reportingUnit'), width: 170, render: (_, c) => c.reportingUnit },
            { title: t('arrivals.document'), width: 180, render: (_, c) => <span style={{ fontFamily: 'monospace' }}>{c.person.documentNumber}</span> },
          ]}
        />
      </Card>
      {mayWork && (
        <ReportCaseDrawer
          open={reporting}
          onClose={() => setReporting(false)}
          onReported={(c) => {
            setReporting(false);
            setRev((r) => r + 1);
            open(c.id);
          }}
        />
      )}
    </Space>
  );
}
