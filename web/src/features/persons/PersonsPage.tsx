// 人员查询: find a person by name, phone tail, document number or compound; and, for the command
// centre and admins, 疑似重复: likely duplicates to review, merged by an admin (confirmed, undoable).
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Empty, Input, Radio, Space, Table, Tabs, Tag, Typography } from 'antd';
import { MergeCellsOutlined, ReloadOutlined, RollbackOutlined, SearchOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { DuplicateList, MergeView, PersonSummary } from '../../api/observationTypes';
import { useUser } from '../../auth/AuthProvider';
import { useApiData } from '../../components/useApiData';
import { formatTime } from '../../format';
import { stringFilters, useUrlList } from '../../components/useUrlList';
import { useI18n } from '../../i18n/I18nProvider';
import { DOCUMENT_TYPE_LABELS, DUPLICATE_RULE_LABELS } from '../../i18n/labels';

function useSexText() {
  const { t } = useI18n();
  return (sex: string | null) => (sex === 'male' ? t('detail.sex.male') : sex === 'female' ? t('detail.sex.female') : '—');
}

const personFilters = stringFilters(['q', 'compound'] as const);

function SearchTab() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const sexText = useSexText();
  const { filters, page, pageSize, setQuery, pagination } = useUrlList(personFilters);
  const q = filters.q ?? '';
  const compound = filters.compound ?? '';
  const [qText, setQText] = useState(q);
  const [compoundText, setCompoundText] = useState(compound);
  const list = useApiData(
    (signal) => api.get<Page<PersonSummary>>('/persons', { q: q || undefined, compound: compound || undefined, page, pageSize }, { signal }),
    [q, compound, page, pageSize],
  );
  const set = (next: { q: string; compound: string }) => setQuery({ q: next.q.trim(), compound: next.compound.trim() });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Input
          id="person-q"
          allowClear
          autoFocus
          prefix={<SearchOutlined />}
          style={{ width: 300 }}
          placeholder={t('persons.q')}
          value={qText}
          onChange={(e) => setQText(e.target.value)}
          onPressEnter={() => set({ q: qText, compound: compoundText })}
        />
        <Input
          allowClear
          style={{ width: 200 }}
          placeholder={t('persons.compound')}
          value={compoundText}
          onChange={(e) => setCompoundText(e.target.value)}
          onPressEnter={() => set({ q: qText, compound: compoundText })}
        />
        <Button type="primary" icon={<SearchOutlined />} onClick={() => set({ q: qText, compound: compoundText })}>
          {t('common.search')}
        </Button>
        <Button
          onClick={() => {
            setQText('');
            setCompoundText('');
            set({ q: '', compound: '' });
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<PersonSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('persons.empty')} /> }}
        onRow={(p) => ({ onClick: () => navigate(`/persons/${p.id}`), style: { cursor: 'pointer' } })}
        pagination={pagination(list.data?.total ?? 0)}
        columns={[
          { title: t('arrivals.name'), render: (_, p) => <Link to={`/persons/${p.id}`}>{p.name}</Link> },
          { title: t('desk.documentType'), render: (_, p) => label(DOCUMENT_TYPE_LABELS, p.documentType) },
          { title: t('arrivals.document'), render: (_, p) => <span style={{ fontFamily: 'monospace' }}>{p.documentNumber}</span> },
          { title: t('arrivals.phone'), render: (_, p) => <span style={{ fontFamily: 'monospace' }}>{p.phone ?? ''}</span> },
          { title: t('detail.birthYear'), render: (_, p) => p.birthYear ?? '—' },
          { title: t('detail.sex'), render: (_, p) => sexText(p.sex) },
          { title: t('persons.residence'), render: (_, p) => p.jurisdictionName },
          { title: t('persons.lastArrival'), render: (_, p) => formatTime(p.lastArrivalAt) || '—' },
        ]}
      />
    </Space>
  );
}

type Group = DuplicateList['groups'][number];

