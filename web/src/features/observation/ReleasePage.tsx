// 解除观察: people whose period has ended, with what still blocks each release (period not over,
// missing checks, open alerts); release a selection in one action after a confirmation, then
// open each person's release notice (解除医学观察告知书) in a new window to print.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Empty, List, Space, Table, Tabs, Tag, Typography } from 'antd';
import { FileTextOutlined, ReloadOutlined, UnlockOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { ObservationView, ReleaseResult } from '../../api/observationTypes';
import { useApiData } from '../../components/useApiData';
import { formatTime } from '../../format';
import { usePaging } from '../../components/usePaging';
import { openNotice } from './releaseNotice';
import { useI18n } from '../../i18n/I18nProvider';
import { OBSERVATION_KIND_LABELS, RELEASE_BLOCKER_LABELS } from '../../i18n/labels';


function NoticeButton({ id, primary }: { id: string; primary?: boolean }) {
  const { t } = useI18n();
  return (
    <Button size="small" type={primary ? 'primary' : 'default'} icon={<FileTextOutlined />} onClick={() => openNotice(id)} data-testid={`notice-${id}`}>
      {t('release.openNotice')}
    </Button>
  );
}

function DueList() {
  const { t, label } = useI18n();
  const { message, modal } = AntApp.useApp();
  const { query: page, pagination } = usePaging(50);
  const [selected, setSelected] = useState<string[]>([]);
  const [releasing, setReleasing] = useState(false);
  const [done, setDone] = useState<{ released: ObservationView[]; refused: (ReleaseResult['refused'][number] & { name: string })[] } | null>(null);
  const list = useApiData(
    (signal) => api.get<Page<ObservationView>>('/observations', { due: 'today', status: 'active', ...page }, { signal }),
    [page.page, page.pageSize],
  );
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const releasable = items.filter((o) => o.releaseBlockers.length === 0);

  const release = (ids: string[]) => {
    const people = items.filter((o) => ids.includes(o.id));
    if (!people.length) return;
    modal.confirm({
      title: t('release.confirmTitle', { n: people.length }),
      content: (
        <div>
          <Typography.Paragraph>{t('release.confirmText')}</Typography.Paragraph>
          <Typography.Paragraph strong data-testid="release-confirm-names">
            {people.map((o) => o.person.name).join('、')}
          </Typography.Paragraph>
        </div>
      ),
      okText: t('release.confirmOk'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setReleasing(true);
        try {
          const res = await api.post<ReleaseResult>('/observations/release', { ids: people.map((o) => o.id) });
          const byId = new Map(people.map((o) => [o.id, o]));
          setDone({
            released: res.released.map((id) => byId.get(id)!).filter(Boolean),
            refused: res.refused.map((r) => ({ ...r, name: byId.get(r.id)?.person.name ?? r.id })),
          });
          if (res.released.length) message.success(t('release.released', { n: res.released.length }));
          if (res.refused.length) message.warning(t('release.refusedCount', { n: res.refused.length }));
          setSelected([]);
          await list.reload();
        } catch (e) {
          message.error((e as Error).message);
        } finally {
          setReleasing(false);
        }
      },
    });
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {done && (done.released.length > 0 || done.refused.length > 0) && (
        <Card size="small" title={t('release.resultTitle')} data-testid="release-result" styles={{ header: { background: '#f6ffed' } }}>
          {done.released.length > 0 && (
            <List
              size="small"
              dataSource={done.released}
              renderItem={(o) => (
                <List.Item actions={[<NoticeButton key="n" id={o.id} primary />]}>
                  <Space>
                    <Tag color="green">{t('release.releasedTag')}</Tag>
                    <Typography.Text strong>{o.person.name}</Typography.Text>
                    <span style={{ fontFamily: 'monospace' }}>{o.person.documentNumber}</span>
                  </Space>
                </List.Item>
              )}
            />
          )}
          {done.refused.map((r) => (
            <Alert key={r.id} type="error" showIcon style={{ marginTop: 8 }} title={`${r.name}：${r.message}`} />
          ))}
        </Card>
      )}
      <Space wrap>
        <Button
          type="primary"
          icon={<UnlockOutlined />}
          disabled={!selected.length}
          loading={releasing}
          onClick={() => release(selected)}
          data-testid="release-selected"
        >
          {t('release.releaseSelected', { n: selected.length })}
        </Button>
        <Button disabled={!releasable.length} onClick={() => setSelected(releasable.map((o) => o.id))}>
          {t('release.selectReleasable', { n: releasable.length })}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
          {t('common.refresh')}
        </Button>
        <Typography.Text type="secondary">{t('release.hint')}</Typography.Text>
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<ObservationView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('release.empty')} /> }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (o) => ({ disabled: o.releaseBlockers.length > 0, 'aria-label': o.person.name }),
        }}
        pagination={pagination(list.data?.total ?? 0)}
        columns={[
          { title: t('arrivals.name'), render: (_, o) => <Link to={`/persons/${o.person.id}`}>{o.person.name}</Link> },
          { title: t('arrivals.document'), render: (_, o) => <span style={{ fontFamily: 'monospace' }}>{o.person.documentNumber}</span> },
          { title: t('alerts.unit'), render: (_, o) => o.unit.name },
          { title: t('checks.kind'), render: (_, o) => label(OBSERVATION_KIND_LABELS, o.kind) },
          { title: t('release.period'), render: (_, o) => `${o.startDay} ~ ${o.endDay}` },
          {
            title: t('release.blockers'),
            render: (_, o) =>
              o.releaseBlockers.length ? (
                <Space size={4} wrap>
                  {o.releaseBlockers.map((b) => (
                    <Tag key={b} color="red" data-testid="blocker">
                      {label(RELEASE_BLOCKER_LABELS, b)}
                      {b === 'missing_checks' ? ` ${o.missing}` : b === 'open_alerts' ? ` ${o.openAlerts}` : ''}
                    </Tag>
                  ))}
                </Space>
              ) : (
                <Tag color="green">{t('release.ready')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            render: (_, o) => (
              <Button size="small" disabled={o.releaseBlockers.length > 0} onClick={() => release([o.id])}>
                {t('release.releaseOne')}
              </Button>
            ),
          },
        ]}
      />
    </Space>
  );
}

