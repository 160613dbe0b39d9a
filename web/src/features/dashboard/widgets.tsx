// The pieces both the dashboard page and the big screen are made of: headline figures, the region
// map (or ranked bars below the level with boundary data), origins, compounds, trend, children.
import { escapeHtml } from '../../../../src/domain/html';
import { useMemo } from 'react';
import type { MessageKey } from '../../i18n/texts';
import { Chart, type ChartClick } from '../../components/Chart';
import type { ECharts, EChartsCoreOption } from '../../components/echarts';
import { MAP_SOURCE } from './regionMaps';
import { metricOf, type ChildView, type CompoundsView, type Headline, type MapMetric, type OriginsView, type TrendView } from './types';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export const METRIC_KEYS: Record<MapMetric, MessageKey> = {
  arrivalsToday: 'dash.metric.arrivalsToday',
  underObservation: 'dash.metric.underObservation',
  abnormalToday: 'dash.metric.abnormalToday',
};

export interface Figure {
  id: string;
  title: MessageKey;
  value: number;
  /** Total up to the end of the report day, for figures counted per day. */
  total?: number;
  tone?: 'danger' | 'warning' | 'ok';
}

export function figuresOf(f: Headline): Figure[] {
  return [
    { id: 'arrivals', title: 'dash.fig.arrivals', value: f.arrivals.day, total: f.arrivals.total },
    { id: 'abnormal', title: 'dash.fig.abnormal', value: f.abnormalTemperature.day, total: f.abnormalTemperature.total, tone: 'danger' },
    { id: 'feverClinic', title: 'dash.fig.feverClinic', value: f.dispositions.feverClinic.day, total: f.dispositions.feverClinic.total, tone: 'danger' },
    { id: 'centralised', title: 'dash.fig.centralised', value: f.dispositions.centralised.day, total: f.dispositions.centralised.total },
    { id: 'home', title: 'dash.fig.home', value: f.dispositions.home.day, total: f.dispositions.home.total },
    { id: 'overdue', title: 'dash.fig.overdue', value: f.handoffsOverdue, tone: 'warning' },
    { id: 'obsHome', title: 'dash.fig.obsHome', value: f.underObservation.home },
    { id: 'obsCentralised', title: 'dash.fig.obsCentralised', value: f.underObservation.centralised },
    { id: 'released', title: 'dash.fig.released', value: f.released.day, total: f.released.total, tone: 'ok' },
    { id: 'missing', title: 'dash.fig.missing', value: f.missingChecks, tone: 'warning' },
    { id: 'alerts', title: 'dash.fig.alerts', value: f.openAlerts, tone: 'danger' },
  ];
}

/** Text and grid-line colours, light page or dark screen. */
export const ink = (dark: boolean) => (dark ? '#cfe3ff' : '#333');
export const faint = (dark: boolean) => (dark ? 'rgba(120,170,255,0.15)' : '#eee');

/** The children of the current node on its map (see useRegionMap), coloured by `metric`. */
export function RegionMap(props: {
  /** ECharts map name. */
  map: string;
  /** 审图号 of an uploaded map, shown instead of the schematic-map notice. */
  reviewNumber: string | null;
  items: ChildView[];
  metric: MapMetric;
  t: T;
  dark?: boolean;
  height: number | string;
  onPick(child: ChildView): void;
  onReady?(chart: ECharts | null): void;
}) {
  const { map, reviewNumber, items, metric, t, dark = false, height, onPick, onReady } = props;
  const option = useMemo<EChartsCoreOption>(() => {
    const values = items.map((c) => metricOf(c.figures, metric));
    return {
      backgroundColor: 'transparent',
      tooltip: { trigger: 'item', formatter: (p: { name: string; value?: number }) => `${escapeHtml(p.name)}<br/>${t(METRIC_KEYS[metric])}: ${Number.isFinite(p.value) ? p.value : 0}` },
      visualMap: {
        min: 0,
        max: Math.max(1, ...values),
        left: 8,
        bottom: 8,
        text: [t('dash.high'), t('dash.low')],
        calculable: false,
        itemHeight: dark ? 120 : 80,
        textStyle: { color: ink(dark) },
        inRange: { color: dark ? ['#0d3b66', '#1f78b4', '#f4d35e', '#ee6c4d'] : ['#e8f1fb', '#7fb2e5', '#f7c85c', '#e4572e'] },
      },
      series: [
        {
          type: 'map',
          map,
          roam: false,
          selectedMode: false,
          left: 16,
          right: 16,
          top: 16,
          bottom: dark ? 36 : 28,
          nameMap: Object.fromEntries(items.map((c) => [c.code, c.name])),
          label: { show: true, color: dark ? '#fff' : '#222', fontSize: dark ? 15 : 12 },
          itemStyle: { borderColor: dark ? '#7fd3ff' : '#fff', borderWidth: 1, areaColor: dark ? '#0d2a4a' : '#eef2f7' },
          emphasis: { label: { show: true, color: '#000' }, itemStyle: { areaColor: '#ffe08a' } },
          data: items.map((c) => ({ name: c.name, value: metricOf(c.figures, metric), code: c.code })),
        },
      ],
    };
  }, [map, items, metric, t, dark]);
  const click = (e: ChartClick) => {
    const child = items.find((c) => c.name === e.name);
    if (child) onPick(child);
  };
  return (
    <div style={{ position: 'relative' }}>
      <Chart option={option} height={height} theme={dark ? 'dark' : undefined} onClick={click} onReady={onReady} testId="region-map" />
      <div
        data-testid="map-note"
        style={{ position: 'absolute', right: 8, bottom: 4, fontSize: dark ? 14 : 12, color: dark ? '#8fb4e8' : '#888', pointerEvents: 'none' }}
      >
        {reviewNumber ? t('dash.reviewNumber', { number: reviewNumber }) : t('dash.schematic', { source: MAP_SOURCE })}
      </div>
    </div>
  );
}

