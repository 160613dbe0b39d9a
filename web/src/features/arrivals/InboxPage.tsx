// 待接收: arrivals waiting for my unit, received with one click (or ↑↓ + Enter); refreshes every 30 s.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App as AntApp, Badge, Button, Card, Empty, Space, Table, Typography } from 'antd';
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { ArrivalView, Page } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { formatClock, formatTime } from '../../format';
import { DispositionTag, HealthCodeTag, OverdueTag, StageTag, TemperatureText } from '../../components/StatusTags';
import { WaitingTime } from '../../components/WaitingTime';

const REFRESH_MS = 30_000;

function useInbox() {
  const [data, setData] = useState<Page<ArrivalView>>({ total: 0, items: [] });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [refreshedAt, setRefreshedAt] = useState<Date | null>(null);
  const load = useCallback(async () => {
    try {
      const res = await api.get<Page<ArrivalView>>('/arrivals/inbox', { pageSize: 200 });
      setData(res);
      setError(null);
      setRefreshedAt(new Date());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
    const h = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(h);
  }, [load]);
  return { data, loading, error, refreshedAt, load };
}

export function InboxPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const { data, loading, error, refreshedAt, load } = useInbox();
  const [active, setActive] = useState(0);
  const [receiving, setReceiving] = useState<string | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const items = data.items;

  useEffect(() => {
    if (active >= items.length) setActive(Math.max(0, items.length - 1));
  }, [items.length, active]);

  const receive = async (a: ArrivalView) => {
    if (receiving) return;
    setReceiving(a.id);
    try {
      await api.post<ArrivalView>(`/arrivals/${a.id}/receive`, {});
      message.success(t('inbox.received', { name: a.person.name }));
      await load();
      tableRef.current?.focus();
    } catch (e) {
      message.error((e as Error).message);
      await load();
    } finally {
      setReceiving(null);
    }
  };

  return (
    <Card
      title={
        <Space>
          {t('inbox.title')}
          <Badge count={data.total} showZero color={data.total ? '#1d5fbf' : '#bfbfbf'} />
        </Space>
      }
      extra={
        <Space>
          <Typography.Text type="secondary">
            {t('inbox.autoRefresh')}
            {refreshedAt ? ' · ' + t('common.lastRefresh', { time: formatClock(refreshedAt) }) : ''}
          </Typography.Text>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('common.refresh')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {items.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('inbox.keyboardHint')}
        </Typography.Paragraph>
      )}
      <div
        ref={tableRef}
        tabIndex={0}
        aria-label={t('inbox.title')}
        style={{ outline: 'none' }}
        onKeyDown={(e) => {
          if (e.target !== e.currentTarget || !items.length) return;
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((i) => Math.min(items.length - 1, i + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(0, i - 1));
          } else if (e.key === 'Enter' && items[active]) {
            e.preventDefault();
            void receive(items[active]);
          }
        }}
      >
        <Table<ArrivalView>
          rowKey="id"
          loading={loading}
          dataSource={items}
          pagination={false}
          size="middle"
          locale={{ emptyText: <Empty description={t('inbox.empty')} /> }}
          onRow={(_, index) => ({
            onClick: () => setActive(index ?? 0),
            style: index === active ? { background: '#e6f4ff' } : undefined,
          })}
          rowClassName={(a) => (a.overdue ? 'inbox-overdue' : '')}
          columns={[
            {
              title: t('arrivals.name'),
              render: (_, a) => (
                <Space>
                  <Link to={`/arrivals/${a.id}`}>{a.person.name}</Link>
                  {a.overdue && <OverdueTag />}
                </Space>
              ),
            },
            { title: t('detail.healthCode'), render: (_, a) => <HealthCodeTag color={a.healthCode.color} /> },
            { title: t('arrivals.temperature'), render: (_, a) => <TemperatureText value={a.temperature} abnormal={a.abnormalTemperature} /> },
            { title: t('arrivals.disposition'), render: (_, a) => <DispositionTag disposition={a.disposition} /> },
            { title: t('arrivals.destination'), render: (_, a) => `${a.destination.path}${a.destination.compound ? ' · ' + a.destination.compound : ''}` },
            { title: t('arrivals.stage'), render: (_, a) => <StageTag stage={a.stage} /> },
            {
              title: t('inbox.waiting'),
              render: (_, a) => (
                <Typography.Text type={a.overdue ? 'danger' : undefined} strong={a.overdue}>
                  <WaitingTime since={a.stageSince} />
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {formatTime(a.stageSince)}
                  </Typography.Text>
                </Typography.Text>
              ),
            },
            {
              title: t('common.actions'),
              render: (_, a) => (
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={receiving === a.id}
                  onClick={(e) => {
                    e.stopPropagation();
                    void receive(a);
                  }}
                >
                  {t('inbox.receive')}
                </Button>
              ),
            },
          ]}
        />
      </div>
      <style>{'.inbox-overdue td:first-child { box-shadow: inset 4px 0 0 #cf1322; }'}</style>
    </Card>
  );
}
