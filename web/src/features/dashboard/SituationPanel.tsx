// 全国疫情形势: the latest per-province figures an administrator imported (the platform has no
// outside sources), ranked by new confirmed cases, with the time of the data and who imported it.
// A card on the dashboard, a dark table on the big screen, and the same table on the import page.
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import type { Static } from '@fastify/type-provider-typebox';
import type { Latest, SituationReport } from '../../../../src/modules/situation/schemas';
import { SITUATION_FIGURES, SITUATION_FIGURE_LABELS, type SituationFigure } from '../../../../src/domain/situation';
import { can } from '../../../../src/domain/permissions';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { formatTime } from '../../format';
import { settings } from '../../settings';
import { useI18n } from '../../i18n/I18nProvider';

export type SituationReportView = Static<typeof SituationReport>;
export type ProvinceRow = Pick<SituationReportView['provinces'][number], 'code' | 'name' | SituationFigure>;

/** National figures change once a day: a minute between looks is plenty. */
const POLL_MS = 60_000;

/** The latest report (null: none imported yet; undefined: not loaded); loads again when `refreshKey` changes. */
export function useSituation(refreshKey?: unknown): { report: SituationReportView | null | undefined; error: string | null; reload(): void } {
  const [report, setReport] = useState<SituationReportView | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const load = useRef(async () => {
    const mine = ++seq.current;
    try {
      const latest = await api.get<Static<typeof Latest>>('/situation');
      if (mine !== seq.current) return;
      setReport(latest.report);
      setError(null);
    } catch (e) {
      // Keep what is on screen; say why it may be stale.
      if (mine === seq.current) setError((e as Error).message);
    }
  });
  useEffect(() => {
    void load.current();
  }, [refreshKey]);
  useEffect(() => {
    const timer = setInterval(() => void load.current(), POLL_MS);
    return () => clearInterval(timer);
  }, []);
  return { report, error, reload: () => void load.current() };
}

const SUFFIX = /(特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$/;
/** 新疆 for 新疆维吾尔自治区: where the big screen has no room for full names. */
const shortName = (name: string) => name.replace(SUFFIX, '');

const show = (v: number | null) => (v === null ? '—' : v.toLocaleString());

/** Lines break between the parts, not inside them. */
const part: CSSProperties = { whiteSpace: 'nowrap' };

/** 数据时间 …, 来源 …, … 导入于 …: the line under every view of a report. */
export function ReportMeta({ report, style }: { report: SituationReportView; style?: CSSProperties }) {
  const { t } = useI18n();
  return (
    <div style={style} data-testid="situation-meta">
      <span data-testid="situation-as-of" style={part}>{t('situation.asOf', { time: formatTime(report.asOf) })}</span>
      {report.source && <> · <span style={part}>{t('situation.source', { source: report.source })}</span></>}
      {' · '}
      <span style={part}>{t('situation.importedBy', { name: report.importedBy.displayName, time: formatTime(report.importedAt) })}</span>
    </div>
  );
}

/** The ranked provinces with every figure; unreported figures show as —. */
export function SituationTable({ rows, height }: { rows: ProvinceRow[]; height?: number }) {
  const { t, label } = useI18n();
  return (
    <Table<ProvinceRow>
      size="small"
      rowKey="code"
      data-testid="situation-table"
      dataSource={rows}
      pagination={false}
      scroll={height ? { y: height } : undefined}
      columns={[
        { title: t('situation.col.rank'), width: 56, render: (_, __, i) => i + 1 },
        { title: t('situation.col.province'), dataIndex: 'name' },
        ...SITUATION_FIGURES.map((f) => ({
          title: label(SITUATION_FIGURE_LABELS, f),
          align: 'right' as const,
          render: (_: unknown, r: ProvinceRow) => (
            <span style={{ color: f === 'confirmedNew' && (r[f] ?? 0) > 0 ? '#cf1322' : undefined }}>{show(r[f])}</span>
          ),
        })),
      ]}
    />
  );
}

/** What to show before the first import; whoever may import gets a link to the import page. */
function NoReport({ dark = false }: { dark?: boolean }) {
  const { t } = useI18n();
  const { user } = useAuth();
  // Region-wide: only accounts of the region's root may import.
  const mayImport = !!user && can(user.role, 'situation:manage') && user.jurisdictionCode === settings().region;
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      data-testid="situation-empty"
      description={<span style={dark ? { color: '#8fb4e8', fontSize: 18 } : undefined}>{t('situation.empty')}</span>}
    >
      {mayImport && !dark && <Link to="/admin/situation">{t('situation.goImport')}</Link>}
    </Empty>
  );
}

