// 传播链: the case's cluster as an ECharts force graph — cases (circles; confirmed red, asymptomatic
// orange, other jurisdictions grey and unnamed), places (blue squares) and contacts (small triangles;
// secondary contacts diamonds), with a legend. A click on a case opens it. The counts above the graph
// say what is drawn, and how many contacts are only counted on their place.
import { escapeHtml } from '../../../../src/domain/html';
import { useMemo } from 'react';
import { Space, Tag, Typography } from 'antd';
import type { ChainNode, ChainView } from '../../api/caseTypes';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/texts';
import { CASE_STATUS_LABELS, CLASSIFICATION_LABELS, CONTACT_DEGREE_LABELS, EXPOSURE_SETTING_LABELS } from '../../i18n/labels';
import { Chart } from '../../components/Chart';
import type { EChartsCoreOption } from '../../components/echarts';
import { CLASSIFICATION_COLORS } from './CaseTags';

/** Graph categories, in legend order. */
const CATEGORIES: { key: string; text: MessageKey; color: string; symbol: string }[] = [
  { key: 'confirmed', text: 'chain.confirmed', color: CLASSIFICATION_COLORS.confirmed, symbol: 'circle' },
  { key: 'asymptomatic', text: 'chain.asymptomatic', color: CLASSIFICATION_COLORS.asymptomatic, symbol: 'circle' },
  { key: 'elsewhere', text: 'chain.elsewhere', color: '#8c8c8c', symbol: 'circle' },
  { key: 'place', text: 'chain.place', color: '#1d5fbf', symbol: 'roundRect' },
  { key: 'close', text: 'chain.close', color: '#5b8c00', symbol: 'triangle' },
  { key: 'secondary', text: 'chain.secondary', color: '#b7b7b7', symbol: 'diamond' },
];
const CATEGORY_INDEX = new Map(CATEGORIES.map((c, i) => [c.key, i]));

const EDGE_STYLES: Record<string, { color: string; width: number; type: 'solid' | 'dashed'; arrow: boolean }> = {
  infected: { color: '#cf1322', width: 2, type: 'solid', arrow: true },
  exposed: { color: '#1d5fbf', width: 1.5, type: 'solid', arrow: false },
  contact: { color: '#bfbfbf', width: 0.8, type: 'solid', arrow: false },
  secondary: { color: '#d9d9d9', width: 0.8, type: 'dashed', arrow: false },
  became_case: { color: '#cf1322', width: 1.5, type: 'dashed', arrow: true },
};

function categoryOf(n: ChainNode): string {
  if (n.kind === 'case') return n.hidden ? 'elsewhere' : n.classification ?? 'confirmed';
  if (n.kind === 'place') return 'place';
  return n.degree === 'secondary' ? 'secondary' : 'close';
}

export interface ChainCounts {
  cases: number;
  places: number;
  contacts: number;
}

export function chainCounts(chain: ChainView): ChainCounts {
  let cases = 0;
  let places = 0;
  let contacts = 0;
  for (const n of chain.nodes) {
    if (n.kind === 'case') cases++;
    else if (n.kind === 'place') places++;
    else contacts++;
  }
  return { cases, places, contacts };
}

