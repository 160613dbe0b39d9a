// How arrivals flow: registrations per entry point (per hour of the day, or per day), and the
// hand-off funnel of the day's registrations with those waiting past the deadline.
import { useMemo } from 'react';
import type { MessageKey } from '../../i18n/texts';
import { Chart } from '../../components/Chart';
import type { EChartsCoreOption } from '../../components/echarts';
import type { EntryPointsView, HandoffsView } from './types';
import { faint, ink } from './widgets';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

const PALETTE = ['#3b7ddd', '#2bb673', '#f0a500', '#e4572e', '#8e6bd8', '#17a2b8', '#c2185b', '#7cb342', '#6d4c41', '#90a4ae'];

/** Stacked bars, one series per entry point: the report day's 24 hours, or the last days. */
export function EntryPointChart(props: { data: EntryPointsView | undefined; by: 'hour' | 'day'; t: T; dark?: boolean; height: number | string }) {
  const { data, by, t, dark = false, height } = props;
  const option = useMemo<EChartsCoreOption>(() => {
    const items = data?.items ?? [];
    const labels = by === 'hour'
      ? Array.from({ length: items[0]?.hours.length ?? 24 }, (_, h) => t('dash.hour', { h: String(h).padStart(2, '0') }))
      : (data?.dates ?? []).map((d) => d.slice(5));
    return {
      backgroundColor: 'transparent',
      color: PALETTE,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { type: 'scroll', top: 0, textStyle: { color: ink(dark), fontSize: dark ? 14 : 12 } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels, axisLabel: { color: ink(dark) } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: faint(dark) } }, axisLabel: { color: ink(dark) } },
      series: items.map((e) => ({ type: 'bar', stack: 'all', name: e.name, data: by === 'hour' ? e.hours : e.days, barMaxWidth: 28 })),
    };
  }, [data, by, t, dark]);
  return <Chart option={option} height={height} theme={dark ? 'dark' : undefined} testId={`entry-points-${by}`} />;
}

/** Registered → received by the subdistrict or unit → received by the community or hotel, with the overdue. */
export function HandoffFunnel({ data, t, dark = false }: { data: HandoffsView | undefined; t: T; dark?: boolean }) {
  if (!data) return null;
  const steps: { key: MessageKey; value: number; waiting?: { count: number; overdue: number } }[] = [
    { key: 'dash.funnel.registered', value: data.registered, waiting: data.waitingForUnit },
    { key: 'dash.funnel.unitReceived', value: data.unitReceived, waiting: data.waitingForCommunity },
    { key: 'dash.funnel.observationStarted', value: data.observationStarted },
  ];
  const max = Math.max(1, data.registered);
  return (
    <div data-testid="handoff-funnel" style={{ display: 'grid', gap: dark ? 10 : 6 }}>
      {steps.map((s) => (
        <div key={s.key}>
          <div style={{ display: 'flex', justifyContent: 'space-between', color: ink(dark), fontSize: dark ? 16 : 13 }}>
            <span>{t(s.key)}</span>
            <strong>{s.value}</strong>
          </div>
          <div style={{ height: dark ? 14 : 10, background: faint(dark), borderRadius: 4 }}>
            <div style={{ width: `${(100 * s.value) / max}%`, height: '100%', background: '#3b7ddd', borderRadius: 4 }} />
          </div>
          {s.waiting && (
            <div style={{ fontSize: dark ? 14 : 12, color: s.waiting.overdue ? '#e4572e' : dark ? '#8fb4e8' : '#888' }}>
              {t('dash.funnel.waiting', { count: s.waiting.count, overdue: s.waiting.overdue })}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
