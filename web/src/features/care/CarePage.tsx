// 关爱: people of the special groups (老弱病残孕, children alone) with their needs, and the care
// tasks for them (a medicine delivery, a ride to dialysis) with due times; overdue tasks stand out.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, Modal, Row, Segmented, Select, Space, Statistic, Switch, Table, Tabs, Tag } from 'antd';
import { EditOutlined, HeartOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { CARE_GROUPS, CARE_NEEDS, type CareGroup, type CareNeed } from '../../../../src/domain/enums';
import { can } from '../../../../src/domain/permissions';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { CareFlagView } from '../../api/observationTypes';
import { useUser } from '../../auth/AuthProvider';
import { JurisdictionPicker } from '../../components/JurisdictionPicker';
import { useApiData } from '../../components/useApiData';
import { usePaging } from '../../components/usePaging';
import { useI18n } from '../../i18n/I18nProvider';
import { CARE_GROUP_LABELS, CARE_NEED_LABELS } from '../../i18n/labels';
import { CareTaskTable } from './CareTaskTable';
import { CareFlagsModal, CareTaskModal, PersonSearchSelect } from './careModals';

type TaskFilter = 'open' | 'overdue' | 'done' | 'cancelled' | 'all';

function TasksTab({ within, canManage, reloadKey, onChanged }: { within?: string; canManage: boolean; reloadKey: number; onChanged(): void }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<TaskFilter>('open');
  const [mine, setMine] = useState(false);
  const query = {
    within,
    mine: mine || undefined,
    ...(filter === 'overdue' ? { overdue: true } : filter === 'all' ? {} : { status: filter }),
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Segmented<TaskFilter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'open', label: t('care.filterOpen') },
            { value: 'overdue', label: t('care.filterOverdue') },
            { value: 'done', label: t('care.filterDone') },
            { value: 'cancelled', label: t('care.filterCancelled') },
            { value: 'all', label: t('common.all') },
          ]}
        />
        <Space size={6}>
          <Switch size="small" checked={mine} onChange={setMine} />
          <span>{t('care.mine')}</span>
        </Space>
      </Space>
      <CareTaskTable query={query} canManage={canManage} reloadKey={reloadKey} onChanged={onChanged} />
    </Space>
  );
}