function ReleasedList() {
  const { t, label } = useI18n();
  const { query: page, pagination } = usePaging(20);
  const list = useApiData(
    (signal) => api.get<Page<ObservationView>>('/observations', { status: 'released', ...page }, { signal }),
    [page.page, page.pageSize],
  );
  return (
    <>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 8 }} />}
      <Table<ObservationView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('release.emptyReleased')} /> }}
        pagination={pagination(list.data?.total ?? 0)}
        columns={[
          { title: t('arrivals.name'), render: (_, o) => <Link to={`/persons/${o.person.id}`}>{o.person.name}</Link> },
          { title: t('arrivals.document'), render: (_, o) => <span style={{ fontFamily: 'monospace' }}>{o.person.documentNumber}</span> },
          { title: t('alerts.unit'), render: (_, o) => o.unit.name },
          { title: t('checks.kind'), render: (_, o) => label(OBSERVATION_KIND_LABELS, o.kind) },
          { title: t('release.period'), render: (_, o) => `${o.startDay} ~ ${o.endDay}` },
          { title: t('release.releasedAt'), render: (_, o) => formatTime(o.endedAt) },
          { title: t('common.actions'), render: (_, o) => <NoticeButton id={o.id} /> },
        ]}
      />
    </>
  );
}

export function ReleasePage() {
  const { t } = useI18n();
  const [tab, setTab] = useState('due');
  return (
    <Card title={t('release.title')}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'due', label: t('release.tabDue'), children: <DueList /> },
          { key: 'released', label: t('release.tabReleased'), children: <ReleasedList /> },
        ]}
      />
    </Card>
  );
}