/** Horizontal bars ranking `items` by value, largest on top; clicking a bar picks its item. */
export function RankBars<I extends { name: string; value: number }>(props: {
  items: I[];
  dark?: boolean;
  height: number | string;
  color?: string;
  limit?: number;
  onPick?(item: I): void;
  testId?: string;
}) {
  const { items, dark = false, height, color = '#3b7ddd', limit = 12, onPick, testId } = props;
  const shown = useMemo(() => [...items].sort((a, b) => b.value - a.value).slice(0, limit).reverse(), [items, limit]);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      backgroundColor: 'transparent',
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: faint(dark) } }, axisLabel: { color: ink(dark) } },
      yAxis: { type: 'category', data: shown.map((i) => i.name), axisLabel: { color: ink(dark), fontSize: dark ? 15 : 12 } },
      series: [
        {
          type: 'bar',
          data: shown.map((i) => i.value),
          itemStyle: { color, borderRadius: [0, 3, 3, 0] },
          barMaxWidth: 22,
          label: { show: true, position: 'right', color: ink(dark), fontSize: dark ? 15 : 12 },
          cursor: onPick ? 'pointer' : 'default',
        },
      ],
    }),
    [shown, dark, color, onPick],
  );
  return (
    <Chart
      option={option}
      height={height}
      theme={dark ? 'dark' : undefined}
      testId={testId}
      onClick={onPick ? (e) => shown[e.dataIndex] && onPick(shown[e.dataIndex]) : undefined}
    />
  );
}

export function childBars(items: ChildView[], metric: MapMetric) {
  return items.map((c) => ({ name: c.name, value: metricOf(c.figures, metric), child: c }));
}

export function originBars(o: OriginsView | undefined) {
  return (o?.items ?? []).map((i) => ({ name: i.name, value: i.count, code: i.code }));
}

export function compoundBars(c: CompoundsView | undefined) {
  return (c?.compounds ?? []).map((i) => ({ name: (i.compound ?? '—') + ' · ' + i.community.name, value: i.count }));
}

export function communityBars(c: CompoundsView | undefined) {
  return (c?.communities ?? []).map((i) => ({ name: i.name, value: i.count }));
}

export function TrendChart({ trend, t, dark = false, height }: { trend: TrendView | undefined; t: T; dark?: boolean; height: number | string }) {
  const option = useMemo<EChartsCoreOption>(() => {
    const days = trend?.days ?? [];
    const line = (key: MessageKey, values: number[], color: string) => ({
      type: 'line',
      name: t(key),
      data: values,
      smooth: false,
      symbolSize: 5,
      itemStyle: { color },
      lineStyle: { width: dark ? 3 : 2 },
    });
    return {
      backgroundColor: 'transparent',
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { color: ink(dark), fontSize: dark ? 15 : 12 } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)), axisLabel: { color: ink(dark) } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: faint(dark) } }, axisLabel: { color: ink(dark) } },
      series: [
        line('dash.fig.arrivals', days.map((d) => d.arrivals), '#3b7ddd'),
        line('dash.fig.abnormal', days.map((d) => d.abnormalTemperature), '#e4572e'),
        line('dash.trend.underObservation', days.map((d) => d.underObservation), '#f0a500'),
        line('dash.fig.released', days.map((d) => d.released), '#2bb673'),
      ],
    };
  }, [trend, t, dark]);
  return <Chart option={option} height={height} theme={dark ? 'dark' : undefined} testId="trend-chart" />;
}