function FlagsTab({ within, canManage, reloadKey, onNewTask, onEdit }: {
  within?: string;
  canManage: boolean;
  reloadKey: number;
  onNewTask(f: CareFlagView): void;
  onEdit(f: CareFlagView): void;
}) {
  const { t, label } = useI18n();
  const [group, setGroup] = useState<CareGroup | undefined>();
  const [need, setNeed] = useState<CareNeed | undefined>();
  const { query: page, toFirstPage, pagination } = usePaging(20);
  const list = useApiData(
    (signal) => api.get<Page<CareFlagView>>('/care/flags', { within, group, need, ...page }, { signal }),
    [within, group, need, page.page, page.pageSize, reloadKey],
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          placeholder={t('care.groups')}
          style={{ width: 200 }}
          value={group}
          onChange={(v) => {
            setGroup(v);
            toFirstPage();
          }}
          options={CARE_GROUPS.map((g) => ({ value: g, label: label(CARE_GROUP_LABELS, g) }))}
        />
        <Select
          allowClear
          placeholder={t('care.needs')}
          style={{ width: 180 }}
          value={need}
          onChange={(v) => {
            setNeed(v);
            toFirstPage();
          }}
          options={CARE_NEEDS.map((n) => ({ value: n, label: label(CARE_NEED_LABELS, n) }))}
        />
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<CareFlagView>
        rowKey={(f) => f.person.id}
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('care.emptyFlags')} /> }}
        rowClassName={(f) => (f.overdueTasks > 0 ? 'care-overdue' : '')}
        pagination={pagination(list.data?.total ?? 0)}
        columns={[
          { title: t('arrivals.name'), render: (_, f) => <Link to={`/persons/${f.person.id}`}>{f.person.name}</Link> },
          { title: t('arrivals.phone'), render: (_, f) => <span style={{ fontFamily: 'monospace' }}>{f.person.phone ?? ''}</span> },
          { title: t('persons.residence'), render: (_, f) => f.person.jurisdiction.name },
          { title: t('care.groups'), render: (_, f) => f.groups.map((g) => <Tag key={g} color="purple">{label(CARE_GROUP_LABELS, g)}</Tag>) },
          { title: t('care.needs'), render: (_, f) => f.needs.map((n) => <Tag key={n} color="cyan">{label(CARE_NEED_LABELS, n)}</Tag>) },
          { title: t('care.note'), render: (_, f) => f.note ?? '' },
          {
            title: t('care.tasks'),
            render: (_, f) => (
              <Space size={4}>
                <span>{t('care.openTasks', { n: f.openTasks })}</span>
                {f.overdueTasks > 0 && <Tag color="red">{t('care.overdueTasks', { n: f.overdueTasks })}</Tag>}
              </Space>
            ),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, f: CareFlagView) => (
                    <Space size={4}>
                      <Button size="small" icon={<PlusOutlined />} onClick={() => onNewTask(f)}>
                        {t('care.newTask')}
                      </Button>
                      <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(f)}>
                        {t('common.edit')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}

function Counters({ within, reloadKey }: { within?: string; reloadKey: number }) {
  const { t } = useI18n();
  const counts = useApiData(
    async (signal) => {
      const [open, overdue, flags] = await Promise.all([
        api.get<Page<unknown>>('/care/tasks', { within, status: 'open', pageSize: 1 }, { signal }),
        api.get<Page<unknown>>('/care/tasks', { within, overdue: true, pageSize: 1 }, { signal }),
        api.get<Page<unknown>>('/care/flags', { within, pageSize: 1 }, { signal }),
      ]);
      return { open: open.total, overdue: overdue.total, flags: flags.total };
    },
    [within, reloadKey],
  );
  return (
    <Row gutter={12}>
      <Col span={8}>
        <Card size="small">
          <Statistic title={t('care.flagged')} value={counts.data?.flags ?? '—'} loading={counts.loading && !counts.data} />
        </Card>
      </Col>
      <Col span={8}>
        <Card size="small">
          <Statistic title={t('care.filterOpen')} value={counts.data?.open ?? '—'} loading={counts.loading && !counts.data} />
        </Card>
      </Col>
      <Col span={8}>
        <Card size="small">
          <Statistic
            title={t('care.filterOverdue')}
            value={counts.data?.overdue ?? '—'}
            loading={counts.loading && !counts.data}
            styles={{ content: { color: counts.data?.overdue ? '#cf1322' : undefined } }}
          />
        </Card>
      </Col>
    </Row>
  );
}

export function CarePage() {
  const user = useUser();
  const { t } = useI18n();
  const canManage = can(user.role, 'care:manage');
  const broad = user.role === 'admin' || user.role === 'command';
  const [within, setWithin] = useState<string | undefined>();
  const [tab, setTab] = useState('tasks');
  const [reloadKey, setReloadKey] = useState(0);
  const bump = () => setReloadKey((k) => k + 1);
  const [taskFor, setTaskFor] = useState<{ id: string; name: string; needs?: CareNeed[] } | null | undefined>(undefined);
  const [editing, setEditing] = useState<{ person: { id: string; name: string }; flag: CareFlagView | null } | null>(null);
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space>
            <HeartOutlined style={{ color: '#c41d7f' }} />
            {t('care.title')}
          </Space>
        }
        extra={
          <Space wrap>
            {broad && <JurisdictionPicker value={within} onChange={setWithin} placeholder={t('alerts.unitPlaceholder')} style={{ width: 300 }} />}
            <Button icon={<ReloadOutlined />} onClick={bump}>
              {t('common.refresh')}
            </Button>
            {canManage && (
              <>
                <Button icon={<PlusOutlined />} onClick={() => setPicking(true)}>
                  {t('care.flagPerson')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setTaskFor(null)}>
                  {t('care.newTask')}
                </Button>
              </>
            )}
          </Space>
        }
      >
        <Counters within={within} reloadKey={reloadKey} />
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'tasks', label: t('care.tabTasks'), children: <TasksTab within={within} canManage={canManage} reloadKey={reloadKey} onChanged={bump} /> },
            {
              key: 'flags',
              label: t('care.tabFlags'),
              children: (
                <FlagsTab
                  within={within}
                  canManage={canManage}
                  reloadKey={reloadKey}
                  onNewTask={(f) => setTaskFor({ id: f.person.id, name: f.person.name, needs: f.needs })}
                  onEdit={(f) => setEditing({ person: f.person, flag: f })}
                />
              ),
            },
          ]}
        />
      </Card>
      <CareTaskModal
        open={taskFor !== undefined}
        person={taskFor}
        onClose={() => setTaskFor(undefined)}
        onCreated={() => {
          setTaskFor(undefined);
          bump();
        }}
      />
      <Modal
        open={picking}
        title={t('care.flagPerson')}
        onCancel={() => setPicking(false)}
        okButtonProps={{ disabled: !picked }}
        onOk={() => {
          if (!picked) return;
          setPicking(false);
          setEditing({ person: picked, flag: null });
          setPicked(null);
        }}
        destroyOnHidden
      >
        <PersonSearchSelect value={picked?.id} onChange={(id) => setPicked({ id, name: '' })} onPickLabel={(name) => setPicked((p) => (p ? { ...p, name } : p))} />
      </Modal>
      {editing && (
        <CareFlagsModal
          open
          person={editing.person}
          flag={editing.flag}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            bump();
          }}
        />
      )}
    </Space>
  );
}