/** The dashboard's card: national totals beside the ranked provinces. */
export function SituationPanel({ refreshKey }: { refreshKey?: unknown }) {
  const { t, label } = useI18n();
  const { report, error } = useSituation(refreshKey);
  return (
    <Card
      size="small"
      title={t('situation.title')}
      data-testid="situation-panel"
      loading={report === undefined && !error}
      extra={report && <Typography.Text type="secondary">{t('situation.asOf', { time: formatTime(report.asOf) })}</Typography.Text>}
    >
      {error && <Typography.Text type="warning">{error}</Typography.Text>}
      {report === null && <NoReport />}
      {report && (
        <Row gutter={[16, 12]}>
          <Col xs={24} xl={8}>
            <Typography.Text strong>{t('situation.national')}</Typography.Text>
            <Row gutter={[8, 8]} style={{ marginTop: 8 }}>
              {SITUATION_FIGURES.map((f) => (
                <Col key={f} span={12}>
                  <Statistic
                    title={label(SITUATION_FIGURE_LABELS, f)}
                    value={show(report.totals[f])}
                    styles={{ content: { fontSize: 22, color: f === 'confirmedNew' || f === 'highRiskAreas' ? '#cf1322' : undefined } }}
                  />
                </Col>
              ))}
            </Row>
            <ReportMeta report={report} style={{ marginTop: 12, fontSize: 12, color: '#888' }} />
          </Col>
          <Col xs={24} xl={16}>
            <SituationTable rows={report.provinces} height={300} />
          </Col>
        </Row>
      )}
    </Card>
  );
}

const cell: CSSProperties = { padding: '3px 6px', textAlign: 'right', whiteSpace: 'nowrap' };

/** The big screen's panel body: the top provinces in a dark table, the time of the data below. */
export function SituationBoard({ refreshKey, rows: limit = 7 }: { refreshKey?: unknown; rows?: number }) {
  const { t, label } = useI18n();
  const { report } = useSituation(refreshKey);
  if (report === undefined) return null;
  if (report === null) return <NoReport dark />;
  const heading = (f: SituationFigure) => label(SITUATION_FIGURE_LABELS, f);
  return (
    <div data-testid="situation-board" style={{ display: 'flex', flexDirection: 'column', height: '100%', fontSize: 17 }}>
      <table style={{ width: '100%', borderCollapse: 'collapse', color: '#e6f2ff' }}>
        <thead>
          <tr style={{ color: '#8fb4e8', fontSize: 15, borderBottom: '1px solid rgba(80,160,255,0.35)' }}>
            <th style={{ ...cell, textAlign: 'left' }}>{t('situation.col.province')}</th>
            <th style={cell}>{heading('confirmedNew')}</th>
            <th style={cell}>{heading('asymptomaticNew')}</th>
            <th style={cell}>{heading('confirmedCurrent')}</th>
            <th style={cell}>{t('situation.riskAreas')}</th>
          </tr>
        </thead>
        <tbody>
          {report.provinces.slice(0, limit).map((p, i) => (
            <tr key={p.code} style={{ background: i % 2 ? 'rgba(10,40,90,0.45)' : 'transparent' }}>
              <td style={{ ...cell, textAlign: 'left' }}>{shortName(p.name)}</td>
              <td style={{ ...cell, color: (p.confirmedNew ?? 0) > 0 ? '#ff6b6b' : '#5ee0ff', fontWeight: 700 }}>{show(p.confirmedNew)}</td>
              <td style={{ ...cell, color: '#ffb84d' }}>{show(p.asymptomaticNew)}</td>
              <td style={cell}>{show(p.confirmedCurrent)}</td>
              <td style={cell}>
                {show(p.highRiskAreas)} / {show(p.mediumRiskAreas)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ flex: 1 }} />
      <ReportMeta report={report} style={{ fontSize: 14, lineHeight: 1.45, color: '#7e9cc8' }} />
    </div>
  );
}
