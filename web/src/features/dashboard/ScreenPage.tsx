// 数据大屏 /screen: the same live picture on a dark 1920×1080 canvas for a wall display — big
// figures, the schematic map, rankings and the trend — without the app's menu; it scales to fit
// any window and refreshes itself (stream, else polling).
import { useCallback, useEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { FullscreenOutlined, PushpinFilled } from '@ant-design/icons';
import type { ScreenTokenView } from '../../../../src/modules/screen-tokens/schemas';
import { PinScreen } from './PinScreen';
import { useI18n } from '../../i18n/I18nProvider';
import { formatClock } from '../../format';
import { useRegionMap } from './useRegionMap';
import { type ChildView, type MapMetric, MAP_METRICS } from './types';
import { useDashboard } from './useDashboard';
import { drillable, useDrill } from './useDrill';
import { useLive } from './useLive';
import { SituationBoard } from './SituationPanel';
import { HandoffFunnel } from './flowWidgets';
import { childBars, communityBars, compoundBars, figuresOf, METRIC_KEYS, originBars, RankBars, RegionMap, TrendChart } from './widgets';

const W = 1920;
const H = 1080;
const TONE = { danger: '#ff6b6b', warning: '#ffb84d', ok: '#4cd98a' } as const;

function useScale(): number {
  const fit = () => Math.min(window.innerWidth / W, window.innerHeight / H);
  const [scale, setScale] = useState(fit);
  useEffect(() => {
    const on = () => setScale(fit());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return scale;
}

function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const h = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(h);
  }, []);
  return now;
}

const panel: CSSProperties = {
  background: 'linear-gradient(180deg, rgba(16,46,92,0.85), rgba(8,26,56,0.85))',
  border: '1px solid rgba(80,160,255,0.35)',
  borderRadius: 6,
  boxShadow: 'inset 0 0 24px rgba(40,120,255,0.15)',
  padding: '10px 14px',
  display: 'flex',
  flexDirection: 'column',
  minHeight: 0,
};

function Panel({ title, extra, children, style }: { title: string; extra?: ReactNode; children: ReactNode; style?: CSSProperties }) {
  return (
    <div style={{ ...panel, ...style }}>
      <div style={{ display: 'flex', alignItems: 'center', marginBottom: 6 }}>
        <span style={{ borderLeft: '4px solid #3fa9ff', paddingLeft: 8, fontSize: 20, fontWeight: 600, color: '#e6f2ff' }}>{title}</span>
        <div style={{ flex: 1 }} />
        {extra}
      </div>
      <div style={{ flex: 1, minHeight: 0 }}>{children}</div>
    </div>
  );
}

