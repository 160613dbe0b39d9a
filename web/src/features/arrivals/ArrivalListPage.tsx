// 入境人员: every arrival the user may see, filtered, paginated, exportable; a row opens the detail.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Empty, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { ArrivalView, Page } from '../../api/types';
import { useUser } from '../../auth/AuthProvider';
import { can } from '../../../../src/domain/permissions';
import { ArrivalFilters, FILTER_KEYS, type ArrivalFilterValues } from '../../components/ArrivalFilters';
import { DispositionTag, HealthCodeTag, OverdueTag, StageTag, TemperatureText } from '../../components/StatusTags';
import { useEntryPoints } from '../../components/useReferenceLists';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n/I18nProvider';
import { useUrlList } from '../../components/useUrlList';

function filtersOf(params: URLSearchParams): ArrivalFilterValues {
  const f: Record<string, string | boolean> = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v === null || v === '') continue;
    f[k] = k === 'abnormal' || k === 'overdue' ? v === 'true' : v;
  }
  return f as ArrivalFilterValues;
}

export function ArrivalListPage() {
  const user = useUser();
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const entryPoints = useEntryPoints();
  const { filters, page, pageSize, setQuery, pagination } = useUrlList(filtersOf);
  const [data, setData] = useState<Page<ArrivalView>>({ total: 0, items: [] });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api
      .get<Page<ArrivalView>>('/arrivals', { ...filters, page, pageSize }, { signal: controller.signal })
      .then((res) => {
        setData(res);
        setError(null);
      })
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setError(e.message);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [filters, page, pageSize]);


  const exportAs = async (format: 'csv' | 'xlsx') => {
    setExporting(format);
    try {
      await api.download('/arrivals/export', { ...filters, format }, `arrivals.${format}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(null);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <ArrivalFilters key={JSON.stringify(filters)} value={filters} onChange={(f) => setQuery(f)} entryPoints={entryPoints.items} within={user.jurisdictionCode} />
      </Card>
      <Card
        size="small"
        title={t('arrivals.title')}
        extra={
          can(user.role, 'arrivals:export') && (
            <Space>
              <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} onClick={() => void exportAs('csv')}>
                {t('arrivals.exportCsv')}
              </Button>
              <Button icon={<DownloadOutlined />} loading={exporting === 'xlsx'} onClick={() => void exportAs('xlsx')}>
                {t('arrivals.exportXlsx')}
              </Button>
            </Space>
          )
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<ArrivalView>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={data.items}
          scroll={{ x: 1500 }}
          locale={{ emptyText: <Empty description={t('arrivals.empty')} /> }}
          onRow={(a) => ({ onClick: () => navigate(`/arrivals/${a.id}`), style: { cursor: 'pointer' } })}
          pagination={pagination(data.total)}
          columns={[
            { title: t('arrivals.registeredAt'), width: 140, fixed: 'left', render: (_, a) => formatTime(a.registeredAt) },
            {
              title: t('arrivals.name'),
              width: 120,
              fixed: 'left',
              render: (_, a) => (
                <Space size={4}>
                  {a.person.name}
                  {a.overdue && <OverdueTag />}
                </Space>
              ),
            },
            { title: t('arrivals.disposition'), width: 140, render: (_, a) => <DispositionTag disposition={a.disposition} /> },
            { title: t('arrivals.stage'), width: 150, render: (_, a) => <StageTag stage={a.stage} /> },
            { title: t('arrivals.temperature'), width: 80, render: (_, a) => <TemperatureText value={a.temperature} abnormal={a.abnormalTemperature} /> },
            { title: t('detail.healthCode'), width: 80, render: (_, a) => <HealthCodeTag color={a.healthCode.color} /> },
            { title: t('arrivals.origin'), width: 100, render: (_, a) => a.origin.name },
            { title: t('arrivals.destination'), width: 260, render: (_, a) => a.destination.path },
            { title: t('arrivals.holder'), width: 130, render: (_, a) => a.holder?.name ?? '—' },
            { title: t('arrivals.document'), width: 180, render: (_, a) => <span style={{ fontFamily: 'monospace' }}>{a.person.documentNumber}</span> },
            { title: t('arrivals.phone'), width: 120, render: (_, a) => <span style={{ fontFamily: 'monospace' }}>{a.person.phone ?? ''}</span> },
          ]}
        />
      </Card>
    </Space>
  );
}
