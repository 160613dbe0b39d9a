// 聚集性疫情: clusters with a case in the caller's jurisdiction, largest first, with their cases,
// contacts, first and last report and first place. A click opens a case of the cluster, where its
// transmission chain is drawn; clusters can be named there or here.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { can } from '../../../../src/domain/permissions';
import { api } from '../../api/client';
import type { CaseView, ClusterView } from '../../api/caseTypes';
import type { Page } from '../../api/types';
import { useUser } from '../../auth/AuthProvider';
import { useApiData } from '../../components/useApiData';
import { formatTime } from '../../format';
import { useUrlList } from '../../components/useUrlList';
import { useI18n } from '../../i18n/I18nProvider';
import { EnterSubmits } from './formParts';

function placeText(c: ClusterView): string {
  const p = c.firstPlace;
  if (!p) return '';
  return [p.name, p.address].filter(Boolean).join(' ');
}

/** Clusters of at least two cases unless the URL asks for another size. */
const clusterFilters = (params: URLSearchParams) => ({ minSize: Number(params.get('minSize') ?? 2) || 2 });

export function ClustersPage() {
  const user = useUser();
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const { filters, page, pageSize, setQuery, pagination } = useUrlList(clusterFilters);
  const { minSize } = filters;
  const [renaming, setRenaming] = useState<ClusterView | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string }>();
  const mayWork = can(user.role, 'cases:work');
  const list = useApiData((signal) => api.get<Page<ClusterView>>('/clusters', { minSize, page, pageSize }, { signal }), [minSize, page, pageSize]);
  const data = list.data ?? { total: 0, items: [] };

  /** Opens a case of the cluster that the caller may see (the latest reported). */
  const open = async (c: ClusterView) => {
    setOpening(c.id);
    try {
      const cases = await api.get<Page<CaseView>>('/cases', { clusterId: c.id, pageSize: 1 });
      if (cases.items[0]) navigate(`/cases/${cases.items[0].id}`);
      else message.info(t('clusters.noVisibleCase'));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setOpening(null);
    }
  };

  const rename = async ({ name }: { name: string }) => {
    if (!renaming) return;
    try {
      await api.patch(`/clusters/${encodeURIComponent(renaming.id)}`, { name: name.trim() });
      message.success(t('cluster.renamed', { name: name.trim() }));
      setRenaming(null);
      void list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Card
      size="small"
      title={t('clusters.title')}
      extra={
        <Space>
          <Typography.Text>{t('clusters.minSize')}</Typography.Text>
          <Select
            id="clusters-min-size"
            value={minSize}
            style={{ width: 140 }}
            onChange={(v) => setQuery({ minSize: v })}
            options={[1, 2, 3, 5, 10].map((n) => ({ value: n, label: t('clusters.atLeast', { n }) }))}
          />
        </Space>
      }
    >
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<ClusterView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={data.items}
        data-testid="clusters-table"
        locale={{ emptyText: <Empty description={t('clusters.empty')} /> }}
        onRow={(c) => ({ onClick: () => void open(c), style: { cursor: opening === c.id ? 'progress' : 'pointer' } })}
        pagination={pagination(data.total)}
        columns={[
          {
            title: t('cluster.name'),
            render: (_, c) => (
              <Space size={4}>
                <Typography.Text strong>{c.name ?? t('cluster.unnamed')}</Typography.Text>
                {mayWork && (
                  <Button
                    size="small"
                    type="link"
                    icon={<EditOutlined />}
                    aria-label={t('cluster.rename')}
                    onClick={(e) => {
                      e.stopPropagation();
                      form.setFieldsValue({ name: c.name ?? (placeText(c) ? t('cluster.suggestion', { place: placeText(c) }) : '') });
                      setRenaming(c);
                    }}
                  />
                )}
              </Space>
            ),
          },
          { title: t('clusters.size'), width: 90, render: (_, c) => <span data-testid="cluster-size">{c.size}</span> },
          { title: t('clusters.contacts'), width: 90, render: (_, c) => c.contacts },
          { title: t('clusters.first'), width: 150, render: (_, c) => formatTime(c.firstReportedAt) },
          { title: t('clusters.last'), width: 150, render: (_, c) => formatTime(c.lastReportedAt) },
          { title: t('clusters.firstPlace'), render: (_, c) => placeText(c) || '—' },
        ]}
      />
      <Modal
        open={!!renaming}
        title={t('cluster.rename')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setRenaming(null)}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => void rename(v)}>
          <Form.Item name="name" label={t('cluster.name')} extra={t('cluster.nameHint')} rules={[{ required: true, whitespace: true, message: t('form.required', { field: t('cluster.name') }) }]}>
            <Input id="clusters-name" maxLength={100} />
          </Form.Item>
          <EnterSubmits />
        </Form>
      </Modal>
    </Card>
  );
}