/** `screen`: the page runs on that screen token (pinned); `onPinned`: a logged-in user pinned it. */
export function ScreenPage({ screen, onPinned }: { screen?: ScreenTokenView; onPinned?(token: string): void }) {
  const { t } = useI18n();
  const scale = useScale();
  const now = useClock();
  const drill = useDrill(screen?.jurisdiction);
  const [metric, setMetric] = useState<MapMetric>('arrivalsToday');
  const code = drill.current.code;
  const { data, loadedAt, reload } = useDashboard({ jurisdiction: code, trendDays: 14, days: 1 });
  const live = useLive(code, () => void reload());
  const region = useRegionMap(code);
  const summary = data.summary;
  const { named } = drill;
  useEffect(() => {
    if (summary) named(summary.jurisdiction);
  }, [summary, named]);
  useEffect(() => {
    const before = document.body.style.background;
    document.body.style.background = '#020c1f';
    return () => void (document.body.style.background = before);
  }, []);

  const children = useMemo(() => data.children?.children ?? [], [data.children]);
  const { down } = drill;
  const pick = useCallback((c: ChildView) => drillable(c.level) && down({ code: c.code, name: c.name }), [down]);
  const figures = summary ? figuresOf(summary.figures) : [];

  return (
    <div style={{ position: 'fixed', inset: 0, overflow: 'hidden', background: '#020c1f' }} data-testid="screen">
      <div
        style={{
          width: W,
          height: H,
          transform: `scale(${scale})`,
          transformOrigin: '0 0',
          position: 'absolute',
          left: (window.innerWidth - W * scale) / 2,
          top: (window.innerHeight - H * scale) / 2,
          color: '#e6f2ff',
          background: 'radial-gradient(ellipse at center, #0b2a5a 0%, #020c1f 75%)',
          display: 'grid',
          gridTemplateRows: '84px 1fr 300px',
          gridTemplateColumns: '470px 1fr 500px',
          gap: 14,
          padding: 16,
          boxSizing: 'border-box',
          fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
        }}
      >
        <header style={{ gridColumn: '1 / 4', display: 'flex', alignItems: 'center', borderBottom: '2px solid rgba(63,169,255,0.5)' }}>
          <div style={{ fontSize: 22, color: '#8fb4e8', width: 470 }}>
            {drill.path.map((n, i) => (
              <span key={n.code}>
                {i > 0 && ' › '}
                {i < drill.path.length - 1 ? (
                  <a style={{ color: '#8fd0ff' }} onClick={() => drill.upTo(i)}>
                    {n.name}
                  </a>
                ) : (
                  <span style={{ color: '#fff' }}>{n.name}</span>
                )}
              </span>
            ))}
          </div>
          <div style={{ flex: 1, textAlign: 'center', fontSize: 40, fontWeight: 700, letterSpacing: 6, color: '#fff', textShadow: '0 0 18px rgba(63,169,255,0.9)' }}>
            {t('screen.title')}
          </div>
          <div style={{ width: 500, textAlign: 'right', fontSize: 20, color: '#8fb4e8' }}>
            <div style={{ fontSize: 26, color: '#fff' }}>
              {summary?.date} {formatClock(now)}
            </div>
            <div>
              {screen && (
                <span style={{ marginRight: 12 }} data-testid="screen-pinned" title={t('screen.pinnedAs', { label: screen.label })}>
                  <PushpinFilled /> {screen.label} ·{' '}
                </span>
              )}
              {live === 'stream' ? t('dash.liveStream') : t('dash.livePoll')}
              {loadedAt && ' · ' + t('common.lastRefresh', { time: formatClock(loadedAt) })}
              <FullscreenOutlined
                style={{ marginLeft: 12, cursor: 'pointer' }}
                title={t('screen.fullscreen')}
                onClick={() => void document.documentElement.requestFullscreen?.().catch(() => {})}
              />
              {onPinned && <PinScreen node={drill.current} onPinned={onPinned} />}
            </div>
          </div>
        </header>

        <Panel title={t('screen.figures')} style={{ gridColumn: '1 / 2', gridRow: '2 / 4' }}>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 10 }}>
            {figures.map((f) => (
              <div
                key={f.id}
                data-testid={'screen-fig-' + f.id}
                style={{ background: 'rgba(10,40,90,0.7)', border: '1px solid rgba(80,160,255,0.25)', borderRadius: 4, padding: '10px 12px' }}
              >
                <div style={{ fontSize: 17, color: '#9cc3f5' }}>{t(f.title)}</div>
                <div style={{ fontSize: 44, fontWeight: 700, lineHeight: 1.15, color: f.tone ? TONE[f.tone] : '#5ee0ff', fontFamily: 'DIN, "Noto Sans", sans-serif' }}>
                  {f.value.toLocaleString()}
                </div>
                <div style={{ fontSize: 15, color: '#7e9cc8' }}>{f.total !== undefined ? `${t('dash.total')} ${f.total.toLocaleString()}` : t('dash.now')}</div>
              </div>
            ))}
          </div>
          <div style={{ marginTop: 16 }}>
            <div style={{ fontSize: 17, color: '#9cc3f5', marginBottom: 6 }}>{t('dash.funnel')}</div>
            <HandoffFunnel data={data.handoffs} t={t} dark />
          </div>
        </Panel>

        <Panel
          style={{ gridColumn: '2 / 3', gridRow: '2 / 3' }}
          title={region.map ? t('dash.map') : t('dash.childRanking')}
          extra={
            <span style={{ fontSize: 16 }}>
              {MAP_METRICS.map((m) => (
                <a
                  key={m}
                  onClick={() => setMetric(m)}
                  style={{ marginLeft: 14, color: m === metric ? '#fff' : '#6f8fbf', borderBottom: m === metric ? '2px solid #3fa9ff' : 'none' }}
                >
                  {t(METRIC_KEYS[m])}
                </a>
              ))}
            </span>
          }
        >
          {region.loading ? null : region.map ? (
            <RegionMap map={region.map} reviewNumber={region.reviewNumber} items={children} metric={metric} t={t} dark height={555} onPick={pick} onReady={(c) => (window.__dashboardChart = c)} />
          ) : (
            <RankBars items={childBars(children, metric)} dark height={555} limit={16} onPick={(i) => pick(i.child)} />
          )}
        </Panel>

        <div style={{ gridColumn: '3 / 4', gridRow: '2 / 3', display: 'grid', gridTemplateRows: 'minmax(0, 1fr) minmax(0, 1fr)', gridTemplateColumns: 'minmax(0, 1fr)', gap: 14, minHeight: 0 }}>
          <Panel title={t('dash.origins')}>
            <RankBars items={originBars(data.origins)} dark height={248} limit={7} color="#8c7bff" />
          </Panel>
          <Panel title={t('situation.title')}>
            <SituationBoard refreshKey={loadedAt} rows={5} />
          </Panel>
        </div>

        <Panel title={t('dash.trend14')} style={{ gridColumn: '2 / 3', gridRow: '3 / 4' }}>
          <TrendChart trend={data.trend} t={t} dark height={228} />
        </Panel>

        <Panel title={t('dash.compounds')} style={{ gridColumn: '3 / 4', gridRow: '3 / 4' }}>
          <RankBars items={compoundBars(data.compounds).length ? compoundBars(data.compounds) : communityBars(data.compounds)} dark height={228} limit={6} color="#22c3c3" />
        </Panel>
      </div>
    </div>
  );
}
