// 指挥看板: the live picture of the caller's jurisdiction — headline figures for the report day and
// in total, the map of its children (the deployment's uploaded map, else the schematic map, else
// ranked bars), origins, compounds, trend and the children table; drill down by clicking a city
// or a row, back by the breadcrumb.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Breadcrumb, Button, Card, Col, DatePicker, Row, Segmented, Space, Spin, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { ApiOutlined, DesktopOutlined, ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../i18n/I18nProvider';
import { formatClock } from '../../format';
import { todayIn } from '../../format';
import type { ECharts } from '../../components/echarts';
import { useRegionMap } from './useRegionMap';
import { MAP_METRICS, metricOf, type ChildView, type MapMetric } from './types';
import { useDashboard } from './useDashboard';
import { drillable, useDrill } from './useDrill';
import { useLive } from './useLive';
import { SituationPanel } from './SituationPanel';
import { EntryPointChart, HandoffFunnel } from './flowWidgets';
import { childBars, communityBars, compoundBars, figuresOf, METRIC_KEYS, originBars, RankBars, RegionMap, TrendChart } from './widgets';

const TONE_COLOR = { danger: '#cf1322', warning: '#d46b08', ok: '#389e0d' } as const;

declare global {
  interface Window {
    /** The map chart, for end-to-end tests (clicks at a city's coordinates). */
    __dashboardChart?: ECharts | null;
  }
}