function DuplicateGroup({ group, canMerge, onMerged }: { group: Group; canMerge: boolean; onMerged(m: MergeView, names: { survivor: string; merged: string }): void }) {
  const { t, label } = useI18n();
  const { message, modal } = AntApp.useApp();
  const sexText = useSexText();
  const [survivorId, setSurvivorId] = useState(group.persons[0]?.id);
  const survivor = group.persons.find((p) => p.id === survivorId);

  const merge = (merged: PersonSummary) => {
    if (!survivor) return;
    modal.confirm({
      title: t('dup.confirmTitle'),
      content: (
        <div data-testid="merge-confirm">
          <Typography.Paragraph>
            {t('dup.confirmText', { merged: `${merged.name}（${merged.documentNumber}）`, survivor: `${survivor.name}（${survivor.documentNumber}）` })}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('dup.confirmUndo')}</Typography.Text>
        </div>
      ),
      okText: t('dup.merge'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const res = await api.post<MergeView>('/persons/merge', { survivorId: survivor.id, mergedId: merged.id });
          onMerged(res, { survivor: survivor.name, merged: merged.name });
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });
  };

  return (
    <Card size="small" data-testid="duplicate-group" title={<Tag color="orange">{label(DUPLICATE_RULE_LABELS, group.rule)}</Tag>} style={{ marginBottom: 12 }}>
      <Table<PersonSummary>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={group.persons}
        columns={[
          ...(canMerge
            ? [
                {
                  title: t('dup.keep'),
                  width: 70,
                  render: (_: unknown, p: PersonSummary) => <Radio checked={p.id === survivorId} onChange={() => setSurvivorId(p.id)} aria-label={p.name} />,
                },
              ]
            : []),
          { title: t('arrivals.name'), render: (_, p) => <Link to={`/persons/${p.id}`}>{p.name}</Link> },
          { title: t('desk.documentType'), render: (_, p) => label(DOCUMENT_TYPE_LABELS, p.documentType) },
          { title: t('arrivals.document'), render: (_, p) => <span style={{ fontFamily: 'monospace' }}>{p.documentNumber}</span> },
          { title: t('arrivals.phone'), render: (_, p) => <span style={{ fontFamily: 'monospace' }}>{p.phone ?? ''}</span> },
          { title: t('detail.birthYear'), render: (_, p) => p.birthYear ?? '—' },
          { title: t('detail.sex'), render: (_, p) => sexText(p.sex) },
          { title: t('persons.residence'), render: (_, p) => p.jurisdictionName },
          ...(canMerge
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, p: PersonSummary) =>
                    p.id === survivorId ? (
                      <Tag color="blue">{t('dup.survivor')}</Tag>
                    ) : (
                      <Button size="small" danger icon={<MergeCellsOutlined />} onClick={() => merge(p)}>
                        {t('dup.mergeInto')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function DuplicatesTab() {
  const user = useUser();
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const canMerge = user.role === 'admin';
  const list = useApiData((signal) => api.get<DuplicateList>('/persons/duplicates', { limit: 100 }, { signal }), []);
  const [recent, setRecent] = useState<{ merge: MergeView; survivor: string; merged: string }[]>([]);
  const groups = useMemo(() => list.data?.groups ?? [], [list.data]);

  const undo = async (m: MergeView) => {
    try {
      const res = await api.post<MergeView>(`/persons/merges/${encodeURIComponent(m.id)}/undo`, {});
      setRecent((r) => r.map((x) => (x.merge.id === m.id ? { ...x, merge: res } : x)));
      message.success(t('dup.undone'));
      await list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space>
        <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
          {t('common.refresh')}
        </Button>
        <Typography.Text type="secondary">{canMerge ? t('dup.hintAdmin') : t('dup.hintReview')}</Typography.Text>
      </Space>
      {recent.length > 0 && (
        <Card size="small" title={t('dup.recent')}>
          {recent.map(({ merge, survivor, merged }) => (
            <Space key={merge.id} style={{ display: 'flex', marginBottom: 4 }}>
              <span>{t('dup.mergedLine', { merged, survivor, time: formatTime(merge.mergedAt) })}</span>
              {merge.undoneAt ? (
                <Tag>{t('dup.undoneTag')}</Tag>
              ) : (
                <Button size="small" icon={<RollbackOutlined />} onClick={() => void undo(merge)}>
                  {t('dup.undo')}
                </Button>
              )}
            </Space>
          ))}
        </Card>
      )}
      {list.error && <Alert type="error" showIcon title={list.error} />}
      {list.loading && !list.data ? (
        <Card loading size="small" />
      ) : groups.length === 0 ? (
        <Empty description={t('dup.empty')} />
      ) : (
        groups.map((g) => (
          <DuplicateGroup
            key={g.rule + g.persons.map((p) => p.id).join()}
            group={g}
            canMerge={canMerge}
            onMerged={(m, names) => {
              message.success(t('dup.merged'));
              setRecent((r) => [{ merge: m, ...names }, ...r]);
              void list.reload();
            }}
          />
        ))
      )}
    </Space>
  );
}

export function PersonsPage() {
  const user = useUser();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const mayReview = user.role === 'admin' || user.role === 'command';
  const tab = mayReview && params.get('tab') === 'duplicates' ? 'duplicates' : 'search';
  return (
    <Card title={t('persons.title')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'duplicates' ? { tab: k } : {})}
        items={[
          { key: 'search', label: t('persons.tabSearch'), children: <SearchTab /> },
          ...(mayReview ? [{ key: 'duplicates', label: t('persons.tabDuplicates'), children: <DuplicatesTab /> }] : []),
        ]}
      />
    </Card>
  );
}