export function ChainGraph({ chain, caseId, onOpenCase, height = 560 }: { chain: ChainView; caseId: string; onOpenCase(id: string): void; height?: number }) {
  const { t, label } = useI18n();
  const counts = chainCounts(chain);

  const option = useMemo<EChartsCoreOption>(() => {
    const names = CATEGORIES.map((c) => t(c.text));
    const tooltipOf = (n: ChainNode): string => {
      if (n.kind === 'case') {
        return [
          `<b>${escapeHtml(n.label ?? t('chain.elsewhereCase'))}</b>`,
          `${label(CLASSIFICATION_LABELS, n.classification)} · ${label(CASE_STATUS_LABELS, n.status)}`,
          n.reportedAt ? t('chain.reportedAt', { at: formatTime(n.reportedAt) }) : '',
        ].filter(Boolean).join('<br/>');
      }
      if (n.kind === 'place') {
        return [
          `<b>${escapeHtml(n.label ?? '')}</b>`,
          label(EXPOSURE_SETTING_LABELS, n.setting),
          `${formatTime(n.from)} ~ ${formatTime(n.to)}`,
          t('chain.placeContacts', { n: n.contacts ?? 0, shown: n.contactsShown ?? 0 }),
        ].join('<br/>');
      }
      return [`<b>${escapeHtml(n.label ?? '')}</b>`, label(CONTACT_DEGREE_LABELS, n.degree), n.positiveCaseId ? t('chain.becameCase') : ''].filter(Boolean).join('<br/>');
    };
    const data = chain.nodes.map((n) => {
      const category = CATEGORY_INDEX.get(categoryOf(n))!;
      const current = n.kind === 'case' && n.caseId === caseId;
      const positive = n.kind === 'contact' && !!n.positiveCaseId;
      return {
        id: n.id,
        name: n.label ?? (n.kind === 'case' ? t('chain.elsewhereCase') : ''),
        category,
        kind: n.kind,
        caseId: n.kind === 'case' && !n.hidden ? n.caseId : undefined,
        symbol: CATEGORIES[category].symbol,
        symbolSize: n.kind === 'case' ? (current ? 44 : 32) : n.kind === 'place' ? 24 : 11,
        itemStyle: current || positive ? { borderColor: current ? '#262626' : '#cf1322', borderWidth: current ? 3 : 2 } : undefined,
        label: { show: n.kind !== 'contact', position: 'right', fontSize: n.kind === 'case' ? 13 : 12, fontWeight: n.kind === 'case' ? 'bold' : 'normal' },
        tooltip: { formatter: tooltipOf(n) },
      };
    });
    const links = chain.edges.map((e) => {
      const s = EDGE_STYLES[e.kind];
      return {
        source: e.source,
        target: e.target,
        symbol: s.arrow ? ['none', 'arrow'] : ['none', 'none'],
        symbolSize: 8,
        lineStyle: { color: s.color, width: s.width, type: s.type, opacity: 0.9 },
      };
    });
    return {
      color: CATEGORIES.map((c) => c.color),
      tooltip: { trigger: 'item', confine: true },
      legend: [{ data: names, top: 0, left: 'center', itemGap: 18, selectedMode: true }],
      animationDuration: 600,
      series: [
        {
          type: 'graph',
          layout: 'force',
          top: 40,
          roam: true,
          draggable: true,
          categories: CATEGORIES.map((c, i) => ({ name: names[i], symbol: c.symbol, itemStyle: { color: c.color } })),
          data,
          links,
          force: { repulsion: data.length > 300 ? 40 : 180, gravity: 0.08, edgeLength: [30, 110], friction: 0.2 },
          emphasis: { focus: 'adjacency', label: { show: true } },
          lineStyle: { curveness: 0.05 },
          labelLayout: { hideOverlap: true },
        },
      ],
    };
  }, [chain, caseId, label, t]);

  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap data-testid="chain-counts" data-cases={counts.cases} data-places={counts.places} data-contacts={counts.contacts}>
        <Typography.Text>{t('chain.counts', { cases: counts.cases, places: counts.places, contacts: counts.contacts })}</Typography.Text>
        {chain.contactsNotShown > 0 && <Tag>{t('chain.notShown', { n: chain.contactsNotShown })}</Tag>}
        <Typography.Text type="secondary">{t('chain.hint')}</Typography.Text>
      </Space>
      <Chart
        option={option}
        height={height}
        testId="case-chain"
        onClick={(e) => {
          const d = e.data as { caseId?: string } | undefined;
          if (d?.caseId && d.caseId !== caseId) onOpenCase(d.caseId);
        }}
      />
    </Space>
  );
}
