// 协查: what other jurisdictions gave or reported about persons living here, decided one by one.
// Cards rather than a table: the page is also worked on phones.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Static } from '@fastify/type-provider-typebox';
import { Alert, App as AntApp, Button, Card, Descriptions, Empty, Input, Pagination, Popconfirm, Segmented, Space, Spin, Tag, Typography } from 'antd';
import type { AssistanceList, AssistanceView } from '../../../../src/modules/assistance/schemas';
import { api } from '../../api/client';
import { useApiData } from '../../components/useApiData';
import { useUrlList } from '../../components/useUrlList';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTime } from '../../format';

type Request = Static<typeof AssistanceView>;
type List = Static<typeof AssistanceList>;
type Values = NonNullable<Request['proposed']>;

function ValuesText({ v }: { v: Values | null }) {
  const { t } = useI18n();
  if (!v) return <>—</>;
  return (
    <Space orientation="vertical" size={0}>
      {v.name !== undefined && <span>{t('assistance.name')}：{v.name}</span>}
      {v.phone !== undefined && <span>{t('assistance.phone')}：<span style={{ fontFamily: 'monospace' }}>{v.phone ?? '—'}</span></span>}
      {v.residence !== undefined && <span>{t('assistance.residence')}：{v.residence.name}</span>}
    </Space>
  );
}

function RequestCard({ r, onDecided }: { r: Request; onDecided: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const decide = async (decision: 'accept' | 'link' | 'reject') => {
    setBusy(decision);
    try {
      await api.post(`/assistance/${r.id}/decision`, { decision, ...(note.trim() ? { note: note.trim() } : {}) });
      message.success(t(`assistance.done.${decision}`));
      onDecided();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const open = r.status === 'open';
  return (
    <Card size="small" data-testid="assistance-request" title={<Space wrap><Tag color="blue">{t(`assistance.kind.${r.kind}`)}</Tag><Link to={`/persons/${r.person.id}`}>{r.person.name}</Link></Space>}
      extra={!open && <Tag>{t(`assistance.status.${r.status}`)}</Tag>}>
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
        <Descriptions.Item label={t('assistance.document')}><span style={{ fontFamily: 'monospace' }}>{r.person.documentNumber}</span></Descriptions.Item>
        <Descriptions.Item label={t('assistance.residence')}>{r.person.residence.name}</Descriptions.Item>
        <Descriptions.Item label={t('assistance.from')}>{r.requester.jurisdiction.name}（{r.requester.userName}）</Descriptions.Item>
        <Descriptions.Item label={t('assistance.at')}>{formatTime(r.createdAt)}</Descriptions.Item>
        {r.kind === 'identity' && <Descriptions.Item label={t('assistance.onRecord')}><ValuesText v={r.previous ?? { name: r.person.name }} /></Descriptions.Item>}
        {r.kind === 'identity' && <Descriptions.Item label={t('assistance.given')}><ValuesText v={r.proposed} /></Descriptions.Item>}
        {r.targetCaseId && <Descriptions.Item label={t('assistance.case')}><Link to={`/cases/${r.targetCaseId}`}>{t('assistance.openCase')}</Link></Descriptions.Item>}
        {r.note && <Descriptions.Item label={t('assistance.note')}>{r.note}</Descriptions.Item>}
      </Descriptions>
      {open && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} autoSize placeholder={t('assistance.notePlaceholder')} aria-label={t('assistance.note')} />
          <Space wrap>
            {r.kind === 'identity'
              ? <Popconfirm title={t('assistance.confirmAccept')} onConfirm={() => void decide('accept')}><Button type="primary" size="large" loading={busy === 'accept'}>{t('assistance.accept')}</Button></Popconfirm>
              : <Popconfirm title={t(`assistance.confirmLink.${r.kind}`)} onConfirm={() => void decide('link')}><Button type="primary" size="large" loading={busy === 'link'}>{t('assistance.link')}</Button></Popconfirm>}
            <Button size="large" danger loading={busy === 'reject'} onClick={() => void decide('reject')}>{t('assistance.reject')}</Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}

const assistanceFilters = (params: URLSearchParams) => ({ status: params.get('status') === 'decided' ? ('decided' as const) : ('open' as const) });

export function AssistancePage() {
  const { t } = useI18n();
  const { filters, page, pageSize, setQuery, pagination } = useUrlList(assistanceFilters);
  const { status } = filters;
  const { data, loading, error, reload } = useApiData<List>((signal) => api.get<List>('/assistance', { status, page, pageSize }, { signal }), [status, page, pageSize]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{t('assistance.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('assistance.hint')}</Typography.Text>
      <Segmented value={status} onChange={(v) => setQuery({ status: v as 'open' | 'decided' })}
        options={[{ value: 'open', label: t('assistance.open') }, { value: 'decided', label: t('assistance.decided') }]} />
      {error && <Alert type="error" showIcon message={error} />}
      <Spin spinning={loading}>
        {data && !data.items.length ? <Empty description={t(status === 'open' ? 'assistance.emptyOpen' : 'assistance.emptyDecided')} /> : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {data?.items.map((r) => <RequestCard key={r.id} r={r} onDecided={() => void reload()} />)}
          </Space>
        )}
      </Spin>
      {data && data.total > pageSize && <Pagination {...pagination(data.total)} />}
    </Space>
  );
}
