// One ECharts instance in a div: created once, options replaced on change, resized with its box.
import { useEffect, useRef } from 'react';
import { echarts, type ECharts, type EChartsCoreOption } from './echarts';

export interface ChartClick {
  name: string;
  dataIndex: number;
  data?: unknown;
  componentType?: string;
}

declare global {
  interface Window {
    /** Charts by test id, for end-to-end tests (clicks at data coordinates). */
    __fkCharts?: Record<string, ECharts>;
  }
}

interface Props {
  option: EChartsCoreOption;
  height: number | string;
  theme?: 'dark';
  onClick?(e: ChartClick): void;
  /** The instance, e.g. to expose it to tests. */
  onReady?(chart: ECharts | null): void;
  testId?: string;
}

export function Chart({ option, height, theme, onClick, onReady, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const readyRef = useRef(onReady);
  readyRef.current = onReady;

  useEffect(() => {
    const el = ref.current!;
    const chart = echarts.init(el, theme, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (e) => clickRef.current?.(e as unknown as ChartClick));
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    readyRef.current?.(chart);
    const charts = (window.__fkCharts ??= {});
    if (testId) charts[testId] = chart;
    return () => {
      if (testId && charts[testId] === chart) delete charts[testId];
      ro.disconnect();
      readyRef.current?.(null);
      chart.dispose();
      chartRef.current = null;
    };
  }, [theme, testId]);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option, theme]);

  return <div ref={ref} data-testid={testId} style={{ width: '100%', height }} />;
}