export function DashboardPage() {
  const { t } = useI18n();
  const drill = useDrill();
  const [date, setDate] = useState<string | undefined>(undefined);
  const [metric, setMetric] = useState<MapMetric>('arrivalsToday');
  const [trendDays, setTrendDays] = useState<14 | 30>(14);
  const [entryBy, setEntryBy] = useState<'hour' | 'day'>('hour');
  const [province, setProvince] = useState<string | undefined>(undefined);
  const code = drill.current.code;
  const { data, loading, error, loadedAt, reload } = useDashboard({ jurisdiction: code, date, trendDays, province, days: 1 });
  const live = useLive(code, () => void reload());

  const summary = data.summary;
  const { named } = drill;
  useEffect(() => {
    if (summary) named(summary.jurisdiction);
  }, [summary, named]);

  const children = useMemo(() => data.children?.children ?? [], [data.children]);
  const pick = useCallback(
    (c: ChildView) => {
      if (!drillable(c.level)) return;
      setProvince(undefined);
      drill.down({ code: c.code, name: c.name });
    },
    [drill],
  );
  const region = useRegionMap(code);
  const hasMap = !!region.map;
  const today = todayIn(new Date());

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row justify="space-between" align="middle" gutter={[12, 12]}>
        <Col>
          <Space orientation="vertical" size={4}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('dash.title')}
            </Typography.Title>
            <Breadcrumb
              data-testid="dash-breadcrumb"
              items={drill.path.map((n, i) => ({
                key: n.code,
                title:
                  i < drill.path.length - 1 ? (
                    <a onClick={() => { setProvince(undefined); drill.upTo(i); }}>{n.name}</a>
                  ) : (
                    <span data-testid="dash-current">{n.name}</span>
                  ),
              }))}
            />
          </Space>
        </Col>
        <Col>
          <Space wrap>
            <span>{t('dash.reportDay')}</span>
            <DatePicker
              allowClear={false}
              value={dayjs(date ?? today)}
              disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') > today}
              onChange={(d) => setDate(d && d.format('YYYY-MM-DD') !== today ? d.format('YYYY-MM-DD') : undefined)}
            />
            {drill.path.length > 1 && (
              <Button icon={<RollbackOutlined />} onClick={() => drill.upTo(drill.path.length - 2)}>
                {t('dash.up')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void reload()}>
              {t('common.refresh')}
            </Button>
            <Button icon={<DesktopOutlined />} href="/screen" target="_blank">
              {t('dash.openScreen')}
            </Button>
            <Tooltip title={live === 'stream' ? t('dash.liveStreamHint') : t('dash.livePollHint')}>
              <Tag icon={<ApiOutlined />} color={live === 'stream' ? 'green' : 'default'} data-testid="dash-live">
                {live === 'stream' ? t('dash.liveStream') : t('dash.livePoll')}
              </Tag>
            </Tooltip>
            {loadedAt && <Typography.Text type="secondary">{t('common.lastRefresh', { time: formatClock(loadedAt) })}</Typography.Text>}
          </Space>
        </Col>
      </Row>

      {error && <Alert type="error" showIcon title={error} />}

      <Row gutter={[12, 12]}>
        {summary &&
          figuresOf(summary.figures).map((f) => (
            <Col key={f.id} xs={12} sm={8} md={6} xl={4} xxl={4}>
              <Card size="small" data-testid={'fig-' + f.id} styles={{ body: { padding: '10px 14px' } }}>
                <Statistic
                  title={t(f.title)}
                  value={f.value}
                  styles={{ content: { color: f.tone ? TONE_COLOR[f.tone] : undefined, fontSize: 26 } }}
                  suffix={f.total !== undefined ? <span style={{ fontSize: 12, color: '#888' }}>{t('dash.dayUnit')}</span> : undefined}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {f.total !== undefined ? (
                    <>
                      {t('dash.total')} <span data-testid={'fig-' + f.id + '-total'}>{f.total}</span>
                    </>
                  ) : (
                    t('dash.now')
                  )}
                </Typography.Text>
              </Card>
            </Col>
          ))}
      </Row>

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={hasMap ? t('dash.map') : t('dash.childRanking')}
            extra={
              <Segmented<MapMetric>
                size="small"
                value={metric}
                onChange={setMetric}
                options={MAP_METRICS.map((m) => ({ value: m, label: t(METRIC_KEYS[m]) }))}
              />
            }
          >
            {region.loading ? (
              <Spin style={{ display: 'block', height: 460, paddingTop: 200 }} />
            ) : region.map ? (
              <RegionMap
                map={region.map}
                reviewNumber={region.reviewNumber}
                items={children}
                metric={metric}
                t={t}
                height={460}
                onPick={pick}
                onReady={(c) => (window.__dashboardChart = c)}
              />
            ) : children.length ? (
              <RankBars items={childBars(children, metric)} height={460} limit={20} onPick={(i) => pick(i.child)} testId="child-bars" />
            ) : (
              <Typography.Text type="secondary">{t('dash.noChildren')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={data.origins?.province ? t('dash.originCities', { province: data.origins.province.name }) : t('dash.origins')}
            extra={province && <a onClick={() => setProvince(undefined)}>{t('dash.allProvinces')}</a>}
          >
            {originBars(data.origins).length ? (
              <RankBars
                items={originBars(data.origins)}
                height={460}
                color="#6f5ef9"
                onPick={province ? undefined : (i) => setProvince(i.code.slice(0, 2))}
                testId="origin-bars"
              />
            ) : (
              <div style={{ height: 460 }}>
                <Typography.Text type="secondary">{t('dash.noData')}</Typography.Text>
              </div>
            )}
          </Card>
        </Col>
      </Row>

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('dash.compounds')}>
            {compoundBars(data.compounds).length ? (
              <RankBars items={compoundBars(data.compounds)} height={320} limit={10} color="#13a8a8" />
            ) : (
              <Typography.Text type="secondary">{t('dash.noData')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('dash.communities')}>
            {communityBars(data.compounds).length ? (
              <RankBars items={communityBars(data.compounds)} height={320} limit={10} color="#2f9e44" />
            ) : (
              <Typography.Text type="secondary">{t('dash.noData')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={t('dash.entryPoints')}
            extra={<Segmented<'hour' | 'day'> size="small" value={entryBy} onChange={setEntryBy} options={[{ value: 'hour', label: t('dash.byHour') }, { value: 'day', label: t('dash.byDay') }]} />}
          >
            {data.entryPoints?.items.length ? (
              <EntryPointChart data={data.entryPoints} by={entryBy} t={t} height={300} />
            ) : (
              <div style={{ height: 300 }}>
                <Typography.Text type="secondary">{t('dash.noData')}</Typography.Text>
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('dash.funnel')} style={{ height: '100%' }}>
            <HandoffFunnel data={data.handoffs} t={t} />
          </Card>
        </Col>
      </Row>

      <SituationPanel refreshKey={loadedAt} />

      <Card
        size="small"
        title={t('dash.trend')}
        extra={<Segmented<14 | 30> size="small" value={trendDays} onChange={setTrendDays} options={[{ value: 14, label: t('dash.days', { n: 14 }) }, { value: 30, label: t('dash.days', { n: 30 }) }]} />}
      >
        <TrendChart trend={data.trend} t={t} height={300} />
      </Card>

      <Card size="small" title={t('dash.children')}>
        <Table<ChildView>
          size="small"
          rowKey="code"
          data-testid="children-table"
          dataSource={children}
          pagination={false}
          loading={loading && !data.children}
          onRow={(c) => ({ onClick: () => pick(c), style: { cursor: drillable(c.level) ? 'pointer' : 'default' } })}
          columns={[
            { title: t('dash.col.name'), dataIndex: 'name', render: (v: string, c) => (drillable(c.level) ? <a>{v}</a> : v) },
            { title: t('dash.fig.arrivals'), render: (_, c) => c.figures.arrivals.day, sorter: (a, b) => a.figures.arrivals.day - b.figures.arrivals.day },
            { title: t('dash.col.arrivalsTotal'), render: (_, c) => c.figures.arrivals.total },
            { title: t('dash.fig.abnormal'), render: (_, c) => c.figures.abnormalTemperature.day },
            { title: t('dash.fig.overdue'), render: (_, c) => c.figures.handoffsOverdue },
            { title: t('dash.metric.underObservation'), render: (_, c) => metricOf(c.figures, 'underObservation') },
            { title: t('dash.fig.released'), render: (_, c) => c.figures.released.day },
            { title: t('dash.fig.missing'), render: (_, c) => c.figures.missingChecks },
            { title: t('dash.fig.alerts'), render: (_, c) => c.figures.openAlerts },
          ]}
        />
      </Card>
    </Space>
  );
}
